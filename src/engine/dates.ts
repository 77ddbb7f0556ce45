const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, or NaN when it is missing or not a real
 * calendar day. Parsed with Date.UTC so the shopper's time zone never shifts a date.
 */
export function dayNumber(date: string | undefined): number {
  const m = date === undefined ? null : ISO_DAY.exec(date);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const ms = Date.UTC(y, mo, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March and maps years 0–99 to 19xx: reject both.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo || back.getUTCDate() !== d) return NaN;
  return ms / DAY_MS;
}

/** Whole days from `a` to `b` (positive when `b` is later); NaN when either is not a valid date. */
export function daysBetween(a: string | undefined, b: string | undefined): number {
  return dayNumber(b) - dayNumber(a);
}
