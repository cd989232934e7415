/**
 * GraphiQL, bundled with its editor (Monaco) and workers, served at `GET /graphql`: no request leaves this
 * service. A token typed into the portal (this tab's session storage) is sent as the bearer token unless the
 * headers editor sets its own `authorization`.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { authorizationHeaders } from '../src/api/token';

const ENDPOINT = '/graphql';

const DEFAULT_QUERY = `# Spillway's GraphQL API. Run: ▶ or Ctrl+Enter.
# Every type: the Docs pane (book icon) or schema/*.graphql.
query WhoAnswers {
  snapshots(first: 5) {
    nodes { id name profile }
  }
  effectivePolicy(
    snapshot: "httpbin-after"
    client: "httpbin/client-in-ambient"
    backend: "in-ambient.httpbin"
  ) {
    profile
    hops {
      from { kind name locality }
      to
      layer
      trafficDistribution { mode source }
      endpoints { name priority sharePercent }
    }
  }
}
`;

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...authorizationHeaders(),
      ...(options?.headers ?? {}),
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
  }
};

const container = document.getElementById('graphiql');
if (container !== null) {
  createRoot(container).render(
    createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: false }),
  );
}
