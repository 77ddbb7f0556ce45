import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../catalog/shard-key';
import { validateCatalog } from '../../catalog/validate-catalog';
import { EXIT } from '../cli-io';
import { buildCatalog } from './build-catalog';
import { runBuild } from './run-build';
import { captureIo, captureLog, makeTempDir, seededRandom, writeLines } from './test-fixtures';

type Doc = { version: number; currency: string; products: Record<string, unknown>[]; links: Record<string, unknown>[] };

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const file = (name: string) => tmp.file(name);
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/** products.csv: a BOM and CRLF as Excel writes them; bad rows at lines 4, 6, 7 and 8. */
const PRODUCTS = [
  '\ufeffid,title,price,url,image,category,inStock,cost,rating,reviewCount,replenishDays,variantId',
  'phone,Phone X,799,/p/phone,/img/phone.jpg,phones,true,560,4.6,1200,,phone-v1', // 2
  'case,"Rugged Case, for Phone X",29,/p/case,,accessories,,8,,,,', // 3
  'charger,Charger,abc,/p/charger,,accessories,,,,,,', // 4: price is not a number
  'filters,"Paper ""Filters"" (200)",9,/p/filters,,coffee,yes,,,,60,', // 5
  'evil,Evil,5,javascript:alert(1),,,,,,,,', // 6: unsafe URL
  'case,Another case,30,/p/case-2,,,,,,,,', // 7: duplicate id
  'short,row', // 8: ragged
  'screen,Screen guard,12,/p/screen,,accessories,false,,,,,', // 9
  'mug,Mug,15,/p/mug,,,,,,,,', // 10
  'grinder,"Grinder', // 11–12: a title over two lines
  'with burrs",120,/p/grinder,,coffee,,,,,,',
  'beans,Beans,14,https://shop.test/p/beans,,coffee,,,,,30,', // 13
  '', // 14: a blank line
  'kettle,Kettle,40,/p/kettle,,coffee,,,,,,', // 15
];

/** links.csv: curated links; bad ones at lines 5–8. */
const LINKS = [
  'from,to,kind,upsell,reason,weight,placements,segments',
  'phone,case,cross-sell,,"Protects, from day one",0.8,product;cart,new; returning', // 2
  'category:phones,screen,cross-sell,,Keeps it scratch-free,,,', // 3
  'mug,grinder,upsell,premium,Fresh grounds,,,', // 4
  'phone,charger,cross-sell,,,,,', // 5: charger was left out
  'phone,case,cross-sell,,again,,,', // 6: duplicate of line 2
  'case,phone,cross-sell,,,2,,', // 7: weight above 1
  'phone,phone,cross-sell,,,,,', // 8: a link to itself
];

/**
 * orders.csv, one line per item, orders interleaved. 50 orders with a catalog product:
 * phone+case ×10, phone ×5, mug+grinder ×10 (beans too in 6 of them), filters ×20,
 * grinder+beans ×5. Plus: 3 lines of an unknown product, a qty-0 line, and bad rows.
 */
function orderRows(): { lines: string[]; bad: Map<number, string> } {
  const baskets: string[][] = [
    ...Array.from({ length: 10 }, () => ['phone', 'case']),
    ...Array.from({ length: 5 }, () => ['phone']),
    ...Array.from({ length: 10 }, (_, i) => (i < 6 ? ['mug', 'grinder', 'beans'] : ['mug', 'grinder'])),
    ...Array.from({ length: 20 }, () => ['filters']),
    ...Array.from({ length: 5 }, () => ['grinder', 'beans']),
  ];
  const rows = baskets.flatMap((items, o) => items.map((id) => `o${o},${id},1`));
  rows.push('o0,ghost,1', 'o1,ghost,2', 'o99,ghost,1', 'o2,mug,0');
  // Interleave: every order's lines end up far apart.
  const lines = ['order_id,product_id,qty', ...rows.filter((_, i) => i % 2 === 0), ...rows.filter((_, i) => i % 2 === 1)];
  const bad = new Map<number, string>();
  const add = (line: string, why: string) => {
    lines.push(line);
    bad.set(lines.length, why);
  };
  add('o3,,1', 'product_id is empty');
  add('o3,case,two', 'qty "two" is not a number');
  add('o4,case', 'expected 3 fields, found 2');
  add('o5,"case"x,1', 'text after a closing quote');
  return { lines, bad };
}

beforeAll(async () => {
  tmp = await makeTempDir();
  await writeLines(file('products.csv'), PRODUCTS, '\r\n');
  await writeLines(file('links.csv'), LINKS);
  await writeLines(file('orders.csv'), orderRows().lines);
});
afterAll(() => tmp?.remove());

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runBuild(args, io);
  return { code, out: io.out(), err: io.err() };
}
const inputs = () => ['--products', file('products.csv'), '--links', file('links.csv'), '--orders', file('orders.csv')];

describe('offerwise build --out', () => {
  let result: Awaited<ReturnType<typeof run>>;
  let doc: Doc;
  beforeAll(async () => {
    result = await run(...inputs(), '--out', file('catalog.json'));
    doc = await readJson(file('catalog.json'));
  });

  it('writes a v1 catalog that passes validateCatalog with no problem', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(doc.version).toBe(1);
    expect(doc.currency).toBe('USD');
    expect(validateCatalog(doc)).toEqual([]);
  });

  it('reports every bad row at its line, and goes on', () => {
    const P = file('products.csv');
    const L = file('links.csv');
    const O = file('orders.csv');
    const lines = result.err.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(P + ':')).sort()).toEqual(
      [
        `${P}:4: price "abc" is not a number`,
        `${P}:6: url: expected an http(s) or relative URL`,
        `${P}:7: id: duplicate id "case", first at line 3`,
        `${P}:8: expected 12 fields, found 2`,
      ].sort(),
    );
    expect(lines.filter((l) => l.startsWith(L + ':')).sort()).toEqual([
      `${L}:5: to: unknown product "charger"`,
      `${L}:6: duplicate of line 2 (same from, to and kind)`,
      `${L}:7: weight: expected a number in (0, 1]`,
      `${L}:8: to: same as from`,
    ]);
    expect(lines.filter((l) => l.startsWith(O + ':'))).toEqual([...orderRows().bad].map(([line, why]) => `${O}:${line}: ${why}`));
    // Mined cross-sells that rules.md R8 never offers (dearer than their anchor) are warned of.
    expect(lines.filter((l) => l.startsWith('warning: '))).toEqual([
      'warning: mined cross-sell "case" → "phone" will never be offered: it costs 799, more than its anchor\'s 29 (rules.md R8)',
      'warning: mined cross-sell "beans" → "grinder" will never be offered: it costs 120, more than its anchor\'s 14 (rules.md R8)',
      'warning: mined cross-sell "beans" → "mug" will never be offered: it costs 15, more than its anchor\'s 14 (rules.md R8)',
    ]);
    expect(lines.length).toBe(4 + 4 + 4 + 3);
  });

  it('converts cells: quotes, numbers, booleans, empty cells as absent, multi-line fields', () => {
    expect(doc.products.map((p) => p.id)).toEqual(['phone', 'case', 'filters', 'screen', 'mug', 'grinder', 'beans', 'kettle']);
    expect(doc.products[0]).toEqual({
      id: 'phone',
      title: 'Phone X',
      price: 799,
      url: '/p/phone',
      image: '/img/phone.jpg',
      category: 'phones',
      inStock: true,
      cost: 560,
      rating: 4.6,
      reviewCount: 1200,
      variantId: 'phone-v1',
    });
    expect(doc.products[1]).toEqual({ id: 'case', title: 'Rugged Case, for Phone X', price: 29, url: '/p/case', category: 'accessories', cost: 8 });
    expect(doc.products[2]).toMatchObject({ title: 'Paper "Filters" (200)', inStock: true, replenishDays: 60 });
    expect(doc.products[3]).toMatchObject({ id: 'screen', inStock: false });
    expect(doc.products[5]!.title).toBe('Grinder\r\nwith burrs');
  });

  it('mines cross-sells; a curated cross-sell takes the statistics, a curated upsell stays as written', () => {
    // orders: phone 15, case 10, mug 10, grinder 15, beans 11, filters 20; all 50.
    expect(doc.links).toEqual([
      {
        from: 'phone',
        to: 'case',
        kind: 'cross-sell',
        reason: 'Protects, from day one',
        weight: 0.8,
        placements: ['product', 'cart'],
        segments: ['new', 'returning'],
        attachRate: 0.6667, // 10 / 15
        lift: 3.3333, // (10/15) / (10/50)
        orders: 10,
        source: 'curated',
      },
      { from: 'category:phones', to: 'screen', kind: 'cross-sell', reason: 'Keeps it scratch-free', source: 'curated' },
      { from: 'mug', to: 'grinder', kind: 'upsell', upsell: 'premium', reason: 'Fresh grounds', source: 'curated' },
      // Mined links say why, by their anchor's title (rules.md R10: never an empty reason).
      { from: 'case', to: 'phone', kind: 'cross-sell', reason: 'Often bought with Rugged Case, for Phone X', attachRate: 1, lift: 3.3333, orders: 10, source: 'mined' },
      { from: 'mug', to: 'beans', kind: 'cross-sell', reason: 'Often bought with Mug', attachRate: 0.6, lift: 2.7273, orders: 6, source: 'mined' },
      { from: 'grinder', to: 'beans', kind: 'cross-sell', reason: 'Often bought with Grinder\r\nwith burrs', attachRate: 0.7333, lift: 3.3333, orders: 11, source: 'mined' },
      { from: 'grinder', to: 'mug', kind: 'cross-sell', reason: 'Often bought with Grinder\r\nwith burrs', attachRate: 0.6667, lift: 3.3333, orders: 10, source: 'mined' },
      { from: 'beans', to: 'grinder', kind: 'cross-sell', reason: 'Often bought with Beans', attachRate: 1, lift: 3.3333, orders: 11, source: 'mined' },
      { from: 'beans', to: 'mug', kind: 'cross-sell', reason: 'Often bought with Beans', attachRate: 0.5455, lift: 2.7273, orders: 6, source: 'mined' },
    ]);
  });

  it('ends with a summary on stdout', () => {
    expect(result.out).toContain(`${file('products.csv')}: 12 rows, 8 products kept (4 rows left out, listed above)`);
    expect(result.out).toContain(`${file('links.csv')}: 7 rows, 3 curated links kept (4 rows left out, listed above)`);
    expect(result.out).toContain('50 orders with a catalog product');
    expect(result.out).toContain('4 bad rows left out');
    expect(result.out).toContain('3 rows naming 1 product not in the catalog ignored (e.g. "ghost")');
    expect(result.out).toContain('1 row with qty ≤ 0 ignored');
    expect(result.out).toContain(
      '6 mined cross-sells added (1 went to curated cross-sells as statistics; 1 left to curated upsells of the same pair); 3 of them priced above their anchor, never offered (rules.md R8; warned above)',
    );
    expect(result.out).toMatch(/wrote .*catalog\.json: 8 products, 9 links/);
  });

  it('gives the same catalog when orders.csv is read in several passes', async () => {
    const { log } = captureLog();
    const one = await buildCatalog({ products: file('products.csv'), links: file('links.csv'), orders: file('orders.csv') }, log);
    const many = await buildCatalog({ products: file('products.csv'), links: file('links.csv'), orders: file('orders.csv'), passBytes: 64 }, log);
    expect(many.summary.orders!.stats.passes).toBeGreaterThan(5);
    expect(many.doc).toEqual(one.doc);
    expect(JSON.stringify(one.doc, null, 2) + '\n').toBe(await readFile(file('catalog.json'), 'utf8'));
  });

  it('takes --currency, --min-orders and --top', async () => {
    const r = await run(...inputs(), '--out', file('small.json'), '--currency', 'eur', '--min-orders', '11', '--top', '1');
    expect(r.code).toBe(EXIT.ok);
    const small: Doc = await readJson(file('small.json'));
    expect(small.currency).toBe('EUR');
    expect(small.links.filter((l) => typeof l.orders == 'number').map((l) => `${l.from}→${l.to}`)).toEqual(['grinder→beans', 'beans→grinder']);
  });
});

describe('offerwise build --shard', () => {
  const PRODUCT_COUNT = 1234;
  let doc: Doc;
  let index: Record<string, unknown>;
  let shards: Doc[];

  beforeAll(async () => {
    // A bigger store: products in 12 categories, orders from a few "usual" baskets plus noise.
    const random = seededRandom(99);
    const ids = Array.from({ length: PRODUCT_COUNT }, (_, i) => `p${i}`);
    await writeLines(file('big-products.csv'), ['id,title,price,url,category', ...ids.map((id, i) => `${id},Product ${i},${1 + (i % 50)},/p/${id},cat${i % 12}`)]);
    const rows: string[] = [];
    for (let o = 0; o < 6000; o++) {
      const base = Math.floor(random() * 200) * 5;
      const size = 1 + Math.floor(random() * 4);
      for (let k = 0; k < size; k++) rows.push(`${o},${ids[random() < 0.8 ? base + k : Math.floor(random() * PRODUCT_COUNT)]}`);
    }
    await writeLines(file('big-orders.csv'), ['order_id,product_id', ...rows]);
    await writeLines(file('big-links.csv'), ['from,to,kind', 'category:cat1,p2,cross-sell', 'category:cat7,p3,cross-sell', 'p0,p1000,upsell']);
    const args = ['--products', file('big-products.csv'), '--links', file('big-links.csv'), '--orders', file('big-orders.csv')];

    expect((await run(...args, '--out', file('big.json'))).code).toBe(EXIT.ok);
    const r = await run(...args, '--shard', file('shop/'));
    // Only warnings: the first 10 mined cross-sells priced above their anchor, then a count.
    const warnings = r.err.trim().split('\n');
    expect(warnings.every((l) => l.startsWith('warning: '))).toBe(true);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toMatch(/^warning: … and [\d,]+ more mined cross-sells priced above their anchor, never offered$/);
    expect(r.code).toBe(EXIT.ok);
    doc = await readJson(file('big.json'));
    index = await readJson(file('shop/index.json'));
    const names = await readdir(file('shop/shards'));
    shards = await Promise.all(names.map((_, n) => readJson(file(`shop/shards/${n}.json`))));
  });

  it('writes index.json naming the shards (default: one per 500 products)', async () => {
    expect(index).toEqual({
      version: 1,
      currency: 'USD',
      settings: {},
      shards: { count: 3, hash: 'fnv1a32', path: 'shards/{n}.json' },
    });
    expect(shards).toHaveLength(3);
    expect(doc.links.length).toBeGreaterThan(1000);
  });

  it('makes every shard a valid catalog', () => {
    for (const [n, shard] of shards.entries()) {
      expect(validateCatalog(shard), `shard ${n}`).toEqual([]);
      expect(shard).toMatchObject({ version: 1, currency: 'USD' });
    }
  });

  it('puts every product in exactly one home shard, shardOf(id)', () => {
    const homes = new Map<string, number[]>();
    shards.forEach((shard, n) => {
      for (const p of shard.products) if (shardOf(p.id as string, 3) === n) homes.set(p.id as string, [...(homes.get(p.id as string) ?? []), n]);
    });
    expect(homes.size).toBe(PRODUCT_COUNT);
    for (const p of doc.products) expect(homes.get(p.id as string), p.id as string).toEqual([shardOf(p.id as string, 3)]);
  });

  it('puts every link in the shard of its from, with its target', () => {
    const seen: string[] = [];
    shards.forEach((shard, n) => {
      const here = new Set(shard.products.map((p) => p.id));
      for (const link of shard.links) {
        expect(shardOf(link.from as string, 3)).toBe(n);
        expect(here.has(link.to), `${JSON.stringify(link)} in shard ${n}`).toBe(true);
        seen.push(JSON.stringify(link));
      }
    });
    expect(seen.sort()).toEqual(doc.links.map((l) => JSON.stringify(l)).sort());
    const categoryShard = shards[shardOf('category:cat7', 3)]!;
    expect(categoryShard.links).toContainEqual({ from: 'category:cat7', to: 'p3', kind: 'cross-sell', source: 'curated' });
  });

  it('keeps catalog order inside each shard (the ranking\u2019s last tie-break)', () => {
    const position = new Map(doc.products.map((p, i) => [p.id, i]));
    for (const shard of shards) {
      const order = shard.products.map((p) => position.get(p.id)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('takes --shards', async () => {
    const r = await run('--products', file('big-products.csv'), '--shard', file('one'), '--shards', '1');
    expect(r.code).toBe(EXIT.ok);
    expect((await readJson(file('one/index.json'))).shards.count).toBe(1);
    expect((await readJson(file('one/shards/0.json'))).products).toHaveLength(PRODUCT_COUNT);
  });
});

describe('offerwise build: wrong command lines and unreadable inputs', () => {
  it.each([
    [[], /--products <file> or --from <url> is required/],
    [['--products', 'p.csv', '--from', 'https://shop.example', '--out', 'a.json'], /give one of --products <file> or --from <url>, not both/],
    [['--from', 'ftp://shop.example', '--out', 'a.json'], /--from: expected an http\(s\) address, got "ftp:\/\/shop\.example"/],
    [['--from', 'shop.example', '--out', 'a.json'], /--from: expected the store's address, such as https:\/\/shop\.example, got "shop\.example"/],
    [['--from', 'https://shop.example', '--platform', 'magento', '--out', 'a.json'], /--platform: expected shopify or woocommerce, got "magento"/],
    [['--products', 'p.csv', '--platform', 'shopify', '--out', 'a.json'], /--platform goes with --from <url>/],
    [['--products', 'p.csv'], /give one of --out <file> or --shard <dir>/],
    [['--products', 'p.csv', '--out', 'a.json', '--shard', 'd'], /give one of --out/],
    [['--products', 'p.csv', '--out', 'a.json', '--shards', '2'], /--shards goes with --shard/],
    [['--products', 'p.csv', '--out', 'a.json', '--top', '0'], /--top must be a whole number ≥ 1, got "0"/],
    [['--products', 'p.csv', '--out', 'a.json', '--min-orders', '2.5'], /--min-orders must be a whole number ≥ 1, got "2\.5"/],
    // A negative number is the option's value, and said to be wrong, not "needs a value".
    [['--products', 'p.csv', '--out', 'a.json', '--min-orders', '-1'], /^offerwise build: --min-orders must be a whole number ≥ 1, got "-1"\n/],
    [['--products', 'p.csv', '--out', 'a.json', '--top', '-5'], /^offerwise build: --top must be a whole number ≥ 1, got "-5"\n/],
    [['--products', 'p.csv', '--shard', 'd', '--shards', '-2'], /^offerwise build: --shards must be a whole number from 1 to \d+, got "-2"\n/],
    [['--products', 'p.csv', '--out', 'a.json', '--top', '--min-orders', '2'], /^offerwise build: option --top needs a value\n/],
    [['--products', 'p.csv', '--out', 'a.json', '--currency', 'euro'], /--currency: expected a 3-letter code/],
    [['--products', 'p.csv', '--out', 'p.csv'], /p\.csv is an input/],
    [['--products', 'p.csv', '--out', 'a.json', 'extra'], /unexpected argument "extra"/],
    [['--products', 'p.csv', '--out', 'a.json', '--nope'], /unknown option --nope/],
  ])('%j exits 2 with a usage hint', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Run "offerwise build --help" for usage.');
  });

  it('prints its help for --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^Usage: offerwise build \(--products <file> \| --from <url>/);
  });

  it('exits 1 naming a file that does not exist', async () => {
    const r = await run('--products', file('nope.csv'), '--out', file('x.json'));
    expect(r).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('nope.csv')}: no such file\n` });
  });

  it('exits 1 for a file without a needed column, naming it', async () => {
    await writeLines(file('no-price.csv'), ['id,title,url', 'a,A,/a']);
    const r = await run('--products', file('no-price.csv'), '--out', file('x.json'));
    expect(r).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('no-price.csv')}:1: missing column "price"\n` });
  });

  it('stops at a row of millions of commas with one line naming it, and writes nothing', async () => {
    const started = performance.now();
    await writeFile(file('commas.csv'), 'id,title,price,url\na,A,1,/a\n' + 'b' + ','.repeat(5_000_000) + '\nc,C,1,/c\n');
    const r = await run('--products', file('commas.csv'), '--out', file('commas.json'));
    expect(r).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('commas.csv')}:3: a record has more than 1,000 fields\n` });
    expect(existsSync(file('commas.json'))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each([2_000, 5_000_000])('stops at a header of %i commas too, naming its line', async (commas) => {
    await writeFile(file('commas-header.csv'), ','.repeat(commas) + '\na,A,1,/a\n');
    const r = await run('--products', file('commas-header.csv'), '--out', file('commas.json'));
    expect(r).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('commas-header.csv')}:1: a record has more than 1,000 fields\n` });
  });

  it('exits 1 for a header it cannot read, naming its line', async () => {
    await writeLines(file('bad-header.csv'), ['', '"id"x,title,price,url', 'a,A,1,/a']);
    const r = await run('--products', file('bad-header.csv'), '--out', file('x.json'));
    expect(r).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('bad-header.csv')}:2: text after a closing quote (in the header row)\n` });
  });

  it('exits 1 when no product is usable, after listing why', async () => {
    await writeLines(file('all-bad.csv'), ['id,title,price,url', 'a,A,abc,/a', 'b,B,1,javascript:alert(1)']);
    const bad = await run('--products', file('all-bad.csv'), '--out', file('none.json'));
    expect(bad.code).toBe(EXIT.failure);
    expect(bad.err.split('\n')).toEqual([
      `${file('all-bad.csv')}:2: price "abc" is not a number`,
      `${file('all-bad.csv')}:3: url: expected an http(s) or relative URL`,
      `offerwise build: ${file('all-bad.csv')}: no usable product (all 2 rows left out)`,
      '',
    ]);
    await writeLines(file('header-only.csv'), ['id,title,price,url']);
    const empty = await run('--products', file('header-only.csv'), '--out', file('none.json'));
    expect(empty).toMatchObject({ code: EXIT.failure, err: `offerwise build: ${file('header-only.csv')}: no usable product (no rows under the header)\n` });
    expect(existsSync(file('none.json'))).toBe(false);
  });

  it('notes a column it does not know, and goes on', async () => {
    await writeLines(file('extra-col.csv'), ['id,title,price,url,colour', 'a,A,1,/a,red']);
    const r = await run('--products', file('extra-col.csv'), '--out', file('x.json'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe(`${file('extra-col.csv')}:1: unknown column "colour" ignored\n`);
    expect((await readJson(file('x.json'))).products).toEqual([{ id: 'a', title: 'A', price: 1, url: '/a' }]);
  });
});
