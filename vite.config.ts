/**
 * Builds the browser pages the service serves (`web/` → `dist/web/`): the portal at `/` and the GraphiQL IDE
 * at `GET /graphql`. Everything is bundled from npm packages at build time, so the pages load nothing from
 * another host. `npm run dev:web` serves the portal with hot reload and forwards `/graphql` to a service
 * running on :8080.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const web = (path: string): string => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

/** Compressing smaller files saves less than the extra file costs. */
const PRECOMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|svg|json|ttf)$/;

/**
 * Writes `name.gz` beside every compressible asset, which the service sends to browsers that accept gzip
 * (@fastify/static `preCompressed`): the IDE's editor is megabytes, and a laptop on a VPN feels each one.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'spillway-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = readFileSync(join(assets, file));
        if (body.length >= PRECOMPRESS_MIN_BYTES)
          writeFileSync(join(assets, `${file}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: web(''),
  base: '/',
  publicDir: false,
  // Preact's JSX runtime: no plugin needed, Vite's own transformer compiles TSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // Monaco (the IDE's editor) is large by nature; the portal itself stays small.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: { portal: web('index.html'), graphiql: web('graphiql/index.html') },
      // GraphiQL's dependencies mark React server/client boundaries ("use client"); a browser bundle has none.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  plugins: [precompress()],
  worker: { format: 'es' },
  server: { proxy: { '/graphql': 'http://localhost:8080' } },
});
