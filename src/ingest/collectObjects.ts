/**
 * Parsed documents → the objects of each cluster, whatever the upload format:
 *  - a YAML stream or JSON array of objects, each element possibly a `List` (kubectl's `kind: List`, or a
 *    typed list such as `PodList` with `items`) — one cluster named by the `cluster` parameter;
 *  - a `MeshSnapshot` bundle (`spillway.dev/v1alpha1`), which must be the only document; each of its
 *    `spec.clusters[]` holds `resources` as objects or a List.
 * Each object keeps its document index and JSON pointer so later problems can point at it.
 */
import { Ajv } from 'ajv';
import { PROFILES } from '../engine/index.js';
import { issuesFrom } from './kindRegistry.js';
import type { SourceDocument } from './readDocuments.js';
import type { UploadParams, UploadProblem } from './types.js';
import {
  DEFAULT_CLUSTER_NAME,
  DEFAULT_NETWORK,
  SNAPSHOT_NAME_PATTERN,
  TOPOLOGY_ID_PATTERN,
} from './uploadParams.js';
import { joinPointer, makeProblem } from './uploadProblem.js';
import { isRecord } from './validateObject.js';

export const BUNDLE_API_VERSION = 'spillway.dev/v1alpha1';
export const BUNDLE_KIND = 'MeshSnapshot';

export interface ObjectEntry {
  readonly value: unknown;
  readonly documentIndex: number;
  readonly pointer: string;
}

export interface ClusterEntries {
  readonly name: string;
  readonly network: string;
  readonly entries: ObjectEntry[];
}

export interface CollectedObjects {
  readonly isBundle: boolean;
  readonly name?: string;
  readonly profile?: string;
  /** A bundle's `spec.meshConfig`, with where it is. */
  readonly meshConfig?: ObjectEntry;
  readonly clusters: readonly ClusterEntries[];
  readonly objectCount: number;
  readonly problems: readonly UploadProblem[];
}

const bundleSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'spec'],
  properties: {
    apiVersion: { const: BUNDLE_API_VERSION },
    kind: { const: BUNDLE_KIND },
    metadata: { type: 'object', properties: { name: { type: 'string', pattern: SNAPSHOT_NAME_PATTERN } } },
    spec: {
      type: 'object',
      required: ['clusters'],
      additionalProperties: false,
      properties: {
        profile: { enum: PROFILES },
        meshConfig: { type: 'object' },
        clusters: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'resources'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', pattern: TOPOLOGY_ID_PATTERN },
              network: { type: 'string', anyOf: [{ const: '' }, { pattern: TOPOLOGY_ID_PATTERN }] },
              resources: { type: ['array', 'object'] },
            },
          },
        },
      },
    },
  },
} as const;

const validateBundle = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  bundleSchema,
);

export function isBundle(value: unknown): boolean {
  return isRecord(value) && value['kind'] === BUNDLE_KIND;
}

/** kubectl's `kind: List` (whose `items` may be null when empty) or a typed list such as `PodList`. */
function isList(value: unknown): value is { readonly items?: readonly unknown[] | null } {
  if (!isRecord(value)) return false;
  const kind = value['kind'];
  const items = value['items'];
  if (kind === 'List') return items === undefined || items === null || Array.isArray(items);
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items);
}

/** Flattens Lists (iteratively; nested Lists are rare but legal) into entries. */
function addObjects(value: unknown, documentIndex: number, pointer: string, out: ObjectEntry[]): void {
  const pending: ObjectEntry[] = [{ value, documentIndex, pointer }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    if (isList(next.value)) {
      const items = next.value.items ?? [];
      for (let index = items.length - 1; index >= 0; index -= 1) {
        pending.push({
          value: items[index],
          documentIndex,
          pointer: joinPointer(next.pointer, 'items', index),
        });
      }
    } else {
      out.push(next);
    }
  }
}

function collectBundle(document: SourceDocument): CollectedObjects {
  const { value, index: documentIndex } = document;
  if (!validateBundle(value)) {
    const problems = issuesFrom({ errors: validateBundle.errors }).map((issue) =>
      makeProblem(
        'INVALID_BUNDLE',
        `${issue.pointer === '' ? 'The bundle' : issue.pointer} ${issue.message}.`,
        issue.pointer,
        {
          documentIndex,
          kind: BUNDLE_KIND,
        },
      ),
    );
    return { isBundle: true, clusters: [], objectCount: 0, problems };
  }
  // The schema above guarantees these shapes.
  const bundle = value as {
    metadata?: { name?: string };
    spec: {
      profile?: string;
      meshConfig?: unknown;
      clusters: { name: string; network?: string; resources: unknown }[];
    };
  };
  const problems: UploadProblem[] = [];
  const seen = new Set<string>();
  const clusters = bundle.spec.clusters.map((cluster, index) => {
    const pointer = joinPointer('/spec/clusters', index);
    if (seen.has(cluster.name)) {
      problems.push(
        makeProblem(
          'INVALID_BUNDLE',
          `Cluster ${cluster.name} appears more than once in spec.clusters.`,
          `${pointer}/name`,
          { documentIndex, cluster: cluster.name },
        ),
      );
    }
    seen.add(cluster.name);
    const entries: ObjectEntry[] = [];
    const resourcesPointer = `${pointer}/resources`;
    if (Array.isArray(cluster.resources)) {
      cluster.resources.forEach((item: unknown, itemIndex) =>
        addObjects(item, documentIndex, joinPointer(resourcesPointer, itemIndex), entries),
      );
    } else if (isList(cluster.resources)) {
      addObjects(cluster.resources, documentIndex, resourcesPointer, entries);
    } else {
      problems.push(
        makeProblem(
          'INVALID_BUNDLE',
          `${resourcesPointer} must be a sequence of objects or a List.`,
          resourcesPointer,
          { documentIndex, cluster: cluster.name },
        ),
      );
    }
    return { name: cluster.name, network: cluster.network ?? DEFAULT_NETWORK, entries };
  });
  return {
    isBundle: true,
    ...(bundle.metadata?.name !== undefined ? { name: bundle.metadata.name } : {}),
    ...(bundle.spec.profile !== undefined ? { profile: bundle.spec.profile } : {}),
    ...(bundle.spec.meshConfig !== undefined
      ? { meshConfig: { value: bundle.spec.meshConfig, documentIndex, pointer: '/spec/meshConfig' } }
      : {}),
    clusters,
    objectCount: clusters.reduce((sum, cluster) => sum + cluster.entries.length, 0),
    problems,
  };
}

/**
 * @example collectObjects([{ index: 0, value: { kind: 'List', items: [pod] } }], {}).clusters[0].entries[0].pointer // → '/items/0'
 */
export function collectObjects(documents: readonly SourceDocument[], params: UploadParams): CollectedObjects {
  const bundles = documents.filter((document) => isBundle(document.value));
  const first = bundles[0];
  if (first !== undefined) {
    if (documents.length > 1) {
      const problems = documents
        .filter((document) => !isBundle(document.value) || document !== first)
        .map((document) =>
          makeProblem(
            'BUNDLE_NOT_ALONE',
            'A MeshSnapshot bundle must be the only document of an upload; put other objects inside spec.clusters[].resources.',
            '',
            {
              documentIndex: document.index,
            },
          ),
        );
      return { isBundle: true, clusters: [], objectCount: 0, problems };
    }
    return collectBundle(first);
  }
  const entries: ObjectEntry[] = [];
  for (const document of documents) addObjects(document.value, document.index, '', entries);
  const cluster =
    params.cluster === undefined || params.cluster === '' ? DEFAULT_CLUSTER_NAME : params.cluster;
  const network = params.network ?? DEFAULT_NETWORK;
  return {
    isBundle: false,
    clusters: [{ name: cluster, network, entries }],
    objectCount: entries.length,
    problems: [],
  };
}
