import { EXIT_CODES, type ExitCode } from '../errors/errorCodes.js';
import { analysisChecks, parseLevel } from '../services/analysisChecks.js';
import type { CliIo } from './cliIo.js';
import type { AnalyzeOptions } from './analyzeCommand.js';
import { renderChecks } from './renderChecks.js';

export async function runAnalyze(
  io: CliIo,
  files: readonly string[],
  options: AnalyzeOptions,
): Promise<ExitCode> {
  if (options.listAnalyzers === true) {
    io.stdout.write(renderChecks(analysisChecks(), options.output));
    return EXIT_CODES.OK;
  }
  const failureThreshold = parseLevel(options.failureThreshold);
  const { parseSuppression } = await import('../services/suppressions.js');
  const suppressions = options.suppress.map(parseSuppression);
  const known = new Set(analysisChecks().map((check) => check.code));
  for (const { code } of suppressions) {
    if (!known.has(code))
      io.stderr.write(
        `Warning: ${code} is not a Spillway code (see --list-analyzers); its suppression has no effect.\n`,
      );
  }
  const [{ readInputs }, { analyzeSources }, { renderFindings }] = await Promise.all([
    import('./readInputs.js'),
    import('../services/analyzeSources.js'),
    import('./renderFindings.js'),
  ]);
  const sources = await readInputs(files, io);
  const report = analyzeSources({
    sources,
    params: {
      ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
      ...(options.network === undefined ? {} : { network: options.network }),
    },
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    suppressions,
    failureThreshold,
  });
  io.stdout.write(renderFindings(report, options.output));
  if (report.findings.length === 0 && options.output === 'log') {
    io.stderr.write(
      `✔ No validation issues found when analyzing ${sources.map((s) => s.name).join(', ')}.\n`,
    );
  }
  if (report.suppressed > 0) io.stderr.write(`(${report.suppressed} finding(s) suppressed)\n`);
  return report.thresholdReached ? EXIT_CODES.FINDINGS : EXIT_CODES.OK;
}
