/**
 * Where JSON text first breaks the grammar (RFC 8259, what JSON.parse accepts) and what was
 * expected there, in words, for `offerwise validate`. JSON.parse's own messages differ between
 * Node versions and some carry no position at all (`Unexpected token '}', "…" is not valid
 * JSON`, `Unexpected end of JSON input`), so the text is scanned again once JSON.parse has
 * refused it. Iterative (a deep nesting needs no call stack) and O(text).
 */

/** The first syntax error: its offset in `text`, its line and column (1-based), and what is wrong. */
export interface JsonError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

/** What the scanner waits for next. */
type Want = 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-}' | 'value-or-]' | 'comma-or-]' | 'end';

const EXPECTED: Record<Want, string> = {
  value: 'a value',
  'key-or-end': 'a property name in double quotes or "}"',
  key: 'a property name in double quotes',
  colon: '":" after the property name',
  'comma-or-}': '"," or "}"',
  'value-or-]': 'a value or "]"',
  'comma-or-]': '"," or "]"',
  end: 'the end of the file',
};

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** `undefined` when `text` is valid JSON. */
export function locateJsonError(text: string): JsonError | undefined {
  const at = (offset: number, message: string): JsonError => ({ offset, ...lineColumn(text, offset), message });
  /** The open `{` and `[`, innermost last, with their offsets. */
  const open: { char: '{' | '['; offset: number }[] = [];
  let want: Want = 'value';
  let i = 0;
  const n = text.length;
  /** After a complete value: what the enclosing container (or the document) takes next. */
  const afterValue = (): Want => (open.length === 0 ? 'end' : open[open.length - 1]!.char === '{' ? 'comma-or-}' : 'comma-or-]');

  for (;;) {
    while (isSpace(text[i])) i++;
    if (i >= n) {
      if (want === 'end') return undefined;
      const inner = open[open.length - 1];
      if (!inner) return at(i, /\S/.test(text) ? `unexpected end of file, expected ${EXPECTED[want]}` : 'the file is empty');
      return at(i, `unexpected end of file: the "${inner.char}" at ${where(text, inner.offset)} is not closed`);
    }
    const c = text[i]!;
    const unexpected = (expected = EXPECTED[want]) => at(i, `expected ${expected}, got ${shown(text, i)}${c === '/' ? ' (JSON has no comments)' : ''}`);

    if (want === 'colon') {
      if (c !== ':') return unexpected();
      i++;
      want = 'value';
      continue;
    }
    if (want === 'comma-or-}' || want === 'comma-or-]') {
      const close: '}' | ']' = want === 'comma-or-}' ? '}' : ']';
      if (c === close) {
        open.pop();
        i++;
        want = afterValue();
      } else if (c === ',') {
        const comma = i++;
        while (isSpace(text[i])) i++;
        if (text[i] === close) return at(comma, `trailing comma before "${close}"`);
        want = close === '}' ? 'key' : 'value';
      } else return unexpected();
      continue;
    }
    if (want === 'end') return unexpected();
    if (want === 'key' || want === 'key-or-end') {
      if (c === '}' && want === 'key-or-end') {
        open.pop();
        i++;
        want = afterValue();
        continue;
      }
      if (c !== '"') return unexpected();
      const end = scanString(text, i);
      if (typeof end != 'number') return at(end.offset, end.message);
      i = end;
      want = 'colon';
      continue;
    }
    // want: 'value' or 'value-or-]'
    if (c === ']' && want === 'value-or-]') {
      open.pop();
      i++;
      want = afterValue();
      continue;
    }
    if (c === '{' || c === '[') {
      open.push({ char: c, offset: i++ });
      want = c === '{' ? 'key-or-end' : 'value-or-]';
      continue;
    }
    let end: number | { offset: number; message: string };
    if (c === '"') end = scanString(text, i);
    else if (c === '-' || isDigit(c)) end = scanNumber(text, i);
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) return unexpected();
      end = i + word.length;
    }
    if (typeof end != 'number') return at(end.offset, end.message);
    i = end;
    want = afterValue();
  }
}

/** The end of the string that starts at `start` (a `"`), or its first error. */
function scanString(text: string, start: number): number | { offset: number; message: string } {
  const starts = `the string that starts at ${where(text, start)}`;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: `expected 4 hex digits after "\\u" in ${starts}` };
        i += 5;
      } else if (e !== undefined && ESCAPES.has(e)) i++;
      else if (e === undefined) break;
      else return { offset: i, message: `bad escape ${JSON.stringify('\\' + e)} in ${starts} (write "\\\\" for a backslash)` };
    } else if (c < ' ') {
      const what = c === '\n' || c === '\r' ? 'a line break' : c === '\t' ? 'a tab' : `control character ${codePoint(c)}`;
      return { offset: i, message: `${what} inside ${starts} (write it escaped, as ${JSON.stringify(c).slice(1, -1)})` };
    }
  }
  return { offset: text.length, message: `unexpected end of file inside ${starts}` };
}

/** The end of the number that starts at `start` (a `-` or a digit), or its first error. */
function scanNumber(text: string, start: number): number | { offset: number; message: string } {
  let i = start;
  if (text[i] === '-') i++;
  if (!isDigit(text[i])) return { offset: i, message: `expected a digit after "-", got ${shown(text, i)}` };
  if (text[i] === '0' && isDigit(text[i + 1])) return { offset: i, message: 'a number may not start with 0 followed by digits' };
  while (isDigit(text[i])) i++;
  if (text[i] === '.') {
    i++;
    if (!isDigit(text[i])) return { offset: i, message: `expected a digit after ".", got ${shown(text, i)}` };
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return { offset: i, message: `expected a digit in the exponent, got ${shown(text, i)}` };
    while (isDigit(text[i])) i++;
  }
  return i;
}

/**
 * What stands at `i`, quoted: a whole word (`"undefined"`, `"NaN"`, cut at 20 characters) or
 * one character; an invisible one as its code point (`U+00A0`); the end as `the end of the file`.
 */
function shown(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const word = /^[\p{L}\p{N}_$.+-]+/u.exec(text.slice(i, i + 21))?.[0];
  if (word && word.length > 1) return JSON.stringify(word.length > 20 ? word.slice(0, 20) + '…' : word);
  const c = String.fromCodePoint(text.codePointAt(i)!);
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? JSON.stringify(c) : codePoint(c);
}

const codePoint = (c: string) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/**
 * The 1-based line and column of `offset`. A line ends at `\n`, `\r\n` or a lone `\r` (as
 * editors count them); columns count characters (code points), as editors show them.
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  let column = 1;
  for (let i = start; i < offset && i < text.length; i++) {
    column++;
    // A surrogate pair is one character.
    const high = text.charCodeAt(i) >> 10 === 0x36; // 0xD800–0xDBFF
    if (high && i + 1 < offset && text.charCodeAt(i + 1) >> 10 === 0x37) i++; // 0xDC00–0xDFFF
  }
  return { line, column };
}

const where = (text: string, offset: number) => {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
};
