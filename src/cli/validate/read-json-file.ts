import { readFile } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';

/**
 * A JSON file's value; a missing or unreadable file, or invalid JSON, is a `UserError`. A UTF-8
 * byte-order mark at the start is dropped (Windows editors and Excel write one; JSON.parse
 * refuses it), as `build` and `report` drop it from CSV and NDJSON. Any readable path works:
 * a pipe (`<(…)`, /dev/stdin) as well as a file.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // JSON.parse says where (`… at position 12`), which is worth keeping on one line.
    throw new UserError(`${path}: not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
}
