import { describe, expect, it } from 'vitest';
import { renderHelp } from '../../../src/slack/renderHelp.js';
import { renderSnapshots } from '../../../src/slack/renderSnapshots.js';
import type { SnapshotSummary } from '../../../src/services/types.js';
import { COMMAND_NAMES, USAGE } from '../../../src/slack/usage.js';
import { allText, expectWithinSlackLimits } from './slackAssertions.js';

const snapshot = (id: string, name: string): SnapshotSummary => ({
  id,
  name,
  names: [name],
  profile: 'SOLO',
  contentHash: 'h',
  createdAt: '2026-11-22T10:00:00.000Z',
  clusters: [{ name: 'cluster1', network: 'network1' }],
  counts: {},
  ignored: {},
  diagnostics: [],
});

describe('renderHelp', () => {
  it('lists every command with its usage', () => {
    const m = renderHelp('ephemeral');
    expectWithinSlackLimits(m);
    for (const name of COMMAND_NAMES) {
      expect(allText(m)).toContain(`/spillway ${USAGE[name]}`);
      expect(m.text).toContain(`/spillway ${USAGE[name]}`);
    }
    expect(allText(m)).toContain('--public');
  });

  it.each(COMMAND_NAMES)('shows only %s when asked', (name) => {
    const m = renderHelp('in_channel', name);
    expect(m.response_type).toBe('in_channel');
    const others = COMMAND_NAMES.filter((n) => n !== name && !USAGE[name].includes(USAGE[n]));
    for (const other of others) expect(m.text).not.toContain(`/spillway ${USAGE[other]}`);
    expect(m.text).toContain(`/spillway ${USAGE[name]}`);
  });
});

describe('renderSnapshots', () => {
  it('lists snapshots with their @ reference', () => {
    const m = renderSnapshots(
      { items: [snapshot('s1', 'httpbin-after'), snapshot('s2', 'bookinfo')], nextCursor: 'c' },
      'ephemeral',
    );
    const text = allText(m);
    expect(text).toContain('*httpbin-after* `@s1` · SOLO · cluster1/network1');
    expect(text).toContain('*bookinfo* `@s2`');
    expect(text).toContain('Showing the newest 2');
    expect(m.text).toContain('httpbin-after @s1');
  });

  it('says how to upload when there are none', () => {
    expect(allText(renderSnapshots({ items: [] }, 'ephemeral'))).toContain('No snapshots yet');
  });
});
