/**
 * Parses uploads off the event loop. Parsing a 64 MiB YAML stream is synchronous and takes seconds; in a
 * worker thread it neither stalls queries nor, when a hostile document exhausts the worker's memory or
 * time budget, the process: piscina replaces the worker and the upload is refused with a problem.
 * With `workers: 0` the same function runs inline (tests, tiny deployments).
 */
import { Piscina } from 'piscina';
import { AppError } from '../errors/appError.js';
import { prepareUpload, type PreparedUpload } from '../ingest/prepareUpload.js';
import type { UploadInput, UploadLimits } from '../ingest/types.js';
import type { UploadTask } from '../ingest/uploadWorker.js';

/** Worker threads idle longer than this exit; the next upload starts one again. */
const WORKER_IDLE_TIMEOUT_MS = 60_000;

/** Running from TypeScript sources (tsx, vitest): workers need the tsx loader to import the worker entry. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

export interface UploadParserOptions {
  readonly workers: number;
  readonly timeoutMs: number;
  readonly workerMemoryMb: number;
}

export interface UploadParser {
  /**
   * Parses an upload. A large body may be moved to the worker: the caller must not read it afterwards.
   * `signal` abandons the parse (the client went away); the worker is stopped, nothing is stored.
   */
  prepare(input: UploadInput, limits: UploadLimits, signal?: AbortSignal): Promise<PreparedUpload>;
  close(): Promise<void>;
}

/** The worker module: ingest's own entry, unless a test gives one that behaves in a chosen way. */
export const UPLOAD_WORKER_ENTRY = new URL(
  FROM_SOURCE ? '../ingest/uploadWorker.ts' : '../ingest/uploadWorker.js',
  import.meta.url,
);

/**
 * The body as bytes that can be transferred, not cloned, to the worker: the caller's own buffer when the
 * bytes fill it alone (a large request body does; the caller must not use it again), else a copy. A small
 * Buffer is a slice of Node's shared pool, which cannot be transferred (Node 20 clones it, later versions
 * refuse it), and a view into a larger buffer would move the whole buffer.
 */
function transferableBytes(body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const { buffer } = bytes;
  const ownsItsBuffer =
    buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  return ownsItsBuffer ? new Uint8Array(buffer) : Uint8Array.prototype.slice.call(bytes);
}

function refused(message: string): AppError {
  return new AppError('INVALID_UPLOAD', message, {
    problems: [{ pointer: '', code: 'PARSE_ABORTED', message }],
  });
}

export function createUploadParser(
  options: UploadParserOptions,
  workerEntry: URL = UPLOAD_WORKER_ENTRY,
): UploadParser {
  if (options.workers === 0) {
    return { prepare: async (input, limits) => prepareUpload(input, limits), close: async () => undefined };
  }
  const pool = new Piscina<UploadTask, PreparedUpload>({
    filename: workerEntry.href,
    minThreads: 0,
    maxThreads: options.workers,
    idleTimeout: WORKER_IDLE_TIMEOUT_MS,
    resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb },
    ...(FROM_SOURCE ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  return {
    async prepare(input, limits, signal) {
      const bytes = transferableBytes(input.body);
      const deadline = AbortSignal.timeout(options.timeoutMs);
      try {
        return await pool.run(
          { input: { ...input, body: bytes }, limits },
          {
            transferList: [bytes.buffer],
            signal: signal === undefined ? deadline : AbortSignal.any([deadline, signal]),
          },
        );
      } catch (error) {
        if (signal?.aborted === true && !deadline.aborted) {
          throw refused('The upload was abandoned before it was parsed; nothing was stored.');
        }
        if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
          throw refused(`The upload could not be parsed within ${options.timeoutMs} ms; nothing was stored.`);
        }
        if (
          error instanceof Error &&
          /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(
            `${error.message} ${String((error as { code?: unknown }).code)}`,
          )
        ) {
          throw refused(
            `Parsing the upload exceeded the ${options.workerMemoryMb} MiB parser memory limit; nothing was stored.`,
          );
        }
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}
