import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { MAX_LISTED_UNLINKED, runValidate } from './run-validate';

type Obj = Record<string, unknown>;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerwise-validate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const p = (id: string, extra: Obj = {}) => ({ id, title: id.toUpperCase(), price: 10, url: `/p/${id}`, ...extra });
const doc = (products: Obj[], links: Obj[] = []) => ({ version: 1, currency: 'USD', products, links });

/** Writes `content` to a temp file and runs `offerwise validate` on it. */
async function validate(name: string, content: unknown) {
  const path = join(dir, name);
  await writeFile(path, typeof content == 'string' ? content : JSON.stringify(content));
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    stdin: Readable.from([]),
  };
  const code = await runValidate([path], io);
  return { code, path, lines: out.stdout.split('\n').filter(Boolean), stderr: out.stderr };
}

describe('offerwise validate', () => {
  it('passes a clean catalog with exit 0 and only the summary', async () => {
    const { code, path, lines, stderr } = await validate('clean.json', doc([p('a'), p('b')], [{ from: 'a', to: 'b', kind: 'cross-sell' }]));
    expect(code).toBe(0);
    expect(lines).toEqual([`${path}: 2 products, 1 link, 0 problems, 0 warnings`]);
    expect(stderr).toBe('');
  });

  it('takes a catalog saved with a UTF-8 byte-order mark', async () => {
    const { code, path, lines } = await validate('bom.json', '\uFEFF' + JSON.stringify(doc([p('a'), p('b')], [{ from: 'a', to: 'b', kind: 'cross-sell' }])));
    expect(code).toBe(0);
    expect(lines).toEqual([`${path}: 2 products, 1 link, 0 problems, 0 warnings`]);
  });

  it('refuses a link weight of 0 and takes any above it up to 1, as catalog.md and the README say', async () => {
    const links = (weights: number[]) => weights.map((weight, i) => ({ from: 'a', to: `b${i}`, kind: 'cross-sell', weight }));
    const targets = [p('b0'), p('b1')];
    const zero = await validate('weight-0.json', doc([p('a'), ...targets], links([0, 1.5])));
    expect(zero.code).toBe(1);
    expect(zero.lines.slice(0, 2)).toEqual([
      'links[0] (a → b0).weight: expected a number in (0, 1], got 0',
      'links[1] (a → b1).weight: expected a number in (0, 1], got 1.5',
    ]);
    expect((await validate('weight-ok.json', doc([p('a'), ...targets], links([1e-9, 1])))).code).toBe(0);
    const readme = await readFile(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(/`weight` \(([^,]+), default 1/.exec(readme)?.[1]).toBe('> 0 and ≤ 1');
  });

  it('prints every problem with its JSON path, the item named by id and the bad value echoed, and exits 1', async () => {
    const { code, path, lines } = await validate(
      'bad.json',
      doc([p('a'), p('b', { price: -1 }), p('c')], [{ from: 'a', to: 'ghost', kind: 'cross-sell' }, { from: 'a', to: 'c', kind: 'cross-sell' }]),
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      'products[1] (b).price: expected a number ≥ 0, got -1',
      'links[0] (a → ghost).to: unknown product "ghost"',
      `${path}: 3 products, 2 links, 2 problems, 0 warnings`,
    ]);
  });

  it('names items by id, echoes bad values and suggests the likely fix', async () => {
    const { code, lines } = await validate(
      'helmets.json',
      doc([p('a'), p('b'), p('c'), p('helmet-basic'), p('helmet-mips', { price: '€45' }), p('helmet-mips-pro')], [
        { from: 'helmet-basic', to: 'helmet-mps', kind: 'upsell' },
        { from: 'a', to: 'b', kind: 'cross-sell', attachRate: 38 },
      ]),
    );
    expect(code).toBe(1);
    expect(lines.slice(0, 3)).toEqual([
      'products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"',
      'links[0] (helmet-basic → helmet-mps).to: unknown product "helmet-mps" (did you mean "helmet-mips"?)',
      'links[1] (a → b).attachRate: expected a number from 0 to 1, got 38 (did you mean 0.38?)',
    ]);
  });

  it("prints the README's example lines as they are", async () => {
    const readme = await readFile(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const examples = /### Validating a catalog[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    const products = ['a', 'b', 'c', 'helmet-basic', 'helmet-mips', 'phone-x', 'case-x'].map((id) => p(id, id == 'helmet-mips' ? { price: '€45' } : {}));
    const filler = ['b', 'c', 'helmet-basic', 'helmet-mips', 'phone-x', 'case-x', 'b'].map((to, i) => ({ from: i == 6 ? 'c' : 'a', to, kind: 'cross-sell' }));
    const links = [...filler, { from: 'helmet-basic', to: 'helmet-mps', kind: 'upsell' }, { from: 'a', to: 'c', kind: 'upsell' }];
    links.push({ from: 'phone-x', to: 'case-x', kind: 'cross-sell', attachRate: 38 } as (typeof links)[number]);
    const { code, lines } = await validate('readme.json', doc(products, links));
    expect(code).toBe(1);
    expect(examples).toHaveLength(3);
    expect(lines).toEqual(expect.arrayContaining(examples));
  });

  it('warns of an upgrade cycle with the links that make it, and still exits 0', async () => {
    const { code, path, lines } = await validate(
      'cycle.json',
      doc([p('x'), p('basic'), p('pro')], [
        { from: 'x', to: 'basic', kind: 'cross-sell' },
        { from: 'basic', to: 'pro', kind: 'upsell' },
        { from: 'pro', to: 'basic', kind: 'upsell', upsell: 'tier' },
      ]),
    );
    expect(code).toBe(0);
    expect(lines).toEqual([
      'warning: upgrade cycle "basic" → "pro" → "basic" (links[1], links[2])',
      `${path}: 3 products, 3 links, 0 problems, 1 warning`,
    ]);
  });

  it('warns of products in no link, with their paths, capped with a count', async () => {
    const lonely = Array.from({ length: MAX_LISTED_UNLINKED + 5 }, (_, i) => p(`lonely-${i}`));
    const { code, lines } = await validate('orphans.json', doc([p('a'), p('b'), ...lonely], [{ from: 'a', to: 'b', kind: 'cross-sell' }]));
    expect(code).toBe(0);
    expect(lines[0]).toBe('warning: products[2] (lonely-0): in no link, so it is never offered and anchors nothing');
    expect(lines.filter((l) => l.includes(': in no link'))).toHaveLength(MAX_LISTED_UNLINKED);
    expect(lines.at(-2)).toBe('warning: … and 5 more products in no link');
    expect(lines.at(-1)).toMatch(/: 27 products, 1 link, 0 problems, 25 warnings$/);
  });

  it('points warnings at the items the widget keeps, past skipped ones and other kinds', async () => {
    const { code, lines } = await validate(
      'paths.json',
      doc([p('a'), { id: 'broken', title: 'Broken' }, p('lonely'), p('c')], [
        { from: 'a', to: 'c', kind: 'cross-sell' },
        { from: 'a', to: 'c', kind: 'upsell' },
        { from: 'c', to: 'a', kind: 'upsell' },
      ]),
    );
    expect(code).toBe(1); // products[1] lacks price and url
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: upgrade cycle "a" → "c" → "a" (links[1], links[2])',
      'warning: products[2] (lonely): in no link, so it is never offered and anchors nothing',
    ]);
  });

  it('says a product is only in skipped links, and which, rather than in no link', async () => {
    const { code, lines } = await validate(
      'skipped-only.json',
      doc([p('a'), p('b'), p('c', { category: 'mugs' }), p('d')], [
        { from: 'a', to: 'b', kind: 'cross-sell' },
        { from: 'c', to: 'd', kind: 'cross-sell', weight: 0 },
        { from: 'category:mugs', to: 'd', kind: 'cross_sell' },
      ]),
    );
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: products[2] (c): only in skipped links (links[1], links[2]), so it is never offered and anchors nothing until they are fixed',
      'warning: products[3] (d): only in skipped links (links[1], links[2]), so it is never offered and anchors nothing until they are fixed',
    ]);
  });

  it('warns of links whose placements their kind is never offered at (R3), or whose segments it never goes to (R6)', async () => {
    const { code, path, lines } = await validate(
      'never-shown.json',
      doc([p('a'), p('b'), p('c', { price: 15 }), p('warranty', { price: 5 }), p('two-pack', { price: 18 })], [
        { from: 'a', to: 'b', kind: 'cross-sell', placements: ['checkout'] },
        { from: 'a', to: 'c', kind: 'upsell', upsell: 'premium', placements: ['cart', 'checkout'] },
        { from: 'a', to: 'two-pack', kind: 'upsell', upsell: 'quantity', placements: ['cart', 'post-purchase'] },
        { from: 'a', to: 'warranty', kind: 'upsell', upsell: 'addon', placements: ['checkout'] },
        { from: 'b', to: 'c', kind: 'upsell', placements: [] },
        { from: 'b', to: 'a', kind: 'cross-sell', placements: ['cart'], segments: [] },
        { from: 'c', to: 'two-pack', kind: 'upsell', upsell: 'tier', segments: ['new'] },
      ]),
    );
    expect(code).toBe(0);
    expect(lines).toEqual([
      'warning: links[0] (a → b): never shown: R3 offers a cross-sell only at "product", "cart", "post-purchase", "account", and its placements are "checkout"',
      'warning: links[1] (a → c): never shown: R3 offers a "premium" upsell only at "product", and its placements are "cart", "checkout"',
      'warning: links[4] (b → c): never shown: its placements are empty',
      'warning: links[5] (b → a): never shown: its segments are empty',
      'warning: links[6] (c → two-pack): never shown: R6 offers no "tier" upsell to "new" shoppers, and its segments are "new"',
      `${path}: 5 products, 7 links, 0 problems, 5 warnings`,
    ]);
  });

  it('warns of category links that never show (no such category) or only as a fallback (R11), naming the products', async () => {
    const { code, lines } = await validate(
      'categories.json',
      doc(
        [
          p('phone-x', { category: 'phones', price: 500 }),
          p('phone-y', { category: 'phones', price: 400 }),
          p('case', { category: 'cases' }),
          p('guard', { category: 'cases' }),
          p('mug', { category: 'mugs' }),
          p('spoon', { category: 'mugs' }),
        ],
        [
          { from: 'phone-x', to: 'case', kind: 'cross-sell' },
          { from: 'phone-y', to: 'case', kind: 'cross-sell' },
          { from: 'category:phones', to: 'guard', kind: 'cross-sell' },
          { from: 'category:Mugs', to: 'spoon', kind: 'cross-sell' },
          { from: 'mug', to: 'spoon', kind: 'cross-sell' },
          { from: 'category:cases', to: 'spoon', kind: 'cross-sell' },
        ],
      ),
    );
    expect(code).toBe(0);
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: category:phones (links[2]): every product of the category has links of its own ("phone-x", "phone-y"), ' +
        'and these links apply to one only where none of its own qualifies (R11), so they rarely show',
      'warning: category:Mugs (links[3]): no product has category "Mugs" (did you mean "mugs"?), so these links never show',
    ]);
  });

  it('escapes bidi and control characters of ids in warnings too', async () => {
    const { lines } = await validate('bidi-id.json', doc([p('a'), p('b'), p('gpj.\u202Eexe')], [{ from: 'a', to: 'b', kind: 'cross-sell' }]));
    expect(lines.slice(0, 2)).toEqual([
      'products[2] ("gpj.\\u202eexe").title: bidi control characters removed',
      'warning: products[2] ("gpj.\\u202eexe"): in no link, so it is never offered and anchors nothing',
    ]);
  });

  it('gives warnings alongside problems, exiting 1 for the problems', async () => {
    const { code, lines } = await validate('both.json', doc([p('a'), p('b', { url: 'javascript:alert(1)' }), p('c')]));
    expect(code).toBe(1);
    expect(lines).toContain('products[1] (b).url: expected an http(s) or relative URL, got "javascript:alert(1)"');
    expect(lines.filter((l) => l.startsWith('warning:'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/3 products, 0 links, 1 problem, 2 warnings$/);
  });

  it('reports a catalog rejected whole, with no warnings', async () => {
    const { code, lines } = await validate('v2.json', { version: 2, products: [p('a')] });
    expect(code).toBe(1);
    expect(lines).toEqual(['version: expected 1, got 2', expect.stringMatching(/: 1 product, 0 links, 1 problem, 0 warnings$/)]);
  });

  it('fails with one line on stderr for a missing file or invalid JSON', async () => {
    const broken = await validate('broken.json', '{"version": 1, "products": [');
    expect(broken.code).toBe(1);
    expect(broken.lines).toEqual([]);
    expect(broken.stderr).toBe(
      `offerwise validate: ${broken.path}: not valid JSON (line 1, column 29: unexpected end of file: the "[" at line 1, column 28 is not closed)\n`,
    );

    const out = { stderr: '' };
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (t: string) => (out.stderr += t) }, stdin: Readable.from([]) };
    expect(await runValidate([join(dir, 'missing.json')], io)).toBe(1);
    expect(out.stderr).toBe(`offerwise validate: ${join(dir, 'missing.json')}: no such file\n`);
    out.stderr = '';
    expect(await runValidate([dir], io)).toBe(1);
    expect(out.stderr).toBe(`offerwise validate: ${dir}: is a directory\n`);
  });

  it('names the line and column of a JSON syntax error, not counting a byte-order mark', async () => {
    const text = '\uFEFF{\n  "version": 1,\n  "products": [\n    {"id": "a", "price": 10,}\n  ]\n}\n';
    const { code, path, lines, stderr } = await validate('comma.json', text);
    expect(code).toBe(1);
    expect(lines).toEqual([]);
    expect(stderr).toBe(`offerwise validate: ${path}: not valid JSON (line 4, column 28: trailing comma before "}")\n`);
  });

  it('exits 2 with the usage for a wrong command line', async () => {
    for (const args of [[], ['a.json', 'b.json'], ['--strict', 'a.json']]) {
      const out = { stderr: '' };
      const io: CliIo = { stdout: { write: () => true }, stderr: { write: (t: string) => (out.stderr += t) }, stdin: Readable.from([]) };
      expect(await runValidate(args, io)).toBe(2);
      expect(out.stderr).toMatch(/^offerwise validate: .+\nusage: offerwise validate <catalog\.json>/);
    }
  });
});
