import { readFile, stat } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import type { BuildLog } from './build-log';
import { emptyRows } from './keep-valid';
import { AliasMap, catalogTitle, compact, decimal, httpsUrl, lastPart, quote, type ProductSource } from './product-source';
import { cellAt, readExportTable } from './read-export-table';

/** A Merchant Center column or element name as the feed spec writes it: `g:Image Link` → `image_link`. */
export const merchantName = (name: string) => name.trim().toLowerCase().replace(/^g:/, '').replace(/\s+/g, '_');

/** The columns that tell a Merchant Center feed in its TSV (or CSV) form. */
export const isMerchantHeader = (names: ReadonlySet<string>) => {
  const n = new Set([...names].map(merchantName));
  return n.has('id') && n.has('title') && n.has('price') && n.has('link') && !n.has('url');
};

/** An XML feed is read whole (fast-xml-parser does not stream): 512 MiB is some million items. */
export const MAX_FEED_BYTES = 512 << 20;

/** The attributes read, by their Merchant Center names. */
const FIELDS = [
  'id',
  'title',
  'link',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'image_link',
  'availability',
  'product_type',
  'google_product_category',
  'item_group_id',
] as const;
type Field = (typeof FIELDS)[number];
type Item = { at: number | string } & Partial<Record<Field, string>>;

/**
 * A Google Merchant Center feed: RSS 2.0 with the `g:` namespace (`<item><g:id>…`), or the
 * same attributes as TSV columns (`id	title	link	price	…`; CSV too). Items that share
 * `item_group_id` are the variants of one product, which becomes one catalog product:
 *
 * - `id`: the `item_group_id` (the product's id, e.g. Shopify's for its own feeds), else the
 *   item's `id`; every item `id` names the product for orders.
 * - `title`, `url` (`link`), `image` (`image_link`), `category` (the last part of
 *   `product_type`, else of a `google_product_category` written as words): from the group's
 *   first item.
 * - `price`: the first in-stock item's `sale_price` while its `sale_price_effective_date`
 *   (when given) includes today, else its `price` (`15.00 USD`); `inStock`: any item
 *   `in_stock`, `preorder` or `backorder`.
 * - The feed's currency is that of its first price; an item priced in another is left out.
 * - No `variantId`: a feed's item id is no id a cart API takes.
 */
export async function readMerchantFeed(path: string, kind: 'xml' | ',' | '\t', log: BuildLog, today = Date.now()): Promise<ProductSource> {
  const items: Item[] = [];
  let read: number;
  if (kind === 'xml') {
    for (const item of await readFeedXml(path)) items.push(item);
    read = items.length;
  } else {
    read = await readExportTable(
      path,
      { required: ['id', 'title', 'price', 'link'], delimiter: kind, name: merchantName },
      (column) => {
        const at = FIELDS.map((f) => [f, column(f)] as const).filter(([, i]) => i >= 0);
        return (fields, line) => {
          const item: Item = { at: line };
          for (const [f, i] of at) {
            const value = cellAt(fields, i).trim();
            if (value !== '') item[f] = value;
          }
          items.push(item);
        };
      },
      log,
    );
  }

  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = item.item_group_id ?? item.id;
    if (key === undefined) {
      log.badRow(path, item.at, 'no id');
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  const rows = emptyRows();
  const aliases = new AliasMap();
  let currency: string | undefined;
  for (const [id, group] of groups) {
    const first = group[0]!;
    const stock = group.map((i) => inStock(i.availability));
    const chosen = group[stock.findIndex((s) => s !== false)] ?? first;
    const sale = chosen.sale_price && saleRuns(chosen.sale_price_effective_date, today) ? chosen.sale_price : undefined;
    const text = sale ?? chosen.price ?? '';
    const price = parsePrice(text);
    if (!price) {
      log.badRow(path, chosen.at, text === '' ? 'no price' : `price ${quote(text)} is not an amount such as "15.00 USD"`);
      continue;
    }
    currency ??= price.currency;
    if (price.currency !== undefined && price.currency !== currency) {
      log.badRow(path, chosen.at, `price ${quote(text)} is in ${price.currency}, the feed's first price in ${currency}`);
      continue;
    }
    const wordy = first.google_product_category && !/^\d+$/.test(first.google_product_category) ? first.google_product_category : undefined;
    rows.items.push(
      compact({
        id,
        title: first.title === undefined ? undefined : catalogTitle(first.title),
        price: price.amount,
        url: first.link,
        image: httpsUrl(group.find((i) => i.image_link)?.image_link),
        category: lastPart(first.product_type ?? wordy),
        inStock: stock.every((s) => s === undefined) ? undefined : stock.some((s) => s !== false),
      }),
    );
    rows.lines.push(first.at);
    for (const item of group) aliases.add(item.id, id);
  }
  return {
    file: path,
    format: `Merchant Center feed (${kind === 'xml' ? 'RSS' : kind === '\t' ? 'TSV' : 'CSV'})`,
    rows,
    read,
    products: groups.size,
    aliases,
    ...(currency !== undefined && { currency }),
  };
}

/** `in_stock`, `preorder`, `backorder` (or the older `in stock`) can be bought; `out_of_stock` not. */
function inStock(availability: string | undefined): boolean | undefined {
  if (availability === undefined) return undefined;
  return merchantName(availability) !== 'out_of_stock';
}

/** `15.00 USD`, `USD 15.00` or `15.00` (the feed spec's forms). */
export function parsePrice(text: string): { amount: number; currency?: string } | undefined {
  const m = /^(?:([A-Za-z]{3})\s+)?([\d.]+)(?:\s+([A-Za-z]{3}))?$/.exec(text.trim());
  const amount = decimal(m?.[2]);
  if (!m || amount === undefined || (m[1] && m[3])) return undefined;
  const code = (m[1] ?? m[3])?.toUpperCase();
  return code === undefined ? { amount } : { amount, currency: code };
}

/** `2026-02-24T11:07+0100/2026-02-29T23:07+0100`: does the sale run today? No dates: it does. */
function saleRuns(range: string | undefined, today: number): boolean {
  if (!range) return true;
  const [from, to] = range.split('/').map((d) => Date.parse(d.trim()));
  return !(from! > today) && !(to! < today);
}

/** The items of an RSS 2.0 feed, each with the line it starts on. */
async function readFeedXml(path: string): Promise<Item[]> {
  await checkFile(path);
  let text: string;
  try {
    if ((await stat(path)).size > MAX_FEED_BYTES) throw new UserError(`${path}: larger than ${MAX_FEED_BYTES >> 20} MiB; give the feed as TSV (it is streamed)`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new UserError(`${path}:${valid.err.line}: not well-formed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    // `g:id` and `id`, whatever prefix the feed binds to Google's namespace.
    removeNSPrefix: true,
    // Ids such as `00123` stay strings.
    parseTagValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (name) => name === 'item',
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const channel = (doc.rss as Record<string, unknown> | undefined)?.channel;
  const raw = (Array.isArray(channel) ? channel[0] : channel) as Record<string, unknown> | undefined;
  if (!raw) throw new UserError(`${path}: not an RSS 2.0 feed (expected <rss><channel><item>…)`);
  const list = Array.isArray(raw.item) ? (raw.item as Record<string, unknown>[]) : [];
  const meta = XMLParser.getMetaDataSymbol() as unknown as symbol;
  let line = 1;
  let scanned = 0;
  return list.map((node, n) => {
    const start = (node as Record<symbol, { startIndex?: number } | undefined>)[meta]?.startIndex;
    let at: number | string = `item ${n + 1}`;
    if (typeof start == 'number' && start >= scanned) {
      for (let i = text.indexOf('\n', scanned); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
      scanned = start;
      at = line;
    }
    const item: Item = { at };
    for (const f of FIELDS) {
      const value = firstText(node?.[f]);
      if (value !== undefined) item[f] = value;
    }
    return item;
  });
}

/** An element's text: the first non-empty one when it repeats (`<title>` and `<g:title>`). */
function firstText(value: unknown): string | undefined {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v == 'string' && v.trim() !== '') return v.trim();
    if (typeof v == 'number') return String(v);
  }
  return undefined;
}
