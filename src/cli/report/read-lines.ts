import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * The lines of a text stream, one at a time (readline holds one chunk and one line, never the
 * file). `\n` and `\r\n` both end a line; a UTF-8 byte-order mark before the first is dropped.
 * A read error of the stream ends the iteration by throwing it.
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  let failure: unknown;
  const rl = createInterface({ input, crlfDelay: Infinity });
  // readline does not forward the input's errors to its iterator: remember one and stop.
  const onError = (e: unknown) => {
    failure = e;
    rl.close();
  };
  input.on('error', onError);
  try {
    let first = true;
    for await (const line of rl) {
      if (first && line.charCodeAt(0) === 0xfeff) yield line.slice(1);
      else yield line;
      first = false;
    }
  } finally {
    input.off('error', onError);
    rl.close();
  }
  if (failure) throw failure;
}
