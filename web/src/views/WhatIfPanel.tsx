/**
 * The what-if controls: endpoints to fail, localities to fail, how they fail, the load factor, the endpoints'
 * utilisation and the sweep range. Choices come from the answer already on screen. Controls for fields this
 * server does not have yet (api.md Additions) are shown disabled and never sent.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Features } from '../api/features';
import { DEFAULT_SWEEP } from '../api/queries';
import { FAILURE_KINDS, type EffectivePolicy } from '../api/types';
import { locality, words } from '../format';
import { policyRoute, type Route } from '../state/route';

/** Regions, zones and clusters of every endpoint on the path, as `failLocalities` takes them. */
export function localityChoices(policy: EffectivePolicy): string[] {
  const choices = new Set<string>();
  for (const hop of policy.hops) {
    for (const e of hop.endpoints) {
      const [region, zone] = (e.locality ?? '').split('/');
      if (region !== undefined && region !== '') choices.add(region);
      if (region !== undefined && region !== '' && zone !== undefined && zone !== '')
        choices.add(`${region}/${zone}`);
      if (e.cluster !== null && e.cluster !== '') choices.add(`cluster:${e.cluster}`);
    }
  }
  return [...choices].sort();
}

/** Checkboxes per hop; the rest are typed (large services have hundreds of endpoints). */
export const CHOICES_PER_HOP = 60;

/** A typed, comma-separated list: items trimmed, empty ones dropped. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const UNAVAILABLE = 'This Spillway does not have this field yet; it is not sent.';

const numberOrUndefined = (text: string): number | undefined => {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? undefined : value;
};

export function WhatIfPanel({
  route,
  policy,
  features,
  navigate,
}: {
  readonly route: Route;
  readonly policy: EffectivePolicy;
  readonly features: Features;
  readonly navigate: (route: Route) => void;
}) {
  const [eject, setEject] = useState<readonly string[]>(route.eject);
  const [fail, setFail] = useState<readonly string[]>(route.fail);
  const [failure, setFailure] = useState(route.failure ?? 'HTTP_5XX');
  const [load, setLoad] = useState(String(route.load ?? 1));
  const [util, setUtil] = useState(route.util === undefined ? '' : String(route.util));
  const [sweepFrom, setSweepFrom] = useState(String((route.sweep ?? DEFAULT_SWEEP)[0]));
  const [sweepTo, setSweepTo] = useState(String((route.sweep ?? DEFAULT_SWEEP)[1]));
  const offered = new Set(
    policy.hops.flatMap((h) => h.endpoints.slice(0, CHOICES_PER_HOP).map((e) => e.name)),
  );
  const [typed, setTyped] = useState(route.eject.filter((name) => !offered.has(name)).join(', '));
  useEffect(() => {
    setEject(route.eject);
    setTyped(route.eject.filter((name) => !offered.has(name)).join(', '));
    setFail(route.fail);
    setLoad(String(route.load ?? 1));
  }, [route.eject.join(','), route.fail.join(','), route.load]);
  const toggle = (list: readonly string[], item: string, on: boolean): string[] =>
    on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
  const localities = localityChoices(policy);

  return (
    <form
      class="whatif-panel"
      aria-labelledby="whatif-panel-title"
      onSubmit={(event) => {
        event.preventDefault();
        const loadFactor = numberOrUndefined(load);
        const from = numberOrUndefined(sweepFrom) ?? DEFAULT_SWEEP[0];
        const to = numberOrUndefined(sweepTo) ?? DEFAULT_SWEEP[1];
        const utilization = numberOrUndefined(util);
        navigate({
          ...policyRoute(route),
          fail,
          eject: [...new Set([...eject.filter((name) => offered.has(name)), ...splitList(typed)])],
          ...(loadFactor === undefined || loadFactor === 1 ? {} : { load: loadFactor }),
          sweep: [Math.min(from, to), Math.max(from, to)],
          ...(features.failureKind && failure !== 'HTTP_5XX' ? { failure } : {}),
          ...(features.utilization && utilization !== undefined ? { util: utilization } : {}),
        });
      }}
    >
      <h3 id="whatif-panel-title">What if…</h3>
      <div class="panel-grid">
        <fieldset>
          <legend>Endpoints fail</legend>
          {policy.hops.map((hop, index) => (
            <div key={index} class="choice-group">
              <div class="muted small">
                hop {index + 1} → {hop.to}
              </div>
              {hop.endpoints.slice(0, CHOICES_PER_HOP).map((e) => (
                <label key={`${index}-${e.cluster ?? ''}-${e.name}`} class="check">
                  <input
                    type="checkbox"
                    name="eject"
                    value={e.name}
                    checked={eject.includes(e.name)}
                    onChange={(event) => setEject(toggle(eject, e.name, event.currentTarget.checked))}
                  />
                  {e.name} <span class="muted small">{locality(e.locality)}</span>
                </label>
              ))}
            </div>
          ))}
          <label for="eject-typed">Other endpoints (names or addresses, comma-separated)</label>
          <input
            id="eject-typed"
            type="text"
            spellcheck={false}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
          {policy.hops.some((h) => h.endpoints.length > CHOICES_PER_HOP) && (
            <small class="muted">
              Hops with more than {CHOICES_PER_HOP} endpoints list the first {CHOICES_PER_HOP}.
            </small>
          )}
        </fieldset>
        <fieldset>
          <legend>Localities fail</legend>
          {localities.length === 0 && <p class="muted small">The endpoints carry no locality.</p>}
          {localities.map((l) => (
            <label key={l} class="check">
              <input
                type="checkbox"
                name="fail"
                value={l}
                checked={fail.includes(l)}
                onChange={(event) => setFail(toggle(fail, l, event.currentTarget.checked))}
              />
              {l}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Load</legend>
          <label for="failure-kind">How they fail</label>
          <select
            id="failure-kind"
            value={failure}
            disabled={!features.failureKind}
            title={features.failureKind ? undefined : UNAVAILABLE}
            aria-describedby={features.failureKind ? undefined : 'failure-kind-note'}
            onChange={(event) => setFailure(event.currentTarget.value)}
          >
            {FAILURE_KINDS.map((k) => (
              <option key={k} value={k}>
                {words(k)}
              </option>
            ))}
          </select>
          {!features.failureKind && (
            <small id="failure-kind-note" class="muted">
              5xx only on this server
            </small>
          )}
          <label for="load-factor">Load factor (× nominal)</label>
          <input
            id="load-factor"
            type="number"
            min="0.05"
            max="100"
            step="0.05"
            value={load}
            onInput={(event) => setLoad(event.currentTarget.value)}
          />
          <label for="utilization">Endpoint utilisation at nominal load (%)</label>
          <input
            id="utilization"
            type="number"
            min="1"
            max="100"
            step="1"
            placeholder={features.utilization ? 'from the HPA, else unknown' : 'not on this server'}
            disabled={!features.utilization}
            title={features.utilization ? undefined : UNAVAILABLE}
            value={util}
            onInput={(event) => setUtil(event.currentTarget.value)}
          />
          <span class="label">Spillover plot from … to (× nominal)</span>
          <div class="inline">
            <input
              aria-label="Sweep from"
              type="number"
              min="0.05"
              step="0.05"
              value={sweepFrom}
              onInput={(event) => setSweepFrom(event.currentTarget.value)}
            />
            <span aria-hidden="true">–</span>
            <input
              aria-label="Sweep to"
              type="number"
              min="0.05"
              step="0.05"
              value={sweepTo}
              onInput={(event) => setSweepTo(event.currentTarget.value)}
            />
          </div>
        </fieldset>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Run what-if
        </button>
        <button type="button" onClick={() => navigate(policyRoute(route))}>
          Back to the policy
        </button>
      </div>
    </form>
  );
}
