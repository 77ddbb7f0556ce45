import { describe, expect, it } from 'vitest';
import { createReport } from './create-report';
import { alignColumns, formatTable } from './format-table';

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
