import { describe, expect, it, vi } from 'vitest';
import { seedCatalog, TODAY } from '../engine/test-fixtures';
import { createFetchHandler } from './create-fetch-handler';
import { MAX_BODY_BYTES } from './route-api-request';

const SHOP = 'https://shop.example';
const BASE = 'https://api.example';
const handle = createFetchHandler(seedCatalog(), { origins: [SHOP], today: () => TODAY });
const offers = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  handle(new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }));
const GOOD = JSON.stringify({ version: 1, placement: 'product', product: 'phone-x' });

describe('createFetchHandler (the same API for Workers, Deno, Bun)', () => {
  it('answers POST /offers with JSON and CORS for an allowed origin', async () => {
    const res = await offers(GOOD, { Origin: SHOP });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    expect(res.headers.get('Vary')).toBe('Origin');
    const body = (await res.json()) as { offers: { product: { id: string } }[] };
    expect(body.offers.map((o) => o.product.id)).toEqual(['care-plan-x', 'case-x']);
  });

  it('sends no Allow-Origin to another origin', async () => {
    const res = await offers(GOOD, { Origin: 'https://evil.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Vary')).toBe('Origin');
  });

  it('answers GET /health, ignoring the query', async () => {
    const res = await handle(new Request(BASE + '/health?probe=1'));
    expect(await res.json()).toEqual({ ok: true, products: 16, links: 12 });
  });

  it('answers a preflight with 204, methods, headers and max-age', async () => {
    const res = await handle(
      new Request(BASE + '/offers', { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' } }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('POST, OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type');
    expect(Number(res.headers.get('Access-Control-Max-Age'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });

  it('answers 404, 405 (with Allow), 415 and 400 as JSON', async () => {
    const notFound = await handle(new Request(BASE + '/nope'));
    expect([notFound.status, await notFound.json()]).toEqual([404, { error: 'not found' }]);
    const proto = await handle(new Request(BASE + '/__proto__'));
    expect(proto.status).toBe(404);
    const wrong = await handle(new Request(BASE + '/offers'));
    expect([wrong.status, wrong.headers.get('Allow'), await wrong.json()]).toEqual([405, 'POST, OPTIONS', { error: 'method not allowed' }]);
    const form = await offers(GOOD, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect([form.status, await form.json()]).toEqual([415, { error: 'expected Content-Type: application/json' }]);
    // fetch() labels a string body text/plain unless told: that is not JSON either.
    expect((await handle(new Request(BASE + '/offers', { method: 'POST', body: GOOD }))).status).toBe(415);
    // Bytes get no Content-Type at all: no type is no JSON.
    const untyped = new Request(BASE + '/offers', { method: 'POST', body: new TextEncoder().encode(GOOD) });
    expect(untyped.headers.get('Content-Type')).toBeNull();
    const none = await handle(untyped);
    expect([none.status, await none.json()]).toEqual([415, { error: 'expected Content-Type: application/json' }]);
    const bad = await offers('{"version":1,');
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'invalid JSON', field: '$' }]);
    const field = await offers(JSON.stringify({ version: 1, placement: 'cart', cart: [{ id: 'a', qty: -1 }] }));
    expect(await field.json()).toEqual({ error: 'cart[0].qty: expected an integer ≥ 1', field: 'cart[0].qty' });
  });

  it('accepts a JSON content type with a charset, or +json', async () => {
    expect((await offers(GOOD, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await offers(GOOD, { 'Content-Type': 'application/vnd.offerwise+json' })).status).toBe(200);
  });

  it('refuses bodies over 64 KB with 413, declared or streamed', async () => {
    const big = ' '.repeat(MAX_BODY_BYTES + 1);
    expect((await offers(big)).status).toBe(413);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32)); // endless: the reader must stop on its own
      },
    });
    const res = await handle(
      new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect([res.status, await res.json()]).toEqual([413, { error: 'request body over 64 KB' }]);
    expect(pulled).toBeLessThan(10);
    expect((await offers(' '.repeat(MAX_BODY_BYTES - GOOD.length) + GOOD)).status).toBe(200); // exactly 64 KB passes
  });

  it('answers 408 when bodyDeadline aborts before the body is whole, and reads no further', async () => {
    const deadline = new AbortController();
    const timed = createFetchHandler(seedCatalog(), { today: () => TODAY, bodyDeadline: () => deadline.signal });
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (pulled++ === 0) return controller.enqueue(new TextEncoder().encode('{"version":1,'));
        deadline.abort(); // the client stalls: the deadline passes
        await new Promise(() => {});
      },
      cancel: () => void (cancelled = true),
    });
    const res = await timed(
      new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect([res.status, await res.json()]).toEqual([408, { error: 'request timeout' }]);
    expect(cancelled).toBe(true);
    // A deadline already past: 408 without a read; a body in time is answered as usual.
    expect((await timed(new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: GOOD }))).status).toBe(408);
    const onTime = createFetchHandler(seedCatalog(), { today: () => TODAY, bodyDeadline: () => new AbortController().signal });
    expect((await onTime(new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: GOOD }))).status).toBe(200);
  });

  it('reads a body of declared length whole, without its stream (the runtime reads it), and gives up at the deadline', async () => {
    const bytes = new TextEncoder().encode(GOOD);
    let streamed = false;
    const declared = {
      method: 'POST',
      url: BASE + '/offers',
      headers: new Headers({ 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength) }),
      get body(): ReadableStream<Uint8Array> {
        streamed = true;
        throw new Error('read through arrayBuffer(), not the stream');
      },
      arrayBuffer: async () => bytes.slice().buffer,
    } as unknown as Request;
    const res = await handle(declared);
    expect([res.status, streamed]).toEqual([200, false]);
    // A Request made in code may declare less than it carries: the limit holds all the same.
    const lying = new Request(BASE + '/offers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '10' },
      body: ' '.repeat(MAX_BODY_BYTES + 1),
    });
    expect((await handle(lying)).status).toBe(413);

    // A client that declares its length and then stalls: 408 at the deadline all the same.
    const deadline = new AbortController();
    const timed = createFetchHandler(seedCatalog(), { today: () => TODAY, bodyDeadline: () => deadline.signal });
    const stalled = new ReadableStream<Uint8Array>({
      async pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"version":1,'));
        deadline.abort();
        await new Promise(() => {});
      },
    });
    const late = await timed(
      new Request(BASE + '/offers', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength) },
        body: stalled,
        duplex: 'half',
      } as RequestInit),
    );
    expect([late.status, await late.json()]).toEqual([408, { error: 'request timeout' }]);
  });

  it('refuses bytes that are not UTF-8 as invalid JSON', async () => {
    const res = await offers(new Uint8Array([0x22, 0xff, 0xfe, 0x22]));
    expect(res.status).toBe(400);
  });

  it('turns an exception into a 500 JSON answer and reports it', async () => {
    const onError = vi.fn();
    const failing = createFetchHandler(seedCatalog(), {
      onError,
      today: () => {
        throw new Error('clock broke');
      },
    });
    const res = await failing(new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: GOOD }));
    expect([res.status, await res.json()]).toEqual([500, { error: 'internal error' }]);
    expect(onError).toHaveBeenCalledWith(new Error('clock broke'));
  });
});
