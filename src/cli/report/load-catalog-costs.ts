import { parseCatalog, type CatalogProblem } from '../../catalog/parse-catalog';
import { UserError } from '../cli-io';
import { readJsonFile } from '../validate/read-json-file';

export interface CatalogCosts {
  /** Unit cost by product id, for the products that have one. */
  costs: Map<string, number>;
  /** The validator's problems (skipped products and such); their costs are unknown. */
  problems: CatalogProblem[];
  /** The catalog's `currency`; absent when it has none or an invalid one (the widget's USD fallback is not taken as the store's). */
  currency?: string;
}

/**
 * The unit costs and the currency of a catalog file, read with the widget's own validator (parse-catalog.ts),
 * so the report and the widget agree on which products exist. A catalog that cannot be read
 * at all is a `UserError` (read-json-file.ts); skipped products are returned as problems.
 */
export async function loadCatalogCosts(path: string): Promise<CatalogCosts> {
  const parsed = parseCatalog(await readJsonFile(path));
  if (!parsed.ok) throw new UserError(`${path}: ${parsed.error}`);
  const costs = new Map<string, number>();
  for (const [id, product] of parsed.catalog.byId) if (product.cost !== undefined) costs.set(id, product.cost);
  const currencyKnown = !parsed.problems.some((p) => p.path === 'currency');
  return { costs, problems: parsed.problems, ...(currencyKnown && { currency: parsed.catalog.currency }) };
}
