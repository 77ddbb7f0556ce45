#!/usr/bin/env node
// `npm run lint` (after tsc): the shape of the program, checked (rules in architecture-rules.mjs).
// - src/embed.ts is the only module that touches the page's globals (src/cli/, the Node CLI, and
//   tests are exempt); engine, catalog and server stay portable (no Node built-ins).
// - The UI stays on its stack: src/ui renders through Preact (render() from 'preact', no DOM
//   built by hand) and a slot's state lives in @preact/signals (src/ui/slot-state.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProject, formatProblem } from './architecture-rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

const files = walk(join(root, 'src'))
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => ({ path: relative(root, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }));
const problems = checkProject(files);

if (problems.length) {
  console.error(problems.map(formatProblem).join('\n'));
  console.error(`\narchitecture: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${new Set(problems.map((p) => p.path)).size} file(s)`);
  process.exit(1);
}
console.log(
  `architecture: ok (${files.length} files: globals only in src/embed.ts; engine, catalog and server portable; src/ui renders with Preact and keeps slot state in signals)`,
);
