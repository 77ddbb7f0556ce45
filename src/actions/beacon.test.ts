import { describe, expect, it } from 'vitest';
import { safeJson } from '../util/safe-json';
import { BATCH_SIZE, createBeacon, type Audience } from './beacon';

const audience = (extra: Partial<Audience> = {}): Audience => ({
  placement: 'cart',
  segment: 'returning',
  group: 'treatment',
  beacon: 'https://collect.example/e',
  consent: true,
  ...extra,
});

function setup() {
  const sent: { url: string; body: string }[] = [];
  let ids = 0;
  const measure = createBeacon(
    { now: () => 1763700000000, send: (url, body) => sent.push({ url, body }), json: safeJson },
    () => `v_${++ids}`,
    'pv_1',
  );
  return { measure, sent, visitorCalls: () => ids };
}

const lines = (body: string) => body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('beacon batches (analytics.md §3)', () => {
  it('one NDJSON line per event, with the visitor, page view, placement, segment and group', () => {
    const { measure, sent } = setup();
    measure.beacon('impression', audience(), { productId: 'case-x', kind: 'cross-sell', price: 29, position: 1 });
    expect(sent).toEqual([]); // batched until the page is hidden or the batch is full
    measure.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://collect.example/e');
    expect(sent[0]!.body.endsWith('\n')).toBe(true);
    expect(lines(sent[0]!.body)).toEqual([
      {
        t: 'impression',
        ts: 1763700000000,
        visitor: 'v_1',
        view: 'pv_1',
        placement: 'cart',
        segment: 'returning',
        group: 'treatment',
        productId: 'case-x',
        kind: 'cross-sell',
        price: 29,
        position: 1,
      },
    ]);
  });

  it(`sends every ${BATCH_SIZE} events without waiting for the page to hide`, () => {
    const { measure, sent } = setup();
    for (let i = 0; i < BATCH_SIZE * 2 + 3; i++) measure.beacon('click', audience(), { position: i });
    expect(sent.map((s) => lines(s.body).length)).toEqual([BATCH_SIZE, BATCH_SIZE]);
    measure.flush();
    expect(sent.map((s) => lines(s.body).length)).toEqual([BATCH_SIZE, BATCH_SIZE, 3]);
    measure.flush(); // nothing left: no empty request
    expect(sent).toHaveLength(3);
  });

  it('keeps one batch per beacon URL', () => {
    const { measure, sent } = setup();
    measure.beacon('render', audience({ beacon: '/a' }));
    measure.beacon('render', audience({ beacon: '/b' }));
    measure.beacon('render', audience({ beacon: '/a' }));
    measure.flush();
    expect(sent.map((s) => [s.url, lines(s.body).length])).toEqual([
      ['/a', 2],
      ['/b', 1],
    ]);
  });

  it.each([
    ['no data-beacon', audience({ beacon: undefined })],
    ['data-consent="false"', audience({ consent: false })],
  ])('sends nothing, and asks for no visitor id, with %s', (_name, to) => {
    const { measure, sent, visitorCalls } = setup();
    measure.beacon('impression', to);
    measure.flush();
    expect(sent).toEqual([]);
    expect(visitorCalls()).toBe(0);
  });
});

