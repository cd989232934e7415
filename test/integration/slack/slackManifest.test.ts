/** The app manifest in docs/slack.md is valid YAML and points Slack at the route this adapter serves. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_COMMANDS_PATH } from '../../../src/slack/plugin.js';
import { SLASH_COMMAND } from '../../../src/slack/usage.js';

interface Manifest {
  features: { slash_commands: { command: string; url: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
}

const docs = readFileSync(new URL('../../../docs/slack.md', import.meta.url), 'utf8');

describe('docs/slack.md app manifest', () => {
  it('declares /spillway at the commands route with the commands scope', () => {
    const block = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBeDefined();
    const manifest = parse((block ?? '').replace(/^ {3}/gm, '')) as Manifest;
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(SLASH_COMMAND);
    expect(new URL(command?.url.replace('<your-host>', 'example.com') ?? '').pathname).toBe(
      SLACK_COMMANDS_PATH,
    );
    expect(command?.should_escape).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });
});
