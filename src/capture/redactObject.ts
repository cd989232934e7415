/**
 * `capture --redact`: removes what teams do not share, keeps what Spillway reads.
 *  - Nodes: `machineID`, `bootID`, `systemUUID` and `providerID` become `REDACTED` (the schema requires the
 *    first three, so they are replaced rather than dropped), and the node's image list is emptied;
 *  - containers: `imageID` and `containerID` become `REDACTED`, and image references lose their digest
 *    (`repo/app:1.2@sha256:…` → `repo/app:1.2`), in pods and in workload pod templates;
 *  - annotations: every value becomes `REDACTED` except under the domains Spillway reads
 *    (`istio.io`, `*.istio.io` such as `networking.istio.io/traffic-distribution`, `solo.io`, `*.solo.io`,
 *    and `spillway.dev` for suppressions). Keys and labels stay: topology and selectors live there.
 */
export const REDACTED = 'REDACTED';

const KEPT_ANNOTATION_DOMAINS = ['istio.io', 'solo.io', 'spillway.dev'];
const NODE_IDENTIFIERS = ['machineID', 'bootID', 'systemUUID'];
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const STATUS_LISTS = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'];
/** An OCI digest suffix: `@algorithm:hex`. */
const DIGEST = /@[A-Za-z0-9_+.-]+:[0-9A-Fa-f]{32,}$/u;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** @example keepsAnnotation('networking.istio.io/traffic-distribution') // → true */
export function keepsAnnotation(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return false;
  const domain = key.slice(0, slash);
  return KEPT_ANNOTATION_DOMAINS.some((kept) => domain === kept || domain.endsWith(`.${kept}`));
}

function redactAnnotations(metadata: unknown): void {
  if (!isRecord(metadata) || !isRecord(metadata['annotations'])) return;
  const annotations = metadata['annotations'];
  for (const key of Object.keys(annotations)) if (!keepsAnnotation(key)) annotations[key] = REDACTED;
}

function stripDigest(container: Json): void {
  if (typeof container['image'] === 'string') container['image'] = container['image'].replace(DIGEST, '');
}

function redactPodSpec(spec: unknown): void {
  if (!isRecord(spec)) return;
  for (const list of CONTAINER_LISTS) records(spec[list]).forEach(stripDigest);
}

function redactPodStatus(status: unknown): void {
  if (!isRecord(status)) return;
  for (const list of STATUS_LISTS) {
    for (const container of records(status[list])) {
      stripDigest(container);
      if ('imageID' in container) container['imageID'] = REDACTED;
      if ('containerID' in container) container['containerID'] = REDACTED;
    }
  }
}

function redactNode(object: Json): void {
  if (isRecord(object['spec']) && 'providerID' in object['spec']) object['spec']['providerID'] = REDACTED;
  const status = object['status'];
  if (!isRecord(status)) return;
  if ('images' in status) status['images'] = [];
  const info = status['nodeInfo'];
  if (isRecord(info)) for (const key of NODE_IDENTIFIERS) if (key in info) info[key] = REDACTED;
}

/** A redacted deep copy of one Kubernetes object. */
export function redactObject(object: unknown): unknown {
  if (!isRecord(object)) return object;
  const copy = structuredClone(object);
  redactAnnotations(copy['metadata']);
  switch (copy['kind']) {
    case 'Node':
      redactNode(copy);
      break;
    case 'Pod':
      redactPodSpec(copy['spec']);
      redactPodStatus(copy['status']);
      break;
    default: {
      const template = isRecord(copy['spec']) ? copy['spec']['template'] : undefined;
      if (isRecord(template)) {
        redactAnnotations(template['metadata']);
        redactPodSpec(template['spec']);
      }
    }
  }
  return copy;
}
