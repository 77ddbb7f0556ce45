import template from './co-purchase.sql?raw';

/** The SQL engines the query is written for. */
export const DIALECTS = ['duckdb', 'bigquery', 'spark'] as const;
export type Dialect = (typeof DIALECTS)[number];

/**
 * What differs between the engines, and only that:
 * - quoting: `from` and `to` are reserved words in all three (the output's column names);
 *   DuckDB quotes with "…", BigQuery and Spark SQL with backticks (Spark reads "…" as a
 *   string unless spark.sql.ansi.doubleQuotedIdentifiers is on);
 * - type names in the casts: the floating-point division and the ids as text.
 * `--top` is a ROW_NUMBER() in a subquery in all three: Apache Spark has no QUALIFY, and
 * DuckDB and BigQuery read the subquery as well, so there is one text to check.
 */
const SPELLING: Record<Dialect, { quote: (name: string) => string; float: string; string: string }> = {
  duckdb: { quote: (name) => `"${name}"`, float: 'DOUBLE', string: 'VARCHAR' },
  bigquery: { quote: (name) => `\`${name}\``, float: 'FLOAT64', string: 'STRING' },
  spark: { quote: (name) => `\`${name}\``, float: 'DOUBLE', string: 'STRING' },
};

export interface CoPurchaseOptions {
  dialect: Dialect;
  /** `--min-orders`: least orders holding a pair. */
  minOrders: number;
  /** `--top`: pairs kept per anchor. */
  top: number;
}

/**
 * The mining of catalog.md as one query over `order_lines(order_id, product_id)` returning
 * `from, to, orders, attachRate, lift`: the same pairs, order and figures as `minePairs`
 * (see co-purchase.sql). The numbers are written into the text, as whole numbers only.
 */
export function coPurchaseSql({ dialect, minOrders, top }: CoPurchaseOptions): string {
  for (const [name, n] of [['minOrders', minOrders], ['top', top]] as const)
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${n}`);
  const spelling = SPELLING[dialect];
  const values: Record<string, string> = {
    dialect: { duckdb: 'DuckDB', bigquery: 'BigQuery', spark: 'Spark SQL' }[dialect],
    min_orders: String(minOrders),
    top: String(top),
    from: spelling.quote('from'),
    to: spelling.quote('to'),
    float: spelling.float,
    string: spelling.string,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`co-purchase.sql: unknown placeholder ${whole}`);
    return value;
  });
}
