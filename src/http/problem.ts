/**
 * RFC 9457 problem details: the one envelope for every REST error. Codes map to statuses once
 * (`ERROR_SPECS`); 5xx bodies never carry the underlying message.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/appError.js';
import { ERROR_SPECS, problemType, type AppErrorCode } from '../errors/errorCodes.js';
import { toAppError } from '../errors/toAppError.js';

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

/** Maps Fastify's own errors (body limit, bad JSON, validation, media type) into the vocabulary. */
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

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body = problemBody(error, reply.request.id);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const appError = error instanceof AppError ? error : (fromFastifyError(error) ?? toAppError(error));
  if (ERROR_SPECS[appError.code].status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: appError.code }, appError.message);
  return sendProblem(reply, appError);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    new AppError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`),
  );
}
