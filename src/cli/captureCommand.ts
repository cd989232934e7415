/** `spillway capture` — gathers exactly what Spillway reads from one or more kube contexts (`docs/cli.md`). */
import { Option } from 'commander';
import { repeatable, type CliCommand } from './cliCommand.js';

export interface CaptureCommandOptions {
  readonly context: readonly string[];
  readonly name?: string;
  readonly profile?: string;
  readonly redact?: boolean;
  readonly output: 'yaml' | 'json';
  readonly out?: string;
  readonly upload?: string;
  readonly printKubectl?: boolean;
  readonly kubectl: string;
}

export const captureCommand: CliCommand = {
  name: 'capture',
  register(program, io, finish) {
    program
      .command('capture')
      .description(
        'Run kubectl get for the kinds Spillway reads and write a MeshSnapshot bundle (one cluster per context), or upload it.',
      )
      .option(
        '--context <CONTEXT[=CLUSTER]>',
        'kubeconfig context to read, optionally named as a cluster; repeatable (default: the current context)',
        repeatable,
        [],
      )
      .option('--name <name>', 'snapshot name (default: capture-<UTC time>)')
      .option('--profile <profile>', 'profile stored with the snapshot: SOLO, ISTIO_1_30 or ISTIO_1_31')
      .option(
        '--redact',
        'remove node identifiers, image digests and IDs, and annotation values Spillway does not read',
      )
      .addOption(
        new Option('-o, --output <format>', 'bundle format').choices(['yaml', 'json']).default('yaml'),
      )
      .option('--out <file>', 'write the bundle to a file instead of standard output')
      .option('--upload <url>', 'upload the bundle to the Spillway service at URL (token: SPILLWAY_TOKEN)')
      .option('--print-kubectl', 'print the kubectl commands instead of running them')
      .option('--kubectl <path>', 'the kubectl binary', 'kubectl')
      .action(async (options: CaptureCommandOptions) => {
        const { runCapture } = await import('./runCapture.js');
        finish(await runCapture(io, options));
      });
  },
};
