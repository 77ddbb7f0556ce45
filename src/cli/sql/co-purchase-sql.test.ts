import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo } from '../build/test-fixtures';
import { coPurchaseSql, DIALECTS } from './co-purchase-sql';

/**
 * The BigQuery and Spark texts cannot run here: they are held to golden files, reviewed
 * when they change (UPDATE_GOLDEN=1 npx vitest run src/cli/sql rewrites them). The DuckDB
 * text runs, in the DuckDB tests of src/cli/build (mine-duckdb.test.ts), as does the Spark
 * text with its quoting changed.
 */
const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url);

describe('offerwise sql: the co-purchase query', () => {
  it.each(DIALECTS)('%s: matches golden/%s.sql (--min-orders 3 --top 10)', async (dialect) => {
    const text = coPurchaseSql({ dialect, minOrders: 3, top: 10 });
    if (process.env.UPDATE_GOLDEN) await writeFile(golden(`${dialect}.sql`), text);
    expect(text).toBe(await readFile(golden(`${dialect}.sql`), 'utf8'));
  });

  it('the dialects differ only in quoting, type names and the name in the heading', () => {
    const [duckdb, bigquery, spark] = DIALECTS.map((dialect) => coPurchaseSql({ dialect, minOrders: 3, top: 10 }));
    const common = (text: string) =>
      text
        .replace(/one \S+( SQL)? query/, 'one … query')
        .replace(/`(from|to)`|"(from|to)"/g, '<$1$2>')
        .replace(/\b(FLOAT64|DOUBLE)\b/g, '<float>')
        .replace(/\b(STRING|VARCHAR)\b/g, '<string>');
    expect(common(bigquery!)).toBe(common(duckdb!));
    expect(common(spark!)).toBe(common(duckdb!));
    expect(spark).not.toMatch(/QUALIFY|"from"/);
    expect(bigquery).toMatch(/CAST\(n AS FLOAT64\)/);
  });

  it('writes --min-orders and --top where the definition needs them, and nothing else unfilled', () => {
    const text = coPurchaseSql({ dialect: 'bigquery', minOrders: 17, top: 4 });
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).toMatch(/WHERE p\.n >= 17\n/);
    expect(text).toMatch(/HAVING COUNT\(\*\) >= 17\n/);
    expect(text).toMatch(/WHERE place <= 4\n/);
    expect(() => coPurchaseSql({ dialect: 'spark', minOrders: 0, top: 4 })).toThrow(RangeError);
    expect(() => coPurchaseSql({ dialect: 'spark', minOrders: 2, top: 1.5 })).toThrow(RangeError);
  });

  it('prints it: offerwise sql --dialect bigquery', async () => {
    const io = captureIo();
    expect(await main(['sql', '--dialect', 'bigquery'], io)).toBe(0);
    expect(io.out()).toBe(await readFile(golden('bigquery.sql'), 'utf8'));
    const spark = captureIo();
    expect(await main(['sql', '--dialect=spark', '--min-orders', '20', '--top', '5'], spark)).toBe(0);
    expect(spark.out()).toBe(coPurchaseSql({ dialect: 'spark', minOrders: 20, top: 5 }));
    const plain = captureIo();
    expect(await main(['sql'], plain)).toBe(0);
    expect(plain.out()).toBe(await readFile(golden('duckdb.sql'), 'utf8'));
  });
});
