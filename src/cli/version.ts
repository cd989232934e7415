import { readFileSync } from 'node:fs';
import { repoPath } from '../repoPath.js';

/** The package version, from package.json beside `src/` or `dist/`. */
export const CLI_VERSION = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string })
  .version;
