/**
 * The words people type for a whatIf failure kind (Slack `failure connect`, CLI `--failure connect`) and
 * the `FailureKind` each means. The enum names are accepted too, in any case, with `-` or `_`.
 */
import type { FailureKind } from '../engine/index.js';

/** The short spellings, in the order help texts list them. */
export const FAILURE_SPELLINGS: Readonly<Record<string, FailureKind>> = {
  '5xx': 'HTTP_5XX',
  connect: 'CONNECT_FAILURE',
  'not-ready': 'NOT_READY',
};

const ENUM_NAMES: readonly FailureKind[] = ['HTTP_5XX', 'CONNECT_FAILURE', 'NOT_READY'];

/**
 * @example parseFailureKind('connect') // → 'CONNECT_FAILURE'
 * @example parseFailureKind('not_ready') // → 'NOT_READY'
 * @example parseFailureKind('timeout') // → undefined
 */
export function parseFailureKind(word: string): FailureKind | undefined {
  const lower = word.trim().toLowerCase();
  const short = FAILURE_SPELLINGS[lower];
  if (short !== undefined) return short;
  const upper = lower.replace(/-/g, '_').toUpperCase();
  return ENUM_NAMES.find((k) => k === upper);
}

/** `5xx|connect|not-ready`, for usage lines and error messages. */
export const FAILURE_WORDS = Object.keys(FAILURE_SPELLINGS).join('|');
