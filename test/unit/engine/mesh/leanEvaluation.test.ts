/**
 * The blast radius's lean evaluation equals whatIf's: resolving many paths with a shared `PathMemo` gives
 * the same paths as resolving each alone (the same hops without findings, for a memo without them),
 * `scenarioOutcome` with a shared `PlacementMemo` gives whatIf's rates for every pair, and each impact's
 * worst client gets from whatIf exactly the impact's rates — saturation included, with a load scenario
 * that saturates.
 */
import { describe, expect, it } from 'vitest';
import {
  blastRadius,
  evaluateWhatIf,
  resolvePath,
  validateScenario,
  type CompiledMesh,
  type Scenario,
} from '../../../../src/engine/index.js';
import { placementMemo, scenarioOutcome } from '../../../../src/engine/evaluate/scenarioOutcome.js';
import { pathMemo } from '../../../../src/engine/resolver/resolvePath.js';
import { exampleMesh, generatedMesh, MESH_TEST_TIMEOUT_MS } from './meshFixtures.js';
import { allPairs } from './pairOracle.js';

/** 1.5× the load at 60 % mean utilisation: endpoints left after a failure run past capacity. */
const LOADED: Partial<Scenario> = { loadFactor: 1.5, utilizationPercent: 60 };

const cases: { name: string; mesh: () => CompiledMesh; scenario: Scenario }[] = [
  {
    name: 'bookinfo, zone us-east-1a down under load',
    mesh: () => exampleMesh('bookinfo-multicluster.yaml'),
    scenario: { failLocalities: ['us-east/us-east-1a'], ...LOADED },
  },
  {
    name: 'httpbin (after), one endpoint ejected under load',
    mesh: () => exampleMesh('httpbin-after.yaml'),
    scenario: { ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12'], ...LOADED },
  },
  {
    name: 'sidecar client, zone us-east-1a down',
    mesh: () => exampleMesh('sidecar-client.yaml'),
    scenario: { failLocalities: ['us-east-1/us-east-1a'] },
  },
  {
    name: 'generated two-cluster mesh with waypoints, zone us-east-1a down under load',
    mesh: () => generatedMesh({ services: 16, replicas: 3, clusters: 2, seed: 7 }),
    scenario: { failLocalities: ['us-east-1/us-east-1a'], ...LOADED },
  },
];

describe('the blast radius evaluates as whatIf does', { timeout: MESH_TEST_TIMEOUT_MS }, () => {
  it.each(cases)('$name: memoized paths and outcomes equal the unshared ones', ({ mesh, scenario }) => {
    const compiled = mesh();
    const valid = validateScenario(scenario);
    const paths = pathMemo();
    const lean = pathMemo({ diagnostics: false });
    const placements = placementMemo();
    const pairs = allPairs(compiled);
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) {
      const query = { client: pair.client, backend: pair.backend };
      const shared = resolvePath(compiled, query, paths);
      const alone = resolvePath(compiled, query);
      expect({ pair, path: shared }).toEqual({ pair, path: alone });
      // The blast radius's paths: the same hops, without findings.
      expect({ pair, path: resolvePath(compiled, query, lean) }).toEqual({
        pair,
        path: { ...alone, diagnostics: [] },
      });
      const outcome = scenarioOutcome(shared, valid, {}, placements);
      const answer = evaluateWhatIf(alone, scenario);
      expect({
        pair,
        errorPercent: outcome.errorPercent,
        overflowPercent: outcome.loads.overflowPercent,
        saturatedPercent: outcome.loads.saturatedPercent,
        ejections: outcome.run.ejections,
      }).toEqual({
        pair,
        errorPercent: answer.errorPercent,
        overflowPercent: answer.overflowPercent,
        saturatedPercent: answer.saturatedPercent,
        ejections: answer.ejections,
      });
    }
  });

  it.each(cases)("$name: each impact's rates are whatIf's for its worst client", ({ mesh, scenario }) => {
    const compiled = mesh();
    const blast = blastRadius(compiled, scenario);
    expect(blast.impacts.length).toBeGreaterThan(0);
    for (const impact of blast.impacts) {
      const answer = evaluateWhatIf(
        resolvePath(compiled, { client: impact.worstClient, backend: impact.backend }),
        scenario,
      );
      expect({
        backend: impact.backend,
        errorPercent: impact.errorPercent,
        overflowPercent: impact.overflowPercent,
        saturatedPercent: impact.saturatedPercent,
      }).toEqual({
        backend: impact.backend,
        errorPercent: answer.errorPercent,
        overflowPercent: answer.overflowPercent,
        saturatedPercent: answer.saturatedPercent,
      });
    }
  });

  it('a load scenario saturates an impact, so the saturation comparison is exercised', () => {
    const blast = blastRadius(exampleMesh('httpbin-after.yaml'), {
      ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12'],
      ...LOADED,
    });
    // in-ambient's two pods left take 50 % each of 1.5× the load at 60 % utilisation: 135 % of capacity,
    // so 2 × 50 × (1 − 100 / 135) = 25.925926 % of requests meet a saturated endpoint (scenarioLoads.ts).
    expect(blast.impacts.map((i) => [i.backend, i.saturatedPercent])).toEqual([
      ['in-ambient.httpbin.svc.cluster.local', 25.925926],
    ]);
  });
});
