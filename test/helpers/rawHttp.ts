/**
 * HTTP/1.1 over a bare TCP socket, for the edges `app.inject` cannot reach: what Node's parser refuses,
 * `Expect: 100-continue`, bodies larger than the limit, bodies that trickle in. Every exchange ends when the
 * server answers and closes, or when the client's own generous deadline passes (then the test fails).
 */
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Far above any answer these exchanges wait for on a loaded machine. */
export const EXCHANGE_DEADLINE_MS = 60_000;

export interface RawExchange {
  /** Everything the server sent, as Latin-1 text (headers and body). */
  readonly received: string;
  /** The status lines in order (`100` then `413`, say). */
  readonly statuses: readonly number[];
  /** The connection ended by a reset (ECONNRESET) rather than an orderly close. */
  readonly reset: boolean;
  /** The client's deadline passed before the server answered. */
  readonly timedOut: boolean;
}

export interface RawOptions {
  /** Written first, at once. */
  readonly head: string;
  /** Written after the head, chunk by chunk, until the server has answered. */
  readonly chunks?: readonly (string | Buffer)[];
  /** Pause between chunks, in ms. */
  readonly intervalMs?: number;
  /** Stop sending once the server has sent a final (non-1xx) status. */
  readonly stopWhenAnswered?: boolean;
  /**
   * Keep the socket open after the last chunk instead of half-closing it, for requests that send
   * `Connection: close` and wait for the answer: Node's server reads a client's FIN as a hang-up and aborts
   * a request still being handled, which is right for a client that leaves but races a slow handler here.
   */
  readonly keepOpen?: boolean;
}

/** Starts `app` on a loopback port for this test and returns the port. */
export async function listenForTest(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const STATUS_LINE = /(?:^|\r\n)HTTP\/1\.1 (\d{3}) /gu;

function finalStatusSeen(received: string): boolean {
  return [...received.matchAll(STATUS_LINE)].some((match) => Number(match[1]) >= 200);
}

export function rawExchange(port: number, options: RawOptions): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let reset = false;
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, EXCHANGE_DEADLINE_MS);
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') reset = true;
    });
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve({
        received,
        statuses: [...received.matchAll(STATUS_LINE)].map((match) => Number(match[1])),
        reset,
        timedOut,
      });
    });
    socket.write(options.head);
    void (async () => {
      for (const chunk of options.chunks ?? []) {
        if (socket.destroyed || socket.writableEnded) return;
        if (options.stopWhenAnswered === true && finalStatusSeen(received)) break;
        socket.write(chunk);
        if (options.intervalMs !== undefined)
          await new Promise((wake) => setTimeout(wake, options.intervalMs));
      }
      // Half-close: the request is complete; the server may still answer.
      if (!socket.destroyed && options.keepOpen !== true) socket.end();
    })();
  });
}

/** Where the last response's status line starts (a status line begins the text or follows a line end). */
function lastResponseStart(received: string): number {
  let start = -1;
  for (const match of received.matchAll(/(?:^|\r\n)(HTTP\/1\.1 \d{3} )/gu)) {
    start = match.index + match[0].length - (match[1]?.length ?? 0);
  }
  return start;
}

/** The body of the last response in `received` (after its blank line). */
export function lastBody(received: string): string {
  const head = received.indexOf('\r\n\r\n', lastResponseStart(received));
  return head === -1 ? '' : received.slice(head + 4);
}

/** A header of the last response in `received`, lower-cased name. */
export function lastHeader(received: string, name: string): string | undefined {
  const start = lastResponseStart(received);
  const head = received.slice(start, received.indexOf('\r\n\r\n', start));
  const match = new RegExp(`^${name}: (.*)$`, 'imu').exec(head);
  return match?.[1]?.trim();
}
