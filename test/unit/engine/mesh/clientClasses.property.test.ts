/**
 * The client-class reduction equals the pair-by-pair answer: on generated meshes (one or two clusters,
 * ambient and sidecar namespaces, waypoints, DestinationRules with failoverPriority, global services), for
 * random client × backend pairs under a random zone or cluster outage with random ejections, whatIf's
 * numbers for the client are those of its class's first client, and the blast radius lists the pair
 * exactly when whatIf finds it harmed, with whatIf's rates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blastRadius,
  clientClasses,
  type CompiledMesh,
  type Scenario,
} from '../../../../src/engine/index.js';
import { generatedMesh } from './meshFixtures.js';
import { allPairs, expectBlastMatchesWhatIf, numbersOf, whatIfFor, type Pair } from './pairOracle.js';

/** Meshes generated per run: small enough to stay fast, large enough for several classes per kind. */
const RUNS = 6;
/** Pairs drawn per mesh for the full-answer comparison and the blast check. */
const PAIRS_PER_MESH = 40;
/** Typically a few seconds; ≥ 10× that, for a loaded CI machine. */
const TIMEOUT_MS = 120_000;

function localitiesOf(mesh: CompiledMesh): string[] {
  const out = new Set<string>();
  for (const w of mesh.workloads.values()) {
    if (w.locality.zone !== '') out.add(`${w.locality.region}/${w.locality.zone}`);
  }
  return [...out].sort();
}

const meshArb = fc.record({
  services: fc.integer({ min: 8, max: 24 }),
  replicas: fc.integer({ min: 2, max: 4 }),
  clusters: fc.integer({ min: 1, max: 2 }),
  seed: fc.integer({ min: 1, max: 10_000 }),
});

describe('client classes reduce the pair-by-pair answer', () => {
  it(
    'on generated meshes, for random pairs and scenarios',
    () => {
      let harmed = 0;
      let classes = 0;
      fc.assert(
        fc.property(meshArb, fc.integer({ min: 0, max: 1_000_000 }), (options, pick) => {
          const mesh = generatedMesh({ ...options, servicesPerNamespace: 4, podsPerNode: 4 });
          const pairs = allPairs(mesh);
          const localities = localitiesOf(mesh);
          const clusters = [...mesh.clusters.keys()].map((c) => `cluster:${c}`);
          const outages = [...localities, ...clusters];
          const pods = [...mesh.workloads.values()].filter((w) => w.gatewayName === undefined);
          const scenario: Scenario = {
            failLocalities: [outages[pick % outages.length] ?? 'nowhere'],
            ejectEndpoints: [
              pods[pick % pods.length]?.name ?? 'nobody',
              pods[(pick * 7) % pods.length]?.name ?? 'nobody',
            ],
          };
          const { classOf } = clientClasses(mesh, mesh.profile);
          const drawn: Pair[] = [];
          for (let i = 0; i < PAIRS_PER_MESH && pairs.length > 0; i += 1) {
            const pair = pairs[(pick + i * 7919) % pairs.length];
            if (pair !== undefined) drawn.push(pair);
          }
          for (const pair of drawn) {
            const representative = classOf.get(pair.client)?.clients[0];
            expect(representative).toBeDefined();
            expect({ pair, numbers: numbersOf(whatIfFor(mesh, pair, scenario)) }).toEqual({
              pair,
              numbers: numbersOf(whatIfFor(mesh, { ...pair, client: representative ?? '' }, scenario)),
            });
          }
          const blast = blastRadius(mesh, scenario);
          expectBlastMatchesWhatIf(mesh, blast, scenario, drawn);
          harmed += blast.impacts.length;
          classes += blast.classCount;
        }),
        { numRuns: RUNS, seed: 15 },
      );
      // The runs must exercise the reduction: several classes per mesh, and outages that harm someone.
      expect(harmed).toBeGreaterThan(0);
      expect(classes).toBeGreaterThan(RUNS * 2);
    },
    TIMEOUT_MS,
  );
});
