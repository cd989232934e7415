// In-process cost of one GraphQL request, without a load generator: the best of N batches of sequential
// `app.inject` requests on the 1,000-service mesh, response cache off, beside `GET /healthz` in the same run.
// On a shared, busy machine the best batch is the figure least disturbed by other processes.
// Run: npx tsx bench/graphqlInProcess.ts [root]   (root: a checkout whose src/ to measure; default this one)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as AppModule from '../src/app.js';
import type * as ConfigModule from '../src/config.js';
import { BENCH_POLICY_QUERY, benchAppEnv } from './benchSupport.js';
import { generateMeshJson } from './generateMesh.js';

const SERVICES = 1_000;
const REPLICAS = 10;
const BATCHES = Number(process.env['BENCH_BATCHES'] ?? 15);
const BATCH_SIZE = 200;
/** Requests in flight at once (1: one after the other). */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 1);
const JSON_HEADERS = { 'content-type': 'application/json' };
const POLICY = BENCH_POLICY_QUERY;

type Inject = (options: object) => Promise<{ statusCode: number; body: string }>;

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? '.');
  const { buildApp } = (await import(pathToFileURL(join(root, 'src/app.ts')).href)) as typeof AppModule;
  const { loadConfig } = (await import(
    pathToFileURL(join(root, 'src/config.ts')).href
  )) as typeof ConfigModule;
  const dir = mkdtempSync(join(tmpdir(), 'spillway-inprocess-'));
  const mesh = generateMeshJson({ services: SERVICES, replicas: REPLICAS, clusters: 1, name: 'bench' });
  const app = await buildApp(loadConfig(benchAppEnv(join(dir, 'spillway.db'))));
  const inject = app.inject.bind(app) as unknown as Inject;
  const upload = await inject({
    method: 'POST',
    url: `/v1/snapshots?${mesh.query}`,
    headers: JSON_HEADERS,
    payload: mesh.text,
  });
  const snapshot = (JSON.parse(upload.body) as { id: string }).id;
  let variables: Record<string, string> | undefined;
  for (const client of mesh.sample.clients) {
    for (const backend of mesh.sample.backends) {
      const res = await inject({
        method: 'POST',
        url: '/graphql',
        headers: JSON_HEADERS,
        payload: { query: POLICY, variables: { snapshot, client, backend } },
      });
      if (variables === undefined && res.statusCode === 200 && !res.body.includes('"errors"'))
        variables = { snapshot, client, backend };
    }
  }
  if (variables === undefined) throw new Error('no resolvable question');
  const targets: [string, object][] = [
    ['GET /healthz (anchor)', { method: 'GET', url: '/healthz' }],
    [
      '{ __typename }',
      { method: 'POST', url: '/graphql', headers: JSON_HEADERS, payload: { query: '{ __typename }' } },
    ],
    [
      'effectivePolicy',
      { method: 'POST', url: '/graphql', headers: JSON_HEADERS, payload: { query: POLICY, variables } },
    ],
  ];
  const best = new Map<string, number>();
  for (let batch = 0; batch < BATCHES; batch++) {
    // Interleaved, so a burst of load from other processes hits every target alike.
    for (const [name, options] of targets) {
      const t0 = performance.now();
      for (let i = 0; i < BATCH_SIZE; i += CONCURRENCY) {
        const responses = await Promise.all(Array.from({ length: CONCURRENCY }, () => inject(options)));
        for (const res of responses)
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
      }
      const perRequestUs = ((performance.now() - t0) * 1000) / BATCH_SIZE;
      best.set(name, Math.min(best.get(name) ?? Infinity, perRequestUs));
    }
  }
  const anchor = best.get('GET /healthz (anchor)') ?? 1;
  for (const [name, us] of best)
    console.log(
      `${name.padEnd(24)} ${Math.round(us).toString().padStart(6)} µs  ${(us / anchor).toFixed(2)} ×`,
    );
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
