/**
 * The CLI as a child process, exactly as a pipeline runs it (`node --import tsx src/cli/main.ts`), from the
 * repository root, with its exit code and both output streams.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_ENTRY = 'src/cli/main.ts';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly stdin?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `node` flags before the entry, e.g. `--import` of a module hook. */
  readonly nodeArgs?: readonly string[];
}

export function runSpillway(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ...(options.nodeArgs ?? []), CLI_ENTRY, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(options.stdin ?? '');
  });
}

const tempDirs: string[] = [];

/** A temporary folder, removed by `removeTempDirs` (each file's `afterAll`). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-cli-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

type Recorded = { readonly kind?: string; readonly items?: unknown[] };

/**
 * The objects of one recorded cluster: an example file's List items or stream documents, or one cluster
 * of a bundle.
 */
export function recordedObjects(file: string, cluster?: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(join(REPO_ROOT, file), 'utf8')).map(
    (document) =>
      document.toJS() as Recorded & { spec?: { clusters: { name: string; resources: unknown }[] } },
  );
  const [first] = documents;
  if (first?.kind === 'MeshSnapshot') {
    const resources = first.spec?.clusters.find((entry) => entry.name === cluster)?.resources;
    return Array.isArray(resources) ? resources : ((resources as Recorded | undefined)?.items ?? []);
  }
  return documents.flatMap((document) => (document.kind === 'List' ? (document.items ?? []) : [document]));
}

/** A folder holding a `kubectl` that runs the stand-in, and the env that puts it first on PATH. */
export function fakeKubectlEnv(settings: {
  readonly contexts: Readonly<Record<string, { readonly file: string; readonly cluster?: string }>>;
  readonly current?: string;
  readonly missing?: readonly string[];
}): { env: Record<string, string>; log: string } {
  const dir = tempDir();
  const recordings = Object.fromEntries(
    Object.entries(settings.contexts).map(([context, { file, cluster }], index) => {
      const path = join(dir, `context-${index}.json`);
      writeFileSync(path, JSON.stringify(recordedObjects(file, cluster)));
      return [context, path];
    }),
  );
  const script = join(REPO_ROOT, 'test/fixtures/cli/fakeKubectl.mjs');
  const kubectl = join(dir, 'kubectl');
  writeFileSync(kubectl, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  chmodSync(kubectl, 0o755);
  const log = join(dir, 'kubectl.log');
  return {
    log,
    env: {
      PATH: `${dir}${delimiter}${process.env['PATH'] ?? ''}`,
      FAKE_KUBECTL_CONTEXTS: JSON.stringify(recordings),
      FAKE_KUBECTL_CURRENT: settings.current ?? '',
      FAKE_KUBECTL_MISSING: (settings.missing ?? []).join(','),
      FAKE_KUBECTL_LOG: log,
    },
  };
}
