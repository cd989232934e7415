// GraphQL throughput against the running service: buildApp + listen on 127.0.0.1:0 (loopback only), a synthetic
// mesh of 10,000 services / 100,000 endpoints (bench/generateMesh.ts) uploaded once, then autocannon at 50
// connections on a trivial route (/healthz), `{ __typename }` (Apollo's floor), effectivePolicy and whatIf, one
// after the other in one run.
// Run: npx tsx bench/graphql.bench.ts   → prints a table, writes bench/results/graphql.json.
// Targets: effectivePolicy ≥ 40 % of the trivial route's throughput, p99 < 20 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateMeshJson } from './generateMesh.js';

const REFERENCE_SERVICES = 10_000;
/** BENCH_SERVICES shrinks the mesh for a quick check; only the reference scale writes the results file. */
const SERVICES = Number(process.env['BENCH_SERVICES'] ?? REFERENCE_SERVICES);
const REPLICAS = 10;
const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env['BENCH_DURATION_SECONDS'] ?? 10);
const TARGET_THROUGHPUT_RATIO = 0.4;
const TARGET_P99_MS = 20;
const UPLOAD_LIMIT_MIB = 1024;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
// autocannon ships CommonJS without type declarations; only the promise form is used.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const POLICY = `query Policy($snapshot: String!, $client: String!, $backend: String!) {
  effectivePolicy(snapshot: $snapshot, client: $client, backend: $backend) {
    profile hops { from { kind name } to layer trafficDistribution { mode source } localityLb { mode active }
      priorities { level endpoints healthy loadPercent } endpoints { name priority sharePercent } }
  }
}`;
const WHAT_IF = `query WhatIf($snapshot: String!, $client: String!, $backend: String!, $scenario: ScenarioInput!) {
  whatIf(snapshot: $snapshot, client: $client, backend: $backend, scenario: $scenario) {
    errorPercent overflowPercent ejections { endpoint outcome }
    scenario { hops { to priorities { level loadPercent } endpoints { name sharePercent } } }
  }
}`;

interface Row {
  readonly target: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  // Setup, not the measurement: the same mesh as JSON stores in seconds where its YAML takes minutes.
  const mesh = generateMeshJson({ services: SERVICES, replicas: REPLICAS, clusters: 1, name: 'bench' });
  process.stderr.write(
    `generated ${mesh.counts.services} services, ${mesh.counts.endpoints} endpoints, ${mesh.counts.documents} documents in ${Date.now() - started} ms\n`,
  );

  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SPILLWAY_DB_PATH: ':memory:',
    SPILLWAY_IMPORT_EXAMPLES: 'false',
    SPILLWAY_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT_MIB * 1024 * 1024),
    SPILLWAY_UPLOAD_MAX_DOCUMENTS: '10000000',
    // The one-off upload blocks the loop for seconds; shedding would then refuse the first measured requests.
    SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
  });
  const app = await buildApp(config);
  const upload = await app.inject({
    method: 'POST',
    url: `/v1/snapshots?${mesh.query}`,
    headers: { 'content-type': 'application/json' },
    payload: mesh.text,
  });
  if (upload.statusCode !== 201)
    throw new Error(`upload failed: ${upload.statusCode} ${upload.body.slice(0, 500)}`);
  const snapshot = upload.json<{ id: string }>().id;
  process.stderr.write(`uploaded in ${Date.now() - started} ms total\n`);

  // A client/backend pair that resolves; the first query also compiles the mesh into the cache.
  let pair: { client: string; backend: string } | undefined;
  for (const client of mesh.sample.clients) {
    for (const backend of mesh.sample.backends) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: { query: POLICY, variables: { snapshot, client, backend } },
      });
      if (res.statusCode === 200 && res.json<{ errors?: unknown }>().errors === undefined) {
        pair = { client, backend };
        break;
      }
    }
    if (pair) break;
  }
  if (!pair) throw new Error('no sampled client/backend pair resolves in the generated mesh');
  const variables = { snapshot, ...pair };
  const endpointName = await firstEndpoint(app, variables);

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const json = { 'content-type': 'application/json' };
  const targets: [string, AutocannonOptions][] = [
    [
      'GET /healthz (trivial)',
      { url: `${base}/healthz`, connections: CONNECTIONS, duration: DURATION_SECONDS },
    ],
    // Apollo's own floor: the same GraphQL pipeline with nothing to resolve.
    [
      'GraphQL { __typename }',
      {
        url: `${base}/graphql`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ __typename }' }),
        connections: CONNECTIONS,
        duration: DURATION_SECONDS,
      },
    ],
    [
      'effectivePolicy',
      {
        url: `${base}/graphql`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: POLICY, variables }),
        connections: CONNECTIONS,
        duration: DURATION_SECONDS,
      },
    ],
    [
      'whatIf (1 pod fails, load 1.5)',
      {
        url: `${base}/graphql`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          query: WHAT_IF,
          variables: { ...variables, scenario: { ejectEndpoints: [endpointName], loadFactor: 1.5 } },
        }),
        connections: CONNECTIONS,
        duration: DURATION_SECONDS,
      },
    ],
  ];
  const rows: Row[] = [];
  for (const [target, options] of targets) {
    const result = await autocannon(options);
    rows.push({
      target,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    });
  }
  await app.close();

  const trivial = rows[0]?.requestsPerSecond ?? 0;
  const policy = rows.find((r) => r.target === 'effectivePolicy');
  const ratio = policy && trivial > 0 ? policy.requestsPerSecond / trivial : 0;
  const pass = ratio >= TARGET_THROUGHPUT_RATIO && (policy?.p99Ms ?? Infinity) < TARGET_P99_MS;
  console.log(
    `\nGraphQL at ${CONNECTIONS} connections, ${DURATION_SECONDS} s per target; mesh: ${mesh.counts.services} services, ${mesh.counts.endpoints} endpoints (${pair.client} → ${pair.backend})\n`,
  );
  console.log('| target | req/s | % of trivial | p50 ms | p99 ms | non-2xx | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const share = trivial > 0 ? ((100 * r.requestsPerSecond) / trivial).toFixed(1) : '-';
    console.log(
      `| ${r.target} | ${r.requestsPerSecond} | ${share} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} |`,
    );
  }
  console.log(
    `\neffectivePolicy: ${(100 * ratio).toFixed(1)} % of trivial (target ≥ ${100 * TARGET_THROUGHPUT_RATIO} %), p99 ${policy?.p99Ms ?? '-'} ms (target < ${TARGET_P99_MS} ms): ${pass ? 'PASS' : 'FAIL'}`,
  );

  if (SERVICES !== REFERENCE_SERVICES) {
    console.log(`(results not written: ${SERVICES} services is not the reference scale)`);
    return;
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/graphql.json', import.meta.url),
    `${JSON.stringify(
      {
        node: process.version,
        date: new Date().toISOString(),
        connections: CONNECTIONS,
        durationSeconds: DURATION_SECONDS,
        mesh: {
          services: mesh.counts.services,
          endpoints: mesh.counts.endpoints,
          documents: mesh.counts.documents,
          ...pair,
        },
        targets: { throughputRatio: TARGET_THROUGHPUT_RATIO, p99Ms: TARGET_P99_MS },
        effectivePolicyRatio: ratio,
        pass,
        results: rows,
      },
      null,
      2,
    )}\n`,
  );
}

async function firstEndpoint(
  app: Awaited<ReturnType<typeof buildApp>>,
  variables: Record<string, string>,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: { query: '{ __typename }', variables: {} },
  });
  if (res.statusCode !== 200) throw new Error('graphql is not answering');
  const policy = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: { query: POLICY, variables },
  });
  const hops = policy.json<{ data: { effectivePolicy: { hops: { endpoints: { name: string }[] }[] } } }>()
    .data.effectivePolicy.hops;
  const name = hops.at(-1)?.endpoints[0]?.name;
  if (name === undefined) throw new Error('the benchmarked path has no endpoint');
  return name;
}

await main();
