/**
 * What the process prints once it listens: where the APIs are and one request to try that works as the
 * service is configured — with the bundled examples, a question about one of them, else a listing; with
 * tokens in force, the request carries one (taken from the environment, never printed).
 */
import type { Config } from './config.js';

/** The example the banner asks about, present when the bundled examples were imported. */
export const BANNER_EXAMPLE_SNAPSHOT = 'httpbin-after';
/** The shell variable the printed request reads its token from. */
export const BANNER_TOKEN_VARIABLE = 'SPILLWAY_TOKEN';

const EXAMPLE_QUERY = `{ effectivePolicy(snapshot: "${BANNER_EXAMPLE_SNAPSHOT}", client: "httpbin/client-in-ambient", backend: "in-ambient.httpbin") { profile hops { from { kind name } to layer loadBalancer endpoints { name sharePercent } } } }`;

export interface ExampleRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The request to try; `token` stands where the caller's token goes. */
export function exampleRequest(config: Config, hasExample: boolean, token: string): ExampleRequest {
  const auth = config.auth.tokens.length > 0 ? { authorization: `Bearer ${token}` } : {};
  if (!hasExample) return { method: 'GET', path: '/v1/snapshots', headers: auth };
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query: EXAMPLE_QUERY }),
  };
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

export function startupBanner(config: Config, base: string, hasExample: boolean): string {
  const request = exampleRequest(config, hasExample, `$${BANNER_TOKEN_VARIABLE}`);
  // The token header is double-quoted so the shell expands the variable.
  const headers = Object.entries(request.headers).map(([name, value]) =>
    name === 'authorization' ? `-H "${name}: ${value}"` : `-H ${shellQuote(`${name}: ${value}`)}`,
  );
  const curl = [
    `curl -s ${base}${request.path}`,
    ...headers,
    ...(request.body === undefined ? [] : [`-d ${shellQuote(request.body)}`]),
  ].join(' \\\n               ');
  const lines = [
    '',
    '  Spillway is up.',
    `  Portal:    ${base}/`,
    `  REST API:  ${base}/v1/snapshots   (contract: ${base}/openapi.yaml, docs: ${base}/docs)`,
    `  GraphQL:   ${base}/graphql`,
    ...(config.auth.tokens.length > 0
      ? [`  Tokens:    export ${BANNER_TOKEN_VARIABLE}=<a reader or writer token from SPILLWAY_API_TOKENS>`]
      : []),
    `  Try:       ${curl}`,
    ...(hasExample
      ? []
      : [
          `  Upload:    kubectl get nodes,namespaces,pods,services,endpointslices,destinationrules -A -o yaml > snapshot.yaml`,
          `             curl -s ${base}/v1/snapshots?name=mesh -H 'content-type: application/yaml' --data-binary @snapshot.yaml${config.auth.tokens.length > 0 ? ` -H "authorization: Bearer $${BANNER_TOKEN_VARIABLE}"` : ''}`,
        ]),
    '',
  ];
  return lines.join('\n');
}
