import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createAnswerer, type FetchHandlerOptions } from '../../server/create-fetch-handler';
import { ShardError, type CatalogSource, type ShardCacheOptions } from '../../server/sharded-catalog';
import { watchDeadlines } from './watch-deadlines';

export interface ServerOptions extends ShardCacheOptions {
  /**
   * A validated catalog, or a sharded one whose shards are read as requests need them
   * (load-catalog-source.ts), at most `maxShards` and `maxShardBytes` of them kept.
   */
  catalog: CatalogSource;
  /** `0` picks a free port. @default 8787 */
  port?: number;
  /** @default '127.0.0.1' (loopback: nothing else can reach it unless asked to) */
  host?: string;
  /** Origins allowed by CORS, normalized (cors-headers.ts), or `['*']`. @default none */
  origins?: readonly string[];
  /** One line per request: `POST /offers 200 3ms`. @default none */
  log?: (line: string) => void;
  /** Every unexpected exception (the client got a `500`). @default none */
  logError?: (error: unknown) => void;
  /** A shard that could not be used (its offers were left out). @default `logError` */
  onShardError?: (error: ShardError) => void;
  /** Problems that did not stop a file of a sharded catalog (fetch handler's `onWarning`). @default none */
  onWarning?: FetchHandlerOptions['onWarning'];
  /** Milliseconds, for the log's durations. @default performance.now */
  now?: () => number;
  /** The server's date for requests without `today`. @default the UTC date now */
  today?: () => string;
  /**
   * A request's headers and body must arrive within this many milliseconds of its start (the
   * connection, or the previous answer on a kept-alive one), or it gets `408` and is closed.
   * @default REQUEST_TIMEOUT_MS
   */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** The port it listens on (the one picked, with `port: 0`). */
  port: number;
  /** Stops accepting, lets requests in flight finish (cut after a few seconds). Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
/** A whole request (headers and body) must arrive within this, so slow clients can't hold sockets. */
export const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Node's own request and headers timeouts, behind ours (watch-deadlines.ts) in case a socket
 * escapes them: Node checks them only every 30 s, and its `408` is not logged.
 */
const NODE_TIMEOUT_MARGIN_MS = 5_000;
/** How long `close()` waits for requests in flight before cutting their connections. */
const CLOSE_GRACE_MS = 3_000;

const noop = () => {};

/**
 * The offers API on Node (offers-api.md, "Reference server"): the very fetch handler an edge
 * runtime runs (server/create-fetch-handler.ts), served through @hono/node-server, with
 * Node's deadlines, logging and lifecycle around it; its answers are written to Node's
 * response as they come (`createAnswerer`), not made a `Response` that the adapter would read
 * back as a stream. Resolves once listening; rejects when it cannot listen (`EADDRINUSE`…).
 *
 * It never crashes on input: the handler turns any exception into a `500` JSON answer
 * (logged), request and response stream errors are swallowed, and malformed HTTP gets Node's
 * own `400` (no `clientError` listener is installed, on purpose). The handler reads bodies
 * (whole when their length is declared, else as a stream) up to 64 KB (`413`) or the
 * connection's deadline (`408`); a client too slow to
 * send its headers gets `408` from the socket itself (watch-deadlines.ts). Each request is
 * logged once its answer has gone, with the status sent (`-` when the connection was gone).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log = noop, logError = noop, now = () => performance.now(), requestTimeoutMs = REQUEST_TIMEOUT_MS, onShardError } = options;
  /** Each request's body deadline: its connection's (watch-deadlines.ts), handed to the fetch handler. */
  const bodyDeadlines = new WeakMap<Request, AbortSignal>();
  const handlerOptions: FetchHandlerOptions = {
    origins: options.origins ?? [],
    onError: (e) => (onShardError && e instanceof ShardError ? onShardError(e) : logError(e)),
    bodyDeadline: (request) => bodyDeadlines.get(request),
  };
  if (options.onWarning) handlerOptions.onWarning = options.onWarning;
  if (options.today) handlerOptions.today = options.today;
  if (options.maxShards !== undefined) handlerOptions.maxShards = options.maxShards;
  if (options.maxShardBytes !== undefined) handlerOptions.maxShardBytes = options.maxShardBytes;
  const answer = createAnswerer(options.catalog, handlerOptions);

  const server = createAdaptorServer({
    // The process's own Request and Response stay as they are.
    overrideGlobalObjects: false,
    fetch: async (request, env) => {
      const { incoming, outgoing } = env as HttpBindings;
      const deadline = deadlines.begin(incoming, outgoing);
      bodyDeadlines.set(request, deadline.signal);
      try {
        const { status, headers, text } = await answer(request);
        // A body left unread (a 413, a 408, one sent where none is read) is not worth reading
        // to keep the connection alive: it closes after this answer instead.
        if (hasBody(incoming) && !incoming.complete) headers.Connection = 'close';
        if (text !== null) headers['Content-Length'] = String(Buffer.byteLength(text));
        outgoing.writeHead(status, headers);
        outgoing.end(text ?? undefined);
        return RESPONSE_ALREADY_SENT;
      } catch (error) {
        // The handler never rejects: only a throwing logger gets here.
        quietly(() => logError(error));
        return new Response('{"error":"internal error"}', { status: 500, headers: { 'Content-Type': 'application/json', Connection: 'close' } });
      } finally {
        deadline.settle();
      }
    },
  }) as Server;

  // Before the adapter's own 'request' listener: the clock starts first, and the line is
  // written once the answer has gone out (or the connection has), whoever answered.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const start = now();
    // A stream error (the client reset) must never reach the process as an unhandled 'error'.
    req.on('error', noop);
    res.on('error', noop);
    res.once('close', () => {
      // The connection was gone before the answer could go out: `-`, not a status never sent.
      const status = res.writableFinished ? res.statusCode : '-';
      quietly(() => log(`${req.method ?? '?'} ${printable(pathOf(req.url ?? '/'))} ${status} ${Math.round(now() - start)}ms`));
    });
  });
  const deadlines = watchDeadlines(server, { ms: requestTimeoutMs, now, log });
  server.requestTimeout = requestTimeoutMs + NODE_TIMEOUT_MARGIN_MS;
  server.headersTimeout = requestTimeoutMs + NODE_TIMEOUT_MARGIN_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', logError); // after listening: log, never throw

  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      (closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      })),
  };
}

/** Runs a logger: one that throws has nowhere left to tell, and must never crash the server. */
function quietly(report: () => void) {
  try {
    report();
  } catch {
    // nothing to do
  }
}

/** The URL's path without the query, `..` resolved; the raw text before `?` when it won't parse. */
function pathOf(url: string): string {
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return url.split('?')[0]!;
  }
}

/** Whether the request carries a body (HTTP/1.1: a non-zero Content-Length or chunked). */
const hasBody = (req: IncomingMessage) =>
  (req.headers['content-length'] ?? '0') !== '0' || req.headers['transfer-encoding'] !== undefined;

/** A client-chosen path as one safe log line: no control characters, not too long. */
const printable = (text: string) => {
  const clean = text.replace(/[^\x21-\x7e]/g, '?');
  return clean.length > 200 ? clean.slice(0, 200) + '…' : clean;
};
