import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What a request handler gets from `watchDeadlines().begin`. */
export interface RequestDeadline {
  /** Aborted when the deadline passes while the request is being read: answer `408`. */
  signal: AbortSignal;
  /** The request has been read (the answer is decided): its deadline no longer applies. */
  settle(): void;
}

export interface DeadlineOptions {
  /** How long a request's headers and body together may take to arrive. */
  ms: number;
  now: () => number;
  /** The log line of a request cut before its headers were whole (`- - 408 10000ms`). */
  log: (line: string) => void;
}

/** Sent on the socket itself when the headers never came whole (there is no response object yet). */
const TIMEOUT_BODY = '{"error":"request timeout"}';
const RAW_408 =
  'HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\n' +
  `Content-Length: ${TIMEOUT_BODY.length}\r\nConnection: close\r\n\r\n${TIMEOUT_BODY}`;

interface Watch {
  timer?: ReturnType<typeof setTimeout>;
  /** When the current request's time started, and the socket's bytes read by then. */
  start: number;
  bytesAtStart: number;
  /** Set once the request's headers are in and a handler reads its body. */
  request?: AbortController;
}

/**
 * Deadlines of our own, per connection: each request's headers and body must arrive within
 * `ms` of its start, the connection or (kept alive) the end of the previous answer. Node's
 * `headersTimeout` and `requestTimeout` are only checked every 30 s (a client sending a byte a
 * second got its 408 after 37 s, not 10), and a handler never learns of them (it logged 400).
 * Here a timer per connection fires on time:
 * - headers not whole yet: `408` written on the socket, logged as `- - 408 …ms`, connection closed;
 *   a connection that sent nothing at all is closed without a word, as an idle one would be;
 * - headers in, body still coming: the handler's `signal` aborts, and it answers (and logs) `408`.
 */
export function watchDeadlines(server: Server, options: DeadlineOptions): { begin(req: IncomingMessage, res: ServerResponse): RequestDeadline } {
  const { ms, now, log } = options;
  const watches = new WeakMap<Socket, Watch>();

  const arm = (socket: Socket, watch: Watch) => {
    clearTimeout(watch.timer);
    watch.request = undefined;
    if (socket.destroyed) return;
    watch.start = now();
    watch.bytesAtStart = socket.bytesRead;
    watch.timer = setTimeout(() => expire(socket, watch), ms);
    watch.timer.unref();
  };

  const expire = (socket: Socket, watch: Watch) => {
    watch.timer = undefined;
    if (watch.request) return watch.request.abort();
    if (socket.bytesRead === watch.bytesAtStart || !socket.writable) return void socket.destroy();
    log(`- - 408 ${Math.round(now() - watch.start)}ms`);
    socket.end(RAW_408, () => socket.destroy());
  };

  server.on('connection', (socket: Socket) => {
    const watch: Watch = { start: 0, bytesAtStart: 0 };
    watches.set(socket, watch);
    socket.on('close', () => clearTimeout(watch.timer));
    arm(socket, watch);
  });

  return {
    begin(req, res) {
      const controller = new AbortController();
      const socket = req.socket;
      const watch = watches.get(socket);
      if (!watch) return { signal: controller.signal, settle: () => {} };
      watch.request = controller;
      // The next request on a kept-alive connection gets its own time, from this answer's end.
      res.once('finish', () => arm(socket, watch));
      return {
        signal: controller.signal,
        settle: () => {
          clearTimeout(watch.timer);
          watch.request = undefined;
        },
      };
    },
  };
}
