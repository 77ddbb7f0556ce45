/**
 * The preview page's "KPIs in this browser" card: counts the widget's own DOM events on the
 * preview slot (the tally lives in live-kpis.ts), keeps them in sessionStorage so a reload
 * keeps counting, and lists the beacon lines the demo's `/demo-beacon` endpoint received.
 */
import { COUNTED_EVENTS, emptyPanel, formatGroup, rates, readPanel, summarize, tally, withBeaconLines, type PanelState } from './live-kpis';
import { onBeaconLines } from './mocks/beacon-inbox';

const SESSION_KEY = 'offerwise-demo-kpis';
/** The widget's own localStorage entry (embed.md: visitor id, dismissals, added offers). */
const VISITOR_KEY = 'offerwise';
/** Bursts of events (two impressions, a re-render) become one announcement. */
const ANNOUNCE_DELAY_MS = 1000;

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`[demo] The preview page lacks ${selector}`);
  return el;
}

const slot = required<HTMLElement>('#preview-slot');
const summary = required<HTMLElement>('#kpi-summary');
const beaconCount = required<HTMLElement>('#beacon-count');
const beaconLines = required<HTMLElement>('#beacon-lines');
const figures = new Map(
  [...document.querySelectorAll<HTMLElement>('#live-kpis [data-kpi]')].map((el) => [el.dataset.kpi ?? '', el]),
);

/** Storage can throw (private modes, blocked cookies): the panel then counts for this page only. */
function session(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

function load(): PanelState {
  try {
    return readPanel(session()?.getItem(SESSION_KEY) ?? null);
  } catch {
    return emptyPanel();
  }
}

function save(state: PanelState): void {
  try {
    session()?.setItem(SESSION_KEY, JSON.stringify(state));
  } catch {
    // Full or forbidden storage: the counts still show, they just won't survive a reload.
  }
}

let state = load();
let announcing: ReturnType<typeof setTimeout> | undefined;

function setFigure(name: string, value: string): void {
  const el = figures.get(name);
  if (el && el.textContent !== value) el.textContent = value;
}

function announce(): void {
  clearTimeout(announcing);
  announcing = setTimeout(() => {
    const text = summarize(state.tally);
    // Only a changed sentence is written, so the polite region stays quiet on plain re-renders.
    if (summary.textContent !== text) summary.textContent = text;
  }, ANNOUNCE_DELAY_MS);
}

function show(): void {
  const { tally: t, beacon } = state;
  const { ctr, addRate } = rates(t);
  setFigure('group', formatGroup(t.group));
  setFigure('renders', String(t.renders));
  setFigure('impressions', String(t.impressions));
  setFigure('clicks', String(t.clicks));
  setFigure('adds', String(t.adds));
  setFigure('dismissals', String(t.dismissals));
  setFigure('holdouts', String(t.holdouts));
  setFigure('ctr', ctr);
  setFigure('add-rate', addRate);
  beaconCount.textContent = String(beacon.count);
  beaconLines.textContent = beacon.last.length > 0 ? beacon.last.join('\n') : 'None yet.';
  announce();
}

function update(next: PanelState): void {
  state = next;
  save(state);
  show();
}

/** Clear the counts and forget the visitor, so the next page load draws a new id (and maybe group). */
function reset(): void {
  try {
    localStorage.removeItem(VISITOR_KEY);
  } catch {
    // No storage: there is no stored visitor to forget either.
  }
  try {
    session()?.removeItem(SESSION_KEY);
  } catch {
    // As above.
  }
  state = emptyPanel();
  show();
}

for (const type of COUNTED_EVENTS) {
  slot.addEventListener(type, (event) => update({ ...state, tally: tally(state.tally, event.type) }));
}
onBeaconLines((lines) => update({ ...state, beacon: withBeaconLines(state.beacon, lines) }));
required<HTMLButtonElement>('#reset-kpis').addEventListener('click', reset);
show();
