import { REASON_MAX, TITLE_MAX } from '../../catalog/field-rules';
import type { Rows } from './keep-valid';

/**
 * The products of one input, any format (products.csv, a platform's export or feed, a live
 * store), as raw catalog items for keep-valid.ts to judge, with what the order readers need
 * to map line items to them.
 */
export interface ProductSource {
  /** The file's path, or the store's URL: how messages name the input. */
  file: string;
  /** The format, for the summary (`Shopify product export`); none for the plain products.csv. */
  format?: string;
  rows: Rows;
  /** Data rows read (good and bad); for a store, products listed. */
  read: number;
  /** Products the rows made, when that differs from rows (an export's product spans rows). */
  products?: number;
  /** Other names of a product: SKUs, variant and variation ids, feed item ids → product id. */
  aliases: AliasMap;
  /** The currency the input states its prices in, when it states one. */
  currency?: string;
}

/**
 * Other names for products. A name given to two different products is ambiguous and finds
 * none (an order line with it is not counted rather than counted for the wrong product).
 */
export class AliasMap {
  private readonly ids = new Map<string, string | null>();

  add(alias: string | undefined, id: string): void {
    if (alias === undefined || alias === '' || alias === id) return;
    const had = this.ids.get(alias);
    if (had === undefined) this.ids.set(alias, id);
    else if (had !== id) this.ids.set(alias, null);
  }

  /** The product `alias` names, if exactly one. */
  get(alias: string): string | undefined {
    return this.ids.get(alias) ?? undefined;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Every alias that names exactly one product, with that product's id. */
  *entries(): IterableIterator<[alias: string, id: string]> {
    for (const [alias, id] of this.ids) if (id !== null) yield [alias, id];
  }
}

/** Cut `text` to at most `max` UTF-16 units with a final `…`, never inside a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

/** A platform's title as a catalog title: catalog.md allows 200 characters, Shopify 255. */
export const catalogTitle = (title: string) => cutText(title.trim(), TITLE_MAX);

/** The default reason of a mined cross-sell (rules.md R10 wants every card to say why). */
export const minedReason = (anchorTitle: string) => cutText(`Often bought with ${anchorTitle}`, REASON_MAX);

/** The reason of a visual cross-sell (catalog.md, "Visual links"). */
export const visualReason = (anchorTitle: string) => cutText(`Matches the look of ${anchorTitle}`, REASON_MAX);

/** The decimal numbers people and exports write (`19.99`, `5`, `.5`); nothing else. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A price or quantity cell as a number, or `undefined` when it is no plain decimal. */
export function decimal(text: string | undefined): number | undefined {
  const t = text?.trim();
  return t !== undefined && DECIMAL.test(t) ? Number(t) : undefined;
}

/**
 * A category path's last part: `Clothing > Hoodies` → `Hoodies` (exports and feeds write the
 * whole path; category links name the category a shopper sees).
 */
export function lastPart(path: string | undefined): string | undefined {
  const part = path?.split('>').pop()?.trim();
  return part ? part : undefined;
}

/** A protocol-relative image (`//cdn.shopify.com/…`, older Shopify themes) made https. */
export const httpsUrl = (url: string | undefined) => (url?.startsWith('//') ? `https:${url}` : url || undefined);

/** An item with the fields that are set (an absent field stays absent, as catalog.md wants). */
export function compact(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== ''));
}

/** Quoted for a message, cut at 40 characters. */
export const quote = (text: string) => JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
