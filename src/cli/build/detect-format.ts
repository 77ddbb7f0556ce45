import { open } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import { parseCsv } from './parse-csv';

/** What the start of an input file says it is. */
export type Peeked =
  | { kind: 'xml' }
  | { kind: 'table'; delimiter: ',' | '\t'; names: ReadonlySet<string> }
  /** Empty, or no header line in the first `PEEK_BYTES`: the plain reader says what is wrong. */
  | { kind: 'unknown' };

const PEEK_BYTES = 64 << 10;

/**
 * The format of an input by its first bytes: XML by its first `<` (a Merchant Center feed),
 * else a table by its header line, tab-separated when the line has tabs and no comma outside
 * quotes. Each reader then picks its format by the header's column names (the platforms'
 * exports have their own, see isShopifyProductsHeader and the like). Throws `UserError` for a
 * file that cannot be read, as the readers do.
 */
export async function peekFormat(path: string): Promise<Peeked> {
  await checkFile(path);
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(PEEK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  text = text.replace(/^\ufeff/, '');
  if (/^\s*</.test(text)) return { kind: 'xml' };
  const end = text.search(/[\r\n]/);
  if (end < 0 && text.length >= PEEK_BYTES) return { kind: 'unknown' };
  const line = end < 0 ? text : text.slice(0, end);
  const fields = parseCsv(line)[0]?.fields;
  if (!fields) return { kind: 'unknown' };
  const tabs = fields.length === 1 && line.includes('\t');
  const names = tabs ? line.split('\t').map((n) => n.replace(/^"(.*)"$/, '$1')) : fields;
  return { kind: 'table', delimiter: tabs ? '\t' : ',', names: new Set(names.map((n) => n.trim())) };
}
