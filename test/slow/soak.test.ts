import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, generateMesh, type GeneratedMesh } from '../../bench/generateMesh.js';
import { rssOf, startServer, stopServer, tempDb, type ServerProcess, type TempDb } from './serverProcess.js';

/**
 * Soak: concurrent uploads, deletes and REST + GraphQL queries against the running service on loopback for a
 * bounded time and a bounded number of requests. SPILLWAY_SOAK_MS overrides the duration.
 */
const DURATION_MS = Number(process.env['SPILLWAY_SOAK_MS'] ?? '45000') || 45_000;
const MAX_REQUESTS = 20_000;
const WORKERS = 8;
const MESH_POOL = 24;
const WARMUP_MS = 5_000;
/** Resident memory may grow this much past the post-warm-up level (the compiled cache is capped at 64 MiB). */
const RSS_GROWTH_BOUND_BYTES = 256 * 1024 * 1024;
const ENV = {
  SPILLWAY_UPLOAD_RATE_PER_MINUTE: '100000',
  // The soak proves correctness under concurrency; shedding (503 when the loop stalls, which synchronous
  // parsing on a loaded 2-core runner does) has its own test in test/integration/ops/loadShedding.test.ts.
  SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
  SPILLWAY_CACHE_MAX_MB: '64',
  LOG_LEVEL: 'warn',
};

interface Accepted {
  readonly id: string;
  readonly mesh: GeneratedMesh;
  deleted: boolean;
}

interface Failure {
  readonly action: string;
  readonly status: number;
  readonly body: string;
}

let server: ServerProcess | undefined;
let db: TempDb | undefined;
beforeAll(async () => {
  db = tempDb();
  server = await startServer(db.path, ENV);
});
afterAll(async () => {
  await stopServer(server);
  db?.remove();
});

describe('soak', () => {
  it(`${WORKERS} concurrent clients for ${DURATION_MS / 1000}s: no errors, no SQLITE_BUSY, bounded memory, every upload readable`, async () => {
    const s = server;
    if (s === undefined) throw new Error('server not started');
    const meshes = Array.from({ length: MESH_POOL }, (_, i) =>
      generateMesh({ services: 10 + (i % 5) * 10, replicas: 2 + (i % 3), seed: 500 + i }),
    );
    const accepted = new Map<string, Accepted>();
    const failures: Failure[] = [];
    const counts = new Map<string, number>();
    let requests = 0;
    const started = Date.now();
    const rssSamples: { at: number; rss: number }[] = [];
    const sampler = setInterval(() => {
      const rss = rssOf(s.pid);
      if (rss !== undefined) rssSamples.push({ at: Date.now() - started, rss });
    }, 500);

    const record = (action: string, status: number, body: string, ok: boolean): void => {
      counts.set(`${action} ${status}`, (counts.get(`${action} ${status}`) ?? 0) + 1);
      if (!ok || body.includes('SQLITE_BUSY')) failures.push({ action, status, body: body.slice(0, 400) });
    };
    const live = (): Accepted[] => [...accepted.values()].filter((a) => !a.deleted);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${s.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.text() };
    };
    /** A GraphQL answer is fine when it has no errors, or only UNKNOWN_SNAPSHOT for a snapshot deleted meanwhile. */
    const gqlOk = (status: number, body: string, target: Accepted): boolean => {
      if (status !== 200) return false;
      const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
      if (!parsed.errors) return true;
      return target.deleted && parsed.errors.every((e) => e.extensions?.code === 'UNKNOWN_SNAPSHOT');
    };

    const worker = async (w: number): Promise<void> => {
      const rng = createRng(9000 + w);
      const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rng() * items.length)];
      while (Date.now() - started < DURATION_MS && requests < MAX_REQUESTS) {
        requests += 1;
        const roll = rng();
        const target = pick(live());
        if (roll < 0.2 || target === undefined) {
          const mesh = pick(meshes) ?? meshes[0];
          if (mesh === undefined) return;
          const response = await fetch(`${s.base}/v1/snapshots?${mesh.query}`, {
            method: 'POST',
            headers: { 'content-type': 'application/yaml' },
            body: mesh.text,
          });
          const body = await response.text();
          record('upload', response.status, body, response.status === 201 || response.status === 200);
          if (response.ok) {
            const id = (JSON.parse(body) as { id: string }).id;
            const existing = accepted.get(id);
            if (existing === undefined) accepted.set(id, { id, mesh, deleted: false });
          }
        } else if (roll < 0.28) {
          // Marked first: from now on other workers may see it either way (200 or 404).
          target.deleted = true;
          const response = await fetch(`${s.base}/v1/snapshots/${target.id}`, { method: 'DELETE' });
          const body = await response.text();
          // Another worker may have deleted it first: 404 is expected then.
          record('delete', response.status, body, response.status === 204 || response.status === 404);
        } else if (roll < 0.38) {
          const response = await fetch(`${s.base}/v1/snapshots?limit=50`);
          record('list', response.status, await response.text(), response.status === 200);
        } else if (roll < 0.5) {
          const path = rng() < 0.5 ? `/v1/snapshots/${target.id}` : `/v1/snapshots/${target.id}/document`;
          const response = await fetch(`${s.base}${path}`);
          const body = await response.text();
          record(
            'get',
            response.status,
            body,
            response.status === 200 || (response.status === 404 && target.deleted),
          );
        } else if (roll < 0.7) {
          const client = pick(target.mesh.sample.clients) ?? '';
          const backend = pick(target.mesh.sample.backends) ?? '';
          const { status, body } = await gql(
            'query($s: String!, $c: String!, $b: String!) { effectivePolicy(snapshot: $s, client: $c, backend: $b) { profile hops { to endpoints { name sharePercent } } } }',
            { s: target.id, c: client, b: backend },
          );
          record('effectivePolicy', status, body, gqlOk(status, body, target));
        } else if (roll < 0.85) {
          const client = pick(target.mesh.sample.clients) ?? '';
          const backend = pick(target.mesh.sample.backends) ?? '';
          const { status, body } = await gql(
            'query($s: String!, $c: String!, $b: String!) { whatIf(snapshot: $s, client: $c, backend: $b, scenario: { loadFactor: 1.5 }) { errorPercent overflowPercent } }',
            { s: target.id, c: client, b: backend },
          );
          record('whatIf', status, body, gqlOk(status, body, target));
        } else {
          const { status, body } = await gql(
            'query($s: String!) { analyze(snapshot: $s) { code severity } }',
            { s: target.id },
          );
          record('analyze', status, body, gqlOk(status, body, target));
        }
      }
    };

    try {
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    } finally {
      clearInterval(sampler);
    }

    const summary = Object.fromEntries([...counts.entries()].sort());
    console.info('soak requests by action and status', summary, {
      requests,
      accepted: accepted.size,
      live: live().length,
    });
    expect(failures, JSON.stringify(failures.slice(0, 5))).toEqual([]);

    // Every accepted upload that was not deleted is readable, byte for byte; every deleted one is gone.
    for (const entry of live()) {
      const response = await fetch(`${s.base}/v1/snapshots/${entry.id}/document`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(entry.mesh.text);
    }
    for (const entry of [...accepted.values()].filter((a) => a.deleted)) {
      expect((await fetch(`${s.base}/v1/snapshots/${entry.id}`)).status).toBe(404);
    }
    expect(s.output()).not.toContain('SQLITE_BUSY');
    expect(s.output()).not.toMatch(/"level":50/);
    expect(requests).toBeGreaterThan(WORKERS * 10);

    const afterWarmup = rssSamples.filter((r) => r.at >= WARMUP_MS);
    if (afterWarmup.length > 2) {
      const baseline = afterWarmup[0]?.rss ?? 0;
      const peak = Math.max(...afterWarmup.map((r) => r.rss));
      console.info('soak RSS MiB', {
        baseline: Math.round(baseline / 2 ** 20),
        peak: Math.round(peak / 2 ** 20),
      });
      expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND_BYTES);
    }
  });
});
