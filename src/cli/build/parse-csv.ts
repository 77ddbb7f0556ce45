/** One CSV record: its fields, the line it starts on (1-based), and why it is malformed, if it is. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Set for a record the parser could read only by guessing; callers report it and skip it. */
  error?: string;
}

export interface CsvParser {
  /** Parse the next piece of text (any split: mid-field, mid-quote, between `\r` and `\n`). */
  push(text: string): void;
  /** The input is over: emit the last record (a final line need not end with a newline). */
  end(): void;
}

/**
 * A field (quoted or not) longer than this means the file is not what we think it is,
 * most often a quote that is never closed and would swallow the rest of the file: that
 * stops the read, so one bad quote cannot grow memory with the file.
 */
export const MAX_FIELD_CHARS = 1 << 20;

/**
 * More fields than this in one record is no table a catalog comes from (a row of commas, or
 * a file that is not CSV): that stops the read too, as soon as the record passes it, so a
 * line of millions of commas never becomes an array of millions of fields.
 */
export const MAX_FIELDS = 1000;

/**
 * The characters of one record, all fields together: with `MAX_FIELDS` and `MAX_FIELD_CHARS`
 * alone a record could still hold a gigabyte. A catalog row is a few hundred characters.
 */
export const MAX_RECORD_CHARS = 4 << 20;

const count = (n: number) => n.toLocaleString('en-US');

/** Thrown for input that cannot be read as CSV at all (see `MAX_FIELD_CHARS`, `MAX_FIELDS`, `MAX_RECORD_CHARS`). */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

// Parser states: plain constants, since a `const enum` is not inlined under isolatedModules.
/** At the start of a field. */
const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just after a quote inside a quoted field: an escaped quote (`""`) or the field's end. */
const QUOTE_IN_QUOTED = 3;

/**
 * An incremental RFC 4180 parser: text in (in pieces of any size), records out through
 * `onRecord`, one at a time, so a file of any length is parsed holding one record.
 *
 * - Fields are separated by `,`, records by CRLF, LF or a lone CR (old Mac exports).
 * - A field that starts with `"` is quoted: it may hold `,`, newlines and `""` (one quote).
 * - A UTF-8 byte-order mark at the very start is dropped (Excel writes one).
 * - An empty line is no record (a trailing newline, or blank lines between rows).
 * - Lenient where common exporters are sloppy, strict where guessing would change data:
 *   a `"` inside an unquoted field is kept as text (`5" screen`), but text after a closing
 *   quote (`"a"b`) or a quote never closed marks the record with `error`.
 * - Ragged rows are returned as they are; counting fields is the caller's business, up to
 *   `MAX_FIELDS` (past which, or past `MAX_FIELD_CHARS` or `MAX_RECORD_CHARS`, it throws).
 *
 * Line numbers count every CR, LF or CRLF outside quotes and every LF inside them.
 *
 * Fields are slices of the input text: a caller that keeps one for long should copy it
 * (see `detach` in read-orders.ts).
 */
export function createCsvParser(onRecord: (record: CsvRecord) => void): CsvParser {
  let state: number = START;
  let fields: string[] = [];
  /** The current field's text gathered so far (from earlier pieces, or before a `""`). */
  let field = '';
  /** The characters of the current record's finished fields. */
  let recordChars = 0;
  let error: string | undefined;
  let line = 1;
  let recordLine = 1;
  /** The last piece ended in a record-ending `\r`: a `\n` first in the next one belongs to it. */
  let afterCr = false;
  let started = false;

  const endField = () => {
    if (fields.length === MAX_FIELDS) throw new CsvError(recordLine, `a record has more than ${count(MAX_FIELDS)} fields`);
    recordChars += field.length;
    if (recordChars > MAX_RECORD_CHARS) throw new CsvError(recordLine, `a record runs past ${count(MAX_RECORD_CHARS)} characters`);
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    // A line with nothing on it is no record; `""` alone is one empty field (it was quoted).
    const blank = fields.length === 1 && fields[0] === '' && state === UNQUOTED;
    if (!blank) onRecord(error === undefined ? { fields, line: recordLine } : { fields, line: recordLine, error });
    fields = [];
    recordChars = 0;
    error = undefined;
  };
  const checkLength = () => {
    if (field.length > MAX_FIELD_CHARS)
      throw new CsvError(recordLine, `a field runs past ${count(MAX_FIELD_CHARS)} characters (a quote never closed?)`);
  };
  /** The record ends at `text[i]` (CR or LF); `state` still tells how its last field was. */
  const endLine = (c: number) => {
    endField();
    endRecord();
    line++;
    recordLine = line;
    afterCr = c === CR;
    state = START;
  };

  function push(text: string) {
    const n = text.length;
    let i = 0;
    if (!started && n > 0) {
      started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (afterCr && i < n) {
      afterCr = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    /** Where the unconsumed part of the current field starts in `text`. */
    let from = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (state) {
        case START:
          if (c === QUOTE) {
            state = QUOTED;
            from = ++i;
            continue;
          }
          // The character is the unquoted field's first: read it again in that state.
          state = UNQUOTED;
          from = i;
          continue;
        case UNQUOTED:
          if (c === COMMA) {
            field += text.slice(from, i);
            endField();
            state = START;
          } else if (c === LF || c === CR) {
            field += text.slice(from, i);
            endLine(c);
            if (c === CR && i + 1 < n) {
              afterCr = false;
              if (text.charCodeAt(i + 1) === LF) i++;
            }
          }
          i++;
          continue;
        case QUOTED: {
          // The common case is a long run without quotes: jump to the next one.
          const q = text.indexOf('"', i);
          const to = q < 0 ? n : q;
          for (let j = text.indexOf('\n', i); j >= 0 && j < to; j = text.indexOf('\n', j + 1)) line++;
          field += text.slice(from, to);
          checkLength();
          if (q < 0) {
            i = from = n;
            continue;
          }
          state = QUOTE_IN_QUOTED;
          i = q + 1;
          from = i;
          continue;
        }
        case QUOTE_IN_QUOTED:
          if (c === QUOTE) {
            field += '"';
            state = QUOTED;
            from = ++i;
          } else if (c === COMMA) {
            endField();
            state = START;
            i++;
          } else if (c === LF || c === CR) {
            endLine(c);
            if (c === CR && i + 1 < n) {
              afterCr = false;
              if (text.charCodeAt(i + 1) === LF) i++;
            }
            i++;
          } else {
            // `"a"b`: keep reading the field as unquoted text, but the row is not to be trusted.
            error ??= 'text after a closing quote';
            state = UNQUOTED;
            from = i;
          }
          continue;
      }
    }
    if (state === UNQUOTED) {
      field += text.slice(from, n);
      checkLength();
    }
  }

  function end() {
    if (state === QUOTED) {
      error ??= 'a quoted field is never closed';
      endField();
      endRecord();
    } else if (state !== START || fields.length > 0) {
      endField();
      endRecord();
    }
    state = START;
  }

  return { push, end };
}

/** All records of a whole text (for tests and small inputs). */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const parser = createCsvParser((r) => out.push(r));
  parser.push(text);
  parser.end();
  return out;
}
