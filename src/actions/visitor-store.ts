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

export function readVisitor(storage: StorageLike | null): VisitorData {
  const data = emptyVisitor();
  try {
    const raw: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    // Own fields only: a polluted Object.prototype supplies none.
    const field = (key: string): unknown => (isObject(raw) ? own(raw, key) : undefined);
    const [dismissed, id, added, owned] = ['dismissed', 'id', 'added', 'owned'].map(field);
    if (field('v') !== 1 || !isObject(dismissed)) return data;
    for (const [pid, day] of Object.entries(dismissed)) if (typeof day == 'string' && dayNumber(day) >= 0) data.dismissed[pid] = day;
    if (typeof id == 'string' && /^v_\w{1,40}$/.test(id)) data.id = id;
    for (const [pid, kind] of Object.entries(isObject(added) ? added : {})) if (kind === 'upsell' || kind === 'cross-sell') (data.added ??= {})[pid] = kind;
    const bought = Object.entries(isObject(owned) ? owned : {}).filter((e): e is [string, string] => !!(anId(e[0]) && date(e[1])));
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

/** Product ids dismissed within the last 30 days (rules.md R4). */
export function activeDismissals(data: VisitorData, today: string): string[] {
  const now = dayNumber(today);
  return Object.keys(data.dismissed).filter((id) => now - dayNumber(data.dismissed[id]!) < DISMISS_DAYS);
}

/** Remember a dismissal, dropping expired ones and keeping the entry small. */
export function withDismissal(data: VisitorData, id: string, today: string): VisitorData {
  const keep = activeDismissals(data, today).filter((d) => d !== id).slice(-(MAX_DISMISSED - 1));
  const dismissed: Record<string, string> = {};
  for (const d of keep) dismissed[d] = data.dismissed[d]!;
  dismissed[id] = today;
  return { ...data, dismissed };
}

/** Remember that an offer was added (analytics.md: a later order marks it as an offer item). */
export function withAdded(data: VisitorData, id: string, kind: LinkKind): VisitorData {
  const kept = Object.entries(data.added ?? {}).filter(([p]) => p !== id).slice(1 - MAX_ADDED);
  return { ...data, added: { ...Object.fromEntries(kept), [id]: kind } };
}

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
