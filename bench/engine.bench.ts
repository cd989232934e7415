// Engine-only benchmark: computeHopTraffic and evaluateWhatIf on a synthetic hop with N endpoints in 50
// localities (5 regions × 10 zones, three priority levels as locality failover would place them).
// Run: npx tsx bench/engine.bench.ts   → prints a table, writes bench/results/engine.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { evaluateWhatIf } from '../src/engine/evaluate/index.js';
import type { ResolvedEndpoint, ResolvedHop, ResolvedPath } from '../src/engine/model/resolved.js';
import { computeHopTraffic } from '../src/engine/spillover/index.js';

const LOCALITIES = 50;
const ZONES_PER_REGION = 10;
const SIZES = [1_000, 10_000, 100_000] as const;
const TARGET_MEDIAN_MS_AT_10K = 5;

function syntheticHop(endpointCount: number): ResolvedHop {
  const endpoints: ResolvedEndpoint[] = [];
  for (let i = 0; i < endpointCount; i += 1) {
    const locality = i % LOCALITIES;
    const region = Math.floor(locality / ZONES_PER_REGION);
    const zone = locality % ZONES_PER_REGION;
    const priority = locality === 0 ? 0 : region === 0 ? 1 : 2;
    endpoints.push({
      id: `c1/ns/pod-${i.toString()}`,
      name: `pod-${i.toString()}`,
      address: `10.${(i >> 16).toString()}.${((i >> 8) & 255).toString()}.${(i & 255).toString()}`,
      cluster: 'c1',
      network: 'n1',
      locality: {
        region: `r${region.toString()}`,
        zone: `r${region.toString()}-z${zone.toString()}`,
        subzone: '',
      },
      priority,
      rawPriority: priority,
      priorityReason: 'synthetic',
      health: i % 97 === 0 ? 'UNHEALTHY' : 'HEALTHY',
      weight: 1,
    });
  }
  return {
    from: { kind: 'WAYPOINT', name: 'waypoint', locality: 'r0/r0-z0/' },
    to: 'backend.ns.svc.cluster.local',
    layer: 'L7',
    balancer: 'ENVOY',
    trafficDistribution: { mode: 'PreferClose', source: 'SERVICE_SPEC' },
    destinationRuleFieldsApplied: ['outlierDetection'],
    localityLb: { mode: 'LOCALITY_FAILOVER', active: true, failoverPriority: [] },
    loadBalancer: 'LEAST_REQUEST',
    outlierDetection: {
      consecutive5xxErrors: 5,
      intervalSeconds: 10,
      baseEjectionTimeSeconds: 30,
      maxEjectionTimeSeconds: 300,
      maxEjectionPercent: 10,
      minHealthPercent: 0,
      explicitFields: ['consecutive5xxErrors'],
    },
    panicThresholdPercent: 0,
    overprovisioningFactor: 140,
    localityWeighted: true,
    endpoints,
    priorityMeanings: ['same zone', 'same region', 'other region'],
    notes: [],
  };
}

function syntheticPath(endpointCount: number): ResolvedPath {
  return {
    profile: 'SOLO',
    client: { kind: 'Deployment', name: 'client', namespace: 'ns' },
    backend: 'backend.ns.svc.cluster.local',
    hops: [syntheticHop(endpointCount)],
    diagnostics: [],
  };
}

interface Stats {
  readonly minMs: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly runs: number;
}

function measure(runs: number, fn: () => unknown): Stats {
  for (let i = 0; i < Math.min(5, runs); i += 1) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { minMs: at(0), medianMs: at(0.5), p99Ms: at(0.99), runs };
}

const results = SIZES.map((n) => {
  const path = syntheticPath(n);
  const hop = path.hops[0];
  if (hop === undefined) throw new Error('no hop');
  const runs = n >= 100_000 ? 20 : n >= 10_000 ? 100 : 300;
  // A zone fails (1/50 of the endpoints) plus two named pods: the cap and the failover loop both run.
  const scenario = { ejectEndpoints: ['pod-1', '10.0.0.2'], failLocalities: ['r0/r0-z0'], loadFactor: 1.5 };
  return {
    endpoints: n,
    localities: LOCALITIES,
    computeHopTraffic: measure(runs, () => computeHopTraffic(hop)),
    evaluateWhatIf: measure(runs, () => evaluateWhatIf(path, scenario)),
  };
});

const fmt = (ms: number): string => ms.toFixed(2).padStart(9);
console.log('engine benchmark (ms)                    min   median      p99   runs');
for (const r of results) {
  console.log(
    `computeHopTraffic  ${r.endpoints.toString().padStart(7)} endpoints ${fmt(r.computeHopTraffic.minMs)}${fmt(r.computeHopTraffic.medianMs)}${fmt(r.computeHopTraffic.p99Ms)} ${r.computeHopTraffic.runs.toString().padStart(5)}`,
  );
  console.log(
    `evaluateWhatIf     ${r.endpoints.toString().padStart(7)} endpoints ${fmt(r.evaluateWhatIf.minMs)}${fmt(r.evaluateWhatIf.medianMs)}${fmt(r.evaluateWhatIf.p99Ms)} ${r.evaluateWhatIf.runs.toString().padStart(5)}`,
  );
}
const at10k = results.find((r) => r.endpoints === 10_000);
const first = results[0];
const last = results[results.length - 1];
if (at10k && first && last) {
  const growth = last.evaluateWhatIf.medianMs / first.evaluateWhatIf.medianMs;
  console.log(
    `whatIf at 10k: ${at10k.evaluateWhatIf.medianMs.toFixed(2)} ms median (target < ${TARGET_MEDIAN_MS_AT_10K.toString()} ms: ` +
      `${at10k.evaluateWhatIf.medianMs < TARGET_MEDIAN_MS_AT_10K ? 'met' : 'MISSED'}); 1k→100k growth ×${growth.toFixed(1)} for ×100 endpoints`,
  );
  console.log(
    `cost per endpoint (whatIf min): ${results.map((r) => `${r.endpoints.toString()}: ${((1000 * r.evaluateWhatIf.minMs) / r.endpoints).toFixed(2)} µs`).join(', ')}`,
  );
}
const outDir = new URL('./results/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(
  new URL('engine.json', outDir),
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), targetMedianMsAt10k: TARGET_MEDIAN_MS_AT_10K, results }, null, 2)}\n`,
);
