/** Minimal valid objects of every understood kind, as plain JSON (what a user uploads). */
export const ns = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'ns', labels: { 'istio.io/dataplane-mode': 'ambient' } },
};
export const nodeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'n1',
    labels: { 'topology.kubernetes.io/region': 'r1', 'topology.kubernetes.io/zone': 'z1' },
  },
};
export const podObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'ns', labels: { app: 'web' } },
  spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'web:1' }] },
  status: { podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] },
};
export const serviceObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'ns' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
};
export const sliceObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.0.0.1'],
      conditions: { ready: true },
      nodeName: 'n1',
      targetRef: { kind: 'Pod', name: 'web-1', namespace: 'ns' },
    },
  ],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
};
const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'web:1' }] },
};
export const deploymentObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns' },
  spec: { selector: { matchLabels: { app: 'web' } }, template },
};
export const replicaSetObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-6b5c96c4f8',
    namespace: 'ns',
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u1', controller: true },
    ],
  },
  spec: { selector: { matchLabels: { app: 'web' } }, template },
};
export const statefulSetObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'ns' },
  spec: {
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { ...template, metadata: { labels: { app: 'db' } } },
  },
};
export const meshConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: 'rootNamespace: istio-config\nlocalityLbSetting:\n  enabled: false\n' },
};
export function destinationRule(apiVersion: string, spec: unknown = { host: 'web' }) {
  return { apiVersion, kind: 'DestinationRule', metadata: { name: 'web-dr', namespace: 'ns' }, spec };
}
export function serviceEntry(apiVersion: string) {
  return {
    apiVersion,
    kind: 'ServiceEntry',
    metadata: { name: 'ext', namespace: 'ns' },
    spec: {
      hosts: ['ext.example.com'],
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
      resolution: 'DNS',
      location: 'MESH_EXTERNAL',
    },
  };
}
export function workloadEntry(apiVersion: string) {
  return {
    apiVersion,
    kind: 'WorkloadEntry',
    metadata: { name: 'vm-1', namespace: 'ns' },
    spec: { address: '192.168.0.5', labels: { app: 'vm' }, locality: 'r1/z1' },
  };
}
export function gatewayObject(apiVersion: string) {
  return {
    apiVersion,
    kind: 'Gateway',
    metadata: { name: 'wp', namespace: 'ns' },
    spec: {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  };
}
