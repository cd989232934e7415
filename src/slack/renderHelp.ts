/** `/spillway help`: the grammar, what each command answers and examples to copy. */
import { context, header, message, section } from './blockKit.js';
import { portalContext } from './portalContext.js';
import type { Block, ResponseType, SlackMessage } from './blockKit.js';
import { COMMAND_NAMES, DESCRIPTION, EXAMPLES, PUBLIC_FLAGS, SLASH_COMMAND, usageLine } from './usage.js';
import type { CommandName } from './usage.js';

function commandText(name: CommandName): string {
  const examples = EXAMPLES[name].map((e) => `\`${SLASH_COMMAND} ${e}\``).join('\n');
  return `*\`${usageLine(name)}\`*\n${DESCRIPTION[name]}\n${examples}`;
}

export const GENERAL_NOTES =
  `Without \`@SNAPSHOT\` the newest snapshot (\`@latest\`) is used; \`@\` takes a snapshot id or name. ` +
  `Answers are visible only to you; add \`${PUBLIC_FLAGS[0] ?? ''}\` to post one to the channel.`;

export function renderHelp(responseType: ResponseType, topic?: CommandName, link?: string): SlackMessage {
  const names = topic === undefined ? COMMAND_NAMES : [topic];
  const blocks: Block[] = [
    header(topic === undefined ? 'Spillway: traffic policy from chat' : `Spillway: ${topic}`),
    ...names.map((n) => section(commandText(n))),
    context(GENERAL_NOTES),
    ...portalContext(link),
  ];
  const text = ['Spillway commands:', ...names.map(usageLine), ...(link === undefined ? [] : [link])].join(
    '\n',
  );
  return message(responseType, text, blocks);
}
