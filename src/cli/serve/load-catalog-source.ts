import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseCatalog } from '../../catalog/parse-catalog';
import { mergeShards, readShardIndex, shardPath, type ShardIndex } from '../../server/merge-shards';
import type { ShardedSource } from '../../server/sharded-catalog';
import type { Catalog } from '../../types';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';
import { describeJsonError, readJsonFile } from '../validate/read-json-file';

export interface CatalogSource {
  catalog: Catalog;
  /** Problems that did not stop loading (skipped items, defaults used), each naming its file and JSON path. */
  warnings: string[];
}

/**
 * A sharded directory as `offerwise serve` opens it: its shards are read when requests need
 * them. index.json's problems that did not stop it are the fetch handler's to report.
 */
export interface OpenedShards {
  sharded: ShardedSource;
  index: ShardIndex;
}

/**
 * What `offerwise serve --catalog` names, opened: a v1 catalog file, loaded and validated
 * now; or a sharded directory, of which only index.json is read now (a `ShardedSource` whose
 * `shard(n)` reads `shards/n.json` from the disk each time the server's cache asks: `null`
 * for a missing file, a rejection for one that is unreadable or not JSON). A `UserError`
 * naming the file for a catalog or an index.json that can't be used.
 */
export async function openCatalogSource(path: string): Promise<CatalogSource | OpenedShards> {
  if (!(await isDirectory(path))) return loadCatalogFile(path);
  const indexPath = join(path, 'index.json');
  const json = await readJsonFile(indexPath);
  const read = readShardIndex(json);
  if (!read.ok) throw new UserError(`${indexPath}: ${read.error}`);
  const { index } = read;
  const root = resolve(path);
  const shard = async (n: number): Promise<unknown> => {
    const file = resolve(root, shardPath(index, n));
    // readShardIndex already refuses `..` and absolute paths; this also catches what it can't foresee.
    if (relative(root, file).startsWith('..')) throw new Error('shards.path leaves the directory');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ENOENT') return null;
      throw new Error(describeFsError(e));
    }
    const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      return JSON.parse(json);
    } catch (e) {
      throw new Error(describeJsonError('', json, e).slice(2)); // the file is named by whoever reports it
    }
  };
  return { sharded: { index: json, shard }, index };
}

/**
 * The catalog `--catalog` names, loaded whole and at once: a v1 catalog file, or a sharded
 * directory (`index.json` and its shards, format in server/merge-shards.ts) merged into one.
 * (`offerwise serve` opens a directory with `openCatalogSource` instead, reading only the
 * shards requests need.) Validated with the widget's own parser, so the server offers exactly
 * what the widget would. Anything that stops it (missing file, invalid JSON, a catalog or
 * shard rejected whole) is a `UserError` naming the file.
 */
export async function loadCatalogSource(path: string): Promise<CatalogSource> {
  return (await isDirectory(path)) ? loadShards(path) : loadCatalogFile(path);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
}

async function loadCatalogFile(path: string): Promise<CatalogSource> {
  const result = parseCatalog(await readJsonFile(path));
  if (!result.ok) throw new UserError(`${path}: ${result.error}`);
  return { catalog: result.catalog, warnings: result.problems.map((p) => `${path}: ${p.path}: ${p.message}`) };
}

async function loadShards(dir: string): Promise<CatalogSource> {
  const indexPath = join(dir, 'index.json');
  const read = readShardIndex(await readJsonFile(indexPath));
  if (!read.ok) throw new UserError(`${indexPath}: ${read.error}`);
  const { index } = read;
  const shards: unknown[] = [];
  // One at a time: this runs once at start-up, and keeps open files to one however many shards.
  for (let n = 0; n < index.count; n++) {
    const file = resolve(dir, shardPath(index, n));
    // readShardIndex already refuses `..` and absolute paths; this also catches what it can't foresee.
    if (relative(resolve(dir), file).startsWith('..')) throw new UserError(`${indexPath}: shards.path leaves the directory`);
    shards.push(await readJsonFile(file));
  }
  const merged = mergeShards(index, shards);
  if (!merged.ok) throw new UserError(`${dir}: ${merged.error}`);
  return {
    catalog: merged.catalog,
    warnings: [
      ...read.problems.map((p) => `${indexPath}: ${p}`),
      ...merged.warnings.map((w) => `${join(dir, w.file)}: ${w.message}`),
    ],
  };
}
