/**
 * How request bodies are admitted, for every route (uploads refine the media types in their own scope):
 *  - JSON is parsed strictly (`parseStrictJson`): nesting bounded before the tree is built, a repeated key
 *    refused as YAML refuses it, prototype keys refused as Fastify's own parser does;
 *  - no other media type is parsed unless a route adds it (Fastify's default `text/plain` is removed), so
 *    anything else is 415;
 *  - a body sent with a `Content-Encoding` other than identity is 415: nothing here decodes it, and reading
 *    gzip as YAML would only yield a confusing syntax error;
 *  - `Expect: 100-continue` is answered only once the route has authenticated the caller and the announced
 *    length fits the route's limit, so an oversized or unauthorized body is refused before it is sent; such
 *    a refusal closes the connection (`bodyWithheld`).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/appError.js';
import { parseStrictJson } from '../ingest/index.js';

const IDENTITY = 'identity';

/** A `__proto__` key, or `constructor.prototype`: what Fastify's secure JSON parser refuses too. */
function hasPrototypeKeys(root: unknown): boolean {
  const pending: unknown[] = [root];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (typeof value !== 'object' || value === null) continue;
    // Loops, not `push(...values)`: one argument per element overflows V8's stack at ~10⁵ (a 400 KB body).
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) pending.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, '__proto__')) return true;
    const constructorValue = record['constructor'];
    if (
      Object.hasOwn(record, 'constructor') &&
      typeof constructorValue === 'object' &&
      constructorValue !== null &&
      Object.hasOwn(constructorValue, 'prototype')
    )
      return true;
    for (const item of Object.values(record)) pending.push(item);
  }
  return false;
}

/** JSON request bodies as the rest of the service reads them; `maxDepth` counts containers. */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  const parsed = parseStrictJson(text, maxDepth);
  if (!parsed.ok) {
    if (parsed.reason === 'SYNTAX')
      throw new AppError('INVALID_REQUEST', `The body is not valid JSON: ${parsed.message}`);
    throw new AppError('INVALID_BODY', parsed.message);
  }
  if ((text.includes('__proto__') || text.includes('constructor')) && hasPrototypeKeys(parsed.value)) {
    throw new AppError('INVALID_REQUEST', 'The body holds a __proto__ or constructor.prototype key.');
  }
  return parsed.value;
}

function unsupportedEncoding(request: FastifyRequest): string | undefined {
  const header = request.headers['content-encoding'];
  if (header === undefined) return undefined;
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== IDENTITY);
  return codings.length === 0 ? undefined : codings.join(', ');
}

function expectsContinue(request: FastifyRequest): boolean {
  return request.headers.expect?.toLowerCase() === '100-continue';
}

/** The length the request announces, when it announces one (`Content-Length`). */
export function announcedLength(request: FastifyRequest): number | undefined {
  const length = Number(request.headers['content-length']);
  return request.headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
}

function announcedPastLimit(request: FastifyRequest): boolean {
  const length = announcedLength(request);
  const limit = request.routeOptions.bodyLimit;
  return length !== undefined && limit !== undefined && length > limit;
}

/**
 * An `onRequest` hook for routes that count requests (the upload rate limit): a body announced past the
 * route's limit is refused from the headers, after authentication and before the count, so a retried
 * oversized upload keeps hearing 413 rather than 429. Nginx orders `client_max_body_size` before
 * `limit_req` the same way. A body that only grows past the limit while being read was counted.
 */
export async function refuseAnnouncedOversize(request: FastifyRequest): Promise<void> {
  if (announcedPastLimit(request))
    throw new AppError('PAYLOAD_TOO_LARGE', 'The request body exceeds the configured limit.');
}

/** Requests this service has sent `100 Continue` to. */
const invited = new WeakSet<IncomingMessage>();

/**
 * The client announced a body with `Expect: 100-continue` and was never invited to send it. A final answer
 * to such a request must close the connection (RFC 9110 §10.1.1 asks the server to say whether it will
 * read the content): the client may send the body anyway, which the server would then read as the next
 * request, or may not, and the server would wait for it.
 */
export function bodyWithheld(request: FastifyRequest): boolean {
  return expectsContinue(request) && !invited.has(request.raw);
}

export function registerRequestBodies(
  app: FastifyInstance,
  options: { readonly jsonMaxDepth: number },
): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, options.jsonMaxDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    const encoding = unsupportedEncoding(request);
    if (encoding !== undefined) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding ${encoding} is not supported; send the body uncompressed.`,
      );
    }
  });

  // Node answers `100 Continue` by itself unless the server listens for it; here the request goes on to
  // Fastify unanswered, and the hook below sends `100 Continue` once the route would read the body.
  app.server.on('checkContinue', (request, response) => {
    app.server.emit('request', request, response);
  });
  app.addHook('preParsing', async (request, reply, payload) => {
    if (!expectsContinue(request) || reply.raw.headersSent) return payload;
    if (!announcedPastLimit(request)) {
      reply.raw.writeContinue();
      invited.add(request.raw);
    }
    return payload;
  });
}
