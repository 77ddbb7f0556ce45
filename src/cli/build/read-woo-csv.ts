import type { BuildLog } from './build-log';
import { emptyRows } from './keep-valid';
import { AliasMap, catalogTitle, compact, decimal, lastPart, quote, type ProductSource } from './product-source';
import { cellAt, readExportTable } from './read-export-table';

/** The columns that tell WooCommerce's product export (Products → Export, English headers). */
export const isWooProductsHeader = (names: ReadonlySet<string>) =>
  names.has('ID') && names.has('Type') && names.has('Name') && (names.has('Regular price') || names.has('SKU'));

interface Row {
  line: number;
  id: string;
  type: string;
  sku: string;
  name: string;
  published: string;
  inStock: string;
  sale: string;
  saleFrom: string;
  saleTo: string;
  regular: string;
  categories: string;
  images: string;
  parent: string;
}

/**
 * WooCommerce's product CSV export. One row per product, then one per variation of a
 * variable product (`Type` `variation`, `Parent` `id:123` or the parent's SKU): variations
 * are not products of their own. Each product becomes:
 *
 * - `id`: `ID`, the id `get_id()` prints and the Store API cart uses.
 * - `price`: `Sale price` while the sale runs (its dates, when given, include today), else
 *   `Regular price`; a variable product takes its first in-stock variation's, and that
 *   variation's `ID` becomes `variantId` (the Store API adds a variation by its own id).
 * - `inStock`: `In stock?` `1` or `backorder` (a variable product: any of its variations).
 * - `category`: the first category path's last part (`Clothing > Hoodies, Music` → `Hoodies`);
 *   `image`: the first of `Images`.
 * - `url`: `/?post_type=product&p=<ID>`: the export has no permalink, and WordPress redirects
 *   that address to the product's page.
 * - SKUs (the product's, its variations') and variation ids name the product for orders.
 * - Products not published (`Published` other than 1: drafts, private) are left out with a note.
 */
export async function readWooProductsCsv(path: string, log: BuildLog, today = Date.now()): Promise<ProductSource> {
  const all: Row[] = [];
  const read = await readExportTable(
    path,
    { required: ['ID', 'Type', 'Name'] },
    (column) => {
      const at = {
        id: column('ID'),
        type: column('Type'),
        sku: column('SKU'),
        name: column('Name'),
        published: column('Published'),
        inStock: column('In stock?'),
        sale: column('Sale price'),
        saleFrom: column('Date sale price starts'),
        saleTo: column('Date sale price ends'),
        regular: column('Regular price'),
        categories: column('Categories'),
        images: column('Images'),
        parent: column('Parent'),
      };
      return (fields, line) => {
        const cell = (i: number) => cellAt(fields, i).trim();
        const row: Row = {
          line,
          id: cell(at.id),
          type: cell(at.type).toLowerCase(),
          sku: cell(at.sku),
          name: cellAt(fields, at.name),
          published: cell(at.published),
          inStock: cell(at.inStock).toLowerCase(),
          sale: cell(at.sale),
          saleFrom: cell(at.saleFrom),
          saleTo: cell(at.saleTo),
          regular: cell(at.regular),
          categories: cell(at.categories),
          images: cell(at.images),
          parent: cell(at.parent),
        };
        if (row.id === '') log.badRow(path, line, 'ID is empty');
        else all.push(row);
      };
    },
    log,
  );

  const isVariation = (r: Row) => r.type.split(',').some((t) => t.trim() === 'variation');
  const products = all.filter((r) => !isVariation(r));
  const bySku = new Map(products.filter((p) => p.sku !== '').map((p) => [p.sku, p.id]));
  const ids = new Set(products.map((p) => p.id));
  const variationsOf = new Map<string, Row[]>();
  for (const v of all.filter(isVariation)) {
    const parent = /^id:(.+)$/.exec(v.parent)?.[1]?.trim() ?? bySku.get(v.parent);
    if (parent === undefined || !ids.has(parent)) {
      log.badRow(path, v.line, `variation ${quote(v.id)}: Parent ${quote(v.parent)} names no product in the file`);
      continue;
    }
    variationsOf.set(parent, [...(variationsOf.get(parent) ?? []), v]);
  }

  const available = (r: Row) => (r.inStock === '' ? undefined : r.inStock === '1' || r.inStock === 'backorder');
  const onSale = (r: Row) => r.sale !== '' && !(r.saleFrom && Date.parse(r.saleFrom) > today) && !(r.saleTo && Date.parse(r.saleTo) < today);
  const rows = emptyRows();
  const aliases = new AliasMap();
  const hidden: string[] = [];
  for (const p of products) {
    if (p.published !== '' && p.published !== '1') {
      hidden.push(p.id);
      continue;
    }
    const variations = variationsOf.get(p.id) ?? [];
    const chosen = variations.find((v) => available(v) !== false) ?? variations[0] ?? p;
    const text = onSale(chosen) ? chosen.sale : chosen.regular;
    const price = decimal(text);
    if (price === undefined) {
      const what = chosen === p ? '' : `variation ${quote(chosen.id)}: `;
      log.badRow(path, chosen.line, text === '' ? `${what}no Regular price` : `${what}price ${quote(text)} is not a number`);
      continue;
    }
    const stock = variations.length ? variations.map(available) : [available(p)];
    rows.items.push(
      compact({
        id: p.id,
        title: catalogTitle(p.name),
        price,
        url: `/?post_type=product&p=${encodeURIComponent(p.id)}`,
        image: firstImage(p.images),
        category: lastPart(firstCategoryPath(p.categories)),
        inStock: stock.every((s) => s === undefined) ? undefined : stock.some((s) => s !== false),
        variantId: chosen === p ? undefined : chosen.id,
      }),
    );
    rows.lines.push(p.line);
    aliases.add(p.sku, p.id);
    for (const v of variations) {
      aliases.add(v.sku, p.id);
      aliases.add(v.id, p.id);
    }
  }
  if (hidden.length)
    log.note(`${path}: ${hidden.length} unpublished ${hidden.length === 1 ? 'product' : 'products'} (draft or private) left out (ID ${hidden.slice(0, 3).join(', ')}${hidden.length > 3 ? ', …' : ''})`);
  return { file: path, format: 'WooCommerce product export', rows, read, products: products.length, aliases };
}

/** `Clothing > Hoodies, Music` → `Clothing > Hoodies`; a comma inside a name is written `\,`. */
export function firstCategoryPath(cell: string): string | undefined {
  const first = cell.split(/(?<!\\),/)[0]?.replace(/\\,/g, ',').trim();
  return first ? first : undefined;
}

/** The first of a comma-separated list of image URLs. */
const firstImage = (cell: string) => cell.split(',')[0]?.trim() || undefined;
