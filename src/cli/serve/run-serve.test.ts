import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../catalog/shard-key';
import { shardDoc, STORE } from '../../server/shard-fixtures';
import type { CliIo } from '../cli-io';
import { batchLines, runServe } from './run-serve';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerwise-serve-'));
  file = join(dir, 'catalog.json');
  const bad = Array.from({ length: 25 }, (_, i) => ({ id: `bad-${i}`, title: 'Bad', price: -1, url: '/bad' }));
  await writeFile(file, JSON.stringify({ ...STORE, products: [...STORE.products, ...bad] }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function bufferIo() {
  const out = { stdout: '', stderr: '' };
  let onWrite = () => {};
  const io: CliIo = {
    stdout: { write: (t: string) => ((out.stdout += t), onWrite()) },
    stderr: { write: (t: string) => (out.stderr += t) },
    stdin: Readable.from([]),
  };
  /** Resolves once stdout matches `pattern`. */
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => {
      onWrite = () => {
        const m = out.stdout.match(pattern);
        if (m) resolve(m);
      };
      onWrite();
    });
  return { io, out, waitFor };
}

describe('runServe', () => {
  it('serves until stopped, then resolves 0: prints warnings (capped), the URL, one line per request', async () => {
    const { io, out, waitFor } = bufferIo();
    const stop = new AbortController();
    const done = runServe(['--catalog', file, '--port', '0', '--origin', 'https://Shop.Example/'], io, stop.signal);
    const [, url] = await waitFor(/Offerwise offers API on (http:\/\/127\.0\.0\.1:\d+)\n/);
    const res = await fetch(url + '/offers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://shop.example' },
      body: JSON.stringify({ version: 1, placement: 'product', product: 'phone-x' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    stop.abort();
    expect(await done).toBe(0);
    expect(out.stdout).toMatch(/^POST \/offers 200 \d+ms$/m);
    expect(out.stdout).toContain('CORS for https://shop.example');
    expect(out.stdout.match(/Offerwise offers API on/g)).toHaveLength(1);
    const warnings = out.stderr.split('\n').filter(Boolean);
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toBe(`warning: ${file}: products[7]: product "bad-0" skipped: price`);
    expect(warnings[20]).toBe('warning: … and 5 more');
    await expect(fetch(url + '/health')).rejects.toThrow(); // closed
  });

  it('serves a sharded directory reading shards as requests need them; a missing one is a warning, printed once', async () => {
    const store = join(dir, 'store');
    const { index, shards } = shardDoc(STORE, 4);
    await mkdir(join(store, 'shards'), { recursive: true });
    await writeFile(join(store, 'index.json'), JSON.stringify(index));
    const hole = shardOf('category:phones', 4);
    for (const [n, shard] of shards.entries()) if (n !== hole) await writeFile(join(store, 'shards', `${n}.json`), JSON.stringify(shard));
    const { io, out, waitFor } = bufferIo();
    const stop = new AbortController();
    const done = runServe(['--catalog', store, '--port', '0'], io, stop.signal);
    const [, url] = await waitFor(/Offerwise offers API on (http:\/\/127\.0\.0\.1:\d+)\n/);
    expect(out.stdout).toContain('4 shards, each read when a request first needs it (at most 1024 kept)');
    expect(await (await fetch(url + '/health')).json()).toEqual({ ok: true, shards: 4, cached: 0 });
    const ask = () =>
      fetch(url + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, placement: 'product', product: 'phone-x' }) });
    for (let i = 0; i < 2; i++) {
      const res = await ask();
      expect(res.status).toBe(200);
      expect(((await res.json()) as { offers: { product: { id: string } }[] }).offers.map((o) => o.product.id)).toEqual(['case-x']);
    }
    stop.abort();
    expect(await done).toBe(0);
    expect(out.stderr).toBe(`warning: ${join(store, 'shards', `${hole}.json`)}: missing (its offers are left out)\n`);
    expect(out.stdout.match(/^POST \/offers 200 \d+ms$/gm)).toHaveLength(2);
  });

  it('closes gracefully on SIGTERM and SIGINT, and leaves no signal listeners behind', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { io, out, waitFor } = bufferIo();
      const done = runServe(['--catalog', file, '--port', '0'], io);
      await waitFor(/Offerwise offers API on/);
      expect(process.listenerCount(signal)).toBe(1);
      process.emit(signal, signal); // calls the listeners only: no real signal is sent
      expect(await done).toBe(0);
      expect(out.stdout).toContain(`${signal}: closing`);
      expect(out.stdout).toContain('no --origin: browsers on other origins are refused');
      expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([0, 0]);
    }
  });

  it('exits 2 with the usage for a wrong command line', async () => {
    for (const args of [[], ['--port', '80'], ['--catalog', file, '--port', 'x'], ['--catalog', file, '--port', '70000'], ['--catalog', file, '--origin', 'shop.example'], ['--catalog', file, '--nope'], ['stray']]) {
      const { io, out } = bufferIo();
      expect(await runServe(args, io), args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/^offerwise serve: .+\nusage: offerwise serve/);
    }
  });

  it('says what is wrong with a negative --port, not that it needs a value', async () => {
    const { io, out } = bufferIo();
    expect(await runServe(['--catalog', file, '--port', '-1'], io)).toBe(2);
    expect(out.stderr).toMatch(/^offerwise serve: --port must be a whole number from 0 to 65535, got "-1"\n/);
  });

  it('prints the usage for --help', async () => {
    const { io, out } = bufferIo();
    expect(await runServe(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/^usage: offerwise serve --catalog/);
  });

  it('exits 1 with one line when the catalog cannot be loaded or the port is taken', async () => {
    const missing = bufferIo();
    expect(await runServe(['--catalog', join(dir, 'nope.json'), '--port', '0'], missing.io)).toBe(1);
    expect(missing.out.stderr).toBe(`offerwise serve: ${join(dir, 'nope.json')}: no such file\n`);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const busy = bufferIo();
    expect(await runServe(['--catalog', file, '--port', String(port)], busy.io)).toBe(1);
    expect(busy.out.stderr).toMatch(new RegExp(`offerwise serve: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(--port 0 picks a free one\\)\\n$`));
    await new Promise((resolve) => taken.close(resolve));
  });
});

describe('batchLines (the request log)', () => {
  it('writes the lines of one turn of the event loop in one write, in order, and at once when flushed', async () => {
    const writes: string[] = [];
    const lines = batchLines((text) => writes.push(text));
    lines.line('POST /offers 200 1ms');
    lines.line('GET /health 200 0ms');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['POST /offers 200 1ms\nGET /health 200 0ms\n']);
    lines.line('POST /offers 400 0ms');
    lines.flush();
    expect(writes.at(-1)).toBe('POST /offers 400 0ms\n');
    lines.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2); // nothing pending: nothing written
  });

  it('serve writes a request line before its closing line', async () => {
    const { io, out, waitFor } = bufferIo();
    const stop = new AbortController();
    const done = runServe(['--catalog', file, '--port', '0'], io, stop.signal);
    const [, url] = await waitFor(/Offerwise offers API on (http:\/\/127\.0\.0\.1:\d+)\n/);
    await (await fetch(url + '/health')).text();
    stop.abort(); // in the same turn as the answer's line: still pending
    expect(await done).toBe(0);
    expect(out.stdout).toMatch(/^GET \/health 200 \d+ms\nstopped: closing\n$/m);
  });
});
