/**
 * Failures as friendly, ephemeral Slack messages: what went wrong, the closest names the service found,
 * and the usage line. Never a stack trace, and never the message of an internal error.
 */
import type { AppError } from '../errors/appError.js';
import { ERROR_SPECS } from '../errors/errorCodes.js';
import { context, message, section } from './blockKit.js';
import type { Block, SlackMessage } from './blockKit.js';
import type { UsageError } from './parseCommand.js';
import { portalContext } from './portalContext.js';
import { code, escapeMrkdwn } from './textFormat.js';
import { SLASH_COMMAND, usageLine } from './usage.js';
import type { CommandName } from './usage.js';

export const MAX_SUGGESTIONS = 5;

/** Detail members that carry names a user may have meant, in the order they are shown. */
const SUGGESTION_KEYS: readonly { readonly key: string; readonly label: string }[] = [
  { key: 'closest', label: 'Did you mean' },
  { key: 'suggestions', label: 'Did you mean' },
  { key: 'candidates', label: 'Candidates' },
  { key: 'problems', label: 'Problems' },
];

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function usageBlock(command: CommandName | undefined): string {
  return command === undefined ? `Try \`${SLASH_COMMAND} help\`.` : `Usage: \`${usageLine(command)}\``;
}

export function renderUsageError(error: UsageError, link?: string): SlackMessage {
  const lines = [escapeMrkdwn(error.message)];
  if (error.suggestion !== undefined) lines.push(`Did you mean ${code(error.suggestion)}?`);
  const blocks: Block[] = [
    section(`:grey_question: ${lines.join('\n')}`),
    context(usageBlock(error.command)),
    ...portalContext(link),
  ];
  const text = [
    error.message,
    ...(error.suggestion === undefined ? [] : [`Did you mean ${error.suggestion}?`]),
  ].join(' ');
  return message('ephemeral', text, blocks);
}

export function renderAppError(error: AppError, command?: CommandName, link?: string): SlackMessage {
  if (error.code === 'INTERNAL') {
    return message('ephemeral', 'Spillway could not answer because of an internal error. Please try again.', [
      section(
        ':warning: Spillway could not answer because of an internal error. Please try again, and tell the Spillway operators if it persists.',
      ),
      ...portalContext(link),
    ]);
  }
  const title = ERROR_SPECS[error.code].title;
  const lines = [`:grey_question: *${title}*: ${escapeMrkdwn(error.message)}`];
  const hints: string[] = [];
  for (const { key, label } of SUGGESTION_KEYS) {
    const names = stringsOf(error.details[key]).slice(0, MAX_SUGGESTIONS);
    if (names.length > 0) {
      lines.push(`${label}: ${names.map(code).join(', ')}${label === 'Did you mean' ? '?' : ''}`);
      hints.push(`${label}: ${names.join(', ')}`);
    }
  }
  if (error.code === 'UNKNOWN_SNAPSHOT') lines.push(`\`${SLASH_COMMAND} snapshots\` lists them.`);
  const blocks: Block[] = [section(lines.join('\n')), context(usageBlock(command)), ...portalContext(link)];
  return message('ephemeral', [`${title}: ${error.message}`, ...hints].join('\n'), blocks);
}
