import { dayNumber } from '../util/dates';
import { bare, date, id as anId, isObject, own } from '../catalog/field-rules';
import type { LinkKind, OwnedItem } from '../types';
import { safeJson } from '../util/safe-json';

/**
 * What the widget remembers about this visitor, in one small versioned localStorage entry.
 * Corrupted or foreign values are discarded, never trusted; every access survives a storage
 * that throws (private modes, sandboxed frames). Nothing is written without consent.
 *
 * `owned` (products bought, from `purchase` events on any page) was added without a new
 * version: an entry without it reads as before, and a bad `owned` or bad entries in it are
 * dropped alone. An older script that rewrites the entry drops `owned` (and nothing else),
 * where a version bump would have made it drop the dismissals too.
 */
export const STORAGE_KEY = 'offerwise';
export const DISMISS_DAYS = 30;
const MAX_DISMISSED = 200;
const MAX_ADDED = 50;
const MAX_OWNED = 200;

export interface VisitorData {
  v: 1;
  /** Product id → the day it was dismissed, `YYYY-MM-DD`. */
  dismissed: Record<string, string>;
  /** The random visitor id of beacon events and holdout bucketing (R12). */
  id?: string;
  /** Product id → the kind of offer it was added from, until an order includes it. */
  added?: Record<string, LinkKind>;
  /** Product id → the day it was last bought, `YYYY-MM-DD` (at most 200, the latest). */
  owned?: Record<string, string>;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;


export const emptyVisitor = (): VisitorData => bare({ v: 1, dismissed: {} });

/** The own entries of `o` (none when it is no object) that `ok` accepts. */
const entriesOf = <T>(o: unknown, ok: (key: string, value: unknown) => unknown) =>
  Object.entries(isObject(o) ? o : {}).filter(([key, value]) => ok(key, value)) as [string, T][];

export function readVisitor(storage: StorageLike | null): VisitorData {
  const data = emptyVisitor();
  try {
    const raw: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    // Own fields only: a polluted Object.prototype supplies none.
    const field = (key: string): unknown => own(raw as object, key);
    if (!isObject(raw) || field('v') !== 1 || !isObject(field('dismissed'))) return data;
    data.dismissed = Object.fromEntries(entriesOf<string>(field('dismissed'), (_, day) => typeof day == 'string' && dayNumber(day) >= 0));
    const id = field('id');
    if (typeof id == 'string' && /^v_\w{1,40}$/.test(id)) data.id = id;
    const kinds = entriesOf<LinkKind>(field('added'), (_, kind) => kind === 'upsell' || kind === 'cross-sell');
    if (kinds.length) data.added = Object.fromEntries(kinds);
    const bought = entriesOf<string>(field('owned'), (pid, day) => anId(pid) && date(day));
    if (bought.length) data.owned = latest(bought);
  } catch {
    // Corrupted JSON or a throwing storage: start clean.
  }
  return data;
}

export function writeVisitor(storage: StorageLike | null, data: VisitorData): void {
  try {
    storage?.setItem(STORAGE_KEY, safeJson(data));
  } catch {
    // Full or forbidden storage: the page view still works, it just won't remember.
  }
}

/** The dismissals of the last 30 days (rules.md R4), as `[product id, day]`. */
const active = (data: VisitorData, today: string) =>
  Object.entries(data.dismissed).filter(([, day]) => dayNumber(today) - dayNumber(day) < DISMISS_DAYS);

/** Product ids dismissed within the last 30 days (rules.md R4). */
export const activeDismissals = (data: VisitorData, today: string): string[] => active(data, today).map(([id]) => id);

/** `entries` as an object, `id` moved last with `value`, the oldest others dropped beyond `max`. */
const withLast = <T>(entries: [string, T][], id: string, value: T, max: number): Record<string, T> =>
  Object.fromEntries([...entries.filter(([key]) => key !== id).slice(1 - max), [id, value]]);

/** Remember a dismissal, dropping expired ones and keeping the entry small. */
export const withDismissal = (data: VisitorData, id: string, today: string): VisitorData => ({
  ...data,
  dismissed: withLast(active(data, today), id, today, MAX_DISMISSED),
});

/** Remember that an offer was added (analytics.md: a later order marks it as an offer item). */
export const withAdded = (data: VisitorData, id: string, kind: LinkKind): VisitorData => ({
  ...data,
  added: withLast(Object.entries(data.added ?? {}), id, kind, MAX_ADDED),
});

/** At most the 200 latest purchases, by day (the earlier written first among equal days). */
const latest = (entries: [string, string][]): Record<string, string> =>
  Object.fromEntries(entries.sort((a, b) => dayNumber(a[1]) - dayNumber(b[1])).slice(-MAX_OWNED));

/** Remember the products of an order as owned since `today` (a later day already kept stays). */
export function withPurchase(data: VisitorData, lines: readonly { id: string }[], today: string): VisitorData {
  if (!date(today)) return data;
  const owned: Record<string, string> = { ...(own(data, 'owned') as object) };
  for (const { id } of lines) if (!((own(owned, id) as string) > today)) owned[id] = today;
  return { ...data, owned: latest(Object.entries(owned)) };
}

/** The products this visitor bought, with their days (rules.md R7 reorders). */
export const ownedOf = (data: VisitorData): OwnedItem[] =>
  Object.entries((own(data, 'owned') ?? {}) as Record<string, string>).map(([id, purchasedAt]) => ({ id, purchasedAt }));
