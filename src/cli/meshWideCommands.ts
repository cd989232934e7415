/**
 * `spillway blast FILE… --fail LOCALITY[,…]` and `spillway diff BEFORE AFTER` — the mesh-wide questions on
 * files (`../shared/design/api.md`, "Command line"; `docs/cli.md`).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FailureKind } from '../engine/index.js';
import { FAILURE_WORDS, parseFailureKind } from '../services/failureKind.js';
import type { CliCommand } from './cliCommand.js';
import { OUTPUT_FORMATS, type OutputFormat } from './outputFormats.js';

interface InputOptions {
  readonly output: OutputFormat;
  readonly profile?: string;
  readonly cluster?: string;
  readonly network?: string;
}

export interface BlastOptions extends InputOptions {
  readonly fail: readonly string[];
  readonly eject?: readonly string[];
  readonly load?: number;
  readonly failure?: FailureKind;
}

export interface DiffOptions extends InputOptions {
  readonly failOnChange?: boolean;
}

/** A comma-separated, repeatable list option: `--fail a,b --fail c`. */
function list(value: string, previous: readonly string[] = []): readonly string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new InvalidArgumentError('the list is empty.');
  return [...previous, ...items];
}

function loadFactor(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('a load factor is a number > 0, e.g. 1.5.');
  return n;
}

function failureKind(value: string): FailureKind {
  const kind = parseFailureKind(value);
  if (kind === undefined) throw new InvalidArgumentError(`a failure kind is one of ${FAILURE_WORDS}.`);
  return kind;
}

const inputOptions = (command: Command): Command =>
  command
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('log'))
    .option(
      '--profile <profile>',
      'semantics profile: SOLO, ISTIO_1_30 or ISTIO_1_31 (default: the snapshot’s)',
    )
    .option('--cluster <name>', 'cluster name of a plain (non-bundle) input', undefined)
    .option('--network <name>', 'network of a plain (non-bundle) input', undefined);

export const blastCommand: CliCommand = {
  name: 'blast',
  register(program, io, finish) {
    inputOptions(
      program
        .command('blast')
        .description(
          'The blast radius of a failure over every client × backend pair of a snapshot, offline: the backends whose clients see errors, saturation or overflow, worst first.',
        )
        .argument('<files...>', 'files, folders, or - for standard input'),
    )
      .requiredOption(
        '--fail <localities>',
        'localities that go down: region[/zone[/subzone]] or cluster:NAME; comma-separated, repeatable',
        list,
      )
      .option(
        '--eject <endpoints>',
        'endpoints that fail (how: --failure): pod, WorkloadEntry names or addresses; comma-separated, repeatable',
        list,
      )
      .option(
        '--failure <kind>',
        `how the endpoints and localities fail: ${FAILURE_WORDS} (default 5xx: they answer 503; connect: they refuse connections, which Envoy retries on another host; not-ready: they leave EDS and ztunnel's candidates)`,
        failureKind,
      )
      .option('--load <factor>', 'offered load / nominal load, e.g. 1.5', loadFactor)
      .action(async (files: string[], options: BlastOptions) => {
        const { runBlast } = await import('./runMeshWide.js');
        finish(await runBlast(io, files, options));
      });
  },
};

export const diffCommand: CliCommand = {
  name: 'diff',
  register(program, io, finish) {
    inputOptions(
      program
        .command('diff')
        .description(
          'What changes in load balancing, failover and ejection between two snapshots, per backend and client class, offline. Exits 0; with --fail-on-change, 1 when something changed.',
        )
        .argument('<before>', 'the snapshot before: a file, a folder, or - for standard input')
        .argument('<after>', 'the snapshot after: a file, a folder, or - for standard input'),
    )
      .option('--fail-on-change', 'exit 1 when behaviour, diagnostics, clients or backends differ')
      .action(async (before: string, after: string, options: DiffOptions) => {
        const { runDiff } = await import('./runMeshWide.js');
        finish(await runDiff(io, before, after, options));
      });
  },
};
