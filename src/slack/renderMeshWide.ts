/**
 * `/spillway blast` and `/spillway diff`: the five worst impacts or the first five changes, then a count of
 * the rest, within Slack's limits (`fitBlocks`); the full answer is GraphQL's `blastRadius` / `diff`.
 */
import type { BlastRadius, Impact, Scenario, SnapshotDiff } from '../engine/index.js';
import {
  fitBlocks,
  header,
  message,
  section,
  type Block,
  type ResponseType,
  type SlackMessage,
} from './blockKit.js';
import { scenarioText } from './explainAnswer.js';
import { footer, plainText } from './renderPolicy.js';
import { escapeMrkdwn, formatPercent } from './textFormat.js';

/** Impacts or changes shown before the rest is only counted. */
export const MESH_WIDE_SHOWN = 5;
/** Clients named per impact before the rest is counted. */
const CLIENTS_NAMED = 3;

interface MeshWideContext {
  readonly responseType: ResponseType;
  readonly link?: string;
}

function rates(i: Impact): string {
  const parts = [`*${formatPercent(i.errorPercent)}* errors`];
  if (i.saturatedPercent !== null && i.saturatedPercent > 0)
    parts.push(`${formatPercent(i.saturatedPercent)} saturated`);
  if (i.overflowPercent > 0) parts.push(`${formatPercent(i.overflowPercent)} overflow`);
  return parts.join(', ');
}

function impactLine(i: Impact): string {
  const clients = i.classes.flatMap((c) => c.clientClass.clients);
  const named = clients
    .slice(0, CLIENTS_NAMED)
    .map((c) => `\`${escapeMrkdwn(c)}\``)
    .join(', ');
  const more =
    clients.length > CLIENTS_NAMED ? ` and ${(clients.length - CLIENTS_NAMED).toString()} more` : '';
  const worst = i.classes[0]?.clientClass.description ?? '';
  return `• \`${escapeMrkdwn(i.backend)}\`: ${rates(i)} for ${escapeMrkdwn(worst)} — ${named}${more}`;
}

function rest(count: number, noun: string): string[] {
  return count > 0 ? [`…and ${count.toString()} more ${noun}.`] : [];
}

function send(title: string, lines: readonly string[], tail: Block, ctx: MeshWideContext): SlackMessage {
  const blocks = fitBlocks([header(title), ...lines.map((l) => section(l)), tail]);
  const text = [title, ...lines.map(plainText), ...(ctx.link === undefined ? [] : [ctx.link])].join('\n');
  return message(ctx.responseType, text, blocks);
}

export function renderBlastRadius(
  answer: BlastRadius,
  scenario: Scenario,
  ctx: MeshWideContext & { readonly snapshot: string },
): SlackMessage {
  const title = `Blast radius: ${scenarioText(scenario)}`;
  const headline =
    answer.impacts.length === 0
      ? `No backend sees errors, saturation or overflow across ${answer.pairs.toString()} client × backend pairs.`
      : `*${answer.impacts.length.toString()}* of ${answer.backendCount.toString()} backends are impacted, worst first (${answer.pairs.toString()} client × backend pairs in ${answer.classCount.toString()} client classes):`;
  const unmatched =
    answer.unmatched.length === 0
      ? []
      : [
          `:warning: Nothing on any path matches ${answer.unmatched.map((u) => `\`${escapeMrkdwn(u)}\``).join(', ')}.`,
        ];
  const lines = [
    headline,
    ...unmatched,
    ...(answer.impacts.length === 0
      ? []
      : [answer.impacts.slice(0, MESH_WIDE_SHOWN).map(impactLine).join('\n')]),
    ...rest(answer.impacts.length - MESH_WIDE_SHOWN, 'impacted backends'),
  ];
  return send(
    title,
    lines,
    footer([`snapshot ${ctx.snapshot}`, `profile ${answer.profile}`], ctx.link, 'blastRadius'),
    ctx,
  );
}

export function renderDiff(
  answer: SnapshotDiff,
  ctx: MeshWideContext & { readonly before: string; readonly after: string },
): SlackMessage {
  const title = `Diff: ${ctx.before} → ${ctx.after}`;
  const headline =
    answer.changes.length === 0
      ? `No change in effective behaviour across ${answer.pairs.toString()} client × backend pairs.`
      : `*${answer.changes.length.toString()}* behaviour changes across ${answer.pairs.toString()} client × backend pairs:`;
  const diagnostics =
    answer.diagnosticsAdded.length + answer.diagnosticsResolved.length === 0
      ? []
      : [
          `Diagnostics: ${answer.diagnosticsAdded.length.toString()} added (${answer.diagnosticsAdded.map((d) => d.code).join(', ') || 'none'}), ${answer.diagnosticsResolved.length.toString()} resolved (${answer.diagnosticsResolved.map((d) => d.code).join(', ') || 'none'}).`,
        ];
  const lines = [
    headline,
    ...(answer.changes.length === 0
      ? []
      : [
          answer.changes
            .slice(0, MESH_WIDE_SHOWN)
            .map((c) => `• ${escapeMrkdwn(c.summary)}`)
            .join('\n'),
        ]),
    ...rest(answer.changes.length - MESH_WIDE_SHOWN, 'changes'),
    ...answer.differences.map(escapeMrkdwn),
    ...diagnostics,
  ];
  const profiles =
    answer.profiles.before === answer.profiles.after
      ? `profile ${answer.profiles.after}`
      : `profiles ${answer.profiles.before} → ${answer.profiles.after}`;
  return send(title, lines, footer([profiles], ctx.link, 'diff'), ctx);
}
