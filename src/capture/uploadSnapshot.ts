/**
 * `capture --upload URL`: POSTs the bundle to a Spillway service (`POST /v1/snapshots`) with the global
 * `fetch`. A refusal keeps the service's problem code in the vocabulary, so the exit code says what went
 * wrong: 401/403 no permission, 413/422 bad data, 429/503 try later, anything else the service unavailable.
 */
import { AppError } from '../errors/appError.js';
import type { AppErrorCode } from '../errors/errorCodes.js';

export const SNAPSHOTS_PATH = '/v1/snapshots';

const CODE_FOR_STATUS: Readonly<Record<number, AppErrorCode>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INVALID_UPLOAD',
  429: 'RATE_LIMITED',
  503: 'OVERLOADED',
};

/** The snapshots endpoint under a service's base URL (`https://spillway.example` → `…/v1/snapshots`). */
export function snapshotsUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new AppError(
      'INVALID_REQUEST',
      `--upload needs the service's URL, e.g. https://spillway.example.com; got "${base}".`,
    );
  }
  if (!url.pathname.endsWith(SNAPSHOTS_PATH))
    url.pathname = `${url.pathname.replace(/\/+$/u, '')}${SNAPSHOTS_PATH}`;
  return url;
}

function problemSummary(body: unknown, status: number): string {
  if (typeof body !== 'object' || body === null) return `HTTP ${status}`;
  const problem = body as { title?: unknown; detail?: unknown; problems?: unknown };
  const parts = [problem.title, problem.detail].filter((part) => typeof part === 'string');
  const count = Array.isArray(problem.problems) ? ` (${problem.problems.length} problem(s))` : '';
  return `${parts.length > 0 ? parts.join(': ') : `HTTP ${status}`}${count}`;
}

/** Answers the service's JSON reply (the stored snapshot's summary). */
export async function uploadSnapshot(
  base: string,
  bundleJson: string,
  token: string | undefined,
): Promise<unknown> {
  const url = snapshotsUrl(base);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: bundleJson,
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new AppError('DEPENDENCY_UNAVAILABLE', `Cannot reach ${url.origin}: ${cause}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) return body;
  const code = CODE_FOR_STATUS[response.status] ?? 'DEPENDENCY_UNAVAILABLE';
  throw new AppError(code, `${url.href} refused the snapshot: ${problemSummary(body, response.status)}`, {
    ...(body === undefined ? {} : { response: body }),
  });
}
