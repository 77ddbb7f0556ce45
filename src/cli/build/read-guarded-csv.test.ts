import { describe, expect, it } from 'vitest';
import { createCsvGuard, CsvError, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_CHARS } from './csv-guard';
import { createGuardedCsvParser, parseGuardedCsv, type GuardedCsvOptions } from './read-guarded-csv';

/** Records as `[line, ...fields]`, or `[line, '!why']` for one that comes through `onBad`. */
const rows = (records: Awaited<ReturnType<typeof parseGuardedCsv>>) => records.map((r) => [r.line, ...r.fields, ...(r.bad ? [`!${r.bad}`] : [])]);

/** How products.csv, links.csv and orders.csv are read (read-csv-table.ts). */
const PLAIN: GuardedCsvOptions = { strictQuotes: true };

const TEXT_AFTER_QUOTE = 'text after a closing quote marks the record';

/** Texts, and the records the plain files are read as: fields and the line each starts on. */
const CASES: [name: string, text: string, expected: (string | number)[][]][] = [
  ['plain fields, LF', 'a,b\n1,2\n', [[1, 'a', 'b'], [2, '1', '2']]],
  ['no newline at the end', 'a,b\n1,2', [[1, 'a', 'b'], [2, '1', '2']]],
  ['CRLF', 'a,b\r\n1,2\r\n', [[1, 'a', 'b'], [2, '1', '2']]],
  ['a lone CR (old Mac exports)', 'a,b\r1,2\r', [[1, 'a', 'b'], [2, '1', '2']]],
  ['CRLF, LF and CR mixed', 'a,b\r\n1,2\n3,4\r5,6\r\n', [[1, 'a', 'b'], [2, '1', '2'], [3, '3', '4'], [4, '5', '6']]],
  ['a UTF-8 BOM is dropped', '\ufeffid,title\nx,y\n', [[1, 'id', 'title'], [2, 'x', 'y']]],
  ['a BOM later is data', 'a\n\ufeffb\n', [[1, 'a'], [2, '\ufeffb']]],
  ['quoted fields', '"a","b c"\n', [[1, 'a', 'b c']]],
  ['a comma inside quotes', '"Case, rugged",29\n', [[1, 'Case, rugged', '29']]],
  ['escaped quotes', '"5"" screen","say ""hi"""\n', [[1, '5" screen', 'say "hi"']]],
  ['fields that are all quotes', '""""\n"""a"""\n', [[1, '"'], [2, '"a"']]],
  ['newlines inside quotes, and the line numbers after them', 'id,t\n1,"two\nlines"\n2,"crlf\r\ninside"\n3,x\n', [
    [1, 'id', 't'],
    [2, '1', 'two\nlines'],
    [4, '2', 'crlf\r\ninside'],
    [6, '3', 'x'],
  ]],
  ['empty cells', 'a,,c\n,,\n', [[1, 'a', '', 'c'], [2, '', '', '']]],
  ['a trailing comma is an empty last field', 'a,b,\n', [[1, 'a', 'b', '']]],
  ['a quoted empty field is a record', '""\n', [[1, '']]],
  ['a quoted empty field between rows is a record', 'a\n""\nb\n', [[1, 'a'], [2, ''], [3, 'b']]],
  ['blank lines are no records but keep their line numbers', 'a\n\n\r\nb\n\n\nc', [[1, 'a'], [4, 'b'], [7, 'c']]],
  ['ragged rows come as they are', 'a,b,c\n1,2\n1,2,3,4\n', [[1, 'a', 'b', 'c'], [2, '1', '2'], [3, '1', '2', '3', '4']]],
  ['a quote inside an unquoted field is text', '5" screen,x\n', [[1, '5" screen', 'x']]],
  ['spaces are data (a line of one space is a record)', ' a , b \n \n', [[1, ' a ', ' b '], [2, ' ']]],
  [TEXT_AFTER_QUOTE, '"a"b,c\nd\n', [[1, '!text after a closing quote'], [2, 'd']]],
  ['a quote never closed marks the last record', 'a\n"b,c\nd', [[1, 'a'], [2, '!a quoted field is never closed']]],
  ['non-ASCII text', 'id,title\nk,"Kaffee – Bohnen ☕"\n😀,"日本語\nテキスト"\n', [[1, 'id', 'title'], [2, 'k', 'Kaffee – Bohnen ☕'], [3, '😀', '日本語\nテキスト']]],
  ['empty input', '', []],
];

describe('csv-parse behind the guard (RFC 4180)', () => {
  it.each(CASES)('%s', async (_, text, expected) => {
    expect(rows(await parseGuardedCsv(text, ',', undefined, PLAIN))).toEqual(expected);
  });

  it.each(CASES)('%s: the same records whatever the pieces the text comes in', async (_, text, expected) => {
    for (const size of [1, 2, 3, 5, 7]) expect(rows(await parseGuardedCsv(text, ',', size, PLAIN)), `pieces of ${size}`).toEqual(expected);
  });

  it.each(CASES.filter(([name]) => name !== TEXT_AFTER_QUOTE))('%s: the same without strictQuotes (the exports)', async (_, text, expected) => {
    for (const size of [text.length || 1, 1, 3]) expect(rows(await parseGuardedCsv(text, ',', size)), `pieces of ${size}`).toEqual(expected);
  });

  it('without strictQuotes (the exports), reads text after a closing quote as text, and goes on with the next record', async () => {
    expect(await parseGuardedCsv('"a"b,c\nd\n')).toEqual([
      { line: 1, fields: ['"a"b', 'c'] },
      { line: 2, fields: ['d'] },
    ]);
  });

  it('with strictQuotes, reports text after a closing quote once per record, before a quote never closed', async () => {
    expect(rows(await parseGuardedCsv('"a"b,"c"d\n"e" ,f\n"g"h,"i\nj', ',', undefined, PLAIN))).toEqual([
      [1, '!text after a closing quote'],
      [2, '!text after a closing quote'],
      [3, '!text after a closing quote'],
    ]);
  });

  it('with strictQuotes, names the right records among many thousands', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 997 === 5 ? `"${i}"x,y` : `${i},y`));
    const records = await parseGuardedCsv(lines.join('\r\n'), ',', 4096, PLAIN);
    expect(records).toHaveLength(20_000);
    expect(records.filter((r) => r.bad).map((r) => r.line)).toEqual(lines.flatMap((l, i) => (l.includes('"') ? [i + 1] : [])));
    expect(records[19_999]).toEqual({ line: 20_000, fields: ['19999', 'y'] });
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
    const [header, row] = await parseGuardedCsv('a\n' + ','.repeat(MAX_FIELDS - 1) + '\n');
    expect(header!.fields).toEqual(['a']);
    expect(row!.fields).toHaveLength(MAX_FIELDS);
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
    expect(lines).toEqual([1, 2]);
  });

  it('stops while the row streams in: it never waits for the row to end', () => {
    // 30,000 pieces of 1,000 commas (30 million fields, were they all read): it stops in the second.
    function* commas() {
      yield 'h\n';
      for (let i = 0; i < 30_000; i++) yield ','.repeat(1000);
    }
    const { error, pushed } = guardUntilThrown(commas());
    expect(error.line).toBe(2);
    expect(pushed).toBe(3);
  });

  it('stops at a record whose fields together pass MAX_RECORD_CHARS, each field under MAX_FIELD_CHARS', () => {
    const field = 'x'.repeat(MAX_FIELD_CHARS - 1);
    const fields = Math.floor(MAX_RECORD_CHARS / MAX_FIELD_CHARS) + 1;
    const { error, pushed } = guardUntilThrown(['a\nb\n', ...Array.from({ length: fields + 5 }, () => field + ',')]);
    expect([error.line, error.message]).toEqual([3, `a record runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters`]);
    // Characters count as they stand, commas too: each piece is MAX_FIELD_CHARS of them.
    expect(pushed).toBe(fields + 1);
  });

  it('stops at a quote never closed once the field passes MAX_FIELD_CHARS, naming its line', () => {
    const { error } = guardUntilThrown(['a\nb\n"', 'x'.repeat(MAX_FIELD_CHARS + 1)]);
    expect(error).toBeInstanceOf(CsvError);
    expect([error.line, error.message]).toEqual([3, `a field runs past ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters (a quote never closed?)`]);
  });
});
