/**
 * `spillway analyze FILE…` — istioctl analyze's conventions on Spillway's findings
 * (`../shared/design/api.md`, "Command line"; `docs/cli.md`).
 */
import { InvalidArgumentError, Option } from 'commander';
import { repeatable, type CliCommand } from './cliCommand.js';
import { OUTPUT_FORMATS, type OutputFormat } from './outputFormats.js';

export interface AnalyzeOptions {
  readonly output: OutputFormat;
  readonly profile?: string;
  readonly cluster?: string;
  readonly network?: string;
  readonly failureThreshold: string;
  readonly suppress: readonly string[];
  readonly listAnalyzers?: boolean;
}

const DEFAULT_FAILURE_THRESHOLD = 'Error';

function collectSuppression(value: string, previous: readonly string[]): readonly string[] {
  if (value === '') throw new InvalidArgumentError('a suppression cannot be empty.');
  return repeatable(value, previous);
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  register(program, io, finish) {
    program
      .command('analyze')
      .description(
        'Analyze mesh snapshots in files, folders (recursively: *.yaml, *.yml, *.json) or standard input (-), offline. ' +
          'Exits 79 when a finding reaches --failure-threshold.',
      )
      .argument('[files...]', 'files, folders, or - for standard input')
      .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('log'))
      .option(
        '--profile <profile>',
        'semantics profile: SOLO, ISTIO_1_30 or ISTIO_1_31 (default: the snapshot’s)',
      )
      .option('--cluster <name>', 'cluster name of a plain (non-bundle) input', undefined)
      .option('--network <name>', 'network of a plain (non-bundle) input', undefined)
      .option(
        '--failure-threshold <level>',
        'the level at which a finding fails the run (exit 79): Info, Warning or Error',
        DEFAULT_FAILURE_THRESHOLD,
      )
      .option(
        '-S, --suppress <CODE=RESOURCE>',
        'suppress a code on a resource, e.g. "SPW0010=DestinationRule reviews.prod"; * is a wildcard; repeatable',
        collectSuppression,
        [],
      )
      .option(
        '-L, --list-analyzers',
        'list the checks with their codes, levels and istioctl/Kiali equivalents',
      )
      .action(async (files: string[], options: AnalyzeOptions) => {
        const { runAnalyze } = await import('./runAnalyze.js');
        finish(await runAnalyze(io, files, options));
      });
  },
};
