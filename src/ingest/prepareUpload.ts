/**
 * What the service stores from an upload: `parseUpload`'s answer reduced to the summary and the model
 * already serialized. Running in a worker thread, this keeps the event loop free and sends back one string
 * instead of a large object graph (a string crosses threads as one copy).
 */
import type { Diagnostic } from '../engine/model/answer.js';
import type { Profile } from '../engine/model/meshModel.js';
import { parseUpload } from './parseUpload.js';
import type { UploadInput, UploadLimits, UploadProblem } from './types.js';

export interface PreparedSnapshot {
  readonly name: string;
  readonly profile: Profile;
  readonly clusters: readonly { readonly name: string; readonly network: string }[];
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly ignored: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
  /** The normalized MeshModel as JSON. */
  readonly modelJson: string;
}

export type PreparedUpload =
  | { readonly ok: true; readonly snapshot: PreparedSnapshot }
  | { readonly ok: false; readonly status: 413 | 422; readonly problems: readonly UploadProblem[] };

export function prepareUpload(input: UploadInput, limits: UploadLimits): PreparedUpload {
  const result = parseUpload(input, limits);
  if (!result.ok) return result;
  const { snapshot } = result;
  return {
    ok: true,
    snapshot: {
      name: snapshot.name,
      profile: snapshot.profile,
      clusters: snapshot.model.clusters.map((c) => ({ name: c.name, network: c.network })),
      counts: snapshot.counts,
      ignored: snapshot.ignored,
      diagnostics: snapshot.diagnostics,
      modelJson: JSON.stringify(snapshot.model),
    },
  };
}
