/**
 * What a check is. Like graphql-js's validation rules (`specifiedRules`), every diagnostic is one check in
 * one file, listed in order in `checks/index.ts`. A check carries its stable `SPW` code, its severity,
 * the upstream behaviour it cites and its nearest istioctl/Kiali equivalent, and says where it runs
 * (`scopes`) and what it looks at (`subject`): it is a pure function from that subject's facts
 * (`facts.ts`) to findings. Intake checks are reported by snapshot intake (`src/ingest`, `normalize/`)
 * and carry no function here.
 */
import type { Severity } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import type { FactsBySubject } from './facts.js';

/**
 * Where a check runs: `intake` while a snapshot is uploaded; `hop` on every hop `resolvePath` builds
 * (its findings are the path's diagnostics); `mesh` in the snapshot-wide analysis (`analyzeMesh`).
 */
export type CheckScope = 'intake' | 'hop' | 'mesh';

/** What a hop or mesh check looks at: the key of its facts in `FactsBySubject`. */
export type CheckSubject = keyof FactsBySubject;

/** One finding of a check: its message and the objects it is about. */
export interface Finding {
  readonly message: string;
  readonly resources: readonly ResourceRef[];
}

interface CheckMeta {
  /** Stable, never reused: portals and CI pipelines filter on it. */
  readonly code: `SPW${number}`;
  /** A readable id, so call sites and tests say what they mean. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** The closest `istioctl analyze` (IST) or Kiali (KIA) check (ecosystem.md §1.1, §1.5). */
  readonly equivalent?: string;
  /** The upstream behaviour the check reports on, with its source. */
  readonly upstream: string;
}

export interface AnalysisCheck<S extends CheckSubject> extends CheckMeta {
  readonly scopes: readonly ('hop' | 'mesh')[];
  readonly subject: S;
  readonly run: (facts: FactsBySubject[S]) => readonly Finding[];
}

export interface IntakeCheck extends CheckMeta {
  readonly scopes: readonly ['intake'];
}

export type Check = IntakeCheck | { [S in CheckSubject]: AnalysisCheck<S> }[CheckSubject];
