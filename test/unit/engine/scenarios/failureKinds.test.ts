/**
 * Golden scenario: one zone fails three ways, on a snapshot built the way kubectl prints it.
 *
 * `examples/sidecar-client.yaml` (seed 003): the sidecar client `client/sleep` runs in us-east-1a; the
 * ambient backend `helloworld` (PreferClose, no waypoint, no DestinationRule) has one pod per zone: 2kxq7
 * (us-east-1a), m8r4t (1b), w6n9c (1c). The sidecar's priorities: P0 = {2kxq7} (same zone), P1 = {m8r4t,
 * w6n9c} (same region). us-east-1/us-east-1a fails:
 *
 * - HTTP_5XX: 2kxq7 answers 503. No outlier detection, so nothing ejects it; Envoy still counts it
 *   healthy (P0 health min(100, floor(140 · 1/1)) = 100 → P0 takes 100 %) and Istio's default retry policy
 *   does not retry a 503 (`EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY`): 100 % errors. Its flag says healthy
 *   (what Envoy counts), `failing` says it fails.
 * - CONNECT_FAILURE: 2kxq7 refuses connections. The default policy retries twice with previous_hosts, but
 *   every draw lands in P0 (100 % of the priority load), whose only host is 2kxq7: all 6 draws of each
 *   retry hit it and Envoy keeps the last one (`chooseHost`). Without a retry priority plugin (Istio's
 *   default sets none) retries never leave P0: 100 % errors, 3 attempts per request, 300 attempts on 2kxq7.
 * - NOT_READY: 2kxq7 loses readiness. PreferClose forces unhealthy endpoints (every profile), so istiod
 *   sends it UNHEALTHY; P0 health 0, P1 health 100 → P1 takes 100 %, 50/50: no errors at all.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../../src/engine/index.js';
import { exampleModel, levels, resolve, shares, whatIfOf } from './harness.js';

const A = 'helloworld-7c4d8b9f6b-2kxq7';
const B = 'helloworld-7c4d8b9f6b-m8r4t';
const C = 'helloworld-7c4d8b9f6b-w6n9c';
const MODEL = exampleModel('sidecar-client.yaml');
const ZONE = 'us-east-1/us-east-1a';

describe.each(PROFILES)('a failed zone, three failure kinds (%s)', (profile) => {
  const path = resolve(MODEL, 'client/sleep', 'helloworld.backend', profile);

  it.each([
    {
      failure: 'HTTP_5XX' as const,
      shares: { [A]: 100, [B]: 0, [C]: 0 },
      // [level, endpoints, healthy, health %, load %, panic]
      levels: [
        [0, 1, 1, 100, 100, false],
        [1, 2, 2, 100, 0, false],
      ],
      error: 100,
      flags: { healthy: true, failing: true },
      attempts: undefined,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      failure: 'CONNECT_FAILURE' as const,
      shares: { [A]: 100, [B]: 0, [C]: 0 },
      levels: [
        [0, 1, 1, 100, 100, false],
        [1, 2, 2, 100, 0, false],
      ],
      error: 100,
      flags: { healthy: true, failing: true },
      attempts: 300,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      failure: 'NOT_READY' as const,
      shares: { [A]: 0, [B]: 50, [C]: 50 },
      levels: [
        [0, 1, 0, 0, 0, false],
        [1, 2, 2, 100, 100, false],
      ],
      error: 0,
      flags: { healthy: false },
      attempts: undefined,
      outcome: 'REMOVED_NOT_READY',
    },
  ])('$failure', ({ failure, shares: expected, levels: expectedLevels, error, flags, attempts, outcome }) => {
    const w = whatIfOf(path, { failLocalities: [ZONE], failure });
    const hop = w.scenario.hops[0];
    expect(hop?.from.kind).toBe('SIDECAR');
    expect(shares(hop)).toEqual(expected);
    expect(levels(hop)).toEqual(expectedLevels);
    expect(w.errorPercent).toBe(error);
    const a = hop?.endpoints.find((e) => e.name === A);
    expect(a).toMatchObject(flags);
    expect(a?.attemptsPercent).toBe(attempts);
    expect(w.ejections.map((e) => e.outcome)).toEqual([outcome]);
  });
});
