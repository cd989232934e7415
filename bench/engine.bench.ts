/**
 * Engine-only benchmark (issue 4): one backend Service with N endpoints in 50 localities (5 regions ×
 * 5 zones × 2 subzones), a DestinationRule with failoverPriority (region, zone, subzone) and
 * outlierDetection, an ambient client and the namespace's waypoint. The mesh is compiled once; each run
 * then resolves the path (client ztunnel → waypoint → backend) and evaluates a whatIf on it (a few
 * endpoints next to the waypoint fail, load factor 1.5), timing both.
 *
 * Run: npx tsx bench/engine.bench.ts [--quick]   → prints a table, writes bench/results/engine.json.
 * Target: resolve + whatIf at 10,000 endpoints under 5 ms median; cost linear in endpoints.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import {
  compileMesh,
  computeHopTraffic,
  evaluateWhatIf,
  resolvePath,
  type ClusterModel,
  type DestinationRuleModel,
  type EndpointModel,
  type GatewayModel,
  type Locality,
  type MeshModel,
  type NamespaceModel,
  type NodeModel,
  type ServiceModel,
  type ResolvedPath,
  type WorkloadModel,
} from '../src/engine/index.js';
import { endpointFor, makePod, makeService } from '../test/unit/engine/resolver/fixtures/meshBuilders.js';
import { flag, growthExponent, machine, option, printResult, writeResult, type Row } from './benchSupport.js';

const REGIONS = 5;
const ZONES_PER_REGION = 5;
const SUBZONES_PER_ZONE = 2;
const LOCALITIES = REGIONS * ZONES_PER_REGION * SUBZONES_PER_ZONE;
const NODES_PER_LOCALITY = 4;
const SIZES = [1_000, 10_000, 100_000] as const;
const TARGET_MEDIAN_MS_AT_10K = 5;
/** Allowed cost ratio per ×10 endpoints before the growth counts as superlinear (GC noise included). */
const MAX_RATIO_PER_10X = 15;
/** Endpoints next to the waypoint that start failing in the scenario (they carry traffic, so ejection runs). */
const FAILING_ENDPOINTS = 3;
const LOAD_FACTOR = 1.5;
/** Runs before measuring, so the numbers are the JIT's steady state rather than its first compiles. */
const WARMUP_MIN_RUNS = 20;
const WARMUP_MIN_MS = 1_500;
/** How long to yield so `perf_hooks` delivers pending GC entries. */
const GC_ENTRY_DELIVERY_MS = 20;

const CLUSTER = 'cluster-1';
const NAMESPACE = 'shop';
const BACKEND = 'backend';
const WAYPOINT = 'shop-waypoint';
const CLIENT = 'client';

function localityOf(index: number): Locality {
  const subzone = index % SUBZONES_PER_ZONE;
  const zone = Math.floor(index / SUBZONES_PER_ZONE) % ZONES_PER_REGION;
  const region = Math.floor(index / (SUBZONES_PER_ZONE * ZONES_PER_REGION));
  return {
    region: `region-${region.toString()}`,
    zone: `region-${region.toString()}-zone-${zone.toString()}`,
    subzone: `sz-${subzone.toString()}`,
  };
}

function topologyLabels(l: Locality): Record<string, string> {
  return {
    'topology.kubernetes.io/region': l.region,
    'topology.kubernetes.io/zone': l.zone,
    'topology.istio.io/subzone': l.subzone,
  };
}

function address(i: number): string {
  return `10.${((i >> 16) & 255).toString()}.${((i >> 8) & 255).toString()}.${(i & 255).toString()}`;
}

function pod(
  node: NodeModel,
  name: string,
  workloadName: string,
  i: number,
  labels: Record<string, string>,
): WorkloadModel {
  return makePod(node, NAMESPACE, name, workloadName, {
    labels: { ...labels, ...topologyLabels(node.locality) },
    address: address(i),
  });
}

const service = (name: string, extra: Partial<ServiceModel> = {}): ServiceModel =>
  makeService(CLUSTER, NAMESPACE, name, extra);

/** Endpoints are spread over EndpointSlices of SLICE_SIZE, as the endpoint controller does. */
const endpointOf = (svc: ServiceModel, p: WorkloadModel, slice: number): EndpointModel =>
  endpointFor(svc, p, {
    sourceRef: {
      kind: 'EndpointSlice',
      name: `${svc.name}-${slice.toString()}`,
      namespace: NAMESPACE,
      cluster: CLUSTER,
    },
  });

/** Backend pod names, in the order they are spread over the nodes (pod i on locality i mod 50). */
function backendPodName(i: number): string {
  return `${BACKEND}-${i.toString()}`;
}

function benchMesh(endpointCount: number): MeshModel {
  const nodes: NodeModel[] = [];
  for (let l = 0; l < LOCALITIES; l += 1) {
    const locality = localityOf(l);
    for (let n = 0; n < NODES_PER_LOCALITY; n += 1) {
      nodes.push({
        cluster: CLUSTER,
        name: `node-${l.toString()}-${n.toString()}`,
        labels: topologyLabels(locality),
        locality,
        network: '',
      });
    }
  }
  const nodeAt = (i: number): NodeModel => {
    const node =
      nodes[(i % LOCALITIES) * NODES_PER_LOCALITY + (Math.floor(i / LOCALITIES) % NODES_PER_LOCALITY)];
    if (node === undefined) throw new Error('no node');
    return node;
  };
  const backend = service(BACKEND);
  const clientSvc = service(CLIENT);
  const waypointSvc = service(WAYPOINT, {
    annotations: { 'networking.istio.io/traffic-distribution': 'PreferClose' },
    ports: [{ name: 'mesh', port: 15008, protocol: 'TCP' }],
    selector: { 'gateway.networking.k8s.io/gateway-name': WAYPOINT },
  });
  const backendPods: WorkloadModel[] = [];
  for (let i = 0; i < endpointCount; i += 1)
    backendPods.push(pod(nodeAt(i), backendPodName(i), BACKEND, i, { app: BACKEND }));
  const firstNode = nodeAt(0);
  const clientPod = pod(firstNode, `${CLIENT}-0`, CLIENT, endpointCount + 1, { app: CLIENT });
  const waypointPod: WorkloadModel = {
    ...pod(firstNode, `${WAYPOINT}-0`, WAYPOINT, endpointCount + 2, {
      'gateway.networking.k8s.io/gateway-name': WAYPOINT,
    }),
    gatewayName: WAYPOINT,
  };
  const waypoint: GatewayModel = {
    cluster: CLUSTER,
    namespace: NAMESPACE,
    name: WAYPOINT,
    gatewayClassName: 'istio-waypoint',
    labels: {},
    annotations: {},
    waypointFor: 'service',
    podNames: [waypointPod.name],
    programmed: true,
  };
  const namespace: NamespaceModel = {
    cluster: CLUSTER,
    name: NAMESPACE,
    labels: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': WAYPOINT },
    annotations: {},
    dataplaneMode: 'ambient',
    useWaypoint: {
      kind: 'waypoint',
      name: WAYPOINT,
      namespace: NAMESPACE,
      source: { kind: 'Namespace', name: NAMESPACE, cluster: CLUSTER },
    },
  };
  const rule: DestinationRuleModel = {
    cluster: CLUSTER,
    namespace: NAMESPACE,
    name: `${BACKEND}-failover`,
    host: BACKEND,
    exportTo: [],
    subsets: [],
    creationTimestamp: '2026-01-01T00:00:00Z',
    trafficPolicy: {
      loadBalancer: {
        simple: 'LEAST_REQUEST',
        localityLbSetting: {
          enabled: true,
          failoverPriority: [
            'topology.kubernetes.io/region',
            'topology.kubernetes.io/zone',
            'topology.istio.io/subzone',
          ],
        },
      },
      outlierDetection: {
        consecutive5xxErrors: 5,
        intervalMs: 10_000,
        baseEjectionTimeMs: 30_000,
        maxEjectionPercent: 10,
      },
    },
  };
  const SLICE_SIZE = 100;
  const cluster: ClusterModel = {
    name: CLUSTER,
    network: '',
    nodes,
    namespaces: [
      namespace,
      { cluster: CLUSTER, name: 'istio-system', labels: {}, annotations: {}, dataplaneMode: 'none' },
    ],
    workloads: [...backendPods, clientPod, waypointPod],
    services: [backend, clientSvc, waypointSvc],
    serviceEntries: [],
    endpoints: [
      ...backendPods.map((p, i) => endpointOf(backend, p, Math.floor(i / SLICE_SIZE))),
      endpointOf(clientSvc, clientPod, 0),
      endpointOf(waypointSvc, waypointPod, 0),
    ],
    waypoints: [waypoint],
    gateways: [],
    destinationRules: [rule],
  };
  return {
    profile: 'SOLO',
    meshConfig: {
      rootNamespace: 'istio-system',
      localityLbSetting: { enabled: true },
      serviceScopeConfigs: [],
    },
    clusters: [cluster],
  };
}

/** Pods in the waypoint's own locality (pod i lives in locality i mod 50): they carry the traffic. */
const BENCH_SCENARIO = {
  ejectEndpoints: Array.from({ length: FAILING_ENDPOINTS }, (_, k) => backendPodName(k * LOCALITIES)),
  loadFactor: LOAD_FACTOR,
} as const;

const BENCH_QUERY = {
  client: `${CLUSTER}/${NAMESPACE}/${CLIENT}`,
  backend: `${BACKEND}.${NAMESPACE}`,
} as const;

interface Stats {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly minMs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { minMs: at(0), medianMs: at(0.5), p99Ms: at(0.99) };
}

const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Garbage-collection pauses during the measured runs, per run (from `perf_hooks` GC entries): the part of
 * each run's wall clock that is V8 collecting, which grows faster than the engine's own work once the
 * answers outgrow the young generation.
 */
async function gcPausesPerRun(intervals: readonly (readonly [number, number])[]): Promise<number[]> {
  // GC entries reach the observer from a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, GC_ENTRY_DELIVERY_MS));
  const perRun = intervals.map(() => 0);
  for (const entry of gcEntries.splice(0)) {
    const run = intervals.findIndex(([start, end]) => entry.startTime >= start && entry.startTime < end);
    if (run >= 0) perRun[run] = (perRun[run] ?? 0) + entry.duration;
  }
  return perRun;
}

const gcEntries: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });

async function benchSize(endpointCount: number, runs: number): Promise<Row> {
  const compileStart = performance.now();
  const mesh = compileMesh(benchMesh(endpointCount));
  const compileMs = performance.now() - compileStart;
  const probe: ResolvedPath = resolvePath(mesh, BENCH_QUERY);
  const envoyHop = probe.hops.find((h) => h.balancer === 'ENVOY');
  if (envoyHop === undefined || envoyHop.endpoints.length !== endpointCount)
    throw new Error(`expected a waypoint hop with ${endpointCount.toString()} endpoints`);
  const probeAnswer = evaluateWhatIf(probe, BENCH_SCENARIO);
  const ejected = probeAnswer.ejections.filter((e) => e.outcome === 'EJECTED').length;

  const resolveSamples: number[] = [];
  const whatIfSamples: number[] = [];
  const totalSamples: number[] = [];
  const hopSamples: number[] = [];
  // Warm up until the JIT has settled: at least WARMUP_MIN_RUNS runs and WARMUP_MIN_MS of work.
  const warmupStart = performance.now();
  for (let r = 0; r < WARMUP_MIN_RUNS || performance.now() - warmupStart < WARMUP_MIN_MS; r += 1)
    evaluateWhatIf(resolvePath(mesh, BENCH_QUERY), BENCH_SCENARIO);
  await new Promise((resolve) => setTimeout(resolve, GC_ENTRY_DELIVERY_MS));
  gcEntries.splice(0);
  const intervals: (readonly [number, number])[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    const path = resolvePath(mesh, BENCH_QUERY);
    const t1 = performance.now();
    evaluateWhatIf(path, BENCH_SCENARIO);
    const t2 = performance.now();
    resolveSamples.push(t1 - t0);
    whatIfSamples.push(t2 - t1);
    totalSamples.push(t2 - t0);
    intervals.push([t0, t2]);
  }
  const gc = await gcPausesPerRun(intervals);
  const withoutGc = stats(totalSamples.map((t, r) => t - (gc[r] ?? 0)));
  const gcMean = gc.reduce((a, b) => a + b, 0) / Math.max(1, gc.length);
  // The spillover model alone on the waypoint hop (first call per fresh hop object: no cached structure).
  for (let r = 0; r < WARMUP_MIN_RUNS + runs; r += 1) {
    const hop = { ...envoyHop };
    const t0 = performance.now();
    computeHopTraffic(hop);
    const t1 = performance.now();
    if (r >= WARMUP_MIN_RUNS) hopSamples.push(t1 - t0);
  }
  const resolve = stats(resolveSamples);
  const whatIf = stats(whatIfSamples);
  const total = stats(totalSamples);
  const hop = stats(hopSamples);
  return {
    endpoints: endpointCount,
    localities: LOCALITIES,
    priorities: envoyHop.priorityMeanings.length,
    ejected,
    runs,
    compileMs: round3(compileMs),
    resolveMedianMs: round3(resolve.medianMs),
    resolveP99Ms: round3(resolve.p99Ms),
    whatIfMedianMs: round3(whatIf.medianMs),
    whatIfP99Ms: round3(whatIf.p99Ms),
    totalMedianMs: round3(total.medianMs),
    totalP99Ms: round3(total.p99Ms),
    totalMinMs: round3(total.minMs),
    gcMsPerRun: round3(gcMean),
    totalWithoutGcMedianMs: round3(withoutGc.medianMs),
    computeHopTrafficMedianMs: round3(hop.medianMs),
    usPerEndpoint: round3((1000 * total.medianMs) / endpointCount),
  };
}

const quick = flag('quick');
/** `--sizes 10000` measures only the sizes given (comma-separated); the result file is written only for the full set. */
const sizes = option('sizes')?.split(',').map(Number) ?? SIZES;
const runsFor = (n: number): number =>
  n >= 100_000 ? (quick ? 10 : 30) : n >= 10_000 ? (quick ? 50 : 300) : quick ? 100 : 500;
const rows: Row[] = [];
for (const n of sizes) rows.push(await benchSize(n, runsFor(n)));
gcObserver.disconnect();
const num = (row: Row | undefined, key: string): number => {
  const v = row?.[key];
  return typeof v === 'number' ? v : Number.NaN;
};
const at10k = rows.find((r) => r.endpoints === 10_000);
const ratios = rows.slice(1).map((r, i) => num(r, 'totalMedianMs') / num(rows[i], 'totalMedianMs'));
const ratiosWithoutGc = rows
  .slice(1)
  .map((r, i) => num(r, 'totalWithoutGcMedianMs') / num(rows[i], 'totalWithoutGcMedianMs'));
const result = {
  name: 'engine',
  date: new Date().toISOString(),
  machine: machine(),
  description:
    `resolvePath + evaluateWhatIf (eject ${FAILING_ENDPOINTS.toString()} endpoints, loadFactor ${LOAD_FACTOR.toString()}) ` +
    `on one backend with N endpoints in ${LOCALITIES.toString()} localities, failoverPriority + outlierDetection, ambient client → waypoint`,
  rows,
  targets: [
    {
      target: `resolve + whatIf at 10k endpoints < ${TARGET_MEDIAN_MS_AT_10K.toString()} ms median`,
      measured: `${num(at10k, 'totalMedianMs').toFixed(2)} ms (resolve ${num(at10k, 'resolveMedianMs').toFixed(2)}, whatIf ${num(at10k, 'whatIfMedianMs').toFixed(2)})`,
      pass: num(at10k, 'totalMedianMs') < TARGET_MEDIAN_MS_AT_10K,
    },
    {
      target: `linear growth (wall clock): ≤ ×${MAX_RATIO_PER_10X.toString()} per ×10 endpoints`,
      measured: ratios.map((r) => `×${r.toFixed(1)}`).join(', '),
      pass: ratios.every((r) => r <= MAX_RATIO_PER_10X),
    },
    {
      target: `linear growth (GC pauses excluded): ≤ ×${MAX_RATIO_PER_10X.toString()} per ×10 endpoints`,
      measured: ratiosWithoutGc.map((r) => `×${r.toFixed(1)}`).join(', '),
      pass: ratiosWithoutGc.every((r) => r <= MAX_RATIO_PER_10X),
    },
  ],
  growth: {
    resolveWhatIfWithoutGc: growthExponent(
      rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'totalWithoutGcMedianMs') })),
    ),
    resolveWhatIf: growthExponent(
      rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'totalMedianMs') })),
    ),
    resolve: growthExponent(
      rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'resolveMedianMs') })),
    ),
    whatIf: growthExponent(rows.map((r) => ({ size: num(r, 'endpoints'), cost: num(r, 'whatIfMedianMs') }))),
  },
};
printResult(result);
if (option('sizes') === undefined) console.log(`wrote ${writeResult(result)}`);
