/** Test fixtures: a v1 catalog document split into a sharded one (merge-shards.ts's format). */
import { shardOf } from '../catalog/shard-key';

type Obj = Record<string, unknown>;

/** A catalog document as the spec writes one (ids, links as plain objects). */
export interface CatalogDoc {
  version: 1;
  currency: string;
  settings?: Obj;
  products: Obj[];
  links: Obj[];
}

/**
 * `doc` as index.json and `count` shard documents, as `offerwise build --shard` should write
 * them: each product in its own shard, each link in the shard of its `from`, with copies of
 * the products it points to.
 */
export function shardDoc(doc: CatalogDoc, count: number): { index: Obj; shards: CatalogDoc[] } {
  const byId = new Map(doc.products.map((p) => [p.id as string, p]));
  const shards: CatalogDoc[] = Array.from({ length: count }, () => ({ version: 1, currency: doc.currency, products: [], links: [] }));
  for (const p of doc.products) shards[shardOf(p.id as string, count)]!.products.push(p);
  for (const l of doc.links) {
    const shard = shards[shardOf(l.from as string, count)]!;
    shard.links.push(l);
    if (!shard.products.some((p) => p.id === l.to)) shard.products.push(byId.get(l.to as string)!);
  }
  const index = { version: 1, currency: doc.currency, settings: doc.settings ?? {}, shards: { count, hash: 'fnv1a32', path: 'shards/{n}.json' } };
  return { index, shards };
}

/** A small store: phones with an upgrade and accessories, a category link, a blender. */
export const STORE: CatalogDoc = {
  version: 1,
  currency: 'EUR',
  settings: { maxUpsellRatio: 0.5 },
  products: [
    { id: 'phone-x', title: 'Phone X', price: 799, url: '/p/phone-x', category: 'phones' },
    { id: 'phone-x-pro', title: 'Phone X Pro', price: 999, url: '/p/phone-x-pro', category: 'phones' },
    { id: 'phone-y', title: 'Phone Y', price: 499, url: '/p/phone-y', category: 'phones' },
    { id: 'case-x', title: 'Case X', price: 29, url: '/p/case-x' },
    { id: 'screen-guard', title: 'Screen Guard', price: 19, url: '/p/screen-guard' },
    { id: 'blender', title: 'Blender', price: 70, url: '/p/blender' },
    { id: 'blender-jar', title: 'Blender Jar', price: 25, url: '/p/blender-jar' },
  ],
  links: [
    { from: 'phone-x', to: 'case-x', kind: 'cross-sell', attachRate: 0.41 },
    { from: 'phone-x', to: 'phone-x-pro', kind: 'upsell', upsell: 'tier' },
    { from: 'category:phones', to: 'screen-guard', kind: 'cross-sell' },
    { from: 'blender', to: 'blender-jar', kind: 'cross-sell' },
  ],
};
