/**
 * Synthetic meshes for benchmarks, fuzzing, crash and soak tests: realistic Istio ambient snapshots at a
 * chosen scale, deterministic from a seed, written as the same YAML a user uploads — a multi-document
 * stream for one cluster (as `kubectl get … -o yaml` objects), a `MeshSnapshot` bundle for several.
 *
 * Scale: `services` distinct services, each with `replicas` pods in total, spread round-robin over the
 * clusters (so the snapshot holds services × replicas application endpoints whatever the cluster count);
 * every cluster carries every Service, Namespace and DestinationRule, as multi-primary meshes do.
 *
 * CLI: `npx tsx bench/generateMesh.ts --services 10000 --replicas 10 --clusters 2 --seed 1 > mesh.yaml`
 */
import { pathToFileURL } from 'node:url';

export interface MeshOptions {
  /** Distinct services in the mesh. */
  readonly services: number;
  /** Pods per service, across all clusters. */
  readonly replicas: number;
  readonly clusters?: number;
  readonly seed?: number;
  readonly servicesPerNamespace?: number;
  readonly podsPerNode?: number;
  /** Snapshot name written into a bundle. */
  readonly name?: string;
}

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export interface MeshCounts {
  clusters: number;
  regions: number;
  zones: number;
  nodes: number;
  namespaces: number;
  /** Distinct services (`services` option). */
  services: number;
  /** Service objects across clusters, waypoint Services included. */
  serviceObjects: number;
  deployments: number;
  replicaSets: number;
  /** Application pods: services × replicas. */
  pods: number;
  waypointPods: number;
  endpointSlices: number;
  /** Application endpoints listed in EndpointSlices: services × replicas. */
  endpoints: number;
  destinationRules: number;
  waypoints: number;
  ambientNamespaces: number;
  documents: number;
}

export interface GeneratedCluster {
  readonly name: string;
  readonly network: string;
  readonly region: string;
  readonly resources: JsonObject[];
}

/** References that exist in the generated mesh, for queries against it. */
export interface MeshSample {
  /** `cluster/namespace/workload` of client Deployments, in an ambient namespace. */
  readonly clients: string[];
  /** `name.namespace` hosts of services with endpoints. */
  readonly backends: string[];
}

export interface GeneratedMeshObjects {
  readonly name: string;
  readonly clusters: GeneratedCluster[];
  readonly counts: MeshCounts;
  readonly sample: MeshSample;
}

export interface GeneratedMesh extends GeneratedMeshObjects {
  /** `multi-doc` for one cluster (upload with `?cluster=&network=`), `bundle` for several. */
  readonly format: 'multi-doc' | 'bundle';
  /** Query string for `POST /v1/snapshots`. */
  readonly query: string;
  readonly text: string;
}

const DEFAULT_SEED = 1;
const DEFAULT_SERVICES_PER_NAMESPACE = 25;
const DEFAULT_PODS_PER_NODE = 40;
const MIN_NODES_PER_CLUSTER = 3;
/** The EndpointSlice controller's default `--max-endpoints-per-slice`. */
const MAX_ENDPOINTS_PER_SLICE = 100;
const WAYPOINT_REPLICAS = 2;
const CONTAINER_PORT = 8080;
const HBONE_PORT = 15008;
const SAMPLE_SIZE = 20;

const FRACTION_AMBIENT_NAMESPACES = 0.8;
const FRACTION_SIDECAR_NAMESPACES = 0.1;
const FRACTION_WAYPOINT_NAMESPACES = 0.3;
const FRACTION_SERVICES_WITH_DR = 0.3;
const FRACTION_PREFER_CLOSE = 0.15;
const FRACTION_GLOBAL_SERVICES = 0.2;
const FRACTION_NOT_READY_PODS = 0.02;

const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
];
const ZONE_SUFFIXES = ['a', 'b', 'c'];
const TEAMS = [
  'shop',
  'payments',
  'platform',
  'data',
  'growth',
  'identity',
  'media',
  'search',
  'logistics',
  'support',
];
const SERVICE_WORDS = [
  'cart',
  'checkout',
  'catalog',
  'reviews',
  'ratings',
  'inventory',
  'shipping',
  'orders',
  'users',
  'auth',
  'profile',
  'billing',
  'notify',
  'recommend',
  'pricing',
  'ads',
  'media',
  'ledger',
  'fraud',
  'geo',
];
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';
const BASE_TIME_MS = Date.UTC(2026, 10, 1, 8, 0, 0);
const BASE_TIME = new Date(BASE_TIME_MS).toISOString().replace('.000Z', 'Z');

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; the same seed gives the same stream. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function picker(rng: () => number) {
  const int = (n: number): number => Math.floor(rng() * n);
  const chars = (alphabet: string, n: number): string => {
    let out = '';
    for (let i = 0; i < n; i += 1) out += alphabet[int(alphabet.length)];
    return out;
  };
  const uid = (): string =>
    `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`;
  const timestamp = (): string =>
    new Date(BASE_TIME_MS + int(30 * 24 * 3600) * 1000).toISOString().replace('.000Z', 'Z');
  return { int, chars, uid, timestamp, chance: (p: number): boolean => rng() < p };
}

const ipv4 = (a: number, n: number): string => `${a}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

type NamespaceMode = 'ambient' | 'sidecar' | 'none';

interface NamespacePlan {
  readonly name: string;
  readonly mode: NamespaceMode;
  readonly waypoint: boolean;
}

interface ServicePlan {
  readonly name: string;
  readonly namespace: string;
  readonly protocol: 'http' | 'grpc';
  readonly preferClose: boolean;
  readonly global: boolean;
  readonly dr: 'none' | 'failoverPriority' | 'failover' | 'distribute' | 'outlierOnly';
  readonly version: string;
}

/** Builds the objects of a synthetic mesh; `generateMesh` writes them as upload YAML. */
export function generateMeshObjects(options: MeshOptions): GeneratedMeshObjects {
  const clusterCount = Math.max(1, Math.trunc(options.clusters ?? 1));
  const serviceCount = Math.max(1, Math.trunc(options.services));
  const replicas = Math.max(0, Math.trunc(options.replicas));
  const seed = options.seed ?? DEFAULT_SEED;
  const perNamespace = Math.max(
    1,
    Math.trunc(options.servicesPerNamespace ?? DEFAULT_SERVICES_PER_NAMESPACE),
  );
  const podsPerNode = Math.max(1, Math.trunc(options.podsPerNode ?? DEFAULT_PODS_PER_NODE));
  const name = options.name ?? `synthetic-s${serviceCount}-r${replicas}-c${clusterCount}-seed${seed}`;
  const rng = createRng(seed);
  const pick = picker(rng);

  // Mesh-wide plan: namespaces and services exist in every cluster with the same settings.
  const namespaceCount = Math.ceil(serviceCount / perNamespace);
  const namespaces: NamespacePlan[] = [];
  for (let n = 0; n < namespaceCount; n += 1) {
    const roll = rng();
    const mode: NamespaceMode =
      roll < FRACTION_AMBIENT_NAMESPACES
        ? 'ambient'
        : roll < FRACTION_AMBIENT_NAMESPACES + FRACTION_SIDECAR_NAMESPACES
          ? 'sidecar'
          : 'none';
    namespaces.push({
      name: `${TEAMS[n % TEAMS.length] ?? 'team'}-${n}`,
      mode,
      waypoint: mode === 'ambient' && pick.chance(FRACTION_WAYPOINT_NAMESPACES),
    });
  }
  // Keep the first namespace ambient so every mesh has an ambient client to query from.
  if (namespaces[0] && namespaces[0].mode !== 'ambient')
    namespaces[0] = { ...namespaces[0], mode: 'ambient' };

  const services: ServicePlan[] = [];
  for (let i = 0; i < serviceCount; i += 1) {
    const namespace = namespaces[Math.floor(i / perNamespace)]?.name ?? 'default';
    const drRoll = rng();
    const drKinds = [
      'failoverPriority',
      'distribute',
      'outlierOnly',
      clusterCount > 1 ? 'failover' : 'failoverPriority',
    ] as const;
    services.push({
      name: `${SERVICE_WORDS[i % SERVICE_WORDS.length] ?? 'svc'}-${i}`,
      namespace,
      protocol: pick.chance(0.2) ? 'grpc' : 'http',
      preferClose: pick.chance(FRACTION_PREFER_CLOSE),
      global: clusterCount > 1 && pick.chance(FRACTION_GLOBAL_SERVICES),
      dr: drRoll < FRACTION_SERVICES_WITH_DR ? (drKinds[pick.int(drKinds.length)] ?? 'outlierOnly') : 'none',
      version: pick.chance(0.8) ? 'v1' : 'v2',
    });
  }

  const counts: MeshCounts = {
    clusters: clusterCount,
    regions: 0,
    zones: 0,
    nodes: 0,
    namespaces: namespaceCount,
    services: serviceCount,
    serviceObjects: 0,
    deployments: 0,
    replicaSets: 0,
    pods: 0,
    waypointPods: 0,
    endpointSlices: 0,
    endpoints: 0,
    destinationRules: 0,
    waypoints: 0,
    ambientNamespaces: namespaces.filter((n) => n.mode === 'ambient').length,
    documents: 0,
  };
  const regions = new Set<string>();
  const clusters: GeneratedCluster[] = [];
  const sampleClients: string[] = [];

  for (let c = 0; c < clusterCount; c += 1) {
    const clusterName = `cluster-${c + 1}`;
    const network = `network-${c + 1}`;
    const region = REGIONS[c % REGIONS.length] ?? 'region';
    const otherRegion = REGIONS[(c + 1) % REGIONS.length] ?? region;
    regions.add(region);
    const zones = ZONE_SUFFIXES.map((s) => `${region}${s}`);
    const resources: JsonObject[] = [];
    const podsHere = services.length * Math.ceil(replicas / clusterCount);
    const nodeCount = Math.max(MIN_NODES_PER_CLUSTER, Math.ceil(podsHere / podsPerNode));
    const nodes: { name: string; zone: string; ip: string }[] = [];
    for (let n = 0; n < nodeCount; n += 1) {
      const zone = zones[n % zones.length] ?? region;
      const nodeName = `ip-192-${168 + c}-${(n >> 8) & 255}-${n & 255}.${region}.compute.internal`;
      const ip = `192.${168 + c}.${(n >> 8) & 255}.${n & 255}`;
      nodes.push({ name: nodeName, zone, ip });
      resources.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: nodeName,
          uid: pick.uid(),
          creationTimestamp: pick.timestamp(),
          labels: {
            'kubernetes.io/arch': 'amd64',
            'kubernetes.io/hostname': nodeName,
            'kubernetes.io/os': 'linux',
            'node.kubernetes.io/instance-type': 'm6i.2xlarge',
            'topology.kubernetes.io/region': region,
            'topology.kubernetes.io/zone': zone,
            'topology.istio.io/network': network,
          },
        },
        spec: { providerID: `aws:///${zone}/i-${pick.chars(HEX, 17)}` },
        status: {
          addresses: [
            { type: 'InternalIP', address: ip },
            { type: 'Hostname', address: nodeName },
          ],
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        },
      });
    }
    counts.nodes += nodeCount;
    counts.zones += zones.length;

    for (const ns of namespaces) {
      const labels: Record<string, string> = { 'kubernetes.io/metadata.name': ns.name };
      if (ns.mode === 'ambient') labels['istio.io/dataplane-mode'] = 'ambient';
      if (ns.mode === 'sidecar') labels['istio-injection'] = 'enabled';
      if (ns.waypoint) labels['istio.io/use-waypoint'] = 'waypoint';
      resources.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns.name, uid: pick.uid(), creationTimestamp: pick.timestamp(), labels },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }

    let podIndex = 1;
    let serviceIndex = 1;
    const nextPodIp = (): string => ipv4(10, (c << 20) + podIndex++);
    const nextServiceIp = (): string => ipv4(100, ((64 + c * 4) << 16) + serviceIndex++);
    const nodeAt = (k: number): { name: string; zone: string; ip: string } =>
      nodes[k % nodes.length] ?? { name: 'node', zone: region, ip: '192.0.2.1' };

    interface PodOut {
      name: string;
      ip: string;
      node: { name: string; zone: string; ip: string };
      ready: boolean;
      uid: string;
    }

    /** Deployment → ReplicaSet → Pods, as the controllers name and label them. */
    const workload = (
      namespace: string,
      deploymentName: string,
      podLabels: Record<string, string>,
      podCount: number,
      containers: JsonObject[],
      annotations: Record<string, string>,
    ): PodOut[] => {
      const hash = pick.chars(NAME_ALPHABET, 10);
      const deploymentUid = pick.uid();
      const rsName = `${deploymentName}-${hash}`;
      const rsUid = pick.uid();
      const selector = { matchLabels: podLabels };
      const template = { metadata: { labels: podLabels }, spec: { containers } };
      resources.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: deploymentName,
          namespace,
          uid: deploymentUid,
          creationTimestamp: pick.timestamp(),
          labels: podLabels,
        },
        spec: { replicas: podCount, selector, template },
        status: { replicas: podCount, readyReplicas: podCount, availableReplicas: podCount },
      });
      resources.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace,
          uid: rsUid,
          labels: { ...podLabels, 'pod-template-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: deploymentName,
              uid: deploymentUid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: podCount,
          selector: { matchLabels: { ...podLabels, 'pod-template-hash': hash } },
          template,
        },
        status: { replicas: podCount, readyReplicas: podCount },
      });
      counts.deployments += 1;
      counts.replicaSets += 1;
      const pods: PodOut[] = [];
      for (let p = 0; p < podCount; p += 1) {
        const node = nodeAt(podIndex + pick.int(3));
        const ip = nextPodIp();
        const ready = !pick.chance(FRACTION_NOT_READY_PODS);
        const podName = `${rsName}-${pick.chars(NAME_ALPHABET, 5)}`;
        const uid = pick.uid();
        pods.push({ name: podName, ip, node, ready, uid });
        resources.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName,
            namespace,
            uid,
            ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
            labels: { ...podLabels, 'pod-template-hash': hash },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: rsName,
                uid: rsUid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: { nodeName: node.name, serviceAccountName: deploymentName, containers },
          status: {
            phase: 'Running',
            hostIP: node.ip,
            podIP: ip,
            // Trimmed to the conditions Spillway reads, to keep 100,000-pod snapshots near 100 MB.
            conditions: [
              { type: 'Ready', status: ready ? 'True' : 'False' },
              { type: 'PodScheduled', status: 'True' },
            ],
          },
        });
      }
      return pods;
    };

    const endpointSlices = (
      namespace: string,
      serviceName: string,
      pods: readonly PodOut[],
      ports: JsonObject[],
    ): void => {
      for (let start = 0; start < Math.max(1, pods.length); start += MAX_ENDPOINTS_PER_SLICE) {
        const chunk = pods.slice(start, start + MAX_ENDPOINTS_PER_SLICE);
        resources.push({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name: `${serviceName}-${pick.chars(NAME_ALPHABET, 5)}`,
            namespace,
            labels: {
              'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
              'kubernetes.io/service-name': serviceName,
            },
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Service',
                name: serviceName,
                uid: pick.uid(),
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          addressType: 'IPv4',
          endpoints: chunk.map((pod) => ({
            addresses: [pod.ip],
            conditions: { ready: pod.ready, serving: pod.ready, terminating: false },
            nodeName: pod.node.name,
            zone: pod.node.zone,
            targetRef: { kind: 'Pod', name: pod.name, namespace, uid: pod.uid },
          })),
          ports,
        });
        counts.endpointSlices += 1;
      }
    };

    // Waypoints: a Gateway of class istio-waypoint, its Deployment, pods and Service, per namespace.
    for (const ns of namespaces) {
      if (!ns.waypoint) continue;
      resources.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          name: 'waypoint',
          namespace: ns.name,
          uid: pick.uid(),
          labels: { 'istio.io/waypoint-for': 'service' },
        },
        spec: {
          gatewayClassName: 'istio-waypoint',
          listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }],
        },
        status: {
          conditions: ['Accepted', 'Programmed'].map((type) => ({
            type,
            status: 'True',
            reason: type,
            message:
              type === 'Accepted'
                ? 'Resource accepted'
                : 'Resource programmed, assigned to service(s) waypoint',
            lastTransitionTime: BASE_TIME,
            observedGeneration: 1,
          })),
        },
      });
      const labels = {
        'gateway.networking.k8s.io/gateway-name': 'waypoint',
        'istio.io/dataplane-mode': 'none',
      };
      const pods = workload(
        ns.name,
        'waypoint',
        labels,
        WAYPOINT_REPLICAS,
        [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0' }],
        {},
      );
      const ports = [
        { name: 'mesh', port: HBONE_PORT, protocol: 'TCP' },
        { name: 'status-port', port: 15021, protocol: 'TCP' },
      ];
      resources.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'waypoint',
          namespace: ns.name,
          uid: pick.uid(),
          labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' },
        },
        spec: {
          type: 'ClusterIP',
          clusterIP: nextServiceIp(),
          selector: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' },
          ports,
        },
      });
      endpointSlices(
        ns.name,
        'waypoint',
        pods,
        ports.map(({ name: portName, port, protocol }) => ({ name: portName, port, protocol })),
      );
      counts.waypoints += 1;
      counts.waypointPods += pods.length;
      counts.serviceObjects += 1;
    }

    const namespaceMode = new Map(namespaces.map((n) => [n.name, n.mode]));
    services.forEach((svc, i) => {
      // Replica r of service i runs in cluster (r + i) mod clusters.
      let podCount = 0;
      for (let r = 0; r < replicas; r += 1) if ((r + i) % clusterCount === c) podCount += 1;
      const mode = namespaceMode.get(svc.namespace) ?? 'none';
      const appProtocol = svc.protocol === 'grpc' ? 'grpc' : 'http';
      const ports = [
        {
          name: appProtocol,
          port: svc.protocol === 'grpc' ? 9090 : 80,
          targetPort: CONTAINER_PORT,
          protocol: 'TCP',
          appProtocol,
        },
      ];
      const serviceLabels: Record<string, string> = { app: svc.name };
      if (svc.global) serviceLabels['solo.io/service-scope'] = 'global';
      resources.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: svc.name,
          namespace: svc.namespace,
          uid: pick.uid(),
          creationTimestamp: pick.timestamp(),
          labels: serviceLabels,
        },
        spec: {
          type: 'ClusterIP',
          clusterIP: nextServiceIp(),
          selector: { app: svc.name },
          ports,
          ...(svc.preferClose ? { trafficDistribution: 'PreferClose' } : {}),
        },
      });
      counts.serviceObjects += 1;

      let pods: PodOut[] = [];
      if (podCount > 0) {
        const containers: JsonObject[] = [
          {
            name: 'app',
            image: `registry.example.com/${svc.namespace}/${svc.name}:1.${i % 40}.0`,
            ports: [{ containerPort: CONTAINER_PORT, protocol: 'TCP' }],
          },
        ];
        const annotations: Record<string, string> = {};
        if (mode === 'sidecar') {
          containers.push({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0' });
          annotations['sidecar.istio.io/status'] =
            '{"containers":["istio-proxy"],"initContainers":["istio-init"]}';
        }
        pods = workload(
          svc.namespace,
          svc.name,
          { app: svc.name, version: svc.version },
          podCount,
          containers,
          annotations,
        );
        counts.pods += pods.length;
        counts.endpoints += pods.length;
        if (mode === 'ambient' && sampleClients.length < SAMPLE_SIZE)
          sampleClients.push(`${clusterName}/${svc.namespace}/${svc.name}`);
      }
      endpointSlices(svc.namespace, svc.name, pods, [
        { name: appProtocol, port: CONTAINER_PORT, protocol: 'TCP', appProtocol },
      ]);

      if (svc.dr !== 'none') {
        resources.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: svc.name, namespace: svc.namespace, uid: pick.uid() },
          spec: {
            host: `${svc.name}.${svc.namespace}.svc.cluster.local`,
            trafficPolicy: trafficPolicy(svc.dr, region, otherRegion, zones),
          },
        });
        counts.destinationRules += 1;
      }
    });

    clusters.push({ name: clusterName, network, region, resources });
    counts.documents += resources.length;
  }
  counts.regions = regions.size;

  const backends = services
    .filter((_, i) => replicas > 0 && i < SAMPLE_SIZE * 4)
    .map((s) => `${s.name}.${s.namespace}`)
    .slice(0, SAMPLE_SIZE);
  return { name, clusters, counts, sample: { clients: sampleClients, backends } };
}

function trafficPolicy(
  kind: ServicePlan['dr'],
  region: string,
  otherRegion: string,
  zones: readonly string[],
): JsonObject {
  const outlierDetection = {
    consecutive5xxErrors: 5,
    interval: '10s',
    baseEjectionTime: '30s',
    maxEjectionPercent: 50,
  };
  switch (kind) {
    case 'failoverPriority':
      return {
        loadBalancer: {
          simple: 'ROUND_ROBIN',
          localityLbSetting: {
            enabled: true,
            failoverPriority: [
              'topology.istio.io/network',
              'topology.kubernetes.io/region',
              'topology.kubernetes.io/zone',
            ],
          },
        },
        outlierDetection,
      };
    case 'failover':
      return {
        loadBalancer: {
          simple: 'LEAST_REQUEST',
          localityLbSetting: { enabled: true, failover: [{ from: region, to: otherRegion }] },
        },
        outlierDetection: { ...outlierDetection, consecutive5xxErrors: 3, maxEjectionPercent: 100 },
      };
    case 'distribute':
      return {
        loadBalancer: {
          localityLbSetting: {
            enabled: true,
            distribute: [
              {
                from: `${region}/${zones[0] ?? region}/*`,
                to: { [`${region}/${zones[0] ?? region}/*`]: 80, [`${region}/${zones[1] ?? region}/*`]: 20 },
              },
            ],
          },
        },
      };
    case 'outlierOnly':
      return {
        connectionPool: { http: { http2MaxRequests: 1000 } },
        outlierDetection: { consecutive5xxErrors: 3, interval: '5s', baseEjectionTime: '15s' },
      };
    case 'none':
      return {};
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

// --- YAML writer -------------------------------------------------------------------------------------
// A small block-style writer: much faster than a general-purpose stringifier at 100 MB, and the output is
// plain YAML that any parser reads back to the same values (the unit test checks the round trip).

const YAML_RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9._/*-]*$/;
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?$|^0[xob]/i;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (PLAIN_SAFE.test(value) && !YAML_RESERVED.test(value) && !NUMBER_LIKE.test(value)) return value;
  return JSON.stringify(value);
}

function isScalar(value: Json): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function writeMap(obj: JsonObject, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [key, value] of Object.entries(obj)) {
    const k = scalar(key);
    if (isScalar(value)) out.push(`${pad}${k}: ${scalar(value)}`);
    else if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${pad}${k}: []`);
      else {
        out.push(`${pad}${k}:`);
        writeSeq(value, indent, out);
      }
    } else if (Object.keys(value).length === 0) out.push(`${pad}${k}: {}`);
    else {
      out.push(`${pad}${k}:`);
      writeMap(value as JsonObject, indent + 2, out);
    }
  }
}

function writeSeq(items: readonly Json[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (isScalar(item)) out.push(`${pad}- ${scalar(item)}`);
    else if (Array.isArray(item)) {
      if (item.length === 0) out.push(`${pad}- []`);
      else {
        out.push(`${pad}-`);
        writeSeq(item, indent + 2, out);
      }
    } else if (Object.keys(item).length === 0) out.push(`${pad}- {}`);
    else {
      const start = out.length;
      writeMap(item as JsonObject, indent + 2, out);
      out[start] = `${pad}- ${(out[start] ?? '').slice(indent + 2)}`;
    }
  }
}

/** One object as a YAML document body (no `---`). */
export function toYaml(obj: JsonObject): string {
  const out: string[] = [];
  writeMap(obj, 0, out);
  return `${out.join('\n')}\n`;
}

/** The mesh as upload text: multi-document YAML for one cluster, a MeshSnapshot bundle for several. */
export function generateMesh(options: MeshOptions): GeneratedMesh {
  const objects = generateMeshObjects(options);
  const parts: string[] = [];
  const [only] = objects.clusters;
  if (objects.clusters.length === 1 && only) {
    for (const resource of only.resources) parts.push('---\n', toYaml(resource));
    return {
      ...objects,
      format: 'multi-doc',
      query: `name=${encodeURIComponent(objects.name)}&cluster=${only.name}&network=${only.network}`,
      text: parts.join(''),
    };
  }
  // The bundle is written piecewise so a 100 MB mesh never needs one giant intermediate object.
  const header = toYaml({
    apiVersion: 'spillway.dev/v1alpha1',
    kind: 'MeshSnapshot',
    metadata: { name: objects.name },
  });
  parts.push(header, 'spec:\n  profile: SOLO\n  meshConfig:\n    rootNamespace: istio-system\n  clusters:\n');
  for (const cluster of objects.clusters) {
    parts.push(
      `  - name: ${scalar(cluster.name)}\n    network: ${scalar(cluster.network)}\n    resources:\n`,
    );
    for (const resource of cluster.resources) {
      const out: string[] = [];
      writeSeq([resource], 4, out);
      parts.push(out.join('\n'), '\n');
    }
  }
  return {
    ...objects,
    format: 'bundle',
    query: `name=${encodeURIComponent(objects.name)}`,
    text: parts.join(''),
  };
}

/**
 * The same mesh as JSON (`kubectl get … -o json` shape: a `List` for one cluster, the bundle for several), for
 * setups where the upload is not what is measured: JSON parses far faster than YAML.
 */
export function generateMeshJson(options: MeshOptions): GeneratedMesh {
  const objects = generateMeshObjects(options);
  const [only] = objects.clusters;
  if (objects.clusters.length === 1 && only) {
    return {
      ...objects,
      format: 'multi-doc',
      query: `name=${encodeURIComponent(objects.name)}&cluster=${only.name}&network=${only.network}`,
      text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: only.resources }),
    };
  }
  const bundle = {
    apiVersion: 'spillway.dev/v1alpha1',
    kind: 'MeshSnapshot',
    metadata: { name: objects.name },
    spec: {
      profile: 'SOLO',
      meshConfig: { rootNamespace: 'istio-system' },
      clusters: objects.clusters.map((c) => ({ name: c.name, network: c.network, resources: c.resources })),
    },
  };
  return {
    ...objects,
    format: 'bundle',
    query: `name=${encodeURIComponent(objects.name)}`,
    text: JSON.stringify(bundle),
  };
}

/** Parses `--key value` flags for the CLI. */
export function parseMeshArgs(argv: readonly string[]): MeshOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[(i += 1)];
    if (key === undefined || value === undefined) throw new Error(`missing value for ${arg}`);
    flags.set(key, value);
  }
  const num = (key: string, fallback?: number): number | undefined => {
    const raw = flags.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${key} must be a non-negative number`);
    return n;
  };
  const known = new Set([
    'services',
    'replicas',
    'clusters',
    'seed',
    'services-per-namespace',
    'pods-per-node',
    'name',
  ]);
  for (const key of flags.keys()) if (!known.has(key)) throw new Error(`unknown flag --${key}`);
  const perNamespace = num('services-per-namespace');
  const perNode = num('pods-per-node');
  const name = flags.get('name');
  return {
    services: num('services', 100) ?? 100,
    replicas: num('replicas', 3) ?? 3,
    clusters: num('clusters', 1) ?? 1,
    seed: num('seed', DEFAULT_SEED) ?? DEFAULT_SEED,
    ...(perNamespace !== undefined ? { servicesPerNamespace: perNamespace } : {}),
    ...(perNode !== undefined ? { podsPerNode: perNode } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    const mesh = generateMesh(parseMeshArgs(process.argv.slice(2)));
    process.stdout.write(mesh.text);
    process.stderr.write(
      `${JSON.stringify({ format: mesh.format, query: mesh.query, bytes: Buffer.byteLength(mesh.text), counts: mesh.counts })}\n`,
    );
  } catch (error) {
    process.stderr.write(`generateMesh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
