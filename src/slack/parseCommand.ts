/**
 * Parses the text after `/spillway` into a command. Pure: no I/O and no knowledge of the mesh, so a
 * mistyped client or backend is left for the service to diagnose (it knows the names to suggest).
 */
import { closest, distance } from 'fastest-levenshtein';
import type { FailureKind, OverloadFailure, OverloadInput, Scenario } from '../engine/index.js';
import { FAILURE_WORDS, parseFailureKind } from '../services/failureKind.js';
import type { ResponseType } from './blockKit.js';
import { COMMAND_NAMES, PUBLIC_FLAGS, WHATIF_KEYWORDS } from './usage.js';
import type { CommandName, WhatIfKeyword } from './usage.js';

export const DEFAULT_SNAPSHOT_REF = 'latest';

export type SlackCommand =
  | { readonly kind: 'help'; readonly topic?: CommandName; readonly responseType: ResponseType }
  | { readonly kind: 'snapshots'; readonly responseType: ResponseType }
  | {
      readonly kind: 'policy';
      readonly client: string;
      readonly backend: string;
      readonly snapshot: string;
      readonly responseType: ResponseType;
    }
  | {
      readonly kind: 'whatif';
      readonly client: string;
      readonly backend: string;
      readonly snapshot: string;
      readonly scenario: Scenario;
      readonly responseType: ResponseType;
    }
  | {
      readonly kind: 'blast';
      readonly snapshot: string;
      readonly scenario: Scenario;
      readonly responseType: ResponseType;
    }
  | {
      readonly kind: 'diff';
      readonly before: string;
      readonly after: string;
      readonly responseType: ResponseType;
    };

export interface UsageError {
  readonly message: string;
  /** The command whose usage to show; absent when the command itself is unknown. */
  readonly command?: CommandName;
  /** The closest known word to a mistyped one. */
  readonly suggestion?: string;
  readonly responseType: ResponseType;
}

export type ParseResult =
  { readonly ok: true; readonly command: SlackCommand } | { readonly ok: false; readonly error: UsageError };

const COMMAND_ALIASES: Readonly<Record<string, CommandName>> = {
  '?': 'help',
  'what-if': 'whatif',
  what_if: 'whatif',
  snapshot: 'snapshots',
  ls: 'snapshots',
};

const LOAD_FACTOR_PATTERN = /^[x×]?(\d+(?:\.\d+)?|\.\d+)[x×]?$/i;
const PERCENT_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)%?$/;
/** GraphQL `OverloadFailure`, as people type it; the enum names work too. */
const OVERLOAD_SPELLINGS: Readonly<Record<string, OverloadFailure>> = {
  '5xx': 'HTTP_5XX',
  http_5xx: 'HTTP_5XX',
  timeout: 'TIMEOUT',
};
const LOAD_PERCENT_PATTERN = /^(\d+(?:\.\d+)?)%$/;
const PERCENT_PER_UNIT = 100;

/**
 * Slack sends `&`, `<` and `>` as HTML entities and, when the app escapes links, wraps things that look like
 * hostnames as `<http://host|host>`. Both are undone so references arrive as typed; phone keyboards turn
 * `--` into a dash, which is undone too.
 */
export function normalizeSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, '$2')
    .replace(/<(?:https?:\/\/)([^|>]*)>/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/(^|\s)[—–]/g, '$1--')
    .trim();
}

/** The closest candidate when it is near enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const best = closest(word.toLowerCase(), [...candidates]);
  const allowed = Math.max(2, Math.ceil(word.length / 3));
  return distance(word.toLowerCase(), best) <= allowed ? best : undefined;
}

const fail = (error: UsageError): ParseResult => ({ ok: false, error });

/** Reads one list value, tolerating `a, b` and `a ,b` as well as `a,b`. */
function takeList(
  tokens: readonly string[],
  start: number,
): { readonly items: string[]; readonly next: number } {
  let joined = '';
  let index = start;
  while (index < tokens.length) {
    const token = tokens[index] ?? '';
    if (joined !== '' && !joined.endsWith(',') && !token.startsWith(',')) break;
    // A keyword after a trailing comma starts the next clause rather than joining the list.
    if (joined !== '' && isKeyword(token.toLowerCase().split('=')[0] ?? '')) break;
    joined += token;
    index += 1;
  }
  return {
    items: joined
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    next: index,
  };
}

export function parseLoadFactor(value: string): number | undefined {
  const percent = LOAD_PERCENT_PATTERN.exec(value);
  const factor = percent === null ? LOAD_FACTOR_PATTERN.exec(value) : null;
  const digits = percent?.[1] ?? factor?.[1];
  if (digits === undefined) return undefined;
  const number = Number(digits) / (percent === null ? 1 : PERCENT_PER_UNIT);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** `60` or `60%`: a positive percent; undefined otherwise (the service checks the upper bound it has). */
export function parsePercent(value: string): number | undefined {
  const digits = PERCENT_PATTERN.exec(value.trim())?.[1];
  const number = digits === undefined ? Number.NaN : Number(digits);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

function isKeyword(word: string): word is WhatIfKeyword {
  return (WHATIF_KEYWORDS as readonly string[]).includes(word);
}

function parseScenario(
  tokens: readonly string[],
  responseType: ResponseType,
  command: 'whatif' | 'blast' = 'whatif',
): { readonly scenario: Scenario } | { readonly error: UsageError } {
  const eject: string[] = [];
  const failLocalities: string[] = [];
  let loadFactor: number | undefined;
  let failure: FailureKind | undefined;
  let utilizationPercent: number | undefined;
  let overload: OverloadInput | undefined;
  let index = 0;
  while (index < tokens.length) {
    const raw = tokens[index] ?? '';
    // `load=1.5` reads as `load 1.5`.
    const equals = raw.indexOf('=');
    const word = (equals > 0 ? raw.slice(0, equals) : raw).toLowerCase();
    if (!isKeyword(word)) {
      const suggestion = suggest(word, WHATIF_KEYWORDS);
      return {
        error: {
          message:
            command === 'whatif'
              ? `I don't understand \`${raw}\` here: after CLIENT and BACKEND, whatif takes \`eject\`, \`load\`, \`fail\`, \`failure\`, \`util\` and \`overload\`.`
              : `I don't understand \`${raw}\` here: after the localities, blast takes \`eject\`, \`load\`, \`failure\`, \`util\` and \`overload\`.`,
          command,
          responseType,
          ...(suggestion === undefined ? {} : { suggestion }),
        },
      };
    }
    const rest = equals > 0 ? [raw.slice(equals + 1), ...tokens.slice(index + 1)] : tokens.slice(index + 1);
    const consumedBefore = equals > 0 ? index : index + 1;
    const { items, next } = takeList(rest, 0);
    index = consumedBefore + next;
    if (items.length === 0) {
      return { error: { message: `\`${word}\` needs a value.`, command, responseType } };
    }
    switch (word) {
      case 'eject':
        eject.push(...items);
        break;
      case 'fail':
        failLocalities.push(...items);
        break;
      case 'failure': {
        const kind = items.length === 1 ? parseFailureKind(items[0] ?? '') : undefined;
        if (kind === undefined || failure !== undefined) {
          return {
            error: {
              message:
                failure !== undefined
                  ? '`failure` is given twice.'
                  : `\`failure ${items.join(',')}\` is not a failure kind: use \`${FAILURE_WORDS}\`.`,
              command,
              responseType,
            },
          };
        }
        failure = kind;
        break;
      }
      case 'load': {
        if (loadFactor !== undefined)
          return { error: { message: '`load` is given twice.', command, responseType } };
        const value = items.join(',');
        const parsed = items.length === 1 ? parseLoadFactor(value) : undefined;
        if (parsed === undefined) {
          return {
            error: {
              message: `\`load ${value}\` is not a load factor: use a positive number such as \`1.5\` (150 % of nominal load).`,
              command,
              responseType,
            },
          };
        }
        loadFactor = parsed;
        break;
      }
      case 'util': {
        if (utilizationPercent !== undefined)
          return { error: { message: '`util` is given twice.', command, responseType } };
        const parsed = items.length === 1 ? parsePercent(items[0] ?? '') : undefined;
        if (parsed === undefined || parsed > PERCENT_PER_UNIT) {
          return {
            error: {
              message: `\`util ${items.join(',')}\` is not a utilisation: use the endpoints' mean utilisation at nominal load, a percent above 0 and at most 100 (\`util 60\`).`,
              command,
              responseType,
            },
          };
        }
        utilizationPercent = parsed;
        break;
      }
      case 'overload': {
        if (overload !== undefined)
          return { error: { message: '`overload` is given twice.', command, responseType } };
        const [threshold, how, ...extra] = items;
        const failsAbovePercent = threshold === undefined ? undefined : parsePercent(threshold);
        const as = how === undefined ? 'HTTP_5XX' : OVERLOAD_SPELLINGS[how.toLowerCase()];
        if (failsAbovePercent === undefined || as === undefined || extra.length > 0) {
          return {
            error: {
              message: `\`overload ${items.join(',')}\` is not an overload: give the utilisation past which endpoints fail, a percent above 0 (it may exceed 100), and how they fail, \`5xx\` (the default) or \`timeout\`: \`overload 120\` or \`overload 120,timeout\`.`,
              command,
              responseType,
            },
          };
        }
        overload = { failsAbovePercent, as };
        break;
      }
    }
  }
  return {
    scenario: {
      ...(eject.length > 0 ? { ejectEndpoints: [...new Set(eject)] } : {}),
      ...(loadFactor === undefined ? {} : { loadFactor }),
      ...(failLocalities.length > 0 ? { failLocalities: [...new Set(failLocalities)] } : {}),
      ...(failure === undefined ? {} : { failure }),
      ...(utilizationPercent === undefined ? {} : { utilizationPercent }),
      ...(overload === undefined ? {} : { overload }),
    },
  };
}

/**
 * @example parseCommand('whatif httpbin/sleep httpbin load 1.5 @prod')
 *   → { ok: true, command: { kind: 'whatif', client: 'httpbin/sleep', backend: 'httpbin', snapshot: 'prod', scenario: { loadFactor: 1.5 }, responseType: 'ephemeral' } }
 */
export function parseCommand(text: string): ParseResult {
  const all = normalizeSlackText(text)
    .split(/\s+/)
    .filter((t) => t !== '');
  const isPublic = all.some((t) => PUBLIC_FLAGS.includes(t.toLowerCase()));
  const responseType: ResponseType = isPublic ? 'in_channel' : 'ephemeral';
  const snapshots = all.filter((t) => t.startsWith('@'));
  const tokens = all.filter((t) => !t.startsWith('@') && !PUBLIC_FLAGS.includes(t.toLowerCase()));

  const [first, ...args] = tokens;
  if (first === undefined) {
    return snapshots.length > 0
      ? fail({ message: 'Which command should run on that snapshot?', responseType })
      : { ok: true, command: { kind: 'help', responseType } };
  }
  const word = first.toLowerCase();
  const name = (COMMAND_NAMES as readonly string[]).includes(word)
    ? (word as CommandName)
    : COMMAND_ALIASES[word];
  if (name === undefined) {
    const suggestion = suggest(word, COMMAND_NAMES);
    return fail({
      message: `\`${first}\` is not a Spillway command.`,
      responseType,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  }

  // diff names two snapshots, with or without `@`.
  if (name === 'diff') {
    const refs = all
      .slice(1)
      .filter((t) => !PUBLIC_FLAGS.includes(t.toLowerCase()))
      .map((t) => (t.startsWith('@') ? t.slice(1) : t));
    const [before, after] = refs;
    if (refs.length !== 2 || before === undefined || after === undefined || before === '' || after === '')
      return fail({
        message: '`diff` needs two snapshots: BEFORE and AFTER.',
        command: 'diff',
        responseType,
      });
    return { ok: true, command: { kind: 'diff', before, after, responseType } };
  }
  if (snapshots.length > 1)
    return fail({
      message: `Give one snapshot, not ${snapshots.join(' and ')}.`,
      command: name,
      responseType,
    });
  const snapshotToken = snapshots[0];
  if (snapshotToken === '@')
    return fail({ message: '`@` needs a snapshot id or name, e.g. `@latest`.', command: name, responseType });
  if (snapshotToken !== undefined && (name === 'help' || name === 'snapshots')) {
    return fail({ message: `\`${name}\` does not take a snapshot.`, command: name, responseType });
  }
  const snapshot = snapshotToken === undefined ? DEFAULT_SNAPSHOT_REF : snapshotToken.slice(1);

  switch (name) {
    case 'help': {
      const topicWord = args[0]?.toLowerCase();
      if (topicWord === undefined) return { ok: true, command: { kind: 'help', responseType } };
      const topic = (COMMAND_NAMES as readonly string[]).includes(topicWord)
        ? (topicWord as CommandName)
        : COMMAND_ALIASES[topicWord];
      if (topic === undefined || args.length > 1) {
        const suggestion = suggest(topicWord, COMMAND_NAMES);
        return fail({
          message: `There is no help on \`${args.join(' ')}\`.`,
          command: 'help',
          responseType,
          ...(suggestion === undefined ? {} : { suggestion }),
        });
      }
      return { ok: true, command: { kind: 'help', topic, responseType } };
    }
    case 'snapshots':
      if (args.length > 0)
        return fail({ message: '`snapshots` takes no arguments.', command: 'snapshots', responseType });
      return { ok: true, command: { kind: 'snapshots', responseType } };
    case 'policy': {
      const [client, backend, ...extra] = args;
      if (client === undefined || backend === undefined) {
        return fail({ message: '`policy` needs a CLIENT and a BACKEND.', command: 'policy', responseType });
      }
      if (extra.length > 0) {
        const scenarioLike = extra.some((t) => isKeyword(t.toLowerCase().split('=')[0] ?? ''));
        return fail({
          message: scenarioLike
            ? '`policy` shows the policy as it is; use `whatif` to eject endpoints, add load or fail localities.'
            : `\`policy\` takes only CLIENT and BACKEND; I don't understand \`${extra.join(' ')}\`.`,
          command: scenarioLike ? 'whatif' : 'policy',
          responseType,
        });
      }
      return { ok: true, command: { kind: 'policy', client, backend, snapshot, responseType } };
    }
    case 'whatif': {
      const [client, backend, ...rest] = args;
      if (
        client === undefined ||
        backend === undefined ||
        isKeyword(client.toLowerCase()) ||
        isKeyword(backend.toLowerCase())
      ) {
        return fail({
          message: '`whatif` needs a CLIENT and a BACKEND before `eject`, `load` or `fail`.',
          command: 'whatif',
          responseType,
        });
      }
      const parsed = parseScenario(rest, responseType);
      if ('error' in parsed) return fail(parsed.error);
      return {
        ok: true,
        command: { kind: 'whatif', client, backend, snapshot, scenario: parsed.scenario, responseType },
      };
    }
    case 'blast': {
      const { items, next } = takeList(args, 0);
      const localities = items.filter((l) => !isKeyword(l.toLowerCase()));
      if (localities.length === 0 || localities.length !== items.length) {
        return fail({
          message:
            '`blast` needs the localities that go down first, e.g. `us-east/us-east-1a` or `cluster:NAME`.',
          command: 'blast',
          responseType,
        });
      }
      const parsed = parseScenario(args.slice(next), responseType, 'blast');
      if ('error' in parsed) return fail(parsed.error);
      const failLocalities = [...new Set([...localities, ...(parsed.scenario.failLocalities ?? [])])];
      return {
        ok: true,
        command: { kind: 'blast', snapshot, scenario: { ...parsed.scenario, failLocalities }, responseType },
      };
    }
  }
}
