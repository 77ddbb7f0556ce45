import { gatherShards } from '../catalog/load-shards';
import { parseCatalog } from '../catalog/parse-catalog';
import { readShardIndex, shardPath, type ShardIndex } from '../catalog/shard-index';
import { anchorsOf } from '../offers/compute-slot';
import type { Catalog, CatalogLookup, Context } from '../types';
import { viewShards } from './shard-view';

/**
 * A sharded catalog (merge-shards.ts describes the directory) as an edge runtime holds it:
 * index.json, parsed, and a way to get each shard (from a KV store, an object store, a `fetch`
 * to the CDN, the disk). offers-api.md, "On an edge runtime".
 */
export interface ShardedSource {
  /** index.json as `build --shard` writes it, JSON-parsed (validated by createFetchHandler). */
  index: unknown;
  /** Shard `n`'s JSON, parsed; `null` (or `undefined`) when there is no such shard. May reject. */
  shard(n: number): Promise<unknown>;
}

/** What createFetchHandler serves: a parsed catalog (`parseCatalog(json).catalog`) or a sharded one. */
export type CatalogSource = Catalog | ShardedSource;

/** Parsed shards kept between requests: least recently used dropped first, past either limit. */
export interface ShardCacheOptions {
  /** How many. @default DEFAULT_MAX_SHARDS (1,024) */
  maxShards?: number;
  /** How big together, estimated by the length of each shard's JSON. @default DEFAULT_MAX_SHARD_BYTES (256 MB) */
  maxShardBytes?: number;
}

export interface ShardedOptions extends ShardCacheOptions {
  /** A shard that could not be used (a `ShardError`): its offers are left out, the request still answered. */
  onError?: (error: unknown) => void;
  /**
   * Problems that did not stop a file (index.json's, at start; a shard's skipped products or
   * links, each time it loads): `shards/3.json: products[2]: …`, and the file, `shards/3.json`.
   */
  onWarning?: (message: string, file: string) => void;
}

/**
 * Enough that the bytes, not the count, bound the cache: a catalog of 100,000 products as
 * build shards it (500 a shard) is 200 shards of about 0.85 MB. With 64, traffic spread over
 * such a catalog missed the cache on most requests, and each miss parses a shard (40–60 ms,
 * every request in the isolate waiting).
 */
export const DEFAULT_MAX_SHARDS = 1024;
export const DEFAULT_MAX_SHARD_BYTES = 256 * 1024 * 1024;

/** A shard left out of an answer: missing, rejected by `shard(n)`, or not a v1 catalog. */
export class ShardError extends Error {
  override name = 'ShardError';
  constructor(
    /** The shard's number. */
    readonly shard: number,
    /** Its path relative to index.json, `shards/3.json`. */
    readonly file: string,
    /** What was wrong with it: `missing`, `catalog version must be 1`, the rejection's message. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** What the router asks of a catalog source (route-api-request.ts). */
export interface CatalogProvider {
  /** The body of `GET /health`. */
  health(): object;
  /** The catalog a request's context needs: the whole one, or a view of the shards of its anchors. */
  catalogFor(context: Context): CatalogLookup | Promise<CatalogLookup>;
}

export const isSharded = (source: CatalogSource): source is ShardedSource =>
  typeof (source as Partial<ShardedSource>).shard == 'function';

/** `source` as the router sees it; a sharded source's index.json is read here (a bad one throws). */
export function catalogProvider(source: CatalogSource, options: ShardedOptions = {}): CatalogProvider {
  if (!isSharded(source)) {
    const health = { ok: true, products: source.products.length, links: source.links.length };
    return { health: () => health, catalogFor: () => source };
  }
  const read = readShardIndex(source.index);
  if (!read.ok) throw new TypeError(`createFetchHandler: index.json: ${read.error}`);
  for (const problem of read.problems) options.onWarning?.(`index.json: ${problem}`, 'index.json');
  const { index } = read;
  const cache = createShardCache(index, source.shard.bind(source), options);
  return {
    health: () => ({ ok: true, shards: index.count, cached: cache.size }),
    async catalogFor(context) {
      // The cart lines too (the anchors on most placements): R5's subtotal sums their prices on all.
      const cart = context.cart.map((line) => line.id);
      return viewShards(index, await gatherShards(index.count, anchorsOf(context), cache.get, cart));
    },
  };
}

interface Entry {
  catalog: Catalog;
  bytes: number;
}

export interface ShardCache {
  /** Shard `n`, parsed: from the cache, from a load in flight, or loaded now; `undefined` when it can't be used (reported). */
  get(n: number): Promise<Entry | undefined>;
  /** Shards kept now. */
  readonly size: number;
  /** Their estimated bytes. */
  readonly bytes: number;
}

/**
 * Shards loaded with `load`, validated with the widget's parser, and kept in a bounded LRU.
 * Concurrent requests for one shard share one load. A shard that fails is reported to
 * `onError` as a `ShardError` and not kept, so the next request tries it again.
 */
export function createShardCache(index: ShardIndex, load: ShardedSource['shard'], options: ShardedOptions = {}): ShardCache {
  const { maxShards = DEFAULT_MAX_SHARDS, maxShardBytes = DEFAULT_MAX_SHARD_BYTES } = options;
  // A reporter that throws must not leave a shard loading forever: there is nowhere left to tell.
  const onError = (error: ShardError) => quietly(() => options.onError?.(error));
  const onWarning = (file: string, message: string) => quietly(() => options.onWarning?.(`${file}: ${message}`, file));
  const kept = new Map<number, Entry>(); // oldest use first
  const pending = new Map<number, Promise<Entry | undefined>>();
  let bytes = 0;

  const keep = (n: number, entry: Entry) => {
    if (entry.bytes > maxShardBytes || maxShards < 1) return;
    kept.set(n, entry);
    bytes += entry.bytes;
    for (const [old, { bytes: size }] of kept) {
      if (kept.size <= maxShards && bytes <= maxShardBytes) break;
      kept.delete(old);
      bytes -= size;
    }
  };

  const fetchShard = async (n: number): Promise<Entry | undefined> => {
    const file = shardPath(index, n);
    try {
      let json: unknown;
      try {
        json = await load(n);
      } catch (error) {
        throw new ShardError(n, file, error instanceof Error ? error.message : String(error));
      }
      if (json == null) throw new ShardError(n, file, 'missing');
      const parsed = parseCatalog(json);
      if (!parsed.ok) throw new ShardError(n, file, parsed.error);
      for (const p of parsed.problems) onWarning(file, `${p.path}: ${p.message}`);
      if (parsed.catalog.currency !== index.currency)
        onWarning(file, `currency ${parsed.catalog.currency} differs from index.json's ${index.currency} (using ${index.currency})`);
      return { catalog: parsed.catalog, bytes: jsonLength(json) };
    } catch (error) {
      onError(error instanceof ShardError ? error : new ShardError(n, file, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  };

  return {
    get: (n) => {
      const hit = kept.get(n);
      if (hit) {
        kept.delete(n); // to the end: the most recently used
        kept.set(n, hit);
        return Promise.resolve(hit);
      }
      let loading = pending.get(n);
      if (!loading) {
        loading = fetchShard(n).then((entry) => {
          pending.delete(n);
          if (entry) keep(n, entry);
          return entry;
        }); // never rejects: fetchShard catches everything
        pending.set(n, loading);
      }
      return loading;
    },
    get size() {
      return kept.size;
    },
    get bytes() {
      return bytes;
    },
  };
}

function quietly(report: () => void) {
  try {
    report();
  } catch {
    // the reporter's own failure: nothing to do
  }
}

/** A parsed shard's size, as the length of its JSON text; one that won't stringify is never kept. */
function jsonLength(json: unknown): number {
  try {
    return JSON.stringify(json).length;
  } catch {
    return Infinity;
  }
}
