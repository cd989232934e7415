/**
 * The command line: a commander program built from the command table, run once, its outcome turned into
 * an exit code through the one error vocabulary (`ERROR_SPECS[code].exitCode`). Usage mistakes commander
 * finds itself (unknown option, missing argument, bad choice) are usage errors too.
 */
import { Command, CommanderError } from 'commander';
import { toAppError } from '../errors/toAppError.js';
import { AppError } from '../errors/appError.js';
import { ERROR_SPECS, EXIT_CODES, type ExitCode } from '../errors/errorCodes.js';
import type { CliIo } from './cliIo.js';
import { COMMANDS } from './commands.js';
import { CLI_VERSION } from './version.js';

function buildProgram(io: CliIo, finish: (code: ExitCode) => void): Command {
  const program = new Command('spillway')
    .description(
      'Offline analysis of Istio ambient mesh snapshots (files or standard input), and capture of snapshots from clusters.',
    )
    .version(CLI_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  for (const command of COMMANDS) command.register(program, io, finish);
  return program;
}

/** Runs one command line (without `node` and the script) and answers its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT_CODES.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Asked-for help and --version end with 0; help shown for a missing command and every parse error do not.
      return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
    }
    const appError = toAppError(error);
    const known = appError.code !== 'INTERNAL' || error instanceof AppError;
    io.stderr.write(`Error: ${known ? appError.message : describeInternal(error)}\n`);
    return ERROR_SPECS[appError.code].exitCode;
  }
}

/** A bug in Spillway: the message helps the report (the command line runs locally, so nothing leaks). */
function describeInternal(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `internal error (${detail}). Please report it.`;
}
