import { parseArgs } from 'node:util';
import { linkKey, q } from '../../catalog/catalog-rules';
import { isObject, own } from '../../catalog/field-rules';
import { parseCatalog } from '../../catalog/parse-catalog';
import { CATEGORY_PREFIX } from '../../catalog/index-catalog';
import {
  didYouMean,
  formatProblem,
  idName,
  itemWhere,
  Lexicon,
  linkName,
  terminalSafe,
  validateCatalogInDetail,
} from '../../catalog/validate-catalog';
import { words } from '../../catalog/field-words';
import type { Catalog, Link } from '../../types';
import { EXIT, UsageError, UserError, type CliIo } from '../cli-io';
import {
  findCategoryLinkIssues,
  findNeverShownLinks,
  findSkippedLinksOf,
  findUnlinkedProducts,
  findUpgradeCycles,
  type NeverShown,
  type SkippedLink,
} from './check-catalog-graph';
import { readJsonFile } from './read-json-file';

export const VALIDATE_USAGE =
  'usage: offerwise validate <catalog.json>\n' +
  '  prints every problem with its JSON path and the item\'s id, the bad value and the likely\n' +
  '  fix (products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"), then warnings:\n' +
  '  upgrade cycles, links that never or rarely show, products in no link (or only in skipped\n' +
  '  ones). Exits 0 when there is no problem (warnings alone pass), 1 when there is one or the\n' +
  '  file is unreadable or not JSON (its line and column), 2 for a wrong command line\n';

/** Warnings of each kind listed one by one; past this, a count (a fresh import can have thousands). */
export const MAX_LISTED_UNLINKED = 20;

/**
 * `offerwise validate <catalog.json>`: on stdout, every problem of `validateCatalogInDetail` as
 * `products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"`, then `warning: …` lines
 * for what is valid but likely a mistake or never shown (check-catalog-graph.ts), then a
 * summary: `catalog.json: 120 products, 340 links, 2 problems, 3 warnings`.
 * Resolves with the exit code: 1 when there is any problem (or the file can't be read or
 * parsed: one line on stderr, with the line and column of a JSON syntax error), 0 otherwise,
 * warnings or not, 2 for a wrong command line.
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
    const skipped = new Set(problems.flatMap((p) => (p.skipped ? (/^links\[(\d+)\]/.exec(p.path)?.slice(1).map(Number) ?? []) : [])));
    const warnings = parsed.ok ? graphWarnings(doc as object, parsed.catalog, skipped) : { lines: [], count: 0 };

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
 * The warnings of check-catalog-graph.ts as lines with JSON paths into the document, items
 * named by id (the catalog holds the kept items only, so paths are looked up by id and by link
 * identity; the kept item is always the first with its id or identity, see catalog-rules.ts).
 * `skipped`: the indexes of the links the widget skips. Each kind is listed up to
 * `MAX_LISTED_UNLINKED`, then counted; `count` is every warning, listed or not.
 */
function graphWarnings(doc: object, catalog: Catalog, skipped: ReadonlySet<number>): { lines: string[]; count: number } {
  const rawLinks = own(doc, 'links');
  const productAt = firstIndex(own(doc, 'products'), (o) => own(o, 'id'));
  const linkAt = firstIndex(rawLinks, (o) => {
    const [from, to, kind] = [own(o, 'from'), own(o, 'to'), own(o, 'kind')];
    return typeof from == 'string' && typeof to == 'string' && typeof kind == 'string' ? linkKey(from, to, kind) : undefined;
  });
  const linkPath = (link: Link) => `links[${linkAt.get(linkKey(link.from, link.to, link.kind))}]`;
  const linkWhere = (link: Link) => itemWhere(linkPath(link), linkName(link.from, link.to));
  const productWhere = (id: string) => itemWhere(`products[${productAt.get(id)}]`, idName(id));

  const lines: string[] = [];
  let count = 0;
  /** Up to MAX_LISTED_UNLINKED of `found` as lines, then one line with the count of the rest. */
  const list = <T>(found: readonly T[], line: (item: T) => string, rest: (n: number) => string) => {
    for (const item of found.slice(0, MAX_LISTED_UNLINKED)) lines.push(line(item));
    if (found.length > MAX_LISTED_UNLINKED) lines.push(`… and ${rest(found.length - MAX_LISTED_UNLINKED)}`);
    count += found.length;
  };

  list(
    findUpgradeCycles(catalog),
    ({ cycle, products }) => {
      const links = cycle.slice(1).map((to, i) => `links[${linkAt.get(linkKey(cycle[i]!, to, 'upsell'))}]`);
      const more = products > cycle.length - 1 ? `; ${products} products upgrade into one another there` : '';
      return `upgrade cycle ${cycle.map(q).join(' → ')} (${links.join(', ')})${more}`;
    },
    (n) => `${n} more upgrade cycles`,
  );

  list(findNeverShownLinks(catalog), (found) => `${linkWhere(found.link)}: never shown: ${whyNeverShown(found)}`, (n) => `${n} more links never shown`);

  const categories = new Lexicon(new Set(catalog.products.map((p) => p.category).filter((c): c is string => !!c)));
  list(
    findCategoryLinkIssues(catalog),
    ({ category, links, products }) => {
      const where = `${CATEGORY_PREFIX}${idName(category)} (${some(links.map((i) => linkPath(catalog.links[i]!)))})`;
      if (!products.length)
        return `${where}: no product has category ${q(category)}${didYouMean(categories.nearest(category).map((c) => q(c)))}, so these links never show`;
      return (
        `${where}: every product of the category has links of its own (${some(products.map((id) => q(id)))}), ` +
        'and these links apply to one only where none of its own qualifies (R11), so they rarely show'
      );
    },
    (n) => `${n} more categories whose links never or rarely show`,
  );

  const unlinked = findUnlinkedProducts(catalog);
  const skippedLinks: SkippedLink[] = [...skipped].map((index) => {
    const o = Array.isArray(rawLinks) ? rawLinks[index] : undefined;
    const end = (key: string) => (isObject(o) && typeof own(o, key) == 'string' ? (own(o, key) as string) : undefined);
    return { index, from: end('from'), to: end('to') };
  });
  const only = findSkippedLinksOf(catalog, unlinked, skippedLinks);
  list(
    unlinked,
    (id) => {
      const links = only.get(id);
      return links
        ? `${productWhere(id)}: only in skipped links (${some(links.map((i) => `links[${i}]`))}), so it is never offered and anchors nothing until they are fixed`
        : `${productWhere(id)}: in no link, so it is never offered and anchors nothing`;
    },
    (n) => `${n} more products in no link`,
  );
  return { lines: lines.map(terminalSafe), count };
}

/** Why a link never shows, after `never shown: `. */
function whyNeverShown(found: NeverShown): string {
  const { link, type } = found;
  const what = type === 'cross-sell' ? 'a cross-sell' : `a ${q(type)} upsell`;
  if (found.why === 'placements')
    return link.placements!.length
      ? `R3 offers ${what} only at ${words(found.allowed)}, and its placements are ${words(link.placements!)}`
      : 'its placements are empty';
  return link.segments!.length ? `R6 offers no ${q(type)} upsell to "new" shoppers, and its segments are ${words(link.segments!)}` : 'its segments are empty';
}

/** The first 3 of `items` joined, then how many more: `links[3], links[5], links[8] and 2 more`. */
const some = (items: readonly string[], most = 3) =>
  items.slice(0, most).join(', ') + (items.length > most ? ` and ${items.length - most} more` : '');

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
