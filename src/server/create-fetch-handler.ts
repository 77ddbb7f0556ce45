import type { Catalog } from '../types';
import { createApiRouter, type ApiOptions, type BodyRead } from './route-api-request';

/**
 * The offers API for fetch-style runtimes (Cloudflare Workers, Deno, Bun, Node's own
 * `Request`): the same routes, CORS and errors as `offerwise serve` (route-api-request.ts).
 *
 * ```ts
 * const handle = createFetchHandler(catalog, { origins: ['https://shop.example'] });
 * export default { fetch: handle }; // a Worker
 * ```
 * Never rejects: anything unexpected is a `500` JSON answer, reported to `options.onError`.
 */
export function createFetchHandler(catalog: Catalog, options: ApiOptions = {}): (request: Request) => Promise<Response> {
  const route = createApiRouter(catalog, options);
  return async (request) => {
    try {
      const answer = await route({
        method: request.method,
        path: new URL(request.url).pathname,
        origin: request.headers.get('Origin'),
        contentType: request.headers.get('Content-Type'),
        readBody: (maxBytes) => readBody(request, maxBytes),
      });
      const text = answer.body && request.method !== 'HEAD' ? JSON.stringify(answer.body) : null;
      return new Response(text, { status: answer.status, headers: answer.headers });
    } catch (error) {
      options.onError?.(error);
      return new Response('{"error":"internal error"}', { status: 500, headers: { 'Content-Type': 'application/json' } });
    }
  };
}

/** The body, read chunk by chunk and dropped (stream cancelled) once past `maxBytes`. */
async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  if (Number(request.headers.get('Content-Length')) > maxBytes) return { tooLarge: true };
  if (!request.body) return { chunks: [] };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks };
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {}); // nothing to do if the stream is already gone
      return { tooLarge: true };
    }
    chunks.push(value);
  }
}
