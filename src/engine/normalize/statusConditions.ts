/**
 * `status.conditions` as written by the controller that owns the object (`metav1.Condition` on Services and
 * Gateways, `IstioCondition` on ServiceEntries and WorkloadEntries). Status is observed state that people
 * trim before sharing, and the API server never refuses an object for it, so an entry is kept only when it
 * has a string `type` and `status`; anything else is left out rather than guessed at.
 */
import type { StatusCondition } from '../model/meshModel.js';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * @example statusConditions({ conditions: [{ type: 'istio.io/WaypointBound', status: 'False', reason: 'NoWaypoint' }] })
 * // → [{ type: 'istio.io/WaypointBound', status: 'False', reason: 'NoWaypoint' }]
 */
export function statusConditions(status: unknown): StatusCondition[] {
  const conditions = isRecord(status) ? status['conditions'] : undefined;
  if (!Array.isArray(conditions)) return [];
  const out: StatusCondition[] = [];
  for (const entry of conditions as readonly unknown[]) {
    if (!isRecord(entry)) continue;
    const type = text(entry['type']);
    const state = text(entry['status']);
    if (type === undefined || state === undefined) continue;
    const reason = text(entry['reason']);
    const message = text(entry['message']);
    out.push({
      type,
      status: state,
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
    });
  }
  return out;
}

/** The model's `conditions` field: present only when the object has some. */
export function conditionsField(status: unknown): { readonly conditions?: readonly StatusCondition[] } {
  const conditions = statusConditions(status);
  return conditions.length === 0 ? {} : { conditions };
}
