import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../catalog/shard-key';
import { shardDoc, STORE } from '../../server/shard-fixtures';
import { UserError } from '../cli-io';
import { loadCatalogSource, openCatalogSource } from './load-catalog-source';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerwise-load-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const write = async (path: string, value: unknown) => {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), typeof value == 'string' ? value : JSON.stringify(value));
};
async function writeShards(count: number) {
  const { index, shards } = shardDoc(STORE, count);
  await write('store/index.json', index);
  for (const [n, shard] of shards.entries()) await write(`store/shards/${n}.json`, shard);
  return { index, shards };
}

describe('loadCatalogSource', () => {
  it('loads a catalog file, its skipped items as warnings naming the file', async () => {
    await write('catalog.json', { ...STORE, products: [...STORE.products, { id: 'bad', title: 'Bad', price: -1, url: '/bad' }] });
    const { catalog, warnings } = await loadCatalogSource(join(dir, 'catalog.json'));
    expect(catalog.products.length).toBe(STORE.products.length);
    expect(warnings).toEqual([`${join(dir, 'catalog.json')}: products[7]: product "bad" skipped: price`]);
  });

  it('loads a sharded directory, merging every shard into one catalog', async () => {
    await writeShards(5);
    const { catalog, warnings } = await loadCatalogSource(join(dir, 'store'));
    expect(warnings).toEqual([]);
    expect(catalog.products.map((p) => p.id).sort()).toEqual(STORE.products.map((p) => p.id as string).sort());
    expect(catalog.links.length).toBe(STORE.links.length);
    expect(catalog.currency).toBe('EUR');
    expect(catalog.linksFromCategory.get('phones')?.map((l) => l.to)).toEqual(['screen-guard']);
  });

  it('takes files saved with a UTF-8 byte-order mark: a catalog, a shard index and its shards', async () => {
    await write('bom.json', '\uFEFF' + JSON.stringify(STORE));
    expect((await loadCatalogSource(join(dir, 'bom.json'))).catalog.products.length).toBe(STORE.products.length);
    const { index, shards } = shardDoc(STORE, 2);
    await write('bom-store/index.json', '\uFEFF' + JSON.stringify(index));
    for (const [n, shard] of shards.entries()) await write(`bom-store/shards/${n}.json`, '\uFEFF' + JSON.stringify(shard));
    const { catalog, warnings } = await loadCatalogSource(join(dir, 'bom-store'));
    expect(warnings).toEqual([]);
    expect(catalog.products.length).toBe(STORE.products.length);
  });

  it("prints a shard's problems under the shard's path", async () => {
    const { shards } = await writeShards(2);
    const n = shardOf('phone-y', 2);
    await write(`store/shards/${n}.json`, { ...shards[n], products: [...shards[n]!.products, { id: 'x', title: 'X', price: 1, url: 'javascript:1' }] });
    const { warnings } = await loadCatalogSource(join(dir, 'store'));
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^${join(dir, 'store', 'shards', `${n}.json`)}: products\\[\\d+\\]: product "x" skipped: url$`))]);
  });

  it('fails with one line naming the file: missing, invalid JSON, rejected, a missing shard, a bad index', async () => {
    const fails = async (path: string, message: RegExp) => {
      const error = await loadCatalogSource(join(dir, path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    };
    await fails('nope.json', /nope\.json: no such file$/);
    await write('broken.json', '{"version": 1,');
    await fails('broken.json', /broken\.json: not valid JSON \(.+\)$/);
    await write('v2.json', { version: 2, products: [] });
    await fails('v2.json', /v2\.json: catalog version must be 1$/);
    await writeShards(3);
    await rm(join(dir, 'store/shards/2.json'));
    await fails('store', /shards[/\\]2\.json: no such file$/);
    await write('store/index.json', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: '../../{n}.json' } });
    await fails('store', /index\.json: shards\.path: expected a relative path/);
    await mkdir(join(dir, 'empty'));
    await fails('empty', /empty[/\\]index\.json: no such file$/);
  });
});

describe('openCatalogSource (what serve runs on)', () => {
  it('loads a catalog file whole, as loadCatalogSource does', async () => {
    await write('catalog.json', STORE);
    const opened = await openCatalogSource(join(dir, 'catalog.json'));
    expect('catalog' in opened && opened.catalog.products.length).toBe(STORE.products.length);
  });

  it('reads only index.json of a sharded directory; each shard when asked, from the disk, every time', async () => {
    const { index, shards } = await writeShards(3);
    await rm(join(dir, 'store/shards/1.json'));
    await write('store/shards/2.json', '\uFEFF' + JSON.stringify(shards[2]));
    const opened = await openCatalogSource(join(dir, 'store'));
    if (!('sharded' in opened)) throw new Error('expected a sharded source');
    expect(opened.index.count).toBe(3);
    expect(opened.sharded.index).toEqual(index);
    expect(await opened.sharded.shard(0)).toEqual(shards[0]);
    expect(await opened.sharded.shard(1)).toBeNull(); // missing: the handler reports it
    expect(await opened.sharded.shard(2)).toEqual(shards[2]); // a byte-order mark is dropped
    await write('store/shards/0.json', '{"version": 1,');
    await expect(opened.sharded.shard(0)).rejects.toThrow(/^not valid JSON \(line 1, column \d+: .+\)$/);
  });

  it('fails with one line naming index.json when it is missing or unusable', async () => {
    await mkdir(join(dir, 'empty'));
    await expect(openCatalogSource(join(dir, 'empty'))).rejects.toThrow(/empty[/\\]index\.json: no such file$/);
    await write('bad/index.json', { version: 1, shards: { count: 2, hash: 'fnv1a32', path: '../../{n}.json' } });
    await expect(openCatalogSource(join(dir, 'bad'))).rejects.toThrow(/index\.json: shards\.path: expected a relative path/);
  });
});
