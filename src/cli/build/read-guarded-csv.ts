import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import { createCsvGuard, CsvError, MAX_RECORD_CHARS } from './csv-guard';

/** A record's fields and the line it starts on; `bad` for one csv-parse could not read. */
export type OnCsvRecord = (fields: string[], line: number) => void;
export type OnBadCsvRecord = (line: number, message: string) => void;

const TEXT_AFTER_QUOTE = 'text after a closing quote';

export interface GuardedCsvOptions {
  /**
   * A record with text after a closing quote (`"a"b`) comes through `onBad` ("text after a
   * closing quote") instead of being read as text (`"a"b`): the plain files, whose rows the
   * build takes as they are, are not to be guessed at. The platforms' exports, where it is
   * read as text, leave it off.
   */
  strictQuotes?: boolean;
  /** The most fields a record may have. @default MAX_FIELDS */
  maxFields?: number;
}

export interface GuardedCsvParser {
  /** Parse the next piece of text. Rejects with `CsvError` at a cap (see csv-guard.ts). */
  push(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Reading in 1 MiB pieces: fewer, larger chunks parse faster than the 64 KiB default. */
const CHUNK_BYTES = 1 << 20;

/** How csv-parse reads the text the guard hands on (one `\n` after each record, no blank line). */
const CSV_PARSE_OPTIONS = {
  record_delimiter: '\n',
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
  // The guard stops longer records first; this is a second net.
  max_record_size: MAX_RECORD_CHARS + 1,
} as const;

/**
 * csv-parse behind the guard of csv-guard.ts: every CSV the build reads (products.csv,
 * links.csv, orders.csv, and the platforms' exports: Shopify, WooCommerce, Merchant Center
 * TSV) goes through it. The guard sees every piece first, so no record past the caps ever
 * reaches csv-parse, and it numbers the records' lines; csv-parse reads the fields (RFC 4180,
 * `relax_quotes` for a `"` inside an unquoted field, as exporters write `22" TV`). Records
 * come one at a time through `onRecord`, in order; a record csv-parse skips (a quote never
 * closed at the end of the file), or one with text after a closing quote when
 * `strictQuotes`, comes through `onBad` in its place.
 *
 * csv-parse is given whole records only (the guard tells where they end), each run of them
 * at once through its synchronous API: the records of one piece (1 MiB) are held until they
 * are handed on, and a record that runs on into the next piece waits for it (the caps bound
 * it). That costs a few arrays per record, where the streaming API, with `on_record`,
 * builds two objects more per record and takes about three times as long.
 */
export function createGuardedCsvParser(
  delimiter: ',' | '\t',
  onRecord: OnCsvRecord,
  onBad: OnBadCsvRecord,
  options: GuardedCsvOptions = {},
): GuardedCsvParser {
  /** The start lines of the records the guard has begun and csv-parse has not yet given. */
  const lines: number[] = [];
  let head = 0;
  /** Records the guard has begun, and records handed on (or reported bad). */
  let seen = 0;
  let taken = 0;
  /** The records (by number, from 0) with text after a closing quote, not yet handed on. */
  const flawed = new Set<number>();
  const guard = createCsvGuard(
    delimiter,
    (line) => {
      lines.push(line);
      seen++;
    },
    options.strictQuotes ? () => flawed.add(seen - 1) : undefined,
    options.maxFields,
  );
  /** The next record's line, and whether it had text after a closing quote. */
  const next = () => {
    const line = lines[head++] ?? 0;
    if (head > 4096 && head * 2 > lines.length) {
      lines.splice(0, head);
      head = 0;
    }
    const flaw = flawed.size > 0 && flawed.delete(taken);
    taken++;
    return { line, flaw };
  };
  const parseOptions = { ...CSV_PARSE_OPTIONS, delimiter };

  /** Parse whole records and hand them on, in order, with those csv-parse skipped in their place. */
  const handOn = (text: string) => {
    if (text === '') return;
    /** Where csv-parse skipped a record: after how many of those it gave, and why. */
    const skipped: { at: number; message: string }[] = [];
    const records = parse(text, {
      ...parseOptions,
      on_skip: (error) => {
        const at = error?.records;
        skipped.push({
          at: typeof at === 'number' ? at : Infinity,
          message: error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : (error?.message ?? 'unreadable record'),
        });
        return undefined;
      },
    });
    let k = 0;
    const skip = () => {
      const { line, flaw } = next();
      const { message } = skipped[k++]!;
      onBad(line, flaw ? TEXT_AFTER_QUOTE : message);
    };
    for (let i = 0; i < records.length; i++) {
      while (k < skipped.length && skipped[k]!.at <= i) skip();
      const { line, flaw } = next();
      if (flaw) onBad(line, TEXT_AFTER_QUOTE);
      else onRecord(records[i]!, line);
    }
    while (k < skipped.length) skip();
  };

  /** The start of a record the next piece goes on with. */
  let rest = '';
  /** An error of a handler (or a cap): every later call fails with it too. */
  let failure: { error: unknown } | undefined;
  const run = (step: () => void) => {
    if (failure) return Promise.reject(failure.error);
    try {
      step();
      return Promise.resolve();
    } catch (error) {
      failure = { error };
      return Promise.reject(error);
    }
  };
  return {
    push: (text) =>
      run(() => {
        const out = guard.push(text);
        const whole = guard.whole;
        if (whole === 0) {
          rest += out;
          return;
        }
        const records = rest + out.slice(0, whole);
        rest = out.slice(whole);
        handOn(records);
      }),
    end: () =>
      run(() => {
        const last = rest + guard.end();
        rest = '';
        handOn(last);
      }),
  };
}

/**
 * Stream the CSV file at `path` through `createGuardedCsvParser`. Throws `UserError` for a file
 * that cannot be read and for a record past the caps (`file:line: a record has more than…`).
 */
export async function readGuardedCsv(
  path: string,
  delimiter: ',' | '\t',
  onRecord: OnCsvRecord,
  onBad: OnBadCsvRecord,
  options: GuardedCsvOptions = {},
): Promise<void> {
  await checkFile(path);
  const parser = createGuardedCsvParser(delimiter, onRecord, onBad, options);
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

/**
 * All records of a text, through the guard and csv-parse, in pieces of `size` (for tests and
 * small inputs); a bad record has no fields. Rejects with `CsvError` at a cap.
 */
export async function parseGuardedCsv(text: string, delimiter: ',' | '\t' = ',', size = text.length || 1, options: GuardedCsvOptions = {}) {
  const records: { line: number; fields: string[]; bad?: string }[] = [];
  const parser = createGuardedCsvParser(
    delimiter,
    (fields, line) => records.push({ line, fields }),
    (line, bad) => records.push({ line, fields: [], bad }),
    options,
  );
  for (let i = 0; i < text.length; i += size) await parser.push(text.slice(i, i + size));
  await parser.end();
  return records;
}
