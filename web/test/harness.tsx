/**
 * The portal rendered in happy-dom with `/graphql` answered from recorded bodies: `recorded/` holds what the
 * service answers today to the portal's own queries on the httpbin example (see recorded/README.md), and the
 * tests add api.md's Additions (second round) to them the way a server that has them answers.
 */
import { render } from 'preact';
import { afterEach, expect, vi } from 'vitest';
import { App } from '../src/App';
import type { Features } from '../src/api/features';
import type { EffectivePolicy, WhatIf } from '../src/api/types';
import policy from './recorded/httpbinPolicy.json';
import whatIf from './recorded/httpbinWhatIf.json';

export const HTTPBIN_POLICY = policy as unknown as EffectivePolicy;
export const HTTPBIN_WHATIF = whatIf as unknown as WhatIf;
export const HTTPBIN = '/?snapshot=httpbin-after&client=httpbin/client-in-ambient&backend=in-ambient.httpbin';
/** The httpbin pod the recorded what-if ejects (`recorded/httpbinWhatIf.json`). */
export const HTTPBIN_EJECTED_POD = 'in-ambient-7d8f9b6c54-abc12';

export const ALL_FEATURES: Features = {
  failureKind: true,
  utilization: true,
  endpointUtilization: true,
  saturation: true,
  backendShares: true,
  blastRadius: true,
  diff: true,
  sweepUtilization: true,
  sweepSaturation: true,
  endpointFailing: true,
  sweepOutcome: true,
};

/** Today's schema names, plus each Addition a feature stands for: the introspection answer of such a server. */
export function introspection(features: Features): unknown {
  const fields = (names: readonly (string | false)[]) =>
    names.filter((n): n is string => n !== false).map((name) => ({ name }));
  return {
    scenario: {
      inputFields: fields([
        'ejectEndpoints',
        'loadFactor',
        'failLocalities',
        'overprovisioningFactor',
        features.failureKind && 'failure',
        features.utilization && 'utilizationPercent',
      ]),
    },
    whatIf: { fields: fields(['baseline', 'scenario', 'sweep', features.saturation && 'saturatedPercent']) },
    policy: { fields: fields(['hops', 'diagnostics', features.backendShares && 'backendShares']) },
    endpoint: {
      fields: fields([
        'name',
        'sharePercent',
        features.endpointUtilization && 'utilizationPercent',
        features.endpointFailing && 'failing',
      ]),
    },
    query: {
      fields: fields([
        'snapshots',
        'effectivePolicy',
        'whatIf',
        features.blastRadius && 'blastRadius',
        features.diff && 'diff',
      ]),
    },
    sweepHop: {
      fields: fields([
        'hop',
        'loads',
        features.sweepUtilization && 'maxUtilizationPercent',
        features.sweepSaturation && 'saturatedPercent',
      ]),
    },
    sweepPoint: {
      fields: fields([
        'loadFactor',
        'hops',
        ...(features.sweepOutcome ? ['ejectedEndpoints', 'errorPercent', 'cascade'] : []),
      ]),
    },
  };
}

export interface Asked {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Answers by operation: the first word after `query` (or `introspection` for the feature query). */
export type Answers = Readonly<Record<string, (asked: Asked) => unknown>>;

const REFERENCES = {
  snapshot: {
    id: 'snp_httpbin',
    name: 'httpbin-after',
    profile: 'SOLO',
    clients: ['httpbin/client-in-ambient'],
    backends: ['in-ambient.httpbin.svc.cluster.local'],
  },
};

/** Replaces fetch with the recorded answers; returns every request the page made, in order. */
export function answerGraphql(features: Features, answers: Answers): Asked[] {
  const asked: Asked[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    expect(url).toBe('/graphql');
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Asked;
    asked.push(body);
    const operation = body.query.includes('__type(')
      ? 'introspection'
      : (/query\s+(\w+)/.exec(body.query)?.[1] ?? '');
    const data =
      operation === 'introspection'
        ? introspection(features)
        : operation === 'References'
          ? REFERENCES
          : answers[operation]?.(body);
    if (data === undefined) return new Response(JSON.stringify({ errors: [{ message: `no ${operation}` }] }));
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  });
  return asked;
}

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
  root = undefined;
  vi.unstubAllGlobals();
});

/** Opens a deep link as a person would: the address first, then the app. */
export function openPortal(path: string): HTMLElement {
  history.replaceState(null, '', path);
  root = document.createElement('div');
  document.body.append(root);
  render(<App />, root);
  return root;
}

/** Waits for what an answer renders; generous, since a loaded CI machine may be slow to schedule. */
export async function findAll(container: HTMLElement, selector: string): Promise<Element[]> {
  return vi.waitFor(
    () => {
      const found = [...container.querySelectorAll(selector)];
      if (found.length === 0) throw new Error(`nothing matches ${selector}`);
      return found;
    },
    { timeout: 10_000, interval: 10 },
  );
}

export async function find(container: HTMLElement, selector: string): Promise<Element> {
  const [first] = await findAll(container, selector);
  if (first === undefined) throw new Error(`nothing matches ${selector}`);
  return first;
}

export const text = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
