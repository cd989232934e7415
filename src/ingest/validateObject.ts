/**
 * One uploaded object → understood (with its kind definition) or ignored, plus every problem with it:
 * the kind's schema (`kindRegistry.ts`) and what the API server or istiod enforce beyond it — a
 * non-empty `metadata.name`, string label/annotation values (the schema's own check, reported with a
 * clearer code because unquoted YAML `true`/`8080` is the usual cause), an EndpointSlice's
 * `kubernetes.io/service-name` label, and DestinationRule/ServiceEntry webhook rules.
 *
 * Validated as the API server validates, not more strictly: `status` is observed state that people trim or
 * redact before sharing (node and container ids), so nothing under it refuses an object; a `null` the
 * schema does not allow is read as the API server decodes it, an absent field (`endpoints: null`, which
 * kubectl prints for a Service without endpoints, is an empty list). Fields an Istio CRD does not define
 * are warnings (`unknownFields.ts`), not refusals.
 */
import { snapshotDiagnostic, type Diagnostic } from '../engine/index.js';
import { checkDestinationRule } from './checkDestinationRule.js';
import type { KindDefinition, SchemaIssue } from './kindRegistry.js';
import { isUnsupportedVersion, lookupKind } from './kindRegistry.js';
import type { UploadProblem } from './types.js';
import type { ProblemSubject } from './uploadProblem.js';
import { unknownSpecFields } from './unknownFields.js';
import { makeProblem } from './uploadProblem.js';

export type RawObject = Readonly<Record<string, unknown>>;

/** Where an object sits in the upload. */
export interface ObjectLocation {
  readonly documentIndex: number;
  /** Pointer of the object inside its document (`''` for a document that is the object). */
  readonly pointer: string;
  readonly cluster: string;
}

export type ObjectVerdict =
  | {
      readonly status: 'understood';
      readonly definition: KindDefinition;
      readonly subject: ProblemSubject;
      readonly problems: UploadProblem[];
      /** Non-fatal findings about the object (unknown Istio fields). */
      readonly warnings: Diagnostic[];
    }
  | { readonly status: 'ignored'; readonly ignoredAs: string; readonly unsupportedVersion: boolean }
  | { readonly status: 'invalid'; readonly problems: UploadProblem[] };

/** The mesh-config ConfigMap: `istio` in istiod's namespace (Istio's default `istio-system`). */
export const MESH_CONFIG_MAP_NAME = 'istio';
export const MESH_CONFIG_MAP_NAMESPACE = 'istio-system';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const ISTIO_GROUP = 'networking.istio.io';
/** Label maps anywhere in an object: metadata, pod templates, selectors, WorkloadEntry and subset labels. */
const LABEL_VALUE_POINTER = /\/(labels|annotations|matchLabels|selector|nodeSelector)\/[^/]+$/u;

export function isRecord(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Status is observed state: what it lacks or holds in another shape never refuses an object. */
const STATUS_POINTER = /^\/status(\/|$)/u;

/** The container holding the member at `pointer` (RFC 6901) and the member's key, if the path exists. */
function memberAt(
  object: Readonly<Record<string, unknown>>,
  pointer: string,
): { container: Record<string, unknown>; key: string } | undefined {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  const key = tokens.pop();
  let container: unknown = object;
  for (const token of tokens) {
    container =
      isRecord(container) || Array.isArray(container)
        ? (container as Record<string, unknown>)[token]
        : undefined;
  }
  return key !== undefined && (isRecord(container) || Array.isArray(container))
    ? { container: container as Record<string, unknown>, key }
    : undefined;
}

/**
 * Reads each `null` the schema refuses as the API server's JSON decoding does: a list or map field that is
 * null is empty, any other field absent. Returns whether anything changed (the object is validated again).
 */
function readNullsAsAbsent(
  object: Readonly<Record<string, unknown>>,
  issues: readonly SchemaIssue[],
): boolean {
  let changed = false;
  for (const issue of issues) {
    if (issue.keyword !== 'type' || LABEL_VALUE_POINTER.test(issue.pointer)) continue;
    const member = memberAt(object, issue.pointer);
    if (member === undefined || member.container[member.key] !== null) continue;
    if (issue.message === 'must be array') member.container[member.key] = [];
    else if (issue.message === 'must be object') member.container[member.key] = {};
    else if (!Array.isArray(member.container)) delete member.container[member.key];
    else continue;
    changed = true;
  }
  return changed;
}

/** What the API server would refuse: the schema's issues, once nulls are read as absent, none under status. */
function schemaIssues(
  definition: KindDefinition,
  object: Readonly<Record<string, unknown>>,
): readonly SchemaIssue[] {
  let issues = definition.validate(object);
  if (issues.length > 0 && readNullsAsAbsent(object, issues)) issues = definition.validate(object);
  return issues.filter((issue) => !STATUS_POINTER.test(issue.pointer));
}

function unknownFieldWarnings(
  definition: KindDefinition,
  object: Readonly<Record<string, unknown>>,
  subject: ProblemSubject,
  namespace: string | undefined,
): Diagnostic[] {
  if (definition.group !== ISTIO_GROUP) return [];
  const name = subject.name ?? '';
  const where = `${definition.kind} ${namespace === undefined ? '' : `${namespace}/`}${name}${subject.cluster === undefined ? '' : ` (cluster ${subject.cluster})`}`;
  return unknownSpecFields(definition.kind, object['spec']).map((field) =>
    snapshotDiagnostic(
      'UNKNOWN_FIELD',
      `${where}: unknown field "${field.path}"${field.suggestion === undefined ? '' : ` (did you mean "${field.suggestion}"?)`}. The API server drops fields its CRD does not define, so Istio never sees it and it has no effect.`,
      [
        {
          kind: definition.kind,
          name,
          ...(namespace === undefined ? {} : { namespace }),
          ...(subject.cluster === undefined ? {} : { cluster: subject.cluster }),
        },
      ],
    ),
  );
}

export function validateObject(value: unknown, location: ObjectLocation): ObjectVerdict {
  const { documentIndex, pointer, cluster } = location;
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a sequence' : value === null ? 'null' : `a ${typeof value}`;
    return {
      status: 'invalid',
      problems: [
        makeProblem('NOT_AN_OBJECT', `Expected a Kubernetes object (a mapping), found ${what}.`, pointer, {
          documentIndex,
          cluster,
        }),
      ],
    };
  }
  const apiVersion = text(value['apiVersion']);
  const kind = text(value['kind']);
  const metadata = isRecord(value['metadata']) ? value['metadata'] : undefined;
  const name = text(metadata?.['name']);
  const namespace = text(metadata?.['namespace']);
  const subject: ProblemSubject = {
    documentIndex,
    cluster,
    ...(kind !== undefined ? { kind } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
  if (apiVersion === undefined || kind === undefined || apiVersion === '' || kind === '') {
    const missing = [apiVersion ? undefined : 'apiVersion', kind ? undefined : 'kind'].filter(
      (field) => field !== undefined,
    );
    return {
      status: 'invalid',
      problems: missing.map((field) =>
        makeProblem(
          'MISSING_TYPE_META',
          `Every object needs a string ${field}.`,
          `${pointer}/${field}`,
          subject,
        ),
      ),
    };
  }
  const definition = lookupKind(apiVersion, kind);
  const isMeshConfigMap =
    kind === 'ConfigMap' && name === MESH_CONFIG_MAP_NAME && namespace === MESH_CONFIG_MAP_NAMESPACE;
  if (definition === undefined || (definition.kind === 'ConfigMap' && !isMeshConfigMap)) {
    const unsupportedVersion = isUnsupportedVersion(apiVersion, kind);
    return {
      status: 'ignored',
      ignoredAs: unsupportedVersion ? `${kind} (${apiVersion})` : kind,
      unsupportedVersion,
    };
  }

  const problems: UploadProblem[] = [];
  for (const issue of schemaIssues(definition, value)) {
    const at = `${pointer}${issue.pointer}`;
    if (
      issue.keyword === 'type' &&
      issue.message === 'must be string' &&
      LABEL_VALUE_POINTER.test(issue.pointer)
    ) {
      problems.push(
        makeProblem(
          'NON_STRING_LABEL',
          'Label and annotation values must be strings; YAML reads unquoted true, false and numbers as other types, so quote the value (e.g. "true").',
          at,
          subject,
        ),
      );
    } else {
      problems.push(
        makeProblem(
          'SCHEMA_VIOLATION',
          `${issue.pointer === '' ? 'The object' : issue.pointer} ${issue.message}.`,
          at,
          subject,
        ),
      );
    }
  }
  if (name === undefined || name === '') {
    problems.push(
      makeProblem('MISSING_NAME', 'metadata.name is required.', `${pointer}/metadata/name`, subject),
    );
  }
  if (definition.kind === 'EndpointSlice') {
    const labels = metadata?.['labels'];
    if (
      !isRecord(labels) ||
      typeof labels[SERVICE_NAME_LABEL] !== 'string' ||
      labels[SERVICE_NAME_LABEL] === ''
    ) {
      problems.push(
        makeProblem(
          'MISSING_LABEL',
          `EndpointSlice has no ${SERVICE_NAME_LABEL} label, so its endpoints belong to no Service. Upload slices as kubectl prints them (the EndpointSlice controller sets the label).`,
          `${pointer}/metadata/labels`,
          subject,
        ),
      );
    }
  }
  if (definition.kind === 'DestinationRule') {
    for (const issue of checkDestinationRule(value)) {
      problems.push(
        makeProblem(issue.code, `${issue.pointer} ${issue.message}.`, `${pointer}${issue.pointer}`, subject),
      );
    }
  }
  if (definition.kind === 'ServiceEntry') {
    const spec = value['spec'];
    const hosts = isRecord(spec) ? spec['hosts'] : undefined;
    if (!Array.isArray(hosts) || hosts.length === 0) {
      problems.push(
        makeProblem(
          'SCHEMA_VIOLATION',
          '/spec/hosts is required and must list at least one host.',
          `${pointer}/spec/hosts`,
          subject,
        ),
      );
    }
  }
  const warnings = problems.length === 0 ? unknownFieldWarnings(definition, value, subject, namespace) : [];
  return { status: 'understood', definition, subject, problems, warnings };
}
