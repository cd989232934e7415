import type { SnapshotSummary } from '../../../services/types.js';
import type { Resolver } from '../types.js';

export const snapshot: Resolver<unknown, { ref: string }, SnapshotSummary | null> = async (
  _parent,
  { ref },
  { services },
) => (await services.snapshots.get(ref)) ?? null;
