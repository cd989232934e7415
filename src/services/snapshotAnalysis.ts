/**
 * A snapshot as REST pipelines read it after an upload: its summary (with the intake `diagnostics`) plus
 * the mesh-wide analysis, the same `analyzeMesh` answer the GraphQL `analyze` query and `spillway analyze`
 * give. Intake findings and the analysis together are what `spillway analyze` reports for the same files
 * (before its suppressions), so a pipeline that only uploads sees what the command line sees.
 */
import type { Diagnostic, Profile, Severity } from '../engine/index.js';
import type { PolicyService, SnapshotSummary } from './types.js';

export interface SnapshotAnalysis {
  /** The profile the analysis ran under: the snapshot's own. */
  readonly profile: Profile;
  /** The mesh-wide findings (SPW0xxx), in the order the `analyze` query gives them. */
  readonly diagnostics: readonly Diagnostic[];
  /** Findings per severity over the intake `diagnostics` and the analysis together. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export interface AnalyzedSnapshot extends SnapshotSummary {
  readonly analysis: SnapshotAnalysis;
}

/**
 * @example await analyzedSnapshot(policy, summary) // → { ...summary, analysis: { profile: 'SOLO', diagnostics: [...], bySeverity: { ERROR: 0, WARNING: 1, INFO: 1 } } }
 */
export async function analyzedSnapshot(
  policy: Pick<PolicyService, 'analyze'>,
  snapshot: SnapshotSummary,
): Promise<AnalyzedSnapshot> {
  // By id, not by the name or `latest` the client may have used: the analysis is of this snapshot.
  const diagnostics = await policy.analyze(snapshot.id);
  const bySeverity: Record<Severity, number> = { ERROR: 0, WARNING: 0, INFO: 0 };
  for (const d of [...snapshot.diagnostics, ...diagnostics]) bySeverity[d.severity] += 1;
  return { ...snapshot, analysis: { profile: snapshot.profile, diagnostics, bySeverity } };
}
