import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng, generateMesh } from '../../bench/generateMesh.js';
import { freshPostgresSchema, NO_POSTGRES_MESSAGE, POSTGRES_URL } from '../helpers/testDatabase.js';
import {
  checkDatabase,
  checkPostgres,
  startServer,
  stopServer,
  tempDb,
  type ServerProcess,
  type TempDb,
} from './serverProcess.js';

/**
 * Uploads are parsed by a bounded worker pool, so once the first is answered the others are still queued or
 * being parsed; the kill follows the first answer within KILL_JITTER_MS, a small fraction of one parse, so it
 * lands mid-flight however fast the parser is (relative, not a wall-clock budget).
 */
const UPLOADS_PER_ROUND = 8;
const KILL_JITTER_MS = 50;
const KILL_ROUNDS = 3;
/** Each upload is a ~0.5 MB mesh: long enough in parsing that a kill lands mid-request. */
const MESH = { services: 100, replicas: 4 } as const;
/** How long to wait for the first answer of a round before killing anyway (a loaded CI machine is slow). */
const FIRST_ANSWER_WAIT_MS = 90_000;
/**
 * Seven server starts and twenty-four ~0.5 MB uploads per driver: a few minutes on an idle 2-core machine, so
 * the bound is several times that, for a machine busy with other work.
 */
const KILL_TEST_TIMEOUT_MS = 1_200_000;
const POLL_MS = 20;
const ENV = { SPILLWAY_UPLOAD_RATE_PER_MINUTE: '100000', SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };
/**
 * The SIGTERM case checks that shutdown lets the upload in flight finish, not how fast the machine parses
 * it: a grace far above the ~2 s the parse takes idle (the default, 10 s, can pass on a busy machine).
 */
const SLOW_MACHINE_GRACE_MS = '600000';

let server: ServerProcess | undefined;
let db: TempDb | undefined;
afterEach(async () => {
  await stopServer(server);
  server = undefined;
  db?.remove();
  db = undefined;
});

async function upload(base: string, text: string, query: string): Promise<number> {
  try {
    const response = await fetch(`${base}/v1/snapshots?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: text,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return -1; // the connection died with the process
  }
}

/** The database is whole: integrity ok, no snapshot without its document and model, and every one readable. */
async function expectConsistent(
  s: ServerProcess,
  database: string,
  texts: ReadonlyMap<string, string>,
): Promise<string[]> {
  const check = database.startsWith('postgres') ? await checkPostgres(database) : checkDatabase(database);
  expect(check.integrity).toBe('ok');
  expect(check.foreignKeyViolations).toBe(0);
  expect(check.orphans).toBe(0);
  expect(check.dangling).toBe(0);
  expect(check.counts.snapshot_documents).toBe(check.counts.snapshots);
  expect(check.counts.snapshot_models).toBe(check.counts.snapshots);
  const list = (await (await fetch(`${s.base}/v1/snapshots?limit=100`)).json()) as {
    items: { id: string; name: string }[];
  };
  expect(list.items.map((i) => i.id).sort()).toEqual([...check.ids].sort());
  for (const item of list.items) {
    expect((await fetch(`${s.base}/v1/snapshots/${item.id}`)).status).toBe(200);
    const document = await fetch(`${s.base}/v1/snapshots/${item.id}/document`);
    expect(document.status).toBe(200);
    // Byte for byte what was sent: a torn write would show here.
    expect(await document.text()).toBe(texts.get(item.name));
  }
  return check.ids;
}

if (POSTGRES_URL === undefined) process.stderr.write(`crash safety on PostgreSQL: ${NO_POSTGRES_MESSAGE}\n`);
const DRIVERS = ['sqlite', ...(POSTGRES_URL === undefined ? [] : ['postgres'])] as const;

describe('crash safety', () => {
  it.each(DRIVERS)(
    `SIGKILL in the middle of large uploads (${KILL_ROUNDS} rounds) leaves no partial snapshot and a sound database (%s)`,
    async (driver) => {
      db = tempDb();
      const database = driver === 'postgres' ? (await freshPostgresSchema(POSTGRES_URL!)).url : db.path;
      const rng = createRng(2026);
      const texts = new Map<string, string>();
      let seed = 100;
      let killedMidFlight = 0;
      let stored = 0;
      for (let round = 0; round < KILL_ROUNDS; round += 1) {
        server = await startServer(database, ENV);
        const before = await expectConsistent(server, database, texts);
        const sends: Promise<number>[] = [];
        for (let i = 0; i < UPLOADS_PER_ROUND; i += 1) {
          const mesh = generateMesh({ ...MESH, seed: (seed += 1) });
          const name = `crash-${seed}`;
          texts.set(name, mesh.text);
          sends.push(upload(server.base, mesh.text, `name=${name}&cluster=cluster-1&network=network-1`));
        }
        // Kill at a different point each round: after the first answers, while the rest are being parsed or written.
        await Promise.race([sends[0], sleep(FIRST_ANSWER_WAIT_MS)]);
        await sleep(Math.floor(rng() * KILL_JITTER_MS));
        server.kill('SIGKILL');
        expect(await server.exited).toBe('SIGKILL');
        const statuses = await Promise.all(sends);
        killedMidFlight += statuses.filter((s) => s === -1).length;
        expect(statuses.every((s) => s === 201 || s === -1)).toBe(true);

        server = await startServer(database, ENV);
        const after = await expectConsistent(server, database, texts);
        // Every upload answered 201 survived the crash (durable once acknowledged at WAL commit).
        expect(after.length).toBeGreaterThanOrEqual(before.length + statuses.filter((s) => s === 201).length);
        stored = after.length;
        await stopServer(server);
      }
      // The rounds really did interrupt uploads, and some got through.
      expect(killedMidFlight).toBeGreaterThan(0);
      expect(stored).toBeGreaterThan(0);

      // After all that, the service still takes uploads.
      server = await startServer(database, ENV);
      const fresh = generateMesh({ services: 5, replicas: 2, seed: 1 });
      expect(await upload(server.base, fresh.text, fresh.query)).toBe(201);
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it('SIGTERM during a slow upload: the request completes with 2xx, and the process exits 0', async () => {
    db = tempDb();
    server = await startServer(db.path, { ...ENV, SPILLWAY_SHUTDOWN_GRACE_MS: SLOW_MACHINE_GRACE_MS });
    const mesh = generateMesh({ services: 500, replicas: 4, seed: 77 });
    const running = server;
    const inFlight = upload(running.base, mesh.text, mesh.query);
    // SIGTERM once the server has the request, whatever this machine's speed: the upload is then in flight
    // (or, on a fast machine, just answered), and either way it must complete before the process exits.
    const deadline = performance.now() + FIRST_ANSWER_WAIT_MS;
    while (!/"method":"POST","url":"\/v1\/snapshots/u.test(running.output()) && performance.now() < deadline)
      await sleep(POLL_MS);
    running.kill('SIGTERM');
    const status = await inFlight;
    expect(status).toBe(201);
    const exitCode = await server.exited;
    const log = server.output();
    expect(exitCode, log.slice(-3000)).toBe(0);
    expect(log).toContain('shutting down: finishing in-flight requests');
    // Structured logs: one JSON object per line, each request line carrying its request id.
    const requestLines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string })
      .filter((entry) => entry.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((entry) => typeof entry.reqId === 'string' && entry.reqId.length > 0)).toBe(
      true,
    );

    // Restarted on the same file, the upload made during shutdown is there.
    server = await startServer(db.path, ENV);
    const list = (await (await fetch(`${server.base}/v1/snapshots`)).json()) as { items: { name: string }[] };
    expect(list.items.map((i) => i.name)).toContain(mesh.name);
  });
});
