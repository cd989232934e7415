/**
 * First start with an empty database: import the bundled examples so a new user can query at once.
 */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../repoPath.js';
import type { SnapshotAdminService } from './snapshotService.js';

export const EXAMPLES_DIR = fileURLToPath(repoPath('examples/'));

/** The example files in import order (the newest, and so `latest`, is the last). */
export async function exampleFiles(): Promise<string[]> {
  const names = await readdir(EXAMPLES_DIR);
  return names.filter((n) => n.endsWith('.yaml')).sort();
}

export async function importExamples(snapshots: SnapshotAdminService): Promise<string[]> {
  const imported: string[] = [];
  for (const file of await exampleFiles()) {
    const body = await readFile(`${EXAMPLES_DIR}${file}`);
    const outcome = await snapshots.upload({
      body,
      contentType: 'application/yaml',
      params: { name: file.replace(/\.yaml$/, '') },
    });
    imported.push(`${outcome.snapshot.name} (${outcome.snapshot.id})`);
  }
  return imported;
}
