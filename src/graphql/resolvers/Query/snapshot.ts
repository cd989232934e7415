import type { SnapshotSummary } from '../../../services/types.js';
import type { Resolver } from '../types.js';

export const snapshot: Resolver<unknown, { ref: string }, SnapshotSummary | null> = (
  _parent,
  { ref },
  { services },
) => services.snapshots.get(ref) ?? null;
