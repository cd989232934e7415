/**
 * The diff view (`/?before=A&after=B`, `Query.diff` of api.md's Additions) against answers shaped as api.md
 * writes them.
 */
import { describe, expect, it } from 'vitest';
import { NO_FEATURES } from '../src/api/features';
import type { Diagnostic, SnapshotDiff } from '../src/api/types';
import { isClientReference } from '../src/views/DiffView';
import { ALL_FEATURES, HTTPBIN_POLICY, answerGraphql, find, findAll, openPortal, text } from './harness';

const IN_AMBIENT = 'in-ambient.httpbin.svc.cluster.local';

const finding = (code: string, message: string): Diagnostic => ({
  code,
  severity: 'WARNING',
  message,
  equivalent: null,
  resources: [{ kind: 'DestinationRule', name: 'in-ambient', namespace: 'httpbin', cluster: null }],
});

/** The httpbin walk-through's step 3 (a DestinationRule on in-ambient) as api.md shapes the diff. */
const HTTPBIN_DIFF: SnapshotDiff = {
  changes: [
    {
      backend: IN_AMBIENT,
      client: 'httpbin/client-in-ambient',
      summary:
        'outlier detection now ejects after 1 consecutive 5xx (DestinationRule httpbin/in-ambient added)',
    },
    {
      backend: IN_AMBIENT,
      client: 'clients in us-east-1/us-east-1b (ambient, via httpbin-waypoint)',
      summary: 'now prefer us-east-1/us-east-1b before the rest of us-east-1',
    },
    {
      backend: 'sidecar.httpbin.svc.cluster.local',
      client: 'httpbin/client-sidecar',
      summary: 'load balancer LEAST_REQUEST → ROUND_ROBIN',
    },
  ],
  diagnosticsAdded: [finding('SPW0101', 'maxEjectionPercent 100 lets every endpoint be ejected')],
  diagnosticsResolved: [],
};

const LINK = '/?before=httpbin-before&after=httpbin-after';

describe('diff view', () => {
  it('asks for the two snapshots in the link and groups the changes by backend, each in words', async () => {
    const asked = answerGraphql(ALL_FEATURES, { Diff: () => ({ diff: HTTPBIN_DIFF }) });
    const page = openPortal(LINK);
    const groups = await findAll(page, 'section.backend-changes');
    expect(text(page.querySelector('#answer-title'))).toBe(
      'What changes from httpbin-before to httpbin-after',
    );
    expect(text(page.querySelector('.breadcrumbs'))).toBe('Snapshots › httpbin-before → httpbin-after');
    expect(asked.find((a) => a.query.includes('query Diff'))?.variables).toEqual({
      before: 'httpbin-before',
      after: 'httpbin-after',
    });
    // No question form: a diff has no single snapshot to ask.
    expect(page.querySelector('form.question-form')).toBeNull();
    expect(groups.map((g) => text(g.querySelector('h4')))).toEqual([
      IN_AMBIENT,
      'sidecar.httpbin.svc.cluster.local',
    ]);
    expect([...(groups[0]?.querySelectorAll('li') ?? [])].map((li) => text(li))).toEqual([
      'httpbin/client-in-ambient: outlier detection now ejects after 1 consecutive 5xx (DestinationRule httpbin/in-ambient added)',
      'clients in us-east-1/us-east-1b (ambient, via httpbin-waypoint): now prefer us-east-1/us-east-1b before the rest of us-east-1',
    ]);
    expect(text(page.querySelector('#changes-title'))).toBe('Behaviour changes: 3 changes on 2 backends');
    const added = page.querySelector('section[aria-labelledby="added-title"]');
    expect(text(added)).toContain('SPW0101');
    expect(text(page.querySelector('section[aria-labelledby="resolved-title"]'))).toContain('No findings.');
  });

  it('links a change whose client is a reference to that pair in the newer snapshot; a client class stays text', async () => {
    const asked = answerGraphql(ALL_FEATURES, {
      Diff: () => ({ diff: HTTPBIN_DIFF }),
      Policy: () => ({ effectivePolicy: HTTPBIN_POLICY }),
    });
    const page = openPortal(LINK);
    const [first, second] = await findAll(page, 'section.backend-changes li');
    expect(second?.querySelector('a')).toBeNull();
    const link = first?.querySelector('a');
    expect(link?.getAttribute('href')).toBe(
      `/?snapshot=httpbin-after&client=httpbin/client-in-ambient&backend=${IN_AMBIENT}`,
    );
    link?.click();
    await find(page, '.path-diagram');
    expect(asked.find((a) => a.query.includes('query Policy'))?.variables).toEqual({
      snapshot: 'httpbin-after',
      client: 'httpbin/client-in-ambient',
      backend: IN_AMBIENT,
    });
  });

  it.each([
    ['httpbin/client-in-ambient', true],
    ['cluster1/bookinfo/ratings-v1', true],
    ['clients in us-east-1/us-east-1b (ambient, via httpbin-waypoint)', false],
    ['a/b/c/d', false],
    ['productpage', false],
  ])('%s is a client reference: %s', (client, expected) => {
    expect(isClientReference(client)).toBe(expected);
  });

  it('says when the two snapshots behave the same', async () => {
    answerGraphql(ALL_FEATURES, {
      Diff: () => ({ diff: { changes: [], diagnosticsAdded: [], diagnosticsResolved: [] } }),
    });
    const state = await find(openPortal('/?before=httpbin-after&after=httpbin-after'), '.state-empty');
    expect(text(state.querySelector('h3'))).toBe('No difference in behaviour');
  });

  it('on a server without Query.diff, says so instead of asking', async () => {
    const asked = answerGraphql(NO_FEATURES, {});
    const state = await find(openPortal(LINK), '.state-empty');
    expect(text(state.querySelector('h3'))).toBe('This Spillway does not compare snapshots yet');
    expect(text(state)).toContain('It has no Query.diff.');
    expect(asked.some((a) => a.query.includes('diff('))).toBe(false);
  });
});
