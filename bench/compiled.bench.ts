/**
 * A fresh snapshot's first answer and a compiled mesh's memory, each size in its own process:
 * buildApp over a temp-file SQLite database, the generated single-cluster mesh uploaded as JSON (setup: its
 * parse is the upload benchmark's business), then at once an `effectivePolicy` question through GraphQL
 * (the compilation started by the upload is still under way or just done), then a second question about
 * the same snapshot (compiled, answer not remembered) beside GET /healthz in the same process (the anchor).
 * Memory: the model loaded from storage, parsed and compiled with the engine's own functions, measured as
 * the heap it keeps after a full collection, beside the child's peak RSS (upload included).
 * Targets (issue 18): first answer < 1 s at 10k endpoints; compiled mesh < 1 GiB at 100k endpoints.
 *
 * Run: npx tsx bench/compiled.bench.ts [--quick] [--sizes 10000,100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { compileMesh, type MeshModel } from '../src/engine/index.js';
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
  type Row,
  benchAppEnv,
  BENCH_POLICY_QUERY,
} from './benchSupport.js';
import { generateMeshJson } from './generateMesh.js';

const REPLICAS = 10;
const DEFAULT_SIZES = [10_000, 100_000];
const QUICK_SIZES = [1_000, 10_000];
const FIRST_ANSWER_AT = 10_000;
const MEMORY_AT = 100_000;
const TARGET_FIRST_ANSWER_MS = 1000;
const TARGET_COMPILED_BYTES = 1024 * 1024 * 1024;
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;
/** Trivial requests timed for the anchor; the fastest is kept (least disturbed by a busy machine). */
const ANCHOR_REQUESTS = 50;
const SELF = fileURLToPath(import.meta.url);
const JSON_HEADERS = { 'content-type': 'application/json' };
const POLICY = BENCH_POLICY_QUERY;

interface Outcome {
  readonly endpoints: number;
  readonly uploadMs: number;
  readonly firstAnswerMs: number;
  readonly secondAnswerMs: number;
  readonly healthzMs: number;
  readonly modelJsonBytes: number;
  readonly compiledHeapBytes: number;
  readonly compileMs: number;
}

async function child(services: number): Promise<Outcome> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'spillway-compiled-bench-'));
  const mesh = generateMeshJson({ services, replicas: REPLICAS, clusters: 1, name: 'bench' });
  const app = await buildApp(loadConfig(benchAppEnv(join(dir, 'spillway.db'))));
  const ask = async (client: string, backend: string): Promise<number> => {
    const started = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: JSON_HEADERS,
      payload: { query: POLICY, variables: { snapshot, client, backend } },
    });
    if (res.statusCode !== 200 || res.json<{ errors?: unknown }>().errors !== undefined)
      throw new Error(`question failed: ${res.body.slice(0, 500)}`);
    return performance.now() - started;
  };
  let started = performance.now();
  const upload = await app.inject({
    method: 'POST',
    url: `/v1/snapshots?${mesh.query}`,
    headers: JSON_HEADERS,
    payload: mesh.text,
  });
  const uploadMs = performance.now() - started;
  if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body.slice(0, 500)}`);
  const snapshot = upload.json<{ id: string }>().id;
  const [client = '', ...otherClients] = mesh.sample.clients;
  const [backend = '', ...otherBackends] = mesh.sample.backends;
  const firstAnswerMs = await ask(client, backend);
  const secondAnswerMs = await ask(otherClients[0] ?? client, otherBackends[0] ?? backend);
  let healthzMs = Infinity;
  for (let i = 0; i < ANCHOR_REQUESTS; i += 1) {
    started = performance.now();
    await app.inject({ method: 'GET', url: '/healthz' });
    healthzMs = Math.min(healthzMs, performance.now() - started);
  }

  // The compiled mesh alone: what the heap keeps of it after a full collection.
  let json: string | undefined = await app.spillway.snapshots.loadModelJson(snapshot);
  const modelJsonBytes = json.length;
  await app.close();
  gc();
  const before = process.memoryUsage().heapUsed;
  started = performance.now();
  const compiled = compileMesh(JSON.parse(json) as MeshModel);
  const compileMs = performance.now() - started;
  json = undefined;
  gc();
  const compiledHeapBytes = process.memoryUsage().heapUsed - before + modelJsonBytes;
  if (compiled.knownHosts.length === 0) throw new Error('the compiled mesh has no hosts');
  rmSync(dir, { recursive: true, force: true });
  return {
    endpoints: mesh.counts.endpoints,
    uploadMs,
    firstAnswerMs,
    secondAnswerMs,
    healthzMs,
    modelJsonBytes,
    compiledHeapBytes,
    compileMs,
  };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const sizes = (option('sizes')?.split(',').map(Number) ?? (flag('quick') ? QUICK_SIZES : DEFAULT_SIZES))
    .filter((n) => Number.isFinite(n) && n > 0)
    .map((endpoints) => Math.ceil(endpoints / REPLICAS));
  const rows: Row[] = [];
  const outcomes: { outcome: Outcome; maxRssBytes: number }[] = [];
  for (const services of sizes) {
    process.stderr.write(`compiled: ${services * REPLICAS} endpoints…\n`);
    const { value, maxRssBytes } = await runChild<Outcome>(
      SELF,
      ['--child', String(services)],
      CHILD_TIMEOUT_MS,
    );
    outcomes.push({ outcome: value, maxRssBytes });
    rows.push({
      endpoints: value.endpoints,
      'upload ms (setup)': Math.round(value.uploadMs),
      'first answer ms': Math.round(value.firstAnswerMs),
      'second answer ms': round1(value.secondAnswerMs),
      'GET /healthz ms (anchor)': round1(value.healthzMs),
      'model JSON MiB': mib(value.modelJsonBytes),
      'parse + compile ms': Math.round(value.compileMs),
      'compiled heap MiB': mib(value.compiledHeapBytes),
      'peak RSS MiB (upload included)': mib(maxRssBytes),
    });
  }
  const first = outcomes.find((o) => o.outcome.endpoints === FIRST_ANSWER_AT)?.outcome;
  const memory = outcomes.find((o) => o.outcome.endpoints === MEMORY_AT)?.outcome;
  const targets = [
    ...(first
      ? [
          {
            target: `first answer on a fresh ${FIRST_ANSWER_AT}-endpoint snapshot < ${TARGET_FIRST_ANSWER_MS} ms`,
            measured: `${Math.round(first.firstAnswerMs)} ms (GET /healthz ${round1(first.healthzMs)} ms)`,
            pass: first.firstAnswerMs < TARGET_FIRST_ANSWER_MS,
          },
        ]
      : []),
    ...(memory
      ? [
          {
            target: `compiled ${MEMORY_AT}-endpoint mesh < ${mib(TARGET_COMPILED_BYTES)} MiB`,
            measured: `${mib(memory.compiledHeapBytes)} MiB heap`,
            pass: memory.compiledHeapBytes < TARGET_COMPILED_BYTES,
          },
        ]
      : []),
  ];
  const result = {
    name: 'compiled',
    date: new Date().toISOString(),
    machine: machine(),
    description:
      'fresh upload (JSON, setup) → first effectivePolicy through GraphQL at once, a second question, GET /healthz as anchor (fastest of 50); compiled mesh heap after a full GC; peak RSS of the whole child',
    rows,
    targets,
    growth: {
      compiledHeap: growthExponent(
        outcomes.map((o) => ({ size: o.outcome.endpoints, cost: o.outcome.compiledHeapBytes })),
      ),
      firstAnswer: growthExponent(
        outcomes.map((o) => ({ size: o.outcome.endpoints, cost: o.outcome.firstAnswerMs })),
      ),
    },
  };
  printResult(result);
  console.log(`wrote ${writeResult(result)}`);
}

if (flag('child')) {
  const services = Number(process.argv[process.argv.indexOf('--child') + 1]);
  reportFromChild(await child(services));
} else {
  await main();
}
