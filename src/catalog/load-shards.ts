import type { Link, Product } from '../types';
import { linkKey } from './catalog-rules';
import { CATEGORY_PREFIX, indexCatalog } from './index-catalog';
import { invalid, type JsonResult, type LoadResult } from './load-catalog';
import type { CatalogProblem } from './parse-catalog';
import { readShardIndex, shardPath } from './shard-index';
import { shardOf } from './shard-key';

/**
 * The part of a sharded catalog (`data-catalog` ending in `/`) that a page needs: index.json,
 * the shards of the anchors, then the shards of the anchors' categories (R11 cold-start
 * links live in the shard of `category:<name>`). Each shard is a v1 catalog holding its
 * products, their links and those links' targets, so these few files give the engine every
 * link it can follow from the anchors.
 *
 * `json` and `shard` fetch one file each; the widget caches them for the page view, so
 * several slots share the requests. Shards of one round are fetched in parallel.
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
  const products = new Map<string, Product>();
  const links = new Map<string, Link>();
  const problems: CatalogProblem[] = read.problems.map((message) => ({ path: 'index.json', message }));
  const files = new Set<string>();

  const load = async (keys: readonly string[]): Promise<LoadResult | undefined> => {
    const names = [...new Set(keys.map((key) => shardPath(index, shardOf(key, index.count))))].filter((n) => !files.has(n));
    // index.json's paths are relative and never climb (shard-index.ts), so they append.
    const results = await Promise.all(names.map((name) => shard(base + name)));
    for (const [i, result] of results.entries()) {
      if (!result.ok) return result;
      files.add(names[i]!);
      for (const p of result.problems) problems.push({ ...p, path: `${names[i]} ${p.path}` });
      for (const p of result.catalog.products) if (!products.has(p.id)) products.set(p.id, p);
      for (const l of result.catalog.links) links.set(linkKey(l.from, l.to, l.kind), l);
    }
    return undefined;
  };

  const failed =
    (await load(ids)) ??
    (await load(ids.flatMap((id) => {
      const category = products.get(id)?.category;
      return category ? [CATEGORY_PREFIX + category] : [];
    })));
  if (failed) return failed;
  const catalog = indexCatalog({ currency: index.currency, settings: index.settings, products: [...products.values()], links: [...links.values()] });
  return { ok: true, catalog, problems };
}
