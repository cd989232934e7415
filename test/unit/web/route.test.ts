/**
 * The portal's deep links (api.md "Portal"): parsing what a link says, and writing a link that parses back
 * to the same view. The Slack answers' links are checked against the same parser (test/unit/slack).
 */
import { describe, expect, it } from 'vitest';
import { portalLink } from '../../../src/slack/portalLink.js';
import {
  isWhatIf,
  pairRoute,
  parseRoute,
  policyRoute,
  routeToSearch,
  viewOf,
  type Route,
} from '../../../web/src/state/route.js';

describe('deep links', () => {
  it.each([
    ['', 'snapshots'],
    ['?snapshot=httpbin-after', 'question'],
    ['?snapshot=httpbin-after&client=httpbin/client-in-ambient', 'question'],
    ['?snapshot=httpbin-after&client=httpbin/client-in-ambient&backend=in-ambient.httpbin', 'policy'],
    ['?snapshot=s&client=a/b&backend=c&eject=p1', 'whatif'],
    ['?snapshot=s&client=a/b&backend=c&fail=us-east', 'whatif'],
    ['?snapshot=s&client=a/b&backend=c&load=1.5', 'whatif'],
    ['?snapshot=s&client=a/b&backend=c&sweep=1,3', 'whatif'],
    ['?snapshot=s&client=a/b&backend=c&eject=', 'policy'],
    // Mesh-wide: a scenario without a client and a backend is the blast radius; two snapshots are a diff.
    ['?snapshot=bookinfo&fail=us-east/us-east-1b', 'blast'],
    ['?snapshot=bookinfo&eject=10.0.0.1', 'blast'],
    ['?snapshot=bookinfo&load=2', 'blast'],
    ['?snapshot=bookinfo&sweep=1,3', 'question'],
    ['?fail=us-east', 'snapshots'],
    ['?snapshot=bookinfo&client=a/b&fail=us-east', 'question'],
    ['?before=httpbin-before&after=httpbin-after', 'diff'],
    ['?snapshot=s&before=a&after=b', 'diff'],
    ['?before=httpbin-before', 'snapshots'],
  ] as const)('%s opens the %s view', (search, view) => {
    expect(viewOf(parseRoute(search).route)).toBe(view);
  });

  it('reads lists, numbers and references as api.md writes them', () => {
    const { route, problems } = parseRoute(
      '?snapshot=bookinfo-multicluster&client=cluster1/bookinfo/ratings&backend=productpage.bookinfo.mesh.internal' +
        '&eject=a,%20b&eject=c&fail=us-east/us-east-1b,cluster:cluster2&load=1.5x&sweep=1,2.5&profile=istio_1_31',
    );
    expect(problems).toEqual([]);
    expect(route).toEqual({
      snapshot: 'bookinfo-multicluster',
      client: 'cluster1/bookinfo/ratings',
      backend: 'productpage.bookinfo.mesh.internal',
      profile: 'ISTIO_1_31',
      eject: ['a', 'b', 'c'],
      fail: ['us-east/us-east-1b', 'cluster:cluster2'],
      load: 1.5,
      sweep: [1, 2.5],
    });
  });

  it.each([
    ['load=0', 'load=0 is not a number above 0'],
    ['load=fast', 'load=fast is not a number above 0'],
    ['sweep=3,1', 'sweep=3,1 is not FROM,TO with 0 < FROM ≤ TO'],
    ['sweep=1', 'sweep=1 is not FROM,TO with 0 < FROM ≤ TO'],
    ['util=150', 'util=150 is not a number above 0 and at most 100'],
  ])('%s is ignored and said so', (param, problem) => {
    const { route, problems } = parseRoute(`?snapshot=s&client=a/b&backend=c&${param}`);
    expect(problems).toEqual([problem]);
    expect(isWhatIf(route)).toBe(false);
  });

  it.each<Route>([
    { eject: [], fail: [] },
    {
      snapshot: 'httpbin-after',
      client: 'httpbin/client-in-ambient',
      backend: 'in-ambient.httpbin',
      eject: [],
      fail: [],
    },
    {
      snapshot: 'snp_0123',
      client: 'cluster1/bookinfo/ratings',
      backend: 'productpage.bookinfo.mesh.internal',
      profile: 'ISTIO_1_30',
      eject: ['10.0.0.1', 'pod-a&b', 'name with space'],
      fail: ['us-east/us-east-1b', 'cluster:cluster2'],
      load: 2.25,
      sweep: [1, 4],
      failure: 'CONNECT_FAILURE',
      util: 70,
    },
    { snapshot: 'bookinfo', fail: ['us-east/us-east-1b'], eject: [], failure: 'NOT_READY', load: 1.5 },
    { before: 'httpbin-before', after: 'snp_0123', profile: 'ISTIO_1_31', eject: [], fail: [] },
  ])('writes %j as a link that reads back the same', (route) => {
    const search = routeToSearch(route);
    expect(parseRoute(search)).toEqual({ route, problems: [] });
  });

  it('keeps links readable: slashes and colons unescaped, parameters in the api.md order', () => {
    expect(
      routeToSearch({
        snapshot: 'httpbin-after',
        client: 'httpbin/client-in-ambient',
        backend: 'in-ambient.httpbin',
        eject: ['in-ambient-7d8f9b6c54-abc12', 'in-ambient-7d8f9b6c54-def34'],
        fail: ['cluster:cluster1'],
        load: 1.5,
      }),
    ).toBe(
      '?snapshot=httpbin-after&client=httpbin/client-in-ambient&backend=in-ambient.httpbin' +
        '&eject=in-ambient-7d8f9b6c54-abc12,in-ambient-7d8f9b6c54-def34&fail=cluster:cluster1&load=1.5',
    );
  });

  it('a blast radius row opens the what-if of its pair under the same scenario', () => {
    const { route } = parseRoute('?snapshot=bookinfo&fail=us-east/us-east-1b&load=1.5');
    expect(viewOf(route)).toBe('blast');
    const pair = pairRoute(route, 'bookinfo/productpage-v1', 'reviews.bookinfo');
    expect(viewOf(pair)).toBe('whatif');
    expect(routeToSearch(pair)).toBe(
      '?snapshot=bookinfo&client=bookinfo/productpage-v1&backend=reviews.bookinfo&fail=us-east/us-east-1b&load=1.5',
    );
  });

  it("Slack's link for a mesh-wide scenario (a snapshot and a scenario, no pair) opens the blast radius", () => {
    const link = portalLink('https://spillway.example.com', {
      snapshot: 'snp_0123',
      scenario: { failLocalities: ['us-east/us-east-1b'], loadFactor: 1.5 },
    });
    const { route, problems } = parseRoute(new URL(link ?? '').search);
    expect(problems).toEqual([]);
    expect(viewOf(route)).toBe('blast');
    expect(route).toMatchObject({ snapshot: 'snp_0123', fail: ['us-east/us-east-1b'], load: 1.5 });
  });

  it('the policy view of a what-if drops only the scenario', () => {
    const { route } = parseRoute('?snapshot=s&client=a/b&backend=c&profile=SOLO&eject=x&load=2&sweep=1,2');
    expect(policyRoute(route)).toEqual({
      snapshot: 's',
      client: 'a/b',
      backend: 'c',
      profile: 'SOLO',
      eject: [],
      fail: [],
    });
  });
});
