/**
 * The DestinationRule index and lookup: `push_context.go` `setDestinationRules` and
 * `destinationRule`, `destination_rule.go` `mergeDestinationRule`, `sidecar.go`
 * `SidecarScope.DestinationRule` (istio.md §2.1–2.4).
 */
import { ISTIO_DEFAULT_ROOT_NAMESPACE } from '../envoyDefaults.js';
import type { DestinationRuleModel, Labels, ResourceRef } from '../model/meshModel.js';
import { mostSpecificHostMatch, resolveShortnameToFqdn } from './hostMatch.js';
import type { DestinationRuleLookupStep, DestinationRuleProxyKind } from './types.js';

const EXPORT_PRIVATE = '.';
const EXPORT_PUBLIC = '*';

/** One entry of the index: a rule, possibly with others merged into it. */
export interface ConsolidatedDestinationRule {
  /** The rule as merged (subsets concatenated, first top-level trafficPolicy kept). */
  readonly rule: DestinationRuleModel;
  /** The FQDN the rule is indexed under. */
  readonly host: string;
  /** The exportTo set used for visibility (forced to `.` for workload-selector rules). */
  readonly exportTo: readonly string[];
  /** Every rule merged into this entry, the owner first. */
  readonly from: readonly ResourceRef[];
}

export interface DestinationRuleIndex {
  readonly rootNamespace: string;
  readonly namespaceLocal: ReadonlyMap<string, ReadonlyMap<string, readonly ConsolidatedDestinationRule[]>>;
  readonly exportedByNamespace: ReadonlyMap<
    string,
    ReadonlyMap<string, readonly ConsolidatedDestinationRule[]>
  >;
  readonly rootNamespaceLocal: ReadonlyMap<string, readonly ConsolidatedDestinationRule[]>;
}

export interface DestinationRuleIndexOptions {
  /** Default `istio-system`. */
  readonly rootNamespace?: string;
  /** `meshConfig.defaultDestinationRuleExportTo`; upstream default `['*']`. */
  readonly defaultDestinationRuleExportTo?: readonly string[];
  /** Cluster domain for short DR hosts; default `cluster.local`. */
  readonly clusterDomain?: string;
}

function refOf(dr: DestinationRuleModel): ResourceRef {
  return { kind: 'DestinationRule', name: dr.name, namespace: dr.namespace, cluster: dr.cluster };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function supersetOf(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...b].every((x) => a.has(x));
}

function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
  const ak = Object.keys(a ?? {});
  const bk = Object.keys(b ?? {});
  return ak.length === bk.length && ak.every((k) => (a ?? {})[k] === (b ?? {})[k]);
}

/**
 * Rules with a workload selector sort first, then oldest first, then by name and namespace
 * (`sortConfigBySelectorAndCreationTime`).
 */
export function sortDestinationRules(rules: readonly DestinationRuleModel[]): DestinationRuleModel[] {
  return [...rules].sort((a, b) => {
    const as = a.workloadSelector === undefined ? 1 : 0;
    const bs = b.workloadSelector === undefined ? 1 : 0;
    if (as !== bs) return as - bs;
    const at = a.creationTimestamp ?? '';
    const bt = b.creationTimestamp ?? '';
    if (at !== bt) return at < bt ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return 0;
  });
}

interface MutableEntry {
  rule: DestinationRuleModel;
  host: string;
  exportTo: Set<string>;
  from: ResourceRef[];
}

/**
 * Enhanced merge (`ENABLE_ENHANCED_DESTINATIONRULE_MERGE`, default on): an incoming rule merges into
 * entries with an equal exportTo set, or with a non-empty set it strictly covers (then it is also kept
 * on its own); rules with different selectors never merge; a selector-less rule merged into a
 * selector rule is also kept on its own. Merging concatenates new subset names and fills a missing
 * top-level trafficPolicy; exportTo never changes.
 */
function mergeInto(
  table: Map<string, MutableEntry[]>,
  dr: DestinationRuleModel,
  host: string,
  exportTo: Set<string>,
): void {
  const list = table.get(host);
  const fresh: MutableEntry = { rule: dr, host, exportTo, from: [refOf(dr)] };
  if (list === undefined) {
    table.set(host, [fresh]);
    return;
  }
  let appendSeparately = true;
  for (const entry of list) {
    const bothWithout = dr.workloadSelector === undefined && entry.rule.workloadSelector === undefined;
    const bothWith = dr.workloadSelector !== undefined && entry.rule.workloadSelector !== undefined;
    const selectorsMatch = sameLabels(dr.workloadSelector, entry.rule.workloadSelector);
    if (sameSet(exportTo, entry.exportTo)) {
      appendSeparately = !(bothWithout || (bothWith && selectorsMatch));
    } else if (entry.exportTo.size > 0 && supersetOf(exportTo, entry.exportTo)) {
      appendSeparately = true;
    } else {
      appendSeparately = true;
      continue;
    }
    if (bothWith && !selectorsMatch) {
      appendSeparately = true;
      continue;
    }
    if (bothWithout || (bothWith && selectorsMatch)) appendSeparately = false;
    const names = new Set(entry.rule.subsets.map((s) => s.name));
    const subsets = [...entry.rule.subsets, ...dr.subsets.filter((s) => !names.has(s.name))];
    const trafficPolicy = entry.rule.trafficPolicy ?? dr.trafficPolicy;
    entry.rule = { ...entry.rule, subsets, ...(trafficPolicy === undefined ? {} : { trafficPolicy }) };
    entry.from.push(refOf(dr));
  }
  if (appendSeparately) list.push(fresh);
}

function freeze(table: Map<string, MutableEntry[]>): Map<string, ConsolidatedDestinationRule[]> {
  const out = new Map<string, ConsolidatedDestinationRule[]>();
  for (const [host, list] of table) {
    out.set(
      host,
      list.map((e) => ({ rule: e.rule, host: e.host, exportTo: [...e.exportTo], from: [...e.from] })),
    );
  }
  return out;
}

/**
 * Build the three indexes of §2.1: `namespaceLocal` (visible in the rule's own namespace),
 * `exportedByNamespace` (everything not private-only) and `rootNamespaceLocal` (private-only rules of
 * the root namespace). Pass the DRs of the cluster whose istiod is being modelled.
 */
export function buildDestinationRuleIndex(
  rules: readonly DestinationRuleModel[],
  options: DestinationRuleIndexOptions = {},
): DestinationRuleIndex {
  const rootNamespace = options.rootNamespace ?? ISTIO_DEFAULT_ROOT_NAMESPACE;
  const meshDefault = options.defaultDestinationRuleExportTo ?? [EXPORT_PUBLIC];
  const local = new Map<string, Map<string, MutableEntry[]>>();
  const exported = new Map<string, Map<string, MutableEntry[]>>();
  const rootLocal = new Map<string, MutableEntry[]>();
  const tableOf = (m: Map<string, Map<string, MutableEntry[]>>, ns: string): Map<string, MutableEntry[]> => {
    const t = m.get(ns) ?? new Map<string, MutableEntry[]>();
    m.set(ns, t);
    return t;
  };
  for (const dr of sortDestinationRules(rules)) {
    const host = resolveShortnameToFqdn(dr.host, dr.namespace, options.clusterDomain);
    // Workload-selector rules are never visible outside their namespace, whatever exportTo says.
    const exportTo = dr.workloadSelector === undefined ? new Set(dr.exportTo) : new Set([EXPORT_PRIVATE]);
    if (
      exportTo.size === 0 ||
      exportTo.has(EXPORT_PUBLIC) ||
      exportTo.has(EXPORT_PRIVATE) ||
      exportTo.has(dr.namespace)
    ) {
      mergeInto(tableOf(local, dr.namespace), dr, host, exportTo);
    }
    const privateOnly =
      (exportTo.size === 0 && meshDefault.includes(EXPORT_PRIVATE)) ||
      (exportTo.size === 1 && (exportTo.has(EXPORT_PRIVATE) || exportTo.has(dr.namespace)));
    if (!privateOnly) mergeInto(tableOf(exported, dr.namespace), dr, host, exportTo);
    else if (dr.namespace === rootNamespace) mergeInto(rootLocal, dr, host, exportTo);
  }
  const freezeAll = (
    m: Map<string, Map<string, MutableEntry[]>>,
  ): Map<string, Map<string, ConsolidatedDestinationRule[]>> =>
    new Map([...m].map(([ns, t]) => [ns, freeze(t)]));
  return {
    rootNamespace,
    namespaceLocal: freezeAll(local),
    exportedByNamespace: freezeAll(exported),
    rootNamespaceLocal: freeze(rootLocal),
  };
}

export interface DestinationRuleLookup {
  /** The consolidated rules for the matched host, in index order (empty when none). */
  readonly rules: readonly ConsolidatedDestinationRule[];
  readonly step: DestinationRuleLookupStep;
  readonly matchedHost?: string;
  /** Each step tried, in order, and what it found. */
  readonly trace: readonly string[];
}

export interface DestinationRuleLookupInput {
  /** The consulting proxy's config namespace. */
  readonly proxyNamespace: string;
  /** The service's namespace; `''` when unknown. */
  readonly serviceNamespace: string;
  /** The service hostname (FQDN or global host). */
  readonly hostname: string;
}

function exportedTo(entry: ConsolidatedDestinationRule, client: string): boolean {
  return (
    entry.exportTo.length === 0 || entry.exportTo.includes(EXPORT_PUBLIC) || entry.exportTo.includes(client)
  );
}

/**
 * `PushContext.destinationRule`: proxy namespace (most specific host, wildcards included; root-local
 * rules for root-namespace proxies) → service namespace (exported to the proxy) → root namespace
 * (exported) → none. A third namespace is never consulted.
 */
export function lookupDestinationRules(
  index: DestinationRuleIndex,
  input: DestinationRuleLookupInput,
): DestinationRuleLookup {
  const trace: string[] = [];
  const { proxyNamespace, serviceNamespace, hostname } = input;
  const isRoot = proxyNamespace === index.rootNamespace;
  const first = isRoot ? index.rootNamespaceLocal : index.namespaceLocal.get(proxyNamespace);
  const firstStep: DestinationRuleLookupStep = isRoot ? 'ROOT_NAMESPACE_LOCAL' : 'PROXY_NAMESPACE';
  const firstHost = first === undefined ? undefined : mostSpecificHostMatch(hostname, first.keys());
  const firstRules = firstHost === undefined ? undefined : first?.get(firstHost);
  if (firstHost !== undefined && firstRules !== undefined && firstRules.length > 0) {
    trace.push(
      `${isRoot ? 'root-namespace private' : `proxy namespace ${proxyNamespace}`} rules: host ${firstHost} matches`,
    );
    return { rules: firstRules, step: firstStep, matchedHost: firstHost, trace };
  }
  trace.push(
    `${isRoot ? 'root-namespace private' : `proxy namespace ${proxyNamespace}`} rules: no host matches ${hostname}`,
  );

  const fromNamespace = (
    ns: string,
    step: DestinationRuleLookupStep,
    label: string,
  ): DestinationRuleLookup | undefined => {
    const table = index.exportedByNamespace.get(ns);
    const host = table === undefined ? undefined : mostSpecificHostMatch(hostname, table.keys());
    if (host === undefined) {
      trace.push(`${label} ${ns}: no exported rule matches ${hostname}`);
      return undefined;
    }
    const visible = (table?.get(host) ?? []).filter((e) => exportedTo(e, proxyNamespace));
    if (visible.length === 0) {
      trace.push(`${label} ${ns}: host ${host} matches but is not exported to ${proxyNamespace}`);
      return undefined;
    }
    trace.push(`${label} ${ns}: host ${host} matches and is exported to ${proxyNamespace}`);
    return { rules: visible, step, matchedHost: host, trace };
  };
  if (serviceNamespace !== '') {
    const hit = fromNamespace(serviceNamespace, 'SERVICE_NAMESPACE', 'service namespace');
    if (hit !== undefined) return hit;
  }
  const root = fromNamespace(index.rootNamespace, 'ROOT_NAMESPACE', 'root namespace');
  if (root !== undefined) return root;
  return { rules: [], step: 'NONE', trace };
}

export interface DestinationRuleSelectionInput extends DestinationRuleLookupInput {
  readonly proxyKind: DestinationRuleProxyKind;
  /** The consulting proxy's labels (for workload selectors). */
  readonly proxyLabels: Labels;
}

export interface DestinationRuleSelection {
  /** The one rule in force for this proxy, if any. */
  readonly rule?: ConsolidatedDestinationRule;
  readonly lookup: DestinationRuleLookup;
  /** How the rule was picked out of the lookup's list. */
  readonly trace: readonly string[];
}

function selectorMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * Pick one rule for a proxy (`SidecarScope.DestinationRule`): outbound, the first workload-selector
 * rule from the proxy's own namespace whose labels it carries; otherwise the last selector-less rule.
 * Waypoints look up inbound, so selector rules never apply; ambient east-west gateways ignore DRs
 * (`cluster_waypoint.go`).
 */
export function selectDestinationRule(
  index: DestinationRuleIndex,
  input: DestinationRuleSelectionInput,
): DestinationRuleSelection {
  if (input.proxyKind === 'EAST_WEST_GATEWAY') {
    return {
      lookup: { rules: [], step: 'NONE', trace: ['east-west gateways do not apply DestinationRules'] },
      trace: ['east-west gateways do not apply DestinationRules'],
    };
  }
  const lookup = lookupDestinationRules(index, input);
  const trace: string[] = [];
  if (input.proxyKind !== 'WAYPOINT') {
    const bySelector = lookup.rules.find(
      (e) =>
        e.rule.workloadSelector !== undefined &&
        e.rule.namespace === input.proxyNamespace &&
        selectorMatches(e.rule.workloadSelector, input.proxyLabels),
    );
    if (bySelector !== undefined) {
      trace.push(
        `workload selector of ${bySelector.rule.namespace}/${bySelector.rule.name} matches the proxy`,
      );
      return { rule: bySelector, lookup, trace };
    }
  } else {
    trace.push('waypoint: inbound lookup, workload-selector rules do not apply');
  }
  const plain = lookup.rules.filter((e) => e.rule.workloadSelector === undefined);
  const last = plain[plain.length - 1];
  if (last === undefined) {
    trace.push(
      lookup.rules.length === 0
        ? 'no DestinationRule applies'
        : 'only workload-selector rules match the host, none selects this proxy',
    );
    return { lookup, trace };
  }
  trace.push(
    `selector-less rule ${last.rule.namespace}/${last.rule.name}${plain.length > 1 ? ' (the last of several)' : ''}`,
  );
  return { rule: last, lookup, trace };
}
