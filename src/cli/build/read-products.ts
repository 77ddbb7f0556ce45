import type { BuildLog } from './build-log';
import { peekFormat } from './detect-format';
import type { HttpOptions } from './fetch-politely';
import { AliasMap, type ProductSource } from './product-source';
import { readItemRows } from './read-item-rows';
import { isMerchantHeader, readMerchantFeed } from './read-merchant-feed';
import { isShopifyProductsHeader, readShopifyProductsCsv } from './read-shopify-csv';
import { readStore, type Platform } from './read-store';
import { isWooProductsHeader, readWooProductsCsv } from './read-woo-csv';

/** Where the products come from: `--products FILE`, or `--from URL [--platform …]`. */
export type ProductInput = { file: string } | { url: string; platform?: Platform; http?: HttpOptions };

/**
 * The products of any input `build` takes. A file is told by its first bytes and header
 * (detect-format.ts): a Merchant Center feed (RSS, or TSV/CSV with its attribute names),
 * Shopify's or WooCommerce's product export, or else the plain products.csv of catalog.md,
 * read exactly as before.
 */
export async function readProducts(input: ProductInput, log: BuildLog): Promise<ProductSource> {
  if ('url' in input) return readStore(input.url, input.platform, input.http ?? {}, log);
  const path = input.file;
  const peeked = await peekFormat(path);
  if (peeked.kind === 'xml') return readMerchantFeed(path, 'xml', log);
  if (peeked.kind === 'table') {
    if (isShopifyProductsHeader(peeked.names)) return readShopifyProductsCsv(path, log);
    if (isWooProductsHeader(peeked.names)) return readWooProductsCsv(path, log);
    if (isMerchantHeader(peeked.names)) return readMerchantFeed(path, peeked.delimiter, log);
  }
  const { rows, read } = await readItemRows(path, 'products', log);
  return { file: path, rows, read, aliases: new AliasMap() };
}
