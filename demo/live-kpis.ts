/**
 * The preview page's "KPIs in this browser" panel, without the DOM: a tally of the widget's
 * own DOM events (embed.md §6) and the figures shown from it. Counting DOM events, not beacon
 * lines, keeps the panel right even when a beacon batch is lost as a tab closes.
 */

/** The widget events the panel counts. `offerwise:add` is left out: it fires before the cart work and may fail. */
export const COUNTED_EVENTS = [
  'offerwise:render',
  'offerwise:impression',
  'offerwise:click',
  'offerwise:added',
  'offerwise:dismiss',
  'offerwise:holdout',
] as const;
export type CountedEvent = (typeof COUNTED_EVENTS)[number];

export type Group = 'treatment' | 'holdout';

export interface Tally {
  renders: number;
  impressions: number;
  clicks: number;
  /** Completed adds (`offerwise:added`). */
  adds: number;
  dismissals: number;
  /** Renders that showed nothing because the visitor is in the holdout group. */
  holdouts: number;
  /** The group of the latest render; null before the first one. */
  group: Group | null;
  /**
   * A holdout event came since the last render. The widget emits `holdout` and then an empty
   * `render`; an empty render alone only means nothing qualified, so the order decides.
   */
  heldOut: boolean;
}

const COUNTS = ['renders', 'impressions', 'clicks', 'adds', 'dismissals', 'holdouts'] as const;
type Count = (typeof COUNTS)[number];

const COUNT_OF: Readonly<Record<CountedEvent, Count>> = {
  'offerwise:render': 'renders',
  'offerwise:impression': 'impressions',
  'offerwise:click': 'clicks',
  'offerwise:added': 'adds',
  'offerwise:dismiss': 'dismissals',
  'offerwise:holdout': 'holdouts',
};

export const emptyTally = (): Tally => ({
  renders: 0,
  impressions: 0,
  clicks: 0,
  adds: 0,
  dismissals: 0,
  holdouts: 0,
  group: null,
  heldOut: false,
});

const isCounted = (type: string): type is CountedEvent => Object.hasOwn(COUNT_OF, type);

/** The tally after one more widget event (by its DOM type); other events change nothing. */
export function tally(state: Tally, type: string): Tally {
  if (!isCounted(type)) return state;
  const key = COUNT_OF[type];
  const next: Tally = { ...state, [key]: state[key] + 1 };
  if (type === 'offerwise:holdout') return { ...next, group: 'holdout', heldOut: true };
  if (type === 'offerwise:render') return { ...next, group: state.heldOut ? 'holdout' : 'treatment', heldOut: false };
  return next;
}

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** `part ÷ whole` as a percentage, or "–" when there is nothing to divide by (never NaN). */
export function formatRate(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : '–';
}

/** Click-through rate and add rate, both per impression. */
export function rates(t: Tally): { ctr: string; addRate: string } {
  return { ctr: formatRate(t.clicks, t.impressions), addRate: formatRate(t.adds, t.impressions) };
}

export function formatGroup(group: Group | null): string {
  if (group === 'holdout') return 'Holdout (sees no cards)';
  if (group === 'treatment') return 'Treatment (sees offers)';
  return '–';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One sentence for the polite live region. It leaves renders out, so re-rendering the
 * preview while changing settings does not make screen readers repeat it.
 */
export function summarize(t: Tally): string {
  if (t.group === null) return 'No widget events in this browser yet.';
  if (t.group === 'holdout') return `Holdout visitor: no cards shown, ${plural(t.holdouts, 'holdout render')} so far.`;
  const { ctr, addRate } = rates(t);
  return (
    `Treatment visitor: ${plural(t.impressions, 'impression')}, ` +
    `${plural(t.clicks, 'click')} (${ctr}), ${plural(t.adds, 'add')} (${addRate}).`
  );
}

/** What the panel shows of the beacon lines the demo's endpoint received. */
export interface BeaconLog {
  count: number;
  /** The latest raw lines, oldest first. */
  last: string[];
}

export const BEACON_KEEP = 20;

export const emptyBeaconLog = (): BeaconLog => ({ count: 0, last: [] });

export function withBeaconLines(log: BeaconLog, lines: readonly string[], keep = BEACON_KEEP): BeaconLog {
  return { count: log.count + lines.length, last: [...log.last, ...lines].slice(-keep) };
}

/** Everything the panel keeps in sessionStorage, so a reload of the preview keeps counting. */
export interface PanelState {
  tally: Tally;
  beacon: BeaconLog;
}

export const emptyPanel = (): PanelState => ({ tally: emptyTally(), beacon: emptyBeaconLog() });

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The stored panel state, or an empty one. Storage is another tab's (or an older build's)
 * data: any field that is not what this version writes is dropped, never trusted.
 */
export function readPanel(raw: string | null): PanelState {
  const state = emptyPanel();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? 'null');
  } catch {
    return state;
  }
  const { tally: t, beacon } = (parsed ?? {}) as Partial<Record<keyof PanelState, Record<string, unknown>>>;
  for (const key of COUNTS) {
    const value = t?.[key];
    if (isCount(value)) state.tally[key] = value;
  }
  if (t?.group === 'treatment' || t?.group === 'holdout') state.tally.group = t.group;
  state.tally.heldOut = t?.heldOut === true;
  const count = beacon?.count;
  const last = beacon?.last;
  if (isCount(count)) state.beacon.count = count;
  if (Array.isArray(last)) {
    state.beacon.last = last.filter((line): line is string => typeof line === 'string').slice(-BEACON_KEEP);
  }
  return state;
}
