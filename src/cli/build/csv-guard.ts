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

/**
 * What stands in front of csv-parse (read-guarded-csv.ts), through which every CSV the build
 * reads goes: the caps above, applied to the text before the parser sees any of it.
 *
 * csv-parse's own `max_record_size` counts characters, so a record of 30 million empty fields
 * (30 MB of commas) passes it, and the parser builds an array of 30 million strings (1.68 GB)
 * before anyone can count them. The guard counts fields, record and field characters while
 * the text streams by, holding no field, and throws `CsvError` (naming the record's line) as
 * soon as a record passes `MAX_FIELDS`, `MAX_RECORD_CHARS` or `MAX_FIELD_CHARS`: the chunk that
 * passes the cap is never handed on. Characters are counted as they stand in the file, quotes
 * and delimiters included.
 *
 * It reads quotes exactly as csv-parse does with `relax_quotes`: a `"` opens a quoted field
 * only at the field's start, `""` inside one is a quote, a quote that closes too early
 * (`"a"b`) continues the field as unquoted text, and a `"` inside an unquoted field is text.
 * So both agree on where every record ends, and the guard can also:
 * - tell the line each record starts on (`onRecord`), which csv-parse's `info.lines` gets
 *   wrong around CRLF inside quotes and blank lines;
 * - tell which records have text after a closing quote (`onTextAfterQuote`), which
 *   csv-parse with `relax_quotes` reads without a word;
 * - hand on the text with every record ended by one `\n` and blank lines dropped (CRLF, LF
 *   and lone CR outside quotes all end a record; inside quotes nothing is changed), so the
 *   parser runs with `record_delimiter: '\n'` and records match the guard's one for one;
 * - drop a UTF-8 byte-order mark at the very start.
 *
 * Line numbers count every CR, LF or CRLF outside quotes and every LF inside them.
 */
export interface CsvGuard {
  /** Check the next piece of text (split anywhere); returns the text to hand on. Throws `CsvError`. */
  push(text: string): string;
  /** The input is over: what is left to hand on (a final `\n`, when the last line had none). */
  end(): string;
  /** Whether the input ended inside a quoted field (csv-parse then skips that last record). */
  readonly openQuote: boolean;
  /**
   * How much of the text the last `push` returned is whole records (each ended by its `\n`):
   * the rest begins a record that later pieces go on with. 0 when it ended none.
   */
  readonly whole: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `onRecord(line)` is called once per record, in order, when its first character is read;
 * `onTextAfterQuote()`, at most once per record, when the record being read has text after a
 * closing quote (`"a"b`): it belongs to the record `onRecord` named last.
 */
export function createCsvGuard(
  delimiter: ',' | '\t',
  onRecord: (line: number) => void,
  onTextAfterQuote?: () => void,
  /** The most fields a record may have; a table of vectors (`build --embeddings`) has more than a catalog's. */
  maxFields = MAX_FIELDS,
): CsvGuard {
  const DELIMITER = delimiter.charCodeAt(0);
  let state = START;
  /** Fields of the current record finished so far. */
  let fields = 0;
  /** Characters of the current record and field so far (raw: quotes and delimiters too). */
  let recordChars = 0;
  let fieldChars = 0;
  /** The current record has begun (a blank line never does). */
  let inRecord = false;
  let line = 1;
  let recordLine = 1;
  let afterCr = false;
  let started = false;
  /** The current record has had text after a closing quote (told once). */
  let flawed = false;
  let whole = 0;

  const tooMany = () => new CsvError(recordLine, `a record has more than ${count(maxFields)} fields`);
  const endField = () => {
    if (fields === maxFields) throw tooMany();
    fields++;
    fieldChars = 0;
  };
  const checkLength = () => {
    if (fieldChars > MAX_FIELD_CHARS) throw new CsvError(recordLine, `a field runs past ${count(MAX_FIELD_CHARS)} characters (a quote never closed?)`);
    if (recordChars > MAX_RECORD_CHARS) throw new CsvError(recordLine, `a record runs past ${count(MAX_RECORD_CHARS)} characters`);
  };
  const begin = () => {
    if (inRecord) return;
    inRecord = true;
    flawed = false;
    recordLine = line;
    onRecord(line);
  };

  function push(text: string): string {
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
    let out = '';
    whole = 0;
    /** Where the text not yet copied to `out` starts. */
    let from = i;
    /** A record ends (or a blank line is dropped) at `text[i]`, a CR or LF outside quotes. */
    const endLine = (c: number) => {
      if (inRecord) {
        endField();
        out += text.slice(from, i) + '\n';
        whole = out.length;
      }
      inRecord = false;
      fields = recordChars = fieldChars = 0;
      state = START;
      line++;
      i++;
      if (c === CR) {
        if (i < n) {
          if (text.charCodeAt(i) === LF) i++;
        } else afterCr = true;
      }
      from = i;
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (state) {
        case START:
        case UNQUOTED:
          if (c === LF || c === CR) {
            endLine(c);
            continue;
          }
          begin();
          recordChars++;
          if (c === DELIMITER) {
            endField();
            state = START;
          } else {
            fieldChars++;
            if (state === START) state = c === QUOTE ? QUOTED : UNQUOTED;
          }
          if (recordChars > MAX_RECORD_CHARS || fieldChars > MAX_FIELD_CHARS) checkLength();
          i++;
          continue;
        case QUOTED: {
          // A long run without quotes is skipped in one step.
          const q = text.indexOf('"', i);
          const to = q < 0 ? n : q;
          for (let j = text.indexOf('\n', i); j >= 0 && j < to; j = text.indexOf('\n', j + 1)) line++;
          const run = to - i + (q < 0 ? 0 : 1);
          recordChars += run;
          fieldChars += run;
          checkLength();
          if (q >= 0) state = QUOTE_IN_QUOTED;
          i = q < 0 ? n : q + 1;
          continue;
        }
        case QUOTE_IN_QUOTED:
          if (c === LF || c === CR) {
            endLine(c);
            continue;
          }
          recordChars++;
          if (c === DELIMITER) {
            endField();
            state = START;
          } else if (c === QUOTE) {
            // `""` is a quote, and the field goes on quoted.
            fieldChars++;
            state = QUOTED;
          } else {
            // Anything else goes on as unquoted text.
            fieldChars++;
            state = UNQUOTED;
            if (!flawed && onTextAfterQuote) {
              flawed = true;
              onTextAfterQuote();
            }
          }
          checkLength();
          i++;
          continue;
      }
    }
    return out + text.slice(from, n);
  }

  function end(): string {
    const last = inRecord && state !== QUOTED;
    if (inRecord) endField();
    return last ? '\n' : '';
  }

  return {
    push,
    end,
    get openQuote() {
      return state === QUOTED;
    },
    get whole() {
      return whole;
    },
  };
}
