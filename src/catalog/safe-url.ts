/**
 * Refused outright rather than stripped: the empty string, leading/trailing whitespace (`\s` is
 * exactly what `trim()` strips) and ASCII control characters. Browsers strip those before
 * reading the scheme, so `java\tscript:` or `\u0001javascript:` would otherwise slip past the
 * scheme check and still run.
 */
const REFUSED = /^$|^\s|\s$|[\0-\x1f\x7f]/;
/**
 * A scheme other than http(s) at the start, as the WHATWG URL parser reads one: an ASCII
 * letter, then letters, digits, `+`, `-`, `.`, then `:`.
 */
const OTHER_SCHEME = /^(?!https?:)[a-z][a-z\d+.-]*:/i;

/**
 * Whether a catalog URL (product `url` or `image`) is safe to put in `href`/`src`:
 * `http:`/`https:` (any case), protocol-relative `//host/…`, or a relative reference
 * (`/p/x`, `p/x`, `./x`, `?q`, `#h`). Every other scheme (`javascript:`, `data:`, `vbscript:`,
 * `file:`, …) is refused.
 */
export const isSafeUrl = (value: unknown): value is string =>
  typeof value == 'string' && !REFUSED.test(value) && !OTHER_SCHEME.test(value);
