/**
 * Mesh config (the `mesh` key of the `istio` ConfigMap, or a bundle's `spec.meshConfig`) → the fields the
 * engine reads. Istio merges the user's mesh config over its defaults, so an absent field keeps the
 * default: `rootNamespace` `istio-system` and `localityLbSetting: { enabled: true }` (Istio
 * `mesh.DefaultMeshConfig`). Ingest has checked the field types (`src/ingest/readMeshConfig.ts`).
 */
import type {
  LabelSelector,
  MeshConfig,
  ResourceRef,
  ServiceScopeConfig,
  ServiceSettingsEntry,
} from '../model/meshModel.js';
import { normalizeLocalityLbSetting, normalizeZoneAwareLbSetting } from './normalizeDestinationRule.js';
import { ISTIO_DEFAULT_ROOT_NAMESPACE } from '../envoyDefaults.js';

export const DEFAULT_MESH_CONFIG: MeshConfig = {
  rootNamespace: ISTIO_DEFAULT_ROOT_NAMESPACE,
  localityLbSetting: { enabled: true },
  serviceScopeConfigs: [],
};

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelSelector(raw: unknown): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const matchLabels = isRecord(raw['matchLabels'])
    ? (raw['matchLabels'] as Readonly<Record<string, string>>)
    : undefined;
  const matchExpressions = Array.isArray(raw['matchExpressions'])
    ? (raw['matchExpressions'] as NonNullable<LabelSelector['matchExpressions']>)
    : undefined;
  return {
    ...(matchLabels !== undefined ? { matchLabels } : {}),
    ...(matchExpressions !== undefined ? { matchExpressions } : {}),
  };
}

/** `serviceSettings[]`: string hosts and `settings.clusterLocal` (unset is false, as in the proto). */
function serviceSettings(raw: unknown): ServiceSettingsEntry[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isRecord).map((entry) => {
    const settings = entry['settings'];
    return {
      hosts: Array.isArray(entry['hosts'])
        ? entry['hosts'].filter((h): h is string => typeof h === 'string')
        : [],
      clusterLocal: isRecord(settings) && settings['clusterLocal'] === true,
    };
  });
}

function serviceScopeConfigs(raw: unknown): ServiceScopeConfig[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((entry) => {
    const namespaceSelector = labelSelector(entry['namespaceSelector']);
    const servicesSelector = labelSelector(entry['servicesSelector']);
    return {
      ...(namespaceSelector !== undefined ? { namespaceSelector } : {}),
      ...(servicesSelector !== undefined ? { servicesSelector } : {}),
      scope: entry['scope'] === 'GLOBAL' ? 'GLOBAL' : 'LOCAL',
    };
  });
}

/**
 * @example normalizeMeshConfig({ rootNamespace: 'istio-config' }).rootNamespace // → 'istio-config'
 */
export function normalizeMeshConfig(raw: unknown, source?: ResourceRef): MeshConfig {
  if (!isRecord(raw)) return source === undefined ? DEFAULT_MESH_CONFIG : { ...DEFAULT_MESH_CONFIG, source };
  const rootNamespace =
    typeof raw['rootNamespace'] === 'string' && raw['rootNamespace'] !== ''
      ? raw['rootNamespace']
      : ISTIO_DEFAULT_ROOT_NAMESPACE;
  const locality =
    normalizeLocalityLbSetting(raw['localityLbSetting']) ?? DEFAULT_MESH_CONFIG.localityLbSetting;
  const zoneAware = normalizeZoneAwareLbSetting(raw['zoneAwareLbSetting']);
  const exportTo = raw['defaultDestinationRuleExportTo'];
  const settings = serviceSettings(raw['serviceSettings']);
  return {
    rootNamespace,
    ...(locality !== undefined ? { localityLbSetting: locality } : {}),
    ...(zoneAware !== undefined ? { zoneAwareLbSetting: zoneAware } : {}),
    serviceScopeConfigs: serviceScopeConfigs(raw['serviceScopeConfigs']),
    ...(settings !== undefined ? { serviceSettings: settings } : {}),
    ...(Array.isArray(exportTo)
      ? {
          defaultDestinationRuleExportTo: exportTo.filter((item): item is string => typeof item === 'string'),
        }
      : {}),
    ...(source !== undefined ? { source } : {}),
  };
}
