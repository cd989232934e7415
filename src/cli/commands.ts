/**
 * The command table. `diff` and `blast` (issue 16 item 3) join here once the engine answers mesh-wide
 * questions (`blastRadius`, `diff` in `../shared/design/api.md`): one file each, registered in this list.
 */
import { analyzeCommand } from './analyzeCommand.js';
import { captureCommand } from './captureCommand.js';
import type { CliCommand } from './cliCommand.js';

export const COMMANDS: readonly CliCommand[] = [analyzeCommand, captureCommand];
