import { describe, expect, it } from 'vitest';
import { conditionStatus, statusConditions } from '../../../../src/engine/normalize/statusConditions.js';

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

// One reading of `status.conditions` for both: a condition's status is what `statusConditions` keeps.
describe('conditionStatus: the first readable condition of a type', () => {
  it.each<[string, unknown, string, string | undefined]>([
    ['a Ready pod', { conditions: [{ type: 'Ready', status: 'True' }] }, 'Ready', 'True'],
    ['another type only', { conditions: [{ type: 'PodScheduled', status: 'True' }] }, 'Ready', undefined],
    ['no status', undefined, 'Ready', undefined],
    ['conditions not a list', { conditions: { type: 'Ready', status: 'True' } }, 'Ready', undefined],
    [
      'an unreadable entry is skipped for a later one of the type',
      {
        conditions: [
          { type: 'Programmed', status: 1 },
          { type: 'Programmed', status: 'False' },
        ],
      },
      'Programmed',
      'False',
    ],
    [
      'the first of a repeated type',
      {
        conditions: [
          { type: 'Healthy', status: 'False' },
          { type: 'Healthy', status: 'True' },
        ],
      },
      'Healthy',
      'False',
    ],
    // A trimmed status is absent, as everywhere in status (statusFields.ts); it was "" before unifying.
    ['an empty status is absent', { conditions: [{ type: 'Ready', status: '' }] }, 'Ready', undefined],
  ])('%s', (_label, status, type, expected) => {
    expect(conditionStatus(status, type)).toBe(expected);
  });
});
