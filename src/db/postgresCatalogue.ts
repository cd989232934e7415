/**
 * The catalogue version on PostgreSQL. Every write bumps the `catalogue` row and sends NOTIFY in the same
 * transaction (delivered at commit); each replica LISTENs on a connection of its own and, in case a
 * notification is lost (the listening connection dropped, the server restarted), polls the row every
 * `pollMs`. So a write on one replica is seen by the others within `pollMs` at worst, within a few
 * milliseconds usually.
 */
import pg from 'pg';
import { CatalogueListeners, type Catalogue } from '../services/catalogue.js';

/** First wait before re-opening a dropped LISTEN connection, doubled up to the cap. */
const RELISTEN_INITIAL_MS = 100;
const RELISTEN_MAX_MS = 5_000;

interface CatalogueNotice {
  readonly v: number;
  readonly deleted?: readonly string[];
}

export interface PostgresCatalogue extends Catalogue {
  /** The NOTIFY channel of this schema. */
  readonly channel: string;
  /** A write of this process committed with `version`. */
  advance(version: number, deleted?: readonly string[]): void;
  close(): Promise<void>;
}

function catalogueChannel(schema: string): string {
  return `spillway_catalogue:${schema}`;
}

export async function startPostgresCatalogue(options: {
  readonly pool: pg.Pool;
  readonly clientConfig: pg.ClientConfig;
  readonly schema: string;
  readonly pollMs: number;
  readonly onError: (error: unknown, what: string) => void;
}): Promise<PostgresCatalogue> {
  const { pool, clientConfig, schema, pollMs, onError } = options;
  const channel = catalogueChannel(schema);
  const listeners = new CatalogueListeners();
  let local = 0;
  let closed = false;

  const advance = (version: number, deleted: readonly string[] = []): void => {
    if (version <= local && deleted.length === 0) return;
    local = Math.max(local, version);
    listeners.emit({ version: `pg:${local}`, deleted });
  };
  const readVersion = async (): Promise<number> => {
    const result = await pool.query<{ version: string }>('select version from catalogue where id = 1');
    return Number(result.rows[0]?.version ?? 0);
  };
  local = await readVersion();

  let listener: pg.Client | undefined;
  let relistenMs = RELISTEN_INITIAL_MS;
  let relistenTimer: NodeJS.Timeout | undefined;
  const listen = async (): Promise<void> => {
    const client = new pg.Client(clientConfig);
    const retry = (error: unknown): void => {
      if (closed) return;
      onError(error, 'catalogue LISTEN connection lost; re-opening');
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      if (relistenTimer === undefined) {
        relistenTimer = setTimeout(() => {
          relistenTimer = undefined;
          void listen();
        }, relistenMs);
        relistenTimer.unref();
        relistenMs = Math.min(relistenMs * 2, RELISTEN_MAX_MS);
      }
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      try {
        const notice = JSON.parse(message.payload) as CatalogueNotice;
        advance(notice.v, notice.deleted ?? []);
      } catch (error) {
        onError(error, 'unreadable catalogue notification');
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      if (closed) {
        await client.end();
        return;
      }
      listener = client;
      relistenMs = RELISTEN_INITIAL_MS;
      // Whatever was written while nobody listened.
      advance(await readVersion());
    } catch (error) {
      retry(error);
    }
  };
  await listen();

  const poll = setInterval(() => {
    readVersion().then(
      (version) => advance(version),
      () => undefined, // readiness reports an unreachable database; the next tick tries again
    );
  }, pollMs);
  poll.unref();

  return {
    channel,
    version: () => `pg:${local}`,
    subscribe: (fn) => listeners.subscribe(fn),
    advance,
    async close() {
      closed = true;
      clearInterval(poll);
      if (relistenTimer) clearTimeout(relistenTimer);
      const client = listener;
      listener = undefined;
      if (client) {
        client.removeAllListeners();
        client.on('error', () => undefined);
        await client.end().catch(() => undefined);
      }
    },
  };
}
