import type { LoadResult } from '../catalog/load-catalog';
import type { EndpointAnswer } from '../chunks/endpoint';
import type { Group } from '../actions/beacon';
import type { Config } from '../config/read-config';
import { choose } from '../engine/choose';
import { anchorLines } from '../engine/offers';
import type { Catalog, Context, Offer } from '../types';
import { inHoldout } from './holdout';

/** What one slot's offers are computed from. */
export interface SlotInput {
  config: Config;
  context: Context;
  /** The shopper's local date, `YYYY-MM-DD`. */
  today: string;
  /** The id R12 buckets: the visitor's with consent, else the page view's. */
  bucket(): string;
}

/** Where offers come from; the widget wires these to its file cache and its chunks. */
export interface OfferSources {
  /** The catalog (or, for a sharded one, the shards these anchors need); undefined: that feature is off (already reported). */
  catalog(url: string, anchors: string[]): Promise<LoadResult | undefined>;
  /** The endpoint's offers; a string says why there are none; undefined: not asked (it failed before). */
  endpoint(url: string, request: object, max: number): Promise<EndpointAnswer | string | undefined>;
}

/** An `offerwise:error` to dispatch. */
export interface SlotError {
  code: string;
  message: string;
}

/** What a slot shows, and why. Made once per refresh and never changed. */
export interface SlotRecord {
  readonly config: Config;
  readonly context: Context;
  readonly group: Group;
  /** In display order; empty for the holdout and on failure. */
  readonly offers: readonly Offer[];
  readonly currency: string | undefined;
  /** The catalog the offers came from; none for the endpoint's offers or on failure. */
  readonly catalog?: Catalog | undefined;
  /** Errors to report, in order (an endpoint failure, then a catalog failure). */
  readonly errors: readonly SlotError[];
  /** Nothing could be computed: the slot renders nothing. */
  readonly failed: boolean;
}

/** The products a placement's offers relate to (the engine's anchors). */
export const anchorsOf = (context: Context): string[] => anchorLines(context).map((line) => line.id);

/**
 * One slot's offers: the holdout (R12), the endpoint with its fallback to the catalog
 * (offers-api.md), the shards the anchors need, and `choose`. Pure but for `sources`.
 */
export async function computeSlot(input: SlotInput, sources: OfferSources): Promise<SlotRecord> {
  const { config, context, today } = input;
  const { holdout, endpoint, catalog: url } = config;
  const errors: SlotError[] = [];
  const group: Group = holdout && inHoldout(input.bucket(), holdout) ? 'holdout' : 'treatment';
  // data-currency first, else the endpoint's or the catalog's.
  const record = ({ currency, ...fields }: Partial<SlotRecord>): SlotRecord =>
    Object.freeze({ config, context, group, offers: [], errors, failed: false, ...fields, currency: config.currency ?? currency });

  if (!url && !endpoint) {
    errors.push({ code: 'config', message: 'data-catalog is missing' });
    return record({ failed: true });
  }
  // Fetch mode: the endpoint's offers; on any failure, the catalog's.
  if (endpoint && group === 'treatment') {
    // The request body is the context's fields (offers-api.md names them alike), a missing product as null.
    const request = { version: 1, ...context, product: context.product ?? null, locale: config.locale, today };
    const answer = await sources.endpoint(endpoint, request, context.max);
    if (typeof answer == 'object') return record(answer); // its offers and currency (EndpointAnswer)
    if (answer) errors.push({ code: 'endpoint', message: answer });
    if (!url) return record({ failed: true });
  }
  if (!url) return record({}); // the holdout of an endpoint-only page: nothing to load
  const loaded = await sources.catalog(url, anchorsOf(context));
  if (!loaded?.ok) {
    // undefined: the catalog is off, already reported.
    if (loaded) errors.push({ code: loaded.code, message: loaded.message });
    return record({ failed: true });
  }
  const { catalog } = loaded;
  return record({ catalog, currency: catalog.currency, offers: group === 'holdout' ? [] : choose(catalog, context, today) });
}
