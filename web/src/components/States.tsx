/** Loading, empty and error states that say what is happening and what to do next. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import type { Route } from '../state/route';

export function Loading({ what }: { readonly what: string }) {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { readonly title: string; readonly children: ComponentChildren }) {
  return (
    <div class="state state-empty" role="status">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

interface Advice {
  readonly title: string;
  readonly hint: string;
}

function advice(error: unknown): Advice {
  if (!(error instanceof ApiError))
    return {
      title: 'Something went wrong',
      hint: 'Reload the page; if it persists, check the service logs.',
    };
  switch (error.code) {
    case 'NETWORK':
      return {
        title: 'The service is not reachable',
        hint: 'Check that Spillway is running and that this page is served by it, then reload.',
      };
    case 'UNAUTHENTICATED':
      return {
        title: 'A token is needed',
        hint: 'Enter a reader token (SPILLWAY_API_TOKENS) with “Set API token”.',
      };
    case 'UNKNOWN_SNAPSHOT':
      return {
        title: 'No such snapshot',
        hint: 'Pick one from the snapshot list, or upload it with POST /v1/snapshots.',
      };
    case 'UNKNOWN_CLIENT':
      return {
        title: 'No such client in this snapshot',
        hint: 'A client is namespace/name (a pod, a workload or an ingress Gateway). Pick one of the suggestions.',
      };
    case 'UNKNOWN_BACKEND':
      return {
        title: 'No such backend in this snapshot',
        hint: 'A backend is a host: name.namespace, an FQDN or a ServiceEntry host. Pick one of the suggestions.',
      };
    case 'AMBIGUOUS_REFERENCE':
      return {
        title: 'That name exists in several clusters',
        hint: 'Add the cluster in front: cluster/namespace/name.',
      };
    case 'INVALID_SCENARIO':
      return {
        title: 'The scenario is out of bounds',
        hint: 'Adjust the what-if values (load factor above 0, sweep FROM ≤ TO, at most 200 points).',
      };
    case 'INVALID_REFERENCE':
      return { title: 'The reference is malformed', hint: 'A client is [cluster/]namespace/name.' };
    case 'OVERLOADED':
    case 'RATE_LIMITED':
      return { title: 'The service is busy', hint: 'Wait a moment and reload.' };
    default:
      return {
        title: 'The service could not answer',
        hint: 'Check the question; the service logs the cause with the request id.',
      };
  }
}

function suggestionsOf(error: unknown): readonly string[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details['closest'] ?? error.details['candidates'];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

export function ErrorState({
  error,
  onSuggestion,
}: {
  readonly error: unknown;
  readonly onSuggestion?: (name: string) => void;
}) {
  const { title, hint } = advice(error);
  const suggestions = suggestionsOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="state state-error" role="alert">
      <h3>{title}</h3>
      <p class="error-message">{message}</p>
      <p>{hint}</p>
      {suggestions.length > 0 && onSuggestion !== undefined && (
        <p>
          Did you mean{' '}
          {suggestions.map((name, index) => (
            <span key={name}>
              {index > 0 && ', '}
              <button type="button" class="link" onClick={() => onSuggestion(name)}>
                {name}
              </button>
            </span>
          ))}
          ?
        </p>
      )}
    </div>
  );
}

/** Which part of the question a suggestion in an error replaces. */
export function suggestionField(error: unknown): 'client' | 'backend' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'UNKNOWN_CLIENT' || error.code === 'AMBIGUOUS_REFERENCE') return 'client';
  if (error.code === 'UNKNOWN_BACKEND') return 'backend';
  return undefined;
}

/** A question's error, whose suggestions (closest names, candidates) replace the part of the question they fix. */
export function QuestionError({
  error,
  route,
  navigate,
}: {
  readonly error: unknown;
  readonly route: Route;
  readonly navigate: (route: Route) => void;
}) {
  return (
    <ErrorState
      error={error}
      onSuggestion={(name) => {
        const field = suggestionField(error);
        if (field !== undefined) navigate({ ...route, [field]: name });
      }}
    />
  );
}
