import { readFile } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';

/** A JSON file's value; a missing or unreadable file, or invalid JSON, is a `UserError`. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse says where (`… at position 12`), which is worth keeping on one line.
    throw new UserError(`${path}: not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
}
