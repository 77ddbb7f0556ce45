import { describe, expect, it } from 'vitest';
import { createCsvGuard } from './csv-guard';
import { CsvError, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS, parseCsv } from './parse-csv';
import { createGuardedCsvParser, parseGuardedCsv } from './read-guarded-csv';

/** Texts both parsers must read alike: fields and the line each record starts on. */
const SAME: [name: string, text: string][] = [
  ['plain fields, LF', 'a,b\n1,2\n'],
  ['no newline at the end', 'a,b\n1,2'],
  ['CRLF', 'a,b\r\n1,2\r\n'],
  ['a lone CR', 'a,b\r1,2\r'],
  ['CRLF, LF and CR mixed', 'a,b\r\n1,2\n3,4\r5,6\r\n'],
  ['a UTF-8 BOM is dropped', '\ufeffid,title\nx,y\n'],
  ['quoted fields, a comma and quotes inside', '"a","b c"\n"Case, rugged","5"" screen"\n'],
  ['newlines inside quotes, and the line numbers after them', 'id,t\n1,"two\nlines"\n2,"crlf\r\ninside"\n3,x\n'],
  ['empty cells and a trailing comma', 'a,,c\n,,\na,b,\n'],
  ['a quoted empty field is a record', 'a\n""\nb\n'],
  ['blank lines are no records but keep their line numbers', 'a\n\n\r\nb\n\n\nc'],
  ['ragged rows come as they are', 'a,b,c\n1,2\n1,2,3,4\n'],
  ['a quote inside an unquoted field is text', '5" screen,x\n'],
  ['spaces are data', ' a , b \n \n'],
  ['non-ASCII text', 'id,title\nk,"Kaffee – Bohnen ☕"\n😀,"日本語\nテキスト"\n'],
  ['a field that is all quotes', '""""\n"""a"""\n'],
];

const viaHand = (text: string) => parseCsv(text).map((r) => ({ line: r.line, fields: r.fields }));

describe('csv-parse behind the guard', () => {
  it.each(SAME)('%s: the same records and lines as parse-csv.ts', async (_, text) => {
    const expected = viaHand(text);
    for (const size of [text.length || 1, 1, 2, 3, 5, 7]) expect(await parseGuardedCsv(text, ',', size), `pieces of ${size}`).toEqual(expected);
  });

  it('reads text after a closing quote as text, and goes on with the next record', async () => {
    expect(await parseGuardedCsv('"a"b,c\nd\n')).toEqual([
      { line: 1, fields: ['"a"b', 'c'] },
      { line: 2, fields: ['d'] },
    ]);
  });

  it('reports a quote never closed at the end, at the line its record starts', async () => {
    expect(await parseGuardedCsv('a\n"b,c\nd')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [], bad: 'a quoted field is never closed' },
    ]);
  });

  it('reads tab-separated text (Merchant Center TSV), quotes and all', async () => {
    expect(await parseGuardedCsv('id\ttitle\tprice\n1\t22" TV, black\t9.00 USD\n2\t"tab\there"\t1 USD\n', '\t', 4)).toEqual([
      { line: 1, fields: ['id', 'title', 'price'] },
      { line: 2, fields: ['1', '22" TV, black', '9.00 USD'] },
      { line: 3, fields: ['2', 'tab\there', '1 USD'] },
    ]);
  });

  it('rethrows an error of the record handler, and stops', async () => {
    let seen = 0;
    const parser = createGuardedCsvParser(
      ',',
      () => {
        seen++;
        throw new Error('mine');
      },
      () => {},
    );
    await expect(parser.push('a\nb\nc\n')).rejects.toThrow('mine');
    expect(seen).toBe(1);
  });
});

describe('the guard in front of csv-parse', () => {
  /** What pushing `pieces` one at a time throws, how many pieces it took, and what it handed on. */
  function guardUntilThrown(pieces: Iterable<string>) {
    const guard = createCsvGuard(',', () => {});
    let pushed = 0;
    let handedOn = 0;
    try {
      for (const piece of pieces) {
        pushed++;
        handedOn += guard.push(piece).length;
      }
      guard.end();
    } catch (e) {
      return { error: e as CsvError, pushed, handedOn };
    }
    throw new Error('nothing thrown');
  }

  it('takes a record of exactly MAX_FIELDS fields', async () => {
    const records = await parseGuardedCsv('a\n' + ','.repeat(MAX_FIELDS - 1) + '\n');
    expect(records[1]!.fields).toHaveLength(MAX_FIELDS);
  });

  it('stops a row of 30 million commas at MAX_FIELDS + 1 fields before csv-parse sees any of it', async () => {
    const started = performance.now();
    const head = 'id,title\n"x"\n';
    const { error, handedOn } = guardUntilThrown([head, 'a' + ','.repeat(30_000_000) + '\n', 'b,c\n']);
    expect(error).toBeInstanceOf(CsvError);
    expect([error.line, error.message]).toEqual([3, `a record has more than ${MAX_FIELDS.toLocaleString('en-US')} fields`]);
    expect(handedOn).toBe(head.length);
    expect(performance.now() - started).toBeLessThan(2000);
    // And through the parser: the rejection names the line, no record of it comes out.
    const lines: number[] = [];
    const parser = createGuardedCsvParser(',', (_, line) => lines.push(line), () => {});
    await parser.push(head);
    await expect(parser.push('a' + ','.repeat(30_000_000))).rejects.toMatchObject({ line: 3 });
    expect(lines).not.toContain(3); // (csv-parse may hold the last record until more text comes)
  });

  it('stops while the row streams in: it never waits for the row to end', () => {
    function* commas() {
      yield 'h\n';
      for (let i = 0; i < 30_000; i++) yield ','.repeat(1000);
    }
    const { error, pushed } = guardUntilThrown(commas());
    expect(error.line).toBe(2);
    expect(pushed).toBe(3);
  });

  it('stops at a record past MAX_RECORD_CHARS, each field under MAX_FIELD_CHARS', () => {
    const field = 'x'.repeat(MAX_FIELD_CHARS - 1);
    const fields = Math.floor(MAX_RECORD_CHARS / MAX_FIELD_CHARS) + 1;
    const { error, pushed } = guardUntilThrown(['a\nb\n', ...Array.from({ length: fields + 5 }, () => field + ',')]);
    expect([error.line, error.message]).toEqual([3, `a record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters`]);
    expect(pushed).toBeLessThanOrEqual(fields + 2);
  });

  it('stops at a quote never closed once the field passes MAX_FIELD_CHARS', () => {
    const { error } = guardUntilThrown(['a\n"', 'x'.repeat(MAX_FIELD_CHARS + 1)]);
    expect([error.line, error.message]).toEqual([2, `a field runs past ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters (a quote never closed?)`]);
  });
});
