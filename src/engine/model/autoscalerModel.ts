/**
 * A HorizontalPodAutoscaler as the mesh model holds it (issue 14 item 2): the backend's capacity when a
 * what-if gives none, and how far and how fast it scales.
 */
import type { ResourceRef } from './meshModel.js';

/** One `behavior.scaleUp` policy (`HPAScalingPolicy`). */
export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  readonly periodSeconds: number;
}

/**
 * A HorizontalPodAutoscaler, with Kubernetes' defaults filled in (`pkg/apis/autoscaling/v2/defaults.go`):
 * what it scales, its CPU target and how fast it may scale up.
 */
export interface AutoscalerModel {
  readonly ref: ResourceRef;
  /** `spec.scaleTargetRef`: a Deployment or StatefulSet in the HPA's namespace. */
  readonly target: { readonly kind: string; readonly name: string };
  /** v2 `Resource` cpu `averageUtilization` or v1 `targetCPUUtilizationPercentage`; absent when neither. */
  readonly cpuTargetPercent?: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** `status.currentReplicas`, when the snapshot carries it. */
  readonly currentReplicas?: number;
  readonly scaleUp: {
    readonly stabilizationWindowSeconds: number;
    readonly selectPolicy: 'Max' | 'Min' | 'Disabled';
    readonly policies: readonly ScalingPolicy[];
  };
  /** Names of the snapshot's pods (in the HPA's namespace and cluster) that the target owns. */
  readonly pods: readonly string[];
}
