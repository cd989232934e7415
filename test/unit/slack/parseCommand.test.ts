import { describe, expect, it } from 'vitest';
import {
  normalizeSlackText,
  parseCommand,
  parseLoadFactor,
  suggest,
} from '../../../src/slack/parseCommand.js';

const C = 'httpbin/client-in-ambient';
const B = 'in-ambient.httpbin';

describe('parseCommand: accepted commands', () => {
  it.each([
    { text: '', command: { kind: 'help', responseType: 'ephemeral' } },
    { text: '   ', command: { kind: 'help', responseType: 'ephemeral' } },
    { text: 'help', command: { kind: 'help', responseType: 'ephemeral' } },
    { text: 'HELP whatif', command: { kind: 'help', topic: 'whatif', responseType: 'ephemeral' } },
    { text: 'help what-if', command: { kind: 'help', topic: 'whatif', responseType: 'ephemeral' } },
    { text: 'snapshots', command: { kind: 'snapshots', responseType: 'ephemeral' } },
    {
      text: 'blast us-east/us-east-1a',
      command: {
        kind: 'blast',
        snapshot: 'latest',
        scenario: { failLocalities: ['us-east/us-east-1a'] },
        responseType: 'ephemeral',
      },
    },
    {
      text: 'blast us-east/us-east-1a, cluster:c2 eject pod-a,pod-b load 1.5 @prod --public',
      command: {
        kind: 'blast',
        snapshot: 'prod',
        scenario: {
          ejectEndpoints: ['pod-a', 'pod-b'],
          loadFactor: 1.5,
          failLocalities: ['us-east/us-east-1a', 'cluster:c2'],
        },
        responseType: 'in_channel',
      },
    },
    {
      text: 'blast us-east/us-east-1a failure connect',
      command: {
        kind: 'blast',
        snapshot: 'latest',
        scenario: { failLocalities: ['us-east/us-east-1a'], failure: 'CONNECT_FAILURE' },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} eject pod-a failure=not-ready`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { ejectEndpoints: ['pod-a'], failure: 'NOT_READY' },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} fail us-east failure HTTP_5XX`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { failLocalities: ['us-east'], failure: 'HTTP_5XX' },
        responseType: 'ephemeral',
      },
    },
    {
      text: 'diff httpbin-before httpbin-after',
      command: { kind: 'diff', before: 'httpbin-before', after: 'httpbin-after', responseType: 'ephemeral' },
    },
    {
      text: 'diff @a @b in_channel',
      command: { kind: 'diff', before: 'a', after: 'b', responseType: 'in_channel' },
    },
    { text: 'snapshots --public', command: { kind: 'snapshots', responseType: 'in_channel' } },
    {
      text: `policy ${C} ${B}`,
      command: { kind: 'policy', client: C, backend: B, snapshot: 'latest', responseType: 'ephemeral' },
    },
    {
      text: `policy ${C} ${B} @prod-2026-11-22`,
      command: {
        kind: 'policy',
        client: C,
        backend: B,
        snapshot: 'prod-2026-11-22',
        responseType: 'ephemeral',
      },
    },
    {
      text: `@abc123 policy ${C} ${B}`,
      command: { kind: 'policy', client: C, backend: B, snapshot: 'abc123', responseType: 'ephemeral' },
    },
    {
      text: `policy ${C} @abc ${B} in_channel`,
      command: { kind: 'policy', client: C, backend: B, snapshot: 'abc', responseType: 'in_channel' },
    },
    {
      text: `policy ${C} ${B} —public`,
      command: { kind: 'policy', client: C, backend: B, snapshot: 'latest', responseType: 'in_channel' },
    },
    {
      text: `whatif ${C} ${B}`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: {},
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} load 1.5`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { loadFactor: 1.5 },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} eject pod-a,pod-b load 2x fail us-east-1/us-east-1a,cluster:cluster2 @prod --public`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'prod',
        scenario: {
          ejectEndpoints: ['pod-a', 'pod-b'],
          loadFactor: 2,
          failLocalities: ['us-east-1/us-east-1a', 'cluster:cluster2'],
        },
        responseType: 'in_channel',
      },
    },
    {
      text: `whatif ${C} ${B} eject pod-a, pod-b ,10.0.0.7 fail us-west-1`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { ejectEndpoints: ['pod-a', 'pod-b', '10.0.0.7'], failLocalities: ['us-west-1'] },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} eject pod-a eject pod-a,pod-c load=150%`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { ejectEndpoints: ['pod-a', 'pod-c'], loadFactor: 1.5 },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} eject pod-a, load 3`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { ejectEndpoints: ['pod-a'], loadFactor: 3 },
        responseType: 'ephemeral',
      },
    },
    // GraphQL ScenarioInput.utilizationPercent and overload { failsAbovePercent, as }.
    {
      text: `whatif ${C} ${B} load 2 util 60 overload 120`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: {
          loadFactor: 2,
          utilizationPercent: 60,
          overload: { failsAbovePercent: 120, as: 'HTTP_5XX' },
        },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} util=75% overload 100%, timeout`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { utilizationPercent: 75, overload: { failsAbovePercent: 100, as: 'TIMEOUT' } },
        responseType: 'ephemeral',
      },
    },
    {
      text: `whatif ${C} ${B} overload 90,HTTP_5XX`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { overload: { failsAbovePercent: 90, as: 'HTTP_5XX' } },
        responseType: 'ephemeral',
      },
    },
    {
      text: 'blast us-east util 50 overload 110',
      command: {
        kind: 'blast',
        snapshot: 'latest',
        scenario: {
          failLocalities: ['us-east'],
          utilizationPercent: 50,
          overload: { failsAbovePercent: 110, as: 'HTTP_5XX' },
        },
        responseType: 'ephemeral',
      },
    },
    {
      text: `what-if <http://in-ambient.httpbin|${C}> ${B} FAIL cluster:c1`,
      command: {
        kind: 'whatif',
        client: C,
        backend: B,
        snapshot: 'latest',
        scenario: { failLocalities: ['cluster:c1'] },
        responseType: 'ephemeral',
      },
    },
  ])('$text', ({ text, command }) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });
});

describe('parseCommand: usage errors', () => {
  it.each([
    { text: 'polcy a b', suggestion: 'policy', command: undefined, message: /not a Spillway command/ },
    { text: 'whatfi a b', suggestion: 'whatif', command: undefined, message: /not a Spillway command/ },
    {
      text: 'snapshot --public x',
      suggestion: undefined,
      command: 'snapshots',
      message: /takes no arguments/,
    },
    { text: 'snapshts', suggestion: 'snapshots', command: undefined, message: /not a Spillway command/ },
    { text: 'deploy prod', suggestion: undefined, command: undefined, message: /not a Spillway command/ },
    { text: 'blast', suggestion: undefined, command: 'blast', message: /needs the localities/ },
    { text: 'blast eject pod-a', suggestion: undefined, command: 'blast', message: /needs the localities/ },
    {
      text: 'blast us-east/us-east-1a frobnicate x',
      suggestion: undefined,
      command: 'blast',
      message: /blast takes/,
    },
    { text: 'blast us-east load 0', suggestion: undefined, command: 'blast', message: /not a load factor/ },
    {
      text: 'blast us-east failure timeout',
      suggestion: undefined,
      command: 'blast',
      message: /not a failure kind: use `5xx\|connect\|not-ready`/,
    },
    {
      text: `whatif ${C} ${B} util 0`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a utilisation/,
    },
    { text: `whatif ${C} ${B} util 120`, suggestion: undefined, command: 'whatif', message: /at most 100/ },
    {
      text: `whatif ${C} ${B} util high`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a utilisation/,
    },
    {
      text: `whatif ${C} ${B} util 50 util 60`,
      suggestion: undefined,
      command: 'whatif',
      message: /`util` is given twice/,
    },
    {
      text: `whatif ${C} ${B} overload 120,crash`,
      suggestion: undefined,
      command: 'whatif',
      message: /not an overload: .*`5xx` \(the default\) or `timeout`/,
    },
    {
      text: `whatif ${C} ${B} overload timeout`,
      suggestion: undefined,
      command: 'whatif',
      message: /not an overload/,
    },
    {
      text: `whatif ${C} ${B} overload 120,5xx,timeout`,
      suggestion: undefined,
      command: 'whatif',
      message: /not an overload/,
    },
    {
      text: `whatif ${C} ${B} overlaod 120`,
      suggestion: 'overload',
      command: 'whatif',
      message: /whatif takes `eject`, `load`, `fail`, `failure`, `util` and `overload`/,
    },
    {
      text: 'blast us-east failure connect failure 5xx',
      suggestion: undefined,
      command: 'blast',
      message: /`failure` is given twice/,
    },
    { text: 'diff only-one', suggestion: undefined, command: 'diff', message: /needs two snapshots/ },
    { text: 'diff a b c', suggestion: undefined, command: 'diff', message: /needs two snapshots/ },
    { text: 'help polciy', suggestion: 'policy', command: 'help', message: /no help/ },
    {
      text: 'policy onlyclient',
      suggestion: undefined,
      command: 'policy',
      message: /needs a CLIENT and a BACKEND/,
    },
    {
      text: `policy ${C} ${B} extra`,
      suggestion: undefined,
      command: 'policy',
      message: /takes only CLIENT and BACKEND/,
    },
    { text: `policy ${C} ${B} load 2`, suggestion: undefined, command: 'whatif', message: /use `whatif`/ },
    { text: `policy ${C} ${B} @a @b`, suggestion: undefined, command: 'policy', message: /one snapshot/ },
    { text: `policy ${C} ${B} @`, suggestion: undefined, command: 'policy', message: /needs a snapshot/ },
    {
      text: 'snapshots @prod',
      suggestion: undefined,
      command: 'snapshots',
      message: /does not take a snapshot/,
    },
    { text: '@prod', suggestion: undefined, command: undefined, message: /Which command/ },
    {
      text: 'whatif load 2',
      suggestion: undefined,
      command: 'whatif',
      message: /needs a CLIENT and a BACKEND/,
    },
    {
      text: `whatif ${C} ${B} ejct pod-a`,
      suggestion: 'eject',
      command: 'whatif',
      message: /don't understand `ejct`/,
    },
    {
      text: `whatif ${C} ${B} lod 2`,
      suggestion: 'load',
      command: 'whatif',
      message: /don't understand `lod`/,
    },
    {
      text: `whatif ${C} ${B} eject`,
      suggestion: undefined,
      command: 'whatif',
      message: /`eject` needs a value/,
    },
    {
      text: `whatif ${C} ${B} load`,
      suggestion: undefined,
      command: 'whatif',
      message: /`load` needs a value/,
    },
    {
      text: `whatif ${C} ${B} load lots`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a load factor/,
    },
    {
      text: `whatif ${C} ${B} load -1`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a load factor/,
    },
    {
      text: `whatif ${C} ${B} load 0`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a load factor/,
    },
    {
      text: `whatif ${C} ${B} load 1,2`,
      suggestion: undefined,
      command: 'whatif',
      message: /not a load factor/,
    },
    {
      text: `whatif ${C} ${B} load 1 load 2`,
      suggestion: undefined,
      command: 'whatif',
      message: /given twice/,
    },
  ])('$text', ({ text, suggestion, command, message }) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.suggestion).toBe(suggestion);
    expect(result.error.command).toBe(command);
  });

  it('keeps the requested visibility on errors', () => {
    const result = parseCommand('polcy --public');
    expect(result.ok ? undefined : result.error.responseType).toBe('in_channel');
  });
});

describe('parseLoadFactor', () => {
  it.each([
    ['1.5', 1.5],
    ['2', 2],
    ['.5', 0.5],
    ['1.5x', 1.5],
    ['x2', 2],
    ['×3', 3],
    ['150%', 1.5],
    ['0', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseLoadFactor(input)).toBe(expected);
  });
});

describe('normalizeSlackText', () => {
  it.each([
    ['policy a &amp; b', 'policy a & b'],
    ['policy &lt;x&gt;', 'policy <x>'],
    ['policy <http://in-ambient.httpbin|in-ambient.httpbin>', 'policy in-ambient.httpbin'],
    ['policy <https://productpage.bookinfo.mesh.internal>', 'policy productpage.bookinfo.mesh.internal'],
    ['snapshots –public', 'snapshots --public'],
    ['  help  ', 'help'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSlackText(input)).toBe(expected);
  });
});

describe('suggest', () => {
  it.each([
    ['polcy', ['help', 'snapshots', 'policy', 'whatif'], 'policy'],
    ['WHATIF', ['help', 'snapshots', 'policy', 'whatif'], 'whatif'],
    ['zzzzzzz', ['help', 'snapshots', 'policy', 'whatif'], undefined],
    ['x', [], undefined],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(suggest(word, candidates)).toBe(expected);
  });
});
