import { parseArgs } from 'node:util';
import { linkKey, q } from '../../catalog/catalog-rules';
import { isObject, own } from '../../catalog/field-rules';
import { parseCatalog } from '../../catalog/parse-catalog';
import { formatProblem, validateCatalogInDetail } from '../../catalog/validate-catalog';
import type { Catalog } from '../../types';
import { EXIT, UsageError, UserError, type CliIo } from '../cli-io';
import { findUnlinkedProducts, findUpgradeCycles } from './check-catalog-graph';
import { readJsonFile } from './read-json-file';

export const VALIDATE_USAGE =
  'usage: offerwise validate <catalog.json>\n' +
  '  prints every problem with its JSON path, then warnings (upgrade cycles, products in no\n' +
  '  link); exits 1 when there is a problem (warnings alone pass), 2 for a wrong command line\n';

/** Unlinked products listed one by one; past this, a count (a fresh import can have thousands). */
export const MAX_LISTED_UNLINKED = 20;

/**
 * `offerwise validate <catalog.json>`: on stdout, every problem of `validateCatalog` as
 * `products[3].price: expected a number ≥ 0`, then `warning: …` lines for what is valid but
 * likely a mistake (check-catalog-graph.ts), then a summary:
 * `catalog.json: 120 products, 340 links, 2 problems, 3 warnings`.
 * Resolves with the exit code: 1 when there is any problem (or the file can't be read: one
 * line on stderr), 0 otherwise, 2 for a wrong command line.
 */
export async function runValidate(args: string[], io: CliIo): Promise<number> {
  try {
    const { path, help } = parseValidateArgs(args);
    if (help) {
      io.stdout.write(VALIDATE_USAGE);
      return EXIT.ok;
    }
    const doc = await readJsonFile(path);
    const problems = validateCatalogInDetail(doc);
    const parsed = parseCatalog(doc);
    const warnings = parsed.ok ? graphWarnings(doc as object, parsed.catalog) : { lines: [], count: 0 };

    let out = '';
    for (const p of problems) out += formatProblem(p) + '\n';
    for (const w of warnings.lines) out += `warning: ${w}\n`;
    const count = (key: string) => {
      const list = isObject(doc) ? own(doc, key) : undefined;
      return Array.isArray(list) ? list.length : 0;
    };
    out +=
      `${path}: ${plural(count('products'), 'product')}, ${plural(count('links'), 'link')}, ` +
      `${plural(problems.length, 'problem')}, ${plural(warnings.count, 'warning')}\n`;
    io.stdout.write(out);
    return problems.length ? EXIT.failure : EXIT.ok;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`offerwise validate: ${e.message}\n`);
    if (e instanceof UsageError) io.stderr.write(VALIDATE_USAGE);
    return e.exitCode;
  }
}

function parseValidateArgs(args: string[]): { path: string; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const help = parsed.values.help === true;
  const [path, ...rest] = parsed.positionals;
  if (help) return { path: '', help };
  if (path === undefined) throw new UsageError('name the catalog file to validate');
  if (rest.length) throw new UsageError(`one catalog at a time (got ${parsed.positionals.length})`);
  return { path, help };
}

/**
 * The warnings of check-catalog-graph.ts as lines with JSON paths into the document (the
 * catalog holds the kept items only, so paths are looked up by id and by link identity; the
 * kept item is always the first with its id or identity, see catalog-rules.ts). `count` is
 * every warning, listed or not.
 */
function graphWarnings(doc: object, catalog: Catalog): { lines: string[]; count: number } {
  const productAt = firstIndex(own(doc, 'products'), (o) => own(o, 'id'));
  const linkAt = firstIndex(own(doc, 'links'), (o) => {
    const [from, to, kind] = [own(o, 'from'), own(o, 'to'), own(o, 'kind')];
    return typeof from == 'string' && typeof to == 'string' && typeof kind == 'string' ? linkKey(from, to, kind) : undefined;
  });

  const lines: string[] = [];
  const cycles = findUpgradeCycles(catalog);
  for (const { cycle, products } of cycles) {
    const links = cycle.slice(1).map((to, i) => `links[${linkAt.get(linkKey(cycle[i]!, to, 'upsell'))}]`);
    const more = products > cycle.length - 1 ? `; ${products} products upgrade into one another there` : '';
    lines.push(`upgrade cycle ${cycle.map(q).join(' → ')} (${links.join(', ')})${more}`);
  }
  const unlinked = findUnlinkedProducts(catalog);
  for (const id of unlinked.slice(0, MAX_LISTED_UNLINKED))
    lines.push(`products[${productAt.get(id)}]: ${q(id)} is in no link: it is never offered and anchors nothing`);
  if (unlinked.length > MAX_LISTED_UNLINKED)
    lines.push(`… and ${unlinked.length - MAX_LISTED_UNLINKED} more products in no link`);
  return { lines, count: cycles.length + unlinked.length };
}

/** The index of the first object of `list` with each key (`undefined`: no key). */
function firstIndex(list: unknown, key: (o: object) => unknown): Map<unknown, number> {
  const at = new Map<unknown, number>();
  if (Array.isArray(list))
    list.forEach((o, i) => {
      const k = isObject(o) ? key(o) : undefined;
      if (k !== undefined && !at.has(k)) at.set(k, i);
    });
  return at;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
