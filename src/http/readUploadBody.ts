/**
 * Reads an upload's body into one buffer that can move to the parser's worker as it is.
 *
 * Fastify's own reader keeps every chunk until the end and then concatenates them: two copies of the body
 * at once, and the chunks, old by then, stay resident until the main thread's next full collection, which
 * an idle event loop may not run for the whole parse. At 137 MiB (the 100k-endpoint bench mesh) that was
 * some 150 MiB of the upload's peak (docs/operations.md). When the client announces the length, as a
 * file upload does, the bytes are copied into a buffer of that size as they arrive, so each chunk dies
 * young; without one (chunked transfer coding) the chunks are gathered as Fastify gathers them.
 *
 * The refusals are Fastify's: past the route's limit → 413; a body shorter or longer than announced → 400;
 * a stream error (the client went away) → that error, 400 unless it carries its own status.
 */
import type { Readable } from 'node:stream';
import { AppError } from '../errors/appError.js';

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', 'The request body exceeds the configured limit.');
}

function lengthMismatch(announced: number, received: number): AppError {
  return new AppError(
    'INVALID_REQUEST',
    `The body is ${received > announced ? 'longer' : 'shorter'} than its Content-Length (${announced} bytes).`,
  );
}

/**
 * @param announced the request's `Content-Length`, when it has one.
 * @returns a Buffer that alone fills its ArrayBuffer (so it can be transferred, not copied).
 */
export function readUploadBody(
  payload: Readable,
  limit: number,
  announced: number | undefined,
): Promise<Buffer> {
  if (announced !== undefined && announced > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    // Not zero-filled: every byte is written before the buffer is used, and untouched pages cost no memory.
    const into = announced === undefined ? undefined : Buffer.allocUnsafeSlow(announced);
    const chunks: Buffer[] = [];
    let received = 0;

    const stop = (): void => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    // As Fastify does: the rest of the body is read and dropped, so the answer can still be sent.
    const fail = (error: AppError): void => {
      stop();
      reject(error);
    };
    function onData(chunk: Buffer | string): void {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const end = received + bytes.byteLength;
      if (end > limit) return fail(tooLarge());
      if (into !== undefined) {
        if (end > into.byteLength) return fail(lengthMismatch(into.byteLength, end));
        into.set(bytes, received);
      } else {
        chunks.push(bytes);
      }
      received = end;
    }
    function onEnd(): void {
      stop();
      if (into !== undefined) {
        if (received !== into.byteLength) reject(lengthMismatch(into.byteLength, received));
        else resolve(into);
        return;
      }
      // Concatenated into a buffer of its own, never a view of Node's shared pool.
      const body = Buffer.allocUnsafeSlow(received);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.byteLength;
      }
      chunks.length = 0;
      resolve(body);
    }
    function onError(error: Error): void {
      stop();
      const status = (error as { statusCode?: unknown }).statusCode;
      if (typeof status !== 'number' || status < 400) (error as { statusCode?: number }).statusCode = 400;
      reject(error);
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}
