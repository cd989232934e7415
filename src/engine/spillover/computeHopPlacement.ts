/**
 * The spillover model's entry point: one resolved hop plus a per-hop scenario in; priority levels,
 * endpoint shares, drops, errors and ejection outcomes out, with a trace of the rules applied. Only health
 * enters: load and capacity are read off the placement afterwards (`src/engine/load/`).
 * It only dispatches by balancer:
 * - ENVOY: the ejection replay (`replayEjections.ts`) over Envoy's placement (`placeEnvoy.ts`);
 * - ZTUNNEL: `placeZtunnel.ts`; no outlier detection;
 * - KUBE_PROXY: `placeKubeProxy.ts`; no outlier detection.
 * Failing endpoints answer 5xx: whatever share they keep is the hop's error rate. The answer layer
 * (`evaluate/`) spells the result out per endpoint.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { failingOrder } from './failingOrder.js';
import { DEFAULT_EJECTION_CAP_RULE } from './outlierEjection.js';
import { placeEnvoy } from './placeEnvoy.js';
import { placeKubeProxy } from './placeKubeProxy.js';
import { placeZtunnel } from './placeZtunnel.js';
import { prepareHop } from './prepareHop.js';
import { neverEjected, replayEjections } from './replayEjections.js';
import type { HopEjection, HopPlacement, HopScenario, Placement } from './types.js';

interface Balanced {
  readonly placement: Placement;
  readonly ejected: ReadonlySet<number>;
  readonly ejections: readonly HopEjection[];
  readonly notes: readonly string[];
}

const NONE_EJECTED: ReadonlySet<number> = new Set();

function balance(hop: ResolvedHop, scenario: HopScenario, failing: readonly number[]): Balanced {
  const factor = scenario.overprovisioningFactor ?? hop.overprovisioningFactor;
  switch (hop.balancer) {
    case 'ENVOY': {
      const prepared = prepareHop(hop);
      // The cap counts the cluster's hosts (`ejectHost`): only the endpoints Envoy actually holds.
      const replay = replayEjections(
        hop,
        failing,
        prepared.hostCount,
        scenario.ejectionRule ?? DEFAULT_EJECTION_CAP_RULE,
        (ejected) => placeEnvoy(hop, prepared, ejected, factor),
      );
      const notes = [
        `Envoy ${hop.loadBalancer}: shares are long-run request shares; inside a locality the LB policy spreads evenly by endpoint weight.`,
      ];
      if (replay.placement.priorities.some((p) => p.panic)) {
        notes.push(
          'A priority in panic sends its share to all its hosts, unhealthy and ejected ones included (Envoy hostSourceToUse).',
        );
      }
      return { ...replay, notes };
    }
    case 'ZTUNNEL':
      return {
        placement: placeZtunnel(hop),
        ejected: NONE_EJECTED,
        ejections: neverEjected(
          failing,
          hop.endpoints,
          'ztunnel has no outlier detection: the endpoint keeps its share and that share fails',
        ),
        notes: [
          'ztunnel: shares are connection shares; all connections go to the best tier with an eligible endpoint, with no gradual spillover.',
        ],
      };
    case 'KUBE_PROXY':
      return {
        placement: placeKubeProxy(hop),
        ejected: NONE_EJECTED,
        ejections: neverEjected(
          failing,
          hop.endpoints,
          'no mesh proxy balances this hop: the endpoint keeps its share and that share fails',
        ),
        notes: [
          'kube-proxy: connections spread uniformly over ready endpoints; no priorities and no outlier detection.',
        ],
      };
  }
}

/**
 * @example computeHopPlacement(httpbinHop, { failingEndpointIds: ['pod-1'] })
 * // with maxEjectionPercent 50: pod-1 EJECTED (1 of 3 hosts = 33.3 % ≤ 50 %), the other two 50 % each
 */
export function computeHopPlacement(hop: ResolvedHop, scenario: HopScenario = {}): HopPlacement {
  const endpoints = hop.endpoints;
  const failing = failingOrder(endpoints, scenario);
  const { placement, ejected, ejections, notes } = balance(hop, scenario, failing);
  const prepared = prepareHop(hop);
  let errorPercent = 0;
  for (const i of new Set(failing)) errorPercent += placement.shares[i] ?? 0;
  const healthy = new Uint8Array(endpoints.length);
  const ejectedFlags = new Uint8Array(endpoints.length);
  for (let i = 0; i < endpoints.length; i += 1) {
    const h = endpoints[i]?.health;
    if (h === 'HEALTHY' || h === 'DEGRADED') healthy[i] = 1;
  }
  for (const i of ejected) {
    ejectedFlags[i] = 1;
    healthy[i] = 0;
  }
  for (const i of failing) healthy[i] = 0;
  return {
    shareUnit: hop.balancer === 'ZTUNNEL' || hop.layer === 'L4' ? 'CONNECTION' : 'REQUEST',
    priorities: placement.priorities,
    droppedPercent: placement.droppedPercent,
    errorPercent,
    ejections,
    notes,
    trace: placement.trace,
    shares: placement.shares,
    healthy,
    ejected: ejectedFlags,
    localityIndex: prepared.localityIndex,
    localities: prepared.localities,
  };
}
