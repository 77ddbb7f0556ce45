import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import { createCsvGuard } from './csv-guard';
import { CsvError, MAX_RECORD_CHARS } from './parse-csv';

/** A record's fields and the line it starts on; `bad` for one csv-parse could not read. */
export type OnCsvRecord = (fields: string[], line: number) => void;
export type OnBadCsvRecord = (line: number, message: string) => void;

export interface GuardedCsvParser {
  /** Parse the next piece of text. Rejects with `CsvError` at a cap (see csv-guard.ts). */
  push(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Reading in 1 MiB pieces, as read-csv-table.ts does. */
const CHUNK_BYTES = 1 << 20;

/**
 * csv-parse behind the guard of csv-guard.ts: the platforms' exports (Shopify, WooCommerce,
 * Merchant Center TSV) are read with it. The guard sees every piece first, so no record past
 * the caps ever reaches csv-parse, and it numbers the records' lines; csv-parse reads the
 * fields (RFC 4180, `relax_quotes` for a `"` inside an unquoted field, as exporters write
 * `22" TV`). Records come one at a time through `onRecord`, in order; a record csv-parse
 * skips (a quote never closed at the end of the file) comes through `onBad` in its place.
 *
 * (The plain products.csv, links.csv and orders.csv keep parse-csv.ts's parser: it reads a
 * million order lines in less than half csv-parse's time, and orders.csv may be read in
 * several passes.)
 */
export function createGuardedCsvParser(delimiter: ',' | '\t', onRecord: OnCsvRecord, onBad: OnBadCsvRecord): GuardedCsvParser {
  /** The start lines of the records the guard has seen and csv-parse has not yet given. */
  const lines: number[] = [];
  let head = 0;
  const nextLine = () => {
    const line = lines[head++] ?? 0;
    if (head > 4096 && head * 2 > lines.length) {
      lines.splice(0, head);
      head = 0;
    }
    return line;
  };
  const guard = createCsvGuard(delimiter, (line) => lines.push(line));
  /** An error of ours, thrown inside csv-parse's callback: rethrown after the write. */
  let failure: { error: unknown } | undefined;
  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The guard stops longer records first; this is a second net.
    max_record_size: MAX_RECORD_CHARS + 1,
    on_record: (record: string[]) => {
      const line = nextLine();
      if (!failure)
        try {
          onRecord(record, line);
        } catch (error) {
          failure = { error };
        }
      return null;
    },
    on_skip: (error) => {
      const line = nextLine();
      if (!failure)
        try {
          onBad(line, error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : (error?.message ?? 'unreadable record'));
        } catch (e) {
          failure = { error: e };
        }
    },
  });
  // Errors come through the write callbacks below; a listener keeps them from being "unhandled".
  parser.on('error', () => {});
  const settle = (error: Error | null | undefined) => {
    if (failure) throw failure.error;
    if (error) throw error;
  };
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (text === '') return resolve();
      parser.write(text, (error) => {
        try {
          settle(error);
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  /** A high surrogate that ended the last piece: csv-parse takes bytes, so a pair is never split. */
  let held = '';
  const handOn = (text: string) => {
    text = held + text;
    const last = text.charCodeAt(text.length - 1);
    held = last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : '';
    return write(held ? text.slice(0, -1) : text);
  };
  return {
    push: async (text) => handOn(guard.push(text)),
    async end() {
      await handOn(guard.end());
      await write(held);
      await new Promise<void>((resolve, reject) => {
        parser.end(() => {
          try {
            settle(undefined);
            resolve();
          } catch (e) {
            reject(e);
          }
        });
      });
    },
  };
}

/**
 * Stream the CSV file at `path` through `createGuardedCsvParser`. Throws `UserError` for a file
 * that cannot be read and for a record past the caps (`file:line: a record has more than…`).
 */
export async function readGuardedCsv(path: string, delimiter: ',' | '\t', onRecord: OnCsvRecord, onBad: OnBadCsvRecord): Promise<void> {
  await checkFile(path);
  const parser = createGuardedCsvParser(delimiter, onRecord, onBad);
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) await parser.push(chunk as string);
    await parser.end();
  } catch (e) {
    if (e instanceof CsvError) throw new UserError(`${path}:${e.line}: ${e.message}`);
    if (e instanceof UserError) throw e;
    if ((e as { code?: unknown } | null)?.code !== undefined && !String((e as { code: unknown }).code).startsWith('CSV_'))
      throw new UserError(`${path}: ${describeFsError(e)}`);
    throw e;
  }
}

/** All records of a text, through the guard and csv-parse, in pieces of `size` (for tests). */
export async function parseGuardedCsv(text: string, delimiter: ',' | '\t' = ',', size = text.length || 1) {
  const records: { line: number; fields: string[]; bad?: string }[] = [];
  const parser = createGuardedCsvParser(
    delimiter,
    (fields, line) => records.push({ line, fields }),
    (line, bad) => records.push({ line, fields: [], bad }),
  );
  for (let i = 0; i < text.length; i += size) await parser.push(text.slice(i, i + size));
  await parser.end();
  return records;
}
