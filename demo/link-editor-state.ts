/**
 * The link editor's state: the catalog being edited, in signals, and what is computed from it
 * (the links of the chosen anchor, `offerwise validate`'s problems by link and field, the JSON
 * to download). No DOM here, so it is unit-tested in Node.
 *
 * Only `links` is edited; the rest of the document (version, currency, settings, products,
 * any field the editor does not know) is written back as it came, and so is every field of a
 * link the editor has no control for (weight, attachRate, segments…).
 */
import { batch, computed, signal } from '@preact/signals';
import { FATAL_PATHS, formatProblem, validateCatalogInDetail } from '../src/catalog/validate-catalog';
import { locateJsonError } from '../src/cli/validate/locate-json-error';
import { LINK_KINDS, PLACEMENTS, UPSELL_TYPES } from '../src/types';

export { LINK_KINDS, PLACEMENTS, UPSELL_TYPES };
export type LinkKind = (typeof LINK_KINDS)[number];
export type UpsellType = (typeof UPSELL_TYPES)[number];
export type Placement = (typeof PLACEMENTS)[number];

/** The link fields the editor has a control for, in the order it shows them. */
export const EDITED_FIELDS = ['to', 'kind', 'upsell', 'reason', 'placements'] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

/** catalog.md's order of a link's fields, so an edited link reads as a hand-written one. */
const LINK_FIELD_ORDER = [
  'from', 'to', 'kind', 'upsell', 'reason', 'weight', 'attachRate', 'lift', 'orders',
  'placements', 'segments', 'minCartValue', 'source', 'similarity',
];

/** A catalog document as JSON gives it: anything may be wrong with it. */
export type CatalogDocument = Readonly<Record<string, unknown>>;
/** A link as written in the document (an entry of a dropped file may be no object at all). */
export type LinkValue = unknown;

export interface LinkEntry {
  /** Stable across edits, for keyed rendering and focus. */
  readonly key: number;
  readonly link: LinkValue;
}

/** An anchor's link with its index in the document's `links` (the `i` of `links[i]`). */
export interface AnchorLink extends LinkEntry {
  readonly index: number;
}

/**
 * What the validator says of one link, in `offerwise validate`'s words (the bad value echoed,
 * a likely fix suggested): per edited field, and the rest (other fields, the link itself).
 */
export interface LinkProblems {
  readonly fields: Partial<Record<EditedField, string[]>>;
  /** `weight: expected …, got 2`, or the link's own problem (`duplicate of links[0] …`). */
  readonly other: string[];
}

export interface AnchorOption {
  id: string;
  title: string;
  price?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LINK_PATH = /^links\[(\d+)\](?:\.(.+))?$/;
const isEdited = (key: string): key is EditedField => (EDITED_FIELDS as readonly string[]).includes(key);

/** The document without its links, and the links as entries (a `links` that is no array: none). */
function split(doc: CatalogDocument, nextKey: () => number): { head: CatalogDocument; entries: LinkEntry[] } {
  const { links, ...head } = doc;
  return { head, entries: (Array.isArray(links) ? links : []).map((link: unknown) => ({ key: nextKey(), link })) };
}

/** The first product that anchors a link, else the first product; '' for none. */
function firstAnchor(options: readonly AnchorOption[], entries: readonly LinkEntry[]): string {
  const from = new Set(entries.map((e) => (isRecord(e.link) ? e.link.from : undefined)));
  return (options.find((o) => from.has(o.id)) ?? options[0])?.id ?? '';
}

/** The products an anchor can be: every product with a string id, once, in catalog order. */
function anchorOptions(doc: CatalogDocument): AnchorOption[] {
  const seen = new Set<string>();
  const options: AnchorOption[] = [];
  for (const product of Array.isArray(doc.products) ? (doc.products as unknown[]) : []) {
    if (!isRecord(product) || typeof product.id !== 'string' || product.id === '' || seen.has(product.id)) continue;
    seen.add(product.id);
    const title = typeof product.title === 'string' && product.title !== '' ? product.title : product.id;
    options.push(typeof product.price === 'number' ? { id: product.id, title, price: product.price } : { id: product.id, title });
  }
  return options;
}

/** The link with `field` set to `value` (removed when undefined), its fields in catalog.md's order. */
export function withField(link: LinkValue, field: EditedField, value: unknown): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(isRecord(link) ? link : {}) };
  if (value === undefined) delete next[field];
  else next[field] = value;
  const ordered: Record<string, unknown> = {};
  for (const key of LINK_FIELD_ORDER) if (Object.hasOwn(next, key)) ordered[key] = next[key];
  for (const [key, v] of Object.entries(next)) if (!Object.hasOwn(ordered, key)) ordered[key] = v;
  return ordered;
}

/**
 * One edit of a link's control, as the catalog writes it: an empty `to` or `reason` is no
 * field (the validator then says what is missing); a cross-sell carries no `upsell` type and
 * an upsell gets `premium`, catalog.md's default, until one is chosen; no placement checked
 * means every placement, so no `placements`.
 */
export function applyEdit(link: LinkValue, field: EditedField, value: string | readonly string[]): Record<string, unknown> {
  switch (field) {
    case 'kind': {
      const kinded = withField(link, 'kind', value);
      if (value === 'upsell') return kinded.upsell === undefined ? withField(kinded, 'upsell', 'premium') : kinded;
      return withField(kinded, 'upsell', undefined);
    }
    case 'placements': {
      const chosen = PLACEMENTS.filter((p) => (value as readonly string[]).includes(p));
      return withField(link, 'placements', chosen.length > 0 ? chosen : undefined);
    }
    default:
      return withField(link, field, value === '' ? undefined : value);
  }
}

/**
 * Read a file's text as a catalog to start from, as `offerwise validate` reads one: a UTF-8
 * byte-order mark dropped, `<name>: not valid JSON (line 3, column 14: …)` when JSON.parse
 * refuses it (located by the command's own scan; the browser's message should the scan find
 * nothing), and the validator's problems that reject a catalog whole (`version: expected 1,
 * got 2`) as it prints them.
 */
export function readCatalogFile(text: string, name: string): { ok: true; doc: CatalogDocument } | { ok: false; problems: string[] } {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    const found = locateJsonError(json);
    const why = found ? `line ${found.line}, column ${found.column}: ${found.message}` : e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, problems: [`${name}: not valid JSON (${why})`] };
  }
  const fatal = validateCatalogInDetail(doc).filter((p) => FATAL_PATHS.includes(p.path));
  if (fatal.length > 0 || !isRecord(doc)) return { ok: false, problems: fatal.map(formatProblem) };
  return { ok: true, doc };
}

export function createLinkEditor(initial: CatalogDocument, initialSource: string) {
  let keys = 0;
  const nextKey = () => keys++;
  const start = split(initial, nextKey);

  /** The document without `links`, as loaded. */
  const head = signal<CatalogDocument>(start.head);
  const entries = signal<readonly LinkEntry[]>(start.entries);
  /** Where the catalog came from: "the demo catalog" or the file's name. */
  const source = signal(initialSource);

  /** The catalog as it stands: what the preview shows and Download writes. */
  const catalog = computed<CatalogDocument>(() => ({ ...head.value, links: entries.value.map((e) => e.link) }));
  const json = computed(() => `${JSON.stringify(catalog.value, null, 2)}\n`);
  /**
   * Every problem `offerwise validate` prints for this catalog: validateCatalog's (`path`,
   * `message`), each with the words the command prints (`where`, `detail`).
   */
  const problems = computed(() => validateCatalogInDetail(catalog.value));

  const anchors = computed(() => anchorOptions(head.value));
  const anchor = signal(firstAnchor(anchors.value, start.entries));
  const anchorOption = computed(() => anchors.value.find((o) => o.id === anchor.value));

  /** The chosen anchor's links, in document order. */
  const anchorLinks = computed<AnchorLink[]>(() =>
    entries.value.flatMap((entry, index) => (isRecord(entry.link) && entry.link.from === anchor.value ? [{ ...entry, index }] : [])),
  );

  /** The validator's problems by link index. */
  const problemsByLink = computed(() => {
    const byLink = new Map<number, { fields: Partial<Record<EditedField, string[]>>; other: string[] }>();
    for (const problem of problems.value) {
      const match = LINK_PATH.exec(problem.path);
      if (!match) continue;
      const index = Number(match[1]);
      const key = match[2] ?? '';
      let found = byLink.get(index);
      if (!found) byLink.set(index, (found = { fields: {}, other: [] }));
      if (isEdited(key)) (found.fields[key] ??= []).push(problem.detail);
      else found.other.push(key ? `${key}: ${problem.detail}` : problem.detail);
    }
    return byLink as ReadonlyMap<number, LinkProblems>;
  });

  /** Problems outside the anchor's links (products, settings, other anchors' links), as `offerwise validate` prints them. */
  const otherProblems = computed(() => {
    const shown = new Set(anchorLinks.value.map((l) => l.index));
    return problems.value
      .filter((p) => {
        const match = LINK_PATH.exec(p.path);
        return !match || !shown.has(Number(match[1]));
      })
      .map(formatProblem);
  });

  /** Add a cross-sell from the anchor after its last link (at the end when it has none); returns its key. */
  function addLink(): number {
    const key = nextKey();
    const list = entries.value;
    const last = anchorLinks.value.at(-1)?.index ?? list.length - 1;
    entries.value = [...list.slice(0, last + 1), { key, link: { from: anchor.value, kind: 'cross-sell' } }, ...list.slice(last + 1)];
    return key;
  }

  function editLink(key: number, field: EditedField, value: string | readonly string[]): void {
    entries.value = entries.value.map((entry) => (entry.key === key ? { key, link: applyEdit(entry.link, field, value) } : entry));
  }

  function removeLink(key: number): void {
    entries.value = entries.value.filter((entry) => entry.key !== key);
  }

  /** Start over from `doc` (the demo catalog, or a file the merchant read in). */
  function load(doc: CatalogDocument, from: string): void {
    const next = split(doc, nextKey);
    batch(() => {
      head.value = next.head;
      entries.value = next.entries;
      source.value = from;
      anchor.value = firstAnchor(anchorOptions(next.head), next.entries);
    });
  }

  return {
    head,
    entries,
    source,
    catalog,
    json,
    problems,
    anchors,
    anchor,
    anchorOption,
    anchorLinks,
    problemsByLink,
    otherProblems,
    addLink,
    editLink,
    removeLink,
    load,
  };
}

export type LinkEditorState = ReturnType<typeof createLinkEditor>;
