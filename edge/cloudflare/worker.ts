/**
 * The offers API as a Cloudflare Worker (module syntax), on a sharded catalog directory
 * (index.json + shards/{n}.json, as `offerwise build --shard` writes it) that the Worker reads
 * through a binding: `CATALOG`, a service answering `GET /<path>` (workerd's `disk` service in
 * config.capnp, or any origin), or `CATALOG_BUCKET`, an R2 bucket holding the same files
 * (wrangler.toml). `ORIGINS` lists the store origins allowed to read the answers
 * (comma-separated, or `*`).
 */
import { createFetchHandler, mergeShards, readShardIndex, shardPath } from 'offerwise/server';

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

async function makeHandler(env: Env): Promise<Handler> {
  const read = reader(env);
  const parsed = readShardIndex(await read('index.json'));
  if (!parsed.ok) throw new Error(`index.json: ${parsed.error}`);
  const { index } = parsed;
  const onError = (error: unknown) => console.error(`[offerwise] ${message(error)}`);
  // A shard that cannot be read is reported and counts as empty: it costs only its offers.
  const shards = await Promise.all(
    Array.from({ length: index.count }, async (_, n) => {
      const shard = await read(shardPath(index, n)).catch((error: unknown) => (onError(error), null));
      if (shard === null) onError(new Error(`${shardPath(index, n)}: missing`));
      return shard ?? { version: 1, currency: index.currency, products: [], links: [] };
    }),
  );
  const merged = mergeShards(index, shards);
  if (!merged.ok) throw new Error(merged.error);
  for (const w of merged.warnings) onError(new Error(`${w.file}: ${w.message}`));
  return createFetchHandler(merged.catalog, { origins: origins(env.ORIGINS), onError });
}

/** A file of the catalog directory, JSON-parsed; `null` when there is no such file. */
function reader(env: Env): (path: string) => Promise<unknown> {
  const bucket = env.CATALOG_BUCKET;
  if (bucket) return async (path) => (await bucket.get(path))?.json() ?? null;
  const service = env.CATALOG;
  if (!service) throw new Error('no CATALOG or CATALOG_BUCKET binding');
  return async (path) => {
    // The host is a placeholder: a service binding receives every request whatever its URL.
    const response = await service.fetch(`https://catalog/${path}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
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
