import type { Kpis, ReportResult } from './report-types';

/** The JSON contract of analytics.md for one scope, plus `ctr` and `addRate`. */
export interface KpisJson {
  impressions: number;
  clicks: number;
  adds: number;
  orders: number;
  attachRate: number | null;
  upgradeRate: number | null;
  offerRevenue: number;
  offerMargin: number | null;
  aov: { treatment: number | null; holdout: number | null; lift: number | null; ci95: [number, number] | null };
  ctr: number | null;
  addRate: number | null;
}

export interface ReportJson {
  overall: KpisJson;
  bySegment: Record<string, KpisJson>;
  byPlacement: Record<string, KpisJson>;
  rejectedLines: { line: number; error: string }[];
  rejectedCount: number;
  /** The 3-letter code every amount above is in (`--catalog`'s, else the events'); null when unknown. */
  currency: string | null;
}

/**
 * Floating-point sums leave noise (0.1 + 0.2 = 0.30000000000000004); twelve significant
 * digits drop it and keep every digit that means anything.
 */
const clean = (x: number): number => (Number.isInteger(x) ? x : Number(x.toPrecision(12)));
const cleanOrNull = (x: number | null): number | null => (x === null ? null : clean(x));

function toJsonKpis(k: Kpis): KpisJson {
  return {
    impressions: k.impressions,
    clicks: k.clicks,
    adds: k.adds,
    orders: k.orders,
    attachRate: cleanOrNull(k.attachRate),
    upgradeRate: cleanOrNull(k.upgradeRate),
    offerRevenue: clean(k.offerRevenue),
    offerMargin: cleanOrNull(k.offerMargin),
    aov: {
      treatment: cleanOrNull(k.aov.treatment),
      holdout: cleanOrNull(k.aov.holdout),
      lift: cleanOrNull(k.aov.lift),
      ci95: k.aov.ci95 && [clean(k.aov.ci95[0]), clean(k.aov.ci95[1])],
    },
    ctr: cleanOrNull(k.ctr),
    addRate: cleanOrNull(k.addRate),
  };
}

const mapValues = (r: Record<string, Kpis>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toJsonKpis(v)]));

/**
 * The report as analytics.md's JSON object (only the contract's fields, in its order), then
 * `rejectedCount` and `currency`. Amounts stay plain numbers; `currency` says in what.
 */
export function toReportJson(r: ReportResult, currency: string | null = null): ReportJson {
  return {
    overall: toJsonKpis(r.overall),
    bySegment: mapValues(r.bySegment),
    byPlacement: mapValues(r.byPlacement),
    rejectedLines: r.rejectedLines.map(({ line, error }) => ({ line, error })),
    rejectedCount: r.rejectedCount,
    currency,
  };
}

export const formatJson = (r: ReportResult, currency: string | null = null): string =>
  JSON.stringify(toReportJson(r, currency), null, 2) + '\n';
