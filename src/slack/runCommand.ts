/**
 * Runs a parsed command against the one service layer and renders the answer. Never rejects: every failure
 * becomes a friendly message, so both the inline reply and the deferred delivery always have a body.
 */
import { toAppError } from '../errors/toAppError.js';
import type { Services } from '../services/types.js';
import type { SlackMessage } from './blockKit.js';
import type { SlackCommand } from './parseCommand.js';
import { portalLink, type PortalView } from './portalLink.js';
import { renderAppError } from './renderError.js';
import { renderHelp } from './renderHelp.js';
import { renderBlastRadius, renderDiff } from './renderMeshWide.js';
import { renderPolicy } from './renderPolicy.js';
import { SNAPSHOTS_SHOWN, renderSnapshots } from './renderSnapshots.js';
import { renderWhatIf } from './renderWhatIf.js';

export type InternalErrorLogger = (error: unknown) => void;

export interface RunOptions {
  /** `SPILLWAY_PUBLIC_URL`: every answer links to the same view in the portal there. */
  readonly publicUrl?: string;
}

/** The portal view a command asks about; the snapshot pinned to its id while it exists. */
async function viewOf(command: SlackCommand, services: Services): Promise<PortalView> {
  const pinned = async (ref: string): Promise<string> => (await services.snapshots.get(ref))?.id ?? ref;
  switch (command.kind) {
    case 'help':
    case 'snapshots':
      return {};
    case 'diff':
      return { before: await pinned(command.before), after: await pinned(command.after) };
    case 'blast':
      return { snapshot: await pinned(command.snapshot), scenario: command.scenario };
    case 'policy':
    case 'whatif':
      return {
        snapshot: await pinned(command.snapshot),
        client: command.client,
        backend: command.backend,
        ...(command.kind === 'whatif' ? { scenario: command.scenario } : {}),
      };
  }
}

async function answer(
  command: SlackCommand,
  services: Services,
  link: string | undefined,
): Promise<SlackMessage> {
  switch (command.kind) {
    case 'help':
      return renderHelp(command.responseType, command.topic, link);
    case 'snapshots':
      return renderSnapshots(
        await services.snapshots.list({ first: SNAPSHOTS_SHOWN }),
        command.responseType,
        link,
      );
    case 'policy': {
      const policy = await services.policy.effectivePolicy({
        snapshot: command.snapshot,
        client: command.client,
        backend: command.backend,
      });
      return renderPolicy(policy, { ...command, ...(link === undefined ? {} : { link }) });
    }
    case 'whatif': {
      const whatIf = await services.policy.whatIf({
        snapshot: command.snapshot,
        client: command.client,
        backend: command.backend,
        scenario: command.scenario,
      });
      return renderWhatIf(whatIf, command.scenario, { ...command, ...(link === undefined ? {} : { link }) });
    }
    case 'blast': {
      const blast = await services.policy.blastRadius({
        snapshot: command.snapshot,
        scenario: command.scenario,
      });
      return renderBlastRadius(blast, command.scenario, {
        ...command,
        ...(link === undefined ? {} : { link }),
      });
    }
    case 'diff': {
      const diff = await services.policy.diff({ before: command.before, after: command.after });
      return renderDiff(diff, { ...command, ...(link === undefined ? {} : { link }) });
    }
  }
}

export async function runCommand(
  command: SlackCommand,
  services: Services,
  logInternal: InternalErrorLogger,
  options: RunOptions = {},
): Promise<SlackMessage> {
  let link: string | undefined;
  try {
    link = portalLink(options.publicUrl, await viewOf(command, services));
    return await answer(command, services, link);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') logInternal(error);
    return renderAppError(appError, command.kind, link);
  }
}
