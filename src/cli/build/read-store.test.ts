import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../catalog/validate-catalog';
import { EXIT, UserError } from '../cli-io';
import { buildCatalog } from './build-catalog';
import { getPolitely, retryAfter, type HttpOptions } from './fetch-politely';
import { decodeHtml, fromWoo } from './read-store';
import { runBuild } from './run-build';
import { captureIo, captureLog, makeTempDir, writeLines } from './test-fixtures';

/**
 * `build --from`: stores played by a local HTTP server (127.0.0.1, port 0) answering with the
 * platforms' documented JSON: Shopify's /products.json and WooCommerce's Store API.
 */
type Reply = { status?: number; headers?: Record<string, string>; body?: unknown };
type Handler = (path: string, hit: number) => Reply;

let server: Server;
let base: string;
let handler: Handler = () => ({ status: 404 });
let requests: string[] = [];
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  tmp = await makeTempDir();
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    const reply = handler(path, requests.filter((r) => r === path).length);
    const json = reply.body !== undefined && typeof reply.body != 'string';
    res.writeHead(reply.status ?? 200, { 'content-type': json ? 'application/json; charset=utf-8' : 'text/html', ...reply.headers });
    res.end(json ? JSON.stringify(reply.body) : ((reply.body as string | undefined) ?? '<html><body>Page not found</body></html>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await tmp?.remove();
});
afterEach(() => {
  requests = [];
  handler = () => ({ status: 404 });
});

/** Waits are recorded, not waited: the retry delays are injected. */
function fastHttp(): HttpOptions & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), backoffMs: 5 };
}

// Shopify's /products.json, as documented: ids are numbers, prices strings in major units.
const variant = (id: number, sku: string | null, price: string, available: boolean, title = 'Default Title') => ({
  id,
  title,
  option1: title,
  option2: null,
  option3: null,
  sku,
  requires_shipping: true,
  taxable: true,
  featured_image: null,
  available,
  price,
  grams: 300,
  compare_at_price: null,
  position: 1,
  product_id: 0,
  created_at: '2026-01-05T10:00:00-05:00',
  updated_at: '2026-02-01T10:00:00-05:00',
});
const shopifyProduct = (id: number, title: string, handle: string, type: string, variants: unknown[], images: string[]) => ({
  id,
  title,
  handle,
  body_html: '<p>Nice.</p>',
  published_at: '2026-01-05T10:00:00-05:00',
  created_at: '2026-01-05T10:00:00-05:00',
  updated_at: '2026-02-01T10:00:00-05:00',
  vendor: 'Offerwise Demo',
  product_type: type,
  tags: ['demo'],
  variants,
  images: images.map((src, i) => ({ id: id * 10 + i, created_at: '', position: i + 1, updated_at: '', product_id: id, variant_ids: [], src, width: 800, height: 800 })),
  options: [{ name: 'Title', position: 1, values: ['Default Title'] }],
});
const SHOPIFY_PAGES: unknown[][] = [
  [
    shopifyProduct(7001, 'Ceramic Mug ☕', 'ceramic-mug', 'Mugs', [variant(4001, 'MUG-L', '14.00', false, 'Large'), variant(4002, 'MUG-S', '12.50', true, 'Small')], [
      'https://cdn.shopify.com/s/files/1/mug.jpg',
      'https://cdn.shopify.com/s/files/1/mug-2.jpg',
    ]),
    shopifyProduct(7002, 'Gift Card', 'gift-card', '', [variant(4003, null, '25.00', true)], []),
  ],
  [
    shopifyProduct(7003, '日本茶 🍵 "Sencha"', '日本茶', 'Tea', [variant(4004, 'TEA', '18.00', false)], ['//cdn.shopify.com/s/files/1/tea.jpg']),
    shopifyProduct(7004, 'No variants', 'no-variants', '', [], []),
  ],
  [],
];

/** Shopify: page 2 answers 429 (Retry-After: 1) first, page 3 answers 503 first. */
const shopifyStore: Handler = (path, hit) => {
  const m = /^\/products\.json\?limit=250&page=(\d+)$/.exec(path);
  if (!m) return { status: 404 };
  const page = Number(m[1]);
  if (page === 2 && hit === 1) return { status: 429, headers: { 'retry-after': '1' }, body: { errors: 'Too Many Requests' } };
  if (page === 3 && hit === 1) return { status: 503, body: '<html>Service unavailable</html>' };
  return { body: { products: SHOPIFY_PAGES[page - 1] ?? [] } };
};

// WooCommerce's Store API, as documented: prices in minor units, names as HTML.
const wooProduct = (p: Record<string, unknown>) => ({
  id: 0,
  name: '',
  slug: '',
  parent: 0,
  type: 'simple',
  variation: '',
  permalink: '',
  sku: '',
  short_description: '',
  description: '',
  on_sale: false,
  prices: { price: '0', regular_price: '0', sale_price: '0', price_range: null, currency_code: 'EUR', currency_symbol: '€', currency_minor_unit: 2, currency_decimal_separator: ',', currency_thousand_separator: '.', currency_prefix: '', currency_suffix: ' €' },
  price_html: '',
  average_rating: '0',
  review_count: 0,
  images: [],
  categories: [],
  tags: [],
  attributes: [],
  variations: [],
  has_options: false,
  is_purchasable: true,
  is_in_stock: true,
  is_on_backorder: false,
  low_stock_remaining: null,
  sold_individually: false,
  add_to_cart: { text: 'Add to cart', description: '', url: '', minimum: 1, maximum: 9999, multiple_of: 1 },
  extensions: {},
  ...p,
});
const euro = (price: string, minor = 2) => ({ ...wooProduct({}).prices, price, regular_price: price, sale_price: price, currency_minor_unit: minor });
const WOO_PAGES = [
  [
    wooProduct({
      id: 34,
      name: 'Hoodie &amp; Scarf &#8211; Set',
      slug: 'hoodie-scarf',
      permalink: 'https://woo.example/product/hoodie-scarf/',
      sku: 'woo-hs',
      on_sale: true,
      prices: { ...euro('4500'), regular_price: '5000' },
      average_rating: '4.50',
      review_count: 12,
      images: [{ id: 1, src: 'https://woo.example/wp-content/uploads/hs.jpg', thumbnail: '', srcset: '', sizes: '', name: 'hs', alt: '' }],
      categories: [{ id: 9, name: 'Clothing &amp; Co', slug: 'clothing', link: 'https://woo.example/product-category/clothing/' }],
    }),
    wooProduct({
      id: 35,
      name: 'V-Neck T-Shirt',
      type: 'variable',
      permalink: 'https://woo.example/product/v-neck/',
      prices: euro('1800'),
      is_in_stock: false,
      variations: [
        { id: 36, attributes: [{ name: 'Color', value: 'red' }] },
        { id: 37, attributes: [{ name: 'Color', value: 'blue' }] },
      ],
    }),
  ],
  [
    wooProduct({ id: 41, name: 'Kyūsu teapot 急須', permalink: 'https://woo.example/product/kyusu/', prices: euro('3200', 0) }),
    wooProduct({ id: 42, name: 'No price', permalink: 'https://woo.example/product/none/', prices: euro('') }),
  ],
];
const wooStore: Handler = (path) => {
  const m = /^\/wp-json\/wc\/store\/v1\/products\?per_page=100&page=(\d+)$/.exec(path);
  if (!m) return { status: 404 };
  const page = Number(m[1]);
  return { headers: { 'x-wp-total': '4', 'x-wp-totalpages': '2' }, body: WOO_PAGES[page - 1] ?? [] };
};

async function fromStore(platform?: 'shopify' | 'woocommerce', http: HttpOptions = fastHttp()) {
  const { log, err } = captureLog();
  const result = await buildCatalog({ products: { url: base + '/', ...(platform && { platform }), http } }, log);
  expect(validateCatalog(result.doc)).toEqual([]);
  return { ...result, err: err() };
}

describe('build --from a Shopify store', () => {
  it('reads /products.json page after page, politely, keeping product and variant ids', async () => {
    handler = shopifyStore;
    const http = fastHttp();
    const { doc, summary, err } = await fromStore(undefined, http);
    expect(doc.products).toEqual([
      {
        id: '7001',
        title: 'Ceramic Mug ☕',
        price: 12.5, // Large is sold out: Small, the first available variant
        url: `${base}/products/ceramic-mug`,
        image: 'https://cdn.shopify.com/s/files/1/mug.jpg',
        category: 'Mugs',
        inStock: true,
        variantId: '4002',
      },
      { id: '7002', title: 'Gift Card', price: 25, url: `${base}/products/gift-card`, inStock: true, variantId: '4003' },
      {
        id: '7003',
        title: '日本茶 🍵 "Sencha"',
        price: 18,
        url: `${base}/products/%E6%97%A5%E6%9C%AC%E8%8C%B6`,
        image: 'https://cdn.shopify.com/s/files/1/tea.jpg',
        category: 'Tea',
        inStock: false, // no variant available: the first one's price and id
        variantId: '4004',
      },
    ]);
    expect(requests).toEqual([
      '/products.json?limit=250&page=1',
      '/products.json?limit=250&page=2',
      '/products.json?limit=250&page=2',
      '/products.json?limit=250&page=3',
      '/products.json?limit=250&page=3',
    ]);
    expect(http.waits).toEqual([1000, 5]); // Retry-After: 1, then the first backoff
    expect(err.split('\n')).toEqual([
      `${base}: Shopify, page 1, 2 products read`,
      `${base}/products.json?limit=250&page=2: 429 Too Many Requests; trying again in 1 s`,
      `${base} product 4: id 7004: no variants`,
      `${base}: Shopify, page 2, 4 products read`,
      `${base}/products.json?limit=250&page=3: 503 Service Unavailable; trying again in 5 ms`,
      '',
    ]);
    expect(summary.products).toEqual({ file: base, format: `Shopify, ${base}/products.json`, rows: 4, listed: true, kept: 3 });
  });

  it('stops when a page repeats the products already read (a store that ignores page=)', async () => {
    handler = (path) => (path.startsWith('/products.json') ? { body: { products: SHOPIFY_PAGES[0] } } : { status: 404 });
    const { doc, err } = await fromStore('shopify');
    expect(doc.products).toHaveLength(2);
    expect(requests).toHaveLength(2);
    expect(err).toContain('page 2 lists only products already read (the store ignores page=); stopped there');
  });

  it('gives up after the retries, naming the page, and writes nothing', async () => {
    handler = (path) => (path.endsWith('page=1') ? { body: { products: SHOPIFY_PAGES[0] } } : { status: 502 });
    const http = fastHttp();
    const io = captureIo();
    const out = tmp.file('never.json');
    const code = await runBuild(['--from', base, '--out', out], io, { http });
    expect(code).toBe(EXIT.failure);
    expect(io.err()).toContain(`offerwise build: ${base}/products.json?limit=250&page=2: 502 Bad Gateway after 3 retries\n`);
    expect(http.waits).toEqual([5, 10, 20]);
    expect(existsSync(out)).toBe(false);
  });

  it('does not wait longer than it should: a Retry-After of an hour stops the build', async () => {
    handler = () => ({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(fromStore('shopify')).rejects.toThrow(/429 Too Many Requests, and the store asks to wait 3600 s; try again later/);
  });
});

describe('build --from a WooCommerce store', () => {
  it('finds the Store API after /products.json, follows X-WP-TotalPages, converts minor units', async () => {
    handler = wooStore;
    const { doc, summary, err } = await fromStore();
    expect(doc.currency).toBe('EUR'); // the store's, as no --currency was given
    expect(doc.products).toEqual([
      {
        id: '34',
        title: 'Hoodie & Scarf – Set',
        price: 45,
        url: 'https://woo.example/product/hoodie-scarf/',
        image: 'https://woo.example/wp-content/uploads/hs.jpg',
        category: 'Clothing & Co',
        inStock: true,
        rating: 4.5,
        reviewCount: 12,
      },
      { id: '35', title: 'V-Neck T-Shirt', price: 18, url: 'https://woo.example/product/v-neck/', inStock: false, variantId: '36' },
      { id: '41', title: 'Kyūsu teapot 急須', price: 3200, url: 'https://woo.example/product/kyusu/', inStock: true }, // minor unit 0
    ]);
    expect(requests).toEqual([
      '/products.json?limit=250&page=1',
      '/wp-json/wc/store/v1/products?per_page=100&page=1',
      '/wp-json/wc/store/v1/products?per_page=100&page=2',
    ]);
    expect(err.split('\n')).toEqual([
      `${base}: WooCommerce, page 1 of 2, 2 products read`,
      `${base} product 4: id 42: prices.price "" is no amount in minor units`,
      `${base}: WooCommerce, page 2 of 2, 4 products read`,
      '',
    ]);
    expect(summary.products).toMatchObject({ format: `WooCommerce, ${base}/wp-json/wc/store/v1/products`, rows: 4, kept: 3 });
  });

  it('keeps --currency when it differs from the store’s, and says so', async () => {
    handler = wooStore;
    const { log, err } = captureLog();
    const { doc } = await buildCatalog({ products: { url: base, http: fastHttp() }, currency: 'USD' }, log);
    expect(doc.currency).toBe('USD');
    expect(err()).toContain(`${base}: prices are in EUR; written as USD, as --currency says\n`);
  });

  it('asks the Store API alone with --platform woocommerce, and falls back to ?rest_route= without pretty permalinks', async () => {
    handler = (path) => {
      const m = /^\/\?rest_route=\/wc\/store\/v1\/products&per_page=100&page=(\d+)$/.exec(path);
      return m ? { headers: { 'x-wp-totalpages': '1' }, body: WOO_PAGES[0] } : { status: 404 };
    };
    const { doc } = await fromStore('woocommerce');
    expect(doc.products.map((p) => p.id)).toEqual(['34', '35']);
    expect(requests).toEqual(['/wp-json/wc/store/v1/products?per_page=100&page=1', '/?rest_route=/wc/store/v1/products&per_page=100&page=1']);
  });

  it('says what each endpoint answered when the store is neither', async () => {
    handler = (path) => (path.startsWith('/products.json') ? { body: '<html>Enter the password</html>' } : { status: 404 });
    await expect(fromStore()).rejects.toThrow(
      `${base}: found no public catalog (${base}/products.json?limit=250&page=1 answered 200 with no product listing; ` +
        `${base}/wp-json/wc/store/v1/products?per_page=100&page=1 answered 404; ${base}/?rest_route=/wc/store/v1/products&per_page=100&page=1 answered 404)`,
    );
    handler = wooStore;
    await expect(fromStore('shopify')).rejects.toThrow(`${base}/products.json?limit=250&page=1: expected a Shopify products.json page (it answered 404)`);
  });
});

describe('offerwise build --from … --orders orders_export.csv', () => {
  it('maps Shopify order lines to the fetched products by their variants’ SKUs, and writes the catalog', async () => {
    handler = shopifyStore;
    const orders = tmp.file('orders_export.csv');
    // Shopify's order export columns (those read, and a few around them); one row per line item.
    const header = 'Name,Email,Financial Status,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Id';
    const rows = [];
    for (let n = 0; n < 4; n++) rows.push(`#10${n},a${n}@example.com,paid,1,Ceramic Mug ☕ - Small,12.50,MUG-S,,${n}`, `#10${n},,,1,"日本茶 🍵 ""Sencha""",18.00,TEA,,`);
    rows.push('#1090,b@example.com,paid,1,Gift Card,25.00,,,9'); // no SKU: found by name
    await writeLines(orders, [header, ...rows], '\r\n');
    const io = captureIo();
    const out = tmp.file('from-shopify.json');
    const code = await runBuild(['--from', base, '--platform', 'shopify', '--orders', orders, '--out', out], io, { http: fastHttp() });
    expect(io.err()).not.toContain('offerwise build:');
    expect(code).toBe(EXIT.ok);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.links).toEqual([
      { from: '7001', to: '7003', kind: 'cross-sell', reason: 'Often bought with Ceramic Mug ☕', attachRate: 1, lift: 1.25, orders: 4, source: 'mined' },
      { from: '7003', to: '7001', kind: 'cross-sell', reason: 'Often bought with 日本茶 🍵 "Sencha"', attachRate: 1, lift: 1.25, orders: 4, source: 'mined' },
    ]);
    expect(io.err()).toContain('warning: mined cross-sell "7001" → "7003" will never be offered: it costs 18, more than its anchor\'s 12.5 (rules.md R8)');
    expect(io.out()).toContain(`${base} (Shopify, ${base}/products.json): 4 products listed, 3 kept (1 left out, listed above)`);
    expect(io.out()).toContain('1 line item found by name');
  });
});

describe('getPolitely', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfter('2')).toBe(2000);
    expect(retryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfter('soon')).toBeUndefined();
    expect(retryAfter(null)).toBeUndefined();
  });

  it('retries a refused connection with backoff, then names it', async () => {
    const waits: number[] = [];
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const failing: typeof fetch = async () => {
      throw refused;
    };
    await expect(getPolitely('http://127.0.0.1:1/products.json', { fetch: failing, sleep: async (ms) => void waits.push(ms), backoffMs: 100 })).rejects.toThrow(
      new UserError('http://127.0.0.1:1/products.json: ECONNREFUSED after 3 retries'),
    );
    expect(waits).toEqual([100, 200, 400]);
  });
});

describe('mapping the Store API', () => {
  it('decodes the HTML of WordPress names', () => {
    expect(decodeHtml('Tea &amp; Cups &#8211; Set &#x1F375; &hellip; &bogus; &#0;')).toBe('Tea & Cups – Set 🍵 … &bogus; &#0;');
  });

  it('refuses a price that is no whole number of minor units', () => {
    expect(fromWoo({ id: 1, prices: { price: '12.50', currency_minor_unit: 2 } })).toEqual({ error: 'id 1: prices.price "12.50" is no amount in minor units' });
    expect(fromWoo({ id: 2, prices: { price: '1250', currency_minor_unit: 2 } })).toMatchObject({ item: { id: '2', price: 12.5 } });
  });
});
