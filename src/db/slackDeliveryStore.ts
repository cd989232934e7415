/**
 * The Slack delivery records (`slack_deliveries`), one implementation for both dialects: the statements
 * below are plain SQL that SQLite (≥ 3.35, for RETURNING) and PostgreSQL read alike, so only how a
 * statement runs differs (`SqlRows`). Each is one statement, hence atomic: two replicas racing to claim
 * or take over a command cannot both win. On PostgreSQL the take-over repeats its lease condition in the
 * outer WHERE, which READ COMMITTED re-checks against a row another replica has just taken, so the loser
 * updates nothing.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { HeldDelivery, SlackDeliveryStore } from '../slack/deliveryStore.js';

/** Runs a statement and returns its rows (RETURNING). */
export type SqlRows = (query: SQL) => Promise<Record<string, unknown>[]>;

export function createSlackDeliveryStore(rows: SqlRows): SlackDeliveryStore {
  return {
    async claim({ key, responseUrl, commandText, owner, nowMs, leaseUntilMs }) {
      const inserted = await rows(sql`
        insert into slack_deliveries (id, response_url, command_text, owner, created_at_ms, lease_until_ms, holds)
        values (${key}, ${responseUrl}, ${commandText}, ${owner}, ${nowMs}, ${leaseUntilMs}, 1)
        on conflict (id) do nothing
        returning id`);
      return inserted.length > 0;
    },
    async renew(key, owner, leaseUntilMs) {
      const renewed = await rows(sql`
        update slack_deliveries set lease_until_ms = ${leaseUntilMs}
        where id = ${key} and owner = ${owner} and finished_at_ms is null
        returning id`);
      return renewed.length > 0;
    },
    async finish(key, owner, nowMs) {
      await rows(sql`
        update slack_deliveries set finished_at_ms = ${nowMs}
        where id = ${key} and owner = ${owner} and finished_at_ms is null
        returning id`);
    },
    async takeOver({ owner, nowMs, leaseUntilMs, createdAfterMs, maxHolds }) {
      const [row] = await rows(sql`
        update slack_deliveries set owner = ${owner}, lease_until_ms = ${leaseUntilMs}, holds = holds + 1
        where id = (
            select id from slack_deliveries
            where finished_at_ms is null and lease_until_ms <= ${nowMs}
              and created_at_ms > ${createdAfterMs} and holds < ${maxHolds}
            order by created_at_ms
            limit 1)
          and finished_at_ms is null and lease_until_ms <= ${nowMs}
        returning id, response_url, command_text, created_at_ms, holds`);
      if (row === undefined) return undefined;
      // PostgreSQL returns bigint columns as strings.
      const held: HeldDelivery = {
        key: String(row['id']),
        responseUrl: String(row['response_url']),
        commandText: String(row['command_text']),
        createdAtMs: Number(row['created_at_ms']),
        holds: Number(row['holds']),
      };
      return held;
    },
    async sweep(createdBeforeMs) {
      const swept = await rows(sql`
        delete from slack_deliveries where created_at_ms < ${createdBeforeMs} returning id`);
      return swept.length;
    },
  };
}
