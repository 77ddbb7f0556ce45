/**
 * parseCatalog (the widget's lean driver) and validateCatalog (the CLI's detailed one) must make
 * the same decisions (catalog-rules.ts). catalog-rules.test.ts cross-checks them with a seeded
 * generator whose field values come from fixed tables; this adds fast-check's JSON values in any
 * field (any type, any depth), own `__proto__` keys, holes turned to null and duplicates, all
 * through real JSON text, with shrinking to a minimal document when they disagree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogProblem } from '../catalog/catalog-rules';
import { parseCatalog } from '../catalog/parse-catalog';
import { FATAL_PATHS, INFORMATIONAL_LINK_RULES, validateCatalog } from '../catalog/validate-catalog';
import { SEED, jsonMutatedCatalogDoc } from './arbitraries';

type Obj = Record<string, unknown>;

/** `products[3].price` → `products[3]`; `currency` → undefined. */
const itemOf = (path: string) => /^(?:products|links)\[\d+\]/.exec(path)?.[0];

/** The parser's reason for skipping an item, from the validator's first problem with it. */
function reasonFor(p: CatalogProblem): string {
  if (p.message.startsWith('duplicate id')) return 'duplicate id';
  if (p.message.startsWith('duplicate of')) return 'duplicate';
  if (p.message === 'expected an object') return 'not an object';
  return p.path.slice(itemOf(p.path)!.length + 1);
}

/** A link's informational field (`source`, `similarity`): only the validator reads it, and it skips nothing. */
const INFORMATIONAL = new RegExp(`^links\\[\\d+\\]\\.(?:${INFORMATIONAL_LINK_RULES.map(([key]) => key).join('|')})$`);

/** Both drivers' decisions on one document: fatal or not, which items are kept, and why not. */
function agree(input: unknown) {
  const parsed = parseCatalog(input);
  const detailed = validateCatalog(input).filter((p) => p.skipped !== undefined || !INFORMATIONAL.test(p.path));
  expect(parsed.ok, 'fatal').toBe(!detailed.some((p) => FATAL_PATHS.includes(p.path)));
  if (!parsed.ok) return;

  const byItem = new Map<string, CatalogProblem[]>();
  for (const p of detailed) {
    const item = itemOf(p.path);
    if (item) byItem.set(item, [...(byItem.get(item) ?? []), p]);
  }
  // One lean problem per skipped item, naming its first bad field as the validator does.
  const lean = parsed.problems.filter((p) => itemOf(p.path));
  expect(lean.map((p) => [p.path, p.message])).toEqual(
    [...byItem].map(([item, [first]]) => [item, `${first!.skipped} skipped: ${reasonFor(first!)}`]),
  );
  // The same other problems (currency, settings…, links), each replaced by its default.
  expect(parsed.problems.filter((p) => !itemOf(p.path)).map((p) => p.path)).toEqual(
    detailed.filter((p) => !itemOf(p.path)).map((p) => p.path),
  );
  // Kept: exactly the items with no detailed problem, in order.
  const doc = input as Obj;
  const kept = (name: string) => {
    const list = doc[name];
    return Array.isArray(list) ? [...list.keys()].filter((i) => !byItem.has(`${name}[${i}]`)).map((i) => list[i] as Obj) : [];
  };
  expect(parsed.catalog.products.map((p) => p.id)).toEqual(kept('products').map((p) => p.id));
  expect(parsed.catalog.links.map((l) => [l.from, l.to, l.kind])).toEqual(kept('links').map((l) => [l.from, l.to, l.kind]));
}

describe('parseCatalog and validateCatalog agree (fast-check)', () => {
  it('on valid catalogs with JSON values of any type put in, deleted or duplicated anywhere', () => {
    fc.assert(fc.property(jsonMutatedCatalogDoc, agree), { numRuns: 3000, seed: SEED });
  });

  it('the mutations keep many items and skip many (the agreement is not vacuous)', () => {
    let kept = 0;
    let skipped = 0;
    let fatal = 0;
    for (const doc of fc.sample(jsonMutatedCatalogDoc, { numRuns: 1000, seed: SEED })) {
      const parsed = parseCatalog(doc);
      if (!parsed.ok) fatal++;
      else {
        kept += parsed.catalog.products.length + parsed.catalog.links.length;
        skipped += parsed.problems.filter((p) => p.skipped).length;
      }
    }
    expect(kept).toBeGreaterThan(5000);
    expect(skipped).toBeGreaterThan(500);
    expect(fatal).toBeGreaterThan(20);
  });

  it('on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 1000, seed: SEED });
  });
});
