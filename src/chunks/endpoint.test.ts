import { describe, expect, it, vi } from 'vitest';
import { createEndpointClient, ENDPOINT_TIMEOUT_MS, type EndpointEnv } from './endpoint';

const URL_A = 'https://shop.test/offers';
const URL_B = 'https://other.test/offers';
const BODY = { version: 1, placement: 'cart', product: null, cart: [{ id: 'phone-x', qty: 1 }], max: 2, today: '2026-11-21' };

const OFFER = {
  kind: 'cross-sell',
  action: 'add',
  anchor: 'phone-x',
  reason: 'Protects against drops from day one',
  product: { id: 'case-x', title: 'Rugged Case', price: 29, url: '/products/case-x' },
};

type FetchReply = (url: string, init: RequestInit) => Promise<Response>;

/** A client with a fake fetch, a `wait` that resolves only when the test says so, and a recorded abortAfter. */
function setup(reply: FetchReply) {
  const fetch = vi.fn(reply);
  const timers: { ms: number; fire: () => void }[] = [];
  const wait = vi.fn(
    (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ ms, fire: resolve });
      }),
  );
  const signal = new AbortController().signal;
  const abortAfter = vi.fn((_ms: number) => signal);
  const warn = vi.fn();
  const env: EndpointEnv = { fetch: fetch as unknown as typeof globalThis.fetch, warn, wait, abortAfter };
  return { client: createEndpointClient(env), fetch, wait, timers, abortAfter, signal, warn };
}

const json = (value: unknown, status = 200) => async () => new Response(JSON.stringify(value), { status });
const text = (body: string, status = 200) => async () => new Response(body, { status });
const never = () => new Promise<Response>(() => undefined); // a page fetch that ignores its signal
const named = (name: string) => async () => {
  throw Object.assign(new Error(name), { name });
};

describe('createEndpointClient: answers (offers-api.md)', () => {
  it('success: the validated offers and the currency', async () => {
    const { client } = setup(json({ offers: [OFFER], currency: 'eur' }));
    const answer = await client.ask(URL_A, BODY, 2);
    expect(answer).toMatchObject({ currency: 'EUR', offers: [{ kind: 'cross-sell', action: 'add', anchor: 'phone-x' }] });
    expect(typeof answer == 'object' && answer.offers.map((o) => o.product.id)).toEqual(['case-x']);
  });

  it('POSTs the request body as JSON, with abortAfter(1500) as the signal', async () => {
    const { client, fetch, abortAfter, signal, wait } = setup(json({ offers: [] }));
    await client.ask(URL_A, BODY, 2);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(URL_A);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(BODY);
    expect(abortAfter).toHaveBeenCalledWith(ENDPOINT_TIMEOUT_MS);
    expect(init.signal).toBe(signal);
    expect(wait).toHaveBeenCalledWith(1500);
  });

  it('never keeps more than max offers', async () => {
    const second = { ...OFFER, product: { ...OFFER.product, id: 'screen-guard' } };
    const { client } = setup(json({ offers: [OFFER, second] }));
    const answer = await client.ask(URL_A, BODY, 1);
    expect(typeof answer == 'object' && answer.offers).toHaveLength(1);
  });

  it('an endpoint that answered is asked again', async () => {
    const { client, fetch } = setup(json({ offers: [OFFER] }));
    await client.ask(URL_A, BODY, 2);
    expect(typeof (await client.ask(URL_A, BODY, 2))).toBe('object');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('createEndpointClient: failures name the reason and the endpoint', () => {
  it.each<[string, FetchReply, string]>([
    ['HTTP 500', text('oops', 500), `endpoint answered HTTP 500 (${URL_A})`],
    ['HTTP 404 with JSON', json({ offers: [OFFER] }, 404), `endpoint answered HTTP 404 (${URL_A})`],
    ['bad JSON', text('{"offers": ['), `endpoint answer is not valid JSON (${URL_A})`],
    ['an HTML page', text('<!doctype html><title>Hi</title>'), `endpoint answer is not valid JSON (${URL_A})`],
    ['no offers array', json({ offer: [OFFER] }), `endpoint answer has no offers array (${URL_A})`],
    ['offers not an array', json({ offers: 'none' }), `endpoint answer has no offers array (${URL_A})`],
    ['a JSON array', json([OFFER]), `endpoint answer has no offers array (${URL_A})`],
    ['a network error', async () => Promise.reject(new TypeError('Failed to fetch')), `endpoint request failed: network error (${URL_A})`],
    ['an abort', named('AbortError'), `endpoint did not answer within 1500 ms (${URL_A})`],
    ['a timeout signal', named('TimeoutError'), `endpoint did not answer within 1500 ms (${URL_A})`],
  ])('%s', async (_name, reply, message) => {
    const { client } = setup(reply);
    expect(await client.ask(URL_A, BODY, 2)).toBe(message);
  });

  it('a fetch that never resolves and ignores abort: gives up when the widget’s own wait(1500) resolves', async () => {
    const { client, timers, wait } = setup(never);
    let settled: unknown = 'pending';
    const asked = client.ask(URL_A, BODY, 2).then((a) => (settled = a));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe('pending'); // nothing gives up before the timer
    expect(wait).toHaveBeenCalledWith(1500);
    expect(timers).toHaveLength(1);
    timers[0]!.fire();
    await asked;
    expect(settled).toBe(`endpoint did not answer within 1500 ms (${URL_A})`);
  });

  it('an answer that arrives before the timer wins', async () => {
    let respond!: (r: Response) => void;
    const { client, timers } = setup(() => new Promise<Response>((r) => (respond = r)));
    const asked = client.ask(URL_A, BODY, 2);
    await new Promise((r) => setTimeout(r, 0));
    respond(new Response(JSON.stringify({ offers: [OFFER] })));
    const answer = await asked;
    timers[0]!.fire(); // too late to matter
    expect(typeof answer).toBe('object');
  });
});

describe('createEndpointClient: no retry in the page view', () => {
  it.each<[string, FetchReply]>([
    ['HTTP 500', text('', 500)],
    ['bad JSON', text('nope')],
    ['no offers array', json({})],
    ['a network error', async () => Promise.reject(new TypeError('x'))],
  ])('after %s the endpoint is not asked again: undefined, fetch not called', async (_name, reply) => {
    const { client, fetch } = setup(reply);
    expect(typeof (await client.ask(URL_A, BODY, 2))).toBe('string');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await client.ask(URL_A, BODY, 2)).toBeUndefined();
    expect(await client.ask(URL_A, { other: true }, 1)).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('after a timeout the endpoint is not asked again', async () => {
    const { client, fetch, timers } = setup(never);
    const first = client.ask(URL_A, BODY, 2);
    await new Promise((r) => setTimeout(r, 0));
    timers[0]!.fire();
    expect(typeof (await first)).toBe('string');
    expect(await client.ask(URL_A, BODY, 2)).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('another endpoint is still asked', async () => {
    const { client, fetch } = setup(async (url) =>
      url === URL_A ? new Response('', { status: 503 }) : new Response(JSON.stringify({ offers: [OFFER] })),
    );
    expect(await client.ask(URL_A, BODY, 2)).toBe(`endpoint answered HTTP 503 (${URL_A})`);
    expect(typeof (await client.ask(URL_B, BODY, 2))).toBe('object');
    expect(fetch.mock.calls.map(([u]) => u)).toEqual([URL_A, URL_B]);
  });

  it('each client is a page view of its own', async () => {
    const a = setup(text('', 500));
    await a.client.ask(URL_A, BODY, 2);
    const b = setup(json({ offers: [] }));
    expect(await b.client.ask(URL_A, BODY, 2)).toEqual({ offers: [] });
  });
});
