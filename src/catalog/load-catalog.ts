import type { Catalog } from '../types';
import { parseCatalog, type CatalogProblem } from './parse-catalog';

export type LoadResult =
  | { ok: true; catalog: Catalog; problems: CatalogProblem[] }
  | { ok: false; code: 'catalog-fetch' | 'catalog-invalid'; message: string };

/**
 * Fetch, parse and validate the catalog at `url`. Never throws:
 * - `catalog-fetch`: network error, abort, or a non-2xx status (named in the message);
 * - `catalog-invalid`: the body is not JSON, or `parseCatalog` rejects the document whole.
 * Non-fatal problems (skipped products/links) come back with the catalog.
 * `fetchFn` is injected so this module touches no globals.
 */
export async function loadCatalog(url: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<LoadResult> {
  let code: 'catalog-fetch' | 'catalog-invalid' = 'catalog-fetch';
  let message: string;
  try {
    const res = await fetchFn(url, { method: 'GET', credentials: 'same-origin', signal });
    if (!res.ok) message = 'catalog request failed: HTTP ' + res.status;
    else {
      // Reading the body can still fail on the network; only JSON.parse failing means bad JSON.
      const text = await res.text();
      code = 'catalog-invalid';
      const result = parseCatalog(JSON.parse(text));
      if (result.ok) return result;
      message = result.error;
    }
  } catch {
    message =
      code == 'catalog-invalid'
        ? 'catalog is not valid JSON'
        : signal?.aborted
          ? 'catalog request aborted'
          : 'catalog request failed: network error';
  }
  return { ok: false, code, message: `${message} (${url})` };
}
