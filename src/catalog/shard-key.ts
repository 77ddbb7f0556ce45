/**
 * Which shard of a sharded catalog holds a key (catalog.md, "Sharded catalogs"). Shared by
 * the CLI (build, serve) and the widget, so both must hash identically: any change here is a
 * new `shards.hash` name, never an edit of this one.
 *
 * Keys are product ids, or `category:<name>` for the category links of a category.
 */

import { fnv1a32 } from '../util/hash';

/** The `shards.hash` value of index.json that names the hash (util/hash.ts). */
export const SHARD_HASH = 'fnv1a32';

/**
 * The shard number (0 to `count` − 1) of `key` in a catalog of `count` shards.
 * @throws RangeError when `count` is not a positive integer (a bad index.json must be caught
 * where it is read, not hashed into NaN).
 */
export function shardOf(key: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, got ${count}`);
  return fnv1a32(key) % count;
}
