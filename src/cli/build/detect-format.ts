import { open } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { checkFile, describeFsError } from '../report/open-input';
import { CsvError } from './csv-guard';
import { parseGuardedCsv } from './read-guarded-csv';

/** What the start of an input file says it is. */
export type Peeked =
  | { kind: 'xml' }
  | { kind: 'table'; delimiter: ',' | '\t'; names: ReadonlySet<string> }
  /** Empty, or no header line in the first `PEEK_BYTES`: the plain reader says what is wrong. */
  | { kind: 'unknown' };

const PEEK_BYTES = 64 << 10;

/**
 * The format of an input by its first bytes: XML by its first `<` (a Merchant Center feed),
 * else a table by its header line (read as the readers read it: csv-parse behind the guard),
 * tab-separated when the line has tabs and no comma outside quotes. Each reader then picks
 * its format by the header's column names (the platforms' exports have their own, see
 * isShopifyProductsHeader and the like). Throws `UserError` for a file that cannot be read,
 * as the readers do.
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
  const fields = await headerFields(line, ',');
  if (!fields) return { kind: 'unknown' };
  const tabs = fields.length === 1 && line.includes('\t');
  const names = tabs ? await headerFields(line, '\t') : fields;
  if (!names) return { kind: 'unknown' };
  return { kind: 'table', delimiter: tabs ? '\t' : ',', names: new Set(names.map((n) => n.trim())) };
}

/**
 * The fields of a header line, or `undefined` for none, one that cannot be read (a quote it
 * does not close) or one past the guard's caps: the reader then says what is wrong, at its line.
 */
async function headerFields(line: string, delimiter: ',' | '\t'): Promise<string[] | undefined> {
  try {
    const [first] = await parseGuardedCsv(line, delimiter);
    return first && first.bad === undefined ? first.fields : undefined;
  } catch (e) {
    if (e instanceof CsvError) return undefined;
    throw e;
  }
}
