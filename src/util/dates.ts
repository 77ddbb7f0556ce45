const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d\d)-(\d\d)$/;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, or NaN when it is missing or not a real
 * calendar day. Parsed with Date.UTC so the shopper's time zone never shifts a date.
 */
export function dayNumber(date: string | undefined): number {
  const m = ISO_DAY.exec(date ?? '');
  if (!m) return NaN;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  // Date.UTC rolls 2025-02-30 over into March and maps years 0–99 to 19xx: the day it
  // landed on must read back as the date given.
  return new Date(ms).toISOString().startsWith(m[0]) ? ms / DAY_MS : NaN;
}

/** Whole days from `a` to `b` (positive when `b` is later); NaN when either is not a valid date. */
export function daysBetween(a: string | undefined, b: string | undefined): number {
  return dayNumber(b) - dayNumber(a);
}
