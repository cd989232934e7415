/** The command table: each command in its own file, registered in this list. */
import { analyzeCommand } from './analyzeCommand.js';
import { captureCommand } from './captureCommand.js';
import type { CliCommand } from './cliCommand.js';
import { blastCommand, diffCommand } from './meshWideCommands.js';

export const COMMANDS: readonly CliCommand[] = [analyzeCommand, diffCommand, blastCommand, captureCommand];
