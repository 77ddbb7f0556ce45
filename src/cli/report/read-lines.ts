const LF = 0x0a;
const CR = 0x0d;

/** Splits bytes into lines; see `readLines`. */
export interface LineSplitter {
  /** The lines that `chunk` ends (any split: mid-line, mid-character, between `\r` and `\n`). */
  push(chunk: Buffer): (string | null)[];
  /** The input is over: the last line, if it has no newline. */
  end(): (string | null)[];
  /** Bytes of the current line held so far: never more than `maxBytes`, none once it passed it. */
  readonly held: number;
}

/**
 * Lines by bytes: `\n` ends a line, and a `\r` before it is dropped; a UTF-8 byte-order mark
 * before the first line is dropped. A line of more than `maxBytes` bytes comes out as `null`:
 * once it passes the limit its bytes so far are let go and the rest is skipped up to its
 * `\n`, so a line of any length costs at most `maxBytes` of memory and is never decoded.
 */
export function createLineSplitter(maxBytes = Infinity): LineSplitter {
  /** The current line's bytes from earlier chunks (`held` in all); none while skipping. */
  let parts: Buffer[] = [];
  let held = 0;
  /** The current line passed `maxBytes`: skip to its end. */
  let skipping = false;
  let first = true;

  /** The current line, its last bytes `chunk[from, end)`; `null` if it was too long. */
  const finish = (chunk: Buffer, from: number, end: number): string | null => {
    if (skipping) {
      skipping = false;
      first = false;
      return null;
    }
    let bytes = chunk.subarray(from, end);
    if (parts.length > 0) bytes = Buffer.concat([...parts, bytes]);
    parts = [];
    held = 0;
    const text = bytes.toString('utf8', 0, bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length);
    if (!first) return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };

  return {
    push(chunk) {
      const lines: (string | null)[] = [];
      let from = 0;
      while (from < chunk.length) {
        const nl = chunk.indexOf(LF, from);
        const end = nl < 0 ? chunk.length : nl;
        if (!skipping && held + (end - from) > maxBytes) {
          skipping = true;
          parts = [];
          held = 0;
        }
        if (nl < 0) {
          if (!skipping) {
            parts.push(chunk.subarray(from));
            held += chunk.length - from;
          }
          break;
        }
        lines.push(finish(chunk, from, nl));
        from = nl + 1;
      }
      return lines;
    },
    end: () => (skipping || held > 0 ? [finish(Buffer.alloc(0), 0, 0)] : []),
    get held() {
      return held;
    },
  };
}

/**
 * The lines of a byte stream (a file, stdin; string chunks are taken as UTF-8), one at a
 * time, as `createLineSplitter` cuts them: a line over `maxBytes` is `null`, and memory stays
 * flat however long a line or the stream. A read error of the stream ends the iteration by
 * throwing it.
 */
export async function* readLines(input: AsyncIterable<Uint8Array | string>, maxBytes = Infinity): AsyncGenerator<string | null> {
  const splitter = createLineSplitter(maxBytes);
  for await (const piece of input)
    yield* splitter.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  yield* splitter.end();
}
