/**
 * The mesh-wide questions of a snapshot: a scenario evaluated over every client and backend (the blast radius),
 * and a comparison with another snapshot (the diff). Each is shown only when the server has its query
 * (api/features.ts); both just write the deep link and open it.
 */
import { useState } from 'preact/hooks';
import type { Features } from '../api/features';
import { FAILURE_KINDS } from '../api/types';
import { words } from '../format';
import type { Route } from '../state/route';
import type { ViewProps } from './viewProps';
import { splitList } from './WhatIfPanel';

const positiveOrUndefined = (text: string): number | undefined => {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) || value <= 0 ? undefined : value;
};

export function MeshScenarioForm({
  route,
  features,
  navigate,
}: {
  readonly route: Route;
  readonly features: Features;
  readonly navigate: (route: Route) => void;
}) {
  const [fail, setFail] = useState(route.fail.join(', '));
  const [eject, setEject] = useState(route.eject.join(', '));
  const [failure, setFailure] = useState(route.failure ?? 'HTTP_5XX');
  const [load, setLoad] = useState(route.load === undefined ? '' : String(route.load));
  const [util, setUtil] = useState(route.util === undefined ? '' : String(route.util));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  return (
    <form
      class="mesh-scenario"
      aria-labelledby="blast-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        const loadFactor = positiveOrUndefined(load);
        const utilization = positiveOrUndefined(util);
        const next: Route = {
          ...(route.snapshot === undefined ? {} : { snapshot: route.snapshot }),
          ...(route.profile === undefined ? {} : { profile: route.profile }),
          fail: splitList(fail),
          eject: splitList(eject),
          ...(loadFactor === undefined || loadFactor === 1 ? {} : { load: loadFactor }),
          ...(features.failureKind && failure !== 'HTTP_5XX' ? { failure } : {}),
          ...(features.utilization && utilization !== undefined ? { util: Math.min(100, utilization) } : {}),
        };
        if (next.fail.length === 0 && next.eject.length === 0 && next.load === undefined) {
          setProblem('Name a locality or an endpoint that fails, or a load factor other than 1.');
          return;
        }
        setProblem(undefined);
        navigate(next);
      }}
    >
      <h3 id="blast-form-title">Blast radius: what breaks, for whom, if…</h3>
      <div class="panel-grid">
        <div class="field">
          <label for="blast-fail">Localities or clusters fail (comma-separated)</label>
          <input
            id="blast-fail"
            type="text"
            spellcheck={false}
            placeholder="us-east-1/us-east-1b, cluster:cluster2"
            value={fail}
            onInput={(event) => setFail(event.currentTarget.value)}
            aria-describedby="blast-fail-hint"
          />
          <small id="blast-fail-hint" class="muted">
            region, region/zone, region/zone/subzone or cluster:NAME
          </small>
        </div>
        <div class="field">
          <label for="blast-eject">Endpoints fail (pod names or addresses)</label>
          <input
            id="blast-eject"
            type="text"
            spellcheck={false}
            value={eject}
            onInput={(event) => setEject(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="blast-failure">How they fail</label>
          <select
            id="blast-failure"
            value={failure}
            disabled={!features.failureKind}
            onChange={(event) => setFailure(event.currentTarget.value)}
          >
            {FAILURE_KINDS.map((k) => (
              <option key={k} value={k}>
                {words(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="blast-load">Load factor (× nominal)</label>
          <input
            id="blast-load"
            type="number"
            min="0.05"
            step="any"
            placeholder="1"
            value={load}
            onInput={(event) => setLoad(event.currentTarget.value)}
          />
        </div>
        {features.utilization && (
          <div class="field">
            <label for="blast-util">Endpoint utilisation at nominal load (%)</label>
            <input
              id="blast-util"
              type="number"
              min="1"
              max="100"
              step="1"
              placeholder="from HPAs, else unknown"
              value={util}
              onInput={(event) => setUtil(event.currentTarget.value)}
            />
          </div>
        )}
      </div>
      {problem !== undefined && (
        <p class="warning" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          Show the blast radius
        </button>
      </div>
    </form>
  );
}

function DiffForm({ route, navigate }: { readonly route: Route; readonly navigate: (route: Route) => void }) {
  const [after, setAfter] = useState('latest');
  return (
    <form
      class="diff-form"
      aria-labelledby="diff-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (route.snapshot === undefined || after.trim() === '') return;
        navigate({
          before: route.snapshot,
          after: after.trim(),
          ...(route.profile === undefined ? {} : { profile: route.profile }),
          eject: [],
          fail: [],
        });
      }}
    >
      <h3 id="diff-form-title">What changes in behaviour from this snapshot to another</h3>
      <div class="inline">
        <label for="diff-after">Compare with</label>
        <input
          id="diff-after"
          type="text"
          required
          spellcheck={false}
          value={after}
          onInput={(event) => setAfter(event.currentTarget.value)}
          aria-describedby="diff-after-hint"
        />
        <button type="submit">Show the differences</button>
      </div>
      <small id="diff-after-hint" class="muted">
        A snapshot id, a name (its newest version) or “latest”.
      </small>
    </form>
  );
}

/** Below the question form when a snapshot is chosen but no client and backend yet. */
export function MeshWidePanel({ route, features, navigate }: ViewProps) {
  if (!features.blastRadius && !features.diff) return null;
  return (
    <section class="mesh-wide" aria-label="Mesh-wide questions">
      {features.blastRadius && <MeshScenarioForm route={route} features={features} navigate={navigate} />}
      {features.diff && <DiffForm route={route} navigate={navigate} />}
    </section>
  );
}
