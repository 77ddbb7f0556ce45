import { PLACEMENTS, SEGMENTS } from '../../types';
import { compareAov, meanInterval } from './compare-aov';
import { createRunningMean, type RunningMean } from './create-running-mean';
import { checkEvent, parseEvent } from './parse-event';
import { UNKNOWN, type GroupAov, type Kpis, type PurchaseEvent, type RejectedLine, type ReportEvent, type ReportResult } from './report-types';

/** How many rejected lines `result()` lists by default; all of them are counted. */
export const MAX_LISTED_REJECTS = 1000;
/** Distinct segments (and placements) kept apart by default; later ones are pooled under `OTHER`. */
export const MAX_KEYS = 100;
export const OTHER = '(other)';
/**
 * Visitor–product pairs whose add placement is kept while no order of theirs holds the
 * product (an add that never turns into a purchase stays until this many later ones push it
 * out): tens of megabytes at most, however long the file.
 */
export const MAX_TRACKED_ADDS = 250_000;
/** Longer visitor or product ids are not tracked (a catalog id has at most 128 characters). */
const MAX_TRACKED_ID = 128;
/** Distinct currency codes listed in `ReportResult.currencies`. */
export const MAX_CURRENCIES = 10;

export interface ReportOptions {
  /** A product's unit cost by id (from `--catalog`), used when a purchase item carries none. */
  costOf?: (id: string) => number | undefined;
  /** @default MAX_LISTED_REJECTS */
  maxListedRejects?: number;
  /** @default MAX_KEYS */
  maxKeys?: number;
  /** @default MAX_TRACKED_ADDS */
  maxTrackedAdds?: number;
}

export interface Report {
  /** One parsed JSON value, from line `line` (1-based): validated, then counted or rejected. */
  add(event: unknown, line: number): void;
  /** One raw NDJSON line: parsed, then as `add`. */
  addLine(text: string, line: number): void;
  /** A line rejected before it could be parsed (too long, unreadable). */
  reject(line: number, error: string): void;
  /** The figures so far (callable any time; does not reset). */
  result(): ReportResult;
}

/** The running sums of one scope. */
interface Bucket {
  impressions: number;
  clicks: number;
  adds: number;
  treatment: RunningMean;
  holdout: RunningMean;
  attached: number;
  upgraded: number;
  offerOrders: number;
  offerRevenue: number;
  offerMargin: number;
  offerItemsWithoutCost: number;
}

const newBucket = (): Bucket => ({
  impressions: 0,
  clicks: 0,
  adds: 0,
  treatment: createRunningMean(),
  holdout: createRunningMean(),
  attached: 0,
  upgraded: 0,
  offerOrders: 0,
  offerRevenue: 0,
  offerMargin: 0,
  offerItemsWithoutCost: 0,
});

/**
 * The report's accumulator: pure (no I/O, no clock), fed one event at a time, so a file of
 * any length is read in constant memory. Only the set of order ids seen grows, with the
 * number of orders (it is what makes a repeated purchase event count once).
 *
 * Definitions (analytics.md, "Purchase events and the report's JSON"):
 * - an order is a distinct `orderId`; the first event for it wins (its group, segment,
 *   placement, value and items), later ones are counted in `duplicateOrders` only;
 * - attach / upgrade rate: treatment orders with ≥ 1 `cross-sell` / `upsell` item ÷ treatment orders;
 * - AOV: mean `value` per order, per group; lift and its interval: see compare-aov.ts;
 * - offer revenue: Σ price × qty of offer items in treatment orders; offer margin:
 *   Σ (price − cost) × qty of the same items, null when any of their costs is unknown
 *   (the item's `cost`, else the catalog's);
 * - impressions / clicks / adds: events with `t` impression / click / add, either group.
 * Each event counts overall, under its `segment` and under its `placement` ("unknown" when absent),
 * with one exception: an offer item's revenue and margin count under the placement where the
 * visitor added it (their latest earlier `add` event with that `productId` and a placement),
 * not under the purchase event's (`post-purchase`, where the widget sends orders from); with no
 * such add, under the purchase event's.
 */
export function createReport(options: ReportOptions = {}): Report {
  const { costOf, maxListedRejects = MAX_LISTED_REJECTS, maxKeys = MAX_KEYS, maxTrackedAdds = MAX_TRACKED_ADDS } = options;
  const overall = newBucket();
  const bySegment = new Map<string, Bucket>();
  const byPlacement = new Map<string, Bucket>();
  const orderIds = new Set<string>();
  const rejectedLines: RejectedLine[] = [];
  let rejectedCount = 0;
  let events = 0;
  let duplicateOrders = 0;
  const currencies = new Set<string>();
  /** Where each visitor last added each product (`addKey`), until an order of theirs holds it. */
  const addedAt = new Map<string, string>();

  // A bounded number of keys, so a file with a million distinct segments still fits in memory.
  const bucketIn = (map: Map<string, Bucket>, key: string): Bucket => {
    let b = map.get(key);
    if (!b) {
      if (map.size >= maxKeys - 1 && key !== OTHER) return bucketIn(map, OTHER);
      map.set(key, (b = newBucket()));
    }
    return b;
  };

  const reject = (line: number, error: string) => {
    rejectedCount++;
    if (rejectedLines.length < maxListedRejects) rejectedLines.push({ line, error });
  };

  const count = (e: ReportEvent) => {
    events++;
    if (e.currency && currencies.size < MAX_CURRENCIES) currencies.add(e.currency);
    const buckets = [overall, bucketIn(bySegment, e.segment ?? UNKNOWN), bucketIn(byPlacement, e.placement ?? UNKNOWN)];
    if (e.t === 'purchase') return countOrder(e, buckets);
    if (e.t === 'add' && e.placement) {
      const key = addKey(e.visitor, e.productId);
      if (key !== undefined) {
        addedAt.delete(key); // re-inserted last: the oldest pair is the first to go
        addedAt.set(key, e.placement);
        if (addedAt.size > maxTrackedAdds) addedAt.delete(addedAt.keys().next().value!);
      }
    }
    const field = e.t === 'impression' ? 'impressions' : e.t === 'click' ? 'clicks' : e.t === 'add' ? 'adds' : undefined;
    if (field) for (const b of buckets) b[field]++;
  };

  const countOrder = (e: PurchaseEvent, buckets: Bucket[]) => {
    if (orderIds.has(e.orderId)) {
      duplicateOrders++;
      return;
    }
    orderIds.add(e.orderId);
    for (const b of buckets) b[e.group].push(e.value);
    if (e.group !== 'treatment') return;

    let attached = false;
    let upgraded = false;
    const [all, segment, sentFrom] = buckets as [Bucket, Bucket, Bucket];
    const used: string[] = [];
    for (const item of e.items) {
      if (!item.offer) continue;
      if (item.offer === 'cross-sell') attached = true;
      else upgraded = true;
      // Revenue and margin go to the placement the item was added from, when that is known.
      const key = addKey(e.visitor, item.id);
      const addedFrom = key === undefined ? undefined : addedAt.get(key);
      if (addedFrom !== undefined) used.push(key!);
      const revenue = item.price * item.qty;
      const cost = item.cost ?? costOf?.(item.id);
      for (const b of [all, segment, addedFrom === undefined ? sentFrom : bucketIn(byPlacement, addedFrom)]) {
        b.offerRevenue += revenue;
        if (cost === undefined) b.offerItemsWithoutCost++;
        else b.offerMargin += (item.price - cost) * item.qty;
      }
    }
    // Bought: a later order of the same product needs an add of its own (as the widget's marks).
    for (const key of used) addedAt.delete(key);
    for (const b of buckets) {
      if (attached) b.attached++;
      if (upgraded) b.upgraded++;
      if (attached || upgraded) b.offerOrders++;
    }
  };

  const add = (event: unknown, line: number) => {
    const parsed = checkEvent(event);
    if (parsed.ok) count(parsed.event);
    else reject(line, parsed.error);
  };

  const addLine = (text: string, line: number) => {
    const parsed = parseEvent(text);
    if (parsed.ok) count(parsed.event);
    else reject(line, parsed.error);
  };

  const result = (): ReportResult => ({
    overall: toKpis(overall),
    bySegment: toRecord(bySegment, SEGMENTS),
    byPlacement: toRecord(byPlacement, PLACEMENTS),
    rejectedLines: rejectedLines.slice(),
    rejectedCount,
    events,
    duplicateOrders,
    currencies: [...currencies],
  });

  return { add, addLine, reject, result };
}

/** The key of a visitor's add of a product; undefined when either is missing or too long to track. */
const addKey = (visitor: string | undefined, productId: string | undefined): string | undefined =>
  visitor && productId && visitor.length <= MAX_TRACKED_ID && productId.length <= MAX_TRACKED_ID
    ? `${visitor}\0${productId}`
    : undefined;

/** A breakdown as a plain object, in the spec's order (then others A–Z, then unknown and other). */
function toRecord(map: Map<string, Bucket>, known: readonly string[]): Record<string, Kpis> {
  const rank = (k: string) => {
    const i = known.indexOf(k);
    return i >= 0 ? i : k === OTHER ? known.length + 2 : k === UNKNOWN ? known.length + 1 : known.length;
  };
  const keys = [...map.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  // fromEntries defines own properties, so a segment called "__proto__" stays a plain key.
  return Object.fromEntries(keys.map((k) => [k, toKpis(map.get(k)!)]));
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

const groupAov = (m: RunningMean): GroupAov => ({
  orders: m.n,
  mean: m.n > 0 ? m.mean : null,
  ci95: meanInterval(m),
});

function toKpis(b: Bucket): Kpis {
  const t = b.treatment.n;
  const { lift, ci95, df } = compareAov(b.treatment, b.holdout);
  const treatment = groupAov(b.treatment);
  const holdout = groupAov(b.holdout);
  return {
    impressions: b.impressions,
    clicks: b.clicks,
    adds: b.adds,
    orders: t + b.holdout.n,
    ctr: ratio(b.clicks, b.impressions),
    addRate: ratio(b.adds, b.impressions),
    attachRate: ratio(b.attached, t),
    upgradeRate: ratio(b.upgraded, t),
    offerRevenue: b.offerRevenue,
    offerMargin: b.offerItemsWithoutCost > 0 ? null : b.offerMargin,
    aov: { treatment: treatment.mean, holdout: holdout.mean, lift, ci95 },
    detail: { treatment, holdout, offerOrders: b.offerOrders, offerItemsWithoutCost: b.offerItemsWithoutCost, df },
  };
}
