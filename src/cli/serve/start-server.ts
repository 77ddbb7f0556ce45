import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApiRouter, type ApiOptions } from '../../server/route-api-request';
import type { Catalog } from '../../types';
import { readNodeBody } from './read-node-body';
import { watchDeadlines } from './watch-deadlines';

export interface ServerOptions {
  /** A validated catalog (load-catalog-source.ts). */
  catalog: Catalog;
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
  /** Milliseconds, for the log's durations. @default performance.now */
  now?: () => number;
  /** The server's date for requests without `today`. @default the UTC date now */
  today?: ApiOptions['today'];
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
 * The offers API on `node:http` (offers-api.md, "Reference server"): the runtime-agnostic
 * router (server/route-api-request.ts) with Node's body reading, logging and lifecycle
 * around it. Resolves once listening; rejects when it cannot listen (`EADDRINUSE`…).
 *
 * It never crashes on input: every request runs inside a try/catch (an exception is a `500`
 * JSON answer, logged), request and response stream errors are swallowed, and malformed
 * HTTP gets Node's own `400` (no `clientError` listener is installed, on purpose). A client
 * too slow to send its request gets `408` on time (watch-deadlines.ts), and the log says so.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log = noop, logError = noop, now = () => performance.now(), requestTimeoutMs = REQUEST_TIMEOUT_MS } = options;
  const route = createApiRouter(options.catalog, { origins: options.origins ?? [], onError: logError, today: options.today });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const start = now();
    // A stream error (the client reset) must never reach the process as an unhandled 'error'.
    req.on('error', noop);
    res.on('error', noop);
    const method = req.method ?? '?';
    const path = pathOf(req.url ?? '/');
    const deadline = deadlines.begin(req, res);
    let status = 500;
    /** The connection was gone before the answer could go out: the log says `-`, not a status never sent. */
    let unsent = false;
    try {
      const answer = await route({
        method,
        path,
        origin: header(req, 'origin'),
        contentType: header(req, 'content-type'),
        readBody: (maxBytes) => readNodeBody(req, maxBytes, deadline.signal),
      });
      deadline.settle();
      status = answer.status;
      const body = answer.body && JSON.stringify(answer.body);
      const headers: Record<string, string | number> = { ...answer.headers };
      if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
      // A body left unread (a 413, or one sent where none is read) is not worth reading to
      // keep the connection alive: it closes after this answer instead.
      if (hasBody(req) && !req.complete) headers.Connection = 'close';
      unsent = req.socket.destroyed;
      res.writeHead(status, headers).end(body);
    } catch (error) {
      deadline.settle();
      status = 500;
      logError(error);
      unsent = req.socket.destroyed;
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'application/json', Connection: 'close' }).end('{"error":"internal error"}');
    } finally {
      log(`${method} ${printable(path)} ${unsent ? '-' : status} ${Math.round(now() - start)}ms`);
    }
  };

  const server = createServer((req, res) => {
    // `handle` catches everything itself; only a throwing logger could get here, and then
    // there is nowhere left to tell. Never let it become an unhandled rejection (a crash).
    handle(req, res).catch(noop);
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

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return typeof value == 'string' ? value : null;
};

/** A client-chosen path as one safe log line: no control characters, not too long. */
const printable = (text: string) => {
  const clean = text.replace(/[^\x21-\x7e]/g, '?');
  return clean.length > 200 ? clean.slice(0, 200) + '…' : clean;
};
