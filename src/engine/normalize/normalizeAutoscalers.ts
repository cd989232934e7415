/**
 * HorizontalPodAutoscalers → `AutoscalerModel` (issue 14 item 2): what each scales, its CPU target and how
 * fast it may scale up, with Kubernetes' API defaults filled in. autoscaling/v2 reads a `Resource` metric
 * named `cpu` with target type `Utilization` (`averageUtilization`); autoscaling/v1 reads
 * `targetCPUUtilizationPercentage` (the API server serves one object at both versions, so both mean the
 * same target). Defaults follow `pkg/apis/autoscaling/v2/defaults.go` (`SetDefaults_HorizontalPodAutoscaler`,
 * `GenerateHPAScaleUpRules`): `minReplicas` 1; scale-up without a stabilization window, selecting the larger
 * of +100 % and +4 pods per 15 s. (The API's field comment still says "per 60 seconds"; the defaulting code
 * says 15, and the code wins.)
 */
import type { AutoscalerModel, ScalingPolicy } from '../model/meshModel.js';
import { namespaceOf, refOf, type ClusterIndex } from './clusterIndex.js';
import type { KubeObject } from './kubeObjects.js';
import { podController } from './normalizeWorkloads.js';

/** `minReplicas` when unset (`SetDefaults_HorizontalPodAutoscaler`). */
export const HPA_DEFAULT_MIN_REPLICAS = 1;
/** Default scale-up policies (`GenerateHPAScaleUpRules`): +100 % or +4 pods per 15 s, the larger wins. */
export const HPA_DEFAULT_SCALE_UP_POLICIES: readonly ScalingPolicy[] = [
  { type: 'Percent', value: 100, periodSeconds: 15 },
  { type: 'Pods', value: 4, periodSeconds: 15 },
];
/** Scale-up has no stabilization window by default (scale-down's is 300 s). */
export const HPA_DEFAULT_SCALE_UP_STABILIZATION_SECONDS = 0;

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** v2: the first `Resource` metric on cpu with a `Utilization` target; v1: its one CPU field. */
function cpuTarget(spec: Json): number | undefined {
  const v1 = positiveNumber(spec['targetCPUUtilizationPercentage']);
  if (v1 !== undefined) return v1;
  const metrics = Array.isArray(spec['metrics']) ? (spec['metrics'] as unknown[]) : [];
  for (const metric of metrics) {
    const m = record(metric);
    const resource = record(m['resource']);
    const target = record(resource['target']);
    if (m['type'] === 'Resource' && resource['name'] === 'cpu' && target['type'] === 'Utilization') {
      const value = positiveNumber(target['averageUtilization']);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function scalingPolicies(value: unknown): ScalingPolicy[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const p = record(item);
    const type = p['type'];
    const amount = positiveNumber(p['value']);
    const period = positiveNumber(p['periodSeconds']);
    return (type === 'Pods' || type === 'Percent') && amount !== undefined && period !== undefined
      ? [{ type, value: amount, periodSeconds: period }]
      : [];
  });
}

function scaleUpRules(spec: Json): AutoscalerModel['scaleUp'] {
  const scaleUp = record(record(spec['behavior'])['scaleUp']);
  const policies = scalingPolicies(scaleUp['policies']);
  const window = scaleUp['stabilizationWindowSeconds'];
  const select = scaleUp['selectPolicy'];
  return {
    stabilizationWindowSeconds:
      typeof window === 'number' && window >= 0 ? window : HPA_DEFAULT_SCALE_UP_STABILIZATION_SECONDS,
    selectPolicy: select === 'Min' || select === 'Disabled' ? select : 'Max',
    policies: policies.length > 0 ? policies : HPA_DEFAULT_SCALE_UP_POLICIES,
  };
}

function controllerKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** Pod names by the controller that runs them, built once per cluster. */
function podsByController(index: ClusterIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pod of index.pods) {
    const controller = podController(pod, index);
    if (controller === undefined) continue;
    const key = controllerKey(namespaceOf(pod), controller.kind, controller.name);
    const names = out.get(key) ?? [];
    names.push(pod.metadata.name);
    out.set(key, names);
  }
  return out;
}

function normalizeAutoscaler(
  hpa: KubeObject,
  index: ClusterIndex,
  pods: ReadonlyMap<string, readonly string[]>,
): AutoscalerModel | undefined {
  const spec = record(hpa.spec);
  const targetRef = record(spec['scaleTargetRef']);
  const kind = targetRef['kind'];
  const name = targetRef['name'];
  const maxReplicas = positiveNumber(spec['maxReplicas']);
  if (typeof kind !== 'string' || typeof name !== 'string' || maxReplicas === undefined) return undefined;
  const cpuTargetPercent = cpuTarget(spec);
  const currentReplicas = record(hpa.status)['currentReplicas'];
  return {
    ref: refOf(hpa, index.cluster),
    target: { kind, name },
    ...(cpuTargetPercent === undefined ? {} : { cpuTargetPercent }),
    minReplicas: positiveNumber(spec['minReplicas']) ?? HPA_DEFAULT_MIN_REPLICAS,
    maxReplicas,
    ...(typeof currentReplicas === 'number' && currentReplicas >= 0 ? { currentReplicas } : {}),
    scaleUp: scaleUpRules(spec),
    pods: pods.get(controllerKey(namespaceOf(hpa), kind, name)) ?? [],
  };
}

/**
 * @example normalizeAutoscalers(indexWithHpa) // → [{ target: { kind: 'Deployment', name: 'httpbin' }, cpuTargetPercent: 60, … }]
 */
export function normalizeAutoscalers(index: ClusterIndex): AutoscalerModel[] {
  if (index.autoscalers.length === 0) return [];
  const pods = podsByController(index);
  return index.autoscalers.flatMap((hpa) => {
    const model = normalizeAutoscaler(hpa, index, pods);
    return model === undefined ? [] : [model];
  });
}
