/**
 * Mesh config as Istio reads it: the YAML string under `data.mesh` of the `istio` ConfigMap in
 * `istio-system`, or a bundle's `spec.meshConfig` object. MeshConfig has no CRD (it is a ConfigMap
 * string), so the fields Spillway reads are checked against a schema written from the MeshConfig proto
 * (`istio/api` `mesh/v1alpha1/config.proto`); other mesh settings pass through unread.
 */
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { inspectValue } from './inspectValue.js';
import { issuesFrom } from './kindRegistry.js';
import type { UploadLimits, UploadProblem } from './types.js';
import type { ProblemSubject } from './uploadProblem.js';
import { makeProblem } from './uploadProblem.js';
import { isRecord } from './validateObject.js';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const fromTo = {
  type: 'array',
  items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
} as const;
const labelSelector = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: stringList,
        },
      },
    },
  },
} as const;

const meshConfigSchema = {
  type: 'object',
  properties: {
    rootNamespace: { type: 'string' },
    localityLbSetting: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        distribute: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              from: { type: 'string' },
              to: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
            },
          },
        },
        failover: fromTo,
        failoverPriority: stringList,
      },
    },
    zoneAwareLbSetting: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        minClusterSize: { type: 'integer', minimum: 0 },
        failover: fromTo,
        failoverPriority: stringList,
      },
    },
    serviceScopeConfigs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          namespaceSelector: labelSelector,
          servicesSelector: labelSelector,
          scope: { enum: ['LOCAL', 'GLOBAL'] },
        },
      },
    },
    serviceSettings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          hosts: stringList,
          settings: { type: 'object', properties: { clusterLocal: { type: 'boolean' } } },
        },
      },
    },
    defaultDestinationRuleExportTo: stringList,
  },
} as const;

const validateMeshConfig = new Ajv({ allErrors: true, strict: true }).compile(meshConfigSchema);

export type MeshConfigRead =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: UploadProblem[] };

/** Checks a mesh config object found at `pointer`. */
export function checkMeshConfig(value: unknown, pointer: string, subject: ProblemSubject): MeshConfigRead {
  if (validateMeshConfig(value)) return { ok: true, value };
  const problems = issuesFrom({ errors: validateMeshConfig.errors }).map((issue) =>
    makeProblem(
      'INVALID_MESH_CONFIG',
      `Mesh config ${issue.pointer === '' ? '' : `${issue.pointer} `}${issue.message}.`,
      `${pointer}${issue.pointer}`,
      subject,
    ),
  );
  return { ok: false, problems };
}

/**
 * Reads `data.mesh` of the mesh ConfigMap. The pointer of a problem inside the embedded YAML is that of
 * `data/mesh` plus the path inside it.
 */
export function readMeshConfigMap(
  configMap: Readonly<Record<string, unknown>>,
  pointer: string,
  subject: ProblemSubject,
  limits: UploadLimits,
): MeshConfigRead {
  const data = configMap['data'];
  const mesh = isRecord(data) ? data['mesh'] : undefined;
  const meshPointer = `${pointer}/data/mesh`;
  if (typeof mesh !== 'string') return { ok: true, value: {} };
  const document = parseDocument(mesh, { prettyErrors: true, uniqueKeys: true, strict: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) =>
        makeProblem(
          'INVALID_MESH_CONFIG',
          `data.mesh is not valid YAML: ${error.message.split('\n')[0] ?? ''}`,
          meshPointer,
          subject,
        ),
      ),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable';
    return {
      ok: false,
      problems: [
        makeProblem('INVALID_MESH_CONFIG', `data.mesh cannot be read: ${message}`, meshPointer, subject),
      ],
    };
  }
  const findings = inspectValue(value, limits.maxDepth);
  if (findings.tooDeepAt !== undefined || findings.nonFinite.length > 0) {
    return {
      ok: false,
      problems: [
        makeProblem(
          'INVALID_MESH_CONFIG',
          'data.mesh nests too deeply or holds non-finite numbers.',
          meshPointer,
          subject,
        ),
      ],
    };
  }
  if (value === null || value === undefined) return { ok: true, value: {} };
  return checkMeshConfig(value, meshPointer, subject);
}
