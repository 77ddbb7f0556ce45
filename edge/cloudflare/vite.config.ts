import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * worker.ts → build/worker.mjs, one ES module for workerd (config.capnp embeds it) or
 * wrangler. A store's own project resolves `offerwise/server` from node_modules; here it is
 * the repository's source, so the Worker runs the code under test, not a stale dist/.
 *
 *   npx vite build -c edge/cloudflare/vite.config.ts
 */
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  resolve: { alias: { 'offerwise/server': resolve(here, '../../src/server/index.ts') } },
  build: {
    outDir: resolve(here, 'build'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    lib: { entry: resolve(here, 'worker.ts'), formats: ['es'], fileName: () => 'worker.mjs' },
  },
});
