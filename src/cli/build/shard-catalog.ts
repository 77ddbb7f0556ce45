import { SHARD_HASH, shardOf as fnvShardOf } from '../../catalog/shard-key';

type Item = Record<string, unknown>;

/** A v1 catalog document as the build writes it (items already valid). */
export interface CatalogDoc {
  version: 1;
  currency: string;
  products: Item[];
  links: Item[];
}

/** index.json of a sharded catalog (the format server/merge-shards.ts documents and reads). */
export interface ShardIndexDoc {
  version: 1;
  currency: string;
  settings: Record<string, never>;
  shards: { count: number; hash: typeof SHARD_HASH; path: string };
}

/** Where shard `n` is written, relative to index.json. */
export const SHARD_PATH = 'shards/{n}.json';
/** Products per shard that `--shards` defaults to aiming for. */
export const PRODUCTS_PER_SHARD = 500;

export const defaultShardCount = (products: number) => Math.max(1, Math.ceil(products / PRODUCTS_PER_SHARD));

/**
 * Split a valid catalog into `count` shards (catalog.md, "Sharded catalogs"): every link goes
 * to the shard of its `from` (a product's home shard is that of its id, a category's that of
 * the string `category:<name>`), and a shard holds its home products, its links, and copies
 * of the products those links point to. So each shard is a valid catalog on its own, and the
 * widget needs only the shards of its anchors.
 *
 * Products keep their catalog order inside each shard, because catalog position is the
 * ranking's last tie-break (rules.md R8): merged or not, shards rank as the whole would.
 * Empty shards are still written, so every `shards/{n}.json` the index implies exists.
 */
export function shardCatalog(
  doc: CatalogDoc,
  count: number,
  shardOf: (key: string, count: number) => number = fnvShardOf,
): { index: ShardIndexDoc; shards: CatalogDoc[] } {
  const position = new Map<string, number>();
  doc.products.forEach((p, i) => position.set(p.id as string, i));
  const held = Array.from({ length: count }, () => new Set<number>());
  const links = Array.from({ length: count }, (): Item[] => []);
  doc.products.forEach((p, i) => held[shardOf(p.id as string, count)]!.add(i));
  for (const link of doc.links) {
    const n = shardOf(link.from as string, count);
    links[n]!.push(link);
    held[n]!.add(position.get(link.to as string)!);
  }
  const shards = held.map((positions, n) => ({
    version: 1 as const,
    currency: doc.currency,
    products: [...positions].sort((a, b) => a - b).map((i) => doc.products[i]!),
    links: links[n]!,
  }));
  const index: ShardIndexDoc = {
    version: 1,
    currency: doc.currency,
    settings: {},
    shards: { count, hash: SHARD_HASH, path: SHARD_PATH },
  };
  return { index, shards };
}
