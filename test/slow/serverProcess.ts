/**
 * The real server as a child process on 127.0.0.1 (`node --import tsx src/server.ts`), for the crash,
 * shutdown and soak suites: a fixed free port, a temp database, logs captured for inspection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A start takes seconds (tsx compiles the sources); a machine busy with other suites can take minutes. */
const READY_TIMEOUT_MS = 180_000;

/** A port nothing listens on right now: bind 127.0.0.1:0, read it, release it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TempDb {
  readonly dir: string;
  readonly path: string;
  remove(): void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-slow-'));
  return { dir, path: join(dir, 'spillway.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  readonly pid: number;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/** `database`: a SQLite file path, or a `postgres://` URL. */
export async function startServer(
  database: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const dbEnv = database.startsWith('postgres') ? { DATABASE_URL: database } : { SPILLWAY_DB_PATH: database };
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...dbEnv,
      SPILLWAY_IMPORT_EXAMPLES: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitedEarly: number | string | undefined;
  void exited.then((code) => (exitedEarly = code));
  for (;;) {
    if (exitedEarly !== undefined)
      throw new Error(`server exited (${exitedEarly}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(100);
  }
  return {
    child,
    base,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

/** Stops the server if it is still running (SIGKILL) and waits for the exit. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.kill('SIGKILL');
  await server.exited;
}

export interface DbCheck {
  readonly integrity: string;
  readonly foreignKeyViolations: number;
  readonly counts: Record<string, number>;
  /** Snapshots rows lacking their document or model row. */
  readonly orphans: number;
  /** Document or model rows whose snapshot row is gone. */
  readonly dangling: number;
  readonly ids: string[];
}

/** Reads the database file directly (as an operator would after a crash) and checks it. */
export function checkDatabase(path: string): DbCheck {
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    const count = (table: string): number =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const counts = {
      snapshots: count('snapshots'),
      snapshot_documents: count('snapshot_documents'),
      snapshot_models: count('snapshot_models'),
    };
    const orphans = (
      db
        .prepare(
          `select count(*) as n from snapshots s
           left join snapshot_documents d on d.snapshot_id = s.id
           left join snapshot_models m on m.snapshot_id = s.id
           where d.snapshot_id is null or m.snapshot_id is null`,
        )
        .get() as { n: number }
    ).n;
    const dangling = (
      db
        .prepare(
          `select (select count(*) from snapshot_documents d where not exists (select 1 from snapshots s where s.id = d.snapshot_id))
                + (select count(*) from snapshot_models m where not exists (select 1 from snapshots s where s.id = m.snapshot_id)) as n`,
        )
        .get() as { n: number }
    ).n;
    const ids = (db.prepare('select id from snapshots order by seq').all() as { id: string }[]).map(
      (r) => r.id,
    );
    return { integrity, foreignKeyViolations, counts, orphans, dangling, ids };
  } finally {
    db.close();
  }
}

/** Samples resident memory of a process from /proc (Linux), in bytes; undefined elsewhere. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** The same checks on a PostgreSQL schema (`url` selects it through its search_path). */
export async function checkPostgres(url: string): Promise<DbCheck> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const n = async (text: string): Promise<number> =>
      Number((await client.query<{ n: string }>(text)).rows[0]?.n ?? -1);
    const counts = {
      snapshots: await n('select count(*) as n from snapshots'),
      snapshot_documents: await n('select count(*) as n from snapshot_documents'),
      snapshot_models: await n('select count(*) as n from snapshot_models'),
    };
    const orphans = await n(
      `select count(*) as n from snapshots s
       left join snapshot_documents d on d.snapshot_id = s.id
       left join snapshot_models m on m.snapshot_id = s.id
       where d.snapshot_id is null or m.snapshot_id is null`,
    );
    const dangling = await n(
      `select (select count(*) from snapshot_documents d where not exists (select 1 from snapshots s where s.id = d.snapshot_id))
            + (select count(*) from snapshot_models m where not exists (select 1 from snapshots s where s.id = m.snapshot_id)) as n`,
    );
    const ids = (await client.query<{ id: string }>('select id from snapshots order by seq')).rows.map(
      (r) => r.id,
    );
    // PostgreSQL checks its own pages; foreign keys are enforced, never deferred here.
    return { integrity: 'ok', foreignKeyViolations: 0, counts, orphans, dangling, ids };
  } finally {
    await client.end();
  }
}
