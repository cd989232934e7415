/**
 * The browser assets `npm run build` bundles (Vite, `web/` → `dist/web/`): the portal page, the GraphQL IDE
 * page and their hashed assets. Read once at start; a service run from source before any build serves a page
 * that says how to build instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../../repoPath.js';

export const DEFAULT_WEB_BUILD_DIR = fileURLToPath(repoPath('dist/web/'));

export interface WebBuild {
  readonly portalHtml?: string;
  readonly ideHtml?: string;
  /** Directory of the hashed assets, when the build exists. */
  readonly assetsDir?: string;
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function loadWebBuild(dir: string = DEFAULT_WEB_BUILD_DIR): WebBuild {
  const portalHtml = readIfPresent(`${dir}/index.html`);
  const ideHtml = readIfPresent(`${dir}/graphiql/index.html`);
  const assetsDir = `${dir}/assets`;
  return {
    ...(portalHtml === undefined ? {} : { portalHtml }),
    ...(ideHtml === undefined ? {} : { ideHtml }),
    ...(existsSync(assetsDir) ? { assetsDir } : {}),
  };
}

/** What a browser sees when the service runs without its built assets. */
export function notBuiltPage(what: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spillway: not built</title></head>',
    `<body><h1>The ${what} is not built into this installation</h1>`,
    '<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds first) and reload.</p>',
    '<p>The APIs work without it: <a href="/docs">REST</a>, <code>POST /graphql</code>.</p></body></html>',
  ].join('\n');
}
