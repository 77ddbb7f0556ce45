import type { Catalog, Link, Product } from '../types';
import { linkKey } from './catalog-rules';
import { CATEGORY_PREFIX, indexCatalog } from './index-catalog';
import { invalid, type JsonResult, type LoadFailure, type LoadResult } from './load-catalog';
import type { CatalogProblem } from './parse-catalog';
import { readShardIndex, shardPath, type ShardIndex } from './shard-index';
import { shardOf } from './shard-key';

/**
 * The part of a sharded catalog (`data-catalog` ending in `/`) that a page needs: index.json,
 * then the shards `gatherShards` picks. `json` and `shard` fetch one file each; the widget
 * caches them for the page view, so several slots share the requests. A shard that fails
 * fails the whole load, naming its file.
 */
export async function loadShards(
  base: string,
  ids: readonly string[],
  json: (url: string) => Promise<JsonResult>,
  shard: (url: string) => Promise<LoadResult>,
): Promise<LoadResult> {
  const got = await json(base + 'index.json');
  if (!got.ok) return got;
  const read = readShardIndex(got.json);
  if (!read.ok) return invalid('index.json: ' + read.error, base);
  const { index } = read;
  let failed: LoadFailure | undefined;
  const shards = await gatherShards(index.count, ids, async (n) => {
    // index.json's paths are relative and never climb (shard-index.ts), so they append.
    const result = await shard(base + shardPath(index, n));
    if (result.ok) return result;
    failed ??= result;
  });
  if (failed) return failed;
  const problems: CatalogProblem[] = read.problems.map((message) => ({ path: 'index.json', message }));
  for (const [n, { problems: found }] of byNumber(shards))
    for (const p of found) problems.push({ ...p, path: `${shardPath(index, n)} ${p.path}` });
  return { ok: true, catalog: joinShards(index, shards), problems };
}

/**
 * The shards a set of anchors needs, each loaded once with `load` (in parallel within a
 * round), shared by the widget and the offers API: first the shards of `ids` (and of `also`,
 * ids whose products are wanted but not followed, such as the cart lines a subtotal sums),
 * then the shards of the anchors' categories (R11 cold-start links live in the shard of
 * `category:<name>`). Each shard is a v1 catalog holding its products, their links and those
 * links' targets, so these few give the engine every link it can follow from the anchors.
 * `load` resolving `undefined` leaves a shard out. Resolves with the loaded shards by number.
 */
export async function gatherShards<T extends { catalog: Catalog }>(
  count: number,
  ids: readonly string[],
  load: (n: number) => Promise<T | undefined>,
  also: readonly string[] = [],
): Promise<Map<number, T>> {
  const loaded = new Map<number, T>();
  const tried = new Set<number>();
  const round = (keys: readonly string[]) =>
    Promise.all(
      keys
        .map((key) => shardOf(key, count))
        .filter((n) => !tried.has(n) && tried.add(n))
        .map(async (n) => {
          const shard = await load(n);
          if (shard) loaded.set(n, shard);
        }),
    );
  await round([...ids, ...also]);
  // An anchor's category is read from its own shard (a product missing there is out of place).
  await round(ids.flatMap((id) => {
    const category = loaded.get(shardOf(id, count))?.catalog.byId.get(id)?.category;
    return category ? [CATEGORY_PREFIX + category] : [];
  }));
  return loaded;
}

/**
 * Shards (parsed, by number) joined into one catalog the way the whole directory joins
 * (server/merge-shards.ts calls this with every shard), so some shards give the same offers
 * as all of them: a product as its own shard holds it, else its first copy by shard number;
 * catalog order by own shard, then place in the file; each link once, the first by shard number.
 */
export function joinShards(index: ShardIndex, shards: ReadonlyMap<number, { catalog: Catalog }>): Catalog {
  const sorted = byNumber(shards);
  // Each product with its own shard's number, hashed once (a hash per comparison inside the
  // sort cost a page about 100 ms on two large shards).
  const products = new Map<string, [Product, number]>();
  for (const own of [true, false])
    for (const [n, { catalog }] of sorted)
      for (const p of catalog.products) {
        if (products.has(p.id)) continue;
        const home = shardOf(p.id, index.count);
        if ((home === n) === own) products.set(p.id, [p, home]);
      }
  const links = new Map<string, Link>();
  for (const [, { catalog }] of sorted)
    for (const l of catalog.links) {
      const key = linkKey(l.from, l.to, l.kind);
      if (!links.has(key)) links.set(key, l);
    }
  return indexCatalog({
    currency: index.currency,
    settings: index.settings,
    products: [...products.values()].sort((a, b) => a[1] - b[1]).map(([p]) => p),
    links: [...links.values()],
  });
}

const byNumber = <T>(shards: ReadonlyMap<number, T>) => [...shards].sort(([a], [b]) => a - b);
