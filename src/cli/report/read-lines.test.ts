import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLineSplitter, readLines } from './read-lines';

const collect = async (chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, maxBytes?: number) => {
  const out: (string | null)[] = [];
  for await (const line of readLines(chunks as AsyncIterable<Uint8Array | string>, maxBytes)) out.push(line);
  return out;
};

/** `text` as UTF-8 in pieces of `size` bytes (splitting characters and CRLF pairs too). */
const pieces = (text: string, size: number) => {
  const bytes = Buffer.from(text, 'utf8');
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
};

describe('readLines', () => {
  const TEXT = '\uFEFF{"a":1}\r\n\nKaffee ☕ – Bohnen\nlast';
  const LINES = ['{"a":1}', '', 'Kaffee ☕ – Bohnen', 'last'];

  it('splits on \\n, drops a \\r before it and a byte-order mark, and keeps a last line without a newline', async () => {
    expect(await collect([TEXT])).toEqual(LINES);
    expect(await collect(['a\n'])).toEqual(['a']);
    expect(await collect([])).toEqual([]);
  });

  it('gives the same lines whatever the pieces the bytes come in', async () => {
    for (const size of [1, 2, 3, 7]) expect(await collect(pieces(TEXT, size)), `pieces of ${size}`).toEqual(LINES);
  });

  it('yields null for a line over maxBytes, then goes on with the next', async () => {
    expect(await collect(['ok\n', 'x'.repeat(11), '\nok again\n', 'y'.repeat(11)], 10)).toEqual(['ok', null, 'ok again', null]);
    expect(await collect(pieces('0123456789\n01234567890\n', 3), 10)).toEqual(['0123456789', null]);
  });

  it('never holds a long line whole: past maxBytes it lets go of what it had and holds nothing more', () => {
    const splitter = createLineSplitter(1_000_000);
    expect(splitter.push(Buffer.from('first\n{"t":'))).toEqual(['first']);
    let most = 0;
    // A 5 MB line in pieces of 64 KiB, then the next line.
    for (let sent = 0; sent < 5_000_000; sent += 64 * 1024) {
      expect(splitter.push(Buffer.alloc(64 * 1024, 0x78))).toEqual([]);
      most = Math.max(most, splitter.held);
      if (sent > 1_000_000) expect(splitter.held).toBe(0);
    }
    expect(most).toBeLessThanOrEqual(1_000_000);
    expect(splitter.push(Buffer.from('\n{"t":"impression"}\nlast'))).toEqual([null, '{"t":"impression"}']);
    expect(splitter.end()).toEqual(['last']);
  });

  it('throws the stream\u2019s read error', async () => {
    const failing = new Readable({
      read() {
        this.push('a\n');
        this.destroy(new Error('EIO'));
      },
    });
    await expect(collect(failing)).rejects.toThrow('EIO');
  });
});
