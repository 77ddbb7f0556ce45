// A second minification pass over what the browser downloads (dist/offerwise.js and its
// chunks): Terser, after the bundler's own minifier, takes about 1% more off the gzip size,
// and every byte of the script tag is downloaded by every shopper. Safe options only:
// property reads stay (a page's getters may throw inside our try blocks), and nothing assumes
// the page's built-ins are unchanged. Source maps are carried through, so `npm run size`
// still says where the bytes go.
//   node scripts/squeeze.mjs FILE...   (a file ending in .js next to its .js.map; chunks are ES modules)
import { readFile, writeFile } from 'node:fs/promises';
import { minify } from 'terser';

for (const file of process.argv.slice(2)) {
  const [code, map] = await Promise.all([readFile(file, 'utf8'), readFile(file + '.map', 'utf8')]);
  const out = await minify(code, {
    ecma: 2020,
    module: !file.endsWith('/offerwise.js'),
    compress: { passes: 2, pure_getters: false },
    mangle: true,
    // The script tag asks Chrome (136+) to compile every function while it streams the file
    // off the main thread, instead of on first call inside the widget's own tasks.
    format: file.endsWith('/offerwise.js') ? { preamble: '//# allFunctionsCalledOnLoad' } : {},
    sourceMap: { content: map },
  });
  await Promise.all([writeFile(file, /** @type {string} */ (out.code)), writeFile(file + '.map', /** @type {string} */ (out.map))]);
  console.log(`squeeze: ${file} ${code.length.toLocaleString('en-US')} → ${out.code?.length.toLocaleString('en-US')} characters`);
}
