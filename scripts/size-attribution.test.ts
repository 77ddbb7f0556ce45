import { SourceMapConsumer, SourceMapGenerator } from 'source-map-js';
import { describe, expect, it } from 'vitest';
import { attribute, charsBySource, CSS_GROUP, cssLiterals, groupOf, moduleOf } from './size-attribution.mjs';

/** A map of `code` where each [line, column, source] starts a stretch of that source. */
function consumerOf(marks: Array<[number, number, string | null]>) {
  const map = new SourceMapGenerator({ file: 'offerwise.js' });
  for (const [line, column, source] of marks) {
    if (source) map.addMapping({ generated: { line, column }, original: { line: 1, column: 0 }, source });
    else map.addMapping({ generated: { line, column } });
  }
  return new SourceMapConsumer(JSON.parse(map.toString()));
}

describe('groupOf', () => {
  it.each([
    ['../src/ui/OfferCard.tsx', 'src/ui'],
    ['../src/catalog/parse-catalog.ts', 'src/catalog'],
    ['../src/widget.ts', 'widget + embed (src/widget.ts, embed.ts, main.ts)'],
    ['../src/embed.ts', 'widget + embed (src/widget.ts, embed.ts, main.ts)'],
    ['../src/types.ts', 'src (types.ts)'],
    ['../src/ui/styles.css?inline', 'CSS (src/ui/styles.css)'],
    ['../node_modules/preact/dist/preact.mjs', 'preact'],
    ['../node_modules/preact/hooks/dist/hooks.module.js', 'preact/hooks'],
    ['../node_modules/preact/jsx-runtime/dist/jsxRuntime.mjs', 'preact/jsx-runtime'],
    ['../node_modules/@preact/signals/dist/signals.module.js', '@preact/signals'],
    ['../node_modules/@preact/signals-core/dist/signals-core.mjs', '@preact/signals-core'],
    ['../../../elsewhere/node_modules/preact/dist/preact.mjs', 'preact'],
    ['\0rolldown/runtime.js', '(bundler output: wrapper, helpers)'],
    [null, '(bundler output: wrapper, helpers)'],
  ])('%s → %s', (source, group) => {
    expect(groupOf(source)).toBe(group);
  });

  it('reads sources relative to the map from anywhere', () => {
    expect(groupOf('../../checkout/src/engine/choose.ts', '../tmp/dist')).toBe('src/engine');
    expect(moduleOf('../src/ui/OfferCard.tsx')).toBe('src/ui/OfferCard.tsx');
  });
});

describe('charsBySource', () => {
  it('gives each character to the mapping at or before it, and the start of a line to the wrapper', () => {
    const code = '(()=>{a();b()\nc()})()';
    const consumer = consumerOf([
      [1, 6, 'src/a.ts'],
      [1, 10, 'src/b.ts'],
      [2, 0, 'src/c.ts'],
      [2, 3, null],
    ]);
    const chars = charsBySource(code, consumer);
    expect(chars.get(null)).toBe(6 + (code.length - 14 - 3));
    expect(chars.get('src/a.ts')).toBe(4);
    expect(chars.get('src/b.ts')).toBe(4); // b() and the newline
    expect(chars.get('src/c.ts')).toBe(3);
    expect([...chars.values()].reduce((s, n) => s + n, 0)).toBe(code.length);
  });

  it('puts an inlined stylesheet to CSS, not to the module that imports it', () => {
    const css = `:host{all:initial;display:block}${'.card{color:red;padding:4px}'.repeat(10)}`;
    const code = `const s=new CSSStyleSheet;s.replaceSync("${css}");x("a")`;
    const chars = charsBySource(code, consumerOf([[1, 0, 'src/embed.ts']]));
    expect(chars.get(CSS_GROUP)).toBe(css.length);
    expect(chars.get('src/embed.ts')).toBe(code.length - css.length);
  });
});

describe('cssLiterals', () => {
  it('finds long CSS strings only', () => {
    const rules = '.a{color:red}'.repeat(20);
    const code = `x("${'word '.repeat(60)}");y('${rules}');z(/"[^"]*"/g, "short{a:b}")`;
    const found = cssLiterals(code);
    expect(found).toHaveLength(1);
    expect(code.slice(...found[0]!)).toBe(rules);
  });
});

describe('attribute', () => {
  it('scales characters to the gzip size and adds up to it exactly', () => {
    const code = 'a'.repeat(300) + 'b'.repeat(600) + 'c'.repeat(100);
    const rows = attribute(code, consumerOf([[1, 0, '../src/ui/A.tsx'], [1, 300, '../node_modules/preact/dist/preact.mjs'], [1, 900, '../src/ui/B.tsx']]), 101);
    expect(rows.map((r) => r.group)).toEqual(['preact', 'src/ui']);
    expect(rows.map((r) => r.chars)).toEqual([600, 400]);
    expect(rows.reduce((s, r) => s + r.gzip, 0)).toBe(101);
    expect(rows[0]!.gzip).toBeGreaterThanOrEqual(60);
  });

  it('can list modules instead of groups', () => {
    const rows = attribute('aabb', consumerOf([[1, 0, '../src/ui/A.tsx'], [1, 2, '../src/ui/B.tsx']]), 10, { by: moduleOf });
    expect(rows.map((r) => [r.group, r.gzip])).toEqual([['src/ui/A.tsx', 5], ['src/ui/B.tsx', 5]]);
  });
});
