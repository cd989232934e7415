/**
 * The blast radius view (`/?snapshot=S&fail=…`, `Query.blastRadius` of api.md's Additions) and the mesh-wide
 * forms that open it, against answers shaped as api.md writes them.
 */
import { describe, expect, it } from 'vitest';
import { NO_FEATURES } from '../src/api/features';
import type { BlastRadius } from '../src/api/types';
import { heatColour } from '../src/palette';
import { ALL_FEATURES, HTTPBIN_WHATIF, answerGraphql, find, findAll, openPortal, text } from './harness';

const REVIEWS = 'reviews.bookinfo.svc.cluster.local';
const REVIEWS_CLIENTS = [
  'bookinfo/productpage-v1',
  'cluster2/bookinfo/productpage-v1',
  'istio-system/istio-ingressgateway',
  'bookinfo/details-v1',
  'bookinfo/ratings-v1',
  'bookinfo/sleep',
];

/** A zone outage over bookinfo as api.md shapes it: worst first, the worst client's rates. */
const ZONE_OUTAGE: BlastRadius = {
  profile: 'SOLO',
  pairs: 24,
  impacts: [
    {
      backend: REVIEWS,
      clients: REVIEWS_CLIENTS,
      clientCount: REVIEWS_CLIENTS.length,
      errorPercent: 100,
      saturatedPercent: null,
      overflowPercent: 0,
    },
    {
      backend: 'ratings.bookinfo.svc.cluster.local',
      clients: ['bookinfo/reviews-v2'],
      clientCount: 1,
      errorPercent: 33.3,
      saturatedPercent: 12.5,
      overflowPercent: 0,
    },
    {
      backend: 'details.bookinfo.svc.cluster.local',
      clients: ['bookinfo/productpage-v1'],
      clientCount: 1,
      errorPercent: 0,
      saturatedPercent: 40,
      overflowPercent: 2.5,
    },
  ],
};

const LINK = '/?snapshot=bookinfo-multicluster&fail=us-east/us-east-1b';

describe('blast radius view', () => {
  it('asks for the scenario in the link and lists the impacted backends worst first, with each rate', async () => {
    const asked = answerGraphql(ALL_FEATURES, { BlastRadius: () => ({ blastRadius: ZONE_OUTAGE }) });
    const page = openPortal(LINK);
    const rows = await findAll(page, 'table.blast tbody tr');
    expect(text(page.querySelector('#answer-title'))).toBe('Blast radius in bookinfo-multicluster');
    expect(text(page.querySelector('.scenario-words'))).toBe('Scenario: us-east/us-east-1b down');
    expect(asked.find((a) => a.query.includes('query BlastRadius'))?.variables).toEqual({
      snapshot: 'bookinfo-multicluster',
      scenario: { failLocalities: ['us-east/us-east-1b'] },
      clientsShown: 5,
    });
    expect(rows.map((row) => text(row.querySelector('th')))).toEqual([
      REVIEWS,
      'ratings.bookinfo.svc.cluster.local',
      'details.bookinfo.svc.cluster.local',
    ]);
    const cells = (row: Element | undefined): string[] =>
      [...(row?.querySelectorAll('td.heat') ?? [])].map((cell) => text(cell));
    // A null saturation is "unknown" (capacity unknown), never 0.
    expect(cells(rows[0])).toEqual(['100 %', 'unknown', '0 %']);
    expect(cells(rows[1])).toEqual(['33.3 %', '12.5 %', '0 %']);
    expect(cells(rows[2])).toEqual(['0 %', '40 %', '2.5 %']);
    expect(text(page.querySelector('table.blast caption'))).toMatch(
      /^3 backends affected, worst first, of 24 client × backend pairs evaluated/,
    );
  });

  it.each([
    // sqrt(100 / 100) = 1: the darkest shade, #8C2D04, with white text.
    [100, 'rgb(140, 45, 4)', '#ffffff'],
    // sqrt(25 / 100) = 0.5: each channel halfway from 255 (white) to the darkest: 255 + (140 − 255) × 0.5 =
    // 197.5 → 198, 255 + (45 − 255) × 0.5 = 150, 255 + (4 − 255) × 0.5 = 129.5 → 130; dark text below 0.74.
    [25, 'rgb(198, 150, 130)', '#111111'],
  ] as const)('shades a %s %% cell %s', async (errors, background, colour) => {
    expect(heatColour(errors)).toEqual({ background, text: colour });
    answerGraphql(ALL_FEATURES, {
      BlastRadius: () => ({
        blastRadius: { ...ZONE_OUTAGE, impacts: [{ ...ZONE_OUTAGE.impacts[0], errorPercent: errors }] },
      }),
    });
    const cell = (await find(openPortal(LINK), 'td.heat[data-metric="errors"]')) as HTMLElement;
    expect(cell.style.background).toBe(background);
    // 0 and unknown rates stay unshaded.
    const unshaded = [...document.querySelectorAll<HTMLElement>('td.heat:not([data-metric="errors"])')];
    expect(unshaded.map((c) => c.style.background)).toEqual(['', '']);
  });

  it('counts the affected clients from clientCount, not from the names the page asked for', async () => {
    // A mesh-wide outage with 250 affected clients: the query asks for five names, the service says 250 in all.
    const [reviews] = ZONE_OUTAGE.impacts;
    if (reviews === undefined) throw new Error('the fixture lists reviews first');
    const many: BlastRadius = {
      ...ZONE_OUTAGE,
      impacts: [{ ...reviews, clients: REVIEWS_CLIENTS.slice(0, 5), clientCount: 250 }],
    };
    answerGraphql(ALL_FEATURES, { BlastRadius: () => ({ blastRadius: many }) });
    const first = await find(openPortal(LINK), 'table.blast tbody tr');
    expect(first.querySelectorAll('a')).toHaveLength(5);
    expect(text(first.querySelector('td:last-child'))).toMatch(/^250 clients: .* and 245 more$/);
  });

  it('links each affected client to the what-if of its pair under the same scenario', async () => {
    const asked = answerGraphql(ALL_FEATURES, {
      BlastRadius: () => ({ blastRadius: ZONE_OUTAGE }),
      WhatIf: () => ({ whatIf: HTTPBIN_WHATIF }),
    });
    const page = openPortal(`${LINK}&load=1.5`);
    const first = await find(page, 'table.blast tbody tr');
    const links = [...first.querySelectorAll('a')];
    // Five clients shown, the sixth counted.
    expect(links.map((a) => text(a))).toEqual(REVIEWS_CLIENTS.slice(0, 5));
    expect(text(first.querySelector('td:last-child'))).toMatch(/^6 clients: .* and 1 more$/);
    expect(links[1]?.getAttribute('href')).toBe(
      `/?snapshot=bookinfo-multicluster&client=cluster2/bookinfo/productpage-v1&backend=${REVIEWS}&fail=us-east/us-east-1b&load=1.5`,
    );
    links[1]?.click();
    await find(page, 'dl.headline [data-metric="errors"]');
    expect(location.search).toBe(
      `?snapshot=bookinfo-multicluster&client=cluster2/bookinfo/productpage-v1&backend=${REVIEWS}&fail=us-east/us-east-1b&load=1.5`,
    );
    expect(asked.find((a) => a.query.includes('query WhatIf'))?.variables).toMatchObject({
      client: 'cluster2/bookinfo/productpage-v1',
      backend: REVIEWS,
      scenario: { failLocalities: ['us-east/us-east-1b'], loadFactor: 1.5 },
    });
  });

  it('says when nothing breaks, with the number of pairs it evaluated', async () => {
    answerGraphql(ALL_FEATURES, { BlastRadius: () => ({ blastRadius: { ...ZONE_OUTAGE, impacts: [] } }) });
    const state = await find(openPortal(LINK), '.state-empty');
    expect(text(state)).toMatch(/^Nothing breaks ?None of the 24 client × backend pairs sees errors/);
  });

  it('on a server without Query.blastRadius, says so instead of asking', async () => {
    const asked = answerGraphql(NO_FEATURES, {});
    const state = await find(openPortal(LINK), '.state-empty');
    expect(text(state.querySelector('h3'))).toBe('This Spillway does not answer blast radius questions yet');
    expect(text(state)).toContain('It has no Query.blastRadius.');
    expect(asked.some((a) => a.query.includes('blastRadius('))).toBe(false);
  });
});

describe('mesh-wide questions from a chosen snapshot', () => {
  /** Types into a field and lets Preact re-render, so the form's handler sees the new state. */
  const type = async (element: Element | null, value: string): Promise<void> => {
    const input = element as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };

  it('the blast radius form writes the deep link and opens it', async () => {
    answerGraphql(ALL_FEATURES, { BlastRadius: () => ({ blastRadius: ZONE_OUTAGE }) });
    const page = openPortal('/?snapshot=bookinfo-multicluster');
    const form = (await find(page, 'form.mesh-scenario')) as HTMLFormElement;
    await type(form.querySelector('#blast-fail'), 'us-east/us-east-1b, cluster:cluster2');
    await type(form.querySelector('#blast-load'), '2');
    form.requestSubmit();
    await find(page, 'table.blast');
    expect(location.search).toBe(
      '?snapshot=bookinfo-multicluster&fail=us-east/us-east-1b,cluster:cluster2&load=2',
    );
  });

  it('refuses an empty scenario and says what to give', async () => {
    answerGraphql(ALL_FEATURES, {});
    const page = openPortal('/?snapshot=bookinfo-multicluster');
    const form = (await find(page, 'form.mesh-scenario')) as HTMLFormElement;
    form.requestSubmit();
    const alert = await find(page, 'form.mesh-scenario [role="alert"]');
    expect(text(alert)).toBe('Name a locality or an endpoint that fails, or a load factor other than 1.');
    expect(location.search).toBe('?snapshot=bookinfo-multicluster');
  });

  it('the diff form compares the chosen snapshot with another', async () => {
    answerGraphql(ALL_FEATURES, {
      Diff: () => ({ diff: { changes: [], diagnosticsAdded: [], diagnosticsResolved: [] } }),
    });
    const page = openPortal('/?snapshot=httpbin-before');
    const form = (await find(page, 'form.diff-form')) as HTMLFormElement;
    await type(form.querySelector('#diff-after'), 'httpbin-after');
    form.requestSubmit();
    await find(page, '.state-empty');
    expect(location.search).toBe('?before=httpbin-before&after=httpbin-after');
  });

  it('a server without the mesh-wide queries shows neither form', async () => {
    answerGraphql(NO_FEATURES, {});
    const page = openPortal('/?snapshot=bookinfo-multicluster');
    await find(page, 'form.question-form');
    expect(page.querySelector('.mesh-wide')).toBeNull();
  });
});
