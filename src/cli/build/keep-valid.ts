import { validateCatalog } from '../../catalog/validate-catalog';
import type { BuildLog } from './build-log';

/**
 * Raw catalog items read from a file, each with where it came from: the line (a number), or
 * for items that have none, a label (`product 17`: the 17th a store listed).
 */
export interface Rows {
  items: Record<string, unknown>[];
  lines: (number | string)[];
}

export const emptyRows = (): Rows => ({ items: [], lines: [] });

/**
 * The items of `rows` (the `list` of `doc`, which holds the rest of a catalog) that the catalog
 * rules accept, judged by `validateCatalog` itself so the output can never disagree with
 * `offerwise validate` or the widget. Each rejected row is reported once at its line, its
 * problems joined: `products.csv:17: price: expected a number ≥ 0`. JSON paths in messages
 * (`first at products[3]`) are turned into the lines the user can see (`first at line 5`).
 */
export function keepValid(
  doc: Record<string, unknown>,
  list: 'products' | 'links',
  rows: Rows,
  file: string,
  log: BuildLog,
): Rows {
  const at = new RegExp(`^${list}\\[(\\d+)\\]\\.?`);
  const refs = new RegExp(`${list}\\[(\\d+)\\]`, 'g');
  const lineOf = (i: string) => {
    const at = rows.lines[Number(i)] ?? '?';
    return typeof at == 'string' ? at : `line ${at}`;
  };
  const why = new Map<number, string[]>();
  for (const problem of validateCatalog({ ...doc, [list]: rows.items })) {
    const m = at.exec(problem.path);
    // Only the rows under judgment can be wrong: the rest of `doc` was checked before.
    if (!m) throw new Error(`unexpected catalog problem at ${problem.path}: ${problem.message}`);
    const field = problem.path.slice(m[0].length);
    const message = problem.message.replace(refs, (_, i: string) => lineOf(i));
    const i = Number(m[1]);
    why.set(i, [...(why.get(i) ?? []), field ? `${field}: ${message}` : message]);
  }
  if (why.size === 0) return rows;
  const kept = emptyRows();
  rows.items.forEach((item, i) => {
    const problems = why.get(i);
    if (problems) log.badRow(file, rows.lines[i]!, problems.join('; '));
    else {
      kept.items.push(item);
      kept.lines.push(rows.lines[i]!);
    }
  });
  return kept;
}
