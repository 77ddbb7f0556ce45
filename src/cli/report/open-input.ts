import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../cli-io';

/**
 * A readable stream of `path`, or `stdin` when the path is `-`. Anything that can be read
 * will do: a file, a pipe (`<(zcat events.gz)`, /dev/stdin), a device. Opened first so that
 * a wrong path is a one-line error, not a stream error half-way; only a directory is refused
 * (it opens, but cannot be read).
 */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === '-') return stdin;
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    await handle?.close().catch(() => {});
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  return handle.createReadStream();
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
