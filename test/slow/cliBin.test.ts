/**
 * The installed entry point as users reach it: `npm run build`, then `npx spillway` from the repository,
 * which resolves the package's own `bin` (dist/src/cli/main.js, shebang and all) without the registry.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './serverProcess.js';

const run = promisify(execFile);

async function npx(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--offline', 'spillway', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npx spillway after npm run build', () => {
  it('runs the compiled bin with its exit codes', async () => {
    await run('npm', ['run', 'build'], { cwd: REPO_ROOT });
    const version = await npx(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);

    // httpbin-after's one finding is SPW0002 (Info): an Info threshold is reached → 79.
    const found = await npx(['analyze', '--failure-threshold', 'Info', 'examples/httpbin-after.yaml']);
    expect(found.code).toBe(79);
    expect(found.stdout).toMatch(
      /^Info \[SPW0002\] \(DestinationRule in-ambient-failover\.httpbin examples\/httpbin-after\.yaml:\d+\) /u,
    );

    const missing = await npx(['analyze', 'no-such-file.yaml']);
    expect(missing.code).toBe(66);
  });
});
