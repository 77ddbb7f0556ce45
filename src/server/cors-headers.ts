/**
 * CORS for the offers API: the widget runs on the store's origin and calls the API on
 * another, so the API must say which origins may read its answers. Pure, for every runtime.
 */

/** Seconds a browser may cache a preflight answer (browsers clamp it: Chrome to 2 hours). */
export const PREFLIGHT_MAX_AGE = 86_400;

/**
 * A configured origin in the form browsers send in `Origin` (`https://shop.example`, no path,
 * no trailing slash, lower-case host, default port dropped), or `*`. `undefined` when it is
 * not an http(s) origin, so a typo fails at start-up rather than silently refusing the store.
 */
export function normalizeOrigin(value: string): string | undefined {
  if (value === '*') return value;
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return /^https?:$/.test(url.protocol) && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CORS headers for a request from `origin` (its `Origin` header, `null` when absent):
 * `Access-Control-Allow-Origin` echoing an allowed origin, or `*` when `*` is allowed; nothing
 * for any other origin, which the browser then refuses to read. `Vary: Origin` always, so no
 * cache hands one origin's answer to another. With `preflight` (`OPTIONS`), an allowed
 * origin also gets the methods, the `Content-Type` header and a max-age.
 */
export function corsHeaders(
  origin: string | null,
  allowed: readonly string[],
  preflight?: { methods: string },
): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  const allow = allowed.includes('*') ? '*' : origin !== null && allowed.includes(origin) ? origin : undefined;
  if (!allow) return headers;
  headers['Access-Control-Allow-Origin'] = allow;
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = preflight.methods;
    headers['Access-Control-Allow-Headers'] = 'Content-Type';
    headers['Access-Control-Max-Age'] = String(PREFLIGHT_MAX_AGE);
  }
  return headers;
}
