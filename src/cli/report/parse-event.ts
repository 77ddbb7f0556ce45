import { currency as toCurrency } from '../../catalog/field-rules';
import {
  EVENT_TYPES,
  GROUPS,
  OFFER_KINDS,
  type EventType,
  type Group,
  type OfferKind,
  type PurchaseItem,
  type ReportEvent,
} from './report-types';

export type ParsedLine = { ok: true; event: ReportEvent } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * The largest amount (order value, price, cost, quantity) taken: no order comes near, and it
 * keeps every square and sum the report takes finite (values near 1e154 overflowed the
 * variances and made the lift interval NaN).
 */
export const MAX_AMOUNT = 1e15;
const isAmount = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= MAX_AMOUNT;
const AT_MOST = `at most ${MAX_AMOUNT.toExponential()}`.replace('e+', 'e');
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const listed = (list: readonly string[]) => list.join('|');

/** Thrown inside this module only, with the reason a line is rejected. */
class Reject extends Error {}
const reject = (why: string): never => {
  throw new Reject(why);
};

/**
 * One NDJSON line into a validated event, or the reason it is rejected. Never throws.
 * Reasons never echo more than a few characters of the line, which may be huge or hostile.
 */
export function parseEvent(text: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${clip((e as Error).message)})` };
  }
  return checkEvent(raw);
}

/**
 * An already-parsed JSON value into a validated event, or the reason it is rejected
 * (naming the field and what it should be: `items[2].qty must be a number > 0`). Never
 * throws. A field set to `null` counts as absent, as it does in the catalog.
 */
export function checkEvent(raw: unknown): ParsedLine {
  try {
    return { ok: true, event: readEvent(raw) };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, error: e.message };
    throw e;
  }
}

function readEvent(raw: unknown): ReportEvent {
  if (!isObject(raw)) return reject('not a JSON object');
  const t = raw.t;
  if (!oneOf<EventType>(EVENT_TYPES, t)) return reject(`t must be one of ${listed(EVENT_TYPES)}`);
  const group = raw.group;
  if (!oneOf<Group>(GROUPS, group)) return reject(`group must be one of ${listed(GROUPS)}`);
  const segment = readLabel(raw, 'segment');
  const placement = readLabel(raw, 'placement');
  // `currency`, and on adds and purchases `visitor` and `productId`, are read only when they
  // hold what they should; otherwise they count as absent: a line is never rejected for them.
  const currency = toCurrency(raw.currency);
  const base = { group, ...(segment && { segment }), ...(placement && { placement }), ...(currency && { currency }) };
  const visitor = t === 'add' || t === 'purchase' ? optionalId(raw.visitor) : undefined;
  if (t === 'add') {
    const productId = optionalId(raw.productId);
    return { t, ...base, ...(visitor && { visitor }), ...(productId && { productId }) };
  }
  if (t !== 'purchase') return { t, ...base };

  const orderId = readId(raw.orderId, 'orderId');
  if (!isAmount(raw.value)) return reject(`value must be a number ≥ 0 and ${AT_MOST}`);
  if (!Array.isArray(raw.items)) return reject('items must be an array');
  const items = raw.items.map(readItem);
  return { t, ...base, ...(visitor && { visitor }), orderId, value: raw.value, items };
}

/** `segment` / `placement`: a non-empty string, or absent. */
function readLabel(raw: Json, key: 'segment' | 'placement'): string | undefined {
  const v = raw[key];
  if (v == null || v === '') return undefined;
  return typeof v === 'string' ? v : reject(`${key} must be a string`);
}

function readId(v: unknown, what: string): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return reject(`${what} must be a non-empty string or a number`);
}

/** An id the way `readId` takes it (a non-empty string, or a number as a string), else undefined. */
const optionalId = (v: unknown): string | undefined =>
  (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : undefined;

function readItem(v: unknown, i: number): PurchaseItem {
  const at = `items[${i}]`;
  if (!isObject(v)) return reject(`${at} must be an object`);
  const id = readId(v.id, `${at}.id`);
  if (!isAmount(v.price)) return reject(`${at}.price must be a number ≥ 0 and ${AT_MOST}`);
  if (!isAmount(v.qty) || v.qty === 0) return reject(`${at}.qty must be a number > 0 and ${AT_MOST}`);
  const item: PurchaseItem = { id, price: v.price, qty: v.qty };
  if (v.cost != null) item.cost = isAmount(v.cost) ? v.cost : reject(`${at}.cost must be a number ≥ 0 and ${AT_MOST}`);
  if (v.offer != null)
    item.offer = oneOf<OfferKind>(OFFER_KINDS, v.offer) ? v.offer : reject(`${at}.offer must be one of ${listed(OFFER_KINDS)}`);
  return item;
}

/** The parser's own message, short: V8's can quote the whole line. */
const clip = (s: string) => (s.length > 80 ? s.slice(0, 79) + '…' : s);
