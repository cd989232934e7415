/**
 * The spillover model's entry point: one resolved hop plus a per-hop scenario in; priority levels,
 * endpoint shares, drops, errors and ejection outcomes out, with a trace of the rules applied. Only health
 * enters: load and capacity are read off the placement afterwards (`src/engine/load/`).
 * It only dispatches by balancer:
 * - ENVOY: the ejection replay (`replayEjections.ts`) over Envoy's placement (`placeEnvoy.ts`);
 * - ZTUNNEL: `placeZtunnel.ts`; no outlier detection;
 * - KUBE_PROXY: `placeKubeProxy.ts`; no outlier detection.
 * The failure kind (`failureKinds.ts`) first decides what the proxy sees (`NOT_READY` removes the
 * endpoints), then what a failing endpoint's share becomes (retried or failed). An endpoint's health flag
 * is what the proxy counts (so a priority's healthy count always agrees with its endpoints' flags);
 * `failing` says separately that it fails. The answer layer (`evaluate/`) spells the result out per endpoint.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { failingOrder } from './failingOrder.js';
import { failureOutcome, notReadyView } from './failureKinds.js';
import { gatewayFailures, type GatewayFailures } from './gatewayFailures.js';
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

function balance(
  hop: ResolvedHop,
  scenario: HopScenario,
  failing: readonly number[],
  fractions: ReadonlyMap<number, number>,
): Balanced {
  const failureWord = scenario.failure === 'CONNECT_FAILURE' ? 'connect failures' : '503s';
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
        failureWord,
        fractions,
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

/** `NOT_READY` behind a gateway: the stand-ins weighed by the endpoints still ready behind them. */
function withGatewayWeights(hop: ResolvedHop, behind: GatewayFailures): ResolvedHop {
  const changed = behind.partial.filter((g) => g.weight !== undefined);
  if (changed.length === 0) return hop;
  const endpoints = [...hop.endpoints];
  for (const g of changed) {
    const e = endpoints[g.index];
    if (e !== undefined && g.weight !== undefined) endpoints[g.index] = { ...e, weight: g.weight };
  }
  return { ...hop, endpoints };
}

/**
 * @example computeHopPlacement(httpbinHop, { failingEndpointIds: ['pod-1'] })
 * // with maxEjectionPercent 50: pod-1 EJECTED (1 of 3 hosts = 33.3 % ≤ 50 %), the other two 50 % each
 */
export function computeHopPlacement(given: ResolvedHop, scenario: HopScenario = {}): HopPlacement {
  const named = failingOrder(given.endpoints, scenario);
  const failure = scenario.failure ?? 'HTTP_5XX';
  const behind = gatewayFailures(given.endpoints, named, failure, scenario.notReady?.health);
  const whole = [...named, ...behind.whole];
  const view =
    failure === 'NOT_READY'
      ? notReadyView(withGatewayWeights(given, behind), whole, scenario)
      : { hop: given, failing: whole, ejections: [] };
  // A gateway with some failing endpoints behind it stays a host and fails a share φ of what it receives.
  const fractions = new Map<number, number>();
  if (failure !== 'NOT_READY') for (const g of behind.partial) fractions.set(g.index, g.fraction);
  const { hop } = view;
  const failing = [...view.failing, ...fractions.keys()];
  const endpoints = hop.endpoints;
  const balanced = balance(hop, scenario, failing, fractions);
  const { placement, ejected } = balanced;
  const ejections = [...view.ejections, ...balanced.ejections];
  const prepared = prepareHop(hop);
  const failingFlags = new Uint8Array(endpoints.length);
  for (const i of failing) failingFlags[i] = 1;
  let fraction: Float64Array | undefined;
  if (fractions.size > 0) {
    fraction = new Float64Array(endpoints.length);
    for (const i of failing) fraction[i] = fractions.get(i) ?? 1;
  }
  const outcome = failureOutcome(hop, placement, failingFlags, scenario, fraction);
  const gatewayNotes = behind.partial.map((g) => `East-west gateway ${g.reason}.`);
  const notes = [...balanced.notes, ...gatewayNotes, ...outcome.notes];
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
  return {
    shareUnit: hop.balancer === 'ZTUNNEL' || hop.layer === 'L4' ? 'CONNECTION' : 'REQUEST',
    priorities: placement.priorities,
    droppedPercent: placement.droppedPercent,
    errorPercent: outcome.errorPercent,
    ejections,
    notes,
    trace: placement.trace,
    shares: placement.shares,
    healthy,
    ejected: ejectedFlags,
    failing: failingFlags,
    attempts: outcome.attempts,
    ...(fraction === undefined ? {} : { failingFraction: fraction }),
    ...(outcome.retries === undefined ? {} : { retries: outcome.retries }),
    localityIndex: prepared.localityIndex,
    localities: prepared.localities,
  };
}
