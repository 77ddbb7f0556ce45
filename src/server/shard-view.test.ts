import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinShards } from '../catalog/load-shards';
import { parseCatalog } from '../catalog/parse-catalog';
import { readShardIndex } from '../catalog/shard-index';
import { shardOf } from '../catalog/shard-key';
import { choose } from '../engine/choose';
import { CATEGORIES, IDS, SEED, TODAY, catalogDoc, contextArb } from '../fuzz/arbitraries';
import type { Catalog } from '../types';
import { shardDoc, STORE, type CatalogDoc } from './shard-fixtures';
import { viewShards } from './shard-view';

type Obj = Record<string, unknown>;
/** An item put where build would not put it. */
type Stray = { item: number; shard: number; kind: 'link' | 'copy' | 'move'; changed: boolean };

/** `doc` sharded as build does it, each shard parsed as the server parses it; `strays` put items where they do not belong. */
function parsedShards(input: CatalogDoc, count: number, strays: Stray[] = []) {
  // Only what the parser keeps: build shards valid items only.
  const whole = parseCatalog(input);
  if (!whole.ok) throw new Error(whole.error);
  const doc = { ...input, products: whole.catalog.products as unknown as Obj[], links: whole.catalog.links as unknown as Obj[] };
  const { index, shards } = shardDoc(doc, count);
  for (const { item, shard, kind, changed } of strays) {
    const into = shards[shard % count]!;
    if (kind === 'link') {
      // A link outside its shard (or twice in it).
      if (doc.links.length) into.links.push(doc.links[item % doc.links.length]!);
      continue;
    }
    // A product in a shard it does not belong to, maybe differing from its own copy, maybe gone from its own shard.
    const p = doc.products[item % doc.products.length]!;
    if (kind === 'move') {
      const own = shards[shardOf(p.id as string, count)]!;
      own.products = own.products.filter((q) => q.id !== p.id);
    }
    into.products.push(changed ? { ...p, price: (p.price as number) + 1 } : p);
  }
  const read = readShardIndex(index);
  if (!read.ok) throw new Error(read.error);
  const parsed = shards.map((shard) => {
    const result = parseCatalog(shard);
    if (!result.ok) throw new Error(result.error);
    return { catalog: result.catalog };
  });
  return { index: read.index, parsed };
}

/** The shards of `parsed` whose flag is set (the first one at least). */
const some = (parsed: { catalog: Catalog }[], flags: boolean[]) =>
  new Map(parsed.map((shard, n) => [n, shard] as const).filter(([n]) => n === 0 || flags[n % flags.length]));

const KEYS = [...IDS, 'zz', 'category:c0'];

describe('viewShards: the lookups of joinShards, without joining', () => {
  it('finds products, their order and links as the joined catalog does, on every set of shards (strays included)', () => {
    fc.assert(
      fc.property(
        catalogDoc,
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ item: fc.nat(), shard: fc.nat(), kind: fc.constantFrom('link', 'copy', 'move'), changed: fc.boolean() }), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.array(contextArb, { minLength: 1, maxLength: 3 }),
        (doc, count, strays, flags, contexts) => {
          const { index, parsed } = parsedShards(doc as unknown as CatalogDoc, count, strays);
          const shards = some(parsed, flags);
          const joined = joinShards(index, shards);
          const view = viewShards(index, shards);
          expect([view.currency, view.settings]).toEqual([joined.currency, joined.settings]);
          for (const id of KEYS) {
            expect(view.byId.get(id)).toBe(joined.byId.get(id)); // the very object, not a copy
            expect(view.linksFrom.get(id)).toEqual(joined.linksFrom.get(id));
            for (const other of KEYS) {
              const [a, b] = [joined.order.get(id), joined.order.get(other)];
              if (a !== undefined && b !== undefined) expect(Math.sign(view.order.get(id)! - view.order.get(other)!)).toBe(Math.sign(a - b));
            }
          }
          for (const category of [...CATEGORIES, 'none']) expect(view.linksFromCategory.get(category)).toEqual(joined.linksFromCategory.get(category));
          for (const context of contexts) expect(choose(view, context, TODAY)).toEqual(choose(joined, context, TODAY));
        },
      ),
      { numRuns: 400, seed: SEED },
    );
  });

  it('takes a product from its own shard over an earlier copy, and each link once when two shards hold it', () => {
    const count = 8;
    const homeOfCase = shardOf('case-x', count);
    const other = homeOfCase === 0 ? 1 : 0; // a shard numbered before case-x's own, or after it
    const { index, parsed } = parsedShards(STORE, count, [
      { item: STORE.products.findIndex((p: Obj) => p.id === 'case-x'), shard: other, kind: 'copy', changed: true },
      { item: 0, shard: other, kind: 'link', changed: false }, // phone-x → case-x, again
    ]);
    const all = new Map(parsed.map((shard, n) => [n, shard] as const));
    const view = viewShards(index, all);
    const joined = joinShards(index, all);
    expect(view.byId.get('case-x')).toBe(parsed[homeOfCase]!.catalog.byId.get('case-x'));
    expect(view.byId.get('case-x')!.price).toBe(29);
    expect(view.linksFrom.get('phone-x')).toEqual(joined.linksFrom.get('phone-x'));
    expect(view.linksFrom.get('phone-x')!.filter((l) => l.to === 'case-x')).toHaveLength(1);
    // Without case-x's own shard, the copy is what there is.
    const without = new Map([...all].filter(([n]) => n !== homeOfCase));
    expect(viewShards(index, without).byId.get('case-x')).toBe(joinShards(index, without).byId.get('case-x'));
  });

  it('answers nothing for an id no loaded shard holds, or no id at all', () => {
    const { index, parsed } = parsedShards(STORE, 4);
    const view = viewShards(index, new Map([[0, parsed[0]!]]));
    for (const id of ['nope', undefined as unknown as string]) {
      expect(view.byId.get(id)).toBeUndefined();
      expect(view.order.get(id)).toBeUndefined();
      expect(view.linksFrom.get(id)).toBeUndefined();
    }
  });
});
