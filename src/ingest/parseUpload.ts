/**
 * The upload pipeline: body → documents → objects per cluster → validated objects → normalized
 * `MeshModel`. Every problem found is returned together (nothing stops at the first one, except input
 * that cannot be read at all), so a user fixes an upload in one round.
 *
 * @example parseUpload({ body: yamlText, contentType: 'application/yaml', params: { cluster: 'east' } })
 * // → { ok: true, snapshot: { name: 'snapshot', profile: 'SOLO', model, counts: { east: { Pod: 3, … } }, ignored: {}, diagnostics: [] } }
 */
import {
  CAPTURE_COMMAND,
  DEFAULT_PROFILE,
  isProfile,
  normalizeMeshConfig,
  normalizeSnapshot,
  snapshotDiagnostic,
  type ClusterObjects,
  type Diagnostic,
  type KubeObject,
  type MeshConfig,
  type Profile,
  type ResourceRef,
} from '../engine/index.js';
import type { AcceptedObject } from './checkReferences.js';
import { checkReferences } from './checkReferences.js';
import { BUNDLE_KIND, collectObjects } from './collectObjects.js';
import { decodeBody } from './decodeBody.js';
import { readDocuments, type ReadDocumentsResult } from './readDocuments.js';
import { checkMeshConfig, readMeshConfigMap } from './readMeshConfig.js';
import type {
  UploadContentType,
  UploadInput,
  UploadLimits,
  UploadParams,
  UploadProblem,
  UploadResult,
} from './types.js';
import { DEFAULT_UPLOAD_LIMITS } from './types.js';
import { checkUploadParams, DEFAULT_SNAPSHOT_NAME } from './uploadParams.js';
import { capProblems, makeProblem, refusalFor } from './uploadProblem.js';
import { isRecord } from './validateObject.js';
import { validateObject } from './validateObject.js';

const DEFAULT_NAMESPACE = 'default';

interface MeshConfigCandidate {
  readonly value: unknown;
  readonly source: ResourceRef;
}

/** How many ignored kinds the finding names before it only counts. */
const MAX_KINDS_NAMED = 5;

/** An upload of nothing Spillway reads is kept (it is what was sent), but said to be of no use. */
function nothingUsable(ignored: Readonly<Record<string, number>>): Diagnostic {
  const kinds = Object.entries(ignored)
    .sort(([, a], [, b]) => b - a)
    .slice(0, MAX_KINDS_NAMED)
    .map(([kind, count]) => `${count} ${kind}`);
  return snapshotDiagnostic(
    'NOTHING_USABLE',
    `The upload holds no object Spillway reads${kinds.length === 0 ? '' : ` (only ${kinds.join(', ')})`}: it is stored as sent, but no question can be answered from it and it is never what "latest" means. Upload the mesh's Kubernetes and Istio objects: ${CAPTURE_COMMAND}.`,
    [],
  );
}

export function refuse(problems: readonly UploadProblem[]): UploadResult & { ok: false } {
  return { ok: false, refusal: refusalFor(problems), problems: capProblems(problems) };
}

function chooseMeshConfig(
  bundleConfig: MeshConfigCandidate | undefined,
  configMaps: readonly MeshConfigCandidate[],
  diagnostics: Diagnostic[],
): MeshConfig {
  const chosen = bundleConfig ?? configMaps[0];
  if (chosen === undefined) return normalizeMeshConfig(undefined);
  const chosenText = JSON.stringify(chosen.value);
  const differing = configMaps.filter(
    (candidate) => candidate !== chosen && JSON.stringify(candidate.value) !== chosenText,
  );
  if (differing.length > 0) {
    diagnostics.push(
      snapshotDiagnostic(
        'MESH_CONFIG_DIFFERS',
        `The snapshot carries more than one mesh config and they differ; Spillway uses the one from ${chosen.source.kind} ${chosen.source.name}${chosen.source.cluster === undefined ? '' : ` (cluster ${chosen.source.cluster})`} for the whole mesh.`,
        [chosen.source, ...differing.map((candidate) => candidate.source)],
      ),
    );
  }
  return normalizeMeshConfig(chosen.value, chosen.source);
}

export function parseUpload(input: UploadInput, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): UploadResult {
  const decoded = decodeBody(input.body);
  if (!decoded.ok) return refuse([decoded.problem]);
  return parseText(decoded.text, input.contentType, input.params, limits);
}

/** `parseUpload` of a body already decoded. */
export function parseText(
  text: string,
  contentType: UploadContentType,
  params: UploadParams,
  limits: UploadLimits,
): UploadResult {
  return parseDocuments(readDocuments(text, contentType, limits), params, limits).result;
}

/** `parseUpload`'s answer, and every understood object with where it sits in the documents. */
export interface ParsedDocuments {
  readonly result: UploadResult;
  readonly objects: readonly AcceptedObject[];
}

/**
 * The pipeline after the text is read: documents (of one body, or of several files read one by one, see
 * `parseSources`) → objects per cluster → validated objects → normalized model.
 */
export function parseDocuments(
  read: ReadDocumentsResult,
  params: UploadParams,
  limits: UploadLimits,
): ParsedDocuments {
  const accepted: AcceptedObject[] = [];
  return { result: parseReadDocuments(read, params, limits, accepted), objects: accepted };
}

function parseReadDocuments(
  read: ReadDocumentsResult,
  params: UploadParams,
  limits: UploadLimits,
  accepted: AcceptedObject[],
): UploadResult {
  if (read.problems.some((problem) => problem.code === 'TOO_MANY_DOCUMENTS')) return refuse(read.problems);

  const collected = collectObjects(read.documents, params);
  const problems: UploadProblem[] = [
    ...read.problems,
    ...checkUploadParams(params, collected.isBundle),
    ...collected.problems,
  ];
  if (collected.objectCount > limits.maxDocuments) {
    return refuse([
      makeProblem(
        'TOO_MANY_DOCUMENTS',
        `The upload holds ${collected.objectCount} objects; the limit is ${limits.maxDocuments}.`,
        '',
      ),
    ]);
  }

  const diagnostics: Diagnostic[] = [];
  const counts: Record<string, Record<string, number>> = {};
  const ignored: Record<string, number> = {};
  const unsupported = new Map<string, ResourceRef[]>();
  const configMaps: MeshConfigCandidate[] = [];
  const clusters: ClusterObjects[] = [];

  for (const cluster of collected.clusters) {
    const clusterCounts: Record<string, number> = {};
    counts[cluster.name] = clusterCounts;
    const objects: KubeObject[] = [];
    for (const entry of cluster.entries) {
      const verdict = validateObject(entry.value, {
        documentIndex: entry.documentIndex,
        pointer: entry.pointer,
        cluster: cluster.name,
      });
      if (verdict.status === 'invalid') {
        problems.push(...verdict.problems);
        continue;
      }
      if (verdict.status === 'ignored') {
        ignored[verdict.ignoredAs] = (ignored[verdict.ignoredAs] ?? 0) + 1;
        if (verdict.unsupportedVersion && isRecord(entry.value)) {
          const refs = unsupported.get(verdict.ignoredAs) ?? [];
          const metadata = isRecord(entry.value['metadata']) ? entry.value['metadata'] : {};
          if (refs.length < 5)
            refs.push({
              kind: String(entry.value['kind']),
              name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
              cluster: cluster.name,
            });
          unsupported.set(verdict.ignoredAs, refs);
        }
        continue;
      }
      problems.push(...verdict.problems);
      diagnostics.push(...verdict.warnings);
      const { definition, subject } = verdict;
      // validateObject returned `understood`, so the value is a mapping.
      const object = entry.value as KubeObject & Readonly<Record<string, unknown>>;
      const namespace =
        subject.namespace === undefined || subject.namespace === '' ? DEFAULT_NAMESPACE : subject.namespace;
      if (subject.name !== undefined && subject.name !== '') {
        accepted.push({
          cluster: cluster.name,
          group: definition.group,
          kind: definition.kind,
          namespaced: definition.namespaced,
          namespace,
          name: subject.name,
          labels: isRecord(object.metadata.labels) ? object.metadata.labels : {},
          annotations: isRecord(object.metadata.annotations) ? object.metadata.annotations : {},
          documentIndex: entry.documentIndex,
          pointer: entry.pointer,
        });
      }
      if (verdict.problems.length > 0) continue;
      clusterCounts[definition.kind] = (clusterCounts[definition.kind] ?? 0) + 1;
      if (definition.kind === 'ConfigMap') {
        const meshConfig = readMeshConfigMap(object, entry.pointer, subject, limits);
        if (meshConfig.ok)
          configMaps.push({
            value: meshConfig.value,
            source: { kind: 'ConfigMap', name: object.metadata.name, namespace, cluster: cluster.name },
          });
        else problems.push(...meshConfig.problems);
      }
      objects.push(object);
    }
    clusters.push({ name: cluster.name, network: cluster.network, objects });
  }
  problems.push(...checkReferences(accepted));

  const name = params.name ?? collected.name ?? DEFAULT_SNAPSHOT_NAME;
  let bundleConfig: MeshConfigCandidate | undefined;
  if (collected.meshConfig !== undefined) {
    const checked = checkMeshConfig(collected.meshConfig.value, collected.meshConfig.pointer, {
      documentIndex: collected.meshConfig.documentIndex,
      kind: BUNDLE_KIND,
      name,
    });
    if (checked.ok) bundleConfig = { value: checked.value, source: { kind: BUNDLE_KIND, name } };
    else problems.push(...checked.problems);
  }
  if (problems.length > 0) return refuse(problems);

  for (const [ignoredAs, refs] of unsupported) {
    diagnostics.push(
      snapshotDiagnostic(
        'IGNORED_API_VERSION',
        `${ignoredAs}: Spillway reads this kind only at other API versions, so ${ignored[ignoredAs] ?? 0} object(s) were ignored.`,
        refs,
      ),
    );
  }
  const usable = Object.values(counts).some((kinds) => Object.keys(kinds).length > 0);
  if (!usable) diagnostics.push(nothingUsable(ignored));
  const meshConfig = chooseMeshConfig(bundleConfig, configMaps, diagnostics);
  // Both were checked above (checkUploadParams, the bundle schema); this only narrows the type.
  const requested = params.profile ?? collected.profile;
  const profile: Profile = requested !== undefined && isProfile(requested) ? requested : DEFAULT_PROFILE;
  const normalized = normalizeSnapshot({ profile, meshConfig, clusters });
  return {
    ok: true,
    snapshot: {
      name,
      profile,
      model: normalized.model,
      counts,
      ignored,
      diagnostics: [...diagnostics, ...normalized.diagnostics],
      usable,
    },
  };
}
