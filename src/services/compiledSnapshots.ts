/**
 * Compiled snapshots kept in memory (cache 1 of 3, see docs/operations.md#caches): the model loaded from the
 * store, decompressed and compiled once, least recently used out first, bounded by an estimate of their
 * size. lru-cache's `fetch` shares a first load between concurrent queries of one snapshot and forgets a
 * failed load. A snapshot never changes once stored, so an entry is right until the snapshot is deleted.
 */
import { LRUCache } from 'lru-cache';
import { compileMesh, type CompiledMesh, type MeshModel } from '../engine/index.js';

/**
 * Compiled meshes hold the model plus its indexes; measured at roughly three times the model's JSON size.
 * Used only to bound the cache, so an estimate is enough.
 */
const COMPILED_BYTES_PER_MODEL_JSON_BYTE = 3;

export interface CompiledSnapshots {
  get(id: string): Promise<CompiledMesh>;
  forget(id: string): void;
  ids(): string[];
  readonly bytes: number;
}

interface Entry {
  readonly mesh: CompiledMesh;
  readonly bytes: number;
}

export function createCompiledSnapshots(options: {
  readonly maxBytes: number;
  readonly loadModelJson: (id: string) => Promise<string>;
  readonly onEvent?: (event: 'hit' | 'miss') => void;
}): CompiledSnapshots {
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
    fetchMethod: async (id) => {
      const json = await options.loadModelJson(id);
      return {
        mesh: compileMesh(JSON.parse(json) as MeshModel),
        bytes: json.length * COMPILED_BYTES_PER_MODEL_JSON_BYTE,
      };
    },
    // A snapshot deleted while it compiles: its queries still get their answer, the cache keeps nothing.
    ignoreFetchAbort: true,
  });
  return {
    async get(id) {
      const status: LRUCache.Status<string, Entry> = {};
      const entry = cache.fetch(id, { status });
      options.onEvent?.(status.fetch === 'miss' ? 'miss' : 'hit');
      const loaded = await entry;
      if (loaded === undefined) throw new Error(`compiled snapshot ${id} could not be loaded`);
      return loaded.mesh;
    },
    forget: (id) => void cache.delete(id),
    ids: () => [...cache.keys()],
    get bytes() {
      return cache.calculatedSize;
    },
  };
}
