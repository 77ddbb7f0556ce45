import { readFile } from 'node:fs/promises';
import { parseCatalog, type CatalogProblem } from '../../catalog/parse-catalog';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from './open-input';

export interface CatalogCosts {
  /** Unit cost by product id, for the products that have one. */
  costs: Map<string, number>;
  /** The validator's problems (skipped products and such); their costs are unknown. */
  problems: CatalogProblem[];
}

/**
 * The unit costs of a catalog file, read with the widget's own validator (parse-catalog.ts),
 * so the report and the widget agree on which products exist. A catalog that cannot be read
 * at all is a `UserError`; skipped products are returned as problems.
 */
export async function loadCatalogCosts(path: string): Promise<CatalogCosts> {
  await checkFile(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`${path}: not valid JSON`);
  }
  const parsed = parseCatalog(json);
  if (!parsed.ok) throw new UserError(`${path}: ${parsed.error}`);
  const costs = new Map<string, number>();
  for (const [id, product] of parsed.catalog.byId) if (product.cost !== undefined) costs.set(id, product.cost);
  return { costs, problems: parsed.problems };
}
