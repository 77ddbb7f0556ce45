/**
 * The offers API as a Cloudflare Worker (module syntax), on a sharded catalog directory
 * (index.json + shards/{n}.json, as `offerwise build --shard` writes it) that the Worker reads
 * through a binding: `CATALOG`, a service answering `GET /<path>` (workerd's `disk` service in
 * config.capnp, or any origin), or `CATALOG_BUCKET`, an R2 bucket holding the same files
 * (wrangler.toml). Each request loads only the shards it needs, and parsed shards stay in the
 * isolate between requests. `ORIGINS` lists the store origins allowed to read the answers
 * (comma-separated, or `*`).
 */
import { createFetchHandler, readShardIndex, shardPath } from 'offerwise/server';

/** The bindings this Worker reads (config.capnp, wrangler.toml). */
export interface Env {
  /** A service binding (workerd `disk` service, another Worker, an origin) serving the directory. */
  CATALOG?: { fetch(input: string): Promise<Response> };
  /** An R2 bucket holding the directory's files under their paths. */
  CATALOG_BUCKET?: { get(key: string): Promise<{ json(): Promise<unknown> } | null> };
  /** `https://shop.example,https://www.shop.example`, or `*`. */
  ORIGINS?: string;
}

type Handler = (request: Request) => Promise<Response>;

/** One handler per isolate, made on the first request (bindings arrive with requests). */
let handler: Promise<Handler> | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    handler ??= makeHandler(env);
    let handle: Handler;
    try {
      handle = await handler;
    } catch (error) {
      handler = undefined; // the next request tries again
      console.error(`[offerwise] catalog unavailable: ${message(error)}`);
      return new Response('{"error":"catalog unavailable"}', { status: 503, headers: { 'Content-Type': 'application/json' } });
    }
    return handle(request);
  },
};

/** index.json read once; each shard read when a request first needs it (the handler keeps it). */
async function makeHandler(env: Env): Promise<Handler> {
  const read = reader(env);
  const index = await read('index.json').catch((error: unknown) => {
    throw new Error(`index.json: ${message(error)}`);
  });
  if (index === null) throw new Error('index.json: missing');
  const parsed = readShardIndex(index);
  if (!parsed.ok) throw new Error(`index.json: ${parsed.error}`);
  return createFetchHandler(
    { index, shard: (n) => read(shardPath(parsed.index, n)) },
    {
      origins: origins(env.ORIGINS),
      // A shard missing or invalid costs only its offers; it is named here (`shards/3.json: missing`).
      onError: (error) => console.error(`[offerwise] ${message(error)}`),
      onWarning: (text) => console.warn(`[offerwise] ${text}`),
      bodyDeadline: () => AbortSignal.timeout(10_000),
    },
  );
}

/** A file of the catalog directory, JSON-parsed; `null` when there is no such file; rejects on any other failure. */
function reader(env: Env): (path: string) => Promise<unknown> {
  const bucket = env.CATALOG_BUCKET;
  if (bucket) return async (path) => (await bucket.get(path))?.json() ?? null;
  const service = env.CATALOG;
  if (!service) throw new Error('no CATALOG or CATALOG_BUCKET binding');
  return async (path) => {
    // The host is a placeholder: a service binding receives every request whatever its URL.
    const response = await service.fetch(`https://catalog/${path}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  };
}

/** `ORIGINS` as the handler takes them: each `scheme://host[:port]` as browsers send it. */
function origins(list = ''): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s === '*' ? s : new URL(s).origin));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
