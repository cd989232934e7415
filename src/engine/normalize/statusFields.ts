/**
 * Reading `status`, which ingest does not hold to its schema: status is observed state that people trim or
 * redact before sharing a snapshot (node and container ids, whole conditions), and the API server never
 * refuses an object for what its status lacks. So every field is read only when it has the shape it should;
 * anything else counts as absent, and callers say what that leaves unknown. Conditions are read by
 * `statusConditions.ts`, with these rules.
 */

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `status.<field>` when it is a non-empty string. */
export function statusString(status: unknown, field: string): string | undefined {
  const value = isRecord(status) ? status[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A pod's IP: `status.podIP`, else the first of `status.podIPs` (the EndpointSlice controller reads both). */
export function podIPOf(status: unknown): string | undefined {
  const single = statusString(status, 'podIP');
  if (single !== undefined) return single;
  const list = isRecord(status) ? status['podIPs'] : undefined;
  if (!Array.isArray(list)) return undefined;
  const first: unknown = list[0];
  return isRecord(first) && typeof first['ip'] === 'string' && first['ip'] !== '' ? first['ip'] : undefined;
}
