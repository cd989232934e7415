/**
 * A resolved hop plus its computed traffic, as the public `Hop` shape (answer.ts mirrors the contract).
 * This is where a hop's percentages take answer precision (`presentPercent.ts`).
 */
import type { EndpointShare, Hop, PriorityLevel } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import { localityKey } from '../spillover/index.js';
import type { HopLoad } from '../load/index.js';
import type { HopPlacement } from '../spillover/index.js';
import { endpointShare } from './endpointShare.js';
import { failingPercent } from './failingPercent.js';
import { apportionInPlace, apportionPercents, roundPercent } from './presentPercent.js';

interface Presented {
  readonly endpoints: readonly EndpointShare[];
  readonly droppedPercent: number;
  readonly priorities: readonly PriorityLevel[];
}

/** Priority loads are a whole of their own, rounded together. */
function presentPriorities(priorities: readonly PriorityLevel[]): PriorityLevel[] {
  const loads = apportionPercents(priorities.map((p) => p.loadPercent));
  return priorities.map((p, i) => ({ ...p, loadPercent: loads[i] ?? 0 }));
}

function presentPlacement(hop: ResolvedHop, placement: HopPlacement, load: HopLoad | undefined): Presented {
  const utilization = load?.utilization;
  const retried = placement.retries?.retried === true;
  const n = hop.endpoints.length;
  const percents = new Float64Array(n + 1);
  percents.set(placement.shares.subarray(0, n));
  percents[n] = placement.droppedPercent;
  apportionInPlace(percents);
  const whole = percents;
  const endpoints: EndpointShare[] = [];
  for (let i = 0; i < n; i += 1) {
    const e = hop.endpoints[i];
    if (e === undefined) continue;
    endpoints.push(
      endpointShare(
        e,
        placement.localities[placement.localityIndex[i] ?? -1] ?? localityKey(e),
        whole[i] ?? 0,
        placement.healthy[i] === 1,
        placement.ejected[i] === 1,
        utilization === undefined ? undefined : roundPercent(utilization[i] ?? 0),
        placement.failing[i] === 1,
        retried ? roundPercent(placement.attempts[i] ?? 0) : undefined,
        failingPercent(placement, i),
      ),
    );
  }
  return {
    endpoints,
    droppedPercent: whole[n] ?? 0,
    priorities: presentPriorities(placement.priorities),
  };
}

function hopAnswer(
  hop: ResolvedHop,
  traffic: Pick<HopPlacement, 'shareUnit' | 'notes' | 'trace' | 'retries'>,
  presented: Presented,
  overprovisioningFactor: number,
  loadNotes: readonly string[],
): Hop {
  return {
    from: hop.from,
    to: hop.to,
    layer: hop.layer,
    trafficDistribution: hop.trafficDistribution,
    ...(hop.destinationRule === undefined ? {} : { destinationRule: hop.destinationRule }),
    destinationRuleFieldsApplied: hop.destinationRuleFieldsApplied,
    localityLb: hop.localityLb,
    loadBalancer: hop.loadBalancer,
    ...(hop.outlierDetection === undefined ? {} : { outlierDetection: hop.outlierDetection }),
    panicThresholdPercent: hop.panicThresholdPercent,
    overprovisioningFactor,
    ...(hop.circuitBreakers === undefined ? {} : { circuitBreakers: hop.circuitBreakers }),
    shareUnit: traffic.shareUnit,
    priorities: presented.priorities,
    endpoints: presented.endpoints,
    droppedPercent: presented.droppedPercent,
    ...(traffic.retries === undefined
      ? {}
      : {
          retries: {
            ...traffic.retries,
            retriedPercent: roundPercent(traffic.retries.retriedPercent),
            errorPercentBeforeRetries: roundPercent(traffic.retries.errorPercentBeforeRetries),
            attemptsPerRequest: roundPercent(traffic.retries.attemptsPerRequest),
          },
        }),
    notes: [...hop.notes, ...traffic.notes, ...traffic.trace, ...loadNotes],
  };
}

/**
 * The public `Hop` for a placement (`computeHopPlacement`): each endpoint's entry is built once, straight
 * with its rounded share (and its utilisation when the hop's capacity is known). Endpoint shares and dropped traffic are one whole (what reaches the hop), priority
 * loads another; each is rounded together so the answer's sums stay what the model computed.
 */
export function placementToHop(
  hop: ResolvedHop,
  placement: HopPlacement,
  overprovisioningFactor: number,
  load?: HopLoad,
): Hop {
  return hopAnswer(
    hop,
    placement,
    presentPlacement(hop, placement, load),
    overprovisioningFactor,
    load?.notes ?? [],
  );
}
