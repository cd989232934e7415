/** Every stored snapshot: what it holds and what is wrong with it, and a way to ask it a question. */
import { listSnapshots } from '../api/queries';
import type { SnapshotSummary } from '../api/types';
import { DiagnosticList, SeverityBadges } from '../components/Diagnostics';
import { Empty, ErrorState, Loading } from '../components/States';
import { useAsync } from '../useAsync';
import type { Route } from '../state/route';

function objectCount(snapshot: SnapshotSummary, cluster?: string): number {
  return snapshot.counts
    .filter((c) => cluster === undefined || c.cluster === cluster)
    .reduce((sum, c) => sum + c.count, 0);
}

function SnapshotRow({
  snapshot,
  navigate,
}: {
  readonly snapshot: SnapshotSummary;
  readonly navigate: (route: Route) => void;
}) {
  const kinds = new Map<string, number>();
  for (const c of snapshot.counts) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + c.count);
  return (
    <tr>
      <th scope="row">
        <a
          href={`/?snapshot=${encodeURIComponent(snapshot.name)}`}
          onClick={(event) => {
            event.preventDefault();
            navigate({ snapshot: snapshot.name, eject: [], fail: [] });
          }}
        >
          {snapshot.name}
        </a>
        <div class="muted small">
          <code>{snapshot.id}</code> · {new Date(snapshot.createdAt).toLocaleString()}
        </div>
      </th>
      <td>
        <ul class="plain">
          {snapshot.clusters.map((c) => (
            <li key={c.name}>
              {c.name}
              {c.network !== '' && <span class="muted"> · network {c.network}</span>}
              <span class="muted"> · {objectCount(snapshot, c.name)} objects</span>
            </li>
          ))}
        </ul>
      </td>
      <td>{snapshot.profile}</td>
      <td>
        <details>
          <summary>{objectCount(snapshot)} objects</summary>
          <ul class="plain small">
            {[...kinds.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([kind, count]) => (
                <li key={kind}>
                  {count} {kind}
                </li>
              ))}
            {snapshot.ignored.map((i) => (
              <li key={`ignored-${i.kind}`} class="muted">
                {i.count} {i.kind} (not used)
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td>
        {snapshot.diagnostics.length === 0 ? (
          <SeverityBadges diagnostics={snapshot.diagnostics} />
        ) : (
          <details>
            <summary>
              <SeverityBadges diagnostics={snapshot.diagnostics} />
            </summary>
            <DiagnosticList diagnostics={snapshot.diagnostics} />
          </details>
        )}
      </td>
    </tr>
  );
}

export function SnapshotList({
  navigate,
  reload,
}: {
  readonly navigate: (route: Route) => void;
  readonly reload: number;
}) {
  const snapshots = useAsync(`snapshots:${reload}`, listSnapshots);
  return (
    <section aria-labelledby="snapshots-title">
      <h2 id="snapshots-title" tabIndex={-1}>
        Snapshots
      </h2>
      {snapshots.state === 'loading' && <Loading what="snapshots" />}
      {snapshots.state === 'error' && <ErrorState error={snapshots.error} />}
      {snapshots.state === 'ready' && snapshots.value.nodes.length === 0 && (
        <Empty title="No snapshots yet">
          <p>Upload the Kubernetes and Istio objects of a cluster, as kubectl prints them:</p>
          <pre>
            kubectl get pods,services,endpointslices,destinationrules,gateways -A -o yaml \{'\n'}
            {'  '}| curl -X POST '{location.origin}/v1/snapshots?name=prod{'&'}cluster=cluster1' \{'\n'}
            {'    '}-H 'content-type: application/yaml' --data-binary @-
          </pre>
          <p>
            Then reload this page. The REST API is described at <a href="/docs">/docs</a>.
          </p>
        </Empty>
      )}
      {snapshots.state === 'ready' && snapshots.value.nodes.length > 0 && (
        <div class="table-scroll">
          <table class="snapshots">
            <caption class="visually-hidden">Stored snapshots, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Clusters</th>
                <th scope="col">Profile</th>
                <th scope="col">Objects</th>
                <th scope="col">Diagnostics</th>
              </tr>
            </thead>
            <tbody>
              {snapshots.value.nodes.map((s) => (
                <SnapshotRow key={s.id} snapshot={s} navigate={navigate} />
              ))}
            </tbody>
          </table>
          {snapshots.value.hasNextPage && (
            <p class="muted">
              Showing the newest {snapshots.value.nodes.length}; GET /v1/snapshots lists them all.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
