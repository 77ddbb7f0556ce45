import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { UsageError, UserError, EXIT, type CliIo, type Command } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { createReport } from './create-report';
import { formatCount } from './format-figures';
import { formatHtml } from './format-html';
import { formatJson } from './format-json';
import { formatTable, summarize } from './format-table';
import { loadCatalogCosts } from './load-catalog-costs';
import { describeFsError, openInput } from './open-input';
import { readLines } from './read-lines';
import type { ReportMeta, ReportResult } from './report-types';

export const FORMATS = ['table', 'json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Files longer than this get a summary line on stderr at the end. */
const LONG_FILE = 100_000;
/** A progress line on stderr every this many lines. */
const PROGRESS_EVERY = 250_000;
/**
 * Longer lines (in bytes) are rejected unread: no event comes near, parsing one would stall
 * the run, and holding one would grow memory with it (read-lines.ts lets it go).
 */
export const MAX_LINE_BYTES = 1_000_000;

const FORMATTERS: Record<Format, (r: ReportResult, meta: ReportMeta) => string> = {
  table: formatTable,
  json: (r, meta) => formatJson(r, meta.currency ?? null),
  html: formatHtml,
};

const HELP = `Usage: offerwise report <events.ndjson | -> [options]

Reads the widget's events (newline-delimited JSON, as the beacon sends them; - reads stdin)
and prints, overall, per segment and per placement: impressions, click-through and add
rates, attach and upgrade rates, offer revenue, offer margin, and the AOV of treatment vs
holdout with the lift and its 95% confidence interval.

Options:
  --catalog <file>     catalog.json: unit costs for purchase items that carry none, and
                       the currency amounts are shown in
  -f, --format <name>  table (default), json (analytics.md's object) or html (a page with charts)
  -o, --output <file>  write the report to a file instead of stdout
  -h, --help           this text

Definitions (the measurement spec's):
  order        a distinct orderId; a repeated purchase event for it is ignored (first wins)
  attach rate  treatment orders with a cross-sell item / treatment orders
  upgrade rate treatment orders with an upsell item / treatment orders
  AOV          mean order value per group; lift = AOV(treatment) / AOV(holdout) - 1
  95% CI       of the lift, Welch-type: the delta method on AOV(t)/AOV(h) - 1 with
               unequal-variance standard errors, and a Student t quantile at the
               Welch-Satterthwaite degrees of freedom (null below 2 orders in a group)
  offer revenue / margin: sum of price x qty / (price - cost) x qty of offer items in
               treatment orders; the margin is n/a when any of their costs is unknown.
               By placement they count where the visitor added the item (the add
               event with its visitor and productId), not where the purchase was sent

Amounts are shown in the catalog's currency (--catalog), else in the one the events carry
(a currency field); with neither, as plain numbers. The JSON keeps them as numbers and
names the currency in its currency field.

Lines that are not valid events, or longer than ${formatCount(MAX_LINE_BYTES)} bytes (dropped unread), are
skipped, counted and listed with their line numbers; the run goes on. Memory stays flat however long the file; on long files progress goes to
stderr. Exit codes: 0 done, 1 unreadable input, 2 wrong command line.

Examples:
  offerwise report events.ndjson
  offerwise report events.ndjson --catalog catalog.json --format html -o report.html
  zcat events.ndjson.gz | offerwise report - --format json
`;

export const reportCommand: Command = {
  name: 'report',
  summary: 'KPIs from the widget\u2019s events: attach and upgrade rates, AOV lift with its 95% CI, offer revenue',
  help: HELP,
  run: runReport,
};

async function runReport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    catalog: { type: 'string' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length === 0) throw new UsageError('report needs an events file (or - for stdin)');
  if (positionals.length > 1) throw new UsageError(`report reads one events file, got ${positionals.length}`);
  const source = positionals[0]!;
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);

  const now = io.now ?? (() => performance.now());
  const started = now();
  const catalog = values.catalog === undefined ? undefined : await loadCatalogCosts(values.catalog);
  if (catalog?.problems.length) {
    const n = catalog.problems.length;
    io.stderr.write(`report: ${values.catalog}: ${n} problem${n > 1 ? 's' : ''} (skipped products have no cost here)\n`);
    for (const p of catalog.problems.slice(0, 5)) io.stderr.write(`report:   ${p.path}: ${p.message}\n`);
  }

  const costs = catalog?.costs;
  const report = createReport(costs ? { costOf: (id) => costs.get(id) } : {});
  const input = await openInput(source, io.stdin);
  let lines = 0;
  try {
    for await (const text of readLines(input, MAX_LINE_BYTES)) {
      lines++;
      if (text === null) report.reject(lines, `line longer than ${formatCount(MAX_LINE_BYTES)} bytes`);
      else if (!isBlank(text)) report.addLine(text, lines);
      if (lines % PROGRESS_EVERY === 0) io.stderr.write(`report: ${formatCount(lines)} lines\u2026\n`);
    }
  } catch (e) {
    throw new UserError(`${source}: read failed after line ${lines}: ${describeFsError(e)}`);
  }

  const result = report.result();
  const currency = pickCurrency(catalog?.currency, result.currencies, (warning) => io.stderr.write(`report: ${warning}\n`));
  const meta: ReportMeta = { source, lines, currency };
  const text = FORMATTERS[format](result, meta);
  if (values.output === undefined) io.stdout.write(text);
  else
    await writeFile(values.output, text).catch((e: unknown) => {
      throw new UserError(`${values.output}: ${describeFsError(e)}`);
    });

  // The table says this on its first lines; elsewhere stderr is the only place a person sees it.
  const toPerson = format === 'table' && values.output === undefined;
  if (lines > LONG_FILE || values.output !== undefined || (result.rejectedCount > 0 && !toPerson)) {
    const seconds = ((now() - started) / 1000).toFixed(1);
    const to = values.output === undefined ? '' : `, ${format} written to ${values.output}`;
    io.stderr.write(`report: ${summarize(result, meta)} in ${seconds} s${to}\n`);
  }
  return EXIT.ok;
}

/**
 * The currency amounts are in: the catalog's, else the one the events carry. Several in the
 * events, and no catalog to settle it, means none (sums across currencies mean nothing).
 * A disagreement is reported through `warn`.
 */
export function pickCurrency(fromCatalog: string | undefined, fromEvents: readonly string[], warn: (text: string) => void): string | null {
  const others = fromEvents.filter((c) => c !== fromCatalog);
  if (fromCatalog) {
    if (others.length) warn(`events carry ${others.join(', ')}, the catalog ${fromCatalog}: amounts are shown in ${fromCatalog}`);
    return fromCatalog;
  }
  if (fromEvents.length > 1) {
    warn(`events carry several currencies (${fromEvents.join(', ')}): amounts are shown as plain numbers`);
    return null;
  }
  return fromEvents[0] ?? null;
}

/** Blank lines (a trailing newline, a hand-edited file) are not events and not errors. */
const isBlank = (s: string) => s.length === 0 || s.trim().length === 0;
