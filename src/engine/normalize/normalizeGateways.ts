/**
 * Gateway API Gateways run by Istio: waypoints (class `istio-waypoint`) and the other gateways (ingress
 * `istio`, east-west `istio-east-west`), each with the pods the controller deployed for it — found by the
 * `gateway.networking.k8s.io/gateway-name` label in the Gateway's namespace.
 */
import type { Diagnostic } from '../model/answer.js';
import type { GatewayModel, WorkloadModel } from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import { annotationsOf, labelsOf, namespaceOf, refOf } from './clusterIndex.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { conditionStatus, conditionsField } from './statusConditions.js';
import { LABEL_WAYPOINT_FOR, WAYPOINT_GATEWAY_CLASS } from './wellKnownLabels.js';

const WAYPOINT_FOR_VALUES: readonly GatewayModel['waypointFor'][] = ['service', 'workload', 'all', 'none'];
/** Istio's default when `istio.io/waypoint-for` is absent. */
const DEFAULT_WAYPOINT_FOR: GatewayModel['waypointFor'] = 'service';

export interface NormalizedGateways {
  readonly waypoints: GatewayModel[];
  readonly gateways: GatewayModel[];
}

export function normalizeGateways(
  index: ClusterIndex,
  workloads: readonly WorkloadModel[],
  diagnostics: Diagnostic[],
): NormalizedGateways {
  const podsByGateway = new Map<string, string[]>();
  for (const workload of workloads) {
    if (workload.kind !== 'Pod' || workload.gatewayName === undefined) continue;
    const key = `${workload.namespace}/${workload.gatewayName}`;
    const names = podsByGateway.get(key) ?? [];
    names.push(workload.name);
    podsByGateway.set(key, names);
  }

  const result: NormalizedGateways = { waypoints: [], gateways: [] };
  for (const gateway of index.gateways) {
    const namespace = namespaceOf(gateway);
    const name = gateway.metadata.name;
    const labels = labelsOf(gateway);
    const ref = refOf(gateway, index.cluster);
    const className = gateway.spec?.gatewayClassName ?? '';
    const written = labels[LABEL_WAYPOINT_FOR];
    const waypointFor = WAYPOINT_FOR_VALUES.find((value) => value === written) ?? DEFAULT_WAYPOINT_FOR;
    if (written !== undefined && written !== waypointFor) {
      diagnostics.push(
        snapshotDiagnostic(
          'UNKNOWN_WAYPOINT_FOR',
          `Gateway ${namespace}/${name} (cluster ${index.cluster}) has istio.io/waypoint-for=${written}; known values are ${WAYPOINT_FOR_VALUES.join(', ')}. Assuming ${DEFAULT_WAYPOINT_FOR}.`,
          [ref],
        ),
      );
    }
    const programmed = conditionStatus(gateway.status, 'Programmed');
    const podNames = podsByGateway.get(`${namespace}/${name}`) ?? [];
    const model: GatewayModel = {
      cluster: index.cluster,
      namespace,
      name,
      gatewayClassName: className,
      labels,
      annotations: annotationsOf(gateway),
      waypointFor,
      podNames,
      ...(programmed !== undefined ? { programmed: programmed === 'True' } : {}),
      ...conditionsField(gateway.status),
    };
    if (className === WAYPOINT_GATEWAY_CLASS) {
      result.waypoints.push(model);
      if (podNames.length === 0) {
        diagnostics.push(
          snapshotDiagnostic(
            'WAYPOINT_WITHOUT_PODS',
            `Waypoint ${namespace}/${name} (cluster ${index.cluster}) has no pods in the snapshot (label gateway.networking.k8s.io/gateway-name=${name}); traffic sent to it has nowhere to go.`,
            [ref],
          ),
        );
      }
    } else {
      result.gateways.push(model);
    }
  }
  return result;
}
