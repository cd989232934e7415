/**
 * Policy use cases: resolve a snapshot reference, get its compiled mesh, and ask the engine, remembering
 * each answer by snapshot id and question. Nothing here computes policy; it orchestrates storage, caches
 * and engine.
 */
import {
  analyzeMesh,
  blastRadiusSteps,
  diffSnapshotsSteps,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  resolvePath,
  validateSweepLoadFactors,
  type CompiledMesh,
  type Diagnostic,
  type ResolvedPath,
} from '../engine/index.js';
import type { AnswerCache } from './answerCache.js';
import type { CompiledSnapshots } from './compiledSnapshots.js';
import { parseProfile } from './profile.js';
import { runSliced } from './runSliced.js';
import {
  explainedByCaveats,
  findingsWithCaveats,
  policyWithCaveats,
  whatIfWithCaveats,
} from './snapshotCaveats.js';
import { unknownSnapshot, type SnapshotAdminService } from './snapshotService.js';
import type { PolicyQuery, PolicyService } from './types.js';

/** A snapshot ready for questions: its compiled mesh and what it lacks, said with every answer. */
export interface CompiledSnapshot {
  readonly mesh: CompiledMesh;
  /** `MeshModel.caveats` (`snapshotCaveats.ts`). */
  readonly caveats: readonly Diagnostic[];
}

export function createPolicyService(
  snapshots: SnapshotAdminService,
  compiled: CompiledSnapshots<CompiledSnapshot>,
  answers: AnswerCache,
): PolicyService {
  const snapshotId = async (ref: string): Promise<string> => {
    const row = await snapshots.resolve(ref);
    if (!row) throw unknownSnapshot(ref);
    return row.id;
  };

  /** Resolves the path and answers from it, remembering the answer under the whole question. */
  const answer = async <T extends object>(
    kind: string,
    query: PolicyQuery,
    extra: unknown,
    compute: (path: ResolvedPath, caveats: readonly Diagnostic[]) => T,
  ): Promise<T> => {
    const profile = parseProfile(query.profile);
    const id = await snapshotId(query.snapshot);
    const question = JSON.stringify([kind, profile ?? '', query.client, query.backend, extra]);
    return answers.get(id, question, async () => {
      const { mesh, caveats } = await compiled.get(id);
      let path: ResolvedPath;
      try {
        path = resolvePath(mesh, {
          client: query.client,
          backend: query.backend,
          ...(profile ? { profile } : {}),
        });
      } catch (error) {
        throw explainedByCaveats(error, caveats);
      }
      return compute(path, caveats);
    });
  };

  return {
    effectivePolicy: (query) =>
      answer('policy', query, null, (path, caveats) =>
        policyWithCaveats(evaluateEffectivePolicy(path), caveats),
      ),
    whatIf: (query) =>
      answer('whatIf', query, query.scenario, (path, caveats) =>
        whatIfWithCaveats(evaluateWhatIf(path, query.scenario), caveats),
      ),
    async sweep(query) {
      validateSweepLoadFactors(query.loadFactors);
      return answer('sweep', query, [query.scenario, query.loadFactors], (path) =>
        evaluateSweep(path, query.scenario, query.loadFactors),
      );
    },
    async analyze(snapshot, profile) {
      const checked = parseProfile(profile);
      const id = await snapshotId(snapshot);
      return answers.get(id, JSON.stringify(['analyze', checked ?? '']), async () => {
        const { mesh, caveats } = await compiled.get(id);
        return findingsWithCaveats(analyzeMesh(mesh, checked), caveats);
      });
    },
    async blastRadius(query) {
      const profile = parseProfile(query.profile);
      const id = await snapshotId(query.snapshot);
      return answers.get(id, JSON.stringify(['blastRadius', profile ?? '', query.scenario]), async () =>
        runSliced(blastRadiusSteps((await compiled.get(id)).mesh, query.scenario, profile)),
      );
    },
    async diff(query) {
      const profile = parseProfile(query.profile);
      const beforeId = await snapshotId(query.before);
      const afterId = await snapshotId(query.after);
      // Remembered with the after snapshot, the before snapshot's id in the question (a name may later mean
      // another snapshot; an id never does).
      return answers.get(afterId, JSON.stringify(['diff', profile ?? '', beforeId]), async () =>
        runSliced(
          diffSnapshotsSteps(
            (await compiled.get(beforeId)).mesh,
            (await compiled.get(afterId)).mesh,
            profile,
          ),
        ),
      );
    },
    async references(snapshot) {
      const { mesh } = await compiled.get(await snapshotId(snapshot));
      return { clients: mesh.knownClients, backends: mesh.knownHosts };
    },
  };
}
