/**
 * `/spillway whatif`: the headline (errors, saturation when modelled, overflow) and the scenario, the three
 * lines that explain it (what was ejected or failed, where traffic moved, what still fails), and the link.
 */
import type { Scenario, WhatIf } from '../engine/index.js';
import { message } from './blockKit.js';
import type { SlackMessage } from './blockKit.js';
import { explainWhatIf } from './explainAnswer.js';
import { diagnosticsSummary } from './renderDiagnostics.js';
import { explanationBlocks, fallbackText, footer, type AnswerContext } from './renderPolicy.js';

export { scenarioText } from './explainAnswer.js';

export function renderWhatIf(answer: WhatIf, scenario: Scenario, ctx: AnswerContext): SlackMessage {
  const title = `What if: ${ctx.client} → ${ctx.backend}`;
  const explanation = explainWhatIf(answer, scenario);
  const blocks = [
    ...explanationBlocks(title, explanation),
    footer(
      [
        `snapshot ${ctx.snapshot}`,
        `profile ${answer.profile}`,
        diagnosticsSummary(answer.scenario.diagnostics),
      ],
      ctx.link,
      'whatIf',
    ),
  ];
  return message(ctx.responseType, fallbackText(title, explanation, ctx.link), blocks);
}
