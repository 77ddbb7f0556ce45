import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './safe-url';

const SAFE: [string, string][] = [
  ['https absolute', 'https://shop.test/p/x'],
  ['http absolute', 'http://shop.test/p/x'],
  ['upper-case scheme', 'HTTPS://shop.test/p/x'],
  ['mixed-case scheme', 'HtTp://shop.test/'],
  ['protocol-relative', '//cdn.shop.test/img/x.jpg'],
  ['root-relative path', '/p/x'],
  ['relative path', 'p/x'],
  ['dot-relative path', './x'],
  ['parent-relative path', '../x'],
  ['query only', '?q=1'],
  ['fragment only', '#h'],
  ['colon after a slash', '/javascript:alert(1)'],
  ['colon after a path segment', 'p/x:y'],
  ['colon in the query', '?next=javascript:alert(1)'],
  ['colon in the fragment', '#javascript:alert(1)'],
  ['percent-encoded scheme letter', '%6Aavascript:alert(1)'],
  ['percent-encoded colon', 'javascript%3Aalert(1)'],
  ['space inside the would-be scheme', 'java script:alert(1)'],
  ['non-ASCII letter in the would-be scheme', 'ſcript:alert(1)'],
  ['full-width letters', 'ｊａｖａｓｃｒｉｐｔ:alert(1)'],
  ['inner space', '/p/blue shirt'],
  ['unicode path', '/produits/été'],
  ['http with no slashes', 'http:shop.test/x'],
];

const UNSAFE: [string, string][] = [
  ['empty string', ''],
  ['javascript:', 'javascript:alert(1)'],
  ['JAVASCRIPT:', 'JAVASCRIPT:alert(1)'],
  ['JaVaScRiPt:', 'JaVaScRiPt:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['DATA: image', 'DATA:image/svg+xml;base64,PHN2Zz4='],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['file:', 'file:///etc/passwd'],
  ['ftp:', 'ftp://shop.test/x'],
  ['blob:', 'blob:https://shop.test/uuid'],
  ['mailto:', 'mailto:a@b.test'],
  ['custom scheme', 'my-app+x.y:open'],
  ['host:port looks like a scheme', 'localhost:8080/p/x'],
  ['https lookalike scheme', 'https-evil:x'],
  ['httpx scheme', 'httpx://shop.test'],
  ['tab inside the scheme', 'java\tscript:alert(1)'],
  ['newline inside the scheme', 'java\nscript:alert(1)'],
  ['carriage return inside the scheme', 'java\rscript:alert(1)'],
  ['tab inside a safe URL', '/p/\tx'],
  ['leading U+0001', '\u0001javascript:alert(1)'],
  ['leading NUL', '\0javascript:alert(1)'],
  ['trailing U+001F', '/p/x\u001f'],
  ['DEL inside', '/p/\u007fx'],
  ['leading space', ' javascript:alert(1)'],
  ['leading space on a safe URL', ' /p/x'],
  ['trailing space', '/p/x '],
  ['leading newline', '\nhttps://shop.test/'],
  ['leading no-break space', '\u00a0javascript:alert(1)'],
  ['leading BOM', '\ufeffjavascript:alert(1)'],
  ['only whitespace', '   '],
];

describe('isSafeUrl', () => {
  it.each(SAFE)('accepts %s', (_, url) => expect(isSafeUrl(url)).toBe(true));
  it.each(UNSAFE)('rejects %s', (_, url) => expect(isSafeUrl(url)).toBe(false));

  it('rejects non-strings instead of throwing', () => {
    for (const v of [undefined, null, 42, {}, [], Symbol('x')]) expect(isSafeUrl(v as unknown as string)).toBe(false);
  });
});

/** What a browser would navigate to: the WHATWG parser's scheme, or null when it fails. */
function resolvedScheme(url: string): string | null {
  try {
    return new URL(url, 'https://shop.test/p/').protocol;
  } catch {
    return null;
  }
}

describe('isSafeUrl agrees with the WHATWG URL parser', () => {
  it.each(SAFE)('%s resolves to http(s)', (_, url) => expect(['http:', 'https:']).toContain(resolvedScheme(url)));

  it('never accepts a string that resolves to another scheme (fuzzed)', () => {
    const parts = ['javascript', 'JaVa', 'script', 'data', 'http', 's', ':', '/', '\\', ' ', '\t', '\n', '\u0000',
      '\u0001', '\u007f', '\u00a0', '%0a', '&colon;', 'alert(1)', '.', '+', '-', '?', '#', 'a', '1'];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 20000; i++) {
      let s = '';
      for (let j = rand(8); j >= 0; j--) s += parts[rand(parts.length)];
      if (isSafeUrl(s)) expect([null, 'http:', 'https:'], JSON.stringify(s)).toContain(resolvedScheme(s));
    }
  });
});
