/**
 * The kinds Spillway understands (issue 2 item 4) and, for each served version, the validator of its
 * real schema from a maintained source:
 *  - core/apps/discovery kinds: `kubernetes-models` 4.5.1, whose validators are Ajv code precompiled from
 *    the Kubernetes OpenAPI spec. They are called on the uploaded object itself
 *    (`Model.prototype.validate.call(object)`), which validates `this` without the deep copy a
 *    `new Pod(object)` would make — about 8× cheaper on EndpointSlice-heavy uploads;
 *  - Istio kinds: `@kubernetes-models/istio` 2.3.0 (CRD schemas, compiled by Ajv at first use). It has
 *    `v1alpha3` and `v1beta1` only; `networking.istio.io/v1` is validated with the `v1beta1` schema, which
 *    Istio serves with an identical spec (v1 was promoted from v1beta1 without schema changes);
 *  - Gateway: `@kubernetes-models/gateway-api` 0.5.1 (`v1` and `v1beta1`).
 * Anything else is counted as ignored, never an error.
 */
import type { ErrorObject } from 'ajv';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Node } from 'kubernetes-models/v1/Node';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { HorizontalPodAutoscaler as HorizontalPodAutoscalerV1 } from 'kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler';
import { HorizontalPodAutoscaler as HorizontalPodAutoscalerV2 } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { DestinationRule as DestinationRuleV1alpha3 } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/DestinationRule';
import { ServiceEntry as ServiceEntryV1alpha3 } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/ServiceEntry';
import { WorkloadEntry as WorkloadEntryV1alpha3 } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/WorkloadEntry';
import { DestinationRule as DestinationRuleV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule';
import { ServiceEntry as ServiceEntryV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry';
import { WorkloadEntry as WorkloadEntryV1beta1 } from '@kubernetes-models/istio/networking.istio.io/v1beta1/WorkloadEntry';
import { Gateway as GatewayV1 } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import { Gateway as GatewayV1beta1 } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/Gateway';

export type UnderstoodKind =
  | 'Node'
  | 'Namespace'
  | 'Pod'
  | 'Service'
  | 'EndpointSlice'
  | 'ConfigMap'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'HorizontalPodAutoscaler'
  | 'DestinationRule'
  | 'ServiceEntry'
  | 'WorkloadEntry'
  | 'Gateway';

/** One schema violation: where (relative to the object) and what. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
}

export type ObjectValidator = (object: Readonly<Record<string, unknown>>) => readonly SchemaIssue[];

export interface KindDefinition {
  readonly kind: UnderstoodKind;
  /** API group, `''` for core. */
  readonly group: string;
  readonly namespaced: boolean;
  readonly validate: ObjectValidator;
}

function isErrorObject(value: unknown): value is ErrorObject {
  return typeof value === 'object' && value !== null && 'instancePath' in value && 'keyword' in value;
}

/** Ajv error objects → issues; a `required` error points at the missing property. */
export function issuesFrom(error: unknown): SchemaIssue[] {
  const errors: unknown =
    typeof error === 'object' && error !== null && 'errors' in error ? error.errors : undefined;
  if (!Array.isArray(errors)) {
    return [
      {
        pointer: '',
        keyword: 'validator',
        message: error instanceof Error ? error.message : 'validation failed',
      },
    ];
  }
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const item of errors) {
    if (!isErrorObject(item)) continue;
    const params: Readonly<Record<string, unknown>> = item.params;
    const missing =
      item.keyword === 'required' && typeof params['missingProperty'] === 'string'
        ? params['missingProperty']
        : undefined;
    const pointer =
      missing === undefined
        ? item.instancePath
        : `${item.instancePath}/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const allowed = Array.isArray(params['allowedValues'])
      ? `: ${params['allowedValues'].map(String).join(', ')}`
      : '';
    const message = missing === undefined ? `${item.message ?? item.keyword}${allowed}` : 'is required';
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer, keyword: item.keyword, message });
  }
  return issues;
}

interface PrecompiledModel {
  readonly prototype: { readonly validate: (this: unknown) => void };
}

/** kubernetes-models 4.x: the prototype's `validate` runs the precompiled validator on `this`. */
function precompiled(model: PrecompiledModel): ObjectValidator {
  const validate = model.prototype.validate;
  return (object) => {
    try {
      validate.call(object);
      return [];
    } catch (error) {
      return issuesFrom(error);
    }
  };
}

type ModelClass = new (data: never) => { validate(): void };

/**
 * Older model packages (istio, gateway-api) validate through a schema id set on the prototype, so the
 * object is wrapped; `apiVersion` is rewritten when a version is validated with a sibling's schema.
 */
function wrapped(model: ModelClass, schemaApiVersion: string): ObjectValidator {
  return (object) => {
    try {
      new model({ ...object, apiVersion: schemaApiVersion } as never).validate();
      return [];
    } catch (error) {
      return issuesFrom(error);
    }
  };
}

const ISTIO = 'networking.istio.io';
const GATEWAY = 'gateway.networking.k8s.io';

const definitions: readonly (KindDefinition & { readonly apiVersion: string })[] = [
  { apiVersion: 'v1', kind: 'Node', group: '', namespaced: false, validate: precompiled(Node) },
  { apiVersion: 'v1', kind: 'Namespace', group: '', namespaced: false, validate: precompiled(Namespace) },
  { apiVersion: 'v1', kind: 'Pod', group: '', namespaced: true, validate: precompiled(Pod) },
  { apiVersion: 'v1', kind: 'Service', group: '', namespaced: true, validate: precompiled(Service) },
  { apiVersion: 'v1', kind: 'ConfigMap', group: '', namespaced: true, validate: precompiled(ConfigMap) },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    group: 'apps',
    namespaced: true,
    validate: precompiled(Deployment),
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    group: 'apps',
    namespaced: true,
    validate: precompiled(ReplicaSet),
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    group: 'apps',
    namespaced: true,
    validate: precompiled(StatefulSet),
  },
  // The backend's capacity when a what-if gives none (issue 14): v2's CPU averageUtilization target, or
  // v1's targetCPUUtilizationPercentage.
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    namespaced: true,
    validate: precompiled(HorizontalPodAutoscalerV2),
  },
  {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    namespaced: true,
    validate: precompiled(HorizontalPodAutoscalerV1),
  },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    namespaced: true,
    validate: precompiled(EndpointSlice),
  },
  ...(['v1alpha3', 'v1beta1', 'v1'] as const).flatMap((version) => {
    // v1 uses the v1beta1 schema (identical spec); see the file comment.
    const schemaVersion = version === 'v1alpha3' ? 'v1alpha3' : 'v1beta1';
    const models =
      schemaVersion === 'v1alpha3'
        ? {
            DestinationRule: DestinationRuleV1alpha3,
            ServiceEntry: ServiceEntryV1alpha3,
            WorkloadEntry: WorkloadEntryV1alpha3,
          }
        : {
            DestinationRule: DestinationRuleV1beta1,
            ServiceEntry: ServiceEntryV1beta1,
            WorkloadEntry: WorkloadEntryV1beta1,
          };
    return (['DestinationRule', 'ServiceEntry', 'WorkloadEntry'] as const).map((kind) => ({
      apiVersion: `${ISTIO}/${version}`,
      kind,
      group: ISTIO,
      namespaced: true,
      validate: wrapped(models[kind] as unknown as ModelClass, `${ISTIO}/${schemaVersion}`),
    }));
  }),
  {
    apiVersion: `${GATEWAY}/v1`,
    kind: 'Gateway',
    group: GATEWAY,
    namespaced: true,
    validate: wrapped(GatewayV1, `${GATEWAY}/v1`),
  },
  {
    apiVersion: `${GATEWAY}/v1beta1`,
    kind: 'Gateway',
    group: GATEWAY,
    namespaced: true,
    validate: wrapped(GatewayV1beta1, `${GATEWAY}/v1beta1`),
  },
];

const byType = new Map(
  definitions.map((definition) => [`${definition.apiVersion} ${definition.kind}`, definition]),
);
const groupsByKind = new Map<string, Set<string>>();
for (const definition of definitions) {
  const groups = groupsByKind.get(definition.kind) ?? new Set<string>();
  groups.add(definition.group);
  groupsByKind.set(definition.kind, groups);
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** @example lookupKind('v1', 'Pod')?.namespaced // → true */
export function lookupKind(apiVersion: string, kind: string): KindDefinition | undefined {
  return byType.get(`${apiVersion} ${kind}`);
}

/**
 * True for an understood kind in the same API group at a version we do not read (e.g.
 * `discovery.k8s.io/v1beta1` EndpointSlice) — worth a diagnostic, since the user probably meant it to
 * count. Istio's own `networking.istio.io` Gateway is a different resource and is not flagged.
 */
export function isUnsupportedVersion(apiVersion: string, kind: string): boolean {
  return (
    groupsByKind.get(kind)?.has(groupOf(apiVersion)) === true && lookupKind(apiVersion, kind) === undefined
  );
}
