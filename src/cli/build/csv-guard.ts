import { CsvError, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS } from './parse-csv';

/**
 * What stands in front of csv-parse (read-guarded-csv.ts): the caps of parse-csv.ts, applied
 * to the text before the parser sees any of it.
 *
 * csv-parse's own `max_record_size` counts characters, so a record of 30 million empty fields
 * (30 MB of commas) passes it, and the parser builds an array of 30 million strings (1.68 GB)
 * before anyone can count them. The guard counts fields, record and field characters while
 * the text streams by, holding no field, and throws `CsvError` (naming the record's line) as
 * soon as a record passes `MAX_FIELDS`, `MAX_RECORD_CHARS` or `MAX_FIELD_CHARS`: the chunk that
 * passes the cap is never handed on.
 *
 * It reads quotes exactly as csv-parse does with `relax_quotes` (and as parse-csv.ts does): a
 * `"` opens a quoted field only at the field's start, `""` inside one is a quote, a quote that
 * closes too early (`"a"b`) continues the field as unquoted text, and a `"` inside an
 * unquoted field is text. So both agree on where every record ends, and the guard can also:
 * - tell the line each record starts on (`onRecord`), which csv-parse's `info.lines` gets
 *   wrong around CRLF inside quotes and blank lines;
 * - hand on the text with every record ended by one `\n` and blank lines dropped (CRLF, LF
 *   and lone CR outside quotes all end a record; inside quotes nothing is changed), so the
 *   parser runs with `record_delimiter: '\n'` and records match the guard's one for one;
 * - drop a UTF-8 byte-order mark at the very start.
 *
 * Line numbers count as parse-csv.ts counts them: every CR, LF or CRLF outside quotes and
 * every LF inside them.
 */
export interface CsvGuard {
  /** Check the next piece of text (split anywhere); returns the text to hand on. Throws `CsvError`. */
  push(text: string): string;
  /** The input is over: what is left to hand on (a final `\n`, when the last line had none). */
  end(): string;
  /** Whether the input ended inside a quoted field (csv-parse then skips that last record). */
  readonly openQuote: boolean;
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

/** `onRecord(line)` is called once per record, in order, when its first character is read. */
export function createCsvGuard(delimiter: ',' | '\t', onRecord: (line: number) => void): CsvGuard {
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

  const tooMany = () => new CsvError(recordLine, `a record has more than ${count(MAX_FIELDS)} fields`);
  const endField = () => {
    if (fields === MAX_FIELDS) throw tooMany();
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
    /** Where the text not yet copied to `out` starts. */
    let from = i;
    /** A record ends (or a blank line is dropped) at `text[i]`, a CR or LF outside quotes. */
    const endLine = (c: number) => {
      if (inRecord) {
        endField();
        out += text.slice(from, i) + '\n';
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
          } else {
            fieldChars++;
            // `""` is a quote and the field goes on quoted; anything else, as unquoted text.
            state = c === QUOTE ? QUOTED : UNQUOTED;
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
  };
}
