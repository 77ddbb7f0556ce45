import { describe, expect, it } from 'vitest';
import { createReport } from './create-report';
import { formatJson } from './format-json';
import { alignColumns, formatTable, MAX_LABEL_CHARS, tableLabel } from './format-table';

describe('formatTable', () => {
  const report = createReport();
  report.add({ t: 'impression', group: 'treatment', segment: 'new', placement: 'cart' }, 1);
  report.add({ t: 'purchase', group: 'treatment', segment: 'new', orderId: 'a', value: 1234.5, items: [{ id: 'x', price: 10, qty: 1, offer: 'upsell' }] }, 2);
  for (let i = 3; i <= 30; i++) report.addLine('{', i);
  const text = formatTable(report.result(), { source: 'events.ndjson', lines: 30 });
  const lines = text.split('\n');

  it('starts with the source and a summary', () => {
    expect(lines[0]).toBe('Offerwise report: events.ndjson');
    expect(lines[1]).toBe('30 lines: 2 events, 28 rejected');
  });

  it('aligns the columns of each table', () => {
    const funnel = lines.slice(lines.indexOf('') + 1, lines.indexOf('', 3));
    const end = funnel[0]!.length;
    for (const row of funnel.filter((l) => !l.startsWith('by ')))
      expect(row.length, row).toBe(end); // right-aligned last column: every full row ends at the same place
  });

  it('shows n/a for figures that cannot be computed, and money with two decimals', () => {
    const overall = lines.find((l) => l.startsWith('overall') && l.includes('%') && l.includes('1,234.50'))!;
    expect(overall).toMatch(/100\.0%\s+10\.00\s+n\/a\s+1,234\.50\s+n\/a\s+n\/a\s+n\/a$/);
  });

  it('lists the first 20 rejected lines and says how many there are', () => {
    expect(text).toContain('REJECTED LINES (28; the first 20, --format json lists up to 1,000)');
    expect(lines.filter((l) => /^ {2}line \d+: /.test(l))).toHaveLength(20);
  });

  it('says where margins are missing', () => {
    expect(text).toMatch(/Offer margin is n\/a where offer items have no cost \(1 overall\)/);
  });
});

describe('alignColumns', () => {
  it('pads left and right columns and leaves heading rows alone', () => {
    expect(alignColumns([['a', '1'], ['heading'], ['bbb', '22']], ['left', 'right'])).toEqual(['a     1', 'heading', 'bbb  22']);
  });
});

describe('formatTable with hostile labels', () => {
  const huge = 'x'.repeat(900_000);
  const report = createReport();
  report.add({ t: 'impression', group: 'treatment', segment: huge, placement: 'cart' }, 1);
  report.add({ t: 'impression', group: 'treatment', segment: 'new', placement: 'line\nbreak\u001b[2J' }, 2);
  const result = report.result();

  it('cuts a 900,000-character label at 60 characters, so no row is padded to it', () => {
    const text = formatTable(result, { source: 'events.ndjson', lines: 2 });
    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain(`  ${'x'.repeat(MAX_LABEL_CHARS - 1)}\u2026 `);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(250);
  });

  it('shows control characters as ?, so a label stays on its line', () => {
    const text = formatTable(result, { source: 'events.ndjson', lines: 2 });
    expect(text).toMatch(/^ {2}line\?break\?\[2J +\d/m);
    expect(text).not.toContain('\u001b');
  });

  it('leaves labels whole in the JSON', () => {
    expect(Object.keys(JSON.parse(formatJson(result)).bySegment)).toContain(huge);
  });

  it('keeps short labels as they are, and counts characters, not UTF-16 units', () => {
    expect(tableLabel('returning')).toBe('returning');
    expect(tableLabel('\u{1F600}'.repeat(MAX_LABEL_CHARS))).toBe('\u{1F600}'.repeat(MAX_LABEL_CHARS));
    expect(tableLabel('\u{1F600}'.repeat(MAX_LABEL_CHARS + 1))).toBe('\u{1F600}'.repeat(MAX_LABEL_CHARS - 1) + '\u2026');
  });
});

describe('formatTable: currency and the lift in words', () => {
  const report = createReport();
  for (const [i, value] of [108, 120, 132].entries())
    report.add({ t: 'purchase', group: 'treatment', orderId: `t${i}`, value, items: [{ id: 'f', price: 1234.5, qty: 1, offer: 'cross-sell', cost: 1000 }] }, i + 1);
  for (const [i, value] of [90, 100, 110].entries()) report.add({ t: 'purchase', group: 'holdout', orderId: `h${i}`, value, items: [] }, i + 4);
  const result = report.result();
  const overallRow = (text: string) => text.split('\n').find((l) => l.startsWith('overall') && l.includes('100.0%'))!;

  it('shows amounts with the currency’s symbol when there is one', () => {
    const text = formatTable(result, { source: 'e', lines: 6, currency: 'USD' });
    expect(overallRow(text)).toMatch(/100\.0%\s+0\.0%\s+\$3,703\.50\s+\$703\.50\s+\$120\.00\s+\$100\.00\s+\+20\.0%\s+\[-7\.2%, \+47\.2%\]$/);
  });

  it('uses the currency’s own decimals (none for yen)', () => {
    expect(overallRow(formatTable(result, { source: 'e', lines: 6, currency: 'JPY' }))).toMatch(/¥3,704\s+¥704\s+¥120\s+¥100\s/);
  });

  it('keeps plain numbers without a currency', () => {
    expect(overallRow(formatTable(result, { source: 'e', lines: 6 }))).toMatch(/\s3,703\.50\s+703\.50\s+120\.00\s+100\.00\s/);
  });

  it('says under the summary whether the lift’s interval excludes 0', () => {
    const lines = formatTable(result, { source: 'e', lines: 6, currency: 'USD' }).split('\n');
    expect(lines[3]).toBe(
      'AOV lift +20.0% (+$20.00 per order; 95% interval -7.2% to +47.2%): the interval includes 0: not enough evidence of a lift yet.',
    );
  });

  it('says where offer revenue is placed', () => {
    expect(formatTable(result, { source: 'e', lines: 6 })).toContain(
      'By placement, offer revenue and margin count where the visitor added the item (its add event), everything else about an order where its purchase event was sent.',
    );
  });
});
