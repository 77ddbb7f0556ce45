/**
 * `offerwise build --visual` end to end, on generated studio photos with known answers
 * (scripts/jewellery-images.mjs) read from --image-dir: the links it writes, what it reports,
 * and how it ranks them against curated and mined links.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jewelleryPhoto, jewellerySet } from '../../../../scripts/jewellery-images.mjs';
import { validateCatalog } from '../../../catalog/validate-catalog';
import { EXIT } from '../../cli-io';
import { runBuild, type BuildDeps } from '../run-build';
import { captureIo, makeTempDir, writeLines } from '../test-fixtures';
import { DEFAULT_MIN_SIMILARITY, VISUAL_WEIGHT } from './visual-links';

type Link = Record<string, unknown>;
type Doc = { products: Record<string, unknown>[]; links: Link[] };

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const file = (name: string) => tmp.file(name);

/** Two of each shape and material; necklaces dearest, earrings cheapest, as a jeweller prices them. */
const SET = jewellerySet({ perCell: 2, seed: 4242 });
const CATEGORY = { necklace: 'necklaces', earrings: 'earrings', ring: 'rings' } as const;
const PRICE = { necklace: 240, earrings: 90, ring: 150 } as const;
const material = (id: unknown) => (id as string).replace(/^(necklace|earrings|ring)-/, '').replace(/-\d+$/, '');

const PRODUCTS = [
  'id,title,price,url,image,category,inStock',
  ...SET.map((s) => `${s.id},${s.material} ${s.shape} ${s.id.at(-1)},${PRICE[s.shape]},/p/${s.id},/img/${s.id}.jpg,${CATEGORY[s.shape]},${s.id !== 'earrings-gold-1'}`),
  'broken,Broken picture,80,/p/broken,/img/broken.jpg,earrings,', // not an image
  'blank,Blank picture,80,/p/blank,/img/blank.jpg,earrings,', // nothing but backdrop
  'lost,Lost picture,80,/p/lost,/img/lost.jpg,earrings,', // no such file
  'brooch,Gold brooch,60,/p/brooch,/img/necklace-gold-0.jpg,brooches,', // the one product of its category
  'pricey,Pricey gold studs,999,/p/pricey,/img/earrings-gold-0.jpg,earrings,', // dearer than every necklace
];

async function build(args: string[], deps: BuildDeps = {}) {
  const io = captureIo();
  const code = await runBuild(args, io, deps);
  return { code, out: io.out(), err: io.err() };
}
const visual = (...more: string[]) => [
  '--products', file('products.csv'), '--visual', '--pair-categories', 'necklaces:earrings,necklaces:rings,brooches:rings', '--image-dir', tmp.dir, ...more,
];
const readDoc = async (name: string): Promise<Doc> => JSON.parse(await readFile(file(name), 'utf8'));
const visualOf = (doc: Doc) => doc.links.filter((l) => l.source === 'visual');

beforeAll(async () => {
  tmp = await makeTempDir();
  await mkdir(file('img'));
  await Promise.all(SET.map(async (spec) => writeFile(file(`img/${spec.id}.jpg`), await jewelleryPhoto(spec))));
  await writeFile(file('img/broken.jpg'), 'this is not a picture');
  const { default: sharp } = await import('sharp');
  await writeFile(file('img/blank.jpg'), await sharp({ create: { width: 300, height: 300, channels: 3, background: '#f4f4f4' } }).jpeg().toBuffer());
  await writeLines(file('products.csv'), PRODUCTS);
});
afterAll(() => tmp?.remove());

describe('offerwise build --visual (pictures from --image-dir)', () => {
  let result: Awaited<ReturnType<typeof build>>;
  let doc: Doc;
  beforeAll(async () => {
    result = await build(visual('--out', file('catalog.json')));
    doc = await readDoc('catalog.json');
  });

  it('writes a valid catalog with visual cross-sells, each with its reason, source, similarity and a weight below 1', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(validateCatalog(doc)).toEqual([]);
    const links = visualOf(doc);
    expect(links.length).toBeGreaterThan(20);
    const titles = new Map(doc.products.map((p) => [p.id, p.title]));
    for (const link of links) {
      expect(link).toEqual({
        from: link.from,
        to: link.to,
        kind: 'cross-sell',
        reason: `Matches the look of ${titles.get(link.from)}`,
        weight: expect.any(Number),
        source: 'visual',
        similarity: expect.any(Number),
      });
      expect(link.similarity).toBeGreaterThanOrEqual(DEFAULT_MIN_SIMILARITY);
      expect(link.weight).toBeCloseTo(VISUAL_WEIGHT * (link.similarity as number), 3);
    }
  });

  it('matches each necklace with earrings and rings of its own material', () => {
    const fromNecklaces = visualOf(doc).filter((l) => (l.from as string).startsWith('necklace-'));
    expect(new Set(fromNecklaces.map((l) => l.from)).size).toBe(8);
    for (const link of fromNecklaces) expect(material(link.to), `${link.from} → ${link.to}`).toBe(material(link.from));
  });

  it('links only within complementary categories, only to what is in stock and priced no higher (rules.md R8)', () => {
    const category = new Map(doc.products.map((p) => [p.id, p.category]));
    const price = new Map(doc.products.map((p) => [p.id, p.price as number]));
    const pairs = new Set(['necklaces>earrings', 'necklaces>rings', 'earrings>necklaces', 'rings>necklaces', 'brooches>rings', 'rings>brooches']);
    for (const link of visualOf(doc)) {
      expect(pairs, `${link.from} → ${link.to}`).toContain(`${category.get(link.from)}>${category.get(link.to)}`);
      expect(price.get(link.to)!).toBeLessThanOrEqual(price.get(link.from)!);
    }
    expect(visualOf(doc).map((l) => l.to)).not.toContain('earrings-gold-1');
    expect(visualOf(doc).map((l) => l.to)).not.toContain('pricey');
    // Earrings cost less than any necklace or ring: they anchor no visual link at all.
    expect(visualOf(doc).filter((l) => (l.from as string).startsWith('earrings-'))).toEqual([]);
  });

  it('reports the unreadable picture, the one of nothing but backdrop and the missing file by product id, and goes on', () => {
    expect(result.err).toContain(`image of "broken" (/img/broken.jpg): not a picture sharp can read (`);
    expect(result.err).toContain(`image of "blank" (/img/blank.jpg): all background (nothing but the plain backdrop was found); no visual links for it`);
    expect(result.err).toContain(`image of "lost" (/img/lost.jpg): ${file('img/lost.jpg')}: no such file; no visual links for it`);
    expect(result.out).toContain('pictures: 29 products with an image, 26 described (27 read from --image-dir); 2 unreadable, 1 all background, left out (listed above)');
  });

  it('reports a category with one product', () => {
    expect(result.err).toContain('--visual: category "brooches" has one product ("brooch"): every visual match in it is that one');
  });

  it('says what it did in the summary', () => {
    expect(result.out).toContain('complementary categories: necklaces ↔ earrings, necklaces ↔ rings, brooches ↔ rings');
    // Anchors: every described product of a category with complements (earrings too, though
    // none of them is dear enough to anchor a link).
    expect(result.out).toMatch(/visual links: \d+ cross-sells added for \d+ of 26 anchors \(similarity 0\.\d+–0\.\d+, median 0\.\d+; at least 0\.75; exact search\), weighted below the curated and mined links/);
  });

  it('keeps at most --top visual links per anchor, the best of each complementary category first', async () => {
    await build(visual('--top', '2', '--out', file('top2.json')));
    const links = visualOf(await readDoc('top2.json'));
    const per = new Map<unknown, Link[]>();
    for (const l of links) per.set(l.from, [...(per.get(l.from) ?? []), l]);
    for (const [from, list] of per) {
      expect(list.length).toBeLessThanOrEqual(2);
      // A necklace gets one pair of earrings and one ring: the best of each category.
      if ((from as string).startsWith('necklace-')) expect(list.map((l) => (l.to as string).split('-')[0]).sort()).toEqual(['earrings', 'ring']);
    }
  });

  it('raises the bar with --min-similarity', async () => {
    await build(visual('--min-similarity', '0.97', '--out', file('strict.json')));
    const strict = visualOf(await readDoc('strict.json'));
    expect(strict.length).toBeLessThan(visualOf(doc).length);
    for (const l of strict) expect(l.similarity).toBeGreaterThanOrEqual(0.97);
  });
});

describe('visual links beside curated and mined ones', () => {
  it('leaves a pair already linked to its curated link, and ranks visual links below the anchor\'s lightest curated one', async () => {
    await writeLines(file('links.csv'), [
      'from,to,kind,reason,weight',
      'necklace-gold-0,earrings-gold-0,cross-sell,Our own pick,0.4',
      'necklace-silver-0,ring-silver-1,upsell,The set,',
    ]);
    const { code } = await build(visual('--links', file('links.csv'), '--out', file('with-curated.json')));
    expect(code).toBe(EXIT.ok);
    const doc = await readDoc('with-curated.json');
    const between = (from: string, to: string) => doc.links.filter((l) => l.from === from && l.to === to);
    expect(between('necklace-gold-0', 'earrings-gold-0')).toEqual([
      { from: 'necklace-gold-0', to: 'earrings-gold-0', kind: 'cross-sell', reason: 'Our own pick', weight: 0.4, source: 'curated' },
    ]);
    expect(between('necklace-silver-0', 'ring-silver-1')).toEqual([expect.objectContaining({ kind: 'upsell', source: 'curated' })]);
    const golds = visualOf(doc).filter((l) => l.from === 'necklace-gold-0');
    expect(golds.length).toBeGreaterThan(0);
    for (const l of golds) expect(l.weight).toBeLessThan(0.2 + 1e-9);
  });

  it('takes complementary categories from the orders too (category pairs bought together, lift > 1)', async () => {
    // Necklaces with rings in 4 orders, earrings alone in 6: necklaces ↔ rings, lift 10 / 4 × … > 1.
    const orders = ['order_id,product_id'];
    for (let o = 0; o < 4; o++) orders.push(`n${o},necklace-gold-${o % 2}`, `n${o},ring-gold-${o % 2}`);
    for (let o = 0; o < 6; o++) orders.push(`e${o},earrings-silver-${o % 2}`);
    await writeLines(file('orders.csv'), orders);
    const { code, out } = await build([
      '--products', file('products.csv'), '--orders', file('orders.csv'), '--visual', '--image-dir', tmp.dir, '--out', file('from-orders.json'),
    ]);
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('complementary categories: necklaces ↔ rings (bought together, lift 2.5)');
    const doc = await readDoc('from-orders.json');
    const category = new Map(doc.products.map((p) => [p.id, p.category]));
    const joined = new Set(visualOf(doc).map((l) => [category.get(l.from), category.get(l.to)].sort().join('+')));
    expect([...joined]).toEqual(['necklaces+rings']);
  });
});

describe('offerwise build --visual: what it needs', () => {
  const missing = async () => {
    throw Object.assign(new Error("Cannot find package 'sharp'"), { code: 'ERR_MODULE_NOT_FOUND' });
  };

  it('says how to install sharp when it is missing, and exits 2 writing nothing', async () => {
    const { code, err } = await build(visual('--out', file('none.json')), { visual: { loadSharp: missing } });
    expect(code).toBe(EXIT.usage);
    expect(err).toBe(
      'offerwise build: --visual (reading product pictures) needs sharp, an optional peer dependency that is not installed. Install it beside offerwise (npm install sharp) and run the build again.\n',
    );
    await expect(readFile(file('none.json'))).rejects.toThrow();
  });

  it('says how to install usearch when the catalog is past the exact search', async () => {
    const { code, err } = await build(visual('--out', file('none.json')), { visual: { exactUpTo: 10, loadUsearch: missing } });
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('offerwise build: --visual on 26 products (an approximate search) needs usearch, an optional peer dependency that is not installed. Install it beside offerwise (npm install usearch)');
  });

  it('says relative images need --image-dir', async () => {
    const { code, err } = await build(['--products', file('products.csv'), '--visual', '--pair-categories', 'necklaces:earrings', '--out', file('no-dir.json')]);
    expect(code).toBe(EXIT.ok);
    expect(err).toContain('--visual: 29 images are relative (/img/necklace-gold-0.jpg): give --image-dir <dir> to read them from there');
  });

  it.each([
    [['--pair-categories', 'a:b'], '--pair-categories goes with --visual'],
    [['--visual'], '--visual needs complementary categories: --pair-categories necklaces:earrings,…, or --orders to find the categories bought together'],
    [['--visual', '--pair-categories', 'a'], '--pair-categories: expected category:category pairs separated by commas (necklaces:earrings,sofas:cushions), got "a"'],
    [['--visual', '--pair-categories', 'a:b,c:c'], '--pair-categories: "c:c" pairs a category with itself; visual links join complementary categories (a necklace and earrings), not alternatives'],
    [['--visual', '--pair-categories', 'a:b', '--embeddings', 'v.csv', '--image-dir', 'img'], '--image-dir goes with pictures; --embeddings gives the vectors instead'],
    [['--visual', '--pair-categories', 'a:b', '--min-similarity', '1.5'], '--min-similarity: expected a number from 0 to 1, got "1.5"'],
  ])('%j is a usage error', async (args, message) => {
    const { code, err } = await build(['--products', file('products.csv'), ...args, '--out', file('x.json')]);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain(`offerwise build: ${message}\n`);
  });
});
