import { describe, expect, it } from 'vitest';
import {
  BEACON_KEEP,
  emptyBeaconLog,
  emptyPanel,
  emptyTally,
  formatRate,
  rates,
  readPanel,
  summarize,
  tally,
  withBeaconLines,
  type Tally,
} from './live-kpis';

const run = (types: string[], from: Tally = emptyTally()): Tally => types.reduce(tally, from);
const ow = (...names: string[]) => names.map((name) => `offerwise:${name}`);

describe('tally', () => {
  it.each<[string, string[], Partial<Tally>]>([
    ['nothing yet', [], { renders: 0, impressions: 0, group: null }],
    ['a treatment render with two cards seen', ow('render', 'impression', 'impression'), { renders: 1, impressions: 2, group: 'treatment' }],
    ['a click and a completed add', ow('render', 'impression', 'click', 'add', 'added'), { clicks: 1, adds: 1 }],
    ['an add that never completed', ow('render', 'impression', 'add', 'error'), { adds: 0 }],
    ['a dismissal', ow('render', 'impression', 'dismiss'), { dismissals: 1 }],
    ['a holdout render', ow('holdout', 'render'), { renders: 1, holdouts: 1, group: 'holdout', heldOut: false }],
    ['an empty treatment render (nothing qualified)', ow('render'), { renders: 1, holdouts: 0, group: 'treatment' }],
    ['holdout, then the holdout % set back to 0', ow('holdout', 'render', 'render'), { renders: 2, holdouts: 1, group: 'treatment' }],
    ['treatment, then a holdout % that catches this visitor', ow('render', 'holdout', 'render'), { renders: 2, group: 'holdout' }],
    ['events the panel does not count', ['click', 'offerwise:error', 'demo:beacon'], { ...emptyTally() }],
  ])('%s', (_name, types, expected) => {
    expect(run(types)).toMatchObject(expected);
  });

  it('does not change the state it is given', () => {
    const before = emptyTally();
    tally(before, 'offerwise:impression');
    expect(before).toEqual(emptyTally());
  });
});

describe('rates', () => {
  it.each([
    [0, 0, '–'],
    [3, 0, '–'],
    [0, 4, '0%'],
    [1, 4, '25%'],
    [1, 3, '33.3%'],
    [2, 2, '100%'],
  ])('%i of %i is %s', (part, whole, expected) => {
    expect(formatRate(part, whole)).toBe(expected);
  });

  it('gives click-through and add rates per impression, never NaN', () => {
    expect(rates(emptyTally())).toEqual({ ctr: '–', addRate: '–' });
    expect(rates(run(ow('render', 'impression', 'impression', 'click', 'added')))).toEqual({ ctr: '50%', addRate: '50%' });
  });
});

describe('summarize', () => {
  it.each<[string, string[], string]>([
    ['before any event', [], 'No widget events in this browser yet.'],
    ['a treatment visitor', ow('render', 'impression', 'impression', 'click'), 'Treatment visitor: 2 impressions, 1 click (50%), 0 adds (0%).'],
    ['a treatment visitor with no impression yet', ow('render'), 'Treatment visitor: 0 impressions, 0 clicks (–), 0 adds (–).'],
    ['a holdout visitor', ow('holdout', 'render'), 'Holdout visitor: no cards shown, 1 holdout render so far.'],
  ])('%s', (_name, types, expected) => {
    expect(summarize(run(types))).toBe(expected);
  });
});

describe('withBeaconLines', () => {
  it.each([
    [0, 3, 3],
    [18, 5, BEACON_KEEP],
  ])('after %i lines and a batch of %i keeps the last %i', (before, batch, kept) => {
    const start = withBeaconLines(emptyBeaconLog(), Array.from({ length: before }, (_, i) => `old ${i}`));
    const log = withBeaconLines(start, Array.from({ length: batch }, (_, i) => `new ${i}`));
    expect(log.count).toBe(before + batch);
    expect(log.last).toHaveLength(kept);
    expect(log.last.at(-1)).toBe(`new ${batch - 1}`);
  });
});

describe('readPanel', () => {
  const saved = { tally: run(ow('render', 'impression', 'added')), beacon: withBeaconLines(emptyBeaconLog(), ['{"t":"render"}']) };

  it.each<[string, string | null, unknown]>([
    ['nothing stored', null, emptyPanel()],
    ['not JSON', '{oops', emptyPanel()],
    ['JSON null', 'null', emptyPanel()],
    ['what the panel wrote', JSON.stringify(saved), saved],
    [
      'foreign values, which are dropped',
      JSON.stringify({ tally: { renders: -1, impressions: 2.5, clicks: '3', adds: 1, group: 'control' }, beacon: { count: 2, last: [1, 'x'] } }),
      { tally: { ...emptyTally(), adds: 1 }, beacon: { count: 2, last: ['x'] } },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(readPanel(raw)).toEqual(expected);
  });
});
