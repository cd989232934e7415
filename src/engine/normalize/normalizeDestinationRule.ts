/**
 * DestinationRules are kept as written (istio.md §2: the resolver picks one per client namespace and
 * host), with outlier-detection durations turned into milliseconds (`10s` → 10000) so the engine never
 * parses strings. Ingest has already rejected invalid durations (`src/ingest/checkDestinationRule.ts`).
 */
import type {
  DestinationRuleModel,
  LoadBalancerSettings,
  LocalityLbSetting,
  OutlierDetectionSpec,
  PortTrafficPolicy,
  Subset,
  TrafficPolicy,
  ZoneAwareLbSetting,
} from '../model/meshModel.js';
import type { DestinationRuleObject, RawOutlierDetection, RawTrafficPolicy } from './kubeObjects.js';
import { parseDurationMs } from './parseDuration.js';

type Loose = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function fromToList(value: unknown): { from: string; to: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((entry) => ({ from: text(entry['from']), to: text(entry['to']) }));
}

function localityLbSetting(raw: Loose): LocalityLbSetting {
  const failover = fromToList(raw['failover']);
  const failoverPriority = stringArray(raw['failoverPriority']);
  const distribute = Array.isArray(raw['distribute'])
    ? raw['distribute'].filter(isRecord).map((entry) => {
        const to: Record<string, number> = {};
        const rawTo = entry['to'];
        if (isRecord(rawTo)) for (const [key, weight] of Object.entries(rawTo)) to[key] = Number(weight);
        return { from: text(entry['from']), to };
      })
    : undefined;
  return {
    ...(typeof raw['enabled'] === 'boolean' ? { enabled: raw['enabled'] } : {}),
    ...(distribute !== undefined ? { distribute } : {}),
    ...(failover !== undefined ? { failover } : {}),
    ...(failoverPriority !== undefined ? { failoverPriority } : {}),
  };
}

function zoneAwareLbSetting(raw: Loose): ZoneAwareLbSetting {
  const failover = fromToList(raw['failover']);
  const failoverPriority = stringArray(raw['failoverPriority']);
  const minClusterSize = raw['minClusterSize'];
  return {
    ...(typeof raw['enabled'] === 'boolean' ? { enabled: raw['enabled'] } : {}),
    ...(typeof minClusterSize === 'number' ? { minClusterSize } : {}),
    ...(failover !== undefined ? { failover } : {}),
    ...(failoverPriority !== undefined ? { failoverPriority } : {}),
  };
}

/** Also used for the mesh-wide settings in mesh config. */
export function normalizeLocalityLbSetting(raw: unknown): LocalityLbSetting | undefined {
  return isRecord(raw) ? localityLbSetting(raw) : undefined;
}

export function normalizeZoneAwareLbSetting(raw: unknown): ZoneAwareLbSetting | undefined {
  return isRecord(raw) ? zoneAwareLbSetting(raw) : undefined;
}

function loadBalancer(raw: Loose): LoadBalancerSettings {
  const { simple, consistentHash, localityLbSetting: locality, zoneAwareLbSetting: zoneAware } = raw;
  return {
    ...(typeof simple === 'string' ? { simple } : {}),
    ...(isRecord(consistentHash) ? { consistentHash } : {}),
    ...(isRecord(locality) ? { localityLbSetting: localityLbSetting(locality) } : {}),
    ...(isRecord(zoneAware) ? { zoneAwareLbSetting: zoneAwareLbSetting(zoneAware) } : {}),
  };
}

function durationField(
  name: 'intervalMs' | 'baseEjectionTimeMs',
  text: string | undefined,
): Partial<OutlierDetectionSpec> {
  const ms = text === undefined ? undefined : parseDurationMs(text);
  return ms === undefined ? {} : { [name]: ms };
}

function outlierDetection(raw: RawOutlierDetection): OutlierDetectionSpec {
  const numbers = [
    'consecutive5xxErrors',
    'consecutiveGatewayErrors',
    'consecutiveErrors',
    'consecutiveLocalOriginFailures',
    'maxEjectionPercent',
    'minHealthPercent',
  ] as const;
  const result: { -readonly [K in keyof OutlierDetectionSpec]: OutlierDetectionSpec[K] } = {};
  for (const field of numbers) {
    const value = raw[field];
    if (typeof value === 'number') result[field] = value;
  }
  if (typeof raw.splitExternalLocalOriginErrors === 'boolean') {
    result.splitExternalLocalOriginErrors = raw.splitExternalLocalOriginErrors;
  }
  return {
    ...result,
    ...durationField('intervalMs', raw.interval),
    ...durationField('baseEjectionTimeMs', raw.baseEjectionTime),
  };
}

function policyFields(
  raw: Omit<RawTrafficPolicy, 'portLevelSettings'>,
): Omit<TrafficPolicy, 'portLevelSettings'> {
  return {
    ...(raw.loadBalancer !== undefined ? { loadBalancer: loadBalancer(raw.loadBalancer) } : {}),
    ...(raw.outlierDetection !== undefined
      ? { outlierDetection: outlierDetection(raw.outlierDetection) }
      : {}),
    ...(raw.connectionPool !== undefined ? { connectionPool: raw.connectionPool } : {}),
    ...(raw.tls !== undefined ? { tls: raw.tls } : {}),
  };
}

export function normalizeTrafficPolicy(raw: RawTrafficPolicy): TrafficPolicy {
  const portLevelSettings: PortTrafficPolicy[] | undefined = raw.portLevelSettings?.map((setting) => ({
    ...(setting.port !== undefined
      ? { port: setting.port.number === undefined ? {} : { number: setting.port.number } }
      : {}),
    ...policyFields(setting),
  }));
  return { ...policyFields(raw), ...(portLevelSettings !== undefined ? { portLevelSettings } : {}) };
}

/**
 * @example normalizeDestinationRule(dr, 'cluster1') // spec.trafficPolicy.outlierDetection.interval '10s' → intervalMs 10000
 */
export function normalizeDestinationRule(
  rule: DestinationRuleObject,
  cluster: string,
  namespace: string,
): DestinationRuleModel {
  const spec = rule.spec ?? {};
  const subsets: Subset[] = (spec.subsets ?? []).map((subset) => ({
    name: subset.name ?? '',
    ...(subset.labels !== undefined ? { labels: subset.labels } : {}),
    ...(subset.trafficPolicy !== undefined
      ? { trafficPolicy: normalizeTrafficPolicy(subset.trafficPolicy) }
      : {}),
  }));
  const selector = spec.workloadSelector?.matchLabels;
  return {
    cluster,
    namespace,
    name: rule.metadata.name,
    host: spec.host ?? '',
    exportTo: spec.exportTo ?? [],
    ...(selector !== undefined ? { workloadSelector: selector } : {}),
    ...(spec.trafficPolicy !== undefined
      ? { trafficPolicy: normalizeTrafficPolicy(spec.trafficPolicy) }
      : {}),
    subsets,
    ...(rule.metadata.creationTimestamp !== undefined
      ? { creationTimestamp: rule.metadata.creationTimestamp }
      : {}),
  };
}
