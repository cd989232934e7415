/**
 * Whether a Service is global, i.e. reachable by one host across clusters.
 *
 * Solo (seeds 000/002/003, istio.md §10): the label `solo.io/service-scope: global` on the Service or on
 * its Namespace makes it global under `<name>.<namespace>.mesh.internal`. `global-only` is accepted as
 * global as well (seed 003 says the other scope values "behave in the same way" and only change which
 * endpoints are addressable). `segment` and `cluster` are recorded as written, not global.
 *
 * Upstream (istio.md §10, `services.go` `matchServiceScope`): mesh `serviceScopeConfigs`; the first entry
 * whose namespace and service selectors both match decides. An entry without a selector for one side does
 * not constrain that side. Upstream has no `*.mesh.internal` host; the model still records the hostname so
 * the resolver can choose by profile.
 *
 * Which one is checked first follows the upload profile: SOLO reads the Solo label first, the ISTIO
 * profiles the mesh config first.
 */
import type { Labels, Profile, ServiceModel, ServiceScopeConfig } from '../model/meshModel.js';
import { matchesLabelSelector } from './matchesLabelSelector.js';
import { GLOBAL_SERVICE_DOMAIN, LABEL_SOLO_SERVICE_SCOPE } from './wellKnownLabels.js';

export const SOLO_GLOBAL_SCOPES: readonly string[] = ['global', 'global-only'];
export const SOLO_KNOWN_SCOPES: readonly string[] = [...SOLO_GLOBAL_SCOPES, 'segment', 'cluster', 'local'];

export type GlobalScope = NonNullable<ServiceModel['global']>;

export function globalHostname(name: string, namespace: string): string {
  return `${name}.${namespace}.${GLOBAL_SERVICE_DOMAIN}`;
}

function soloScope(
  serviceLabels: Labels,
  namespaceLabels: Labels,
  hostname: string,
): GlobalScope | undefined {
  const own = serviceLabels[LABEL_SOLO_SERVICE_SCOPE];
  if (own !== undefined) {
    // A service label overrides its namespace's, including a non-global value.
    return SOLO_GLOBAL_SCOPES.includes(own)
      ? { scope: own, source: 'SOLO_SERVICE_LABEL', hostname }
      : undefined;
  }
  const inherited = namespaceLabels[LABEL_SOLO_SERVICE_SCOPE];
  if (inherited !== undefined && SOLO_GLOBAL_SCOPES.includes(inherited)) {
    return { scope: inherited, source: 'SOLO_NAMESPACE_LABEL', hostname };
  }
  return undefined;
}

function meshScope(
  configs: readonly ServiceScopeConfig[],
  serviceLabels: Labels,
  namespaceLabels: Labels,
  hostname: string,
): GlobalScope | undefined {
  for (const config of configs) {
    if (config.namespaceSelector === undefined && config.servicesSelector === undefined) continue;
    if (
      config.namespaceSelector !== undefined &&
      !matchesLabelSelector(config.namespaceSelector, namespaceLabels)
    )
      continue;
    if (
      config.servicesSelector !== undefined &&
      !matchesLabelSelector(config.servicesSelector, serviceLabels)
    )
      continue;
    return config.scope === 'GLOBAL'
      ? { scope: 'GLOBAL', source: 'MESH_SERVICE_SCOPE_CONFIG', hostname }
      : undefined;
  }
  return undefined;
}

/**
 * @example serviceGlobalScope({ name: 'productpage', namespace: 'bookinfo', labels: { 'solo.io/service-scope': 'global' }, namespaceLabels: {} }, [], 'SOLO')
 * // → { scope: 'global', source: 'SOLO_SERVICE_LABEL', hostname: 'productpage.bookinfo.mesh.internal' }
 */
export function serviceGlobalScope(
  service: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Labels;
    readonly namespaceLabels: Labels;
  },
  configs: readonly ServiceScopeConfig[],
  profile: Profile,
): GlobalScope | undefined {
  const hostname = globalHostname(service.name, service.namespace);
  const solo = (): GlobalScope | undefined => soloScope(service.labels, service.namespaceLabels, hostname);
  const mesh = (): GlobalScope | undefined =>
    meshScope(configs, service.labels, service.namespaceLabels, hostname);
  return profile === 'SOLO' ? (solo() ?? mesh()) : (mesh() ?? solo());
}
