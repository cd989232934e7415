/**
 * Runs a parsed command against the one service layer and renders the answer. Never rejects: every failure
 * becomes a friendly message, so both the inline reply and the deferred delivery always have a body.
 */
import { toAppError } from '../errors/toAppError.js';
import type { Services } from '../services/types.js';
import type { SlackMessage } from './blockKit.js';
import type { SlackCommand } from './parseCommand.js';
import { renderAppError } from './renderError.js';
import { renderHelp } from './renderHelp.js';
import { renderPolicy } from './renderPolicy.js';
import { SNAPSHOTS_SHOWN, renderSnapshots } from './renderSnapshots.js';
import { renderWhatIf } from './renderWhatIf.js';

export type InternalErrorLogger = (error: unknown) => void;

async function answer(command: SlackCommand, services: Services): Promise<SlackMessage> {
  switch (command.kind) {
    case 'help':
      return renderHelp(command.responseType, command.topic);
    case 'snapshots':
      return renderSnapshots(services.snapshots.list(SNAPSHOTS_SHOWN), command.responseType);
    case 'policy': {
      const policy = await services.policy.effectivePolicy({
        snapshot: command.snapshot,
        client: command.client,
        backend: command.backend,
      });
      return renderPolicy(policy, command);
    }
    case 'whatif': {
      const whatIf = await services.policy.whatIf({
        snapshot: command.snapshot,
        client: command.client,
        backend: command.backend,
        scenario: command.scenario,
      });
      return renderWhatIf(whatIf, command.scenario, command);
    }
  }
}

export async function runCommand(
  command: SlackCommand,
  services: Services,
  logInternal: InternalErrorLogger,
): Promise<SlackMessage> {
  try {
    return await answer(command, services);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') logInternal(error);
    return renderAppError(appError, command.kind);
  }
}
