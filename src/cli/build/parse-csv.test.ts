import { describe, expect, it } from 'vitest';
import { createCsvParser, CsvError, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS, parseCsv, type CsvRecord } from './parse-csv';

/** Records as `[line, ...fields]`, with `!error` appended for a malformed one. */
const rows = (records: CsvRecord[]) => records.map((r) => [r.line, ...r.fields, ...(r.error ? [`!${r.error}`] : [])]);

/** The same text fed in pieces of `size` characters. */
function parseInPieces(text: string, size: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  const parser = createCsvParser((r) => out.push(r));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
  return out;
}

const CASES: [name: string, text: string, expected: (string | number)[][]][] = [
  ['plain fields, LF', 'a,b\n1,2\n', [[1, 'a', 'b'], [2, '1', '2']]],
  ['no newline at the end', 'a,b\n1,2', [[1, 'a', 'b'], [2, '1', '2']]],
  ['CRLF', 'a,b\r\n1,2\r\n', [[1, 'a', 'b'], [2, '1', '2']]],
  ['a lone CR (old Mac exports)', 'a,b\r1,2\r', [[1, 'a', 'b'], [2, '1', '2']]],
  ['a UTF-8 BOM is dropped', '\ufeffid,title\nx,y\n', [[1, 'id', 'title'], [2, 'x', 'y']]],
  ['a BOM later is data', 'a\n\ufeffb\n', [[1, 'a'], [2, '\ufeffb']]],
  ['quoted fields', '"a","b c"\n', [[1, 'a', 'b c']]],
  ['a comma inside quotes', '"Case, rugged",29\n', [[1, 'Case, rugged', '29']]],
  ['escaped quotes', '"5"" screen","say ""hi"""\n', [[1, '5" screen', 'say "hi"']]],
  ['a quote alone ("")', '""""\n', [[1, '"']]],
  ['newlines inside quotes, and the line numbers after them', 'id,t\n1,"two\nlines"\n2,"crlf\r\ninside"\n3,x\n', [
    [1, 'id', 't'],
    [2, '1', 'two\nlines'],
    [4, '2', 'crlf\r\ninside'],
    [6, '3', 'x'],
  ]],
  ['empty cells', 'a,,c\n,,\n', [[1, 'a', '', 'c'], [2, '', '', '']]],
  ['a trailing comma is an empty last field', 'a,b,\n', [[1, 'a', 'b', '']]],
  ['a quoted empty field is a record', '""\n', [[1, '']]],
  ['blank lines are no records but keep their line numbers', 'a\n\n\r\nb\n', [[1, 'a'], [4, 'b']]],
  ['ragged rows come as they are', 'a,b,c\n1,2\n1,2,3,4\n', [[1, 'a', 'b', 'c'], [2, '1', '2'], [3, '1', '2', '3', '4']]],
  ['a quote inside an unquoted field is text', '5" screen,x\n', [[1, '5" screen', 'x']]],
  ['spaces are data', ' a , b \n', [[1, ' a ', ' b ']]],
  ['text after a closing quote marks the record', '"a"b,c\nd\n', [[1, 'ab', 'c', '!text after a closing quote'], [2, 'd']]],
  ['a quote never closed marks the last record', 'a\n"b,c\nd', [[1, 'a'], [2, 'b,c\nd', '!a quoted field is never closed']]],
  ['non-ASCII text', 'id,title\nk,"Kaffee – Bohnen ☕"\n', [[1, 'id', 'title'], [2, 'k', 'Kaffee – Bohnen ☕']]],
  ['empty input', '', []],
];

describe('parseCsv (RFC 4180)', () => {
  it.each(CASES)('%s', (_, text, expected) => {
    expect(rows(parseCsv(text))).toEqual(expected);
  });

  it.each(CASES)('%s: the same records whatever the pieces the text comes in', (_, text) => {
    const whole = rows(parseCsv(text));
    for (const size of [1, 2, 3, 5]) expect(rows(parseInPieces(text, size)), `pieces of ${size}`).toEqual(whole);
  });

  it('stops at a field longer than MAX_FIELD_CHARS (a quote never closed), naming its line', () => {
    const parser = createCsvParser(() => {});
    parser.push('a\nb\n"');
    let error: unknown;
    try {
      parser.push('x'.repeat(MAX_FIELD_CHARS + 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).line).toBe(3);
  });

  /** What `push`ing `pieces` (lazily, one at a time) throws, and how many pieces it took. */
  function pushUntilThrown(pieces: Iterable<string>) {
    const records: CsvRecord[] = [];
    const parser = createCsvParser((r) => records.push(r));
    let pushed = 0;
    try {
      for (const piece of pieces) {
        pushed++;
        parser.push(piece);
      }
      parser.end();
    } catch (e) {
      return { error: e as CsvError, pushed, records };
    }
    throw new Error('nothing thrown');
  }

  it('takes a record of exactly MAX_FIELDS fields', () => {
    const [header, row] = parseCsv('a\n' + ','.repeat(MAX_FIELDS - 1) + '\n');
    expect(header!.fields).toEqual(['a']);
    expect(row!.fields).toHaveLength(MAX_FIELDS);
  });

  it('stops a row of 30 million commas at MAX_FIELDS + 1 fields, naming its line', () => {
    const started = performance.now();
    const { error, records } = pushUntilThrown(['id,title\n"x"\n', 'a' + ','.repeat(30_000_000) + '\n', 'b,c\n']);
    expect(error).toBeInstanceOf(CsvError);
    expect([error.line, error.message]).toEqual([3, `a record has more than ${MAX_FIELDS.toLocaleString('en-US')} fields`]);
    expect(records.map((r) => r.line)).toEqual([1, 2]); // the long row never reached the caller
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops while the row streams in: it never waits for the row to end', () => {
    // 30,000 pieces of 1,000 commas (30 million fields, were they all read): it stops in the second.
    function* commas() {
      yield 'h\n';
      for (let i = 0; i < 30_000; i++) yield ','.repeat(1000);
    }
    const { error, pushed } = pushUntilThrown(commas());
    expect(error.line).toBe(2);
    expect(pushed).toBe(3);
  });

  it('stops at a record whose fields together pass MAX_RECORD_CHARS, each field under MAX_FIELD_CHARS', () => {
    const field = 'x'.repeat(MAX_FIELD_CHARS);
    const fields = Math.floor(MAX_RECORD_CHARS / MAX_FIELD_CHARS) + 1;
    const { error, pushed } = pushUntilThrown(['a\nb\n', ...Array.from({ length: fields + 5 }, () => field + ',')]);
    expect([error.line, error.message]).toEqual([3, `a record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters`]);
    expect(pushed).toBe(fields + 1);
  });
});
