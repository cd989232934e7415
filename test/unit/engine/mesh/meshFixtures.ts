/**
 * Meshes for the mesh-wide tests: the bundled examples parsed as an upload would be, and generated meshes
 * (bench/generateMesh.ts) at a small scale.
 */
import { readFileSync } from 'node:fs';
import { generateMeshJson, type MeshOptions } from '../../../../bench/generateMesh.js';
import { compileMesh, type CompiledMesh, type MeshModel } from '../../../../src/engine/index.js';
import { parseUpload, type UploadContentType } from '../../../../src/ingest/index.js';

function parse(
  body: Buffer | string,
  contentType: UploadContentType,
  params: Record<string, string>,
): MeshModel {
  const result = parseUpload({ body: Buffer.from(body), contentType, params });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.snapshot.model;
}

/** Parsing is the slow part of a test; a compiled mesh is never modified, so one per file is shared. */
const examples = new Map<string, CompiledMesh>();

/** An example of examples/ (e.g. `httpbin-after.yaml`), compiled. */
export function exampleMesh(file: string): CompiledMesh {
  const cached = examples.get(file);
  if (cached !== undefined) return cached;
  const body = readFileSync(new URL(`../../../../examples/${file}`, import.meta.url));
  const mesh = compileMesh(parse(body, 'application/yaml', { name: file }));
  examples.set(file, mesh);
  return mesh;
}

/** Typically well under a second per case; ≥ 10× that for a loaded CI machine. */
export const MESH_TEST_TIMEOUT_MS = 60_000;

/** A generated mesh (one cluster as a List, several as a MeshSnapshot bundle), compiled. */
export function generatedMesh(options: MeshOptions): CompiledMesh {
  const generated = generateMeshJson(options);
  return compileMesh(
    parse(generated.text, 'application/json', Object.fromEntries(new URLSearchParams(generated.query))),
  );
}
