import { readFile } from 'node:fs/promises';
import { UserError } from '../cli-io';
import { describeFsError } from '../report/open-input';
import { lineColumn, locateJsonError } from './locate-json-error';

/**
 * A JSON file's value; a missing or unreadable file, or invalid JSON, is a `UserError`. A UTF-8
 * byte-order mark at the start is dropped (Windows editors and Excel write one; JSON.parse
 * refuses it), as `build` and `report` drop it from CSV and NDJSON. Any readable path works:
 * a pipe (`<(…)`, /dev/stdin) as well as a file. Invalid JSON is named by line and column.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: ${describeFsError(e)}`);
  }
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new UserError(describeJsonError(path, json, e));
  }
}

/**
 * Why JSON.parse refused `json` (the file's text, without its byte-order mark, which editors
 * do not count either), as `catalog.json: not valid JSON (line 3, column 14: expected "," or
 * "}", got "\"")`. Found by scanning the text again (locate-json-error.ts): JSON.parse's own
 * messages differ between Node versions and some name no place. Should the scan ever disagree
 * with JSON.parse, JSON.parse's message is kept, its `position N` made a line and column.
 */
export function describeJsonError(path: string, json: string, e: unknown): string {
  const found = locateJsonError(json);
  if (found) return `${path}: not valid JSON (line ${found.line}, column ${found.column}: ${found.message})`;
  const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  const position = /at position (\d+)/.exec(message);
  if (!position) return `${path}: not valid JSON (${message})`;
  const { line, column } = lineColumn(json, Number(position[1]));
  return `${path}: not valid JSON (line ${line}, column ${column}: ${message.replace(/ (?:in JSON )?at position \d+.*$/, '')})`;
}
