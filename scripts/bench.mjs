#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, on the built files. They print figures; none is a
// timed assertion. Record the results in the README with the machine they ran on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}dist/cli/offerwise.mjs`) || !existsSync(`${root}dist/server.mjs`)) {
  console.error('bench: run `npm run build` first (the benchmarks use dist/).');
  process.exit(1);
}
for (const script of ['bench-engine.mjs', 'bench-build.mjs', 'bench-mining.mjs', 'bench-report.mjs', 'bench-load.mjs', 'bench-visual.mjs']) {
  console.log(`\n=== ${script} ===`);
  const { status } = spawnSync(process.execPath, [`${root}scripts/${script}`], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
