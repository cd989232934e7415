/**
 * Policy use cases: resolve a snapshot reference, get its compiled mesh, and ask the engine, remembering
 * each answer by snapshot id and question. Nothing here computes policy; it orchestrates storage, caches
 * and engine.
 */
import {
  analyzeMesh,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  resolvePath,
  validateSweepLoadFactors,
  type CompiledMesh,
  type ResolvedPath,
} from '../engine/index.js';
import type { AnswerCache } from './answerCache.js';
import type { CompiledSnapshots } from './compiledSnapshots.js';
import { parseProfile } from './profile.js';
import { unknownSnapshot, type SnapshotAdminService } from './snapshotService.js';
import type { PolicyQuery, PolicyService } from './types.js';

export function createPolicyService(
  snapshots: SnapshotAdminService,
  compiled: CompiledSnapshots<CompiledMesh>,
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
    compute: (path: ResolvedPath) => T,
  ): Promise<T> => {
    const profile = parseProfile(query.profile);
    const id = await snapshotId(query.snapshot);
    const question = JSON.stringify([kind, profile ?? '', query.client, query.backend, extra]);
    return answers.get(id, question, async () => {
      const mesh = await compiled.get(id);
      return compute(
        resolvePath(mesh, { client: query.client, backend: query.backend, ...(profile ? { profile } : {}) }),
      );
    });
  };

  return {
    effectivePolicy: (query) => answer('policy', query, null, evaluateEffectivePolicy),
    whatIf: (query) =>
      answer('whatIf', query, query.scenario, (path) => evaluateWhatIf(path, query.scenario)),
    async sweep(query) {
      validateSweepLoadFactors(query.loadFactors);
      return answer('sweep', query, [query.scenario, query.loadFactors], (path) =>
        evaluateSweep(path, query.scenario, query.loadFactors),
      );
    },
    async analyze(snapshot, profile) {
      const checked = parseProfile(profile);
      const id = await snapshotId(snapshot);
      return answers.get(id, JSON.stringify(['analyze', checked ?? '']), async () =>
        analyzeMesh(await compiled.get(id), checked),
      );
    },
    async references(snapshot) {
      const mesh = await compiled.get(await snapshotId(snapshot));
      return { clients: mesh.knownClients, backends: mesh.knownHosts };
    },
  };
}
