import { open } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import type { BuildLog } from './build-log';

/** The most of a file read to find its header row. */
const HEADER_BYTES = 1 << 20;

/**
 * The header row of a CSV file as the build's readers see it (RFC 4180 quoting, a UTF-8
 * BOM skipped, names trimmed), for an input another engine reads (DuckDB), which must be
 * told the columns' places. Throws `UserError` for a file that cannot be read, is empty,
 * or whose first record does not end within `HEADER_BYTES`.
 */
export async function readCsvHeader(path: string, expected: readonly string[]): Promise<string[]> {
  await checkFile(path);
  let text: string;
  let whole: boolean;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '');
      whole = bytesRead < HEADER_BYTES;
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  if (text.trim() === '') throw new UserError(`${path}: empty, expected a header row (${expected.join(',')},…)`);

  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      fields.push(field.trim());
      return fields;
    } else field += c;
  }
  if (quoted || !whole) throw new UserError(`${path}:1: the header row does not end (a quote never closed?)`);
  fields.push(field.trim());
  return fields;
}

/**
 * Where each wanted column is in `names` (a header row), checked as the build's CSV readers
 * check it: each name once, every required one there; others are noted as ignored.
 * `caseless` also finds `attachrate` for `attachRate` (warehouses often lower-case names).
 */
export function findColumns<R extends string, O extends string>(
  file: string,
  names: readonly string[],
  columns: { required: readonly R[]; optional: readonly O[] },
  log: BuildLog,
  caseless = false,
): Record<R, number> & Partial<Record<O, number>> {
  const fold = (name: string) => (caseless ? name.toLowerCase() : name);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(fold(name))) throw new UserError(`${file}:1: column "${name}" appears twice`);
    seen.add(fold(name));
  }
  const wanted = [...columns.required, ...columns.optional];
  const at: Record<string, number> = {};
  for (const want of wanted) {
    const i = names.findIndex((name) => fold(name) === fold(want));
    if (i >= 0) at[want] = i;
  }
  const missing = columns.required.filter((name) => at[name] === undefined);
  if (missing.length) throw new UserError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  names.forEach((name, i) => {
    if (!Object.values(at).includes(i)) log.note(`${file}:1: unknown column "${name}" ignored`);
  });
  return at as Record<R, number> & Partial<Record<O, number>>;
}
