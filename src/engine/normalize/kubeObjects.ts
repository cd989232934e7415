/**
 * The slice of Kubernetes/Istio object shapes that normalization reads. Ingest has already validated every
 * object against its kind's schema (`src/ingest/kindRegistry.ts`), so these are plain JSON values whose
 * present fields have the schema's types; every field stays optional because Kubernetes omits empty ones.
 */
import type { Labels } from '../model/meshModel.js';

export interface OwnerReference {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly controller?: boolean;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly uid?: string;
  readonly creationTimestamp?: string;
  readonly deletionTimestamp?: string;
  readonly ownerReferences?: readonly OwnerReference[];
}

/** Any understood object; `kind` and `apiVersion` say which of the shapes below it is. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: unknown;
  readonly status?: unknown;
}

export interface Condition {
  readonly type: string;
  readonly status: string;
}

export interface PodObject extends KubeObject {
  readonly spec?: {
    readonly nodeName?: string;
    readonly serviceAccountName?: string;
    readonly containers?: readonly { readonly name: string }[];
    readonly initContainers?: readonly { readonly name: string }[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly podIP?: string;
    readonly conditions?: readonly Condition[];
  };
}

export interface ServicePortSpec {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol?: string;
  readonly appProtocol?: string;
}

export interface ServiceObject extends KubeObject {
  readonly spec?: {
    readonly type?: string;
    readonly clusterIP?: string;
    readonly ports?: readonly ServicePortSpec[];
    readonly selector?: Labels;
    readonly trafficDistribution?: string;
    readonly internalTrafficPolicy?: string;
    readonly publishNotReadyAddresses?: boolean;
  };
}

export interface EndpointSliceObject extends KubeObject {
  readonly addressType?: string;
  readonly endpoints?: readonly {
    readonly addresses: readonly string[];
    readonly conditions?: {
      readonly ready?: boolean;
      readonly serving?: boolean;
      readonly terminating?: boolean;
    };
    readonly nodeName?: string;
    readonly zone?: string;
    readonly targetRef?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
  }[];
}

export interface OwnedObject extends KubeObject {
  readonly spec?: { readonly selector?: unknown };
}

export interface WorkloadEntrySpec {
  readonly address?: string;
  readonly labels?: Labels;
  readonly ports?: Readonly<Record<string, number>>;
  readonly network?: string;
  readonly locality?: string;
  readonly weight?: number;
  readonly serviceAccount?: string;
}

export interface WorkloadEntryObject extends KubeObject {
  readonly spec?: WorkloadEntrySpec;
  readonly status?: { readonly conditions?: readonly Condition[] };
}

export interface ServiceEntryObject extends KubeObject {
  readonly spec?: {
    readonly hosts?: readonly string[];
    readonly addresses?: readonly string[];
    readonly ports?: readonly {
      readonly number?: number;
      readonly protocol?: string;
      readonly name?: string;
      readonly targetPort?: number;
    }[];
    readonly location?: string;
    readonly resolution?: string;
    readonly endpoints?: readonly WorkloadEntrySpec[];
    readonly workloadSelector?: { readonly labels?: Labels };
    readonly exportTo?: readonly string[];
  };
}

export interface GatewayObject extends KubeObject {
  readonly spec?: { readonly gatewayClassName?: string };
  readonly status?: { readonly conditions?: readonly Condition[] };
}

export interface DestinationRuleObject extends KubeObject {
  readonly spec?: {
    readonly host?: string;
    readonly exportTo?: readonly string[];
    readonly workloadSelector?: { readonly matchLabels?: Labels };
    readonly trafficPolicy?: RawTrafficPolicy;
    readonly subsets?: readonly {
      readonly name?: string;
      readonly labels?: Labels;
      readonly trafficPolicy?: RawTrafficPolicy;
    }[];
  };
}

/** A DestinationRule traffic policy as written: durations still strings. */
export interface RawTrafficPolicy {
  readonly loadBalancer?: Readonly<Record<string, unknown>>;
  readonly outlierDetection?: RawOutlierDetection;
  readonly connectionPool?: Readonly<Record<string, unknown>>;
  readonly tls?: Readonly<Record<string, unknown>>;
  readonly portLevelSettings?: readonly (Omit<RawTrafficPolicy, 'portLevelSettings'> & {
    readonly port?: { readonly number?: number };
  })[];
}

export interface RawOutlierDetection {
  readonly consecutive5xxErrors?: number;
  readonly consecutiveGatewayErrors?: number;
  readonly consecutiveErrors?: number;
  readonly consecutiveLocalOriginFailures?: number;
  readonly splitExternalLocalOriginErrors?: boolean;
  readonly interval?: string;
  readonly baseEjectionTime?: string;
  readonly maxEjectionPercent?: number;
  readonly minHealthPercent?: number;
}
