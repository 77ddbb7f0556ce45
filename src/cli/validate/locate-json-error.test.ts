import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, locateJsonError } from './locate-json-error';

/** `line:column message`, for short expectations. */
const located = (text: string) => {
  const e = locateJsonError(text);
  return e && `${e.line}:${e.column} ${e.message}`;
};

describe('locateJsonError', () => {
  it.each([
    ['a truncated catalog', '{"version": 1, "products": [', '1:29 unexpected end of file: the "[" at line 1, column 28 is not closed'],
    ['a missing comma, on its line', '{\n  "a": 1\n  "b": 2\n}', '3:3 expected "," or "}", got "\\""'],
    ['a missing value', '{"a":}', '1:6 expected a value, got "}"'],
    ['a trailing comma, at the comma', '{"a": [1, 2,\n ]}', '1:12 trailing comma before "]"'],
    ['a trailing comma in an object', '{"a": 1,}', '1:8 trailing comma before "}"'],
    ['single quotes', "{'a': 1}", '1:2 expected a property name in double quotes or "}", got "\'"'],
    ['a bare word', '{"a": undefined}', '1:7 expected a value, got "undefined"'],
    ['a misspelt literal', '{"a": tru}', '1:7 expected a value, got "tru"'],
    ['a comment', '{\n  // products\n}', '2:3 expected a property name in double quotes or "}", got "/" (JSON has no comments)'],
    ['a missing colon', '{"a" 1}', '1:6 expected ":" after the property name, got "1"'],
    ['text after the value', '{"a": 1}}', '1:9 expected the end of the file, got "}"'],
    ['a line break in a string', '{"a": "x\ny"}', '1:9 a line break inside the string that starts at line 1, column 7 (write it escaped, as \\n)'],
    ['a bad escape', '{"a": "C:\\dir"}', '1:10 bad escape "\\\\d" in the string that starts at line 1, column 7 (write "\\\\" for a backslash)'],
    ['a short \\u escape', '["\\u12"]', '1:3 expected 4 hex digits after "\\u" in the string that starts at line 1, column 2'],
    ['an unclosed string', '{"a": "b', '1:9 unexpected end of file inside the string that starts at line 1, column 7'],
    ['a leading zero', '[012]', '1:2 a number may not start with 0 followed by digits'],
    ['a bare minus', '[-]', '1:3 expected a digit after "-", got "]"'],
    ['a bare decimal point', '[1.]', '1:4 expected a digit after ".", got "]"'],
    ['an empty exponent', '[1e]', '1:4 expected a digit in the exponent, got "]"'],
    ['NaN', '{"a": NaN}', '1:7 expected a value, got "NaN"'],
    ['a no-break space', '{"a":\u00A01}', '1:6 expected a value, got U+00A0'],
    ['an empty file', '', '1:1 the file is empty'],
    ['a blank file', ' \n\t', '2:2 the file is empty'],
  ])('names %s by line and column', (_, text, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(located(text)).toBe(expected);
  });

  it('finds nothing wrong in valid JSON, deep or not', () => {
    for (const text of ['{}', '[]', ' 1 ', '"x"', 'null', '-0.5e+3', '{"a":[{"b":"\\u00e9\\n"}, true, false, null]}', '['.repeat(5000) + ']'.repeat(5000)])
      expect(locateJsonError(text), text).toBeUndefined();
  });

  it('agrees with JSON.parse on what is valid, for any text near JSON (fast-check)', () => {
    const nearJson = fc
      .tuple(fc.json(), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', ':', '0', '-', '.', 'e', ' ', '\n', '{', '[')), { maxLength: 3 }))
      .map(([text, edits]) => edits.reduce((t, [at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice((at % (t.length + 1)) + (s ? 0 : 1)), text));
    fc.assert(
      fc.property(nearJson, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('lineColumn', () => {
  it('counts \\n, \\r\\n and a lone \\r as line ends, and a surrogate pair as one column', () => {
    const text = 'a\r\nb\rc\n😀x';
    expect(lineColumn(text, text.indexOf('b'))).toEqual({ line: 2, column: 1 });
    expect(lineColumn(text, text.indexOf('c'))).toEqual({ line: 3, column: 1 });
    expect(lineColumn(text, text.indexOf('x'))).toEqual({ line: 4, column: 2 });
  });
});
