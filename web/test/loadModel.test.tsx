/**
 * The what-if view with the load model's fields (api.md Additions: `ScenarioInput.utilizationPercent` and
 * `failure`, `EndpointShare.utilizationPercent`, `WhatIf.saturatedPercent`; the sweep's
 * `SweepHop.maxUtilizationPercent` and `SweepHop.saturatedPercent` as issue 14's branch names them), and the same view on a server without
 * them.
 */
import { describe, expect, it, vi } from 'vitest';
import { NO_FEATURES } from '../src/api/features';
import type { EndpointShare, SweepPoint, WhatIf } from '../src/api/types';
import {
  ALL_FEATURES,
  HTTPBIN,
  HTTPBIN_EJECTED_POD,
  HTTPBIN_WHATIF,
  answerGraphql,
  find,
  findAll,
  openPortal,
  text,
} from './harness';

const EJECTED = HTTPBIN_EJECTED_POD;
const LINK = `${HTTPBIN}&eject=${EJECTED}&sweep=1,2&util=60&failure=connect_failure`;

/** Utilisation of each of the two pods left at load factor L: 60 % × 3 pods / 2 pods × L = 90 % × L. */
const utilisationAt = (loadFactor: number): number => 90 * loadFactor;
/** The share of requests beyond capacity on pods at u %: (u − 100) / u, e.g. at ×1.5: 35 / 135 = 25.9 %. */
const saturatedAt = (loadFactor: number): number =>
  Math.max(0, (utilisationAt(loadFactor) - 100) / utilisationAt(loadFactor)) * 100;

/** The recorded answer as a server with the load model answers: hop 2's pods have a capacity, the waypoint not. */
function withLoadModel(answer: WhatIf, known = true): WhatIf {
  // Both pods left carry the same load, so every request of hop 2 meets the busiest pod's utilisation.
  const sweep: SweepPoint[] = answer.sweep.map((point) => ({
    ...point,
    hops: point.hops.map((hop) => ({
      ...hop,
      maxUtilizationPercent: known && hop.hop === 1 ? utilisationAt(point.loadFactor) : null,
      saturatedPercent: known && hop.hop === 1 ? saturatedAt(point.loadFactor) : null,
    })),
  }));
  const endpoint = (e: EndpointShare): EndpointShare => ({
    ...e,
    utilizationPercent: e.ejected ? 0 : utilisationAt(1),
  });
  return {
    ...answer,
    saturatedPercent: known ? saturatedAt(1) : null,
    scenario: {
      ...answer.scenario,
      hops: answer.scenario.hops.map((hop, index) =>
        index === 1 ? { ...hop, endpoints: hop.endpoints.map(endpoint) } : hop,
      ),
    },
    sweep,
  };
}

const seriesNames = (page: HTMLElement): string[] =>
  [...page.querySelectorAll('svg.plot-svg g.series')].map((g) => g.getAttribute('data-series') ?? '');

describe('what-if with the load model', () => {
  it("sends the failure kind and utilisation from the link and selects the sweep's load-model fields", async () => {
    const asked = answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withLoadModel(HTTPBIN_WHATIF) }) });
    await find(openPortal(LINK), 'svg.plot-svg');
    const query = asked.find((a) => a.query.includes('query WhatIf'));
    expect(query?.variables['scenario']).toEqual({
      ejectEndpoints: [EJECTED],
      failure: 'CONNECT_FAILURE',
      utilizationPercent: 60,
    });
    expect(query?.query).toMatch(
      /sweep\([^)]*\) \{\s*loadFactor\s*hops \{\s*hop loads overflowPercent\s*maxUtilizationPercent\s*saturatedPercent\s*\}/,
    );
    expect(query?.query).toMatch(/endpoints \{[^}]*utilizationPercent/);
  });

  it('plots utilisation against the 100 % capacity line and the saturated requests beside the priorities', async () => {
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withLoadModel(HTTPBIN_WHATIF) }) });
    const page = openPortal(LINK);
    await find(page, 'svg.plot-svg');
    expect(seriesNames(page)).toEqual([
      'priority 0',
      'overflow',
      'utilisation, busiest endpoint',
      'saturated requests',
    ]);
    expect(text(page.querySelector('svg.plot-svg g.capacity'))).toBe('capacity: 100 % utilisation');
    // ×1.5: 90 % × 1.5 = 135 % utilisation, (135 − 100) / 135 = 25.9 % of requests saturated.
    const row = [...page.querySelectorAll('table.sweep-table tbody tr')].find(
      (tr) => text(tr.querySelector('th')) === '×1.5',
    );
    expect([...(row?.querySelectorAll('td') ?? [])].map((td) => text(td)).slice(2)).toEqual([
      '135 %',
      '25.9 %',
    ]);
    // The scale grows past 100 % to hold the utilisation at ×2: 180 %.
    expect(text(page.querySelector('svg.plot-svg title'))).toMatch(/utilisation, busiest endpoint 90 %/);
    // Headline: at ×1 the pods run at 90 %, nothing is saturated.
    expect(text(page.querySelector('[data-metric="saturated"]'))).toBe('0 %');
    expect([...page.querySelectorAll('section[aria-label="Hop 2 shares"] td.share-value')].map(text)).toEqual(
      [
        '33.3 % → 0 % · utilisation 0 %',
        '33.3 % → 50 % · utilisation 90 %',
        '33.3 % → 50 % · utilisation 90 %',
      ],
    );
  });

  it('breaks the utilisation line where a point is unknown instead of drawing it at 0', async () => {
    const answer = withLoadModel(HTTPBIN_WHATIF);
    // Points 10–14 without a capacity: the line stops at point 9 and starts again at point 15.
    const gapped = {
      ...answer,
      sweep: answer.sweep.map((p, i) =>
        i >= 10 && i < 15 ? { ...p, hops: p.hops.map((h) => ({ ...h, maxUtilizationPercent: null })) } : p,
      ),
    };
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: gapped }) });
    const page = openPortal(LINK);
    const line = await find(page, 'g.series[data-series="utilisation, busiest endpoint"] path');
    const d = line.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    // 41 points less the 5 unknown ones.
    expect(d.split(/[ML]/).filter((s) => s.trim() !== '')).toHaveLength(36);
  });

  it('with capacity unknown, plots no utilisation and says how to give one', async () => {
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withLoadModel(HTTPBIN_WHATIF, false) }) });
    const page = openPortal(LINK);
    await find(page, 'svg.plot-svg');
    expect(seriesNames(page)).toEqual(['priority 0', 'overflow']);
    expect(page.querySelector('g.capacity')).toBeNull();
    expect(text(page.querySelector('.capacity-unknown'))).toMatch(/^Capacity is unknown/);
    expect(text(page.querySelector('[data-metric="saturated"]'))).toBe('unknown');
  });

  it('offers the failure kind and utilisation in the what-if panel and writes them into the link', async () => {
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withLoadModel(HTTPBIN_WHATIF) }) });
    const page = openPortal(`${HTTPBIN}&eject=${EJECTED}`);
    const form = (await find(page, 'form.whatif-panel')) as HTMLFormElement;
    const kind = form.querySelector<HTMLSelectElement>('#failure-kind');
    const util = form.querySelector<HTMLInputElement>('#utilization');
    expect(kind?.disabled).toBe(false);
    expect([...(kind?.options ?? [])].map((o) => o.text)).toEqual([
      'http 5xx',
      'connect failure',
      'not ready',
    ]);
    if (kind === null || util === null) throw new Error('controls missing');
    kind.value = 'NOT_READY';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    util.value = '70';
    util.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // A submit event, not requestSubmit(): happy-dom finds a step mismatch in 1 on a 0.05 step where browsers
    // (and the spec's rounding) do not, and would block the submission.
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(location.search).toMatch(/&failure=NOT_READY&util=70$/), {
      timeout: 10_000,
      interval: 10,
    });
  });
});

describe('what-if on a server without the load model', () => {
  it('never sends the fields, disables their controls and plots only what Envoy computes', async () => {
    const asked = answerGraphql(NO_FEATURES, { WhatIf: () => ({ whatIf: HTTPBIN_WHATIF }) });
    const page = openPortal(LINK);
    await find(page, 'svg.plot-svg');
    const query = asked.find((a) => a.query.includes('query WhatIf'));
    expect(query?.variables['scenario']).toEqual({ ejectEndpoints: [EJECTED] });
    expect(query?.query).not.toMatch(/utilizationPercent|UtilizationPercent|saturatedPercent/);
    expect(seriesNames(page)).toEqual(['priority 0', 'overflow']);
    expect(page.querySelector('[data-metric="saturated"]')).toBeNull();
    expect(page.querySelector('.capacity-unknown')).toBeNull();
    expect(page.querySelector<HTMLSelectElement>('#failure-kind')?.disabled).toBe(true);
    expect(page.querySelector<HTMLInputElement>('#utilization')?.disabled).toBe(true);
    const shares = await findAll(page, 'section[aria-label="Hop 2 shares"] td.share-value');
    expect(shares.map(text)).toEqual(['33.3 % → 0 %', '33.3 % → 50 %', '33.3 % → 50 %']);
  });
});
