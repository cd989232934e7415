/**
 * Wires the service layer over a store: the snapshot and policy services and their caches, kept true to
 * the catalogue. A delete seen anywhere (this process, another replica's NOTIFY) drops the snapshot's
 * compiled mesh and answers at once; a change whose deletions are unknown (SQLite's data_version, a poll
 * after a lost notification) checks the cached snapshots against the store.
 */
import type { Config } from '../config.js';
import { compileMesh, type MeshModel } from '../engine/index.js';
import { createAnswerCache, type AnswerCache } from './answerCache.js';
import { createCompiledSnapshots, type CompiledSnapshots } from './compiledSnapshots.js';
import { createPolicyService, type CompiledSnapshot } from './policyService.js';
import { createSnapshotService, type SnapshotAdminService } from './snapshotService.js';
import type { SnapshotStore } from './snapshotStore.js';
import type { Services } from './types.js';
import type { UploadParser } from './uploadParser.js';

/**
 * Compiled meshes hold the model plus its indexes; measured at roughly three times the model's JSON size.
 * Used only to bound the cache, so an estimate is enough.
 */
const COMPILED_BYTES_PER_MODEL_JSON_BYTE = 3;

export interface ServiceLayer {
  readonly services: Services;
  readonly snapshots: SnapshotAdminService;
  readonly compiled: CompiledSnapshots<CompiledSnapshot>;
  readonly answers: AnswerCache;
}

/**
 * A stored model parsed in a frame of its own, so its JSON text (about 100 MiB at 100k endpoints) is
 * garbage while the model is compiled.
 */
async function readModel(
  snapshots: SnapshotAdminService,
  id: string,
): Promise<{ readonly model: MeshModel; readonly jsonChars: number }> {
  const json = await snapshots.loadModelJson(id);
  return { model: JSON.parse(json) as MeshModel, jsonChars: json.length };
}

export function createServices(
  store: SnapshotStore,
  config: Config,
  parser: UploadParser,
  hooks: {
    readonly onCompiledCache?: (event: 'hit' | 'miss') => void;
    readonly onAnswerCache?: (event: 'hit' | 'miss') => void;
    readonly onError?: (error: unknown, message: string) => void;
  } = {},
): ServiceLayer {
  const snapshots = createSnapshotService(store, config, parser);
  const compiled = createCompiledSnapshots({
    maxBytes: config.cache.maxBytes,
    load: async (id) => {
      const { model, jsonChars } = await readModel(snapshots, id);
      return {
        value: { mesh: compileMesh(model), caveats: model.caveats ?? [] },
        bytes: jsonChars * COMPILED_BYTES_PER_MODEL_JSON_BYTE,
      };
    },
    ...(hooks.onCompiledCache ? { onEvent: hooks.onCompiledCache } : {}),
  });
  const answers = createAnswerCache(config.cache.answerEntries, hooks.onAnswerCache);
  const forget = (id: string): void => {
    compiled.forget(id);
    answers.forget(id);
  };
  store.catalogue.subscribe(({ deleted }) => {
    if (deleted.length > 0) {
      deleted.forEach(forget);
      return;
    }
    const cached = compiled.ids();
    if (cached.length === 0) return;
    store.existing(cached).then(
      (present) => cached.filter((id) => !present.has(id)).forEach(forget),
      (error: unknown) => hooks.onError?.(error, 'could not check cached snapshots against the store'),
    );
  });
  const services: Services = { snapshots, policy: createPolicyService(snapshots, compiled, answers) };
  return { services, snapshots, compiled, answers };
}
