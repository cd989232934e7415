/**
 * Builds the browser pages the service serves (`web/` → `dist/web/`): the portal at `/` and the GraphiQL IDE
 * at `GET /graphql`. Everything is bundled from npm packages at build time, so the pages load nothing from
 * another host. `npm run dev:web` serves the portal with hot reload and forwards `/graphql` to a service
 * running on :8080.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const web = (path: string): string => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

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
  worker: { format: 'es' },
  server: { proxy: { '/graphql': 'http://localhost:8080' } },
});
