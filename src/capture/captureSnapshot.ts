/**
 * `spillway capture`: one `kubectl get … --output json` per resource and context, assembled into a
 * MeshSnapshot bundle (one cluster per context) that uploads and analyzes as it is. A custom resource the
 * cluster does not serve is a warning; any other kubectl failure stops the capture with kubectl's message.
 */
import { AppError } from '../errors/appError.js';
import { CAPTURE_RESOURCES, kubectlArgs, type CaptureResource } from './captureResources.js';
import { redactObject } from './redactObject.js';
import type { KubectlRunner } from './runKubectl.js';

export const BUNDLE_API_VERSION = 'spillway.dev/v1alpha1';
export const BUNDLE_KIND = 'MeshSnapshot';
/** Set on a redacted bundle's metadata, so a reader knows values were removed on purpose. */
const REDACTED_ANNOTATION = 'spillway.dev/redacted';

/** kubectl's message for a resource type the API server does not serve (an uninstalled CRD). */
const UNKNOWN_RESOURCE_TYPE = /the server doesn't have a resource type/u;
/** Cluster ids in a bundle: 1–63 of `[A-Za-z0-9._-]`, alphanumeric at both ends (`src/ingest/uploadParams.ts`). */
const CLUSTER_ID_MAX = 63;

/**
 * kubectl processes at once per context: a few overlap the API server's latency without a burst of
 * list calls on a large cluster (each pod list can be hundreds of megabytes).
 */
const KUBECTL_CONCURRENCY = 4;

/** `work` over `items`, at most `size` at a time, answers in the order of `items`. */
async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}

export interface ContextTarget {
  /** A kubeconfig context; absent: the current context. */
  readonly context?: string;
  /** The cluster's name in the bundle; absent: derived from the context. */
  readonly cluster?: string;
}

export interface CaptureOptions {
  readonly targets: readonly ContextTarget[];
  readonly name: string;
  readonly profile?: string;
  readonly redact: boolean;
}

export interface MeshSnapshotBundle {
  readonly apiVersion: typeof BUNDLE_API_VERSION;
  readonly kind: typeof BUNDLE_KIND;
  readonly metadata: { readonly name: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly profile?: string;
    readonly clusters: readonly { readonly name: string; readonly resources: readonly unknown[] }[];
  };
}

export interface CaptureResult {
  readonly bundle: MeshSnapshotBundle;
  readonly warnings: readonly string[];
}

/** Parses `CONTEXT` or `CONTEXT=CLUSTER` (the `--context` option). */
export function parseContextTarget(text: string): ContextTarget {
  const separator = text.lastIndexOf('=');
  if (separator === -1) return { context: text };
  return { context: text.slice(0, separator), cluster: text.slice(separator + 1) };
}

/** A context name made into a cluster id: other characters become `-`, trimmed to 63. */
export function clusterIdFor(context: string): string {
  const id = context
    .replace(/[^A-Za-z0-9._-]/gu, '-')
    .slice(0, CLUSTER_ID_MAX)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/gu, '');
  return id === '' ? 'cluster' : id;
}

function kubectlFailure(args: readonly string[], stderr: string): AppError {
  return new AppError(
    'DEPENDENCY_UNAVAILABLE',
    `kubectl ${args.join(' ')} failed: ${stderr.trim() || 'no message'}`,
  );
}

async function currentContext(kubectl: KubectlRunner): Promise<string> {
  const args = ['config', 'current-context'];
  const result = await kubectl(args);
  const context = result.stdout.trim();
  if (result.exitCode !== 0 || context === '') {
    throw new AppError(
      'INVALID_REQUEST',
      `kubectl has no current context (${result.stderr.trim() || 'none set'}); name one with --context.`,
    );
  }
  return context;
}

function itemsOf(output: string, args: readonly string[]): unknown[] {
  if (output.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `kubectl ${args.join(' ')} printed something other than JSON.`,
    );
  }
  if (typeof parsed === 'object' && parsed !== null && 'items' in parsed) {
    return Array.isArray(parsed.items) ? (parsed.items as unknown[]) : [];
  }
  return [parsed];
}

async function captureResource(
  kubectl: KubectlRunner,
  resource: CaptureResource,
  context: string,
  warnings: string[],
): Promise<unknown[]> {
  const args = kubectlArgs(resource, context);
  const result = await kubectl(args);
  if (result.exitCode === 0) return itemsOf(result.stdout, args);
  if (resource.custom && UNKNOWN_RESOURCE_TYPE.test(result.stderr)) {
    warnings.push(
      `context ${context}: ${resource.resource} is not served by the cluster (CRD not installed); skipped.`,
    );
    return [];
  }
  throw kubectlFailure(args, result.stderr);
}

export async function captureSnapshot(
  options: CaptureOptions,
  kubectl: KubectlRunner,
): Promise<CaptureResult> {
  const warnings: string[] = [];
  const targets = options.targets.length === 0 ? [{}] : options.targets;
  const clusters: { name: string; resources: unknown[] }[] = [];
  for (const [index, target] of targets.entries()) {
    const context = target.context ?? (await currentContext(kubectl));
    // A context name may carry an account id (EKS ARNs): redacted bundles number their clusters instead.
    const name = target.cluster ?? (options.redact ? `cluster${index + 1}` : clusterIdFor(context));
    if (clusters.some((cluster) => cluster.name === name)) {
      throw new AppError(
        'INVALID_REQUEST',
        `Two contexts would both be cluster "${name}"; name them with --context CONTEXT=CLUSTER.`,
      );
    }
    const lists = await inBatches(CAPTURE_RESOURCES, KUBECTL_CONCURRENCY, (resource) =>
      captureResource(kubectl, resource, context, warnings),
    );
    const resources = lists.flat();
    clusters.push({ name, resources: options.redact ? resources.map(redactObject) : resources });
  }
  return {
    bundle: {
      apiVersion: BUNDLE_API_VERSION,
      kind: BUNDLE_KIND,
      metadata: {
        name: options.name,
        ...(options.redact ? { annotations: { [REDACTED_ANNOTATION]: 'true' } } : {}),
      },
      spec: { ...(options.profile === undefined ? {} : { profile: options.profile }), clusters },
    },
    warnings,
  };
}
