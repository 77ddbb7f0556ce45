import { EXIT, UsageError, UserError, type CliIo, type Command } from '../cli-io';
import { assertValid, buildCatalog, DEFAULT_MIN_ORDERS, DEFAULT_TOP, type BuildCatalogDeps, type BuildInputs } from './build-catalog';
import { DUCKDB_INSTALL } from './duckdb-session';
import { createBuildLog, MAX_LISTED_BAD_ROWS } from './build-log';
import { formatSummary, type Written } from './format-summary';
import { parseBuildArgs, type BuildOutput } from './parse-build-args';
import { MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS } from './csv-guard';
import { defaultShardCount, PRODUCTS_PER_SHARD, shardCatalog, type CatalogDoc } from './shard-catalog';
import { writeCatalogFile, writeShardDir } from './write-output';
import { DEFAULT_IMAGE_CONCURRENCY } from './visual/describe-products';
import { SHARP_INSTALL, USEARCH_INSTALL } from './visual/visual-peers';
import { DEFAULT_MIN_SIMILARITY, EXACT_UP_TO } from './visual/visual-links';

export const BUILD_HELP = `Usage: offerwise build (--products <file> | --from <url> [--platform shopify|woocommerce])
                      [--links <links.csv>] [--orders <file> [--engine streaming|duckdb] | --pairs <file>]
                      [--min-orders ${DEFAULT_MIN_ORDERS}] [--top ${DEFAULT_TOP}]
                      [--currency USD] (--out <catalog.json> | --shard <dir> [--shards N])
                      [--visual [--pair-categories <a:b,…>] [--image-dir <dir> | --embeddings <file>]]

Builds a v1 catalog (docs: catalog.md, "Building a catalog from CSV") from the products a
store already has, its curated links and its order history.

Products, one of:
  --from <url>  a live store's public catalog, no API key: Shopify's /products.json, or
                WooCommerce's Store API (/wp-json/wc/store/v1/products); told apart by
                asking, or by --platform. Ids are the platform's product ids, so the page's
                {{ product.id }} (Shopify) or get_id() (WooCommerce) names the same products.
  --products <file>, told by its header (or root element):
    products.csv  id,title,price,url and any of image,category,inStock,cost,rating,
                  reviewCount,replenishDays,variantId; an empty cell is an absent field
    Shopify's product export (Handle,Title,…,Variant Price,…): one product per Handle,
                  and the Handle is its id (the export has no product id)
    WooCommerce's product export (ID,Type,SKU,Name,…): variations count for their parent
    a Google Merchant Center feed: RSS 2.0 with g: elements, or TSV (id, title, link,
                  price, …); items sharing item_group_id are one product

Other inputs (CSV with a header row; RFC 4180, a UTF-8 BOM is fine):
  links.csv     from,to,kind and any of upsell,reason,weight,attachRate,lift,orders,
                placements,segments,minCartValue (placements and segments ;-separated)
  orders        orders.csv: order_id,product_id and optionally qty,customer_id,date; one row
                per line item, in any order (a product_id may also be a SKU or variant id
                the products input gives). Or Shopify's order export (Name,…,Lineitem
                quantity,Lineitem name,…,Lineitem sku): line items found by SKU, else by name

Mining: for every ordered pair (A, B) bought together in at least --min-orders orders,
  attachRate = orders(A and B) / orders(A), lift = attachRate / (orders(B) / all orders);
  pairs with lift > 1, the --top best per anchor by attachRate (ties: more orders, then
  B's id in code-point order), become cross-sell links
  with the reason "Often bought with <A's title>". A curated link for the same pair keeps
  its fields; a curated cross-sell takes the statistics, a curated upsell is left as written
  (its attachRate means "chose B instead"). A mined cross-sell priced above its anchor is
  written but never offered (rules.md R8): each gets a warning (the first 10, then a count).

Mining beyond one machine (catalog.md):
  --engine duckdb   mines --orders in DuckDB, out of core, with the query "offerwise sql"
                    prints: the same links. --orders may then also be Parquet (order_id,
                    product_id, qty). DuckDB is an optional peer dependency:
                    ${DUCKDB_INSTALL}. Malformed records are listed by line;
                    rows with an empty id or a bad qty are counted only.
  --pairs <file>    rows from,to,orders,attachRate,lift (CSV, or Parquet through DuckDB)
                    computed anywhere ("offerwise sql" in a warehouse), in place of
                    --orders: taken as given (--min-orders and --top were applied there),
                    checked (catalog products, attachRate in [0, 1], …) and merged as
                    mined pairs are.

Visual links (catalog.md, "Visual links"): --visual adds cross-sells between products
  whose pictures match, in complementary categories: for each anchor, its best matches in
  each of them (the best of every category first), in stock, priced no higher than the
  anchor (rules.md R8), at least --min-similarity alike, up to --top; each with the reason
  "Matches the look of <A's title>", source "visual", its similarity, no statistic, and a
  weight below the anchor's curated and mined links (half of theirs at most, scaled by the
  similarity). A pair already linked keeps its link. The default descriptor is the product's
  own colours (OKLab, the plain studio backdrop masked) and a little texture; --embeddings
  takes the store's own vectors instead. An exact search up to ${EXACT_UP_TO.toLocaleString('en-US')} products, past
  that usearch's approximate one. sharp (pictures) and usearch are optional peer
  dependencies: ${SHARP_INSTALL}, ${USEARCH_INSTALL}.
  --pair-categories <a:b,c:d>  complementary categories, both ways; with --orders, the
                      category pairs bought together too (lift > 1, in ≥ --min-orders orders)
  --image-dir <dir>   where relative images are (/img/a.jpg is <dir>/img/a.jpg); http(s)
                      images are fetched, ${DEFAULT_IMAGE_CONCURRENCY} at a time, as a store is read (retries, time limit)
  --image-cache <dir> fetched pictures by URL, so a rerun fetches nothing
                      (default $XDG_CACHE_HOME or ~/.cache, then offerwise/images)
  --embeddings <file> rows id,v1,…,vn from any image model (CLIP…), CSV or Parquet (through
                      DuckDB), in place of the pictures
  --min-similarity <x> the least similarity of a visual link, 0 to 1 (default ${DEFAULT_MIN_SIMILARITY})
  A picture that cannot be read, or shows nothing but backdrop, is reported with its
  product's id and left out; a category named with no product, or with one, is reported.

Options:
  --products <file>   the products (a file, as above)
  --from <url>        the products of a live store (https://shop.example)
  --platform <name>   shopify or woocommerce (default: found out)
  --links <file>      curated links
  --orders <file>     order lines to mine
  --engine <name>     streaming (default: this process) or duckdb
  --pairs <file>      co-purchase pairs computed elsewhere, in place of --orders
  --min-orders <n>    least orders holding a pair (default ${DEFAULT_MIN_ORDERS})
  --top <n>           mined links kept per anchor (default ${DEFAULT_TOP})
  --currency <code>   the catalog's currency (default: the store's or feed's, else USD)
  --out <file>        write one catalog file (pretty JSON)
  --shard <dir>       write a sharded catalog: <dir>/index.json and <dir>/shards/{n}.json
  --shards <n>        shards to write (default: one per ${PRODUCTS_PER_SHARD} products)
  -h, --help          this text

Rows that cannot be used are reported as file:line: reason (up to ${MAX_LISTED_BAD_ROWS} per file) and left
out; the build goes on, and what it writes always passes "offerwise validate". A record of
more than ${MAX_FIELDS.toLocaleString('en-US')} fields, a field past ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters or a record past
${MAX_RECORD_CHARS.toLocaleString('en-US')} stops the build with one line naming it (file:line); so does a products
input with no usable product. A store is read one page at a time: a 429 waits as its
Retry-After says, a 5xx or a network error is tried again (after 1, 2, 4 s). Progress goes
to stderr; a summary to stdout at the end. Files are written whole or not at all.
Exit codes: 0 written, 1 unreadable input or output (or no usable product), 2 wrong command line
(or --engine duckdb, or a Parquet input, without DuckDB installed; --visual without sharp, or
past ${EXACT_UP_TO.toLocaleString('en-US')} products without usearch).

Examples:
  offerwise build --products products.csv --orders orders.csv --out catalog.json
  offerwise build --products products.csv --links links.csv --orders orders.csv --shard public/catalog/
  offerwise build --from https://shop.example --orders orders_export.csv --out catalog.json
  offerwise build --products wc-product-export.csv --orders orders.csv --out catalog.json
  offerwise build --products products.csv --orders orders.parquet --engine duckdb --out catalog.json
  offerwise build --products products.csv --pairs co-purchase.parquet --out catalog.json
  offerwise build --products products.csv --visual --pair-categories necklaces:earrings,necklaces:rings --out catalog.json
  offerwise build --products products.csv --orders orders.csv --visual --embeddings clip.parquet --out catalog.json
`;

/** What tests replace (build-catalog.ts's `BuildCatalogDeps`). */
export type BuildDeps = BuildCatalogDeps;

/**
 * `offerwise build`: resolves to the exit code. Prints its own one-line errors (as main.ts
 * does), so it can be called directly or through `buildCommand`; a bug still throws.
 */
export async function runBuild(args: readonly string[], io: CliIo, deps: BuildDeps = {}): Promise<number> {
  try {
    return await build(args, io, deps);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`offerwise build: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write('Run "offerwise build --help" for usage.\n');
    return e.exitCode;
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: "a catalog (one file or shards) from a store's products (CSV, exports, feeds, or the live store), links and orders, with mined cross-sells",
  help: BUILD_HELP,
  run: (args, io) => runBuild(args, io),
};

async function build(args: readonly string[], io: CliIo, deps: BuildDeps): Promise<number> {
  const parsed = parseBuildArgs(args);
  if (parsed === 'help') {
    io.stdout.write(BUILD_HELP);
    return EXIT.ok;
  }
  const { output, ...inputs } = parsed;
  const log = createBuildLog(io);
  // The "… and N more bad rows" lines, also when the build stops (no usable product).
  if (typeof inputs.products != 'string' && deps.http) inputs.products = { ...inputs.products, http: deps.http };
  const { doc, summary } = await buildCatalog(inputs satisfies BuildInputs, log, deps).finally(() => log.flush());
  const written = await writeOutput(doc, output);
  io.stdout.write(formatSummary(summary, log.badRows, { ...written, ms: log.elapsed() }));
  return EXIT.ok;
}

async function writeOutput(doc: CatalogDoc, output: BuildOutput): Promise<Omit<Written, 'ms'>> {
  const counts = { products: doc.products.length, links: doc.links.length };
  if (output.to === 'file') return { target: output.path, ...counts, bytes: await writeCatalogFile(output.path, doc) };
  const count = output.count ?? defaultShardCount(doc.products.length);
  const { index, shards } = shardCatalog(doc, count);
  shards.forEach((shard, n) => assertValid(shard, `shard ${n}`));
  const bytes = await writeShardDir(output.dir, index, shards);
  return { target: `${output.dir} (${count} ${count === 1 ? 'shard' : 'shards'})`, ...counts, bytes };
}
