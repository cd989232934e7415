/**
 * The question: which snapshot, which client, which backend. Names are suggested from the snapshot itself
 * (`Snapshot.clients` / `Snapshot.backends`) through native datalists, so the keyboard works as everywhere.
 */
import { useEffect, useState } from 'preact/hooks';
import { snapshotReferences } from '../api/queries';
import { PROFILES } from '../api/types';
import { ErrorState } from '../components/States';
import type { Route } from '../state/route';
import { useAsync } from '../useAsync';

export function QuestionForm({
  route,
  navigate,
  reload,
}: {
  readonly route: Route;
  readonly navigate: (route: Route) => void;
  readonly reload: number;
}) {
  const snapshot = route.snapshot ?? '';
  const references = useAsync(`references:${snapshot}:${reload}`, () => snapshotReferences(snapshot));
  const [client, setClient] = useState(route.client ?? '');
  const [backend, setBackend] = useState(route.backend ?? '');
  const [profile, setProfile] = useState(route.profile ?? '');
  useEffect(() => {
    setClient(route.client ?? '');
    setBackend(route.backend ?? '');
    setProfile(route.profile ?? '');
  }, [route.client, route.backend, route.profile]);
  const refs = references.state === 'ready' ? references.value : undefined;
  return (
    <section class="question" aria-labelledby="question-title">
      <h2 id="question-title" tabIndex={-1}>
        Ask <span class="muted">snapshot</span> {refs?.name ?? snapshot}
        {refs !== undefined && refs !== null && (
          <span class="muted small">
            {' '}
            · {refs.profile} · {refs.id}
          </span>
        )}
      </h2>
      {references.state === 'error' && <ErrorState error={references.error} />}
      {references.state === 'ready' && references.value === null && (
        <div class="state state-error" role="alert">
          <h3>No snapshot “{snapshot}”</h3>
          <p>
            It may have been deleted. <a href="/">Pick one from the list</a>.
          </p>
        </div>
      )}
      <form
        class="question-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (client.trim() === '' || backend.trim() === '') return;
          navigate({
            snapshot,
            client: client.trim(),
            backend: backend.trim(),
            ...(profile === '' ? {} : { profile }),
            eject: [],
            fail: [],
          });
        }}
      >
        <div class="field">
          <label for="client">Client</label>
          <input
            id="client"
            name="client"
            list="client-names"
            required
            placeholder="namespace/name"
            autocomplete="off"
            spellcheck={false}
            value={client}
            onInput={(event) => setClient(event.currentTarget.value)}
            aria-describedby="client-hint"
          />
          <small id="client-hint" class="muted">
            A pod, workload or ingress Gateway{refs ? ` · ${refs.clients.length} known` : ''}
          </small>
          <datalist id="client-names">
            {refs?.clients.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <span class="arrow" aria-hidden="true">
          →
        </span>
        <div class="field">
          <label for="backend">Backend</label>
          <input
            id="backend"
            name="backend"
            list="backend-names"
            required
            placeholder="name.namespace or host"
            autocomplete="off"
            spellcheck={false}
            value={backend}
            onInput={(event) => setBackend(event.currentTarget.value)}
            aria-describedby="backend-hint"
          />
          <small id="backend-hint" class="muted">
            A Service, global or ServiceEntry host{refs ? ` · ${refs.backends.length} known` : ''}
          </small>
          <datalist id="backend-names">
            {refs?.backends.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div class="field field-narrow">
          <label for="profile">Profile</label>
          <select id="profile" value={profile} onChange={(event) => setProfile(event.currentTarget.value)}>
            <option value="">snapshot's ({refs?.profile ?? '…'})</option>
            {PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          Show the path
        </button>
      </form>
    </section>
  );
}
