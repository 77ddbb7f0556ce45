import { linkKey, q } from '../catalog/catalog-rules';
import { indexCatalog } from '../catalog/index-catalog';
import { parseCatalog } from '../catalog/parse-catalog';
import { shardPath, type ShardIndex } from '../catalog/shard-index';
import { shardOf } from '../catalog/shard-key';
import type { Catalog, Link, Product } from '../types';

export { MAX_SHARDS, readShardIndex, shardPath, type ShardIndex } from '../catalog/shard-index';

/*
 * The sharded catalog directory (catalog.md, "Sharded catalogs"; this format is the project's):
 *
 *   index.json      {"version": 1, "currency": "USD", "settings": {…},
 *                    "shards": {"count": N, "hash": "fnv1a32", "path": "shards/{n}.json"}}
 *   shards/0.json … shards/{N-1}.json   each a valid v1 catalog
 *
 * - A product lives in shard `shardOf(id, N)`: FNV-1a 32-bit of the id's UTF-8 bytes, mod N
 *   (catalog/shard-key.ts). Category links (`from: "category:<name>"`) live in the shard of
 *   the string `category:<name>`: every link lives in `shardOf(link.from, N)`.
 * - A shard holds its products, every link from them, and the products those links point
 *   to (copies of products whose own shard is another), so one shard per anchor is enough:
 *   the widget fetches only the shards of its anchors (and of their categories, for R11).
 * - `path` is relative to index.json, with `{n}` for the shard number (no `..`, no scheme).
 * - `currency` and `settings` of index.json apply to the whole catalog; a shard's own must match.
 *
 * Reading the directory is the runtime's business (cli/serve/load-catalog-source.ts on Node,
 * catalog/load-shards.ts in the widget); catalog/shard-index.ts reads index.json, and this
 * module merges all shards into one catalog for the server.
 */

/** Something wrong in one file of a sharded catalog that did not stop the merge. */
export interface ShardWarning {
  /** The shard's path relative to index.json (`shards/3.json`). */
  file: string;
  /** `products[2]: product "x" skipped: price` */
  message: string;
}

/**
 * All shards (JSON-parsed, shard `n` at position `n`) merged into one catalog, each validated
 * alone as the widget would. A product is taken from its own shard when it is there (a copy
 * elsewhere that differs is a warning), links are deduplicated across shards. `warnings`
 * name the shard file: its validation problems, a different currency, a link outside its
 * shard, a product missing from its own shard (the widget would not find it as an anchor).
 * `error` when a shard is rejected whole (not a v1 catalog), naming its file.
 */
export function mergeShards(
  index: ShardIndex,
  shards: readonly unknown[],
): { ok: true; catalog: Catalog; warnings: ShardWarning[] } | { ok: false; error: string } {
  const warnings: ShardWarning[] = [];
  const warn = (file: string, message: string) => warnings.push({ file, message });
  const parsed: { name: string; products: Product[]; links: Link[] }[] = [];
  for (let n = 0; n < index.count; n++) {
    const name = shardPath(index, n);
    const result = parseCatalog(shards[n]);
    if (!result.ok) return { ok: false, error: `${name}: ${result.error}` };
    const { catalog, problems } = result;
    for (const p of problems) warn(name, `${p.path}: ${p.message}`);
    if (catalog.currency !== index.currency)
      warn(name, `currency ${catalog.currency} differs from index.json's ${index.currency} (using ${index.currency})`);
    parsed.push({ name, products: catalog.products, links: catalog.links });
  }
  const home = (key: string) => shardPath(index, shardOf(key, index.count));

  // Products: each from its own shard first, then the copies only another shard holds.
  const from = new Map<string, string>(); // id → the shard its product was taken from
  const products: Product[] = [];
  for (const { name, products: list } of parsed)
    for (const p of list)
      if (home(p.id) === name) {
        from.set(p.id, name);
        products.push(p);
      }
  const kept = new Map(products.map((p) => [p.id, JSON.stringify(p)]));
  for (const { name, products: list } of parsed)
    for (const p of list) {
      if (home(p.id) === name) continue;
      const first = kept.get(p.id);
      if (first === undefined) {
        warn(name, `product ${q(p.id)} is missing from its own shard ${home(p.id)}`);
        from.set(p.id, name);
        kept.set(p.id, JSON.stringify(p));
        products.push(p);
      } else if (first !== JSON.stringify(p))
        warn(name, `product ${q(p.id)} differs from its copy in ${from.get(p.id)} (using that one)`);
    }

  const links: Link[] = [];
  const keys = new Set<string>();
  for (const { name, links: list } of parsed)
    for (const l of list) {
      if (home(l.from) !== name) warn(name, `link ${q(l.from)} → ${q(l.to)} belongs in ${home(l.from)}`);
      const key = linkKey(l.from, l.to, l.kind);
      if (!keys.has(key)) links.push(l);
      keys.add(key);
    }

  return { ok: true, catalog: indexCatalog({ currency: index.currency, settings: index.settings, products, links }), warnings };
}
