/**
 * The installed entry point as users reach it: `npm run build`, then the package's own `bin`
 * (dist/src/cli/main.js, shebang and all) run by its path, as npm's bin link runs it. The test executes the
 * file itself rather than `npx spillway`: npx resolves a checkout's own bin through a per-machine cache under
 * ~/.npm/_npx, and a cache entry made before a build holds no bin link, so `npx` answered 127 on a CI machine
 * whose cache predates the build — a property of that machine, not of the package.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './serverProcess.js';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const BIN_PATH = join(REPO_ROOT, manifest.bin['spillway'] ?? 'missing-bin');
const OWNER_EXECUTE_BIT = 0o100;

async function spillway(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN_PATH, [...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the spillway bin after npm run build', () => {
  it('is an executable node script and answers with its exit codes', async () => {
    await run('npm', ['run', 'build'], { cwd: REPO_ROOT });
    expect(readFileSync(BIN_PATH, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(BIN_PATH).mode & OWNER_EXECUTE_BIT).toBe(OWNER_EXECUTE_BIT);

    const version = await spillway(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);

    // httpbin-after's one finding is SPW0002 (Info): an Info threshold is reached → 79.
    const found = await spillway(['analyze', '--failure-threshold', 'Info', 'examples/httpbin-after.yaml']);
    expect(found.code).toBe(79);
    expect(found.stdout).toMatch(
      /^Info \[SPW0002\] \(DestinationRule in-ambient-failover\.httpbin examples\/httpbin-after\.yaml:\d+\) /u,
    );

    const missing = await spillway(['analyze', 'no-such-file.yaml']);
    expect(missing.code).toBe(66);
  });
});
