import type { BuildLog } from './build-log';
import { emptyRows } from './keep-valid';
import { AliasMap, catalogTitle, compact, decimal, httpsUrl, quote, type ProductSource } from './product-source';
import { cellAt, readExportTable } from './read-export-table';

/** The columns that tell Shopify's product export (Products → Export, "CSV for Excel…" or plain). */
export const isShopifyProductsHeader = (names: ReadonlySet<string>) => names.has('Handle') && names.has('Title') && names.has('Variant Price');

interface Variant {
  line: number;
  sku: string;
  price: string;
  cost: string;
  /** Whether it can be bought; `undefined` when the export has no inventory columns. */
  available: boolean | undefined;
}

interface Draft {
  handle: string;
  line: number;
  title: string;
  type: string;
  status: string;
  published: string;
  image: string;
  variants: Variant[];
}

/**
 * Shopify's product CSV export: one product over several rows, all with its `Handle`. The
 * first row holds the product's fields (`Title`, `Type`, `Status`, …) and its first variant
 * and image; each further row adds a variant (`Option1 Value`, `Variant SKU`, `Variant Price`,
 * …), an image (`Image Src`), or both, and leaves `Title` blank. Rows of one product need not
 * be adjacent. Each product becomes:
 *
 * - `id`: the `Handle`. The export carries no product or variant id, so the page must name
 *   products by handle (`data-product="{{ product.handle }}"`), and no `variantId` is set:
 *   build with `--from` to get Shopify's ids (and the cart adapter's variant ids).
 * - `price`, `cost`: `Variant Price` and `Cost per item` of its first available variant (else
 *   its first); `inStock`: any variant available (untracked inventory, the `continue` policy,
 *   or `Variant Inventory Qty` above 0), absent when the export has no inventory columns.
 * - `url` `/products/<handle>` (relative: the widget runs on the store's own pages),
 *   `image` the first `Image Src` (else `Variant Image`), `category` the `Type`.
 * - Every variant's `Variant SKU` names the product for Shopify's order export.
 * - Products whose `Status` is not `active` (draft, archived) or not `Published` are left
 *   out with a note: shoppers cannot buy them.
 */
export async function readShopifyProductsCsv(path: string, log: BuildLog): Promise<ProductSource> {
  const drafts = new Map<string, Draft>();
  const read = await readExportTable(
    path,
    { required: ['Handle', 'Title', 'Variant Price'] },
    (column) => {
      const at = {
        handle: column('Handle'),
        title: column('Title'),
        type: column('Type'),
        customType: column('Custom Product Type'),
        status: column('Status'),
        published: column('Published'),
        image: column('Image Src'),
        variantImage: column('Variant Image'),
        option: column('Option1 Value'),
        sku: column('Variant SKU'),
        price: column('Variant Price'),
        cost: column('Cost per item'),
        tracker: column('Variant Inventory Tracker'),
        qty: column('Variant Inventory Qty'),
        policy: column('Variant Inventory Policy'),
      };
      const tracksStock = at.qty >= 0;
      return (fields, line) => {
        const cell = (i: number) => cellAt(fields, i).trim();
        const handle = cell(at.handle);
        if (handle === '') return log.badRow(path, line, 'Handle is empty');
        let draft = drafts.get(handle);
        if (!draft) {
          draft = { handle, line, title: '', type: '', status: '', published: '', image: '', variants: [] };
          drafts.set(handle, draft);
        }
        // Shopify leaves Title blank on a product's further rows; some tools repeat it, which is fine.
        const title = cellAt(fields, at.title);
        if (title.trim() !== '' && title !== draft.title) {
          if (draft.title !== '') return log.badRow(path, line, `Handle ${quote(handle)} has another Title at line ${draft.line}`);
          Object.assign(draft, { title, line, type: cell(at.type) || cell(at.customType), status: cell(at.status), published: cell(at.published) });
        }
        draft.image ||= cell(at.image) || cell(at.variantImage);
        // A row with no variant field is an image row.
        if (cell(at.price) === '' && cell(at.sku) === '' && cell(at.option) === '') return;
        const qty = decimal(cell(at.qty));
        draft.variants.push({
          line,
          sku: cell(at.sku),
          price: cell(at.price),
          cost: cell(at.cost),
          available: !tracksStock ? undefined : cell(at.tracker) === '' || cell(at.policy).toLowerCase() === 'continue' || (qty ?? 0) > 0,
        });
      };
    },
    log,
  );

  const rows = emptyRows();
  const aliases = new AliasMap();
  const notForSale: string[] = [];
  for (const d of drafts.values()) {
    if (d.title.trim() === '') {
      log.badRow(path, d.line, `no row of Handle ${quote(d.handle)} has a Title`);
      continue;
    }
    if ((d.status !== '' && d.status.toLowerCase() !== 'active') || d.published.toLowerCase() === 'false') {
      notForSale.push(d.handle);
      continue;
    }
    const chosen = d.variants.find((v) => v.available !== false) ?? d.variants[0];
    if (!chosen) {
      log.badRow(path, d.line, `Handle ${quote(d.handle)} has no variant row (Variant Price)`);
      continue;
    }
    const price = decimal(chosen.price);
    if (price === undefined) {
      log.badRow(path, chosen.line, `Variant Price ${quote(chosen.price)} is not a number`);
      continue;
    }
    const known = d.variants.filter((v) => v.available !== undefined);
    rows.items.push(
      compact({
        id: d.handle,
        title: catalogTitle(d.title),
        price,
        url: `/products/${encodeURIComponent(d.handle)}`,
        image: httpsUrl(d.image),
        category: d.type,
        inStock: known.length ? known.some((v) => v.available) : undefined,
        cost: decimal(chosen.cost),
      }),
    );
    rows.lines.push(d.line);
    for (const v of d.variants) aliases.add(v.sku, d.handle);
  }
  if (notForSale.length)
    log.note(`${path}: ${notForSale.length} draft, archived or unpublished ${notForSale.length === 1 ? 'product' : 'products'} left out (${notForSale.slice(0, 3).map(quote).join(', ')}${notForSale.length > 3 ? ', …' : ''})`);
  return { file: path, format: 'Shopify product export', rows, read, products: drafts.size, aliases };
}
