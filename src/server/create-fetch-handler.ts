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
 * route-api-request.ts, the body read as a stream and cut at 64 KB (`413`) or at
 * `bodyDeadline` (`408`).
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
      return new Response(text, { status: answer.status, headers: answer.headers });
    } catch (error) {
      options.onError?.(error);
      return new Response('{"error":"internal error"}', { status: 500, headers: { 'Content-Type': 'application/json' } });
    }
  };
}

/**
 * The body, read chunk by chunk and dropped (stream cancelled) once past `maxBytes`, or once
 * `deadline` aborts before its end.
 */
async function readBody(request: Request, maxBytes: number, deadline?: AbortSignal): Promise<BodyRead> {
  if (Number(request.headers.get('Content-Length')) > maxBytes) return { tooLarge: true };
  if (deadline?.aborted) return { timedOut: true };
  if (!request.body) return { chunks: [] };
  const reader = request.body.getReader();
  const stop = () => void reader.cancel().catch(() => {}); // nothing to do if the stream is already gone
  let onAbort = () => {};
  const late = new Promise<'late'>((resolve) => (onAbort = () => resolve('late')));
  deadline?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
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
  } finally {
    deadline?.removeEventListener('abort', onAbort);
  }
}
