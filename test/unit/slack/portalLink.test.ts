/**
 * Slack's links to the portal read back, in the portal's own parser, as the view the answer showed.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/engine/index.js';
import { portalLink } from '../../../src/slack/portalLink.js';
import { parseRoute, viewOf } from '../../../web/src/state/route.js';

const BASE = 'https://spillway.example.com';
const QUESTION = {
  snapshot: 'snp_0123',
  client: 'cluster1/bookinfo/ratings',
  backend: 'productpage.bookinfo.mesh.internal',
};

describe('portalLink', () => {
  it('is absent without SPILLWAY_PUBLIC_URL', () => {
    expect(portalLink(undefined, QUESTION)).toBeUndefined();
  });

  it('links help and snapshot lists to the portal root', () => {
    expect(portalLink(BASE)).toBe(`${BASE}/`);
    expect(portalLink('https://example.com/spillway', {})).toBe('https://example.com/spillway/');
  });

  it('writes api.md deep links for a policy', () => {
    expect(portalLink(BASE, QUESTION)).toBe(
      `${BASE}/?snapshot=snp_0123&client=cluster1/bookinfo/ratings&backend=productpage.bookinfo.mesh.internal`,
    );
  });

  it.each<[Scenario, Record<string, unknown>]>([
    [{ ejectEndpoints: ['pod-a', '10.0.0.2'] }, { eject: ['pod-a', '10.0.0.2'] }],
    [
      { failLocalities: ['us-east/us-east-1b', 'cluster:cluster2'] },
      { fail: ['us-east/us-east-1b', 'cluster:cluster2'] },
    ],
    [{ loadFactor: 1.5 }, { load: 1.5 }],
    // A load beyond the plot's default range widens it, so the scenario's own point is on the plot.
    [{ loadFactor: 4.2 }, { load: 4.2, sweep: [1, 5] }],
    // Nothing the link can say (only the overprovisioning factor): the sweep still opens the what-if view.
    [{ overprovisioningFactor: 120 }, { sweep: [1, 3] }],
    [
      { ejectEndpoints: ['a&b c'], loadFactor: 2 },
      { eject: ['a&b c'], load: 2 },
    ],
    // The failure kind travels as the portal's `failure`; HTTP_5XX is its default and stays out.
    [
      { ejectEndpoints: ['pod-a'], failure: 'CONNECT_FAILURE' },
      { eject: ['pod-a'], failure: 'CONNECT_FAILURE' },
    ],
    [{ ejectEndpoints: ['pod-a'], failure: 'HTTP_5XX' }, { eject: ['pod-a'] }],
  ])('a what-if %j reads back in the portal as the what-if view with %j', (scenario, expected) => {
    const link = portalLink(BASE, { ...QUESTION, scenario }) ?? '';
    const { route, problems } = parseRoute(new URL(link).search);
    expect(problems).toEqual([]);
    expect(viewOf(route)).toBe('whatif');
    expect(route).toEqual({ ...QUESTION, eject: [], fail: [], ...expected });
  });

  it.each<[Scenario, Record<string, unknown>]>([
    [{ failLocalities: ['us-east/us-east-1b'] }, { fail: ['us-east/us-east-1b'] }],
    [
      { failLocalities: ['us-east/us-east-1b'], failure: 'NOT_READY' },
      { fail: ['us-east/us-east-1b'], failure: 'NOT_READY' },
    ],
    [
      { failLocalities: ['cluster:cluster2'], ejectEndpoints: ['10.0.0.7'], loadFactor: 4.2 },
      { fail: ['cluster:cluster2'], eject: ['10.0.0.7'], load: 4.2 },
    ],
  ])(
    'a blast radius %j reads back as the blast radius view with %j (no sweep: it has no plot)',
    (scenario, expected) => {
      const link = portalLink(BASE, { snapshot: 'snp_0123', scenario }) ?? '';
      const { route, problems } = parseRoute(new URL(link).search);
      expect(problems).toEqual([]);
      expect(viewOf(route)).toBe('blast');
      expect(route).toEqual({ snapshot: 'snp_0123', eject: [], fail: [], ...expected });
    },
  );

  it('writes the diff link with both snapshots', () => {
    const link = portalLink(BASE, { before: 'snp_0001', after: 'httpbin step 3' }) ?? '';
    expect(link).toBe(`${BASE}/?before=snp_0001&after=httpbin%20step%203`);
    const { route, problems } = parseRoute(new URL(link).search);
    expect(problems).toEqual([]);
    expect(viewOf(route)).toBe('diff');
    expect(route).toEqual({ before: 'snp_0001', after: 'httpbin step 3', eject: [], fail: [] });
  });
});
