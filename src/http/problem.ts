/**
 * RFC 9457 problem details: the one envelope for every REST error. Codes map to statuses once
 * (`ERROR_SPECS`); 5xx bodies never carry the underlying message. Fastify's own refusals (body limit,
 * media type, router errors) and the HTTP parser's (malformed requests, oversized headers, timeouts; see
 * `clientErrors.ts`) are worded here too, so a client meets one shape whatever refused it.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/appError.js';
import { ERROR_SPECS, problemType, type AppErrorCode } from '../errors/errorCodes.js';
import { toAppError } from '../errors/toAppError.js';
import { bodyWithheld } from './requestBody.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: AppErrorCode;
  readonly [extension: string]: unknown;
}

export function problemBody(error: AppError, requestId: string): ProblemBody {
  const spec = ERROR_SPECS[error.code];
  const internal = spec.status >= 500;
  return {
    ...(internal ? {} : error.details),
    type: problemType(error.code),
    title: spec.title,
    status: spec.status,
    detail: internal ? 'An internal error occurred; it has been logged.' : error.message,
    instance: `urn:spillway:request:${requestId}`,
    code: error.code,
  };
}

/** Maps Fastify's own errors (body limit, bad JSON, validation, media type, router) into the vocabulary. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body exceeds the configured limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_REQUEST', 'The body is not valid JSON.');
    case 'FST_ERR_VALIDATION':
      return new AppError('INVALID_REQUEST', error.message, { validation: error.validation });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('URI_TOO_LONG', 'A path segment is longer than any id or name can be.');
    case 'FST_ERR_BAD_URL':
      return new AppError('INVALID_REQUEST', 'The request path is not a valid URL (bad percent-encoding).');
    default:
      if (error.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; retry later.');
      if (error.statusCode === 503)
        return new AppError('OVERLOADED', 'The service is overloaded; retry later.');
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return new AppError('INVALID_REQUEST', error.message);
      }
      return undefined;
  }
}

/** Headers a problem of this code carries beyond its body. */
function problemHeaders(error: AppError): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  // RFC 9110 §11.6.1 / RFC 6750 §3: a 401 names the scheme that would be accepted.
  if (error.code === 'UNAUTHENTICATED') headers['www-authenticate'] = 'Bearer realm="spillway"';
  const allow = error.details['allow'];
  if (error.code === 'METHOD_NOT_ALLOWED' && Array.isArray(allow)) headers['allow'] = allow.join(', ');
  return headers;
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemBody(error, reply.request.id);
  return reply.code(body.status).headers(problemHeaders(error)).type(PROBLEM_CONTENT_TYPE).send(body);
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const appError = error instanceof AppError ? error : (fromFastifyError(error) ?? toAppError(error));
  if (ERROR_SPECS[appError.code].status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: appError.code }, appError.message);
  // Fastify closes the connection after refusing a body it has not read, and closing with the client's
  // bytes unread makes the kernel reset the connection: the client may lose the answer. Kept open, the
  // connection discards the rest of the body (bounded by the request timeout) and the client reads its 413.
  // A body announced with `Expect: 100-continue` and never invited is not on its way: that connection
  // closes (Node ends it either way), and the answer says so, or the client could send the body on it.
  if (appError.code === 'PAYLOAD_TOO_LARGE') {
    if (bodyWithheld(request)) void reply.header('connection', 'close');
    else reply.removeHeader('connection');
  }
  return sendProblem(reply, appError);
}

/**
 * Errors Fastify's router raises before any route runs (`frameworkErrors`): a bad URL, an overlong id. No
 * route means no `onResponse` hook, so each is counted here.
 */
export function createFrameworkErrorHandler(
  counted: (status: number) => void,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    void errorHandler(error, request, reply);
    counted(reply.statusCode);
  };
}

export interface RouteTable {
  /** The methods some route accepts at this path (without query), in registration order. */
  methodsAt(path: string): readonly string[];
}

/** A route table over `{ method, url }` entries as Fastify's `onRoute` reports them. */
export function routeTable(routes: readonly { readonly method: string; readonly url: string }[]): RouteTable {
  const matchers = new Map<string, RegExp>();
  const matcherOf = (url: string): RegExp => {
    let matcher = matchers.get(url);
    if (matcher === undefined) {
      const pattern = url
        .split('/')
        .map((segment) =>
          segment.startsWith(':')
            ? '[^/]+'
            : segment === '*'
              ? '.*'
              : segment.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'),
        )
        .join('/');
      matcher = new RegExp(`^${pattern}/?$`, 'u');
      matchers.set(url, matcher);
    }
    return matcher;
  };
  return {
    methodsAt(path) {
      const methods: string[] = [];
      for (const route of routes) {
        if (!methods.includes(route.method) && matcherOf(route.url).test(path)) methods.push(route.method);
      }
      return methods;
    },
  };
}

/** 404 for a path no route serves; 405 with `Allow` for a path served under other methods only. */
export function createNotFoundHandler(
  table: RouteTable,
): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = table.methodsAt(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return sendProblem(
        reply,
        new AppError(
          'METHOD_NOT_ALLOWED',
          `${path} does not accept ${request.method}; it accepts ${allowed.join(', ')}.`,
          {
            allow: allowed,
          },
        ),
      );
    }
    return sendProblem(reply, new AppError('NOT_FOUND', `No route for ${request.method} ${path}.`));
  };
}
