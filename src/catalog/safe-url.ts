/** A scheme at the start, as the WHATWG URL parser reads one: an ASCII letter, then letters, digits, `+`, `-`, `.`, then `:`. */
const SCHEME = /^[a-z][a-z\d+.-]*:/i;
/** ASCII control characters: browsers silently drop tabs/newlines inside a URL and C0 controls around it. */
const CONTROL = /[\0-\x1f\x7f]/;

/**
 * Whether a catalog URL (product `url` or `image`) is safe to put in `href`/`src`:
 * `http:`/`https:` (any case), protocol-relative `//host/…`, or a relative reference
 * (`/p/x`, `p/x`, `./x`, `?q`, `#h`). Every other scheme (`javascript:`, `data:`, `vbscript:`,
 * `file:`, …) is refused.
 *
 * Control characters and leading/trailing whitespace are refused outright rather than
 * stripped: browsers strip them before reading the scheme, so `java\tscript:` or
 * `\u0001javascript:` would otherwise slip past the scheme check and still run.
 */
export function isSafeUrl(value: string): boolean {
  return (
    typeof value == 'string' &&
    value !== '' &&
    value.trim() === value &&
    !CONTROL.test(value) &&
    (!SCHEME.test(value) || /^https?:/i.test(value))
  );
}
