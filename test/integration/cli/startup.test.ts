/**
 * The command line never loads server code (Fastify, Apollo, GraphQL, SQLite/drizzle, the worker pool,
 * metrics): the executable runs with those modules made unloadable by a module hook
 * (`test/fixtures/cli/forbidServerModules.mjs`) through a whole analyze and a whole capture. ESLint fences
 * `src/cli` and `src/capture` statically; this checks the module graph as it actually loads.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeKubectlEnv, REPO_ROOT, runSpillway, removeTempDirs, tempDir } from './runSpillway.js';

const TIMEOUT_MS = 120_000;
const FORBID = ['--import', join(REPO_ROOT, 'test/fixtures/cli/forbidServerModules.mjs')];

afterAll(removeTempDirs);

describe('the CLI loads no server code', () => {
  it('the hook does refuse a server module (control)', { timeout: TIMEOUT_MS }, async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [...FORBID, '--input-type=module', '-e', "await import('fastify');"],
        {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('server module "fastify"');
  });

  it('analyze runs to its findings without them', { timeout: TIMEOUT_MS }, async () => {
    const run = await runSpillway(['analyze', '--failure-threshold', 'Info', 'examples/httpbin-after.yaml'], {
      nodeArgs: FORBID,
    });
    expect(run.stderr).not.toContain('server module');
    expect(run.code).toBe(79);
  });

  it('capture runs to its bundle without them', { timeout: TIMEOUT_MS }, async () => {
    const { env } = fakeKubectlEnv({ contexts: { east: { file: 'examples/httpbin-after.yaml' } } });
    const run = await runSpillway(['capture', '--context', 'east', '-o', 'json'], { nodeArgs: FORBID, env });
    expect(run.stderr).not.toContain('server module');
    expect(run.code).toBe(0);
  });

  it('--help loads neither the parser nor the engine', { timeout: TIMEOUT_MS }, async () => {
    const log = join(tempDir(), 'modules.log');
    const run = await runSpillway(['analyze', '--help'], { nodeArgs: FORBID, env: { FORBID_LOG: log } });
    expect(run.code).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n');
    expect(loaded).toContain('commander');
    expect(
      loaded.filter((specifier) => /^(yaml|ajv|kubernetes-models|@kubernetes-models)/u.test(specifier)),
    ).toEqual([]);
  });
});
