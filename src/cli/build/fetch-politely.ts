import { UserError } from '../cli-io';

/** How `--from` talks to a store; tests inject `sleep` (and shorter waits) to run fast. */
export interface HttpOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default a timer */
  sleep?: (ms: number) => Promise<void>;
  /** The first wait after a 5xx or a network error, doubled each time. @default 1000 */
  backoffMs?: number;
  /** Retries after a 5xx or a network error. @default 3 */
  retries?: number;
  /** Retries after a 429. @default 5 */
  rateLimitRetries?: number;
  /** The longest `Retry-After` waited for; a longer one stops the build. @default 120 s */
  maxWaitMs?: number;
  /** One request's time limit. @default 30 s */
  timeoutMs?: number;
  /** Progress and retry notes (stderr). */
  note?: (message: string) => void;
}

/** A page of a store's answer: its status, headers and, when it is JSON, the value. */
export interface Answer {
  url: string;
  status: number;
  headers: Headers;
  /** The body parsed, when it is JSON (`undefined` otherwise: an HTML page, a redirect to a login). */
  json: unknown;
}

/** A page larger than this is no product listing (250 products are some 1–3 MB). */
export const MAX_PAGE_BYTES = 32 << 20;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`);

/**
 * GET `url` as a polite client: a `429 Too Many Requests` waits as `Retry-After` says (seconds
 * or a date; none: the backoff) and tries again, up to `rateLimitRetries` times; a 5xx or a
 * network error (refused, reset, timed out) waits `backoffMs`, then twice that, … up to
 * `retries` times. Every other answer (200, 404, …) is returned as it is. Throws `UserError`
 * when the retries run out or the store asks to wait longer than `maxWaitMs`.
 */
export async function getPolitely(url: string, options: HttpOptions = {}): Promise<Answer> {
  return requestPolitely(url, options, 'application/json', async (res) => ({
    url,
    status: res.status,
    headers: res.headers,
    json: await readJson(res, url),
  }));
}

/**
 * `getPolitely`'s requests and waits for any answer: `accept` is the Accept header, and `read`
 * reads an answer that is not retried (any status but 429 and 5xx) into the result; an error
 * it throws while reading the body (a connection cut mid-way, the time limit) is retried as
 * a network error is.
 */
export async function requestPolitely<T>(url: string, options: HttpOptions, accept: string, read: (res: Response) => Promise<T>): Promise<T> {
  const {
    fetch: get = fetch,
    sleep = delay,
    backoffMs = 1000,
    retries = 3,
    rateLimitRetries = 5,
    maxWaitMs = 120_000,
    timeoutMs = 30_000,
    note = () => {},
  } = options;
  let failures = 0;
  let limited = 0;
  for (;;) {
    let wait: number;
    let why: string;
    try {
      const res = await get(url, {
        headers: { accept, 'user-agent': 'offerwise-build (catalog import)' },
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status !== 429 && res.status < 500) return await read(res);
      await res.body?.cancel().catch(() => {});
      why = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      const asked = retryAfter(res.headers.get('retry-after'));
      if (res.status === 429) {
        if (++limited > rateLimitRetries) throw new UserError(`${url}: still ${why} after ${rateLimitRetries} retries; try again later`);
        wait = asked ?? backoffMs * 2 ** (limited - 1);
      } else {
        if (++failures > retries) throw new UserError(`${url}: ${why} after ${retries} retries`);
        wait = asked ?? backoffMs * 2 ** (failures - 1);
      }
      if (wait > maxWaitMs) throw new UserError(`${url}: ${why}, and the store asks to wait ${seconds(wait)}; try again later`);
    } catch (e) {
      if (e instanceof UserError) throw e;
      why = describeNetworkError(e);
      if (++failures > retries) throw new UserError(`${url}: ${why} after ${retries} retries`);
      wait = backoffMs * 2 ** (failures - 1);
    }
    note(`${url}: ${why}; trying again in ${seconds(wait)}`);
    await sleep(wait);
  }
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The body as JSON, read up to `MAX_PAGE_BYTES`; `undefined` when it is not JSON. */
async function readJson(res: Response, url: string): Promise<unknown> {
  const body = await readBody(res, url, MAX_PAGE_BYTES, 'expected a product listing');
  const text = body.toString('utf8').replace(/^\ufeff/, '');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The whole body, refused (`UserError`) when it says or turns out to be larger than `max`
 * bytes: `expected` says what a body of this URL should be instead.
 */
export async function readBody(res: Response, url: string, max: number, expected: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  const mib = (bytes: number) => `${Math.round(bytes / (1 << 20))} MiB`;
  if (declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new UserError(`${url}: ${declared} bytes, past ${mib(max)}; ${expected}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body)
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > max) throw new UserError(`${url}: past ${mib(max)}; ${expected}`);
      chunks.push(chunk);
    }
  return Buffer.concat(chunks);
}

function describeNetworkError(e: unknown): string {
  const error = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError') return 'no answer in time';
  return error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(e);
}
