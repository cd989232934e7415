/**
 * The what-if view with the scenario's own outcome: `EndpointShare.failing` (an endpoint the scenario makes
 * fail, ejected or not) and the sweep's per-point `ejectedEndpoints`, `errorPercent` and `cascade`; and the
 * same view on a server without them, which is never asked for them.
 */
import { describe, expect, it } from 'vitest';
import { NO_FEATURES } from '../src/api/features';
import type { EndpointShare, WhatIf } from '../src/api/types';
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
/** Fails too, but the ejection cap (or no outlier detection) keeps it: its requests keep failing. */
const KEPT = 'in-ambient-7d8f9b6c54-def34';
const LINK = `${HTTPBIN}&eject=${EJECTED},${KEPT}&sweep=1,2`;

/** The recorded answer as a server with the fields answers it; the sweep's figures are made up per point. */
function withOutcome(answer: WhatIf): WhatIf {
  const mark = (e: EndpointShare): EndpointShare => ({
    ...e,
    failing: e.name === EJECTED || e.name === KEPT,
  });
  const hops = answer.scenario.hops.map((hop) => ({ ...hop, endpoints: hop.endpoints.map(mark) }));
  const backend = hops[1]?.endpoints ?? [];
  return {
    ...answer,
    scenario: { ...answer.scenario, hops, backendShares: backend },
    sweep: answer.sweep.map((point) => ({
      ...point,
      ejectedEndpoints: point.loadFactor >= 1.5 ? 2 : 1,
      errorPercent: point.loadFactor >= 1.5 ? 40 : 20,
      cascade: point.loadFactor >= 1.5 ? 'DEGRADED' : 'NO_OVERLOAD',
    })),
  };
}

const states = (page: HTMLElement): string[] =>
  [...page.querySelectorAll('section[aria-label="Hop 2 shares"] td.endpoint-state')].map(text);

describe('what-if with the scenario outcome fields', () => {
  it("asks for each endpoint's failing flag and the sweep's ejections, errors and cascade", async () => {
    const asked = answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withOutcome(HTTPBIN_WHATIF) }) });
    await find(openPortal(LINK), 'svg.plot-svg');
    const query = asked.find((a) => a.query.includes('query WhatIf'))?.query ?? '';
    expect(query).toMatch(/endpoints \{[^}]*\bfailing\b/);
    expect(query).toMatch(/hops \{[^}]*\}\s*ejectedEndpoints errorPercent cascade\s*\}/);
  });

  it('says which endpoints fail: the ejected one, and the one still in the pool', async () => {
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withOutcome(HTTPBIN_WHATIF) }) });
    const page = openPortal(LINK);
    await findAll(page, 'section[aria-label="Hop 2 shares"] td.endpoint-state');
    // The proxy still counts the kept one healthy; `failing` is what the scenario does to it.
    expect(states(page)).toEqual(['ejected', 'failing, not ejected', 'healthy']);
    const names = [...page.querySelectorAll('table.end-to-end th.endpoint-name')].map(text);
    expect(names.filter((n) => n.endsWith('· failing')).sort()).toEqual(
      [`${EJECTED} · failing`, `${KEPT} · failing`].sort(),
    );
  });

  it('plots the request errors and lists ejections and the cascade per load factor', async () => {
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: withOutcome(HTTPBIN_WHATIF) }) });
    const page = openPortal(LINK);
    await find(page, 'svg.plot-svg');
    expect(
      [...page.querySelectorAll('svg.plot-svg g.series')].map((g) => g.getAttribute('data-series')),
    ).toContain('request errors, all hops');
    const heads = [...page.querySelectorAll('table.sweep-table thead th')].map(text);
    expect(heads.slice(-3)).toEqual(['request errors, all hops', 'ejected endpoints', 'overload cascade']);
    const row = (factor: string) =>
      [...page.querySelectorAll('table.sweep-table tbody tr')]
        .find((tr) => text(tr.querySelector('th')) === factor)
        ?.querySelectorAll('td');
    expect([...(row('×1') ?? [])].slice(-3).map(text)).toEqual(['20 %', '1', 'no overload']);
    expect([...(row('×1.5') ?? [])].slice(-3).map(text)).toEqual(['40 %', '2', 'degraded']);
  });

  it('has no cascade column when no point has one (no overload in the scenario)', async () => {
    const answer = withOutcome(HTTPBIN_WHATIF);
    const sweep = answer.sweep.map((p) => ({ ...p, cascade: null }));
    answerGraphql(ALL_FEATURES, { WhatIf: () => ({ whatIf: { ...answer, sweep } }) });
    const page = openPortal(LINK);
    await find(page, 'table.sweep-table');
    const heads = [...page.querySelectorAll('table.sweep-table thead th')].map(text);
    expect(heads).toContain('ejected endpoints');
    expect(heads).not.toContain('overload cascade');
  });
});

describe('what-if on a server without them', () => {
  it('never asks for them and shows the states the proxy counts', async () => {
    const asked = answerGraphql(NO_FEATURES, { WhatIf: () => ({ whatIf: HTTPBIN_WHATIF }) });
    const page = openPortal(LINK);
    await find(page, 'svg.plot-svg');
    const query = asked.find((a) => a.query.includes('query WhatIf'))?.query ?? '';
    expect(query).not.toMatch(/\bfailing\b|ejectedEndpoints|cascade/);
    expect(states(page)).toEqual(['ejected', 'healthy', 'healthy']);
    const heads = [...page.querySelectorAll('table.sweep-table thead th')].map(text);
    expect(heads).not.toContain('ejected endpoints');
    expect(heads).not.toContain('request errors, all hops');
  });
});
