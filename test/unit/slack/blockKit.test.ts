import { describe, expect, it } from 'vitest';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_HEADER_TEXT_CHARS,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT_CHARS,
  MAX_TOTAL_BLOCK_TEXT_CHARS,
  blockTextLength,
  codeBlock,
  fieldsSection,
  fitBlocks,
  header,
  message,
  section,
  truncateText,
} from '../../../src/slack/blockKit.js';
import type { Block } from '../../../src/slack/blockKit.js';

const sectionText = (block: Block | undefined): string =>
  block?.type === 'section' ? (block.text?.text ?? '') : '';

describe('truncateText', () => {
  it.each([
    { text: 'short', max: 10, expected: 'short' },
    { text: 'x'.repeat(10), max: 10, expected: 'x'.repeat(10) },
    { text: 'x'.repeat(50), max: 20, expected: `${'x'.repeat(7)}… (truncated)` },
  ])('cuts $text.length chars to at most $max', ({ text, max, expected }) => {
    const result = truncateText(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });

  it('closes an open code fence and keeps whole rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `row-${String(i).padStart(3, '0')} 12.5%`);
    const text = `*Endpoints*\n${codeBlock(rows)}`;
    const cut = truncateText(text, 500);
    expect(cut.length).toBeLessThanOrEqual(500);
    expect(cut.split('```').length - 1).toBe(2);
    expect(cut).toMatch(/row-\d{3} 12\.5%\n```… \(truncated\)$/);
  });
});

describe('fitBlocks', () => {
  it('leaves a message within every limit untouched', () => {
    const blocks = [header('Policy'), section('hello'), fieldsSection(['a', 'b'])];
    expect(fitBlocks(blocks)).toEqual(blocks);
  });

  it.each([
    { name: 'a long header', block: header('h'.repeat(400)), max: MAX_HEADER_TEXT_CHARS },
    { name: 'a long section', block: section('s'.repeat(5000)), max: MAX_SECTION_TEXT_CHARS },
  ])('truncates $name', ({ block, max }) => {
    const [fitted] = fitBlocks([block]);
    expect(fitted).toBeDefined();
    const text = fitted?.type === 'header' ? fitted.text.text : sectionText(fitted);
    expect(text.length).toBeLessThanOrEqual(max);
    expect(text).toContain('(truncated)');
  });

  it('keeps at most ten fields per section', () => {
    const [fitted] = fitBlocks([fieldsSection(Array.from({ length: 14 }, (_, i) => `f${i}`))]);
    expect(fitted?.type === 'section' ? fitted.fields?.length : 0).toBe(MAX_SECTION_FIELDS);
  });

  it.each([
    { count: 50, expectedBlocks: 50, note: false },
    { count: 51, expectedBlocks: 50, note: true },
    { count: 120, expectedBlocks: 50, note: true },
  ])('$count small blocks → $expectedBlocks blocks', ({ count, expectedBlocks, note }) => {
    const fitted = fitBlocks(Array.from({ length: count }, (_, i) => section(`block ${i}`)));
    expect(fitted).toHaveLength(expectedBlocks);
    const last = fitted.at(-1);
    expect(last?.type === 'context' && last.elements[0]?.text.includes('left out')).toBe(note);
    if (note)
      expect(last?.type === 'context' ? last.elements[0]?.text : '').toContain(
        `${count - (MAX_BLOCKS_PER_MESSAGE - 1)} more blocks`,
      );
  });

  it('stays under the overall text budget with many large sections', () => {
    const fitted = fitBlocks(Array.from({ length: 10 }, () => section('y'.repeat(2900))));
    const total = fitted.reduce((sum, b) => sum + blockTextLength(b), 0);
    expect(total).toBeLessThanOrEqual(MAX_TOTAL_BLOCK_TEXT_CHARS);
    expect(fitted.length).toBeLessThan(10);
    expect(fitted.at(-1)?.type).toBe('context');
  });
});

describe('message', () => {
  it('bounds the fallback text and fits the blocks', () => {
    const m = message('in_channel', 'z'.repeat(10_000), [header('x'.repeat(200))]);
    expect(m.response_type).toBe('in_channel');
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(m.blocks?.[0]?.type === 'header' ? m.blocks[0].text.text.length : 0).toBeLessThanOrEqual(150);
  });

  it('omits blocks when given none', () => {
    expect(message('ephemeral', 'hi')).toEqual({ response_type: 'ephemeral', text: 'hi' });
  });
});
