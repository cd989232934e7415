/**
 * Cross-object checks that make an upload inconsistent, not just incomplete:
 *  - the same object twice (same cluster, API group, kind, namespace and name) — the API server cannot hold
 *    both, so one of them is a copy-paste or merge mistake;
 *  - an EndpointSlice whose `kubernetes.io/service-name` names a Service absent from its cluster: its
 *    endpoints would belong to nothing. Other dangling references (a pod's node, an endpoint's pod, a
 *    waypoint name) leave the snapshot answerable and are diagnostics (`snapshotDiagnostics.ts`).
 */
import type { UploadProblem } from './types.js';
import type { ProblemSubject } from './uploadProblem.js';
import { makeProblem } from './uploadProblem.js';

export interface AcceptedObject {
  readonly cluster: string;
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly annotations: Readonly<Record<string, unknown>>;
  readonly documentIndex: number;
  readonly pointer: string;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function subjectOf(object: AcceptedObject): ProblemSubject {
  return {
    documentIndex: object.documentIndex,
    kind: object.kind,
    name: object.name,
    cluster: object.cluster,
    ...(object.namespaced ? { namespace: object.namespace } : {}),
  };
}

function describe(object: AcceptedObject): string {
  const where = object.pointer === '' ? '' : ` at ${object.pointer}`;
  return `document ${object.documentIndex}${where}`;
}

export function checkReferences(objects: readonly AcceptedObject[]): UploadProblem[] {
  const problems: UploadProblem[] = [];
  const firstSeen = new Map<string, AcceptedObject>();
  const services = new Set<string>();
  for (const object of objects) {
    const key = [
      object.cluster,
      object.group,
      object.kind,
      object.namespaced ? object.namespace : '',
      object.name,
    ].join('\u0000');
    const earlier = firstSeen.get(key);
    if (earlier === undefined) {
      firstSeen.set(key, object);
    } else {
      const id = object.namespaced ? `${object.namespace}/${object.name}` : object.name;
      problems.push(
        makeProblem(
          'DUPLICATE_OBJECT',
          `${object.kind} ${id} appears twice in cluster ${object.cluster}; first at ${describe(earlier)}.`,
          object.pointer,
          subjectOf(object),
        ),
      );
    }
    if (object.kind === 'Service') services.add(`${object.cluster}\u0000${object.namespace}/${object.name}`);
  }
  for (const object of objects) {
    if (object.kind !== 'EndpointSlice') continue;
    const serviceName = object.labels[SERVICE_NAME_LABEL];
    if (typeof serviceName !== 'string' || serviceName === '') continue;
    if (services.has(`${object.cluster}\u0000${object.namespace}/${serviceName}`)) continue;
    problems.push(
      makeProblem(
        'MISSING_REFERENCE',
        `EndpointSlice ${object.namespace}/${object.name} belongs to Service ${object.namespace}/${serviceName}, which is not in cluster ${object.cluster} of this upload; include the Service or leave the slice out.`,
        `${object.pointer}/metadata/labels/${SERVICE_NAME_LABEL.replace('/', '~1')}`,
        subjectOf(object),
      ),
    );
  }
  return problems;
}
