import type { Catalog } from '../types';
import type { CatalogProblem } from './catalog-rules';
import { indexCatalog } from './index-catalog';
import { finish, walkCatalog } from './walk-catalog';

export type { CatalogProblem } from './catalog-rules';

export type ParseResult =
  | { ok: true; catalog: Catalog; problems: CatalogProblem[] }
  | { ok: false; error: string; problems: CatalogProblem[] };

/**
 * The widget's validator (lean: it ships in the bundle): an untrusted catalog document,
 * already JSON-parsed, into an indexed `Catalog`. Never throws.
 *
 * Rejects the whole document only for a non-object, `version !== 1` or non-array `products`;
 * `error` says why (and is the one problem, at `$`). Otherwise it reports, as `problems`:
 * - one per skipped product or link, naming it and its first bad field:
 *   `{ path: 'products[3]', message: 'product "filters" skipped: price', skipped: 'product "filters"' }`;
 * - one per bad setting, a bad currency, or `links` that is not an array, each replaced by
 *   its default.
 *
 * It keeps exactly the items that `validateCatalog` (validate-catalog.ts, the CLI's driver
 * of the same walk, walk-catalog.ts) reports no problem for; that one says what was expected,
 * field by field.
 */
export function parseCatalog(input: unknown): ParseResult {
  return finish(parseCatalogSteps(input));
}

/** How many products or links `parseCatalogSteps` checks between two yields. */
export const SLICE = 1;

/**
 * `parseCatalog` step by step: the generator yields after every product and link, so a caller
 * on the main thread can give the page a turn whenever its own clock says so (load-catalog.ts
 * awaits `pause()` at each yield, which checks the time).
 */
export function* parseCatalogSteps(input: unknown): Generator<void, ParseResult> {
  let error = 'catalog could not be read'; // a throwing getter or a hostile proxy, outside any one item
  try {
    const problems: CatalogProblem[] = [];
    let last: string | undefined;
    const walk = yield* walkCatalog(input, (path, why, _, skipped) => {
      if (!skipped) problems.push({ path, message: why });
      // One problem per skipped item, naming it and its first bad field.
      else if (path !== last) problems.push({ path: (last = path), message: `${skipped} skipped: ${why}`, skipped });
    });
    if (!walk) throw (error = problems.map((p) => p.message).join('; '));
    return { ok: true, catalog: indexCatalog(walk.parts), problems };
  } catch {
    return { ok: false, error, problems: [{ path: '$', message: error }] };
  }
}
