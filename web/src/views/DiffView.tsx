/**
 * `/?before=A&after=B`: what changes in effective behaviour from one snapshot to another (`Query.diff`), per
 * backend and client, each change in one sentence, then the diagnostics the change adds and resolves. A change
 * whose client is a reference links to that pair's policy in the newer snapshot.
 */
import { snapshotDiff } from '../api/queries';
import type { BehaviourChange, SnapshotDiff } from '../api/types';
import { DiagnosticList } from '../components/Diagnostics';
import { Empty, ErrorState, Loading } from '../components/States';
import { plural } from '../format';
import { routeToSearch, type Route } from '../state/route';
import { useAsync } from '../useAsync';
import type { ViewProps } from './viewProps';

/** `[cluster/]namespace/name`: a change's client that whatIf and effectivePolicy accept as it is. */
const CLIENT_REFERENCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?){1,2}$/i;

export function isClientReference(client: string): boolean {
  return CLIENT_REFERENCE.test(client);
}

function groupByBackend(changes: readonly BehaviourChange[]): [string, BehaviourChange[]][] {
  const groups = new Map<string, BehaviourChange[]>();
  for (const change of changes) groups.set(change.backend, [...(groups.get(change.backend) ?? []), change]);
  return [...groups.entries()];
}

function ChangeItem({
  change,
  after,
  navigate,
}: {
  readonly change: BehaviourChange;
  readonly after: string;
  readonly navigate: (route: Route) => void;
}) {
  const policy: Route = {
    snapshot: after,
    client: change.client,
    backend: change.backend,
    eject: [],
    fail: [],
  };
  return (
    <li class="change">
      <span class="change-client">
        {isClientReference(change.client) ? (
          <a
            href={`/${routeToSearch(policy)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(policy);
            }}
          >
            {change.client}
          </a>
        ) : (
          change.client
        )}
        :
      </span>{' '}
      {change.summary}
    </li>
  );
}

export function DiffBody({
  diff,
  route,
  navigate,
}: {
  readonly diff: SnapshotDiff;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
}) {
  const groups = groupByBackend(diff.changes);
  const unchanged =
    diff.changes.length === 0 && diff.diagnosticsAdded.length === 0 && diff.diagnosticsResolved.length === 0;
  if (unchanged)
    return (
      <Empty title="No difference in behaviour">
        <p>
          Every client reaches every backend the same way in both snapshots, and no diagnostic appears or
          goes. To see a change, upload the edited objects as a new snapshot and compare it with this one.
        </p>
      </Empty>
    );
  return (
    <>
      <section aria-labelledby="changes-title">
        <h3 id="changes-title">
          Behaviour changes: {plural(diff.changes.length, 'change')} on {plural(groups.length, 'backend')}
        </h3>
        {groups.length === 0 && <p class="muted">No client reaches a backend differently.</p>}
        {groups.map(([backend, changes]) => (
          <section class="backend-changes" key={backend} aria-label={`Changes to ${backend}`}>
            <h4>
              <code>{backend}</code>
            </h4>
            <ul class="changes">
              {changes.map((change, index) => (
                <ChangeItem
                  key={`${change.client}-${index}`}
                  change={change}
                  after={route.after ?? ''}
                  navigate={navigate}
                />
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section aria-labelledby="added-title">
        <h3 id="added-title">Diagnostics added</h3>
        <DiagnosticList diagnostics={diff.diagnosticsAdded} />
      </section>
      <section aria-labelledby="resolved-title">
        <h3 id="resolved-title">Diagnostics resolved</h3>
        <DiagnosticList diagnostics={diff.diagnosticsResolved} />
      </section>
    </>
  );
}

export function DiffView({ route, features, navigate, reload }: ViewProps) {
  const answer = useAsync(`diff:${routeToSearch(route)}:${reload}`, () =>
    features.diff ? snapshotDiff(route) : Promise.resolve(undefined),
  );
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title" tabIndex={-1}>
        What changes from <code>{route.before}</code> to <code>{route.after}</code>
      </h2>
      {answer.state === 'loading' && <Loading what="the differences" />}
      {answer.state === 'error' && <ErrorState error={answer.error} />}
      {answer.state === 'ready' && answer.value === undefined && (
        <Empty title="This Spillway does not compare snapshots yet">
          <p>
            It has no <code>Query.diff</code>. Open each snapshot's policy for the same client and backend to
            compare them by eye.
          </p>
        </Empty>
      )}
      {answer.state === 'ready' && answer.value !== undefined && (
        <DiffBody diff={answer.value} route={route} navigate={navigate} />
      )}
    </section>
  );
}
