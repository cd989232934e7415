/** `/spillway policy`: the effective policy of a client→backend path as Block Kit plus a plain-text summary. */
import type { EffectivePolicy, Hop } from '../engine/model/answer.js';
import { context, divider, header, message, section } from './blockKit.js';
import type { Block, ResponseType, SlackMessage } from './blockKit.js';
import { diagnosticsSummary, diagnosticsText } from './renderDiagnostics.js';
import { pathText, renderHopBlocks } from './renderHop.js';
import { escapeMrkdwn, formatProxy, formatRef } from './textFormat.js';

export interface AnswerContext {
  readonly client: string;
  readonly backend: string;
  readonly snapshot: string;
  readonly responseType: ResponseType;
}

/** One line per hop for the notification text: who balances, how and under which rule. */
export function hopSummary(hop: Hop, index: number): string {
  const dr = hop.destinationRule === undefined ? 'no DestinationRule' : formatRef(hop.destinationRule);
  return (
    `hop ${index + 1}: ${formatProxy(hop.from)} -> ${hop.to} (${hop.layer}); ` +
    `${hop.trafficDistribution.mode} from ${hop.trafficDistribution.source}; ${hop.loadBalancer}; ${dr}`
  );
}

export function renderPolicy(policy: EffectivePolicy, ctx: AnswerContext): SlackMessage {
  const title = `Policy: ${ctx.client} → ${ctx.backend}`;
  const blocks: Block[] = [
    header(title),
    context(
      `Snapshot ${escapeMrkdwn(ctx.snapshot)} · profile ${policy.profile} · ${policy.hops.length} hop${policy.hops.length === 1 ? '' : 's'}`,
    ),
    section(pathText(policy)),
  ];
  policy.hops.forEach((hop, i) => {
    blocks.push(divider(), ...renderHopBlocks(hop, i));
  });
  const diagnostics = diagnosticsText(policy.diagnostics);
  if (diagnostics !== undefined) blocks.push(divider(), section(diagnostics));
  const text = [
    `Policy ${ctx.client} -> ${ctx.backend} (snapshot ${ctx.snapshot}, profile ${policy.profile})`,
    ...policy.hops.map(hopSummary),
    `Diagnostics: ${diagnosticsSummary(policy.diagnostics)}`,
  ].join('\n');
  return message(ctx.responseType, text, blocks);
}
