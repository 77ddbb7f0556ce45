import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../cli-io';
import type { CatalogDoc } from './shard-catalog';
import { makeTempDir } from './test-fixtures';
import { writeCatalogFile } from './write-output';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp?.remove());

const doc: CatalogDoc = { version: 1, currency: 'USD', products: [{ id: 'a', title: 'A', price: 1, url: '/a' }], links: [] };

describe('writeCatalogFile', () => {
  it('replaces an earlier file whole, leaving no temporary file', async () => {
    await writeFile(tmp.file('catalog.json'), 'the earlier catalog');
    const bytes = await writeCatalogFile(tmp.file('catalog.json'), doc);
    const text = await readFile(tmp.file('catalog.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(doc);
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(await readdir(tmp.dir)).toEqual(['catalog.json']);
  });

  it('leaves the earlier file and no temporary file when the write cannot be finished', async () => {
    await mkdir(tmp.file('sub/catalog.json'), { recursive: true }); // a directory where the file should go
    await writeFile(tmp.file('sub/keep.json'), 'kept');
    await expect(writeCatalogFile(tmp.file('sub/catalog.json'), doc)).rejects.toBeInstanceOf(UserError);
    expect((await readdir(tmp.file('sub'))).sort()).toEqual(['catalog.json', 'keep.json']);
    await expect(writeCatalogFile(tmp.file('nowhere/catalog.json'), doc)).rejects.toThrow(`${tmp.file('nowhere/catalog.json')}: no such file`);
  });
});
