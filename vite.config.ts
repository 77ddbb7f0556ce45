/// <reference types="vitest/config" />
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * One config, three builds (selected with --mode):
 * - default: `dist/offerwise.js`, the IIFE a store pastes (CSS inlined as a string and
 *   adopted as a constructable stylesheet, so there is no second request).
 * - `esm`: `dist/offerwise.mjs` for stores that bundle, and `dist/server.mjs`, the offers API
 *   for fetch-style runtimes (types come from `tsc`).
 * - `demo`: the merchant's demo store in `dist-demo/`, which loads the built IIFE exactly
 *   as a store would.
 */
export default defineConfig(({ mode }) => {
  const common = {
    // JSX is Preact's `h` (the classic runtime; each JSX file imports `h`, and `Fragment`
    // where it uses `<>`): the widget's UI and the demo both render with it. The automatic
    // runtime's `jsx()` would be a second vnode factory beside `h` in the script tag (about
    // 200 B gzip).
    oxc: { jsx: { runtime: 'classic' as const, pragma: 'h', pragmaFrag: 'Fragment', development: false } },
    define: { __OFFERWISE_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
      environment: 'node',
      restoreMocks: true,
    },
  };

  if (mode === 'demo') {
    const pages = readdirSync(resolve(root, 'demo'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => resolve(root, 'demo', f));
    return {
      ...common,
      appType: 'mpa',
      build: {
        outDir: 'dist-demo',
        emptyOutDir: true,
        rolldownOptions: { input: [resolve(root, 'index.html'), ...pages] },
      },
      plugins: [copyWidget()],
    };
  }

  if (mode === 'cli') {
    // `offerwise` for plain Node 20: one ES module, Node built-ins left as imports (ssr),
    // made executable after writing so `bin` works from a checkout as well as from npm.
    const bin = resolve(root, 'dist/cli/offerwise.mjs');
    return {
      ...common,
      build: {
        outDir: 'dist/cli',
        emptyOutDir: false,
        copyPublicDir: false,
        ssr: resolve(root, 'src/cli/bin.ts'),
        target: 'node20',
        minify: false,
        rolldownOptions: {
          output: { format: 'es' as const, entryFileNames: 'offerwise.mjs', banner: '#!/usr/bin/env node' },
        },
      },
      plugins: [
        {
          name: 'offerwise-cli-executable',
          async writeBundle() {
            const { chmod } = await import('node:fs/promises');
            await chmod(bin, 0o755);
          },
        } satisfies Plugin,
      ],
    };
  }

  if (mode === 'chunks') {
    // The chunks beside dist/offerwise.js (embed.md §1): ES modules the script loads with
    // import() from its own URL, each self-contained (what they share is small, and a
    // shared file would cost a request).
    return {
      ...common,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        copyPublicDir: false,
        target: 'es2022',
        sourcemap: 'hidden' as const,
        lib: {
          entry: Object.fromEntries(CHUNKS.map((name) => [name, resolve(root, `src/chunks/${name}.ts`)])),
          formats: ['es' as const],
          fileName: (_format: string, name: string) => `offerwise-${name}.js`,
        },
        rolldownOptions: { output: { chunkFileNames: 'offerwise-shared-[hash].js' } },
      },
    };
  }

  const esm = mode === 'esm';
  return {
    ...common,
    // The script tag's build loads chunks from beside itself; the ES module build leaves
    // them to the store's bundler.
    resolve: esm ? {} : { alias: [{ find: /^\.\/chunks\/load-chunk$/, replacement: resolve(root, 'src/chunks/load-chunk.script.ts') }] },
    build: {
      outDir: 'dist',
      emptyOutDir: !esm,
      copyPublicDir: false,
      target: 'es2022',
      sourcemap: esm ? false : ('hidden' as const),
      lib: {
        entry: esm
          ? { offerwise: resolve(root, 'src/index.ts'), server: resolve(root, 'src/server/index.ts') }
          : resolve(root, 'src/main.ts'),
        name: 'OfferwiseBundle',
        formats: [esm ? 'es' : 'iife'],
        fileName: (_format, name) => (esm ? `${name}.mjs` : 'offerwise.js'),
      },
      // A store that bundles brings its own Preact: the ES module imports it, never carries it.
      rolldownOptions: esm
        ? { external: [/^preact(\/|$)/, /^@preact\/signals/], output: { chunkFileNames: 'esm/[name]-[hash].mjs' } }
        : {
            // The whole script runs in a try: a broken page (say, an Array.prototype.map that
            // throws) can stop even the libraries' own start-up code, and that must cost the
            // store our cards with one warning, never an uncaught error in its page.
            output: {
              banner: 'try{',
              footer: '}catch(e){try{console.warn("[offerwise] could not start: "+e)}catch{}}',
            },
          },
    },
  };
});

/** The chunks of the script-tag build, each `src/chunks/<name>.ts` → `dist/offerwise-<name>.js`. */
const CHUNKS = ['measure', 'endpoint', 'shards', 'cart', 'de'];

/** The demo pages reference `/offerwise.js`; serve the library build as that file. */
function copyWidget(): Plugin {
  return {
    name: 'offerwise-copy-widget',
    writeBundle(options) {
      const out = options.dir ?? resolve(root, 'dist-demo');
      mkdirSync(out, { recursive: true });
      for (const file of readdirSync(resolve(root, 'dist')).filter((f) => /^offerwise.*\.js$/.test(f)))
        copyFileSync(resolve(root, 'dist', file), resolve(out, file));
    },
  };
}
