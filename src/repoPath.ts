/**
 * Files that ship beside the code (migrations/, schema/, examples/, openapi.yaml) are found relative to the
 * repository root, which is one level above `src/` when run from source and two above `dist/src/` when
 * built.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function findRoot(): URL {
  for (const candidate of ['../', '../../']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(new URL('package.json', url)))) return url;
  }
  throw new Error('Cannot locate the repository root (package.json) from ' + import.meta.url);
}

const ROOT = findRoot();

export function repoPath(relative: string): URL {
  return new URL(relative, ROOT);
}
