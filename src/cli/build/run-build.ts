import { EXIT, UsageError, UserError, type CliIo, type Command } from '../cli-io';
import { assertValid, buildCatalog, DEFAULT_MIN_ORDERS, DEFAULT_TOP, type BuildInputs } from './build-catalog';
import { createBuildLog, MAX_LISTED_BAD_ROWS, PROGRESS_EVERY } from './build-log';
import { formatSummary, type Written } from './format-summary';
import { parseBuildArgs, type BuildOutput } from './parse-build-args';
import { MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS } from './parse-csv';
import { defaultShardCount, PRODUCTS_PER_SHARD, shardCatalog, type CatalogDoc } from './shard-catalog';
import { writeCatalogFile, writeShardDir } from './write-output';

export const BUILD_HELP = `Usage: offerwise build --products <products.csv> [--links <links.csv>] [--orders <orders.csv>]
                      [--min-orders ${DEFAULT_MIN_ORDERS}] [--top ${DEFAULT_TOP}] [--currency USD]
                      (--out <catalog.json> | --shard <dir> [--shards N])

Builds a v1 catalog (docs: catalog.md, "Building a catalog from CSV") from CSV files with a
header row (RFC 4180: quoted fields, "" for a quote, CRLF or LF, a UTF-8 BOM):
  products.csv  id,title,price,url and any of image,category,inStock,cost,rating,
                reviewCount,replenishDays,variantId; an empty cell is an absent field
  links.csv     from,to,kind and any of upsell,reason,weight,attachRate,lift,orders,
                placements,segments,minCartValue (placements and segments ;-separated)
  orders.csv    order_id,product_id and optionally qty,customer_id,date; one row per line
                item, in any order

Mining: for every ordered pair (A, B) bought together in at least --min-orders orders,
  attachRate = orders(A and B) / orders(A), lift = attachRate / (orders(B) / all orders);
  pairs with lift > 1, the --top best per anchor by attachRate, become cross-sell links.
  A curated link for the same pair keeps its fields; a curated cross-sell takes the
  statistics, a curated upsell is left as written (its attachRate means "chose B instead").

Options:
  --products <file>   products (required)
  --links <file>      curated links
  --orders <file>     order lines to mine
  --min-orders <n>    least orders holding a pair (default ${DEFAULT_MIN_ORDERS})
  --top <n>           mined links kept per anchor (default ${DEFAULT_TOP})
  --currency <code>   the catalog's currency (default USD)
  --out <file>        write one catalog file (pretty JSON)
  --shard <dir>       write a sharded catalog: <dir>/index.json and <dir>/shards/{n}.json
  --shards <n>        shards to write (default: one per ${PRODUCTS_PER_SHARD} products)
  -h, --help          this text

Rows that cannot be used are reported as file:line: reason (up to ${MAX_LISTED_BAD_ROWS} per file) and left
out; the build goes on, and what it writes always passes "offerwise validate". A record of
more than ${MAX_FIELDS.toLocaleString('en-US')} fields, a field past ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters or a record past
${MAX_RECORD_CHARS.toLocaleString('en-US')} stops the build with one line naming it (file:line); so does a products
file with no usable product. Progress goes to stderr every ${PROGRESS_EVERY.toLocaleString('en-US')} rows; a summary
to stdout at the end.
Exit codes: 0 written, 1 unreadable input or output (or no usable product), 2 wrong command line.

Examples:
  offerwise build --products products.csv --orders orders.csv --out catalog.json
  offerwise build --products products.csv --links links.csv --orders orders.csv --shard public/catalog/
`;

/**
 * `offerwise build`: resolves to the exit code. Prints its own one-line errors (as main.ts
 * does), so it can be called directly or through `buildCommand`; a bug still throws.
 */
export async function runBuild(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await build(args, io);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`offerwise build: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write('Run "offerwise build --help" for usage.\n');
    return e.exitCode;
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'a catalog (one file or shards) from products, links and orders CSV files, with mined cross-sells',
  help: BUILD_HELP,
  run: runBuild,
};

async function build(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseBuildArgs(args);
  if (parsed === 'help') {
    io.stdout.write(BUILD_HELP);
    return EXIT.ok;
  }
  const { output, ...inputs } = parsed;
  const log = createBuildLog(io);
  // The "… and N more bad rows" lines, also when the build stops (no usable product).
  const { doc, summary } = await buildCatalog(inputs satisfies BuildInputs, log).finally(() => log.flush());
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
