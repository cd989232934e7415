/**
 * Policy use cases: resolve a snapshot reference, get its compiled mesh from the cache, and ask the engine.
 * Nothing here computes policy; it orchestrates storage, cache and engine.
 */
import {
  analyzeMesh,
  compileMesh,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  PROFILES,
  resolvePath,
  validateSweepLoadFactors,
  type CompiledMesh,
  type MeshModel,
  type Profile,
  type ResolvedPath,
} from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import { AnswerMemo } from './answerMemo.js';
import type { CompiledMeshCache } from './compiledMeshCache.js';
import type { SnapshotAdminService } from './snapshotService.js';
import type { PolicyService } from './types.js';

/**
 * Compiled meshes hold the model plus its indexes; measured at roughly three times the model's JSON size.
 * Used only to bound the cache, so an estimate is enough.
 */
const COMPILED_BYTES_PER_MODEL_JSON_BYTE = 3;
/** Answers remembered per compiled snapshot (each is a few kilobytes). */
const ANSWERS_PER_SNAPSHOT = 2_000;

/** A snapshot ready for questions: its compiled mesh and the answers already given from it. */
export interface CompiledSnapshot {
  readonly mesh: CompiledMesh;
  readonly answers: AnswerMemo;
}

/** A profile name from a client, checked; undefined stays undefined (the snapshot's own profile). */
export function checkProfile(profile: string | undefined): Profile | undefined {
  if (profile === undefined) return undefined;
  if (!PROFILES.includes(profile as Profile)) {
    throw new AppError(
      'INVALID_PROFILE',
      `Unknown profile "${profile}"; expected one of ${PROFILES.join(', ')}.`,
      {
        profiles: PROFILES,
      },
    );
  }
  return profile as Profile;
}

export function createPolicyService(
  snapshots: SnapshotAdminService,
  cache: CompiledMeshCache<CompiledSnapshot>,
): PolicyService {
  const compiled = async (ref: string): Promise<CompiledSnapshot> => {
    const row = snapshots.resolve(ref);
    if (!row) {
      throw new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${ref}" (an id, a name, or "latest").`, {
        snapshot: ref,
      });
    }
    return cache.get(row.id, async () => {
      const json = await snapshots.loadModelJson(row.id);
      return {
        value: {
          mesh: compileMesh(JSON.parse(json) as MeshModel),
          answers: new AnswerMemo(ANSWERS_PER_SNAPSHOT),
        },
        bytes: json.length * COMPILED_BYTES_PER_MODEL_JSON_BYTE,
      };
    });
  };

  type Question = { snapshot: string; client: string; backend: string; profile?: string };

  /** Resolves the path and answers from it, remembering the answer under the whole question. */
  const answer = async <T>(
    kind: string,
    query: Question,
    extra: unknown,
    compute: (path: ResolvedPath) => T,
  ): Promise<T> => {
    const profile = checkProfile(query.profile);
    const { mesh, answers } = await compiled(query.snapshot);
    const key = JSON.stringify([kind, profile ?? '', query.client, query.backend, extra]);
    return answers.get(key, async () =>
      compute(
        resolvePath(mesh, { client: query.client, backend: query.backend, ...(profile ? { profile } : {}) }),
      ),
    );
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
      const checked = checkProfile(profile);
      const { mesh, answers } = await compiled(snapshot);
      return answers.get(JSON.stringify(['analyze', checked ?? '']), async () => analyzeMesh(mesh, checked));
    },
    async references(snapshot) {
      const { mesh } = await compiled(snapshot);
      return { clients: mesh.knownClients, backends: mesh.knownHosts };
    },
  };
}
