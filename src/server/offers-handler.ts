import { choose } from '../engine/choose';
import type { Catalog, CatalogLookup, Context } from '../types';
import { toOfferJson, type OffersResponse } from './to-offer-json';
import { readOffersRequest, type RequestError } from './read-offers-request';

export type { OfferJson, OffersResponse } from './to-offer-json';
export type { RequestError } from './read-offers-request';

/**
 * The offers API's core (offers-api.md): a parsed JSON request body in, a status and JSON
 * body out. Pure and runtime-agnostic (no Node, no clock: `today` is the server's date,
 * `YYYY-MM-DD`, used when the request has none), so it runs unchanged in a Worker or at the
 * edge; see route-api-request.ts for HTTP around it.
 *
 * - `400` `{ error, field }`: the first bad field (read-offers-request.ts), e.g.
 *   `{ "error": "cart[2].qty: expected an integer ≥ 1", "field": "cart[2].qty" }`;
 * - `200` `{ offers, currency }`: what `choose()` picks, best first, at most `max`.
 *
 * The catalog is trusted: it went through parseCatalog, so every URL in an answer is safe.
 */
export function handleOffersRequest(
  body: unknown,
  catalog: Catalog,
  today: string,
): { status: 200; body: OffersResponse } | { status: 400; body: RequestError } {
  const request = readOffersRequest(body);
  if (!request.ok) return { status: 400, body: { error: request.error, field: request.field } };
  return { status: 200, body: answerOffers(catalog, request.context, request.today ?? today) };
}

/** The `200` body for a valid request's context (the router calls it once it has the catalog the context needs). */
export function answerOffers(catalog: CatalogLookup, context: Context, today: string): OffersResponse {
  return { offers: choose(catalog, context, today).map(toOfferJson), currency: catalog.currency };
}
