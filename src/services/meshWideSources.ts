/**
 * The mesh-wide questions on files (the command line's `blast` and `diff`): the same parser, validation and
 * engine as an upload followed by the `blastRadius` or `diff` query, with no database and no server.
 */
import {
  blastRadius,
  compileMesh,
  diffSnapshots,
  type BlastRadius,
  type CompiledMesh,
  type Scenario,
  type SnapshotDiff,
} from '../engine/index.js';
import { parseSources, type UploadParams, type UploadSource } from '../ingest/index.js';
import { refuse } from './analyzeSources.js';
import { parseProfile } from './profile.js';

export interface SourcesInput {
  readonly sources: readonly UploadSource[];
  /** `cluster` and `network` name a plain stream's cluster; a bundle names its own. */
  readonly params: Pick<UploadParams, 'cluster' | 'network'>;
}

function compileSources(input: SourcesInput): CompiledMesh {
  const parsed = parseSources(input.sources, input.params);
  if (!parsed.ok) throw refuse(parsed.refusal, parsed.problems);
  return compileMesh(parsed.snapshot.model);
}

/** @throws AppError INVALID_UPLOAD for input an upload would refuse; INVALID_SCENARIO, INVALID_PROFILE */
export function blastSources(
  input: SourcesInput & { readonly scenario: Scenario; readonly profile?: string },
): BlastRadius {
  const profile = parseProfile(input.profile);
  return blastRadius(compileSources(input), input.scenario, profile);
}

export function diffSources(input: {
  readonly before: SourcesInput;
  readonly after: SourcesInput;
  readonly profile?: string;
}): SnapshotDiff {
  const profile = parseProfile(input.profile);
  return diffSnapshots(compileSources(input.before), compileSources(input.after), profile);
}
