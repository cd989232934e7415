/**
 * Refusals of Node's HTTP parser, before Fastify has a request: a request not valid HTTP (bad chunking, an
 * unknown method), headers past the size limit (431), headers or a whole request that took longer than
 * the timeouts allow (408). Each is answered with the same problem+json as every other refusal and
 * counted, then the connection is closed without discarding the answer: the socket is ended (the answer
 * flushed, a FIN sent) and destroyed only after a short linger, so a client still sending reads its
 * answer instead of a reset.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Counter } from 'prom-client';
import { AppError } from '../errors/appError.js';
import { problemBody, PROBLEM_CONTENT_TYPE } from './problem.js';
import { SECURITY_HEADERS } from './securityHeaders.js';

/** How long a refused client may keep sending before its connection is destroyed. */
const LINGER_MS = 2_000;

interface ParserError extends Error {
  readonly code?: string;
}

/** Node's codes for the refusals worded here; any other parser error is a malformed request. */
const REFUSALS: Readonly<Record<string, () => AppError>> = {
  ERR_HTTP_REQUEST_TIMEOUT: () =>
    new AppError(
      'REQUEST_TIMEOUT',
      'The request (headers and body) did not arrive within the time the service allows.',
    ),
  HPE_HEADER_OVERFLOW: () =>
    new AppError('HEADERS_TOO_LARGE', 'The request headers exceed the size the service accepts.'),
  HPE_INVALID_METHOD: () => new AppError('INVALID_REQUEST', 'The request method is not an HTTP method.'),
};

function classify(error: ParserError): AppError {
  const known = error.code === undefined ? undefined : REFUSALS[error.code];
  if (known !== undefined) return known();
  return new AppError(
    'INVALID_REQUEST',
    `The request is not valid HTTP${error.code === undefined ? '' : ` (${error.code})`}.`,
  );
}

/** Whether an answer to the request on this socket has begun: then nothing more may be written. */
function answerStarted(socket: Socket): boolean {
  // Node's own parser error path makes the same check (lib/_http_server.js, socketOnError).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return inFlight?.headersSent === true;
}

export function createClientErrorHandler(
  counter: Counter<'status'>,
  log: { info(object: object, message: string): void },
): (error: Error, socket: Socket) => void {
  const answered = new WeakSet<Socket>();
  return (error, socket) => {
    const parserError: ParserError = error;
    // A reset connection has no one left to answer; a socket answered once is not answered again.
    if (parserError.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    const appError = classify(parserError);
    const problem = problemBody(appError, randomUUID());
    const { status } = problem;
    counter.inc({ status: String(status) });
    log.info({ code: appError.code, parserCode: parserError.code }, appError.message);
    if (!socket.writable || answerStarted(socket)) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(problem);
    const headers = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      `content-length: ${Buffer.byteLength(body)}`,
      ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
      'connection: close',
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
    // Whatever the client still sends is read and dropped until it hangs up or the linger ends.
    socket.on('data', () => undefined);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
