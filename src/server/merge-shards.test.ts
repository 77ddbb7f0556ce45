import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/parse-catalog';
import { shardOf } from '../catalog/shard-key';
import { choose } from '../engine/choose';
import { context, TODAY } from '../engine/test-fixtures';
import type { Catalog } from '../types';
import { mergeShards, readShardIndex, shardPath, type ShardIndex } from './merge-shards';
import { shardDoc, STORE } from './shard-fixtures';

const INDEX: ShardIndex = { currency: 'EUR', settings: {}, count: 4, path: 'shards/{n}.json' };

function merged(shards: unknown[], index = INDEX) {
  const result = mergeShards(index, shards);
  if (!result.ok) throw new Error(result.error);
  return result;
}
const ids = (c: Catalog) => c.products.map((p) => p.id).sort();

describe('readShardIndex', () => {
  it('reads a valid index, with the catalog-wide currency and settings', () => {
    const { index } = shardDoc(STORE, 4);
    expect(readShardIndex(index)).toEqual({
      ok: true,
      index: { currency: 'EUR', settings: { maxUpsellRatio: 0.5 }, count: 4, path: 'shards/{n}.json' },
      problems: [],
    });
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', [], /object/],
    ['a wrong version', { version: 2 }, /^version/],
    ['no shards', { version: 1 }, /^shards:/],
    ['count 0', { version: 1, shards: { count: 0, hash: 'fnv1a32', path: '{n}.json' } }, /^shards\.count/],
    ['count 1.5', { version: 1, shards: { count: 1.5, hash: 'fnv1a32', path: '{n}.json' } }, /^shards\.count/],
    ['another hash', { version: 1, shards: { count: 2, hash: 'md5', path: '{n}.json' } }, /^shards\.hash/],
    ['a path without {n}', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: 'shard.json' } }, /^shards\.path/],
    ['a path with ..', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: '../{n}.json' } }, /^shards\.path/],
    ['an absolute path', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: '/etc/{n}' } }, /^shards\.path/],
    ['a URL', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: 'https://x/{n}' } }, /^shards\.path/],
    ['a backslash', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: '..\\{n}' } }, /^shards\.path/],
  ];
  it.each(bad)('rejects %s', (_, input, error) => {
    const result = readShardIndex(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('falls back to the defaults for a bad currency or settings, saying so', () => {
    const result = readShardIndex({ version: 1, currency: 'euros', settings: { vipOrders: -1 }, shards: { count: 1, hash: 'fnv1a32', path: '{n}.json' } });
    expect(result).toMatchObject({ ok: true, index: { currency: 'USD', settings: {} } });
    if (result.ok) expect(result.problems).toEqual(['currency: invalid, using USD', 'settings.vipOrders: invalid, using the default']);
  });

  it('names shard files by number', () => {
    expect(shardPath(INDEX, 3)).toBe('shards/3.json');
  });
});

describe('mergeShards', () => {
  it('puts the shards back together into the catalog they came from', () => {
    for (const count of [1, 3, 4, 16]) {
      const { shards } = shardDoc(STORE, count);
      const { catalog, warnings } = merged(shards, { ...INDEX, count, settings: { maxUpsellRatio: 0.5 } });
      expect(warnings).toEqual([]);
      const whole = parseCatalog(STORE);
      if (!whole.ok) throw new Error(whole.error);
      expect(ids(catalog)).toEqual(ids(whole.catalog));
      expect(catalog.links.length).toBe(STORE.links.length);
      expect(catalog.currency).toBe('EUR');
      expect(catalog.settings.maxUpsellRatio).toBe(0.5);
      // The engine makes the same choices on the merged catalog as on the whole one.
      for (const product of ['phone-x', 'phone-y', 'blender']) {
        const ctx = context({ product });
        expect(choose(catalog, ctx, TODAY)).toEqual(choose(whole.catalog, ctx, TODAY));
      }
    }
  });

  it('keeps one copy of a product held by several shards, its own shard winning', () => {
    const { shards } = shardDoc(STORE, 4);
    const home = shardOf('case-x', 4);
    const other = (home + 1) % 4;
    shards[other]!.products.push({ id: 'case-x', title: 'Case X (stale copy)', price: 25, url: '/p/case-x' });
    const { catalog, warnings } = merged(shards);
    expect(catalog.products.filter((p) => p.id === 'case-x')).toEqual([expect.objectContaining({ title: 'Case X' })]);
    expect(warnings).toEqual([{ file: `shards/${other}.json`, message: `product "case-x" differs from its copy in shards/${home}.json (using that one)` }]);
  });

  it('warns of a product missing from its own shard, and of a link outside its shard', () => {
    const { shards } = shardDoc(STORE, 4);
    const home = shardOf('blender', 4);
    const other = (home + 1) % 4;
    // Move the blender and its link to another shard.
    const blender = shards[home]!.products.find((p) => p.id === 'blender')!;
    const jar = shards[home]!.products.find((p) => p.id === 'blender-jar')!;
    const link = shards[home]!.links.find((l) => l.from === 'blender')!;
    shards[home]!.products = shards[home]!.products.filter((p) => p !== blender);
    shards[home]!.links = shards[home]!.links.filter((l) => l !== link);
    shards[other]!.products.push(blender, jar);
    shards[other]!.links.push(link);
    const { catalog, warnings } = merged(shards);
    expect(catalog.byId.has('blender')).toBe(true); // the server still serves it
    expect(warnings).toContainEqual({ file: `shards/${other}.json`, message: `product "blender" is missing from its own shard shards/${home}.json` });
    expect(warnings).toContainEqual({ file: `shards/${other}.json`, message: `link "blender" → "blender-jar" belongs in shards/${home}.json` });
  });

  it("reports each shard's validation problems under its file, and a different currency", () => {
    const { shards } = shardDoc(STORE, 2);
    shards[1]!.products.push({ id: 'broken', title: 'Broken', price: -1, url: '/p/broken' });
    shards[1]!.currency = 'USD';
    const { warnings, catalog } = merged(shards, { ...INDEX, count: 2 });
    expect(catalog.byId.has('broken')).toBe(false);
    expect(warnings).toContainEqual({ file: 'shards/1.json', message: expect.stringMatching(/^products\[\d+\]: product "broken" skipped: price$/) });
    expect(warnings).toContainEqual({ file: 'shards/1.json', message: "currency USD differs from index.json's EUR (using EUR)" });
  });

  it('rejects a shard that is not a v1 catalog, naming it', () => {
    const { shards } = shardDoc(STORE, 2);
    expect(mergeShards({ ...INDEX, count: 2 }, [shards[0], { version: 2, products: [] }])).toEqual({
      ok: false,
      error: 'shards/1.json: catalog version must be 1',
    });
    expect(mergeShards({ ...INDEX, count: 2 }, [shards[0]])).toMatchObject({ ok: false, error: /^shards\/1\.json/ });
  });
});
