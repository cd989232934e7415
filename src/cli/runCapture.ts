import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { CAPTURE_RESOURCES, kubectlArgs } from '../capture/captureResources.js';
import { captureSnapshot, parseContextTarget } from '../capture/captureSnapshot.js';
import { kubectlRunner } from '../capture/runKubectl.js';
import { uploadSnapshot } from '../capture/uploadSnapshot.js';
import { loadCliEnv } from '../config.js';
import { AppError } from '../errors/appError.js';
import { EXIT_CODES, type ExitCode } from '../errors/errorCodes.js';
import { parseProfile } from '../services/profile.js';
import type { CaptureCommandOptions } from './captureCommand.js';
import type { CliIo } from './cliIo.js';

/** POSIX shell quoting, so printed commands paste into a terminal as they are. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/u.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `capture-20261122-103000` (UTC). */
function defaultName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/gu, '').replace('T', '-').slice(0, 15);
  return `capture-${stamp}`;
}

export async function runCapture(io: CliIo, options: CaptureCommandOptions): Promise<ExitCode> {
  const targets = options.context.map(parseContextTarget);
  if (options.printKubectl === true) {
    const contexts = targets.length === 0 ? [undefined] : targets.map((target) => target.context);
    for (const context of contexts)
      for (const resource of CAPTURE_RESOURCES)
        io.stdout.write(
          `${[options.kubectl, ...kubectlArgs(resource, context)].map(shellQuote).join(' ')}\n`,
        );
    return EXIT_CODES.OK;
  }
  const profile = parseProfile(options.profile);
  const env = loadCliEnv(io.env);
  if (options.upload !== undefined && env.uploadToken === undefined) {
    io.stderr.write('Note: SPILLWAY_TOKEN is not set; uploading without a token.\n');
  }
  const { bundle, warnings } = await captureSnapshot(
    {
      targets,
      name: options.name ?? defaultName(new Date()),
      ...(profile === undefined ? {} : { profile }),
      redact: options.redact === true,
    },
    kubectlRunner(options.kubectl),
  );
  for (const warning of warnings) io.stderr.write(`Warning: ${warning}\n`);
  const counts = bundle.spec.clusters.map(
    (cluster) => `${cluster.name}: ${cluster.resources.length} objects`,
  );
  io.stderr.write(`Captured ${bundle.metadata.name} (${counts.join(', ')}).\n`);

  if (options.upload !== undefined) {
    const reply = await uploadSnapshot(options.upload, JSON.stringify(bundle), env.uploadToken);
    io.stdout.write(`${JSON.stringify(reply, null, 2)}\n`);
  }
  if (options.out !== undefined || options.upload === undefined) {
    const text = options.output === 'json' ? `${JSON.stringify(bundle, null, 2)}\n` : stringify(bundle);
    if (options.out === undefined) io.stdout.write(text);
    else
      await writeFile(options.out, text).catch((error: unknown) => {
        throw new AppError(
          'OUTPUT_UNWRITABLE',
          `Cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  }
  return EXIT_CODES.OK;
}
