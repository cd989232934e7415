import type { Command } from 'commander';
import type { ExitCode } from '../errors/errorCodes.js';
import type { CliIo } from './cliIo.js';

/**
 * One subcommand. `register` adds it to the program with an action that resolves to the exit code
 * through `finish`. Commands import their implementation lazily inside the action, so `--help` and the
 * other commands do not pay for the parser and the engine.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, io: CliIo, finish: (code: ExitCode) => void): void;
}

/** Commander's collector for a repeatable option: each occurrence appends a value. */
export function repeatable(value: string, previous: readonly string[]): readonly string[] {
  return [...previous, value];
}
