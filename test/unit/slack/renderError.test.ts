import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/index.js';
import { AppError } from '../../../src/errors/appError.js';
import { toAppError } from '../../../src/errors/toAppError.js';
import { renderAppError, renderUsageError } from '../../../src/slack/renderError.js';
import { allText } from './slackAssertions.js';

describe('renderAppError', () => {
  it.each([
    {
      error: new EngineError('UNKNOWN_CLIENT', 'No client httpbin/clinet-in-ambient.', {
        closest: ['httpbin/client-in-ambient', 'httpbin/client-sidecar'],
      }),
      command: 'policy' as const,
      needles: [
        '*Unknown client*: No client httpbin/clinet-in-ambient.',
        'Did you mean: `httpbin/client-in-ambient`, `httpbin/client-sidecar`?',
        'Usage: `/spillway policy CLIENT BACKEND [@SNAPSHOT]`',
      ],
    },
    {
      error: new EngineError('UNKNOWN_BACKEND', 'No backend in-ambent.httpbin.', {
        closest: 'in-ambient.httpbin.svc.cluster.local',
      }),
      command: 'whatif' as const,
      needles: [
        '*Unknown backend*',
        'Did you mean: `in-ambient.httpbin.svc.cluster.local`?',
        'Usage: `/spillway whatif CLIENT BACKEND',
      ],
    },
    {
      error: new EngineError('AMBIGUOUS_REFERENCE', 'productpage exists in 2 clusters.', {
        candidates: ['cluster1/bookinfo/productpage', 'cluster2/bookinfo/productpage'],
      }),
      command: 'policy' as const,
      needles: [
        '*Ambiguous reference*',
        'Candidates: `cluster1/bookinfo/productpage`, `cluster2/bookinfo/productpage`',
      ],
    },
    {
      error: new AppError('UNKNOWN_SNAPSHOT', 'No snapshot prdo.'),
      command: 'policy' as const,
      needles: ['*Unknown snapshot*: No snapshot prdo.', '`/spillway snapshots` lists them.'],
    },
    {
      error: new EngineError('INVALID_SCENARIO', 'loadFactor must be at most 100.', {
        problems: ['loadFactor must be at most 100'],
      }),
      command: 'whatif' as const,
      needles: ['*Invalid scenario*', 'Problems: `loadFactor must be at most 100`'],
    },
  ])('explains $error.code with the closest names and usage', ({ error, command, needles }) => {
    const m = renderAppError(toAppError(error), command);
    expect(m.response_type).toBe('ephemeral');
    const text = allText(m);
    for (const needle of needles) expect(text).toContain(needle);
  });

  it('never shows an internal message or stack', () => {
    const secret = new Error('SQLITE_CORRUPT at /srv/data/spillway.db');
    const m = renderAppError(toAppError(secret), 'policy');
    const everything = `${m.text}\n${allText(m)}`;
    expect(everything).toContain('internal error');
    expect(everything).not.toContain('SQLITE');
    expect(everything).not.toContain('/srv');
    expect(everything).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('renderUsageError', () => {
  it.each([
    {
      error: {
        message: '`polcy` is not a Spillway command.',
        suggestion: 'policy',
        responseType: 'ephemeral' as const,
      },
      needles: ['Did you mean `policy`?', 'Try `/spillway help`.'],
    },
    {
      error: {
        message: '`load` needs a value.',
        command: 'whatif' as const,
        responseType: 'in_channel' as const,
      },
      needles: ['`load` needs a value.', 'Usage: `/spillway whatif'],
    },
  ])('$error.message', ({ error, needles }) => {
    const m = renderUsageError(error);
    // Mistakes are only shown to the person who made them.
    expect(m.response_type).toBe('ephemeral');
    for (const needle of needles) expect(allText(m)).toContain(needle);
  });
});
