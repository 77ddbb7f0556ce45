/**
 * JSON that a page cannot change: `JSON.stringify` would call a polluted
 * `Array.prototype.toJSON` or `Object.prototype.toJSON`. Own enumerable keys only; undefined
 * values are left out, as JSON.stringify does.
 */
export function safeJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(safeJson).join()}]`;
  if (value && typeof value == 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => JSON.stringify(k) + ':' + safeJson((value as Record<string, unknown>)[k]))
      .join()}}`;
  return JSON.stringify(value) ?? 'null';
}
