/**
 * A resolved hop plus its computed traffic, as the public `Hop` shape (answer.ts mirrors the contract).
 */
import type { Hop } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import type { HopTraffic } from '../spillover/index.js';

export function toHop(hop: ResolvedHop, traffic: HopTraffic, overprovisioningFactor: number): Hop {
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
    priorities: traffic.priorities,
    endpoints: traffic.endpoints,
    droppedPercent: traffic.droppedPercent,
    notes: [...hop.notes, ...traffic.notes, ...traffic.trace],
  };
}
