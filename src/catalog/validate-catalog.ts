import { distance as editDistance } from 'fastest-levenshtein';
import { DEFAULT_SETTINGS, LINK_KINDS, PLACEMENTS, SEGMENTS, UPSELL_TYPES } from '../types';
import { CURRENCY_RULE, LINK_RULES, PRODUCT_RULES, SETTING_RULES, UPSELL_RULE, q, type CatalogProblem } from './catalog-rules';
import { isObject, num, oneOf, own, readFields, REASON_MAX, TITLE_MAX, type Parse, type Rule } from './field-rules';
import { AMOUNT_WORDS, BOOL_WORDS, COUNT_WORDS, CURRENCY_WORDS, ID_WORDS, expected, oneOfWords, stringOf, words } from './field-words';
import { CATEGORY_PREFIX } from './index-catalog';
import { finish, walkCatalog, type Walk } from './walk-catalog';

export type { CatalogProblem } from './catalog-rules';

const HREF = 'an http(s) or relative URL';

/** Where a link came from (catalog.md): written by hand, mined from orders, or matched by its images. */
export const LINK_SOURCES = ['curated', 'mined', 'visual'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];

/**
 * Link fields that inform people and tools, not the engine (catalog.md: `source`, set by
 * `offerwise build`, and a visual link's `similarity`). No rule of rules.md reads them, so the
 * widget neither keeps nor checks them: they are checked here, outside the walk the widget's
 * bundle shares, and a bad one skips nothing there. To the validator it is still a problem:
 * the file says something untrue about the link.
 */
export const INFORMATIONAL_LINK_RULES: readonly Rule[] = [
  ['source', oneOf(LINK_SOURCES)],
  ['similarity', num(0, 1)],
];

/**
 * What each field of catalog-rules.ts's tables should be, for messages, by field name (the
 * names are unique across the tables; a test holds every rule to having an entry here).
 * The rules decide; these only explain, so they never ship in the widget.
 */
export const EXPECTED: Readonly<Record<string, string>> = {
  // products
  id: ID_WORDS,
  title: stringOf(1, TITLE_MAX),
  price: AMOUNT_WORDS,
  url: HREF,
  image: HREF,
  category: 'a string',
  inStock: BOOL_WORDS,
  cost: AMOUNT_WORDS,
  rating: 'a number from 0 to 5',
  reviewCount: COUNT_WORDS,
  replenishDays: 'an integer > 0',
  variantId: 'a non-empty string',
  // links
  from: 'a product id or "category:<name>"',
  to: 'a product id',
  kind: oneOfWords(LINK_KINDS),
  upsell: oneOfWords(UPSELL_TYPES),
  reason: `a string of at most ${REASON_MAX} characters`,
  weight: 'a number in (0, 1]',
  attachRate: 'a number from 0 to 1',
  lift: AMOUNT_WORDS,
  orders: COUNT_WORDS,
  placements: `an array of ${words(PLACEMENTS)}`,
  segments: `an array of ${words(SEGMENTS)}`,
  minCartValue: AMOUNT_WORDS,
  source: oneOfWords(LINK_SOURCES),
  similarity: 'a number from 0 to 1',
  // the document
  ...Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, AMOUNT_WORDS])),
  currency: CURRENCY_WORDS,
};

/** The paths of the problems that reject a catalog whole (`parseCatalog` returns `ok: false`). */
export const FATAL_PATHS: readonly string[] = ['$', 'version', 'products'];

/**
 * Every problem of an untrusted catalog document (already JSON-parsed), each with its most
 * precise JSON path and what was expected there, for `build` and tests:
 * `products[3].price: expected a number ≥ 0`, `links[0].to: unknown product "x"`,
 * `links[2]: duplicate of links[0] (same from, to and kind)`. An empty array means valid.
 *
 * Problems at `FATAL_PATHS` mean the widget rejects the catalog whole (only those are then
 * reported); a problem under `products[i]` or `links[i]` means the widget skips that item
 * (it carries `skipped`, the item's label); any other (`currency`, `settings…`, `links`) is
 * replaced by its default. The same walk as `parseCatalog` (walk-catalog.ts). Never throws.
 * `validateCatalogInDetail` says more of each, for people.
 */
export function validateCatalog(input: unknown): CatalogProblem[] {
  return check(input, false);
}

/** A problem as `offerwise validate` prints it: `${where}: ${detail}` (see `formatProblem`). */
export interface DetailedProblem extends CatalogProblem {
  /** `path`, its item named by id: `products[4] (helmet-mips).price`, `links[2] (a → b).to`. */
  where: string;
  /**
   * `message`, with the bad value echoed (cut at 60 characters) and the likely fix when there
   * is one: `expected a number from 0 to 1, got 38 (did you mean 0.38?)`,
   * `unknown product "helmet-mps" (did you mean "helmet-mips"?)`.
   */
  detail: string;
}

/**
 * `validateCatalog`'s problems, each also with its item named and the bad value echoed, for
 * `offerwise validate`: `products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"`.
 * `path`, `message` and `skipped` are `validateCatalog`'s exactly. Never throws.
 */
export function validateCatalogInDetail(input: unknown): DetailedProblem[] {
  return check(input, true) as DetailedProblem[];
}

/** `products[4] (helmet-mips).price: expected a number ≥ 0, got "€45"` */
export const formatProblem = (p: DetailedProblem): string => `${p.where}: ${p.detail}`;

/** The walk, its findings worded; `detailed`: with `where` and `detail` too. */
function check(input: unknown, detailed: boolean): (CatalogProblem | DetailedProblem)[] {
  try {
    const found: Finding[] = [];
    const walk = finish(walkCatalog(input, (path, why, value, skipped, key) => found.push({ path, why, value, skipped, key })));
    if (walk) checkInformational(input as object, found);
    // Worded once the walk is done: a link's problem may name the first of the products.
    const kept = new Set(walk?.parts.products.map((p) => p.id));
    const more = detailed ? new Detail(input, walk) : undefined;
    return found.map((f) => {
      const problem: CatalogProblem = f.skipped
        ? { path: f.key ? `${f.path}.${f.key}` : f.path, message: explainItem(f, walk!, kept), skipped: f.skipped }
        : f.why === INFORMATIONAL
          ? { path: `${f.path}.${f.key}`, message: expected(f.value, EXPECTED[f.key!]!) }
          : { path: f.path, message: explainDocument(f) };
      return more ? { ...problem, ...more.of(f, problem) } : problem;
    });
  } catch {
    const problem = { path: '$', message: 'could not be read' };
    return [detailed ? { ...problem, where: '$', detail: problem.message } : problem];
  }
}

/** The `why` of a bad informational field (`checkInformational`): the item is kept. */
const INFORMATIONAL = 'informational';

/** Each link's informational fields, checked after the walk (a link the walk could not read is its problem already). */
function checkInformational(input: object, found: Finding[]): void {
  const links = own(input, 'links');
  if (!Array.isArray(links)) return;
  for (let i = 0; i < links.length; i++)
    try {
      const link: unknown = links[i];
      if (isObject(link))
        readFields(link, INFORMATIONAL_LINK_RULES, (key, value) => found.push({ path: `links[${i}]`, why: INFORMATIONAL, value, key }));
    } catch {
      // a getter that throws, a hostile proxy: the walk reported the link as unreadable
    }
}

/** One call of the walk's `Report`, kept to be worded when the walk is done. */
interface Finding {
  path: string;
  why: string;
  value?: unknown;
  skipped?: string;
  key?: string;
}

/** What the validator says, by path, of the document's problems that are not a bad field. */
const DOCUMENT: ReadonlyMap<string, string> = new Map([
  ['$', 'expected an object'],
  ['version', 'expected 1'],
  ['products', 'expected an array'],
  ['settings', 'expected an object (using the defaults)'],
  ['links', 'expected an array (ignoring links)'],
]);

/** A problem of the document itself in the validator's words (the walk's are the widget's). */
function explainDocument({ path, value, why }: Finding): string {
  // Else `currency`, or one of `settings.…`
  const key = path.slice(path.indexOf('.') + 1);
  // A note on one item's field that keeps the item (bidi controls removed) says what it did.
  if (path.includes('[')) return why;
  return DOCUMENT.get(path) ?? expected(value, EXPECTED[key]!) + (key === path ? ' (using USD)' : ' (using the default)');
}

/**
 * Whether `value`, refused at a link's `key`, passed that field's rule: then it is a link end
 * that names no usable product (the walk's checks of its ends refused it).
 */
const isEndRefused = (key: string, value: unknown) =>
  (key == 'from' || key == 'to') && LINK_RULES.find(([k]) => k == key)![1](value) !== undefined;

/** A problem that makes the walk skip an item, in the validator's words, saying what was expected. */
function explainItem({ why, key, value }: Finding, { ids, keys }: Walk, kept: ReadonlySet<string>): string {
  switch (why) {
    case 'not an object':
      return 'expected an object';
    case 'unreadable':
      return 'could not be read';
    case 'duplicate id':
      return `duplicate id ${q(value)}, first at products[${ids.get(value as string)}]`;
    case 'duplicate':
      return `duplicate of links[${keys.get(value as string)}] (same from, to and kind)`;
  }
  // A link end its rule accepts, but that names no usable product.
  if (isEndRefused(key!, value)) {
    const id = value as string;
    if (key == 'from' && id.startsWith(CATEGORY_PREFIX)) return 'expected a category name after "category:"';
    if (key == 'to' && kept.has(id)) return 'same as from';
    return ids.has(id) ? `product ${q(id)} was skipped` : `unknown product ${q(id)}`;
  }
  return expected(value, EXPECTED[key!]!);
}

// ---------------------------------------------------------------------------------------------
// For people (validateCatalogInDetail): items named by id, bad values echoed, likely fixes.
// The walk is not asked for more: an item's label (`product "x"`, `link "a" → "b"`) names it,
// and the walk's `ids` and `keys` name the items of a note that skips nothing.

/** Every field's rule by name (names are unique across the tables), to try a fix against. */
const RULES: ReadonlyMap<string, Parse> = new Map(
  [...PRODUCT_RULES, ...LINK_RULES, UPSELL_RULE, ...INFORMATIONAL_LINK_RULES, ...SETTING_RULES, CURRENCY_RULE].map(([key, parse]) => [key, parse]),
);
/** The fields that take one of a few words, or a list of them, and their words. */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  kind: LINK_KINDS,
  upsell: UPSELL_TYPES,
  source: LINK_SOURCES,
  placements: PLACEMENTS,
  segments: SEGMENTS,
};
const LISTS: ReadonlySet<string> = new Set(['placements', 'segments']);
/** A number as JSON writes it, for a number written as a string (`"45"`). */
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Currency signs and names for the codes a catalog likely meant. */
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { '€': 'EUR', euro: 'EUR', euros: 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
/** What the document's own problems expect, and what the widget does instead (`explainDocument`'s words, in two). */
const DOCUMENT_PARTS: Readonly<Record<string, readonly [string, string]>> = {
  $: ['an object', ''],
  version: ['1', ''],
  products: ['an array', ''],
  settings: ['an object', 'using the defaults'],
  links: ['an array', 'ignoring links'],
};
/** How many ids a "did you mean" names at most. */
const MAX_SUGGESTED = 3;

/** The item's path (`products[4]`, `links[2]`) at the start of a problem's path. */
const ITEM = /^(products|links)\[(\d+)\]/;

class Detail {
  private ids?: Lexicon;
  private anchors?: Lexicon;
  private productAt?: Map<number, string>;
  private linkAt?: Map<number, string>;
  private readonly hints = new Map<string, string>();

  constructor(
    private readonly input: unknown,
    private readonly walk: Walk | undefined,
  ) {}

  of(f: Finding, problem: CatalogProblem): { where: string; detail: string } {
    const detail = f.skipped || f.why === INFORMATIONAL ? this.item(f, problem.message) : this.document(f, problem.message);
    return { where: terminalSafe(this.where(f, problem.path)), detail: terminalSafe(detail) };
  }

  /** `products[4] (helmet-mips).price`: the item named by its label, or by the walk's ids for a note. */
  private where(f: Finding, path: string): string {
    const item = ITEM.exec(path);
    if (!item) return path;
    const name = f.skipped ? nameOfLabel(f.skipped) : this.nameAt(item[1]!, Number(item[2]));
    return itemWhere(item[0], name) + path.slice(item[0].length);
  }

  private nameAt(list: string, i: number): string | undefined {
    if (!this.walk) return undefined;
    if (list == 'products') {
      this.productAt ??= new Map([...this.walk.ids].map(([id, at]) => [at, id]));
      const id = this.productAt.get(i);
      return id === undefined ? undefined : idName(id);
    }
    this.linkAt ??= new Map([...this.walk.keys].map(([key, at]) => [at, key]));
    const [from, to] = this.linkAt.get(i)?.split('\0') ?? [];
    return from === undefined ? undefined : linkName(from, to!);
  }

  /** A skipped item's problem, with the bad value and the likely fix. */
  private item({ why, key, value, skipped }: Finding, message: string): string {
    switch (why) {
      case 'not an object':
        return message + got(value);
      case 'unreadable':
      case 'duplicate id':
      case 'duplicate':
        return message;
    }
    if (isEndRefused(key!, value)) {
      if (!message.startsWith('unknown product')) return message;
      // The link's other end is no fix: a link to itself is refused too.
      const other = linkEnds(skipped!)[key == 'from' ? 'to' : 'from'];
      // Once per misspelling: an import can repeat one in thousands of links.
      const memo = `${key}\0${value}\0${other}`;
      let hint = this.hints.get(memo);
      if (hint === undefined) {
        const among = key == 'from' ? this.anchorNames() : this.idNames();
        hint = didYouMean(among.nearest(value as string, MAX_SUGGESTED, other).map((id) => q(id)));
        this.hints.set(memo, hint);
      }
      return message + hint;
    }
    return message + (value == null ? '' : got(value)) + didYouMean(this.fix(key!, value));
  }

  /** A problem of the document itself: what was there, and what the widget does instead. */
  private document({ path, value, why }: Finding, message: string): string {
    if (path.includes('[')) return message; // a note on a kept item's field (bidi controls removed)
    const parts = DOCUMENT_PARTS[path];
    const key = path.slice(path.indexOf('.') + 1);
    const [what, instead] = parts ?? [EXPECTED[key]!, key === path ? 'using USD' : 'using the default'];
    const there = parts ? (path == '$' ? this.input : isObject(this.input) ? own(this.input, path) : undefined) : value;
    const hint = parts ? [] : this.fix(key, there);
    const notes = [instead, ...hint.map((h) => `did you mean ${h}?`)].filter(Boolean);
    return (
      (there === undefined && path != '$' ? 'missing, ' : '') +
      `expected ${what}` +
      (there === undefined ? '' : got(there)) +
      (notes.length ? ` (${notes.join('; ')})` : '')
    );
  }

  /**
   * The value a bad field most likely meant, shown as JSON, when the field's rule takes it:
   * a number for a number written as a string (`"45"`), a share for a percentage
   * (`attachRate` 38 or `"38%"`: 0.38), `true`/`false` for the strings, the nearest allowed word
   * (`"cross_sell"`: `"cross-sell"`), a list for one placement, a string for a numeric id.
   */
  private fix(key: string, v: unknown): string[] {
    const rule = RULES.get(key);
    const words = WORDS[key];
    if (!rule) return [];
    const tries: unknown[] = [];
    const share = (n: number) => {
      if (key == 'attachRate' && n > 1 && n <= 100) tries.push(Number((n / 100).toPrecision(12)));
    };
    if (typeof v == 'number') {
      share(v);
      if (key == 'id' || key == 'variantId' || ((key == 'from' || key == 'to') && this.walk?.ids.has(String(v)))) tries.push(String(v));
    } else if (typeof v == 'string') {
      const t = v.trim();
      if (NUMBER.test(t)) {
        tries.push(Number(t));
        share(Number(t));
      }
      const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
      if (percent) share(Number(percent[1]));
      if (/^(?:true|false)$/i.test(t)) tries.push(t.toLowerCase() == 'true');
      if (key == 'currency') tries.push(CURRENCY_SIGNS[t.toLowerCase()]);
      if (words) {
        const [w] = nearest(t, words);
        if (w !== undefined) tries.push(LISTS.has(key) ? [w] : w);
      } else if (t !== v) tries.push(t);
    } else if (Array.isArray(v) && words && LISTS.has(key)) {
      tries.push([...v].map((w) => (typeof w == 'string' ? (words.includes(w) ? w : nearest(w.trim(), words)[0]) : undefined)));
    }
    for (const t of tries) if (rule(t) !== undefined) return [typeof t == 'string' ? q(t) : JSON.stringify(t)];
    return [];
  }

  /** Every valid product id seen, kept or not: a link's `to` may mean any of them. */
  private idNames(): Lexicon {
    return (this.ids ??= new Lexicon(this.walk?.ids.keys() ?? []));
  }

  /** What a link's `from` may name: any product id, or `category:` and a kept product's category. */
  private anchorNames(): Lexicon {
    if (!this.anchors) {
      const categories = new Set(this.walk?.parts.products.map((p) => p.category).filter((c) => !!c));
      this.anchors = new Lexicon([...(this.walk?.ids.keys() ?? []), ...[...categories].map((c) => CATEGORY_PREFIX + c)]);
    }
    return this.anchors;
  }
}

/**
 * At most this many edits from a word of `length` characters is close enough to suggest: none
 * for 1 or 2 characters, 1 up to 5, 2 up to 11, then 3. (More would suggest, for `prodcut-0`,
 * any `product-N`.)
 */
const maxEdits = (length: number) => (length <= 2 ? 0 : length <= 5 ? 1 : length <= 11 ? 2 : 3);

/**
 * The words of `among` nearest to `word` by edit distance (Levenshtein, ignoring case), when
 * close enough (`maxEdits`): all at the least distance, at most `most`, in `among`'s order.
 * For a few lookups in a short list; `Lexicon` for many in a long one.
 */
export function nearest(word: string, among: readonly string[], most = MAX_SUGGESTED): string[] {
  return new Lexicon(among).nearest(word, most);
}

/**
 * How many words all of one validation's lookups compare with at most (about a second's
 * work): a fresh import with thousands of misspelt ids against thousands of products would
 * otherwise take minutes. Past it, lookups find nothing.
 */
const COMPARISONS_MAX = 10_000_000;

/** Words prepared for many `nearest` lookups: lowercased once and grouped by length. */
export class Lexicon {
  private readonly byLength = new Map<number, { word: string; lower: string; at: number }[]>();
  private compared = 0;

  /** `budget`: how many words all lookups together compare with at most (then they find nothing). */
  constructor(
    words: Iterable<string>,
    private readonly budget = COMPARISONS_MAX,
  ) {
    let at = 0;
    for (const word of words) {
      const list = this.byLength.get(word.length);
      const entry = { word, lower: word.toLowerCase(), at: at++ };
      if (list) list.push(entry);
      else this.byLength.set(word.length, [entry]);
    }
  }

  /** As `nearest`, leaving out `except`. */
  nearest(word: string, most = MAX_SUGGESTED, except?: string): string[] {
    const limit = maxEdits(word.length);
    const lower = word.toLowerCase();
    let best = limit;
    let found: { word: string; at: number }[] = [];
    // An edit changes the length by at most 1: only words within `best` of its length can be near.
    for (let d = 0; d <= best; d++)
      for (const length of d ? [word.length - d, word.length + d] : [word.length]) {
        const list = this.byLength.get(length) ?? [];
        if ((this.compared += list.length) > this.budget) return [];
        for (const entry of list) {
          if (entry.word === except) continue;
          const distance = editDistance(lower, entry.lower);
          if (distance > best) continue;
          if (distance < best) {
            best = distance;
            found = [];
          }
          found.push(entry);
        }
      }
    return found
      .sort((a, b) => a.at - b.at)
      .slice(0, most)
      .map((entry) => entry.word);
  }
}

/** ` (did you mean "a", "b" or "c"?)`, or '' for none. */
export const didYouMean = (options: readonly string[]): string =>
  options.length ? ` (did you mean ${options.length > 1 ? options.slice(0, -1).join(', ') + ' or ' + options.at(-1) : options[0]}?)` : '';

/** `, got "€45"`: a bad value echoed, cut at 60 characters. */
const got = (value: unknown) => `, got ${echo(value)}`;

/** A value as JSON writes it (strings quoted), cut at 60 characters: `"€45"`, `38`, `["cart","home"]`. */
export function echo(value: unknown): string {
  if (typeof value == 'string') return q(value);
  let text: string;
  try {
    text = typeof value == 'number' || typeof value == 'bigint' ? String(value) : (JSON.stringify(value) ?? typeof value);
  } catch {
    text = typeof value; // a cycle or a throwing getter, in an object that came from elsewhere than JSON
  }
  if (text.length <= 60) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[59]!) ? 59 : 60; // never half a character
  return text.slice(0, cut) + '…';
}

/**
 * `s` with control, format and line-separator characters escaped (`\u202e`): the terminal shows
 * what is in the file rather than obeying it (a bidi override in an id must not reorder a line).
 */
export const terminalSafe = (s: string): string =>
  s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

/** `products[4] (helmet-mips)`, or the path alone without a name. */
export const itemWhere = (path: string, name: string | undefined): string => (name === undefined ? path : `${path} (${name})`);

/**
 * How a line names an item by id: as it is (`helmet-mips`) when it stands out plainly in
 * parentheses, else as JSON (`"helmet mips"`); cut at 60 characters, as labels are.
 */
export const idName = (id: string): string => {
  const cut = id.length > 60 ? id.slice(0, 60) + '…' : id;
  return /^[^\s"'()\\,→\p{Cc}\p{Cf}]+$/u.test(cut) ? cut : terminalSafe(JSON.stringify(cut));
};

/** `phone-x → case-x`: how a line names a link. */
export const linkName = (from: string, to: string): string => `${idName(from)} → ${idName(to)}`;

/** A JSON string, as `q` writes one into a label. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
const PRODUCT_LABEL = new RegExp(`^product (${QUOTED})$`);
const LINK_LABEL = new RegExp(`^link (${QUOTED}|\\?) → (${QUOTED}|\\?)$`);

/** A link's ends, from its label (`link "a" → "b"`, `?` for one that is no string). */
function linkEnds(label: string): { from?: string; to?: string } {
  const m = LINK_LABEL.exec(label);
  const end = (s: string | undefined) => (s === undefined || s == '?' ? undefined : (JSON.parse(s) as string));
  return { from: end(m?.[1]), to: end(m?.[2]) };
}

/** The name of a skipped item, from its label: `helmet-mips`, `a → b`, `a → ?`; none without ids. */
function nameOfLabel(label: string): string | undefined {
  const product = PRODUCT_LABEL.exec(label);
  if (product) return idName(JSON.parse(product[1]!) as string);
  const { from, to } = linkEnds(label);
  if (from === undefined && to === undefined) return undefined;
  return `${from === undefined ? '?' : idName(from)} → ${to === undefined ? '?' : idName(to)}`;
}
