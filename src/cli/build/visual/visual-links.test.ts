/**
 * Visual linking on supplied vectors (`--embeddings`): generated ones with known neighbours,
 * since no image model can be downloaded here. Each necklace has a twin pair of earrings and
 * a twin ring (its vector plus a little noise) among products of other styles; the linking
 * must find the twins, and usearch's approximate search must agree with the exact one.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli-io';
import { createBuildLog } from '../build-log';
import { withDuckDb, importDuckDb, sqlString } from '../duckdb-session';
import { runBuild } from '../run-build';
import { captureIo, captureLog, makeTempDir, seededRandom, writeLines } from '../test-fixtures';
import { complementsOf } from './complementary-categories';
import { createVectorTable, type VectorTable } from './vector-table';
import { visualLinks } from './visual-links';

type Item = Record<string, unknown>;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const file = (name: string) => tmp.file(name);
beforeAll(async () => (tmp = await makeTempDir()));
afterAll(() => tmp?.remove());

/** A unit vector of `d` normal draws. */
function direction(random: () => number, d: number): number[] {
  const v = Array.from({ length: d }, () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()));
  const length = Math.hypot(...v);
  return v.map((x) => x / length);
}
const nudge = (random: () => number, v: readonly number[], amount: number) => v.map((x, i) => x + amount * direction(random, v.length)[i]!);

/**
 * `styles` necklaces, each with twin earrings and a twin ring (the necklace's vector nudged a
 * little), plus `decoys` earrings and rings of their own styles. Ids tell the twins apart:
 * necklace-7, earrings-7, ring-7.
 */
function generated(styles: number, decoys: number, d: number, seed = 7) {
  const random = seededRandom(seed);
  const products: Item[] = [];
  const vectors: number[][] = [];
  const add = (id: string, category: string, price: number, v: number[]) => {
    products.push({ id, title: `Product ${id}`, price, url: `/p/${id}`, category });
    vectors.push(v);
  };
  for (let s = 0; s < styles; s++) {
    const style = direction(random, d);
    add(`necklace-${s}`, 'necklaces', 200, style);
    add(`earrings-${s}`, 'earrings', 80, nudge(random, style, 0.15));
    add(`ring-${s}`, 'rings', 120, nudge(random, style, 0.15));
  }
  for (let k = 0; k < decoys; k++) {
    add(`earrings-x${k}`, 'earrings', 80, direction(random, d));
    add(`ring-x${k}`, 'rings', 120, direction(random, d));
  }
  return { products, vectors };
}

function table(vectors: number[][]): VectorTable {
  const t = createVectorTable(vectors.length, vectors[0]!.length);
  vectors.forEach((v, i) => {
    const length = Math.hypot(...v);
    t.set(i, v.map((x) => x / length));
  });
  return t;
}

describe('build --visual --embeddings (CSV rows id,v1,…,vn)', () => {
  const { products, vectors } = generated(30, 60, 64);
  let doc: { links: Item[] };
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    await writeLines(file('products.csv'), ['id,title,price,url,category', ...products.map((p) => `${p.id},${p.title},${p.price},${p.url},${p.category}`)]);
    await writeLines(file('vectors.csv'), [
      `id,${vectors[0]!.map((_, i) => `v${i + 1}`).join(',')}`,
      ...products.map((p, i) => `${p.id},${vectors[i]!.map((x) => x.toFixed(6)).join(',')}`),
      // Bad rows, each reported at its line and left out; a product not in the catalog, ignored.
      `ghost,${vectors[0]!.join(',')}`,
      `necklace-0,${vectors[0]!.join(',')}`,
      'necklace-1,1,2,3',
      `earrings-x0,${vectors[0]!.map((_, i) => (i === 5 ? 'abc' : '0.1')).join(',')}`,
      `ring-x0,${vectors[0]!.map(() => '0').join(',')}`,
    ]);
    const io = captureIo();
    const code = await runBuild(
      ['--products', file('products.csv'), '--visual', '--pair-categories', 'necklaces:earrings,necklaces:rings', '--embeddings', file('vectors.csv'), '--top', '2', '--out', file('catalog.json')],
      io,
    );
    result = { code, out: io.out(), err: io.err() };
    doc = JSON.parse(await readFile(file('catalog.json'), 'utf8'));
  });

  it('links every necklace to its twin earrings and twin ring, the known neighbours', () => {
    expect(result.code).toBe(EXIT.ok);
    for (let s = 0; s < 30; s++) {
      const links = doc.links.filter((l) => l.from === `necklace-${s}`);
      expect(links.map((l) => l.to).sort(), `necklace-${s}`).toEqual([`earrings-${s}`, `ring-${s}`]);
    }
  });

  it('reports each bad row at its line, and counts rows of products not in the catalog', () => {
    const V = file('vectors.csv');
    const at = 2 + products.length;
    expect(result.err).toContain(`${V}:${at + 1}: "necklace-0" again (first at line 2)`);
    expect(result.err).toContain(`${V}:${at + 2}: expected 64 numbers (as the first row), found 3`);
    expect(result.err).toContain(`${V}:${at + 3}: value 6 is not a number`);
    expect(result.err).toContain(`${V}:${at + 4}: a vector of zeros points nowhere`);
    expect(result.out).toContain(`${V}: ${products.length + 5} rows, vectors of 64 numbers for ${products.length} products; 4 bad rows left out; 1 row naming products not in the catalog ignored (e.g. "ghost")`);
  });

  it('takes the same vectors from Parquet through DuckDB, as one list column or a column each', async () => {
    const header = `id,${vectors[0]!.map((_, i) => `v${i + 1}`).join(',')}`;
    await writeLines(file('clean.csv'), [header, ...products.map((p, i) => `${p.id},${vectors[i]!.map((x) => x.toFixed(6)).join(',')}`)]);
    const duckdb = await importDuckDb();
    await withDuckDb(duckdb, async (db) => {
      await db.run(`CREATE TABLE v AS SELECT * FROM read_csv(${sqlString(file('clean.csv'))}, header = true)`);
      await db.run(`COPY (SELECT id, [${vectors[0]!.map((_, i) => `v${i + 1}`).join(', ')}]::FLOAT[] AS embedding FROM v) TO ${sqlString(file('list.parquet'))} (FORMAT parquet)`);
      await db.run(`COPY (SELECT * FROM v) TO ${sqlString(file('wide.parquet'))} (FORMAT parquet)`);
    });
    for (const name of ['list.parquet', 'wide.parquet']) {
      const io = captureIo();
      const code = await runBuild(
        ['--products', file('products.csv'), '--visual', '--pair-categories', 'necklaces:earrings,necklaces:rings', '--embeddings', file(name), '--top', '2', '--out', file(`${name}.json`)],
        io,
      );
      expect(code, io.err()).toBe(EXIT.ok);
      expect(io.out()).toContain(`${file(name)} (Parquet): ${products.length} rows, vectors of 64 numbers for ${products.length} products`);
      const fromParquet = JSON.parse(await readFile(file(`${name}.json`), 'utf8'));
      // The CSV had 6 decimals, as did the Parquet's source: the same links, similarities within rounding.
      expect(fromParquet.links.map((l: Item) => `${l.from}→${l.to}`)).toEqual(doc.links.map((l) => `${l.from}→${l.to}`));
    }
  });
});

describe('the exact and the approximate search (usearch) agree', () => {
  it('on 400 styles among 1,600 decoys: the same links, the same similarities', async () => {
    const { products, vectors } = generated(400, 800, 48, 11);
    const t = table(vectors);
    const options = { top: 3, minSimilarity: 0.5, complements: complementsOf([['necklaces', 'earrings'], ['necklaces', 'rings']]), usearch: async () => (await import('usearch')).default };
    const exact = await visualLinks(products, t, [], { ...options, exactUpTo: Infinity }, captureLog().log);
    const approximate = await visualLinks(products, t, [], { ...options, exactUpTo: 0 }, captureLog().log);
    expect(exact.stats.search).toBe('exact');
    expect(approximate.stats.search).toBe('index');
    expect(exact.links.length).toBeGreaterThan(400 * 2);
    const key = (l: Item) => `${l.from}→${l.to}`;
    const found = new Set(approximate.links.map(key));
    const recall = exact.links.filter((l) => found.has(key(l))).length / exact.links.length;
    expect(recall).toBeGreaterThanOrEqual(0.99);
    const similarity = new Map(exact.links.map((l) => [key(l), l.similarity]));
    for (const l of approximate.links) if (similarity.has(key(l))) expect(l.similarity).toBe(similarity.get(key(l)));
  });
});

describe('visualLinks', () => {
  const log = () => createBuildLog(captureIo());
  const usearch = async () => (await import('usearch')).default;

  it('weights visual links below the anchor\'s lightest link and by similarity, never 0', async () => {
    const products: Item[] = [
      { id: 'n', title: 'N', price: 100, url: '/n', category: 'a' },
      { id: 'e1', title: 'E1', price: 50, url: '/e1', category: 'b' },
      { id: 'e2', title: 'E2', price: 50, url: '/e2', category: 'b' },
      { id: 'c', title: 'C', price: 10, url: '/c' },
    ];
    const t = table([[1, 0], [1, 0], [0.9, Math.sqrt(1 - 0.81)], [0, 1]]);
    const existing = [{ from: 'n', to: 'c', kind: 'cross-sell', weight: 0.3 }];
    const { links } = await visualLinks(products, t, existing, { top: 5, minSimilarity: 0.5, complements: complementsOf([['a', 'b']]), usearch }, log());
    expect(links).toEqual([
      { from: 'n', to: 'e1', kind: 'cross-sell', reason: 'Matches the look of N', weight: 0.15, source: 'visual', similarity: 1 },
      { from: 'n', to: 'e2', kind: 'cross-sell', reason: 'Matches the look of N', weight: 0.135, source: 'visual', similarity: 0.9 },
    ]);
  });

  it('reports a complementary category with no product (with the likely name) and one with a single product', async () => {
    const products: Item[] = [
      { id: 'n', title: 'N', price: 100, url: '/n', category: 'necklaces' },
      { id: 'r', title: 'R', price: 50, url: '/r', category: 'rings' },
      { id: 'e', title: 'E', price: 50, url: '/e', category: 'earrings' },
    ];
    const { log: captured, err } = captureLog();
    await visualLinks(products, table([[1, 0], [1, 0], [0, 1]]), [], { top: 5, minSimilarity: 0.5, complements: complementsOf([['necklaces', 'earing'], ['necklaces', 'rings']]), usearch }, captured);
    expect(err()).toContain('--visual: no product is in category "earing" (did you mean "earrings"?); it gets no visual links');
    expect(err()).toContain('--visual: category "rings" has one product ("r"): every visual match in it is that one');
    expect(err()).toContain('--visual: category "necklaces" has one product ("n")');
  });
});
