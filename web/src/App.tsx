/** The portal's frame: header, the question, and the view the address asks for. */
import { useEffect, useState } from 'preact/hooks';
import { onUnauthenticated } from './api/client';
import { detectFeatures, NO_FEATURES, type Features } from './api/features';
import { forgetToken, readToken } from './api/token';
import { Loading } from './components/States';
import { TokenPrompt } from './components/TokenPrompt';
import { parseRoute, routeToSearch, viewOf, type Route } from './state/route';
import { QuestionForm, VIEWS } from './views';

function focusHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h2')?.focus());
}

export function App() {
  const [parsed, setParsed] = useState(() => parseRoute(location.search));
  const [features, setFeatures] = useState<Features | undefined>(undefined);
  const [askToken, setAskToken] = useState(false);
  const [hasToken, setHasToken] = useState(readToken() !== undefined);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const onPop = (): void => setParsed(parseRoute(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => onUnauthenticated(() => setAskToken(true)), []);
  useEffect(() => {
    detectFeatures().then(setFeatures, () => setFeatures(NO_FEATURES));
  }, [reload]);

  const navigate = (route: Route): void => {
    history.pushState(null, '', `/${routeToSearch(route)}`);
    setParsed({ route, problems: [] });
    focusHeading();
  };
  const { route, problems } = parsed;
  const view = viewOf(route);
  const Main = VIEWS[view];

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a
          class="brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate({ eject: [], fail: [] });
          }}
        >
          Spillway
        </a>
        <nav aria-label="Spillway">
          <a
            href="/"
            aria-current={view === 'snapshots' ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate({ eject: [], fail: [] });
            }}
          >
            Snapshots
          </a>
          <a href="/graphql">GraphQL IDE</a>
          <a href="/docs">REST API</a>
        </nav>
        <div class="token">
          {hasToken ? (
            <button
              type="button"
              onClick={() => {
                forgetToken();
                setHasToken(false);
              }}
            >
              Forget API token
            </button>
          ) : (
            <button type="button" onClick={() => setAskToken(true)}>
              Set API token
            </button>
          )}
        </div>
      </header>
      <main id="main">
        {problems.length > 0 && (
          <div class="notice" role="status">
            Ignored in the link: {problems.join('; ')}.
          </div>
        )}
        {view !== 'snapshots' && (
          <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a
              href="/"
              onClick={(event) => {
                event.preventDefault();
                navigate({ eject: [], fail: [] });
              }}
            >
              Snapshots
            </a>{' '}
            › {view === 'diff' ? `${route.before ?? ''} → ${route.after ?? ''}` : route.snapshot}
          </nav>
        )}
        {features === undefined ? (
          <Loading what="the service's capabilities" />
        ) : (
          <>
            {view !== 'snapshots' && view !== 'diff' && (
              <QuestionForm route={route} navigate={navigate} reload={reload} />
            )}
            {Main !== undefined && (
              <Main route={route} features={features} navigate={navigate} reload={reload} />
            )}
          </>
        )}
      </main>
      {askToken && (
        <TokenPrompt
          onSaved={() => {
            setAskToken(false);
            setHasToken(true);
            setReload((n) => n + 1);
          }}
          onCancel={() => setAskToken(false)}
        />
      )}
    </>
  );
}
