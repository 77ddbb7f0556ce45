import { q } from '../catalog/catalog-rules';
import { joinShards } from '../catalog/load-shards';
import { parseCatalog } from '../catalog/parse-catalog';
import { shardPath, type ShardIndex } from '../catalog/shard-index';
import { shardOf } from '../catalog/shard-key';
import type { Catalog, Product } from '../types';

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
 * catalog/load-shards.ts in the widget, a `ShardedSource` for createFetchHandler);
 * catalog/shard-index.ts reads index.json, catalog/load-shards.ts picks the shards some anchors
 * need and joins them (sharded-catalog.ts keeps them between requests), and this module merges
 * all shards at once, with a warning for whatever is out of place.
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
 * alone as the widget would, and joined as the widget joins some (`joinShards`). A product is
 * taken from its own shard when it is there (a copy elsewhere that differs is a warning),
 * links are deduplicated across shards. `warnings`
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
  const parsed = new Map<number, { catalog: Catalog }>();
  /** The file each product object came from. */
  const fileOf = new Map<Product, string>();
  for (let n = 0; n < index.count; n++) {
    const name = shardPath(index, n);
    const result = parseCatalog(shards[n]);
    if (!result.ok) return { ok: false, error: `${name}: ${result.error}` };
    const { catalog, problems } = result;
    for (const p of problems) warn(name, `${p.path}: ${p.message}`);
    if (catalog.currency !== index.currency)
      warn(name, `currency ${catalog.currency} differs from index.json's ${index.currency} (using ${index.currency})`);
    parsed.set(n, { catalog });
    for (const p of catalog.products) fileOf.set(p, name);
  }
  // The same join as the widget's and the sharded API's (catalog/load-shards.ts), so every
  // part of the directory gives what the whole gives.
  const catalog = joinShards(index, parsed);
  const home = (key: string) => shardPath(index, shardOf(key, index.count));

  for (const [n, { catalog: shard }] of parsed)
    for (const p of shard.products) {
      const kept = catalog.byId.get(p.id)!;
      if (home(p.id) === shardPath(index, n)) continue;
      if (kept === p) warn(fileOf.get(p)!, `product ${q(p.id)} is missing from its own shard ${home(p.id)}`);
      else if (JSON.stringify(kept) !== JSON.stringify(p))
        warn(fileOf.get(p)!, `product ${q(p.id)} differs from its copy in ${fileOf.get(kept)} (using that one)`);
    }
  for (const [n, { catalog: shard }] of parsed)
    for (const l of shard.links)
      if (home(l.from) !== shardPath(index, n)) warn(shardPath(index, n), `link ${q(l.from)} → ${q(l.to)} belongs in ${home(l.from)}`);

  return { ok: true, catalog, warnings };
}
