/**
 * `/?snapshot=S&fail=LOCALITY[,…]` (a scenario without a client and a backend): which backends' clients see
 * errors, saturation or overflow, worst first (`Query.blastRadius`). A table whose rate cells are shaded by
 * value (a heatmap that also reads as numbers); each affected client links to the what-if view of its pair.
 */
import { BLAST_CLIENTS_SHOWN, blastRadius } from '../api/queries';
import type { BlastRadius, Impact } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { percent, plural } from '../format';
import { heatColour } from '../palette';
import { pairRoute, routeToSearch, type Route } from '../state/route';
import { useAsync } from '../useAsync';
import { MeshScenarioForm } from './MeshScenarioForm';
import type { ViewProps } from './viewProps';
import { scenarioWords } from './WhatIfView';

function RateCell({ value, metric }: { readonly value: number | null; readonly metric: string }) {
  const shade = value === null ? undefined : heatColour(value);
  // A rate of 0 stays unshaded; an unknown one is written out, never shaded as if it were 0.
  return (
    <td
      class="heat"
      data-metric={metric}
      style={shade === undefined ? undefined : { background: shade.background, color: shade.text }}
    >
      {value === null ? 'unknown' : percent(value)}
    </td>
  );
}

function ImpactRow({
  impact,
  route,
  navigate,
}: {
  readonly impact: Impact;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
}) {
  const shown = impact.clients.slice(0, BLAST_CLIENTS_SHOWN);
  return (
    <tr>
      <th scope="row">
        <code>{impact.backend}</code>
      </th>
      <RateCell value={impact.errorPercent} metric="errors" />
      <RateCell value={impact.saturatedPercent} metric="saturated" />
      <RateCell value={impact.overflowPercent} metric="overflow" />
      <td>
        <span class="muted small">{plural(impact.clientCount, 'client')}: </span>
        {shown.map((client, index) => {
          const pair = pairRoute(route, client, impact.backend);
          return (
            <span key={client}>
              {index > 0 && ', '}
              <a
                href={`/${routeToSearch(pair)}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(pair);
                }}
              >
                {client}
              </a>
            </span>
          );
        })}
        {impact.clientCount > shown.length && (
          <span class="muted"> and {impact.clientCount - shown.length} more</span>
        )}
      </td>
    </tr>
  );
}

export function BlastRadiusTable({
  answer,
  route,
  navigate,
}: {
  readonly answer: BlastRadius;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
}) {
  if (answer.impacts.length === 0)
    return (
      <Empty title="Nothing breaks">
        <p>
          None of the {plural(answer.pairs, 'client × backend pair')} sees errors, saturation or overflow
          under this scenario. Try a wider failure (a region or a cluster) or a higher load factor.
        </p>
      </Empty>
    );
  return (
    <div class="table-scroll">
      <table class="blast">
        <caption>
          {plural(answer.impacts.length, 'backend')} affected, worst first, of{' '}
          {plural(answer.pairs, 'client × backend pair')} evaluated. Rates are the worst client's, in percent
          of its requests; darker cells are worse.
        </caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Errors</th>
            <th scope="col">Saturated</th>
            <th scope="col">Overflow</th>
            <th scope="col">Affected clients, worst first (open the what-if)</th>
          </tr>
        </thead>
        <tbody>
          {answer.impacts.map((impact) => (
            <ImpactRow key={impact.backend} impact={impact} route={route} navigate={navigate} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BlastRadiusView({ route, features, navigate, reload }: ViewProps) {
  const answer = useAsync(`blast:${routeToSearch(route)}:${reload}`, () =>
    features.blastRadius ? blastRadius(route, features) : Promise.resolve(undefined),
  );
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title" tabIndex={-1}>
        Blast radius in <code>{route.snapshot}</code>
      </h2>
      <p class="scenario-words">Scenario: {scenarioWords(route)}</p>
      {features.blastRadius && (
        <details class="whatif-open">
          <summary>Change the scenario</summary>
          <MeshScenarioForm route={route} features={features} navigate={navigate} />
        </details>
      )}
      {answer.state === 'loading' && <Loading what="the blast radius over every client and backend" />}
      {answer.state === 'error' && <ErrorState error={answer.error} />}
      {answer.state === 'ready' && answer.value === undefined && (
        <Empty title="This Spillway does not answer blast radius questions yet">
          <p>
            It has no <code>Query.blastRadius</code>. Add a client and a backend to the link (
            <code>client=…&amp;backend=…</code>) for the what-if of one pair under this scenario.
          </p>
        </Empty>
      )}
      {answer.state === 'ready' && answer.value !== undefined && (
        <>
          <p class="summary">
            Profile <strong>{answer.value.profile}</strong> · {plural(answer.value.pairs, 'pair')} evaluated
          </p>
          <BlastRadiusTable answer={answer.value} route={route} navigate={navigate} />
        </>
      )}
    </section>
  );
}
