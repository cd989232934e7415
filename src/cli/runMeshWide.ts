import type { Scenario } from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import { EXIT_CODES, type ExitCode } from '../errors/errorCodes.js';
import type { CliIo } from './cliIo.js';
import type { BlastOptions, DiffOptions } from './meshWideCommands.js';
import { STDIN_ARGUMENT } from './readInputs.js';

const paramsOf = (o: BlastOptions | DiffOptions): { cluster?: string; network?: string } => ({
  ...(o.cluster === undefined ? {} : { cluster: o.cluster }),
  ...(o.network === undefined ? {} : { network: o.network }),
});

export async function runBlast(
  io: CliIo,
  files: readonly string[],
  options: BlastOptions,
): Promise<ExitCode> {
  const [{ readInputs }, { blastSources }, { renderBlast }] = await Promise.all([
    import('./readInputs.js'),
    import('../services/meshWideSources.js'),
    import('./renderMeshWide.js'),
  ]);
  const scenario: Scenario = {
    failLocalities: [...new Set(options.fail)],
    ...(options.eject === undefined ? {} : { ejectEndpoints: [...new Set(options.eject)] }),
    ...(options.load === undefined ? {} : { loadFactor: options.load }),
    ...(options.failure === undefined ? {} : { failure: options.failure }),
  };
  const answer = blastSources({
    sources: await readInputs(files, io),
    params: paramsOf(options),
    scenario,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
  io.stdout.write(renderBlast(answer, scenario, options.output));
  return EXIT_CODES.OK;
}

export async function runDiff(
  io: CliIo,
  before: string,
  after: string,
  options: DiffOptions,
): Promise<ExitCode> {
  if (before === STDIN_ARGUMENT && after === STDIN_ARGUMENT)
    throw new AppError('INVALID_REQUEST', 'Only one of BEFORE and AFTER can be standard input (-).');
  const [{ readInputs }, { diffSources }, { renderDiff, somethingChanged }] = await Promise.all([
    import('./readInputs.js'),
    import('../services/meshWideSources.js'),
    import('./renderMeshWide.js'),
  ]);
  const params = paramsOf(options);
  const answer = diffSources({
    before: { sources: await readInputs([before], io), params },
    after: { sources: await readInputs([after], io), params },
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
  io.stdout.write(renderDiff(answer, options.output));
  return options.failOnChange === true && somethingChanged(answer) ? EXIT_CODES.CHANGED : EXIT_CODES.OK;
}
