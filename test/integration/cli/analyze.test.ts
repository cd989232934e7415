/**
 * `spillway analyze` on the example snapshots: istioctl's output formats, the failure threshold and exit
 * 79, suppressions, standard input, folders and the exit code of each kind of bad input. The first block
 * runs the executable as a pipeline does (a child process); the tables run `runCli` in this process.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runInProcess } from './runInProcess.js';
import { REPO_ROOT, runSpillway, removeTempDirs, tempDir } from './runSpillway.js';

/** One child run takes ~2 s on an idle 2-core machine; tests run a few at once, so allow 60× that. */
const TIMEOUT_MS = 120_000;

const HTTPBIN_AFTER = 'examples/httpbin-after.yaml';
const HTTPBIN_TEXT = readFileSync(join(REPO_ROOT, HTTPBIN_AFTER), 'utf8');
/**
 * The line of the `in-ambient-failover` DestinationRule in the example: its List item starts with
 * `- apiVersion: networking.istio.io/v1` on the line before `kind: DestinationRule` (1-based).
 */
const DR_LINE = HTTPBIN_TEXT.split('\n').findIndex((line) => line === '  kind: DestinationRule');
const DR_MESSAGE_START =
  'DestinationRule httpbin/in-ambient-failover sets outlierDetection without a localityLbSetting';

const LOG_LINE = new RegExp(
  `^Info \\[SPW0002\\] \\(DestinationRule in-ambient-failover\\.httpbin ${HTTPBIN_AFTER.replace('.', '\\.')}:${DR_LINE}\\) ${DR_MESSAGE_START}`,
  'u',
);
const HTTPBIN_FINDING = {
  code: 'SPW0002',
  level: 'Info',
  origin: 'DestinationRule in-ambient-failover.httpbin',
  reference: `${HTTPBIN_AFTER}:${DR_LINE}`,
  cluster: 'cluster1',
  message: expect.stringContaining(DR_MESSAGE_START) as string,
  documentationUrl: 'https://spillway.dev/diagnostics/spw0002',
  resources: [
    {
      kind: 'DestinationRule',
      name: 'in-ambient-failover',
      namespace: 'httpbin',
      cluster: 'cluster1',
      reference: `${HTTPBIN_AFTER}:${DR_LINE}`,
    },
  ],
};

/** JSON output, failing on any finding. */
const JSON_AT_INFO = ['analyze', '-o', 'json', '--failure-threshold', 'Info'];

interface JsonFinding {
  code: string;
  level: string;
  origin?: string;
  reference?: string;
  message: string;
  documentationUrl: string;
  resources: { kind: string; name: string; namespace?: string; cluster?: string; reference?: string }[];
}

afterAll(removeTempDirs);

describe('spillway analyze, as a child process', () => {
  it(
    '-o json prints the findings: the httpbin example has the INFO finding SPW0002',
    { timeout: TIMEOUT_MS },
    async () => {
      const run = await runSpillway(['analyze', '-o', 'json', HTTPBIN_AFTER]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([HTTPBIN_FINDING]);
      expect(HTTPBIN_TEXT.split('\n')[DR_LINE - 1]).toBe('- apiVersion: networking.istio.io/v1');
    },
  );

  it(
    'prints istioctl lines by default: Level [CODE] (Kind name.namespace file:line) message',
    { timeout: TIMEOUT_MS },
    async () => {
      const run = await runSpillway(['analyze', HTTPBIN_AFTER]);
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(LOG_LINE);
    },
  );

  it.each([
    // The only finding is Info: an Info threshold is reached (exit 79), an Error threshold is not.
    ['Info', 79],
    ['Error', 0],
  ])('--failure-threshold %s exits %i', { timeout: TIMEOUT_MS }, async (threshold, code) => {
    const run = await runSpillway(['analyze', '--failure-threshold', threshold, HTTPBIN_AFTER]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain('[SPW0002]');
  });

  it(
    '--suppress SPW0002=* removes the finding, so even an Info threshold passes',
    { timeout: TIMEOUT_MS },
    async () => {
      const run = await runSpillway([
        'analyze',
        '--failure-threshold',
        'Info',
        '--suppress',
        'SPW0002=*',
        HTTPBIN_AFTER,
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('No validation issues found');
    },
  );

  it(
    'analyze - reads standard input, as piped from kubectl get -o yaml',
    { timeout: TIMEOUT_MS },
    async () => {
      const run = await runSpillway(['analyze', '-'], { stdin: HTTPBIN_TEXT });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`(DestinationRule in-ambient-failover.httpbin -:${DR_LINE})`);
    },
  );

  it.each([
    ['broken YAML', ['analyze', '-'], 'kind: Pod\n  metadata: [\n', 65, '- document 0: [YAML_SYNTAX]'],
    ['a missing file', ['analyze', 'no-such-file.yaml'], '', 66, 'Cannot read no-such-file.yaml'],
    ['an unknown option', ['analyze', '--bogus', HTTPBIN_AFTER], '', 64, "unknown option '--bogus'"],
  ])(
    '%s exits with its code and says why',
    { timeout: TIMEOUT_MS },
    async (_what, args, stdin, code, message) => {
      const run = await runSpillway(args, { stdin });
      expect(run.code).toBe(code);
      expect(run.stderr).toContain(message);
    },
  );
});

describe('spillway analyze, in process', () => {
  it.each([
    // [threshold, exit]: the only finding is Info, so only an Info threshold is reached (istioctl: level ≥ threshold → 79).
    ['Info', 79],
    ['info', 79],
    ['Warning', 0],
    ['Error', 0],
  ])('--failure-threshold %s exits %i', async (threshold, code) => {
    const run = await runInProcess(['analyze', '--failure-threshold', threshold, HTTPBIN_AFTER]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain('[SPW0002]');
  });

  it.each([
    ['SPW0002=*', true],
    ['SPW0002=DestinationRule *.httpbin', true],
    ['SPW0002=DestinationRule in-ambient-failover.httpbin', true],
    ['SPW0002=DestinationRule *.other', false],
    ['SPW0001=*', false],
  ])('--suppress %s removes the finding: %s', async (rule, removed) => {
    const run = await runInProcess([...JSON_AT_INFO, '--suppress', rule, HTTPBIN_AFTER]);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    expect(findings.map((finding) => finding.code)).toEqual(removed ? [] : ['SPW0002']);
    expect(run.code).toBe(removed ? 0 : 79);
  });

  it('honours the spillway.dev/suppress annotation on the object', async () => {
    const dir = tempDir();
    const list = parse(HTTPBIN_TEXT) as {
      items: { kind: string; metadata: { annotations?: Record<string, string> } }[];
    };
    const rule = list.items.find((item) => item.kind === 'DestinationRule');
    if (rule === undefined) throw new Error('the example has no DestinationRule');
    rule.metadata.annotations = { ...rule.metadata.annotations, 'spillway.dev/suppress': 'SPW0010, SPW0002' };
    writeFileSync(join(dir, 'annotated.yaml'), stringify(list));
    const run = await runInProcess([...JSON_AT_INFO, join(dir, 'annotated.yaml')]);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('1 finding(s) suppressed');
  });

  it.each([
    ['YAML', HTTPBIN_TEXT],
    ['JSON', JSON.stringify(parse(HTTPBIN_TEXT))],
  ])('reads standard input (-) as %s, as piped from kubectl', async (_format, text) => {
    const run = await runInProcess(['analyze', '-o', 'json', '-'], text);
    expect(run.code).toBe(0);
    const [finding] = JSON.parse(run.stdout) as JsonFinding[];
    expect(finding?.code).toBe('SPW0002');
    expect(finding?.reference).toMatch(/^-:\d+$/u);
  });

  it('walks folders recursively for .yaml/.yml/.json, skipping other files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'nested', 'deeper', 'mesh.yml'), HTTPBIN_TEXT);
    writeFileSync(join(dir, 'notes.txt'), 'not a snapshot: {');
    const run = await runInProcess(['analyze', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `(DestinationRule in-ambient-failover.httpbin ${join(dir, 'nested', 'deeper', 'mesh.yml')}:${DR_LINE})`,
    );
  });

  it('labels findings with their cluster when the input holds several', async () => {
    const run = await runInProcess([
      'analyze',
      '--failure-threshold',
      'Warning',
      'examples/bookinfo-multicluster.yaml',
    ]);
    expect(run.code).toBe(79);
    const lines = run.stdout.trimEnd().split('\n');
    // Two global hosts (productpage, bookinfo-waypoint) × two clusters, each missing the other network's gateway.
    expect(lines).toHaveLength(4);
    for (const line of lines)
      expect(line).toMatch(/^Warning \[SPW0020\] \[cluster-cluster[12]\] \(Service /u);
  });

  it('lists the checks with their istioctl/Kiali equivalents', async () => {
    const text = await runInProcess(['analyze', '--list-analyzers']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^SPW0008 +Warning +IST0174 +DestinationRule host matches no Service/mu);
    const json = await runInProcess(['analyze', '-L', '-o', 'json']);
    const checks = JSON.parse(json.stdout) as { code: string; level: string; equivalent?: string }[];
    expect(checks.find((check) => check.code === 'SPW0015')).toMatchObject({
      level: 'Error',
      equivalent: 'IST0171',
    });
  });

  it.each([
    // [what, arguments, stdin, exit code, stderr fragment]
    ['a missing file', ['analyze', 'no-such-file.yaml'], '', 66, 'Cannot read no-such-file.yaml'],
    ['no command', [], '', 64, 'Usage: spillway'],
    ['an unknown command', ['analyse'], '', 64, "unknown command 'analyse'"],
    ['no input at all', ['analyze'], '', 64, 'Name at least one file'],
    ['an unknown option', ['analyze', '--bogus', HTTPBIN_AFTER], '', 64, "unknown option '--bogus'"],
    ['an unknown output format', ['analyze', '-o', 'xml', HTTPBIN_AFTER], '', 64, 'xml'],
    [
      'an unknown level',
      ['analyze', '--failure-threshold', 'Fatal', HTTPBIN_AFTER],
      '',
      64,
      '"Fatal" is not a level',
    ],
    [
      'an unknown profile',
      ['analyze', '--profile', 'ISTIO_9', HTTPBIN_AFTER],
      '',
      64,
      'Unknown profile "ISTIO_9"',
    ],
    [
      'a malformed suppression',
      ['analyze', '--suppress', 'SPW0002', HTTPBIN_AFTER],
      '',
      64,
      'not a valid suppression',
    ],
    [
      'broken YAML on standard input',
      ['analyze', '-'],
      'kind: Pod\n  metadata: [\n',
      65,
      '- document 0: [YAML_SYNTAX]',
    ],
    [
      'an object that breaks its schema',
      ['analyze', '-'],
      'apiVersion: v1\nkind: Service\nmetadata: { name: 3 }\n',
      65,
      'SCHEMA_VIOLATION',
    ],
    [
      'the same objects in two files',
      ['analyze', 'examples/httpbin-before.yaml', HTTPBIN_AFTER],
      '',
      65,
      'DUPLICATE_OBJECT',
    ],
    [
      'a bundle beside another file',
      ['analyze', 'examples/bookinfo-multicluster.yaml', HTTPBIN_AFTER],
      '',
      65,
      'BUNDLE_NOT_ALONE',
    ],
  ])('%s exits with the right code and says why', async (_what, args, stdin, code, message) => {
    const run = await runInProcess(args, stdin);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });
});
