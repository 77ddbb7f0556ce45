import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../cli-io';

/**
 * A readable stream of `path`, or `stdin` when the path is `-`. Checks the file first so that
 * a wrong path is a one-line error, not a stream error half-way.
 */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === '-') return stdin;
  await checkFile(path);
  return createReadStream(path);
}

/** Throws a `UserError` (exit 1) naming the path when it is not a readable file. */
export async function checkFile(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  if (!isFile) throw new UserError(`${path}: not a file`);
}

/** A file-system error in words, without Node's syscall prefix. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
