import type { ServiceModel, ServicePort } from '../../model/meshModel.js';
import type { AnalysisCheck } from '../check.js';

/** Kubernetes writes a headless Service's `clusterIP` as this literal. */
const HEADLESS_CLUSTER_IP = 'None';

const isHeadless = (s: ServiceModel): boolean => s.clusterIP === HEADLESS_CLUSTER_IP;

function portText(p: ServicePort): string {
  const target = p.targetPort === undefined ? '' : `→${p.targetPort.toString()}`;
  const app = p.appProtocol === undefined ? '' : ` ${p.appProtocol}`;
  return `${p.name ?? '(unnamed)'} ${p.port.toString()}${target}/${p.protocol}${app}`;
}

/** Ports compared as a set keyed by name, like istioctl (`compareServicePorts` sorts by name first). */
function portsText(s: ServiceModel): string {
  return s.ports.map(portText).sort().join(', ');
}

/**
 * SPW0024. In a multicluster mesh istiod merges Services of one namespace and name across clusters into one
 * host; when they disagree, which cluster's ports, type or headless mode a proxy gets is undefined.
 * Follows istioctl's `MultiClusterServiceAnalyzer` (IST0170): each cluster's Service is compared with the
 * first one's headless mode (`clusterIP: None`), `type` and ports (name, port, target port, protocol,
 * app protocol; istioctl also compares node ports, which Spillway does not read).
 */
export const serviceInconsistentAcrossClusters = {
  code: 'SPW0024',
  id: 'SERVICE_INCONSISTENT_ACROSS_CLUSTERS',
  severity: 'WARNING',
  title: 'A Service differs between clusters (type, headless mode or ports)',
  equivalent: 'IST0170',
  upstream:
    'istioctl analyze services.MultiClusterServiceAnalyzer (IST0170, pkg/config/analysis/analyzers/multicluster)',
  scopes: ['mesh'],
  subject: 'sameNameServices',
  run: ({ namespace, name, services }) => {
    const [first] = services;
    if (first === undefined || services.length < 2) return [];
    const reasons: string[] = [];
    const differing = new Set<ServiceModel>();
    const describe = (pick: (s: ServiceModel) => string): string =>
      services.map((s) => `${pick(s)} in ${s.cluster}`).join(', ');
    if (services.some((s) => isHeadless(s) !== isHeadless(first))) {
      // istioctl names every cluster for a headless/cluster-IP mix.
      services.forEach((s) => differing.add(s));
      reasons.push(
        `headless and cluster-IP (${describe((s) => (isHeadless(s) ? 'headless' : 'cluster IP'))})`,
      );
    }
    const typeDiffers = services.filter((s) => s.type !== first.type);
    if (typeDiffers.length > 0) {
      [first, ...typeDiffers].forEach((s) => differing.add(s));
      reasons.push(`type (${describe((s) => s.type)})`);
    }
    const portsDiffer = services.filter((s) => portsText(s) !== portsText(first));
    if (portsDiffer.length > 0) {
      [first, ...portsDiffer].forEach((s) => differing.add(s));
      reasons.push(`ports (${services.map((s) => `${s.cluster}: ${portsText(s) || 'none'}`).join('; ')})`);
    }
    if (reasons.length === 0) return [];
    const clusters = services.filter((s) => differing.has(s));
    return [
      {
        message: `Service ${namespace}/${name} differs across clusters ${clusters.map((s) => s.cluster).join(', ')} in ${reasons.join('; ')}; istiod merges them into one host, so which definition a proxy gets is undefined.`,
        resources: clusters.map((s) => ({ kind: 'Service', name, namespace, cluster: s.cluster })),
      },
    ];
  },
} as const satisfies AnalysisCheck<'sameNameServices'>;
