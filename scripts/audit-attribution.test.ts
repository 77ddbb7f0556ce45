import { describe, expect, it } from 'vitest';
import { isWidgetScript, summarizeLoad, type RecordedLoad } from './audit-attribution.mjs';

const O = 'http://127.0.0.1:4000';

describe('isWidgetScript', () => {
  it('counts the entry and every chunk it loads, by URL', () => {
    expect(isWidgetScript(`${O}/dist/offerwise.js`)).toBe(true);
    expect(isWidgetScript(`${O}/offerwise-beacon.js`)).toBe(true);
    expect(isWidgetScript(`${O}/dist/offerwise-shared-B2_HO8LO.js?v=1`)).toBe(true);
  });
  it('leaves the page and the ES module build out', () => {
    expect(isWidgetScript(`${O}/fixture.html`)).toBe(false);
    expect(isWidgetScript(`${O}/dist/offerwise.mjs`)).toBe(false);
    expect(isWidgetScript(`${O}/assets/offerwise-demo.css`)).toBe(false);
    expect(isWidgetScript('')).toBe(false);
  });
});

describe('summarizeLoad', () => {
  const frame = (duration: number, blockingDuration: number, scripts: Array<[string, number]>) => ({
    start: 0,
    duration,
    blockingDuration,
    scripts: scripts.map(([path, ms]) => ({ sourceURL: `${O}${path}`, duration: ms })),
  });
  const raw: RecordedLoad = {
    longtasks: [{ start: 0, duration: 120 }, { start: 300, duration: 60 }, { start: 500, duration: 40 }],
    frames: [
      frame(130, 70, [['/fixture.html', 90], ['/dist/offerwise.js', 6]]), // the page's, with a little of ours
      frame(80, 30, [['/dist/offerwise-shards.js', 55], ['/fixture.html', 10]]), // the widget's own (a chunk)
      frame(60, 10, [['/fixture.html', 8]]), // the page's alone
    ],
    renders: [{ t: 400, offers: ['p1', 'p2'] }],
    errors: [],
    card: 450,
    beforeScript: 100,
    script: { responseEnd: 150 },
    intl: { start: 10, end: 70 },
  };

  it('counts long tasks and their blocking part', () => {
    const r = summarizeLoad(raw);
    expect(r.longTasks).toBe(2);
    expect(r.blocking).toBe(70 + 10);
  });

  it("puts a long frame to the widget when its scripts ran longest in it, chunks included", () => {
    const r = summarizeLoad(raw);
    expect(r.longFrames).toBe(3);
    expect(r.framesWithWidget).toBe(2);
    expect(r.ownCount).toBe(1);
    expect(r.ownBlocking).toBe(30);
    expect(r.ownBlockingCount).toBe(1);
    expect(r.longestOwn).toBe(80);
    expect(r.ownFrames[0]!.widgetMs).toBe(55);
  });

  it('times the card from the script start and the page’s own Intl setup', () => {
    const r = summarizeLoad(raw);
    expect(r.toCard).toBe(300);
    expect(r.pageIntlMs).toBe(60);
  });

  it('finds no frame of the widget on a page without it', () => {
    const r = summarizeLoad({ ...raw, frames: [frame(70, 20, [['/fixture.html', 60]])], card: null, renders: [] });
    expect(r.ownCount).toBe(0);
    expect(Number.isNaN(r.toCard)).toBe(true);
  });
});
