import { dayNumber } from '../util/dates';
import type { LinkKind } from '../types';
import { safeJson } from '../util/safe-json';

/**
 * What the widget remembers about this visitor, in one small versioned localStorage entry.
 * Corrupted or foreign values are discarded, never trusted; every access survives a storage
 * that throws (private modes, sandboxed frames). Nothing is written without consent.
 */
export const STORAGE_KEY = 'offerwise';
export const DISMISS_DAYS = 30;
const MAX_DISMISSED = 200;
const MAX_ADDED = 50;

export interface VisitorData {
  v: 1;
  /** Product id → the day it was dismissed, `YYYY-MM-DD`. */
  dismissed: Record<string, string>;
  /** The random visitor id of beacon events and holdout bucketing (R12). */
  id?: string;
  /** Product id → the kind of offer it was added from, until an order includes it. */
  added?: Record<string, LinkKind>;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;


export const emptyVisitor = (): VisitorData => ({ v: 1, dismissed: {} });

export function readVisitor(storage: StorageLike | null): VisitorData {
  const data = emptyVisitor();
  try {
    const raw: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    const dismissed = (raw as Partial<VisitorData> | null)?.dismissed;
    if ((raw as Partial<VisitorData> | null)?.v !== 1 || !dismissed || typeof dismissed !== 'object') return data;
    for (const [id, day] of Object.entries(dismissed)) if (typeof day == 'string' && dayNumber(day) >= 0) data.dismissed[id] = day;
    const { id, added } = raw as VisitorData;
    if (typeof id == 'string' && /^v_\w{1,40}$/.test(id)) data.id = id;
    for (const [pid, kind] of Object.entries(added ?? {})) if (kind === 'upsell' || kind === 'cross-sell') (data.added ??= {})[pid] = kind;
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
