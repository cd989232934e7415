/**
 * `/spillway policy`: the path on one line, the three lines that decide where requests go on the last hop,
 * and a link to the same view in the portal (the diagram, every hop and endpoint).
 */
import type { EffectivePolicy } from '../engine/index.js';
import { context, header, message, section } from './blockKit.js';
import type { Block, ResponseType, SlackMessage } from './blockKit.js';
import { explainPolicy, type Explanation } from './explainAnswer.js';
import { diagnosticsSummary } from './renderDiagnostics.js';
import { PORTAL_LINK_TEXT } from './portalContext.js';
import { escapeMrkdwn } from './textFormat.js';

export interface AnswerContext {
  readonly client: string;
  readonly backend: string;
  readonly snapshot: string;
  readonly responseType: ResponseType;
  /** The same view in the portal, when `SPILLWAY_PUBLIC_URL` is set. */
  readonly link?: string;
}

/** The last block of every answer: where it came from, and the way to the picture. */
export function footer(facts: readonly string[], link: string | undefined, graphqlField: string): Block {
  const where =
    link === undefined
      ? `full answer: GraphQL \`${graphqlField}\``
      : `<${escapeMrkdwn(link)}|${PORTAL_LINK_TEXT}>`;
  return context([...facts.map(escapeMrkdwn), where].join(' · '));
}

/** Strips mrkdwn for the plain-text fallback that notifications show. */
export const plainText = (mrkdwn: string): string =>
  mrkdwn
    .replaceAll(/:[a-z_]+: /g, '')
    .replaceAll(/[*`]/g, '')
    // Italics only: `_text_` at word edges; names such as ROUND_ROBIN keep their underscores.
    .replaceAll(/(^|\s)_([^_\n]+)_(?=$|[\s.,;])/gm, '$1$2')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

export function explanationBlocks(title: string, explanation: Explanation): Block[] {
  const blocks: Block[] = [header(title), section(explanation.headline)];
  if (explanation.lines.length > 0) blocks.push(section(explanation.lines.map((l) => `• ${l}`).join('\n')));
  return blocks;
}

export function fallbackText(title: string, explanation: Explanation, link: string | undefined): string {
  return [
    title,
    plainText(explanation.headline),
    ...explanation.lines.map(plainText),
    ...(link === undefined ? [] : [link]),
  ].join('\n');
}

export function renderPolicy(policy: EffectivePolicy, ctx: AnswerContext): SlackMessage {
  const title = `Policy: ${ctx.client} → ${ctx.backend}`;
  const explanation = explainPolicy(policy);
  const blocks = [
    ...explanationBlocks(title, explanation),
    footer(
      [`snapshot ${ctx.snapshot}`, `profile ${policy.profile}`, diagnosticsSummary(policy.diagnostics)],
      ctx.link,
      'effectivePolicy',
    ),
  ];
  return message(ctx.responseType, fallbackText(title, explanation, ctx.link), blocks);
}
