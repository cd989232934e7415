/**
 * The DR traffic policy one Envoy cluster (port, subset) uses: `util.GetPortLevelTrafficPolicy` and
 * `util.MergeSubsetTrafficPolicy` / `model.MergeTrafficPolicy` (istio.md §2.5).
 */
import type {
  DestinationRuleModel,
  LoadBalancerSettings,
  OutlierDetectionSpec,
  PortTrafficPolicy,
  TrafficPolicy,
} from '../model/meshModel.js';

export type TrafficPolicyBlock = 'loadBalancer' | 'outlierDetection' | 'connectionPool' | 'tls';
export const TRAFFIC_POLICY_BLOCKS: readonly TrafficPolicyBlock[] = [
  'loadBalancer',
  'outlierDetection',
  'connectionPool',
  'tls',
];

/** Where a block of the effective policy came from. */
export type TrafficPolicyLevel = 'TOP_LEVEL' | 'PORT_LEVEL' | 'SUBSET' | 'SUBSET_PORT_LEVEL' | 'UNSET';

export interface ResolvedTrafficPolicy {
  readonly loadBalancer?: LoadBalancerSettings;
  readonly outlierDetection?: OutlierDetectionSpec;
  readonly connectionPool?: Readonly<Record<string, unknown>>;
  readonly tls?: Readonly<Record<string, unknown>>;
}

export interface TrafficPolicyResolution {
  readonly policy: ResolvedTrafficPolicy;
  readonly levels: Readonly<Record<TrafficPolicyBlock, TrafficPolicyLevel>>;
  /** The blocks present in the effective policy (DR fields that take effect on this cluster). */
  readonly fieldsApplied: readonly TrafficPolicyBlock[];
  readonly trace: readonly string[];
}

type Blocks = { -readonly [K in TrafficPolicyBlock]?: ResolvedTrafficPolicy[K] };

function blocksOf(p: TrafficPolicy | PortTrafficPolicy | undefined): Blocks {
  const out: Blocks = {};
  if (p?.loadBalancer !== undefined) out.loadBalancer = p.loadBalancer;
  if (p?.outlierDetection !== undefined) out.outlierDetection = p.outlierDetection;
  if (p?.connectionPool !== undefined) out.connectionPool = p.connectionPool;
  if (p?.tls !== undefined) out.tls = p.tls;
  return out;
}

function portEntry(p: TrafficPolicy | undefined, port: number | undefined): PortTrafficPolicy | undefined {
  if (p === undefined || port === undefined) return undefined;
  return p.portLevelSettings?.find((s) => s.port?.number === port);
}

/**
 * The policy for one port and optional subset. A matching port-level entry replaces all four blocks
 * (left-out fields are not inherited); the subset policy then overrides block by block, or wholesale
 * when it has its own port-level entry.
 *
 * @example effectiveTrafficPolicy({ trafficPolicy: { outlierDetection: {…}, portLevelSettings: [{ port: { number: 80 }, loadBalancer: {…} }] }, subsets: [] }, 80)
 *   // → loadBalancer from PORT_LEVEL, outlierDetection UNSET
 */
export function effectiveTrafficPolicy(
  rule: Pick<DestinationRuleModel, 'trafficPolicy' | 'subsets'> | undefined,
  port?: number,
  subsetName?: string,
): TrafficPolicyResolution {
  const trace: string[] = [];
  const levels: Record<TrafficPolicyBlock, TrafficPolicyLevel> = {
    loadBalancer: 'UNSET',
    outlierDetection: 'UNSET',
    connectionPool: 'UNSET',
    tls: 'UNSET',
  };
  let blocks: Blocks = blocksOf(rule?.trafficPolicy);
  for (const b of TRAFFIC_POLICY_BLOCKS) if (blocks[b] !== undefined) levels[b] = 'TOP_LEVEL';
  const topPort = portEntry(rule?.trafficPolicy, port);
  if (topPort !== undefined) {
    blocks = blocksOf(topPort);
    for (const b of TRAFFIC_POLICY_BLOCKS) levels[b] = blocks[b] === undefined ? 'UNSET' : 'PORT_LEVEL';
    trace.push(`portLevelSettings for port ${port ?? ''} replace the top-level blocks`);
  }
  if (subsetName !== undefined) {
    const subset = rule?.subsets.find((s) => s.name === subsetName);
    if (subset === undefined) trace.push(`subset ${subsetName} is not defined by the rule`);
    const sp = subset?.trafficPolicy;
    if (sp !== undefined) {
      const subsetPort = portEntry(sp, port);
      if (subsetPort !== undefined) {
        blocks = blocksOf(subsetPort);
        for (const b of TRAFFIC_POLICY_BLOCKS)
          levels[b] = blocks[b] === undefined ? 'UNSET' : 'SUBSET_PORT_LEVEL';
        trace.push(`subset ${subsetName} portLevelSettings for port ${port ?? ''} replace every block`);
      } else {
        const sb = blocksOf(sp);
        for (const b of TRAFFIC_POLICY_BLOCKS) {
          if (sb[b] === undefined) continue;
          blocks = { ...blocks, [b]: sb[b] };
          levels[b] = 'SUBSET';
          trace.push(`subset ${subsetName} overrides ${b}`);
        }
      }
    }
  }
  const fieldsApplied = TRAFFIC_POLICY_BLOCKS.filter((b) => blocks[b] !== undefined);
  return { policy: blocks, levels, fieldsApplied, trace };
}
