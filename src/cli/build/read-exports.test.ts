import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../catalog/validate-catalog';
import { EXIT } from '../cli-io';
import { buildCatalog } from './build-catalog';
import { parsePrice } from './read-merchant-feed';
import { titleFinder } from './read-shopify-orders';
import { firstCategoryPath } from './read-woo-csv';
import { runBuild } from './run-build';
import { captureIo, captureLog, makeTempDir, writeLines } from './test-fixtures';

/**
 * The platforms' exports, as fixtures written to their documented columns (fixtures/): Shopify's
 * product and order exports, WooCommerce's product export, a Merchant Center feed as RSS and
 * as TSV. Each holds edge rows: variants over several rows, quotes, newlines inside fields,
 * unicode, sold-out variants, drafts, bad prices.
 */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SHOPIFY_PRODUCTS = fixture('shopify-products.csv');
const SHOPIFY_ORDERS = fixture('shopify-orders.csv');
const WOO_PRODUCTS = fixture('woo-products.csv');
const FEED_XML = fixture('merchant-feed.xml');
const FEED_TSV = fixture('merchant-feed.tsv');

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir();
});
afterAll(() => tmp?.remove());

async function build(products: string, more: { orders?: string; minOrders?: number; currency?: string } = {}) {
  const { log, err } = captureLog();
  const result = await buildCatalog({ products, ...more }, log);
  expect(validateCatalog(result.doc)).toEqual([]);
  return { ...result, err: err() };
}

describe("Shopify's product export", () => {
  it('makes one product per Handle: its first available variant, images from later rows, drafts left out', async () => {
    const { doc, summary, err } = await build(SHOPIFY_PRODUCTS);
    expect(doc.products).toEqual([
      {
        id: 'ceramic-mug',
        title: 'Ceramic Mug ☕ – Blue',
        price: 12.5, // Large (the first variant) is sold out: Small's price and cost
        url: '/products/ceramic-mug',
        image: 'https://cdn.shopify.com/s/files/1/mug-blue.jpg',
        category: 'Mugs',
        inStock: true,
        cost: 4.2,
      },
      {
        id: 'espresso-pro',
        title: 'Espresso Machine "Pro"',
        price: 499,
        url: '/products/espresso-pro',
        image: 'https://cdn.shopify.com/s/files/1/espresso.jpg', // was protocol-relative
        category: 'Coffee Machines',
        inStock: true,
        cost: 310,
      },
      // Untracked inventory can always be bought; no image: no image field.
      { id: 'paper-filters', title: 'Paper Filters, 200 pcs', price: 9, url: '/products/paper-filters', category: 'Coffee Supplies', inStock: true },
      // Sold out but still sold (the "continue" policy); a unicode handle, encoded in the URL.
      { id: '日本茶', title: '日本茶 (Sencha) 🍵', price: 18, url: '/products/%E6%97%A5%E6%9C%AC%E8%8C%B6', category: 'Tea', inStock: true },
      // Every variant sold out: the first variant's price, not in stock.
      { id: 'grinder', title: 'Burr Grinder', price: 120, url: '/products/grinder', category: 'Coffee Machines', inStock: false },
    ]);
    expect(err.split('\n')).toEqual([
      `${SHOPIFY_PRODUCTS}:12: Variant Price "12,99 €" is not a number`,
      `${SHOPIFY_PRODUCTS}: 1 draft, archived or unpublished product left out ("gift-wrap")`,
      '',
    ]);
    expect(summary.products).toEqual({ file: SHOPIFY_PRODUCTS, format: 'Shopify product export', rows: 11, products: 7, kept: 5 });
  });

  it('takes a Title repeated on further rows (as some tools write them), and refuses a different one', async () => {
    const header = 'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src,Status';
    await writeLines(tmp.file('repeated.csv'), [
      header,
      'tee,Tee,Size,S,TEE-S,10.00,https://cdn.example/tee.jpg,active',
      'tee,Tee,,M,TEE-M,11.00,,',
      'tee,"Tee, again",,L,TEE-L,12.00,,',
      ',,,,,,https://cdn.example/orphan.jpg,',
    ]);
    const { doc, err } = await build(tmp.file('repeated.csv'));
    expect(doc.products).toEqual([{ id: 'tee', title: 'Tee', price: 10, url: '/products/tee', image: 'https://cdn.example/tee.jpg' }]);
    expect(err).toBe(`${tmp.file('repeated.csv')}:4: Handle "tee" has another Title at line 2\n${tmp.file('repeated.csv')}:5: Handle is empty\n`);
  });
});

describe("WooCommerce's product export", () => {
  it('makes one product per non-variation row; a variable product takes its first in-stock variation', async () => {
    const { doc, summary, err } = await build(WOO_PRODUCTS, { currency: 'EUR' });
    expect(doc.currency).toBe('EUR');
    expect(doc.products).toEqual([
      {
        id: '10',
        title: 'Hoodie with Logo',
        price: 35, // on sale, no dates
        url: '/?post_type=product&p=10',
        image: 'https://woo.example/wp-content/uploads/hoodie-with-logo.jpg',
        category: 'Hoodies',
        inStock: true,
      },
      {
        id: '20',
        title: 'V-Neck T-Shirt',
        price: 18.5, // Red (21) is out of stock: Blue (22), found through the parent's SKU
        url: '/?post_type=product&p=20',
        image: 'https://woo.example/wp-content/uploads/vneck-tee.jpg',
        category: 'Tshirts',
        inStock: true,
        variantId: '22',
      },
      // On backorder (can be bought); the sale ended in 2001; "Music\, Film & Books > Vinyl" first.
      { id: '30', title: 'Beanie — “Winter” ❄', price: 18, url: '/?post_type=product&p=30', category: 'Vinyl', inStock: true },
      {
        id: '50',
        title: 'WordPress Pennant',
        price: 11.05,
        url: '/?post_type=product&p=50',
        image: 'https://woo.example/wp-content/uploads/pennant-1.jpg',
        category: 'Decor',
        inStock: true,
      },
    ]);
    // Lines: the hoodie's description spans lines 2–3, the beanie's 7–8 (CRLF inside quotes).
    expect(err.split('\n')).toEqual([
      `${WOO_PRODUCTS}:11: variation "99": Parent "id:777" names no product in the file`,
      `${WOO_PRODUCTS}:12: no Regular price`,
      `${WOO_PRODUCTS}: 1 unpublished product (draft or private) left out (ID 40)`,
      '',
    ]);
    expect(summary.products).toMatchObject({ format: 'WooCommerce product export', rows: 9, products: 6, kept: 4 });
  });

  it('takes the first category path, with commas escaped as \\,', () => {
    expect(firstCategoryPath('Clothing > Hoodies, Sale')).toBe('Clothing > Hoodies');
    expect(firstCategoryPath('Books\\, Comics > Manga, Music')).toBe('Books, Comics > Manga');
    expect(firstCategoryPath('')).toBeUndefined();
  });
});

describe('a Merchant Center feed', () => {
  it('RSS: one product per item_group_id, g: and plain RSS elements, errors at the item’s line', async () => {
    const { doc, summary, err } = await build(FEED_XML);
    expect(doc.currency).toBe('USD'); // the feed's
    expect(doc.products).toEqual([
      {
        id: '8001',
        title: 'Linen Shirt – Red / M',
        price: 59, // the blue item (in stock) is chosen; its sale ran in 2001
        url: 'https://shop.example/products/linen-shirt?variant=4401',
        image: 'https://cdn.shop.example/linen-red.jpg',
        category: 'Shirts',
        inStock: true,
      },
      {
        id: '00123',
        title: 'Tea & Biscuits Set — 日本 🍵',
        price: 19.99, // a sale with no dates runs
        url: 'https://shop.example/products/tea-set',
        category: 'Tea & Infusions', // google_product_category in words (a number is ignored)
        inStock: true,
      },
    ]);
    expect(err.split('\n')).toEqual([
      `${FEED_XML}:41: price "twelve dollars" is not an amount such as "15.00 USD"`,
      `${FEED_XML}:47: price "12.00 EUR" is in EUR, the feed's first price in USD`,
      '',
    ]);
    expect(summary.products).toMatchObject({ format: 'Merchant Center feed (RSS)', rows: 5, products: 4, kept: 2 });
  });

  it('TSV: the same attribute names (spaces or underscores), quotes inside unquoted cells', async () => {
    const { doc, err } = await build(FEED_TSV);
    expect(doc.products).toEqual([
      {
        id: 'TEE',
        title: 'Organic Tee "Classic", S',
        price: 25,
        url: 'https://shop.example/tee',
        image: 'https://cdn.shop.example/tee.jpg',
        category: 'T-Shirts',
        inStock: true,
      },
      { id: 'SOCKS', title: 'Wool Socks ☃', price: 7.5, url: 'https://shop.example/socks', category: 'Socks', inStock: true },
    ]);
    // TEE-M's description spans lines 3–4.
    expect(err).toBe(`${FEED_TSV}:6: expected 10 fields, found 2\n`);
  });

  it('stops at XML that is not well-formed, naming the line', async () => {
    await writeLines(tmp.file('broken.xml'), ['<?xml version="1.0"?>', '<rss><channel>', '<item><g:id>1</item>', '</channel></rss>']);
    await expect(build(tmp.file('broken.xml'))).rejects.toThrow(/broken\.xml:3: not well-formed XML: /);
  });

  it('reads prices as the feed spec writes them', () => {
    expect(parsePrice('15.00 USD')).toEqual({ amount: 15, currency: 'USD' });
    expect(parsePrice('usd 1.5')).toEqual({ amount: 1.5, currency: 'USD' });
    expect(parsePrice('7')).toEqual({ amount: 7 });
    for (const bad of ['', '1,50 EUR', 'USD 1 EUR', '-3 USD', 'USD']) expect(parsePrice(bad), bad).toBeUndefined();
  });
});

describe("Shopify's order export", () => {
  it('maps line items by SKU, else by name; skips cancelled orders and quantity 0; mines with reasons', async () => {
    const { doc, summary, err } = await build(SHOPIFY_PRODUCTS, { orders: SHOPIFY_ORDERS, minOrders: 2 });
    const s = summary.orders!;
    expect(s.format).toBe('Shopify order export');
    expect(s.stats).toMatchObject({ rows: 17, counted: 13, unknownRows: 1, unknownSample: ['NOPE-1'], zeroQtyRows: 1, cancelledRows: 2, byName: 2 });
    expect(s.total).toBe(7);
    expect(doc.links).toEqual([
      { from: 'ceramic-mug', to: 'paper-filters', kind: 'cross-sell', reason: 'Often bought with Ceramic Mug ☕ – Blue', attachRate: 0.6, lift: 1.4, orders: 3, source: 'mined' },
      { from: 'ceramic-mug', to: 'espresso-pro', kind: 'cross-sell', reason: 'Often bought with Ceramic Mug ☕ – Blue', attachRate: 0.4, lift: 1.4, orders: 2, source: 'mined' },
      { from: 'espresso-pro', to: 'ceramic-mug', kind: 'cross-sell', reason: 'Often bought with Espresso Machine "Pro"', attachRate: 1, lift: 1.4, orders: 2, source: 'mined' },
      { from: 'paper-filters', to: 'ceramic-mug', kind: 'cross-sell', reason: 'Often bought with Paper Filters, 200 pcs', attachRate: 1, lift: 1.4, orders: 3, source: 'mined' },
    ]);
    expect(err.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([
      'warning: mined cross-sell "ceramic-mug" → "espresso-pro" will never be offered: it costs 499, more than its anchor\'s 12.5 (rules.md R8)',
      'warning: mined cross-sell "paper-filters" → "ceramic-mug" will never be offered: it costs 12.5, more than its anchor\'s 9 (rules.md R8)',
    ]);
    expect(summary.merge.neverOffered).toBe(2);
  });

  it('finds a line item by its title, or its title before " - <variant>"', () => {
    const find = titleFinder(['Mug', 'Mug - Travel', 'Tee', 'Tee', 'A - B - C']);
    expect(find('Mug')).toBe(0);
    expect(find('Mug - Travel - Large')).toBe(1); // the longest title that fits
    expect(find('Mug - Large')).toBe(0);
    expect(find('A - B - C - Red / S')).toBe(4);
    expect(find('Tee - M')).toBeUndefined(); // two products share the title
    expect(find('Cup')).toBeUndefined();
  });
});

describe('orders.csv naming products by SKU or variant id', () => {
  it('counts a line for its product when product_id is a SKU or variation id the export gives', async () => {
    await writeLines(tmp.file('woo-orders.csv'), [
      'order_id,product_id,qty',
      '1,woo-vneck-tee-blue,1', // a variation's SKU → 20
      '1,10,1',
      '2,21,1', // a variation's id → 20
      '2,woo-hoodie-logo,1', // the product's SKU → 10
      '3,20,1',
      '3,10,1',
      '4,50,1',
      '5,50,1',
    ]);
    const { doc, summary } = await build(WOO_PRODUCTS, { orders: tmp.file('woo-orders.csv'), minOrders: 3 });
    expect(summary.orders!.stats).toMatchObject({ counted: 8, unknownRows: 0 });
    expect(doc.links.map((l) => `${l.from}→${l.to} ${l.orders}`)).toEqual(['10→20 3', '20→10 3']);
  });
});

describe('offerwise build on the exports', () => {
  it('writes the catalog from the two Shopify exports and says what it read', async () => {
    const io = captureIo();
    const out = tmp.file('shopify.json');
    const code = await runBuild(['--products', SHOPIFY_PRODUCTS, '--orders', SHOPIFY_ORDERS, '--min-orders', '2', '--out', out], io);
    expect(code).toBe(EXIT.ok);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.links).toHaveLength(4);
    expect(io.out()).toContain(`${SHOPIFY_PRODUCTS} (Shopify product export): 11 rows, 7 products, 5 kept (2 left out, listed above)`);
    expect(io.out()).toContain(
      `${SHOPIFY_ORDERS} (Shopify order export): 17 rows, 7 orders with a catalog product; 1 row naming 1 product not in the catalog ignored (e.g. "NOPE-1"); ` +
        '1 row with qty ≤ 0 ignored; 2 rows of cancelled orders ignored; 2 line items found by name (no SKU the products input knows)',
    );
    expect(io.out()).toContain('links: 4 mined cross-sells added; 2 of them priced above their anchor, never offered (rules.md R8; warned above)');
  });

  it('stops an export with a row of millions of commas at its line, before csv-parse reads it, and writes nothing', async () => {
    const started = performance.now();
    const path = tmp.file('commas-export.csv');
    await writeFile(path, 'Handle,Title,Variant Price\ntee,Tee,10\n' + 'x' + ','.repeat(5_000_000) + '\nmug,Mug,5\n');
    const io = captureIo();
    const code = await runBuild(['--products', path, '--out', tmp.file('commas-export.json')], io);
    expect([code, io.err()]).toEqual([EXIT.failure, `offerwise build: ${path}:3: a record has more than 1,000 fields\n`]);
    expect(existsSync(tmp.file('commas-export.json'))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps the plain products.csv exactly as before (a header that is no export)', async () => {
    await writeLines(tmp.file('plain.csv'), ['id,title,price,url,variantId', 'Handle,Title,1,/h,v1']);
    const { doc, summary } = await build(tmp.file('plain.csv'));
    expect(doc.products).toEqual([{ id: 'Handle', title: 'Title', price: 1, url: '/h', variantId: 'v1' }]);
    expect(summary.products).toEqual({ file: tmp.file('plain.csv'), rows: 1, kept: 1 });
  });
});
