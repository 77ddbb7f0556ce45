import { describe, expect, it } from 'vitest';
import { createReport } from './create-report';
import { niceScale } from './draw-aov-chart';
import { formatHtml } from './format-html';

const T = 'treatment';
const H = 'holdout';

function page(events: object[], lines: string[] = []) {
  const report = createReport();
  events.forEach((e, i) => report.add(e, i + 1));
  lines.forEach((l, i) => report.addLine(l, events.length + i + 1));
  return formatHtml(report.result(), { source: 'events.ndjson', lines: events.length + lines.length });
}

const full = page([
  { t: 'impression', group: T, segment: 'new' },
  { t: 'impression', group: T, segment: 'new' },
  { t: 'click', group: T, segment: 'new' },
  { t: 'add', group: T, segment: 'new' },
  ...[108, 120, 132].map((value, i) => ({ t: 'purchase', group: T, segment: 'new', orderId: `t${i}`, value, items: [{ id: 'f', price: 8, qty: 1, offer: 'cross-sell' }] })),
  ...[90, 100, 110].map((value, i) => ({ t: 'purchase', group: H, segment: 'new', orderId: `h${i}`, value, items: [] })),
]);

describe('formatHtml', () => {
  it('is one self-contained page: no script, no external resource', () => {
    expect(full.startsWith('<!doctype html>')).toBe(true);
    expect(full).not.toMatch(/<script|<link|<img|<iframe|@import|https?:\/\/|src=/i);
    expect(full).toMatch(/<style>/);
  });

  it('has both charts as labelled images, each followed by a data table', () => {
    expect(full).toMatch(/<svg[^>]+role="img" aria-labelledby="aov-title aov-desc"/);
    expect(full).toMatch(/<title id="aov-title">Average order value, treatment vs holdout<\/title>/);
    expect(full).toMatch(/<desc id="aov-desc">overall: treatment 120.00, holdout 100.00, lift \+20.0% \(95% CI \[-7.2%, \+47.2%\]\)/);
    expect(full).toMatch(/<svg[^>]+aria-labelledby="funnel-title funnel-desc"/);
    expect(full).toMatch(/<desc id="funnel-desc">Impressions 2, then Clicks 1, then Adds 1, then Orders with an offer 3\.<\/desc>/);
    expect(full).toMatch(/<caption>Average order value per group \(the chart as a table\)<\/caption>/);
    expect(full).toMatch(/<caption>Offer funnel \(the chart as a table\)<\/caption>/);
    expect(full).toMatch(/<th scope="col">/);
    expect(full).toMatch(/<th scope="row">overall<\/th>/);
  });

  it('escapes every name that comes from the events', () => {
    const hostile = page([{ t: 'impression', group: T, segment: '<img src=x onerror=alert(1)>', placement: '"><script>' }]);
    expect(hostile).not.toMatch(/<img|<script/);
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says so instead of drawing empty charts', () => {
    const empty = page([]);
    expect(empty).toContain('No orders yet');
    expect(empty).toContain('No impressions yet');
    expect(empty).not.toContain('<svg');
  });

  it('lists rejected lines', () => {
    const withRejects = page([], ['nope', '{"t":"x","group":"treatment"}']);
    expect(withRejects).toMatch(/Rejected lines \(2\)/);
    expect(withRejects).toMatch(/<th scope="row">2<\/th><td class="text">t must be one of/);
  });
});

describe('formatHtml: currency and the lift in words', () => {
  const events = [
    ...[108, 120, 132].map((value, i) => ({ t: 'purchase', group: T, orderId: `t${i}`, value, items: [{ id: 'f', price: 8, qty: 1, offer: 'cross-sell', cost: 3 }] })),
    ...[90, 100, 110].map((value, i) => ({ t: 'purchase', group: H, orderId: `h${i}`, value, items: [] })),
  ];
  const report = createReport();
  events.forEach((e, i) => report.add(e, i + 1));
  const inEuros = formatHtml(report.result(), { source: 'events.ndjson', lines: 6, currency: 'EUR' });

  it('shows amounts in the currency: tiles, chart, tables', () => {
    expect(inEuros).toMatch(/<dt>Offer revenue<\/dt><dd>€24\.00<\/dd>/);
    expect(inEuros).toMatch(/<dt>Offer margin<\/dt><dd>€15\.00<\/dd>/);
    expect(inEuros).toMatch(/<desc id="aov-desc">overall: treatment €120\.00, holdout €100\.00, lift \+20\.0%/);
    expect(inEuros).toMatch(/<th scope="row">overall<\/th><td>3<\/td><td>€120\.00<\/td><td>\[€90\.19, €149\.81\]<\/td>/);
    expect(inEuros).toMatch(/>€50<\/text>/); // an axis tick, whole amounts without decimals
    expect(full).toMatch(/<dt>Offer revenue<\/dt><dd>24\.00<\/dd>/); // no currency: plain
  });

  it('says whether the lift’s interval excludes 0, in words', () => {
    expect(inEuros).toContain(
      '<p class="verdict">AOV lift +20.0% (+€20.00 per order; 95% interval -7.2% to +47.2%): the interval includes 0: not enough evidence of a lift yet.</p>',
    );
  });

  it('says where offer revenue is placed', () => {
    expect(inEuros).toContain('offer revenue and margin count where the visitor added the item (its add event)');
  });
});

describe('niceScale', () => {
  it.each([
    [202.24, { step: 100, max: 300 }],
    [149.8, { step: 50, max: 150 }],
    [0.9, { step: 0.5, max: 1 }],
    [1000, { step: 500, max: 1000 }],
    [0, { step: 1, max: 1 }],
  ])('%s', (v, expected) => {
    const { step, max } = niceScale(v);
    expect(step).toBeCloseTo(expected.step, 12);
    expect(max).toBeCloseTo(expected.max, 12);
  });
});
