// What the benchmarks of the built CLI share (bench-build, bench-mining, bench-visual): their
// command line, and running the CLI once for its wall time and the child's peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A benchmark's command line: `opt(name, fallback)` reads `--name value`, `flag(name)` tells
 * whether `--name` is there, and `cli` is the built CLI (`--cli`, default
 * dist/cli/offerwise.mjs), which must exist (else the benchmark says so and exits 1).
 */
export function benchCommandLine() {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const flag = (name) => args.includes(`--${name}`);
  const root = resolve(import.meta.dirname, '..');
  const cli = resolve(root, opt('cli', 'dist/cli/offerwise.mjs'));
  if (!existsSync(cli)) {
    console.error(`${cli} does not exist: build the CLI first (npm run build, or pass --cli <file>).`);
    process.exit(1);
  }
  return { opt, flag, root, cli };
}

/**
 * `node <cli> ...args`, timed: with GNU time -v when there is one (it reports the child's peak
 * RSS), else with a preloaded hook that prints `process.resourceUsage().maxRSS` as the child
 * exits. Returns its status and output, `wallMs`, `maxRssMb` and `how` RSS was measured.
 */
export function measureCli(cli, args) {
  const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
  const start = performance.now();
  if (gnuTime) {
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wallMs = performance.now() - start;
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, wallMs, maxRssMb: kb / 1024, how: '/usr/bin/time -v' };
  }
  const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxRSS ${process.resourceUsage().maxRSS}\\n`))';
  const r = spawnSync(process.execPath, ['--import', hook, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - start;
  const kb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wallMs, maxRssMb: kb / 1024, how: 'process.resourceUsage' };
}
