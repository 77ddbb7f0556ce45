import { createApiRouter, type ApiOptions, type BodyRead } from './route-api-request';
import { catalogProvider, type CatalogSource, type ShardedOptions } from './sharded-catalog';

export interface FetchHandlerOptions extends ApiOptions, ShardedOptions {
  /**
   * A deadline for a request's body: when the signal aborts before the body is whole, reading
   * stops and the answer is `408`. `offerwise serve` passes its per-connection deadline; on an
   * edge runtime, e.g. `() => AbortSignal.timeout(10_000)`. @default none (the platform's limits)
   */
  bodyDeadline?: (request: Request) => AbortSignal | undefined;
}

/**
 * The offers API for fetch-style runtimes (Cloudflare Workers, Deno, Bun, Node through
 * @hono/node-server, as `offerwise serve` runs it): routes, CORS and errors of
 * route-api-request.ts, the body read (whole when its length is declared, else as a stream)
 * up to 64 KB (`413`) or `bodyDeadline` (`408`).
 *
 * `source` is a parsed catalog, or a sharded one (`{ index, shard(n) }`, sharded-catalog.ts):
 * then each request loads only the shards its anchors and their categories need, parsed
 * shards are kept in a bounded LRU (`maxShards`, `maxShardBytes`), and a shard that can't be
 * used is reported to `onError` and left out. A sharded source with an invalid index.json
 * throws here, at start-up, not on each request.
 *
 * ```ts
 * const handle = createFetchHandler(catalog, { origins: ['https://shop.example'] });
 * export default { fetch: (request) => handle(request) }; // a Worker
 * ```
 * Never rejects: anything unexpected is a `500` JSON answer, reported to `options.onError`.
 */
export function createFetchHandler(source: CatalogSource, options: FetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const answer = createAnswerer(source, options);
  return async (request) => {
    const { status, headers, text } = await answer(request);
    return new Response(text, { status, headers });
  };
}

/** An answer of the fetch handler before it is a `Response`: its JSON text, `null` for none. */
export interface FetchAnswer {
  status: number;
  headers: Record<string, string>;
  text: string | null;
}

/**
 * createFetchHandler's answers before they are a `Response`, for a runtime that writes them
 * itself: `offerwise serve` hands them to Node's response as they are (a `Response` there
 * costs a body stream that @hono/node-server reads back chunk by chunk). Never rejects.
 */
export function createAnswerer(source: CatalogSource, options: FetchHandlerOptions = {}): (request: Request) => Promise<FetchAnswer> {
  const route = createApiRouter(catalogProvider(source, options), options);
  const { bodyDeadline } = options;
  return async (request) => {
    try {
      const answer = await route({
        method: request.method,
        path: new URL(request.url).pathname,
        origin: request.headers.get('Origin'),
        contentType: request.headers.get('Content-Type'),
        readBody: (maxBytes) => readBody(request, maxBytes, bodyDeadline?.(request)),
      });
      const text = answer.body && request.method !== 'HEAD' ? JSON.stringify(answer.body) : null;
      return { status: answer.status, headers: answer.headers, text };
    } catch (error) {
      options.onError?.(error);
      return { status: 500, headers: { 'Content-Type': 'application/json' }, text: '{"error":"internal error"}' };
    }
  };
}

/**
 * The body: read whole when its declared `Content-Length` is within `maxBytes` (as a browser's
 * `fetch` sends it; the runtime's own read, without a stream in JavaScript: on Node through
 * @hono/node-server that saves the stream and the `Request` it would otherwise build), else
 * chunk by chunk and dropped (stream cancelled) once past `maxBytes`. Either way, given up
 * once `deadline` aborts before its end.
 */
async function readBody(request: Request, maxBytes: number, deadline?: AbortSignal): Promise<BodyRead> {
  const declared = request.headers.get('Content-Length');
  if (Number(declared) > maxBytes) return { tooLarge: true };
  if (deadline?.aborted) return { timedOut: true };
  let onAbort = () => {};
  const late = new Promise<'late'>((resolve) => (onAbort = () => resolve('late')));
  deadline?.addEventListener('abort', onAbort, { once: true });
  try {
    if (declared !== null && /^\d+$/.test(declared)) {
      // At most `maxBytes` (HTTP framing holds the body to its length); left pending when late,
      // until the connection goes (`offerwise serve` closes it after the 408).
      const whole = request.arrayBuffer();
      whole.catch(() => {}); // failing after a 408: the client went away, as expected
      const next = await Promise.race([whole, late]);
      if (next === 'late') return { timedOut: true };
      return next.byteLength > maxBytes ? { tooLarge: true } : { chunks: [new Uint8Array(next)] }; // a Request made in code may lie
    }
    return await readStream(request, maxBytes, late);
  } finally {
    deadline?.removeEventListener('abort', onAbort);
  }
}

/** A body of no declared length, chunk by chunk, dropped (stream cancelled) once past `maxBytes` or `late`. */
async function readStream(request: Request, maxBytes: number, late: Promise<'late'>): Promise<BodyRead> {
  if (!request.body) return { chunks: [] };
  const reader = request.body.getReader();
  const stop = () => void reader.cancel().catch(() => {}); // nothing to do if the stream is already gone
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await Promise.race([reader.read(), late]);
    if (next === 'late') {
      stop();
      return { timedOut: true };
    }
    if (next.done) return { chunks };
    size += next.value.byteLength;
    if (size > maxBytes) {
      stop();
      return { tooLarge: true };
    }
    chunks.push(next.value);
  }
}
