/**
 * The small subset of Block Kit Spillway sends, and the fitting step that keeps every message inside
 * Slack's limits (https://docs.slack.dev/reference/block-kit/blocks). Slack rejects a whole message when one
 * block is too long, so we truncate with a visible note instead of losing the answer.
 */

export interface PlainText {
  readonly type: 'plain_text';
  readonly text: string;
  readonly emoji?: boolean;
}

export interface Mrkdwn {
  readonly type: 'mrkdwn';
  readonly text: string;
}

export type TextObject = PlainText | Mrkdwn;

export interface HeaderBlock {
  readonly type: 'header';
  readonly text: PlainText;
}

export interface SectionBlock {
  readonly type: 'section';
  readonly text?: TextObject;
  readonly fields?: readonly TextObject[];
}

export interface ContextBlock {
  readonly type: 'context';
  readonly elements: readonly TextObject[];
}

export interface DividerBlock {
  readonly type: 'divider';
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock;

export type ResponseType = 'ephemeral' | 'in_channel';

/** The JSON body of a slash-command response, inline or posted to `response_url`. */
export interface SlackMessage {
  readonly response_type: ResponseType;
  /** Plain-text fallback for notifications and clients that cannot show blocks. */
  readonly text: string;
  readonly blocks?: readonly Block[];
}

export const MAX_BLOCKS_PER_MESSAGE = 50;
export const MAX_SECTION_TEXT_CHARS = 3_000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_SECTION_FIELD_CHARS = 2_000;
export const MAX_HEADER_TEXT_CHARS = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
/** Slack answers `msg_blocks_too_long` well below the documented per-block limits (bolt-js#2509). */
export const MAX_TOTAL_BLOCK_TEXT_CHARS = 12_000;
/** Keeps the notification fallback readable; Slack itself truncates `text` far later. */
export const MAX_FALLBACK_TEXT_CHARS = 3_000;

const ELLIPSIS = '…';
const CODE_FENCE = '```';

export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text });
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const fieldsSection = (fields: readonly string[]): SectionBlock => ({
  type: 'section',
  fields: fields.map(mrkdwn),
});
export const context = (...texts: readonly string[]): ContextBlock => ({
  type: 'context',
  elements: texts.map(mrkdwn),
});

/** A monospace table in a code block; Slack has no table block in messages. */
export const codeBlock = (lines: readonly string[]): string =>
  `${CODE_FENCE}\n${lines.join('\n')}\n${CODE_FENCE}`;

/**
 * Cuts `text` to at most `max` characters, ending with `…`. A cut inside a code block closes the fence so
 * the rest of the message still renders.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const suffix = `${ELLIPSIS} (truncated)`;
  const closing = `\n${CODE_FENCE}`;
  let cut = text.slice(0, Math.max(0, max - suffix.length));
  const fences = cut.split(CODE_FENCE).length - 1;
  if (fences % 2 === 1) {
    cut = text.slice(0, Math.max(0, max - suffix.length - closing.length));
    // Cut at a line end so the table keeps whole rows.
    const lastNewline = cut.lastIndexOf('\n');
    if (lastNewline > cut.lastIndexOf(CODE_FENCE)) cut = cut.slice(0, lastNewline);
    return `${cut}${closing}${suffix}`.slice(0, max);
  }
  return `${cut}${suffix}`;
}

function fitTextObject<T extends TextObject>(object: T, max: number): T {
  return object.text.length <= max ? object : { ...object, text: truncateText(object.text, max) };
}

function fitBlock(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { ...block, text: fitTextObject(block.text, MAX_HEADER_TEXT_CHARS) };
    case 'section': {
      const fitted: { text?: TextObject; fields?: readonly TextObject[] } = {};
      if (block.text !== undefined) fitted.text = fitTextObject(block.text, MAX_SECTION_TEXT_CHARS);
      if (block.fields !== undefined) {
        fitted.fields = block.fields
          .slice(0, MAX_SECTION_FIELDS)
          .map((f) => fitTextObject(f, MAX_SECTION_FIELD_CHARS));
      }
      return { type: 'section', ...fitted };
    }
    case 'context':
      return {
        ...block,
        elements: block.elements
          .slice(0, MAX_CONTEXT_ELEMENTS)
          .map((e) => fitTextObject(e, MAX_SECTION_TEXT_CHARS)),
      };
    case 'divider':
      return block;
  }
}

export function blockTextLength(block: Block): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, f) => sum + f.text.length, 0);
    case 'context':
      return block.elements.reduce((sum, e) => sum + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

/**
 * Applies every per-block limit, then keeps whole blocks while both the block count and the overall text
 * budget allow, ending with a note saying how much was left out.
 */
export function fitBlocks(
  blocks: readonly Block[],
  omittedHint = 'Ask the GraphQL API for the full answer.',
): Block[] {
  const fitted = blocks.map(fitBlock);
  const totalLength = fitted.reduce((sum, b) => sum + blockTextLength(b), 0);
  if (fitted.length <= MAX_BLOCKS_PER_MESSAGE && totalLength <= MAX_TOTAL_BLOCK_TEXT_CHARS) return fitted;
  const noteReserveChars = 200;
  const kept: Block[] = [];
  let total = 0;
  for (const [index, block] of fitted.entries()) {
    const length = blockTextLength(block);
    // Always leave room for the closing note: one block and its characters.
    if (
      kept.length + 2 > MAX_BLOCKS_PER_MESSAGE ||
      total + length + noteReserveChars > MAX_TOTAL_BLOCK_TEXT_CHARS
    ) {
      const left = fitted.length - index;
      kept.push(
        context(
          `_${left} more block${left === 1 ? '' : 's'} left out to stay within Slack's limits. ${omittedHint}_`,
        ),
      );
      return kept;
    }
    kept.push(block);
    total += length;
  }
  return kept;
}

/** A message with fitted blocks and a bounded fallback text. */
export function message(responseType: ResponseType, text: string, blocks?: readonly Block[]): SlackMessage {
  const fallback = truncateText(text, MAX_FALLBACK_TEXT_CHARS);
  return blocks === undefined
    ? { response_type: responseType, text: fallback }
    : { response_type: responseType, text: fallback, blocks: fitBlocks(blocks) };
}
