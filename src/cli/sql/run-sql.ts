import { EXIT, UsageError, type CliIo, type Command } from '../cli-io';
import { DEFAULT_MIN_ORDERS, DEFAULT_TOP } from '../build/build-catalog';
import { wholeNumber } from '../build/parse-build-args';
import { parseCommandArgs } from '../parse-command-args';
import { coPurchaseSql, DIALECTS, type Dialect } from './co-purchase-sql';

export const SQL_HELP = `Usage: offerwise sql [--dialect ${DIALECTS.join('|')}] [--min-orders ${DEFAULT_MIN_ORDERS}] [--top ${DEFAULT_TOP}]

Prints the mining of "offerwise build" (docs: catalog.md, "Mining beyond one machine") as
one SQL query, to run where the order log already lives.

It reads a table or view order_lines(order_id, product_id), one row per line item (a
product on several lines of one order counts once), and returns one row per kept pair:
from, to, orders, attachRate, lift. The same pairs and figures as the build, when
order_lines holds what the build would count: purchases (no qty <= 0) of catalog products,
named by the catalog's product ids. Give the rows back as CSV or Parquet:
  offerwise build --products products.csv --pairs pairs.parquet --out catalog.json

Options:
  --dialect <name>    ${DIALECTS.join(', ')} (default duckdb); they differ only in quoting and type names
  --min-orders <n>    least orders holding a pair (default ${DEFAULT_MIN_ORDERS})
  --top <n>           pairs kept per anchor (default ${DEFAULT_TOP})
  -h, --help          this text

Exit codes: 0 printed, 2 wrong command line.

Examples:
  offerwise sql --dialect bigquery > co-purchase.sql
  offerwise sql --dialect spark --min-orders 20 --top 5
`;

/** `offerwise sql`'s command line: the query's options, or `'help'`. Throws `UsageError`. */
export function parseSqlArgs(args: readonly string[]): { dialect: Dialect; minOrders: number; top: number } | 'help' {
  const { values, positionals } = parseCommandArgs(args, {
    dialect: { type: 'string' },
    'min-orders': { type: 'string' },
    top: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dialect = values.dialect ?? 'duckdb';
  if (!DIALECTS.includes(dialect as Dialect)) throw new UsageError(`--dialect: expected ${DIALECTS.join(', ')}, got ${JSON.stringify(dialect)}`);
  return {
    dialect: dialect as Dialect,
    minOrders: wholeNumber('--min-orders', values['min-orders'], DEFAULT_MIN_ORDERS),
    top: wholeNumber('--top', values.top, DEFAULT_TOP),
  };
}

export const sqlCommand: Command = {
  name: 'sql',
  summary: "the build's co-purchase mining as one SQL query (DuckDB, BigQuery, Spark) over order_lines, for order logs beyond one machine",
  help: SQL_HELP,
  async run(args: readonly string[], io: CliIo) {
    const parsed = parseSqlArgs(args);
    if (parsed === 'help') {
      io.stdout.write(SQL_HELP);
      return EXIT.ok;
    }
    io.stdout.write(coPurchaseSql(parsed));
    return EXIT.ok;
  },
};
