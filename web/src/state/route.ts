/**
 * The portal's state lives in its address, so every view is a link (api.md, "Portal"):
 * `/?snapshot=S&client=C&backend=B` is the policy view; adding `eject=EP[,EP]`, `fail=LOCALITY[,…]`,
 * `load=F` or `sweep=FROM,TO` makes it the what-if view. `profile`, `failure` and `util` are the portal's own
 * additions. The mesh-wide views follow the same grammar: a snapshot and a scenario without a client and a
 * backend (`/?snapshot=S&fail=us-east-1/us-east-1b`) is the blast radius of that scenario over every pair,
 * and `/?before=A&after=B` the diff of two snapshots. Pure functions, no DOM: the service's Slack links are
 * checked against this parser.
 */

export type View = 'snapshots' | 'question' | 'policy' | 'whatif' | 'blast' | 'diff';

export interface Route {
  readonly snapshot?: string;
  /** The diff view's two snapshots (ids, names or `latest`). */
  readonly before?: string;
  readonly after?: string;
  readonly client?: string;
  readonly backend?: string;
  readonly profile?: string;
  readonly eject: readonly string[];
  readonly fail: readonly string[];
  readonly load?: number;
  readonly sweep?: readonly [number, number];
  readonly failure?: string;
  readonly util?: number;
}

export interface ParsedRoute {
  readonly route: Route;
  /** Parameters that were present but unusable, in words, so the page can say what it ignored. */
  readonly problems: readonly string[];
}

export const EMPTY_ROUTE: Route = { eject: [], fail: [] };

const text = (params: URLSearchParams, key: string): string | undefined => {
  const value = params.get(key)?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const list = (params: URLSearchParams, key: string): string[] =>
  params
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function parseRoute(search: string): ParsedRoute {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const positive = (key: string, max = Number.POSITIVE_INFINITY): number | undefined => {
    const raw = text(params, key);
    if (raw === undefined) return undefined;
    const value = Number(raw.replace(/[x×]$/i, ''));
    if (Number.isFinite(value) && value > 0 && value <= max) return value;
    problems.push(
      `${key}=${raw} is not a number above 0${Number.isFinite(max) ? ` and at most ${max}` : ''}`,
    );
    return undefined;
  };
  let sweep: [number, number] | undefined;
  const rawSweep = text(params, 'sweep');
  if (rawSweep !== undefined) {
    const [from, to] = rawSweep.split(',').map((part) => Number(part.trim()));
    if (from !== undefined && to !== undefined && from > 0 && to >= from && Number.isFinite(to))
      sweep = [from, to];
    else problems.push(`sweep=${rawSweep} is not FROM,TO with 0 < FROM ≤ TO`);
  }
  const load = positive('load');
  const util = positive('util', 100);
  const optional = {
    snapshot: text(params, 'snapshot'),
    before: text(params, 'before'),
    after: text(params, 'after'),
    client: text(params, 'client'),
    backend: text(params, 'backend'),
    profile: text(params, 'profile')?.toUpperCase(),
    load,
    sweep,
    failure: text(params, 'failure')?.toUpperCase(),
    util,
  };
  const route: Route = {
    eject: list(params, 'eject'),
    fail: list(params, 'fail'),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
  return { route, problems };
}

export function isWhatIf(route: Route): boolean {
  return (
    route.eject.length > 0 ||
    route.fail.length > 0 ||
    route.load !== undefined ||
    route.sweep !== undefined ||
    route.failure !== undefined ||
    route.util !== undefined
  );
}

/** A scenario worth evaluating mesh-wide: something fails, or load or utilisation is given (a sweep alone is not). */
export function isMeshScenario(route: Route): boolean {
  return (
    route.eject.length > 0 ||
    route.fail.length > 0 ||
    route.load !== undefined ||
    route.failure !== undefined ||
    route.util !== undefined
  );
}

export function viewOf(route: Route): View {
  if (route.before !== undefined && route.after !== undefined) return 'diff';
  if (route.snapshot === undefined) return 'snapshots';
  if (route.client === undefined && route.backend === undefined && isMeshScenario(route)) return 'blast';
  if (route.client === undefined || route.backend === undefined) return 'question';
  return isWhatIf(route) ? 'whatif' : 'policy';
}

/** Query values stay readable: `/`, `:` and `,` are legal in a query string and appear in references. */
const encode = (value: string): string =>
  encodeURIComponent(value).replaceAll('%2F', '/').replaceAll('%3A', ':');

/** The address of a route, parameters in a fixed order: `?snapshot=…&client=…&backend=…&eject=…`. */
export function routeToSearch(route: Route): string {
  const parts: string[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') parts.push(`${key}=${value}`);
  };
  add('snapshot', route.snapshot === undefined ? undefined : encode(route.snapshot));
  add('before', route.before === undefined ? undefined : encode(route.before));
  add('after', route.after === undefined ? undefined : encode(route.after));
  add('client', route.client === undefined ? undefined : encode(route.client));
  add('backend', route.backend === undefined ? undefined : encode(route.backend));
  add('profile', route.profile);
  add('eject', route.eject.map(encode).join(','));
  add('fail', route.fail.map(encode).join(','));
  add('load', route.load === undefined ? undefined : String(route.load));
  add('sweep', route.sweep === undefined ? undefined : `${route.sweep[0]},${route.sweep[1]}`);
  add('failure', route.failure);
  add('util', route.util === undefined ? undefined : String(route.util));
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** The what-if view of one pair under a mesh-wide scenario (a blast radius row → its numbers in detail). */
export function pairRoute(route: Route, client: string, backend: string): Route {
  return { ...route, client, backend };
}

/** The policy view of the same question: the what-if parameters dropped. */
export function policyRoute(route: Route): Route {
  const { snapshot, client, backend, profile } = route;
  return {
    eject: [],
    fail: [],
    ...(snapshot === undefined ? {} : { snapshot }),
    ...(client === undefined ? {} : { client }),
    ...(backend === undefined ? {} : { backend }),
    ...(profile === undefined ? {} : { profile }),
  };
}
