/**
 * Links from a Slack answer to the same view in the portal (`SPILLWAY_PUBLIC_URL`), written as api.md's deep
 * links: `/?snapshot=S&client=C&backend=B` for a policy, plus `eject=`, `fail=`, `load=` (and `sweep=`) for a
 * what-if; a snapshot and a scenario without a pair for a blast radius; `/?before=A&after=B` for a diff. The
 * portal's parser (web/src/state/route.ts) reads them back; a unit test holds the two together.
 */
import type { Scenario } from '../engine/index.js';

export interface PortalView {
  /** Pinned to the snapshot id the answer used, so the link shows the same view after newer uploads. */
  readonly snapshot?: string;
  /** A diff's two snapshots, pinned like `snapshot`. */
  readonly before?: string;
  readonly after?: string;
  readonly client?: string;
  readonly backend?: string;
  /** Present for a what-if (with a pair) or a blast radius (without one): the link opens that view. */
  readonly scenario?: Scenario;
}

/** The plot's default range, widened when the scenario's load lies beyond it. */
const DEFAULT_SWEEP_TO = 3;

/** `/`, `:` and `,` are legal in a query and appear in references; keeping them makes links readable. */
const encode = (value: string): string =>
  encodeURIComponent(value).replaceAll('%2F', '/').replaceAll('%3A', ':');

export function portalLink(publicUrl: string | undefined, view: PortalView = {}): string | undefined {
  if (publicUrl === undefined) return undefined;
  const parts: string[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') parts.push(`${key}=${value}`);
  };
  add('snapshot', view.snapshot === undefined ? undefined : encode(view.snapshot));
  add('before', view.before === undefined ? undefined : encode(view.before));
  add('after', view.after === undefined ? undefined : encode(view.after));
  add('client', view.client === undefined ? undefined : encode(view.client));
  add('backend', view.backend === undefined ? undefined : encode(view.backend));
  const scenario = view.scenario;
  if (scenario !== undefined) {
    add('eject', (scenario.ejectEndpoints ?? []).map(encode).join(','));
    add('fail', (scenario.failLocalities ?? []).map(encode).join(','));
    add('load', scenario.loadFactor === undefined ? undefined : String(scenario.loadFactor));
    // The portal's own parameter (web/src/state/route.ts); 5xx is its default, so it is left out.
    add(
      'failure',
      scenario.failure === undefined || scenario.failure === 'HTTP_5XX' ? undefined : scenario.failure,
    );
    const load = scenario.loadFactor ?? 1;
    const opensWhatIf = parts.some((p) => /^(eject|fail|load)=/.test(p));
    // The sweep both opens the what-if view (when nothing else would) and keeps the scenario's load in range;
    // a blast radius has no plot.
    const pair = view.client !== undefined && view.backend !== undefined;
    if (pair && (!opensWhatIf || load > DEFAULT_SWEEP_TO))
      add('sweep', `1,${Math.max(DEFAULT_SWEEP_TO, Math.ceil(load))}`);
  }
  return `${publicUrl}/${parts.length === 0 ? '' : `?${parts.join('&')}`}`;
}
