/**
 * Mesh-wide questions benchmark (issue 15): the blast radius of a zone outage over generated single-cluster
 * meshes of 100 / 1,000 services × 10 replicas (1k / 10k endpoints), engine only, beside its anchor in the
 * same process: compiling the same mesh (`compileMesh`), the step every question starts from. Time is wall
 * and CPU (on a shared machine they part ways; the load average is printed beside them). Memory: the heap
 * the model and its compiled mesh hold, and the heap held after the blast radius with its answer (which
 * keeps only the impacts and the classes).
 *
 * The same blast radius run as the server runs it, a slice at a time (`src/services/runSliced.ts`): the
 * longest the event loop waited meanwhile, beside the slice length.
 *
 * Run: npx tsx bench/meshWide.bench.ts [--quick]   → prints a table, writes bench/results/meshWide.json.
 * Target: a zone outage over 1,000 services / 10,000 endpoints in under 10 s on this machine, judged on the
 * first run in the process (the "again" columns repeat it with the code already compiled).
 */
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  blastRadius,
  blastRadiusSteps,
  compileMesh,
  type CompiledMesh,
  type MeshModel,
} from '../src/engine/index.js';
import { parseUpload } from '../src/ingest/index.js';
import { runSliced, SLICE_MS } from '../src/services/runSliced.js';
import { flag, growthExponent, machine, mib, printResult, writeResult, type Row } from './benchSupport.js';
import { generateMeshJson } from './generateMesh.js';

const REPLICAS = 10;
const SEED = 1;
const SIZES = [100, 1_000] as const;
const QUICK_SIZES = [30, 100] as const;
const TARGET_SERVICES = 1_000;
const TARGET_MS = 10_000;
/** The generator puts its first cluster in us-east-1 with zones a, b, c (bench/generateMesh.ts). */
const FAILED_ZONE = 'us-east-1/us-east-1a';

function model(services: number): MeshModel {
  const generated = generateMeshJson({ services, replicas: REPLICAS, seed: SEED });
  const parsed = parseUpload(
    {
      body: Buffer.from(generated.text),
      contentType: 'application/json',
      params: Object.fromEntries(new URLSearchParams(generated.query)),
    },
    { maxDocuments: 10_000_000, maxDepth: 64, maxAliasCount: 100 },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.snapshot.model;
}

// A full collection before each heap reading, without asking run.ts for --expose-gc.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

/** Wall time, and this process's CPU time (user + system): on a shared machine the two part ways. */
function timed<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * The blast radius as the server runs it (`runSliced`, as GraphQL and Slack ask it): the longest the event
 * loop waited meanwhile, beside the slice it is meant to stay near.
 */
async function slicedStallMs(mesh: CompiledMesh): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await runSliced(blastRadiusSteps(mesh, { failLocalities: [FAILED_ZONE] }));
  delay.disable();
  return delay.max / 1e6;
}

const sizes = flag('quick') ? QUICK_SIZES : SIZES;
const rows: Row[] = [];
const blastMs: number[] = [];
let targetMs: number | undefined;
let targetCpuMs: number | undefined;
let againMs: number | undefined;
for (const services of sizes) {
  const before = heap();
  const input = model(services);
  const compiled = timed(() => compileMesh(input));
  const mesh: CompiledMesh = compiled.value;
  const meshBytes = heap() - before;
  const blast = timed(() => blastRadius(mesh, { failLocalities: [FAILED_ZONE] }));
  const afterBlast = heap() - before;
  const stallMs = await slicedStallMs(mesh);
  // Once more in the same process: the engine's code is compiled by now, as in a server that has answered
  // other questions (the first run pays V8's compilation, slow on a busy machine).
  const again = timed(() => blastRadius(mesh, { failLocalities: [FAILED_ZONE] }));
  blastMs.push(blast.ms);
  if (services === TARGET_SERVICES) {
    targetMs = blast.ms;
    targetCpuMs = blast.cpuMs;
    againMs = again.ms;
  }
  rows.push({
    services,
    endpoints: services * REPLICAS,
    'compile ms (anchor)': Math.round(compiled.ms),
    'blast radius ms': Math.round(blast.ms),
    'blast CPU ms': Math.round(blast.cpuMs),
    'again ms': Math.round(again.ms),
    'again CPU ms': Math.round(again.cpuMs),
    'load avg (1 min)': Math.round(loadavg()[0] ?? 0),
    'blast / compile': Math.round((blast.ms / compiled.ms) * 10) / 10,
    classes: blast.value.classCount,
    evaluations: blast.value.evaluations,
    'µs per evaluation': Math.round((blast.ms * 1000) / Math.max(1, blast.value.evaluations)),
    pairs: blast.value.pairs,
    impacts: blast.value.impacts.length,
    'model + compiled mesh heap MiB': mib(meshBytes),
    'heap after blast MiB': mib(afterBlast),
    [`longest event-loop stall ms, sliced (slice ${SLICE_MS.toString()} ms)`]: Math.round(stallMs),
  });
}

const result = {
  name: 'meshWide',
  date: new Date().toISOString(),
  machine: machine(),
  description: `blastRadius of zone ${FAILED_ZONE} over generated meshes (${REPLICAS.toString()} replicas/service), beside compileMesh`,
  rows,
  targets:
    targetMs === undefined
      ? []
      : [
          {
            target: `zone outage over ${TARGET_SERVICES.toString()} services / ${(TARGET_SERVICES * REPLICAS).toString()} endpoints < ${(TARGET_MS / 1000).toString()} s`,
            measured: `${(targetMs / 1000).toFixed(2)} s wall (first run; ${((againMs ?? 0) / 1000).toFixed(2)} s again), ${((targetCpuMs ?? 0) / 1000).toFixed(2)} s CPU at load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism().toString()} cores`,
            pass: targetMs < TARGET_MS,
          },
        ],
  growth: {
    'blast radius ms': growthExponent(sizes.map((size, i) => ({ size, cost: blastMs[i] ?? 0 }))),
  },
};
printResult(result);
writeResult(result);
