/** Reads a Slack message back as text and checks it against Slack's documented limits. */
import { expect } from 'vitest';
import type { Block, SlackMessage } from '../../../src/slack/blockKit.js';

export function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [block.text.text];
    case 'section':
      return [
        ...(block.text === undefined ? [] : [block.text.text]),
        ...(block.fields ?? []).map((f) => f.text),
      ];
    case 'context':
      return block.elements.map((e) => e.text);
    case 'divider':
      return [];
  }
}

export const allText = (message: SlackMessage): string =>
  (message.blocks ?? []).flatMap(blockTexts).join('\n');

export function expectWithinSlackLimits(message: SlackMessage): void {
  const blocks = message.blocks ?? [];
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeGreaterThan(0);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      expect(block.text !== undefined || (block.fields?.length ?? 0) > 0).toBe(true);
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
  }
}
