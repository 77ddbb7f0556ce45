import { main } from './main';

/**
 * The `offerwise` executable (built to dist/cli/offerwise.mjs): main.ts with the process's
 * streams. Kept apart from main.ts so that importing main in tests runs nothing.
 */

// `offerwise report big.ndjson | head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then((code) => {
  // exitCode, not exit(): let stdout drain first.
  process.exitCode = code;
});
