/**
 * `status.conditions` as written by the controller that owns the object (`metav1.Condition` on Services and
 * Gateways, `IstioCondition` on ServiceEntries and WorkloadEntries). Status is observed state that people
 * trim before sharing, and the API server never refuses an object for it, so an entry is kept only when it
 * has a string `type` and `status`; anything else is left out rather than guessed at.
 */
import type { StatusCondition } from '../model/meshModel.js';
import { isRecord, statusString } from './statusFields.js';

/** One entry of `status.conditions`, or undefined when it lacks a string `type` or `status`. */
function readCondition(entry: unknown): StatusCondition | undefined {
  if (!isRecord(entry)) return undefined;
  const type = statusString(entry, 'type');
  const state = statusString(entry, 'status');
  if (type === undefined || state === undefined) return undefined;
  const reason = statusString(entry, 'reason');
  const message = statusString(entry, 'message');
  return {
    type,
    status: state,
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  };
}

const conditionEntries = (status: unknown): readonly unknown[] => {
  const conditions = isRecord(status) ? status['conditions'] : undefined;
  return Array.isArray(conditions) ? (conditions as readonly unknown[]) : [];
};

/**
 * @example statusConditions({ conditions: [{ type: 'istio.io/WaypointBound', status: 'False', reason: 'NoWaypoint' }] })
 * // → [{ type: 'istio.io/WaypointBound', status: 'False', reason: 'NoWaypoint' }]
 */
export function statusConditions(status: unknown): StatusCondition[] {
  const out: StatusCondition[] = [];
  for (const entry of conditionEntries(status)) {
    const condition = readCondition(entry);
    if (condition !== undefined) out.push(condition);
  }
  return out;
}

/**
 * The `status` (`"True"`, `"False"`, `"Unknown"`) of the first condition of `type` that
 * `statusConditions` would keep; undefined when the status lists none. Called per pod, so it builds no list.
 *
 * @example conditionStatus({ conditions: [{ type: 'Ready', status: 'True' }] }, 'Ready') // → 'True'
 */
export function conditionStatus(status: unknown, type: string): string | undefined {
  for (const entry of conditionEntries(status)) {
    const condition = readCondition(entry);
    if (condition?.type === type) return condition.status;
  }
  return undefined;
}

/** The model's `conditions` field: present only when the object has some. */
export function conditionsField(status: unknown): { readonly conditions?: readonly StatusCondition[] } {
  const conditions = statusConditions(status);
  return conditions.length === 0 ? {} : { conditions };
}
