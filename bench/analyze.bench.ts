/**
 * Whole-mesh `analyze` benchmark at 1k, 5k and 10k services (10 replicas each, so 10k–100k endpoints), through
 * the service layer (`services.policy.analyze`) and once through GraphQL, against buildApp with a temp-file
 * SQLite database. The snapshot is stored first (as JSON, so setup stays short; the upload is measured by
 * upload.bench.ts). Cold = load from SQLite + decompress + compile + analyze; warm = compiled mesh cached.
 *
 * Run: npx tsx bench/analyze.bench.ts [--quick] [--sizes 1000,5000,10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  flag,
  growthExponent,
  machine,
  mib,
  option,
  printResult,
  reportFromChild,
  runChild,
  writeResult,
  type BenchResult,
  type Row,
} from './benchSupport.js';
import { generateMeshJson } from './generateMesh.js';

const REPLICAS = 10;
const SEED = 1;
const DEFAULT_SIZES = [1_000, 5_000, 10_000];
const QUICK_SIZES = [100, 500, 1_000];
const WARM_RUNS = 5;
const CHILD_TIMEOUT_MS = 20 * 60 * 1000;
const SELF = fileURLToPath(import.meta.url);

interface AnalyzeOutcome {
  readonly endpoints: number;
  readonly setupMs: number;
  readonly coldMs: number;
  readonly warmMedianMs: number;
  readonly graphqlWarmMs: number;
  readonly diagnostics: number;
  readonly graphqlStatus: number;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function childAnalyze(services: number): Promise<AnalyzeOutcome> {
  const { buildApp } = await import('../src/app.js');
  const { testConfig } = await import('../src/config.js');
  const dir = mkdtempSync(join(tmpdir(), 'spillway-bench-'));
  try {
    const app = await buildApp(
      testConfig({
        SPILLWAY_DB_PATH: join(dir, 'bench.db'),
        SPILLWAY_UPLOAD_MAX_BYTES: String(1024 * 1024 * 1024),
        SPILLWAY_UPLOAD_MAX_DOCUMENTS: '10000000',
        SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
        SPILLWAY_CACHE_MAX_MB: '4096',
      }),
    );
    const mesh = generateMeshJson({ services, replicas: REPLICAS, seed: SEED });
    const setupStarted = performance.now();
    const upload = await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${mesh.query}`,
      headers: { 'content-type': 'application/json' },
      payload: mesh.text,
    });
    const setupMs = performance.now() - setupStarted;
    if (upload.statusCode !== 201)
      throw new Error(`setup upload answered ${upload.statusCode}: ${upload.body.slice(0, 1000)}`);
    const id = upload.json<{ id: string }>().id;

    const policy = app.spillway.services.policy;
    let started = performance.now();
    const diagnostics = await policy.analyze(id);
    const coldMs = performance.now() - started;
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i += 1) {
      started = performance.now();
      await policy.analyze(id);
      warm.push(performance.now() - started);
    }
    started = performance.now();
    const graphql = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: {
        query:
          'query($s: String!) { analyze(snapshot: $s) { code severity message resources { kind name namespace cluster } } }',
        variables: { s: id },
      },
    });
    const graphqlWarmMs = performance.now() - started;
    await app.close();
    return {
      endpoints: mesh.counts.endpoints,
      setupMs,
      coldMs,
      warmMedianMs: median(warm),
      graphqlWarmMs,
      diagnostics: diagnostics.length,
      graphqlStatus: graphql.statusCode,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = option('sizes')?.split(',').map(Number) ?? (flag('quick') ? QUICK_SIZES : DEFAULT_SIZES);
  const rows: Row[] = [];
  for (const services of sizes) {
    console.error(`analyze bench: ${services} services…`);
    const { value, maxRssBytes } = await runChild<AnalyzeOutcome>(
      SELF,
      ['--child', String(services)],
      CHILD_TIMEOUT_MS,
    );
    rows.push({
      services,
      endpoints: value.endpoints,
      setupUploadMs: Math.round(value.setupMs),
      coldMs: Math.round(value.coldMs),
      warmMedianMs: Math.round(value.warmMedianMs * 10) / 10,
      graphqlWarmMs: Math.round(value.graphqlWarmMs * 10) / 10,
      diagnostics: value.diagnostics,
      graphqlStatus: value.graphqlStatus,
      peakMiB: mib(maxRssBytes),
    });
  }
  const num = (row: Row, key: string): number => Number(row[key] ?? Number.NaN);
  const largest = rows[rows.length - 1];
  const result: BenchResult = {
    name: 'analyze',
    date: new Date().toISOString(),
    machine: machine(),
    description: `whole-mesh analyze through the service layer (cold, warm median of ${WARM_RUNS}) and GraphQL, ${REPLICAS} replicas/service`,
    rows,
    targets: largest
      ? [
          {
            target: `analyze of the ${largest['services']}-service snapshot answers (GraphQL 200)`,
            measured: `cold ${largest['coldMs']} ms, warm ${largest['warmMedianMs']} ms`,
            pass: largest['graphqlStatus'] === 200,
          },
        ]
      : [],
    growth: {
      cold: growthExponent(rows.map((r) => ({ size: num(r, 'services'), cost: num(r, 'coldMs') }))),
      warm: growthExponent(rows.map((r) => ({ size: num(r, 'services'), cost: num(r, 'warmMedianMs') }))),
      peakMemory: growthExponent(rows.map((r) => ({ size: num(r, 'services'), cost: num(r, 'peakMiB') }))),
    },
  };
  printResult(result);
  console.log(`wrote ${writeResult(result)}`);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex !== -1) {
  reportFromChild(await childAnalyze(Number(process.argv[childIndex + 1])));
} else {
  await main();
}
