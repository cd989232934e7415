/** `/spillway whatif`: the scenario against the baseline, hop by hop, with error and overflow rates. */
import type { Ejection, Scenario, WhatIf } from '../engine/model/answer.js';
import { context, divider, header, message, section } from './blockKit.js';
import type { Block, SlackMessage } from './blockKit.js';
import { diagnosticsSummary, diagnosticsText } from './renderDiagnostics.js';
import { pathText, renderHopBlocks } from './renderHop.js';
import type { AnswerContext } from './renderPolicy.js';
import { code, escapeMrkdwn, formatFactor, formatPercent } from './textFormat.js';

export const MAX_EJECTIONS_SHOWN = 10;
export const MAX_MODEL_NOTES = 3;

export function scenarioText(scenario: Scenario): string {
  const parts: string[] = [];
  if (scenario.ejectEndpoints !== undefined && scenario.ejectEndpoints.length > 0)
    parts.push(`eject ${scenario.ejectEndpoints.join(', ')}`);
  if (scenario.loadFactor !== undefined) parts.push(`load ${formatFactor(scenario.loadFactor)}`);
  if (scenario.failLocalities !== undefined && scenario.failLocalities.length > 0)
    parts.push(`fail ${scenario.failLocalities.join(', ')}`);
  if (scenario.overprovisioningFactor !== undefined)
    parts.push(`overprovisioning ${scenario.overprovisioningFactor}%`);
  return parts.length === 0 ? 'no change (baseline)' : parts.join(' · ');
}

function ejectionLine(e: Ejection): string {
  const duration = e.ejectionSeconds === undefined ? '' : ` for ${e.ejectionSeconds}s`;
  const reason = e.reason === undefined ? '' : ` — ${escapeMrkdwn(e.reason)}`;
  return `• ${code(e.endpoint)}: *${e.outcome.replaceAll('_', ' ').toLowerCase()}*${duration}${reason}`;
}

export function ejectionsText(ejections: readonly Ejection[]): string | undefined {
  if (ejections.length === 0) return undefined;
  const lines = ejections.slice(0, MAX_EJECTIONS_SHOWN).map(ejectionLine);
  const more = ejections.length - MAX_EJECTIONS_SHOWN;
  if (more > 0) lines.push(`_…and ${more} more._`);
  return `*Ejections*\n${lines.join('\n')}`;
}

export function renderWhatIf(answer: WhatIf, scenario: Scenario, ctx: AnswerContext): SlackMessage {
  const title = `What if: ${ctx.client} → ${ctx.backend}`;
  const blocks: Block[] = [
    header(title),
    context(`Snapshot ${escapeMrkdwn(ctx.snapshot)} · profile ${answer.profile}`),
    section(
      `*Scenario*: ${escapeMrkdwn(scenarioText(scenario))}\n` +
        `*Errors*: ${formatPercent(answer.errorPercent)} of requests · *Overflow*: ${formatPercent(answer.overflowPercent)}`,
    ),
    section(pathText(answer.scenario)),
  ];
  const ejections = ejectionsText(answer.ejections);
  if (ejections !== undefined) blocks.push(section(ejections));
  answer.scenario.hops.forEach((hop, i) => {
    blocks.push(divider(), ...renderHopBlocks(hop, i, answer.baseline.hops[i], answer.ejections));
  });
  const diagnostics = diagnosticsText(answer.scenario.diagnostics);
  if (diagnostics !== undefined) blocks.push(divider(), section(diagnostics));
  if (answer.notes.length > 0)
    blocks.push(context(...answer.notes.slice(0, MAX_MODEL_NOTES).map(escapeMrkdwn)));
  const text = [
    `What if ${ctx.client} -> ${ctx.backend} (snapshot ${ctx.snapshot}, profile ${answer.profile}): ${scenarioText(scenario)}`,
    `Errors ${formatPercent(answer.errorPercent)}, overflow ${formatPercent(answer.overflowPercent)}`,
    ...answer.ejections.map((e) => `${e.endpoint}: ${e.outcome}`),
    `Diagnostics: ${diagnosticsSummary(answer.scenario.diagnostics)}`,
  ].join('\n');
  return message(ctx.responseType, text, blocks);
}
