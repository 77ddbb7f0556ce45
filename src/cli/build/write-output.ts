import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';
import type { CatalogDoc, ShardIndexDoc } from './shard-catalog';

/** `--out`: the catalog, pretty-printed (merchants read and diff it). Returns the bytes written. */
export async function writeCatalogFile(path: string, doc: CatalogDoc): Promise<number> {
  return write(path, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * `--shard`: `dir/shards/{n}.json` then `dir/index.json`, the index last so that a reader
 * never finds an index naming shards not yet written. Shards are compact JSON: they are
 * fetched by every shopper's browser; index.json is small and pretty for people.
 * Shard files of an earlier build with more shards are left alone: no index names them.
 */
export async function writeShardDir(dir: string, index: ShardIndexDoc, shards: readonly CatalogDoc[]): Promise<number> {
  const path = (n: number) => join(dir, index.shards.path.replace('{n}', String(n)));
  try {
    await mkdir(join(path(0), '..'), { recursive: true });
  } catch (e) {
    throw new UserError(`${dir}: ${describeFsError(e)}`);
  }
  let bytes = 0;
  for (let n = 0; n < shards.length; n++) bytes += await write(path(n), JSON.stringify(shards[n]) + '\n');
  return bytes + (await write(join(dir, 'index.json'), JSON.stringify(index, null, 2) + '\n'));
}

/**
 * Write `text` to `path` whole or not at all: into a temporary file beside it, then renamed
 * over it (a rename within one directory is atomic). A build that fails or is killed half-way
 * leaves the earlier file as it was, never a truncated catalog that a store would serve (nor
 * half a picture in the image cache). Returns the bytes written.
 */
export async function write(path: string, text: string | Uint8Array): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  return Buffer.byteLength(text);
}
