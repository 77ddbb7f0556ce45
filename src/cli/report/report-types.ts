/**
 * The report's data: the events it reads (validated by parse-event.ts) and the figures it
 * computes (create-report.ts). Plain data; the formatters decide how it is shown.
 */

export const EVENT_TYPES = ['render', 'impression', 'click', 'add', 'dismiss', 'holdout', 'purchase'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const GROUPS = ['treatment', 'holdout'] as const;
export type Group = (typeof GROUPS)[number];

export const OFFER_KINDS = ['cross-sell', 'upsell'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** The breakdown key used when an event has no `segment` or `placement`. */
export const UNKNOWN = 'unknown';

/** One line item of a purchase. */
export interface PurchaseItem {
  id: string;
  price: number;
  qty: number;
  /** The unit cost, when the event carries it (the catalog may fill it in later). */
  cost?: number;
  /** Set when the item was bought from an offer. */
  offer?: OfferKind;
}

interface BaseEvent {
  group: Group;
  segment?: string;
  placement?: string;
  /** The shopper's id (every beacon line has one), as a string. */
  visitor?: string;
  /** A 3-letter code, upper case, when the event carries a valid one (GA4 purchases do). */
  currency?: string;
}

export interface PurchaseEvent extends BaseEvent {
  t: 'purchase';
  /** Numbers are turned into strings: `1001` and `"1001"` are the same order. */
  orderId: string;
  value: number;
  items: PurchaseItem[];
}

export interface OtherEvent extends BaseEvent {
  t: Exclude<EventType, 'purchase'>;
  /** The offered product, as a string (kept for `add` events: where an offer item was added). */
  productId?: string;
}

/** A validated event: only the fields the report reads. */
export type ReportEvent = PurchaseEvent | OtherEvent;

/** A group's mean order value with its own 95% interval (for the chart's error bars). */
export interface GroupAov {
  orders: number;
  mean: number | null;
  /** Student t interval of the mean; null below two orders. */
  ci95: [number, number] | null;
}

/** The figures for one scope: everything, one segment or one placement. */
export interface Kpis {
  impressions: number;
  clicks: number;
  adds: number;
  /** Distinct orders, both groups. */
  orders: number;
  /** clicks ÷ impressions; null without impressions. */
  ctr: number | null;
  /** adds ÷ impressions; null without impressions. */
  addRate: number | null;
  /** Treatment orders with a cross-sell item ÷ treatment orders; null without treatment orders. */
  attachRate: number | null;
  /** Treatment orders with an upsell item ÷ treatment orders; null without treatment orders. */
  upgradeRate: number | null;
  /**
   * Σ price × qty of offer items in treatment orders. Per placement, each item counts where
   * the visitor added it (their latest `add` of that product), else where the order was sent.
   */
  offerRevenue: number;
  /** Σ (price − cost) × qty of those items; null when any of their costs is unknown. */
  offerMargin: number | null;
  aov: {
    treatment: number | null;
    holdout: number | null;
    /** AOV(treatment) ÷ AOV(holdout) − 1; null without orders in both groups or a zero holdout AOV. */
    lift: number | null;
    /** 95% interval of the lift (see compare-aov.ts); null below two orders in a group. */
    ci95: [number, number] | null;
  };
  /** Details for people (table, html); not part of the JSON contract. */
  detail: {
    treatment: GroupAov;
    holdout: GroupAov;
    /** Treatment orders holding at least one offer item: the funnel's last step. */
    offerOrders: number;
    /** Offer items whose cost neither the event nor the catalog gave. */
    offerItemsWithoutCost: number;
    /** Welch–Satterthwaite degrees of freedom behind `aov.ci95`. */
    df: number | null;
  };
}

export interface RejectedLine {
  line: number;
  error: string;
}

export interface ReportResult {
  overall: Kpis;
  bySegment: Record<string, Kpis>;
  byPlacement: Record<string, Kpis>;
  /** The first `MAX_LISTED_REJECTS` rejected lines; `rejectedCount` counts them all. */
  rejectedLines: RejectedLine[];
  rejectedCount: number;
  /** Events accepted (duplicates of an order included). */
  events: number;
  /** Purchase events dropped because their `orderId` was seen before. */
  duplicateOrders: number;
  /** The distinct currency codes events carried, in order of appearance (at most `MAX_CURRENCIES`). */
  currencies: string[];
}

/** What the formatters say about the input besides its figures. */
export interface ReportMeta {
  /** The file name as given (`-` for stdin), shown in titles. */
  source: string;
  /** Lines read, blank ones included. */
  lines: number;
  /** The currency amounts are in (`--catalog`'s, else the events'); none: plain numbers. */
  currency?: string | null;
}
