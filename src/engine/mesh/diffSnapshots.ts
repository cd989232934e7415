/**
 * What a change does to behaviour (api.md "Mesh-wide questions", diff): every client × backend pair of two
 * snapshots, per backend and client class, compared through the effective policy each snapshot answers
 * (`resolvePath` + `evaluateEffectivePolicy`, the entry points effectivePolicy itself answers through).
 * Clients are grouped by their class in both snapshots at once, so a rule that splits or merges classes
 * between the two never hides a change. Diagnostics are compared as `analyzeMesh` lists them.
 */
import { analyzeMesh } from '../analysis/analyzeMesh.js';
import { EngineError } from '../errors.js';
import { evaluateEffectivePolicy } from '../evaluate/evaluateEffectivePolicy.js';
import type { Diagnostic, EffectivePolicy } from '../model/answer.js';
import type { DestinationRuleModel, Profile, ResourceRef } from '../model/meshModel.js';
import type { BehaviourChange, ChangeDetail, ClientClass, SnapshotDiff } from '../model/meshWide.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { pathMemo, resolvePath, type PathMemo } from '../resolver/resolvePath.js';
import { behaviourDetails, refText } from './behaviourDetails.js';
import { changeSummary, sortDetails } from './changeSummary.js';
import { clientClasses } from './clientClasses.js';
import { meshBackends } from './meshBackends.js';
import { meshClients } from './meshClients.js';
import { runSteps, type Steps } from './steps.js';

type Answer = { readonly policy: EffectivePolicy } | { readonly error: string };

function answer(
  mesh: CompiledMesh,
  client: string,
  backend: string,
  profile: Profile,
  memo: PathMemo,
): Answer {
  try {
    return { policy: evaluateEffectivePolicy(resolvePath(mesh, { client, backend, profile }, memo)) };
  } catch (error) {
    if (error instanceof EngineError) return { error: error.message };
    throw error;
  }
}

const ruleKey = (r: { cluster?: string; namespace?: string; name: string }): string =>
  `${r.cluster ?? ''}/${r.namespace ?? ''}/${r.name}`;

function rulesOf(mesh: CompiledMesh): Map<string, string> {
  const out = new Map<string, string>();
  for (const cluster of mesh.model.clusters) {
    for (const dr of cluster.destinationRules) out.set(ruleKey(dr), JSON.stringify(ruleSpec(dr)));
  }
  return out;
}

function ruleSpec(dr: DestinationRuleModel): unknown {
  return [dr.host, dr.exportTo, dr.workloadSelector, dr.trafficPolicy, dr.subsets];
}

/** The DestinationRules in force on either side that were added, removed or changed between the snapshots. */
function causesOf(
  policies: readonly EffectivePolicy[],
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const refs = new Map<string, ResourceRef>();
  for (const p of policies) {
    for (const hop of p.hops) {
      for (const ref of [hop.destinationRule, hop.localityLb.resource, hop.outlierDetection?.resource]) {
        if (ref?.kind === 'DestinationRule') refs.set(refText(ref), ref);
      }
    }
  }
  const out: string[] = [];
  for (const [text, ref] of refs) {
    const keys = [...before.keys(), ...after.keys()].filter(
      (k) =>
        k.endsWith(`/${ref.namespace ?? ''}/${ref.name}`) &&
        (ref.cluster === undefined || k.startsWith(`${ref.cluster}/`)),
    );
    const key = keys[0];
    if (key === undefined) continue;
    const was = before.get(key);
    const is = after.get(key);
    const what =
      was === undefined ? 'added' : is === undefined ? 'removed' : was !== is ? 'changed' : undefined;
    if (what !== undefined) out.push(`${text} ${what}`);
  }
  return out;
}

function diagnosticKey(d: Diagnostic): string {
  return JSON.stringify([d.code, d.message, d.resources]);
}

function diagnosticsDelta(
  before: readonly Diagnostic[],
  after: readonly Diagnostic[],
): [Diagnostic[], Diagnostic[]] {
  const b = new Set(before.map(diagnosticKey));
  const a = new Set(after.map(diagnosticKey));
  return [after.filter((d) => !b.has(diagnosticKey(d))), before.filter((d) => !a.has(diagnosticKey(d)))];
}

function setDelta(before: Iterable<string>, after: Iterable<string>): [string[], string[]] {
  const b = new Set(before);
  const a = new Set(after);
  return [[...a].filter((x) => !b.has(x)).sort(), [...b].filter((x) => !a.has(x)).sort()];
}

/** Profiles, clusters and networks that differ between the snapshots, one sentence each. */
function differencesOf(
  before: CompiledMesh,
  after: CompiledMesh,
  profiles: SnapshotDiff['profiles'],
): string[] {
  const out: string[] = [];
  if (profiles.before !== profiles.after)
    out.push(
      `Profiles differ: ${profiles.before} before, ${profiles.after} after; answers follow each profile's semantics.`,
    );
  const [added, removed] = setDelta(before.clusters.keys(), after.clusters.keys());
  if (added.length > 0) out.push(`Clusters only in the after snapshot: ${added.join(', ')}.`);
  if (removed.length > 0) out.push(`Clusters only in the before snapshot: ${removed.join(', ')}.`);
  for (const [name, cluster] of after.clusters) {
    const old = before.clusters.get(name);
    if (old !== undefined && old.network !== cluster.network)
      out.push(`Cluster ${name} moved from network "${old.network}" to "${cluster.network}".`);
  }
  return out;
}

/**
 * @param profile one profile for both snapshots; by default each snapshot's own
 * @example diffSnapshots(compileMesh(httpbinBefore), compileMesh(httpbinAfter)).changes[0].summary
 *   // → "in-ambient.httpbin: ambient clients in us-east-1/us-east-1a are now balanced under DestinationRule httpbin/in-ambient-failover on …"
 */
export function diffSnapshots(before: CompiledMesh, after: CompiledMesh, profile?: Profile): SnapshotDiff {
  return runSteps(diffSnapshotsSteps(before, after, profile));
}

/** `diffSnapshots` one backend × client group comparison per step, and one step per snapshot's analysis. */
export function* diffSnapshotsSteps(
  before: CompiledMesh,
  after: CompiledMesh,
  profile?: Profile,
): Steps<SnapshotDiff> {
  const profiles = { before: profile ?? before.profile, after: profile ?? after.profile };
  const beforeClients = meshClients(before, before.clusters.size > 1 || after.clusters.size > 1);
  const afterClients = meshClients(after, before.clusters.size > 1 || after.clusters.size > 1);
  const beforeClasses = clientClasses(before, profiles.before, beforeClients);
  const afterClasses = clientClasses(after, profiles.after, afterClients);
  const beforeBackends = meshBackends(before, profiles.before);
  const afterBackends = meshBackends(after, profiles.after);
  const [clientsAdded, clientsRemoved] = setDelta(
    beforeClients.map((c) => c.reference),
    afterClients.map((c) => c.reference),
  );
  const [backendsAdded, backendsRemoved] = setDelta(
    [...beforeBackends.values()].flat(),
    [...afterBackends.values()].flat(),
  );

  // Clients in both snapshots, grouped by (class before, class after).
  const groups = new Map<string, { before: ClientClass; after: ClientClass; clients: string[] }>();
  for (const { reference } of afterClients) {
    const b = beforeClasses.classOf.get(reference);
    const a = afterClasses.classOf.get(reference);
    if (b === undefined || a === undefined) continue;
    const key = `${b.id}\u0000${a.id}`;
    const group = groups.get(key) ?? { before: b, after: a, clients: [] };
    group.clients.push(reference);
    groups.set(key, group);
  }

  const rulesBefore = rulesOf(before);
  const rulesAfter = rulesOf(after);
  const changes: BehaviourChange[] = [];
  let pairs = 0;
  // One memo per snapshot (and its profile): what resolving its paths can share.
  const memos = { before: pathMemo(), after: pathMemo() };
  for (const group of groups.values()) {
    const client = group.clients[0] ?? '';
    const oldHosts = new Set(beforeBackends.get(group.before.cluster) ?? []);
    const clientClass = { ...group.after, clients: group.clients };
    for (const backend of afterBackends.get(group.after.cluster) ?? []) {
      if (!oldHosts.has(backend)) continue;
      pairs += group.clients.length;
      yield;
      const was = answer(before, client, backend, profiles.before, memos.before);
      const is = answer(after, client, backend, profiles.after, memos.after);
      let details: ChangeDetail[];
      if ('policy' in was && 'policy' in is) details = behaviourDetails(was.policy, is.policy);
      else if ('error' in was && 'error' in is) details = [];
      else
        details = [
          {
            aspect: 'CLIENT',
            before: 'error' in was ? `unresolved: ${was.error}` : 'resolved',
            after: 'error' in is ? `unresolved: ${is.error}` : 'resolved',
          },
        ];
      if (details.length === 0) continue;
      const policies = [was, is].flatMap((x) => ('policy' in x ? [x.policy] : []));
      const sorted = sortDetails(details);
      changes.push({
        backend,
        client,
        summary: changeSummary(
          backend,
          clientClass.description,
          sorted,
          causesOf(policies, rulesBefore, rulesAfter),
        ),
        clientClass,
        details: sorted,
      });
    }
  }
  changes.sort((a, b) =>
    a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : a.client < b.client ? -1 : 1,
  );
  yield;
  const findingsBefore = analyzeMesh(before, profiles.before);
  yield;
  const [diagnosticsAdded, diagnosticsResolved] = diagnosticsDelta(
    findingsBefore,
    analyzeMesh(after, profiles.after),
  );
  return {
    profiles,
    changes,
    diagnosticsAdded,
    diagnosticsResolved,
    differences: differencesOf(before, after, profiles),
    backendsAdded,
    backendsRemoved,
    clientsAdded,
    clientsRemoved,
    pairs,
    classKey: afterClasses.classKey,
  };
}
