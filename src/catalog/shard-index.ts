import type { Settings } from '../types';
import { isObject, own } from './field-rules';
import { SHARD_HASH } from './shard-key';
import { readHead } from './walk-catalog';

/*
 * index.json of a sharded catalog directory (catalog.md, "Sharded catalogs"; the format is
 * described in server/merge-shards.ts and the README). Shared by the widget and the offers
 * API, which both load only the shards their anchors need (load-shards.ts).
 */

/** A validated index.json. */
export interface ShardIndex {
  currency: string;
  settings: Partial<Settings>;
  count: number;
  /** With `{n}`, e.g. `shards/{n}.json`. */
  path: string;
}

/** More shards than this is surely a mistake (each is a file, and a request, of its own). */
export const MAX_SHARDS = 65_536;

/** `path` must stay under the index's directory: relative, no `..`, no `\`, no scheme. */
const UNSAFE_PATH = /^\/|\\|:|(^|\/)\.\.(\/|$)/;

/**
 * An untrusted, JSON-parsed index.json. Fatal (`error`): not an object, `version` not 1, or
 * `shards` unusable. Bad `currency` or `settings` fall back to their defaults, as `problems`.
 */
export function readShardIndex(
  input: unknown,
): { ok: true; index: ShardIndex; problems: string[] } | { ok: false; error: string } {
  if (!isObject(input)) return { ok: false, error: 'expected a JSON object' };
  if (own(input, 'version') !== 1) return { ok: false, error: 'version: expected 1' };
  const shards = own(input, 'shards');
  if (!isObject(shards)) return { ok: false, error: 'shards: expected an object {count, hash, path}' };
  const count = own(shards, 'count');
  const hash = own(shards, 'hash');
  const path = own(shards, 'path');
  if (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > MAX_SHARDS)
    return { ok: false, error: `shards.count: expected an integer from 1 to ${MAX_SHARDS}` };
  if (hash !== SHARD_HASH) return { ok: false, error: `shards.hash: expected "${SHARD_HASH}"` };
  if (typeof path != 'string' || !path.includes('{n}') || UNSAFE_PATH.test(path))
    return { ok: false, error: 'shards.path: expected a relative path with {n}, such as "shards/{n}.json"' };

  const problems: string[] = [];
  const { currency, settings } = readHead(input, (path, why) => problems.push(`${path}: ${why}`));
  return { ok: true, index: { currency, settings, count: count as number, path }, problems };
}

/** The path (relative to index.json) of shard `n`. */
export const shardPath = (index: ShardIndex, n: number): string => index.path.replaceAll('{n}', String(n));

