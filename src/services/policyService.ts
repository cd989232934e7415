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
  resolvePath,
  type CompiledMesh,
} from '../engine/index.js';
import { PROFILES, type MeshModel, type Profile } from '../engine/model/meshModel.js';
import { AppError } from '../errors/appError.js';
import type { CompiledMeshCache } from './compiledMeshCache.js';
import type { SnapshotAdminService } from './snapshotService.js';
import type { PolicyService } from './types.js';

/**
 * Compiled meshes hold the model plus its indexes; measured at roughly three times the model's JSON size.
 * Used only to bound the cache, so an estimate is enough.
 */
const COMPILED_BYTES_PER_MODEL_JSON_BYTE = 3;
/** Sweeps beyond this many points are refused: each point is a full what-if. */
export const MAX_SWEEP_POINTS = 200;

function checkProfile(profile: string | undefined): Profile | undefined {
  if (profile === undefined) return undefined;
  if (!PROFILES.includes(profile as Profile)) {
    throw new AppError('INVALID_PROFILE', `Unknown profile "${profile}"; expected one of ${PROFILES.join(', ')}.`, {
      profiles: PROFILES,
    });
  }
  return profile as Profile;
}

export function createPolicyService(snapshots: SnapshotAdminService, cache: CompiledMeshCache<CompiledMesh>): PolicyService {
  const compiled = async (ref: string): Promise<CompiledMesh> => {
    const row = snapshots.resolve(ref);
    if (!row) {
      throw new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${ref}" (an id, a name, or "latest").`, { snapshot: ref });
    }
    return cache.get(row.id, async () => {
      const json = await snapshots.loadModelJson(row.id);
      return { value: compileMesh(JSON.parse(json) as MeshModel), bytes: json.length * COMPILED_BYTES_PER_MODEL_JSON_BYTE };
    });
  };

  const path = async (query: { snapshot: string; client: string; backend: string; profile?: string }) => {
    const profile = checkProfile(query.profile);
    const mesh = await compiled(query.snapshot);
    return resolvePath(mesh, { client: query.client, backend: query.backend, ...(profile ? { profile } : {}) });
  };

  return {
    async effectivePolicy(query) {
      return evaluateEffectivePolicy(await path(query));
    },
    async whatIf(query) {
      return evaluateWhatIf(await path(query), query.scenario);
    },
    async sweep(query) {
      if (query.loadFactors.length === 0 || query.loadFactors.length > MAX_SWEEP_POINTS) {
        throw new AppError('INVALID_SCENARIO', `A sweep takes 1 to ${MAX_SWEEP_POINTS} load factors.`);
      }
      return evaluateSweep(await path(query), query.scenario, query.loadFactors);
    },
    async analyze(snapshot, profile) {
      const checked = checkProfile(profile);
      const mesh = await compiled(snapshot);
      return analyzeMesh(mesh, checked);
    },
  };
}
