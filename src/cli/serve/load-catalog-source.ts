import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseCatalog } from '../../catalog/parse-catalog';
import { mergeShards, readShardIndex, shardPath } from '../../server/merge-shards';
import type { Catalog } from '../../types';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';
import { readJsonFile } from '../validate/read-json-file';

export interface CatalogSource {
  catalog: Catalog;
  /** Problems that did not stop loading (skipped items, defaults used), each naming its file and JSON path. */
  warnings: string[];
}

/**
 * The catalog `offerwise serve --catalog` names, loaded once: a v1 catalog file, or a sharded
 * directory (`index.json` and its shards, format in server/merge-shards.ts) merged into one.
 * Validated with the widget's own parser, so the server offers exactly what the widget would.
 * Anything that stops it (missing file, invalid JSON, a catalog or shard rejected whole) is
 * a `UserError` naming the file.
 */
export async function loadCatalogSource(path: string): Promise<CatalogSource> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  if (isDirectory) return loadShards(path);
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
