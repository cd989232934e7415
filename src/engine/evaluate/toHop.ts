/**
 * A resolved hop plus its computed traffic, as the public `Hop` shape (answer.ts mirrors the contract).
 * This is where a hop's percentages take answer precision (`presentPercent.ts`).
 */
import type { EndpointShare, Hop, PriorityLevel } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import type { HopTraffic } from '../spillover/index.js';
import { apportionPercents } from './presentPercent.js';

/**
 * Endpoint shares and dropped traffic are one whole (what reaches the hop), priority loads another;
 * each is rounded together so the answer's sums stay what the model computed.
 */
function presentTraffic(traffic: HopTraffic): {
  readonly endpoints: readonly EndpointShare[];
  readonly droppedPercent: number;
  readonly priorities: readonly PriorityLevel[];
} {
  const whole = apportionPercents([...traffic.endpoints.map((e) => e.sharePercent), traffic.droppedPercent]);
  const loads = apportionPercents(traffic.priorities.map((p) => p.loadPercent));
  return {
    endpoints: traffic.endpoints.map((e, i) => ({ ...e, sharePercent: whole[i] ?? 0 })),
    droppedPercent: whole[traffic.endpoints.length] ?? 0,
    priorities: traffic.priorities.map((p, i) => ({ ...p, loadPercent: loads[i] ?? 0 })),
  };
}

export function toHop(hop: ResolvedHop, traffic: HopTraffic, overprovisioningFactor: number): Hop {
  const presented = presentTraffic(traffic);
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
    shareUnit: traffic.shareUnit,
    priorities: presented.priorities,
    endpoints: presented.endpoints,
    droppedPercent: presented.droppedPercent,
    notes: [...hop.notes, ...traffic.notes, ...traffic.trace],
  };
}
