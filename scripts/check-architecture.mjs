#!/usr/bin/env node
// House style: src/embed.ts is the only module that touches the page's globals, and the
// engine and catalog stay runnable anywhere (no DOM, no Node built-ins). Tests are exempt.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const GLOBALS = /\b(window|document|localStorage|sessionStorage|navigator|location|history|globalThis|console)\s*[.[(]/;
const NODE = /from\s+['"](node:|fs['"]|path['"]|http['"])/;
const PURE = ['src/engine/', 'src/catalog/', 'src/server/'];
const problems = [];

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

for (const file of walk(src)) {
  const rel = relative(root, file);
  if (!/\.tsx?$/.test(rel) || /\.test\.tsx?$/.test(rel) || rel.endsWith('.d.ts') || rel === 'src/embed.ts') continue;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/^\s*(\*|\/\*)/.test(line)) return;
    if (GLOBALS.test(code)) problems.push(`${rel}:${i + 1}: touches a global (only src/embed.ts may): ${line.trim()}`);
    if (PURE.some((p) => rel.startsWith(p)) && NODE.test(code)) problems.push(`${rel}:${i + 1}: Node-only import in portable code`);
  });
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('architecture: ok (globals only in src/embed.ts; engine, catalog and server portable)');
