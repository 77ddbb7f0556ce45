import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog, TODAY } from '../../engine/test-fixtures';
import { MAX_BODY_BYTES } from '../../server/route-api-request';
import { startServer, type RunningServer } from './start-server';

const SHOP = 'https://shop.example';
const GOOD = { version: 1, placement: 'product', product: 'phone-x' };
let server: RunningServer;
let base: string;
const logs: string[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  server = await startServer({
    catalog: seedCatalog(),
    port: 0,
    origins: [SHOP],
    log: (line) => logs.push(line),
    logError: (e) => errors.push(e),
    today: () => TODAY,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(base + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('offerwise serve over real HTTP on 127.0.0.1', () => {
  it('answers GET /health with the catalog size', async () => {
    const res = await fetch(base + '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, products: 16, links: 12 });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers POST /offers with the offers, and logs one line per request', async () => {
    logs.length = 0;
    const res = await post(JSON.stringify(GOOD));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { offers: { product: { id: string } }[]; currency: string };
    expect(body.currency).toBe('USD');
    expect(body.offers.map((o) => o.product.id)).toEqual(['care-plan-x', 'case-x']);
    expect(logs).toEqual([expect.stringMatching(/^POST \/offers 200 \d+ms$/)]);
  });

  it('answers a bad field with 400 naming it, and invalid JSON with 400', async () => {
    const bad = await post(JSON.stringify({ ...GOOD, max: 3 }));
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'max: expected 1 or 2', field: 'max' }]);
    const broken = await post('{"version": 1,,}');
    expect([broken.status, await broken.json()]).toEqual([400, { error: 'invalid JSON', field: '$' }]);
  });

  it('answers a preflight from an allowed origin, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(base + '/offers', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(allowed.headers.get('access-control-max-age')).toMatch(/^\d+$/);
    expect(allowed.headers.get('vary')).toBe('Origin');
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('echoes an allowed Origin on answers, errors included, and never a denied one', async () => {
    const ok = await post(JSON.stringify(GOOD), { Origin: SHOP });
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    const error = await post('nope', { Origin: SHOP });
    expect([error.status, error.headers.get('access-control-allow-origin')]).toEqual([400, SHOP]);
    const denied = await post(JSON.stringify(GOOD), { Origin: 'https://evil.example' });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('vary')).toBe('Origin');
  });

  it('answers 415 to a POST without a Content-Type', async () => {
    const raw = await new Promise<string>((resolve) => {
      const body = JSON.stringify(GOOD);
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(`POST /offers HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`),
      );
      let text = '';
      socket.on('data', (d) => (text += d)).on('close', () => resolve(text)).on('error', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 415 /);
    expect(raw.endsWith('{"error":"expected Content-Type: application/json"}')).toBe(true);
  });

  it('writes each answer whole with its Content-Length, keeps the connection, and sends HEAD no body', async () => {
    const body = JSON.stringify(GOOD);
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write(
          `POST /offers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
            'HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (d) => (text += d)).on('close', () => resolve(text)).on('error', () => resolve(text));
    });
    const [offers, health] = raw.split(/(?=HTTP\/1\.1 )/);
    const [head, json] = offers!.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/i);
    expect(Number(head!.match(/\r\nContent-Length: (\d+)/i)?.[1])).toBe(Buffer.byteLength(json!));
    expect((JSON.parse(json!) as { offers: unknown[] }).offers).toHaveLength(2);
    expect(health).toMatch(/^HTTP\/1\.1 200 /);
    expect(health!.endsWith('\r\n\r\n')).toBe(true); // headers only
  });

  it('answers 404 and 405 as JSON', async () => {
    const missing = await fetch(base + '/admin');
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'not found' }]);
    const wrong = await fetch(base + '/health', { method: 'DELETE' });
    expect([wrong.status, wrong.headers.get('allow'), await wrong.json()]).toEqual([405, 'GET, HEAD, OPTIONS', { error: 'method not allowed' }]);
  });

  it('answers 413 for a body over 64 KB, declared or chunked, without reading it all', async () => {
    const declared = await post(' '.repeat(MAX_BODY_BYTES + 1));
    expect([declared.status, await declared.json()]).toEqual([413, { error: 'request body over 64 KB' }]);
    // A chunked body of 8 MB: the server stops after 64 KB and closes, so the client stops too.
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 << 20) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const chunked = await fetch(base + '/offers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('connection')).toBe('close');
    expect(sent).toBeLessThan(8 << 20);
    expect((await post(' '.repeat(MAX_BODY_BYTES - 100) + JSON.stringify(GOOD).padEnd(100))).status).toBe(200); // 64 KB exactly
  });

  it('survives a client that goes away mid-body, and malformed HTTP', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest(base + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"version":1');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('GARBAGE \x00\x01 HTTP/9\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d)).on('close', () => resolve(text)).on('error', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(base + '/health')).status).toBe(200);
  });

  it('never crashes on garbage: a few hundred fuzzed bodies, then /health still answers', async () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const valid = JSON.stringify({ ...GOOD, cart: [{ id: 'phone-x', qty: 1 }], customer: { orders: 1, spent: 10 }, today: TODAY });
    const bodies = (i: number): Uint8Array | string => {
      switch (i % 5) {
        case 0: // random bytes
          return Uint8Array.from({ length: rand(300) }, () => rand(256));
        case 1: {
          // a valid request with a few characters mutated
          const chars = [...valid];
          for (let k = rand(4) + 1; k > 0; k--) chars[rand(chars.length)] = String.fromCharCode(rand(128));
          return chars.join('');
        }
        case 2: // valid JSON of the wrong shape
          return JSON.stringify([null, 1, 'x', [], {}, { version: 1, placement: 'cart', cart: [[]] }, { version: 1, placement: 'cart', cart: [{ id: {}, qty: 1e308 }] }][rand(7)]);
        case 3: // deep nesting
          return '['.repeat(rand(20_000)) + ']'.repeat(rand(20_000));
        default: // a valid request with a field swapped for junk
          return JSON.stringify({ ...GOOD, [['cart', 'owned', 'customer', 'max', 'today', 'exclude'][rand(6)]!]: [1e999, -0, '', { a: [] }][rand(4)] });
      }
    };
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => post(bodies(i + k) as BodyInit).then((r) => r.status)));
      for (const s of batch) statuses.add(s);
    }
    expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true);
    expect(errors).toEqual([]);
    const health = await fetch(base + '/health');
    expect(await health.json()).toMatchObject({ ok: true });
  });
});

describe('startServer lifecycle', () => {
  it('picks a free port with 0, refuses a taken port, and closes idempotently', async () => {
    const a = await startServer({ catalog: seedCatalog(), port: 0 });
    await expect(startServer({ catalog: seedCatalog(), port: a.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await Promise.all([a.close(), a.close()]);
    await expect(fetch(`http://127.0.0.1:${a.port}/health`)).rejects.toThrow();
  });

  it('turns an exception into a logged 500 and keeps serving', async () => {
    const errors: unknown[] = [];
    const s = await startServer({
      catalog: seedCatalog(),
      port: 0,
      logError: (e) => errors.push(e),
      today: () => {
        throw new Error('boom');
      },
    });
    const res = await fetch(`http://127.0.0.1:${s.port}/offers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(GOOD) });
    expect([res.status, await res.json()]).toEqual([500, { error: 'internal error' }]);
    expect(errors).toEqual([new Error('boom')]);
    expect((await fetch(`http://127.0.0.1:${s.port}/health`)).status).toBe(200);
    await s.close();
  });
});

describe('startServer deadlines: a slow client gets 408 on time', () => {
  const DEADLINE_MS = 300;
  let slow: RunningServer;
  const lines: string[] = [];
  beforeAll(async () => {
    slow = await startServer({ catalog: seedCatalog(), port: 0, requestTimeoutMs: DEADLINE_MS, log: (line) => lines.push(line), today: () => TODAY });
  });
  afterAll(() => slow.close());

  /**
   * Opens a connection, writes `start`, then `drip` one byte every 50 ms (a slow client);
   * resolves with what the server sent and when the connection closed.
   */
  function slowClient(start: string, drip: string) {
    return new Promise<{ text: string; ms: number }>((resolve) => {
      const began = performance.now();
      let text = '';
      let sent = 0;
      const socket = connect(slow.port, '127.0.0.1', () => socket.write(start));
      const timer = setInterval(() => {
        if (sent < drip.length && socket.writable) socket.write(drip[sent++]!);
      }, 50);
      const done = () => {
        clearInterval(timer);
        resolve({ text, ms: performance.now() - began });
      };
      socket.on('data', (d) => (text += d)).on('close', done).on('error', () => {});
    });
  }

  it('answers 408 to a body sent a byte at a time once the deadline passes, and logs 408', async () => {
    lines.length = 0;
    const head = 'POST /offers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const { text, ms } = await slowClient(head, JSON.stringify(GOOD).padEnd(100));
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(text.endsWith('{"error":"request timeout"}')).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(ms).toBeLessThan(DEADLINE_MS + 1500);
    expect(lines).toEqual([expect.stringMatching(/^POST \/offers 408 \d+ms$/)]);
  });

  it('answers 408 to headers sent a byte at a time, and logs it as - - 408', async () => {
    lines.length = 0;
    const { text, ms } = await slowClient('POST /offers HTTP/1.1\r\n', 'Host: x\r\nContent-Type: application/json\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text.endsWith('{"error":"request timeout"}')).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(ms).toBeLessThan(DEADLINE_MS + 1500);
    expect(lines).toEqual([expect.stringMatching(/^- - 408 \d+ms$/)]);
  });

  it('gives each request on a kept-alive connection its own time, and closes an idle one without a word', async () => {
    lines.length = 0;
    const request = 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n';
    const { text, ms } = await new Promise<{ text: string; ms: number }>((resolve) => {
      const began = performance.now();
      let text = '';
      const socket = connect(slow.port, '127.0.0.1', () => socket.write(request));
      // The second request 200 ms after the first answer: 400 ms after the connection opened.
      setTimeout(() => socket.write(request), 200);
      socket.on('data', (d) => (text += d)).on('close', () => resolve({ text, ms: performance.now() - began })).on('error', () => {});
    });
    expect(text.match(/HTTP\/1\.1 \d+ /g)).toEqual(['HTTP/1.1 200 ', 'HTTP/1.1 200 ']);
    // Closed once idle for the deadline after the second answer (Node's keep-alive would wait 5 s).
    expect(ms).toBeGreaterThanOrEqual(200 + DEADLINE_MS - 20);
    expect(ms).toBeLessThan(200 + DEADLINE_MS + 1500);
    expect(lines).toEqual([expect.stringMatching(/^GET \/health 200 \d+ms$/), expect.stringMatching(/^GET \/health 200 \d+ms$/)]);
  });
});
