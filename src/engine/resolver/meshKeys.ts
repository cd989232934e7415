/**
 * Map keys of the compiled mesh. Kubernetes names never contain `/`, so joining with it is unambiguous.
 */
export function meshKey(...parts: readonly string[]): string {
  return parts.join('/');
}

/** The `app` label Kubernetes tooling and Istio telemetry use as a workload's canonical name. */
export const APP_LABEL = 'app';
/** Istio's canonical-service label, tried when `app` is absent. */
export const CANONICAL_NAME_LABEL = 'service.istio.io/canonical-name';
