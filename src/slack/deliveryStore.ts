/**
 * The Slack adapter's storage port: slash commands with a `response_url`, recorded in the database every
 * replica shares (`src/db/slackDeliveryStore.ts`, on SQLite and on PostgreSQL). Through it
 *  - a command is answered through its `response_url` by one replica only, however often its request
 *    arrives (a proxy's retry, a request replayed within the signature window): the first request claims
 *    the command, later ones find the claim;
 *  - an answer promised by a replica that stops before posting it (a rolling upgrade, a crash) is posted
 *    by another replica once the first one's lease has run out; on SQLite, by the restarted process.
 * Times are milliseconds since the epoch, from the caller's clock; replicas' clocks only need to agree to
 * well within a lease.
 */

export interface DeliveryClaim {
  /** `deliveryKey(responseUrl)`: Slack gives every invocation a `response_url` of its own. */
  readonly key: string;
  readonly responseUrl: string;
  /** The text after `/spillway`, parsed again by whoever answers (the grammar is a public contract). */
  readonly commandText: string;
  /** The replica holding the lease. */
  readonly owner: string;
  readonly nowMs: number;
  readonly leaseUntilMs: number;
}

/** A command taken over from a replica whose lease ran out. */
export interface HeldDelivery {
  readonly key: string;
  readonly responseUrl: string;
  readonly commandText: string;
  readonly createdAtMs: number;
  /** How many leases the command has had, this one included. */
  readonly holds: number;
}

export interface TakeOver {
  readonly owner: string;
  readonly nowMs: number;
  readonly leaseUntilMs: number;
  /** Commands older than this are past Slack's `response_url` lifetime and left alone. */
  readonly createdAfterMs: number;
  /** A command that has had this many leases is given up (it may be what stops the replicas). */
  readonly maxHolds: number;
}

export interface SlackDeliveryStore {
  /** Records the command, leased to `owner`; false when it is already recorded (a repeated request). */
  claim(claim: DeliveryClaim): Promise<boolean>;
  /** Extends `owner`'s lease; false when `owner` no longer holds it (another replica took it over). */
  renew(key: string, owner: string, leaseUntilMs: number): Promise<boolean>;
  /** Answered (inline or posted) or given up: nobody takes it over. The record stays until swept. */
  finish(key: string, owner: string, nowMs: number): Promise<void>;
  /** Takes over the oldest unfinished command whose lease has run out, if any. */
  takeOver(request: TakeOver): Promise<HeldDelivery | undefined>;
  /** Forgets commands created before `createdBeforeMs`; returns how many. */
  sweep(createdBeforeMs: number): Promise<number>;
}
