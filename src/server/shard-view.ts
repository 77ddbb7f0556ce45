import { linkKey } from '../catalog/catalog-rules';
import { joinShards } from '../catalog/load-shards';
import type { ShardIndex } from '../catalog/shard-index';
import { shardOf } from '../catalog/shard-key';
import { DEFAULT_SETTINGS, type Catalog, type CatalogLookup, type Link, type Product } from '../types';

/**
 * Some shards of a sharded catalog (parsed, by number) as the engine sees the catalog
 * `joinShards` (catalog/load-shards.ts) makes of them, without making it: each lookup is
 * answered from the shards' own indexes, once, when the engine first asks. Joining copies and
 * re-indexes every product and link of the shards, and sorts the products by their hashed
 * home shard, on every request: at 100,000 products in 200 shards (about 4,000 products and
 * 3,500 links each) that was over 100 ms a request for two shards; a request asks for a few
 * dozen keys. The answers are joinShards's (shard-view.test.ts holds them to it):
 *
 * - `byId`: a product as its own shard holds it, else its first copy by shard number;
 * - `order`: a number that sorts as the joined catalog's order does: by home shard, products
 *   taken from their own shard first (in its order), then copies by shard number and place;
 * - `linksFrom`, `linksFromCategory`: each shard's links from the key, by shard number, a
 *   link held by several shards once (the first by shard number);
 * - `currency` and `settings`: index.json's.
 */
export function viewShards(index: ShardIndex, shards: ReadonlyMap<number, { catalog: Catalog }>): CatalogLookup {
  const sorted = [...shards].sort(([a], [b]) => a - b);
  const { count } = index;
  // `order` packs (home shard, own or copy, shard, place) in one safe integer; past that, join.
  const span = 1 + Math.max(0, ...sorted.map(([, { catalog }]) => catalog.products.length));
  if (2 * count * count * span > Number.MAX_SAFE_INTEGER) return joinShards(index, shards);
  const rank = (home: number, own: boolean, n: number, place: number) => ((home * 2 + (own ? 0 : 1)) * count + n) * span + place;

  const located = new Map<string, { product: Product; order: number } | null>();
  const locate = (id: string) => {
    let found = located.get(id);
    if (found !== undefined) return found;
    found = null;
    if (typeof id == 'string') {
      const home = shardOf(id, count);
      const own = shards.get(home)?.catalog;
      const product = own?.byId.get(id);
      if (own && product) found = { product, order: rank(home, true, home, own.order.get(id)!) };
      else
        for (const [n, { catalog }] of sorted) {
          const copy = catalog.byId.get(id);
          if (copy) {
            found = { product: copy, order: rank(home, false, n, catalog.order.get(id)!) };
            break;
          }
        }
    }
    located.set(id, found);
    return found;
  };

  const linksBy = (pick: (catalog: Catalog) => ReadonlyMap<string, Link[]>) => {
    const joined = new Map<string, Link[] | undefined>();
    return (key: string) => {
      if (joined.has(key)) return joined.get(key);
      let links: Link[] | undefined;
      let seen: Set<string> | undefined;
      for (const [, { catalog }] of sorted) {
        const more = pick(catalog).get(key);
        if (!more) continue;
        if (!links) {
          links = more; // a shard holds each link once (parseCatalog drops duplicates)
          continue;
        }
        seen ??= new Set(links.map((l) => linkKey(l.from, l.to, l.kind)));
        links = [...links];
        for (const l of more) {
          const k = linkKey(l.from, l.to, l.kind);
          if (!seen.has(k)) (seen.add(k), links.push(l));
        }
      }
      joined.set(key, links);
      return links;
    };
  };

  return {
    currency: index.currency,
    settings: { ...DEFAULT_SETTINGS, ...index.settings },
    byId: { get: (id) => locate(id)?.product },
    order: { get: (id) => locate(id)?.order },
    linksFrom: { get: linksBy((c) => c.linksFrom) },
    linksFromCategory: { get: linksBy((c) => c.linksFromCategory) },
  };
}
