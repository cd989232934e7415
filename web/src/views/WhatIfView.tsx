/**
 * The what-if view (a link with `eject=`, `fail=`, `load=` or `sweep=`): the headline numbers, each requested
 * ejection's outcome, the scenario's path, baseline and scenario shares side by side, and the spillover plot.
 */
import type { Features } from '../api/features';
import { whatIf } from '../api/queries';
import type { WhatIf } from '../api/types';
import { DiagnosticList } from '../components/Diagnostics';
import { HopDetails } from '../components/HopDetails';
import { PathDiagram } from '../components/PathDiagram';
import { ShareBars } from '../components/ShareBars';
import { SpilloverPlot } from '../components/SpilloverPlot';
import { Loading, QuestionError } from '../components/States';
import { factor, percent, seconds, words } from '../format';
import { routeToSearch, type Route } from '../state/route';
import { useAsync } from '../useAsync';
import { EndToEnd } from './PolicyView';
import type { ViewProps } from './viewProps';
import { WhatIfPanel } from './WhatIfPanel';

export function scenarioWords(route: Route): string {
  const parts = [
    route.eject.length > 0 ? `${route.eject.join(', ')} fail` : '',
    route.fail.length > 0 ? `${route.fail.join(', ')} down` : '',
    route.failure !== undefined ? `as ${words(route.failure)}` : '',
    route.load !== undefined ? `load ${factor(route.load)}` : '',
    route.util !== undefined ? `utilisation ${percent(route.util)}` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'nominal load, nothing failing' : parts.join(' · ');
}

function Headline({ answer, features }: { readonly answer: WhatIf; readonly features: Features }) {
  return (
    <dl class="headline" aria-label="Scenario outcome">
      <div class={answer.errorPercent > 0 ? 'metric metric-bad' : 'metric'}>
        <dt>Errors</dt>
        <dd data-metric="errors">{percent(answer.errorPercent)}</dd>
        <dd class="muted small">of the client's requests</dd>
      </div>
      <div class={answer.overflowPercent > 0 ? 'metric metric-bad' : 'metric'}>
        <dt>Overflow</dt>
        <dd data-metric="overflow">{percent(answer.overflowPercent)}</dd>
        <dd class="muted small">refused by circuit breakers or spilled past capacity</dd>
      </div>
      {features.saturation && (
        <div class={(answer.saturatedPercent ?? 0) > 0 ? 'metric metric-bad' : 'metric'}>
          <dt>Saturated</dt>
          <dd data-metric="saturated">
            {answer.saturatedPercent === null ? 'unknown' : percent(answer.saturatedPercent)}
          </dd>
          <dd class="muted small">
            {answer.saturatedPercent === null ? 'capacity unknown' : 'meet an endpoint beyond capacity'}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Ejections({ answer }: { readonly answer: WhatIf }) {
  if (answer.ejections.length === 0) return null;
  return (
    <section aria-labelledby="ejections-title">
      <h3 id="ejections-title">Requested failures</h3>
      <div class="table-scroll">
        <table class="ejections">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Hop</th>
              <th scope="col">Outcome</th>
              <th scope="col">Ejected for</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {answer.ejections.map((e) => (
              <tr key={e.endpoint}>
                <th scope="row">{e.endpoint}</th>
                <td>{e.hop === null ? '—' : e.hop + 1}</td>
                <td class={`outcome outcome-${e.outcome.toLowerCase()}`}>{words(e.outcome)}</td>
                <td>{seconds(e.ejectionSeconds)}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function WhatIfView({ route, features, navigate, reload }: ViewProps) {
  const answer = useAsync(`whatif:${routeToSearch(route)}:${reload}`, () => whatIf(route, features));
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title" tabIndex={-1}>
        What if: <code>{route.client}</code> → <code>{route.backend}</code>
      </h2>
      <p class="scenario-words">Scenario: {scenarioWords(route)}</p>
      {answer.state === 'loading' && <Loading what="the scenario" />}
      {answer.state === 'error' && <QuestionError error={answer.error} route={route} navigate={navigate} />}
      {answer.state === 'ready' && (
        <>
          <Headline answer={answer.value} features={features} />
          <details class="whatif-open">
            <summary>Change the scenario</summary>
            <WhatIfPanel
              route={route}
              policy={answer.value.baseline}
              features={features}
              navigate={navigate}
            />
          </details>
          <Ejections answer={answer.value} />
          <h3>Path under the scenario</h3>
          <PathDiagram policy={answer.value.scenario} title="Request path under the scenario" />
          <h3>Baseline and scenario</h3>
          {answer.value.scenario.hops.map((hop, index) => (
            <div class="hop" key={index}>
              <HopDetails hop={hop} index={index} />
              <ShareBars
                hop={hop}
                index={index}
                {...(answer.value.baseline.hops[index] === undefined
                  ? {}
                  : { baseline: answer.value.baseline.hops[index] })}
                ejections={answer.value.ejections}
              />
            </div>
          ))}
          <EndToEnd policy={answer.value.scenario} />
          <section aria-labelledby="spillover-title">
            <h3 id="spillover-title">Spillover as load rises</h3>
            <SpilloverPlot
              sweep={answer.value.sweep}
              hops={answer.value.scenario.hops}
              currentLoad={route.load ?? 1}
            />
          </section>
          {answer.value.notes.length > 0 && (
            <details>
              <summary>The load model and its assumptions</summary>
              <ul class="notes">
                {answer.value.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <section aria-labelledby="diagnostics-title">
            <h3 id="diagnostics-title">Diagnostics</h3>
            <DiagnosticList diagnostics={answer.value.scenario.diagnostics} />
          </section>
        </>
      )}
    </section>
  );
}
