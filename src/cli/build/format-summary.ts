import { formatCount as n } from './build-log';
import type { BuildSummary } from './build-catalog';
import { ORDERS_BYTES_PER_PASS } from './read-orders';
import type { VisualSummary } from './visual/build-visual';

/** What was written, for the last line. */
export interface Written {
  /** `catalog.json`, or `shop/ (12 shards)` */
  target: string;
  products: number;
  links: number;
  bytes: number;
  ms: number;
}

const plural = (count: number, one: string, many = one + 's') => `${n(count)} ${count === 1 ? one : many}`;
const mb = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

/**
 * The closing summary of `offerwise build` (stdout; bad rows and progress went to stderr):
 * what each file gave, what mining kept, what was written, and how much was held in memory.
 */
export function formatSummary(summary: BuildSummary, badRows: (file: string) => number, written: Written): string {
  const lines: string[] = [];
  const left = (rows: number, kept: number) => (rows === kept ? '' : ` (${plural(rows - kept, 'row')} left out, listed above)`);
  const lost = (found: number, kept: number) => (found === kept ? '' : ` (${n(found - kept)} left out, listed above)`);

  const { products, links, orders, pairs, merge } = summary;
  const named = (file: string, format?: string) => (format ? `${file} (${format})` : file);
  const { file: pf, format: pFormat, rows, products: made, listed, kept } = products;
  lines.push(
    listed ? `${named(pf, pFormat)}: ${plural(rows, 'product')} listed, ${n(kept)} kept${lost(rows, kept)}`
    : made !== undefined ? `${named(pf, pFormat)}: ${plural(rows, 'row')}, ${plural(made, 'product')}, ${n(kept)} kept${lost(made, kept)}`
    : `${named(pf, pFormat)}: ${plural(rows, 'row')}, ${plural(kept, 'product')} kept${left(rows, kept)}`,
  );
  if (links) lines.push(`${links.file}: ${plural(links.rows, 'row')}, ${plural(links.kept, 'curated link')} kept${left(links.rows, links.kept)}`);
  if (orders) {
    const { stats: s, mine } = orders;
    const notes = [
      badRows(orders.file) && `${plural(badRows(orders.file), 'bad row')} left out`,
      s.unknownRows &&
        `${plural(s.unknownRows, 'row')} naming ${n(s.unknownIds)}${s.unknownIdsCapped ? '+' : ''} ${s.unknownIds === 1 ? 'product' : 'products'} not in the catalog ignored (e.g. ${s.unknownSample.map((id) => JSON.stringify(id)).join(', ')})`,
      s.zeroQtyRows && `${plural(s.zeroQtyRows, 'row')} with qty ≤ 0 ignored`,
      s.cancelledRows && `${plural(s.cancelledRows, 'row')} of cancelled orders ignored`,
      s.byName && `${plural(s.byName, 'line item')} found by name (no SKU the products input knows)`,
      orders.duckdb?.badValues &&
        `${plural(orders.duckdb.badValues, 'row')} with an empty order_id or product_id or a qty that is not a number left out (without --engine duckdb they are listed by line)`,
    ].filter(Boolean);
    lines.push(
      `${named(orders.file, orders.format)}: ${plural(s.rows, 'row')}, ${plural(orders.total, 'order')} with a catalog product` +
        (notes.length ? `; ${notes.join('; ')}` : ''),
    );
    lines.push(
      orders.duckdb ?
        `mining in DuckDB ${orders.duckdb.version}: ${plural(mine.keptPairs, 'pair')} kept (in ≥ ${n(orders.minOrders)} orders, lift > 1, top ${n(orders.top)} per anchor)`
      : `mining: ${plural(orders.pairsCounted ?? 0, 'product pair')} counted, ${n(mine.frequentPairs ?? 0)} in ≥ ${n(orders.minOrders)} orders, ` +
          `${n(mine.liftedPairs ?? 0)} directed with lift > 1, ${n(mine.keptPairs)} kept (top ${n(orders.top)} per anchor)`,
    );
  }
  if (pairs) {
    const { stats: s } = pairs;
    const notes = [
      badRows(pairs.file) && `${plural(badRows(pairs.file), 'bad row')} left out`,
      s.unknownRows &&
        `${plural(s.unknownRows, 'row')} naming ${plural(s.unknownIds, 'product')} not in the catalog ignored (e.g. ${s.unknownSample.map((id) => JSON.stringify(id)).join(', ')})`,
    ].filter(Boolean);
    lines.push(`${named(pairs.file, s.format === 'Parquet' ? 'Parquet' : undefined)}: ${plural(s.rows, 'row')}, ${plural(pairs.kept, 'pair')} kept` + (notes.length ? `; ${notes.join('; ')}` : ''));
  }
  if (orders || pairs) {
    const curated = [
      merge.statsToCurated && `${n(merge.statsToCurated)} went to curated cross-sells as statistics`,
      merge.curatedUpsells && `${n(merge.curatedUpsells)} left to curated upsells of the same pair`,
    ].filter(Boolean);
    lines.push(
      `links: ${plural(merge.added, 'mined cross-sell')} added${curated.length ? ` (${curated.join('; ')})` : ''}` +
        (merge.neverOffered ? `; ${n(merge.neverOffered)} of them priced above their anchor, never offered (rules.md R8; warned above)` : ''),
    );
  }
  if (summary.visual) lines.push(...visualLines(summary.visual, badRows));
  if (orders?.duckdb)
    lines.push(
      `memory: DuckDB, out of core: up to ${orders.duckdb.memoryLimit} in memory, the rest spilled to a temporary directory; ` +
        `${orders.file} read twice (the counts above, then the query)`,
    );
  else if (orders) {
    const { stats: s } = orders;
    lines.push(
      `memory: baskets of up to ${plural(s.peakOrdersHeld, 'order')} held at once, in ${plural(s.passes, 'pass', 'passes')} over ${orders.file} ` +
        `(one per ${ORDERS_BYTES_PER_PASS >> 20} MiB: orders are not grouped in the file, so each pass holds a share of them); ` +
        `the counts grow with products and pairs, not rows`,
    );
  }
  lines.push(
    `wrote ${written.target}: ${plural(written.products, 'product')}, ${plural(written.links, 'link')}, ${mb(written.bytes)}, in ${(written.ms / 1000).toFixed(1)} s`,
  );
  return lines.join('\n') + '\n';
}

/** How many of a list to name before counting the rest. */
const NAMED = 6;
const pairs = (list: readonly string[]) => (list.length > NAMED ? `${list.slice(0, NAMED).join(', ')} and ${n(list.length - NAMED)} more` : list.join(', '));

/** `--visual`'s lines: where the vectors came from, the complementary categories, the links. */
function visualLines(visual: VisualSummary, badRows: (file: string) => number): string[] {
  const lines: string[] = [];
  const { images, embeddings, given, lifted, stats } = visual;
  if (images) {
    const from = [
      images.fromDir && `${n(images.fromDir)} read from --image-dir`,
      images.fetched && `${n(images.fetched)} fetched`,
      images.fromCache && `${n(images.fromCache)} from the cache (${images.cache})`,
    ].filter(Boolean);
    const left = [
      images.unreadable && `${n(images.unreadable)} unreadable`,
      images.allBackground && `${n(images.allBackground)} all background`,
      images.needDir && `${plural(images.needDir, 'relative image')} not read (no --image-dir)`,
    ].filter(Boolean);
    lines.push(
      `pictures: ${plural(images.withImage, 'product')} with an image, ${n(images.described)} described${from.length ? ` (${from.join(', ')})` : ''}` +
        (left.length ? `; ${left.join(', ')}, left out (listed above)` : '') +
        (images.noBackdrop ? `; ${n(images.noBackdrop)} with no plain backdrop, described whole` : ''),
    );
  }
  if (embeddings) {
    const { stats: e, file } = embeddings;
    const notes = [
      badRows(file) && `${plural(badRows(file), 'bad row')} left out`,
      e.unknownRows && `${plural(e.unknownRows, 'row')} naming products not in the catalog ignored (e.g. ${e.unknownSample.map((id) => JSON.stringify(id)).join(', ')})`,
      e.missing && `${plural(e.missing, 'product')} with no vector`,
    ].filter(Boolean);
    lines.push(
      `${file}${e.format === 'Parquet' ? ' (Parquet)' : ''}: ${plural(e.rows, 'row')}, vectors of ${n(e.dimensions)} numbers for ${plural(e.kept, 'product')}` + (notes.length ? `; ${notes.join('; ')}` : ''),
    );
  }
  const complementary = [
    ...given.map(([a, b]) => `${a} ↔ ${b}`),
    ...(lifted ?? []).map((p) => `${p.a} ↔ ${p.b} (bought together, lift ${p.lift})`),
  ];
  lines.push(`complementary categories: ${complementary.length ? pairs(complementary) : 'none (no category pair bought together with lift > 1 in enough orders)'}`);
  const range = stats.similarity ? `similarity ${stats.similarity.min}–${stats.similarity.max}, median ${stats.similarity.median}; ` : '';
  lines.push(
    `visual links: ${plural(stats.links, 'cross-sell')} added for ${n(stats.linked)} of ${plural(stats.anchors, 'anchor')} ` +
      `(${range}at least ${visual.minSimilarity}; ${stats.search === 'exact' ? 'exact search' : 'approximate search, usearch'}), weighted below the curated and mined links`,
  );
  return lines;
}
