import { corsHeaders } from './cors-headers';
import { decodeBody } from './decode-body';
import { answerOffers } from './offers-handler';
import { readOffersRequest } from './read-offers-request';
import type { CatalogProvider } from './sharded-catalog';

/** Request bodies past this many bytes get `413` (offers-api.md). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * A body as read by a runtime's adapter: its bytes, or that it ran past the limit, or that it
 * did not arrive by the adapter's deadline (`408`); reading stopped in both.
 */
export type BodyRead = { chunks: Uint8Array[] } | { tooLarge: true } | { timedOut: true };

/** The little of an HTTP request the API looks at; each runtime's adapter fills it in. */
export interface ApiRequest {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The `Origin` header; `null` when absent. */
  origin: string | null;
  /** The `Content-Type` header; `null` when absent. */
  contentType: string | null;
  /**
   * Reads the body, stopping as soon as it runs past `maxBytes`. Called at most once, only
   * for `POST /offers`. May reject (the client went away).
   */
  readBody(maxBytes: number): Promise<BodyRead>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body; none for `204`. */
  body?: object;
}

export interface ApiOptions {
  /** Origins allowed to read answers (normalized, see `normalizeOrigin`), or `['*']`. @default none */
  origins?: readonly string[];
  /** The server's date, `YYYY-MM-DD`, for requests without `today`. @default the UTC date now */
  today?: () => string;
  /**
   * Told of every unexpected exception (the client gets a `500`), and of every shard of a
   * sharded source that could not be used (a `ShardError`; the answer leaves its offers out).
   */
  onError?: (error: unknown) => void;
}

/** Methods per path. A Map, so a path like `/__proto__` finds nothing. */
const ROUTES = new Map([
  ['/offers', ['POST']],
  ['/health', ['GET', 'HEAD']],
]);

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;
const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

const utcToday = () => new Date().toISOString().slice(0, 10);

/**
 * The offers API's HTTP behaviour, for any runtime: `POST /offers`, `GET /health`, `OPTIONS`
 * preflight, CORS, and JSON errors (`404`, `405` with `Allow`, `415`, `413`, `408`, `400`, `500`).
 * Every answer is JSON with CORS headers, so a browser can read even the errors. Never
 * rejects: an unexpected exception is a `500` `{ error }`, reported to `onError`. The
 * catalog comes from `source` (sharded-catalog.ts), per request once its body is read.
 */
export function createApiRouter(source: CatalogProvider, options: ApiOptions = {}): (request: ApiRequest) => Promise<ApiResponse> {
  const { origins = [], today = utcToday, onError } = options;

  return async (request) => {
    const cors = corsHeaders(request.origin, origins);
    const json = (status: number, body: object, extra?: Record<string, string>): ApiResponse => ({
      status,
      headers: { ...JSON_HEADERS, ...cors, ...extra },
      body,
    });
    try {
      const methods = ROUTES.get(request.path);
      if (!methods) return json(404, { error: 'not found' });
      const allow = [...methods, 'OPTIONS'].join(', ');
      if (request.method === 'OPTIONS')
        return { status: 204, headers: corsHeaders(request.origin, origins, { methods: allow }) };
      if (!methods.includes(request.method)) return json(405, { error: 'method not allowed' }, { Allow: allow });
      if (request.path === '/health') return json(200, source.health());

      // POST /offers: JSON, said so (offers-api.md). A body without a type is not taken on trust.
      if (request.contentType === null || !JSON_TYPE.test(request.contentType))
        return json(415, { error: 'expected Content-Type: application/json' });
      let read: BodyRead;
      try {
        read = await request.readBody(MAX_BODY_BYTES);
      } catch {
        return json(400, { error: 'request body could not be read', field: '$' });
      }
      if ('tooLarge' in read) return json(413, { error: `request body over ${MAX_BODY_BYTES / 1024} KB` });
      if ('timedOut' in read) return json(408, { error: 'request timeout' });
      let body: unknown;
      try {
        body = JSON.parse(decodeBody(read.chunks)); // either throws on bytes that are not UTF-8 JSON
      } catch {
        return json(400, { error: 'invalid JSON', field: '$' });
      }
      const offers = readOffersRequest(body);
      if (!offers.ok) return json(400, { error: offers.error, field: offers.field });
      const date = offers.today ?? today();
      return json(200, answerOffers(await source.catalogFor(offers.context), offers.context, date));
    } catch (error) {
      onError?.(error);
      return json(500, { error: 'internal error' });
    }
  };
}
