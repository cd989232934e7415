import { describe, expect, it } from 'vitest';
import { statusConditions } from '../../../../src/engine/normalize/statusConditions.js';

describe('statusConditions reads what the controller wrote and leaves out what it cannot read', () => {
  it.each<[string, unknown, ReturnType<typeof statusConditions>]>([
    ['no status', undefined, []],
    ['status without conditions', { loadBalancer: {} }, []],
    ['conditions not a list', { conditions: { type: 'x' } }, []],
    [
      'a metav1.Condition, timestamps dropped',
      {
        conditions: [
          {
            type: 'istio.io/WaypointBound',
            status: 'False',
            reason: 'NoWaypoint',
            message: 'waypoint "default/waypoint" is not ready',
            lastTransitionTime: '2026-01-01T00:00:00Z',
            observedGeneration: 1,
          },
        ],
      },
      [
        {
          type: 'istio.io/WaypointBound',
          status: 'False',
          reason: 'NoWaypoint',
          message: 'waypoint "default/waypoint" is not ready',
        },
      ],
    ],
    [
      'entries without a type or status, or not objects, are skipped; empty reason is absent',
      {
        conditions: [
          null,
          'Ready',
          { type: 'A' },
          { status: 'False' },
          { type: 'B', status: 'True', reason: '' },
        ],
      },
      [{ type: 'B', status: 'True' }],
    ],
  ])('%s', (_label, status, expected) => {
    expect(statusConditions(status)).toEqual(expected);
  });
});
