/**
 * Builds the portal and the IDE once for the browser suite, into a folder of its own (a running `npm start`
 * keeps its dist/web), and refuses to go on in CI without Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { browserRequired, chromiumAvailable, CHROMIUM_PATH } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    webBuildDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!chromiumAvailable() && browserRequired()) {
    throw new Error(
      `The browser suite needs Chromium at ${CHROMIUM_PATH} and CI requires it: apt-get update && apt-get install -y chromium`,
    );
  }
  if (!chromiumAvailable()) {
    // The suite skips (and says so); nothing to build for it.
    project.provide('webBuildDir', '');
    return () => undefined;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'spillway-web-'));
  await build({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('webBuildDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
