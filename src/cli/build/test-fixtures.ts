import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../cli-io';
import { createBuildLog, type BuildLog } from './build-log';

/** For tests: a fresh temporary directory and a way to remove it. */
export async function makeTempDir(): Promise<{ dir: string; file: (name: string) => string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'offerwise-build-'));
  return { dir, file: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Write `lines` (a header and rows, already CSV) to `path` with `eol`. */
export const writeLines = (path: string, lines: readonly string[], eol = '\n') => writeFile(path, lines.join(eol) + eol);

/** A `CliIo` whose output is kept in strings, and whose clock stands still. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    stdin: Readable.from([]),
    now: () => 0,
    out: () => out,
    err: () => err,
  };
}

/** A build log over `captureIo`, with its stderr text. */
export function captureLog(): { log: BuildLog; err: () => string } {
  const io = captureIo();
  return { log: createBuildLog(io), err: io.err };
}

export { seededRandom } from '../../util/seeded-random';
