import type { Catalog } from '../types';
import { parseCatalogSteps, type CatalogProblem, type ParseResult } from './parse-catalog';

export type LoadFailure = { ok: false; code: 'catalog-fetch' | 'catalog-invalid'; message: string };
export type LoadResult = { ok: true; catalog: Catalog; problems: CatalogProblem[] } | LoadFailure;
export type JsonResult = { ok: true; json: unknown } | LoadFailure;

/**
 * Fetch `url` and parse its body as JSON. Never throws:
 * - `catalog-fetch`: network error, abort, or a non-2xx status (named in the message);
 * - `catalog-invalid`: the body is not JSON.
 * `fetchFn` is injected so this module touches no globals.
 */
export async function fetchJson(url: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<JsonResult> {
  try {
    const res = await fetchFn(url, { method: 'GET', credentials: 'same-origin', signal });
    if (!res.ok) return invalid('catalog request failed: HTTP ' + res.status, url, 'catalog-fetch');
    // Reading the body can still fail on the network; only JSON.parse failing means bad JSON.
    const text = await res.text();
    try {
      return { ok: true, json: JSON.parse(text) };
    } catch {
      return invalid('catalog is not valid JSON', url);
    }
  } catch {
    return invalid(signal?.aborted ? 'catalog request aborted' : 'catalog request failed: network error', url, 'catalog-fetch');
  }
}

/** A failure whose message names the URL. */
export const invalid = (message: string, url: string, code: LoadFailure['code'] = 'catalog-invalid'): LoadFailure => ({
  ok: false,
  code,
  message: `${message} (${url})`,
});

/**
 * Fetch, parse and validate the catalog at `url`; `catalog-invalid` too when `parseCatalog`
 * rejects the document whole. Non-fatal problems (skipped products/links) come back with the
 * catalog. After every product and link it awaits `pause()`, which lets the page run once the
 * task has had its share (no long task on a slow phone).
 */
export async function loadCatalog(
  url: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
  pause?: () => unknown,
): Promise<LoadResult> {
  const got = await fetchJson(url, fetchFn, signal);
  if (!got.ok) return got;
  const steps = parseCatalogSteps(got.json);
  let step: IteratorResult<void, ParseResult>;
  // A pause before the first slice too: JSON.parse has just had its share of this task.
  do await pause?.();
  while (!(step = steps.next()).done);
  const result = step.value;
  return result.ok ? result : invalid(result.error, url);
}
