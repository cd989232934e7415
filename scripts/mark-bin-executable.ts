// tsc writes files 0644; npm marks a package's `bin` executable only when it installs the package, so a
// checkout's own build would otherwise leave `dist/src/cli/main.js` runnable through npx but not by path.
import { chmodSync, readFileSync } from 'node:fs';

const EXECUTABLE_MODE = 0o755;
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  bin?: Record<string, string>;
};
for (const path of Object.values(manifest.bin ?? {}))
  chmodSync(new URL(`../${path}`, import.meta.url), EXECUTABLE_MODE);
