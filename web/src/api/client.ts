/**
 * The portal's one way to the service: `POST /graphql` on this origin, JSON in and out, with the bearer
 * token from this tab's session when there is one. Errors keep the service's `extensions.code` so views can
 * say what to do.
 */
import { authorizationHeaders } from './token';

export const GRAPHQL_ENDPOINT = '/graphql';

export interface GraphQLErrorEntry {
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** `extensions.code` of the first error, `NETWORK` when the service was not reached, `HTTP` otherwise. */
    readonly code: string,
    readonly status: number,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  get needsToken(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the service refuses a request for want of a (valid) token. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function graphql<T>(
  query: string,
  variables: Readonly<Record<string, unknown>> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...authorizationHeaders(),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The Spillway service could not be reached.', 'NETWORK', 0);
  }
  let body: { data?: T | null; errors?: readonly GraphQLErrorEntry[] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first !== undefined || body?.data == null) {
    const { code, ...details } = (first?.extensions ?? {}) as { code?: unknown } & Record<string, unknown>;
    const error = new ApiError(
      first?.message ?? `The service answered HTTP ${response.status}.`,
      typeof code === 'string' ? code : 'HTTP',
      response.status,
      details,
    );
    if (error.needsToken) for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  return body.data;
}
