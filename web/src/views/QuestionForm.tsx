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

/** One reference, typed or picked from the names the snapshot knows (a native datalist). */
function NameField({
  id,
  label,
  placeholder,
  hint,
  names,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly placeholder: string;
  readonly hint: string;
  readonly names: readonly string[] | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        list={`${id}-names`}
        required
        placeholder={placeholder}
        autocomplete="off"
        spellcheck={false}
        value={value}
        onInput={(event) => onChange(event.currentTarget.value)}
        aria-describedby={`${id}-hint`}
      />
      <small id={`${id}-hint`} class="muted">
        {hint}
        {names === undefined ? '' : ` · ${names.length} known`}
      </small>
      <datalist id={`${id}-names`}>
        {names?.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}

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
        <NameField
          id="client"
          label="Client"
          placeholder="namespace/name"
          hint="A pod, workload or ingress Gateway"
          names={refs?.clients}
          value={client}
          onChange={setClient}
        />
        <span class="arrow" aria-hidden="true">
          →
        </span>
        <NameField
          id="backend"
          label="Backend"
          placeholder="name.namespace or host"
          hint="A Service, global or ServiceEntry host"
          names={refs?.backends}
          value={backend}
          onChange={setBackend}
        />
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
