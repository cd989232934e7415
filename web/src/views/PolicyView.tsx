/** `/?snapshot=S&client=C&backend=B`: the path, each hop's settings and where its traffic goes. */
import { effectivePolicy, questionOf } from '../api/queries';
import type { EffectivePolicy } from '../api/types';
import { DiagnosticList } from '../components/Diagnostics';
import { HopDetails } from '../components/HopDetails';
import { PathDiagram } from '../components/PathDiagram';
import { ShareBars } from '../components/ShareBars';
import { Loading, QuestionError } from '../components/States';
import { locality, percent } from '../format';
import { useAsync } from '../useAsync';
import type { ViewProps } from './viewProps';
import { WhatIfPanel } from './WhatIfPanel';

export function EndToEnd({ policy }: { readonly policy: EffectivePolicy }) {
  if (policy.backendShares === undefined) return null;
  const shares = [...policy.backendShares].sort((a, b) => b.sharePercent - a.sharePercent);
  return (
    <section aria-labelledby="e2e-title">
      <h3 id="e2e-title">End to end: each backend endpoint's share of the client's requests</h3>
      <p class="muted small">
        Composed over every hop and every proxy replica on the way: each waypoint replica picks endpoints from
        its own locality.
      </p>
      {shares.length === 0 ? (
        <p class="muted">No backend endpoint receives the client's requests.</p>
      ) : (
        <table class="bars end-to-end">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Locality</th>
              <th scope="col">Share of requests</th>
              {shares.some((e) => e.utilizationPercent !== undefined) && <th scope="col">Utilisation</th>}
            </tr>
          </thead>
          <tbody>
            {shares.map((e) => (
              <tr key={`${e.cluster ?? ''}/${e.name}`}>
                <th scope="row" class="endpoint-name">
                  {e.name}
                  {e.failing === true && <strong class="failing-marker"> · failing</strong>}
                </th>
                <td>
                  {locality(e.locality)}
                  {e.cluster !== null && <span class="muted"> · {e.cluster}</span>}
                </td>
                <td class="share-value">
                  <strong>{percent(e.sharePercent)}</strong>
                </td>
                {e.utilizationPercent !== undefined && (
                  <td class="utilization">
                    {e.utilizationPercent === null ? 'capacity unknown' : percent(e.utilizationPercent)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PolicyBody({ policy }: { readonly policy: EffectivePolicy }) {
  return (
    <>
      <PathDiagram policy={policy} title="Request path" />
      {policy.hops.length === 0 && (
        <p class="warning">
          No hop: the client reaches no endpoint of this backend. See the diagnostics below.
        </p>
      )}
      {policy.hops.map((hop, index) => (
        <div class="hop" key={index}>
          <HopDetails hop={hop} index={index} />
          <ShareBars hop={hop} index={index} />
        </div>
      ))}
      <EndToEnd policy={policy} />
    </>
  );
}

export function PolicyView({ route, features, navigate, reload }: ViewProps) {
  const question = questionOf(route);
  const answer = useAsync(`policy:${JSON.stringify(question)}:${reload}`, () =>
    question === undefined ? Promise.reject(new Error('no question')) : effectivePolicy(question, features),
  );
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title" tabIndex={-1}>
        Policy: <code>{route.client}</code> → <code>{route.backend}</code>
      </h2>
      {answer.state === 'loading' && <Loading what="the effective policy" />}
      {answer.state === 'error' && <QuestionError error={answer.error} route={route} navigate={navigate} />}
      {answer.state === 'ready' && (
        <>
          <p class="summary">
            Profile <strong>{answer.value.profile}</strong> · client resolved to{' '}
            <code>
              {answer.value.client.kind} {answer.value.client.namespace}/{answer.value.client.name}
            </code>
            {answer.value.client.cluster !== null && <> in {answer.value.client.cluster}</>} · backend{' '}
            <code>{answer.value.backend}</code>
          </p>
          <PolicyBody policy={answer.value} />
          <details class="whatif-open">
            <summary>What if endpoints or localities fail, or load rises?</summary>
            <WhatIfPanel route={route} policy={answer.value} features={features} navigate={navigate} />
          </details>
          <section aria-labelledby="diagnostics-title">
            <h3 id="diagnostics-title">Diagnostics</h3>
            <DiagnosticList diagnostics={answer.value.diagnostics} />
          </section>
        </>
      )}
    </section>
  );
}
