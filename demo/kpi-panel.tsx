/**
 * "KPIs in this browser": counts the widget's own DOM events on the preview slot (the tally
 * lives in live-kpis.ts), keeps them in sessionStorage so a reload keeps counting, and lists
 * the beacon lines the demo's `/demo-beacon` endpoint received.
 */
import { h } from 'preact';
import { effect, signal } from '@preact/signals';
import { emptyPanel, formatGroup, rates, readPanel, summarize, tally, withBeaconLines, type PanelState } from './live-kpis';

const SESSION_KEY = 'offerwise-demo-kpis';
/** The widget's own localStorage entry (visitor id, dismissals, added offers). */
const VISITOR_KEY = 'offerwise';
/** Bursts of events (two impressions, a re-render) become one announcement. */
const ANNOUNCE_DELAY_MS = 1000;

/** Storage can throw (private modes, blocked cookies): the panel then counts for this page only. */
function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

export function createKpiModel() {
  const panel = signal<PanelState>(attempt(() => readPanel(sessionStorage.getItem(SESSION_KEY))) ?? emptyPanel());
  /** The polite live region's sentence, written after a quiet second and only when it changed. */
  const summary = signal('');
  let announcing: ReturnType<typeof setTimeout> | undefined;

  const stop = effect(() => {
    const { tally: counts } = panel.value;
    clearTimeout(announcing);
    announcing = setTimeout(() => (summary.value = summarize(counts)), ANNOUNCE_DELAY_MS);
  });

  function update(next: PanelState): void {
    panel.value = next;
    attempt(() => sessionStorage.setItem(SESSION_KEY, JSON.stringify(next)));
  }

  return {
    panel,
    summary,
    count: (event: Event) => update({ ...panel.value, tally: tally(panel.value.tally, event.type) }),
    receive: (lines: string[]) => update({ ...panel.value, beacon: withBeaconLines(panel.value.beacon, lines) }),
    /** Clear the counts and forget the visitor, so the next page load draws a new id (and maybe group). */
    reset(): void {
      attempt(() => localStorage.removeItem(VISITOR_KEY));
      attempt(() => sessionStorage.removeItem(SESSION_KEY));
      panel.value = emptyPanel();
    },
    dispose(): void {
      stop();
      clearTimeout(announcing);
    },
  };
}

export type KpiModel = ReturnType<typeof createKpiModel>;

export function KpiPanel({ model }: { model: KpiModel }) {
  const { tally: t, beacon } = model.panel.value;
  const { ctr, addRate } = rates(t);
  const figures: Array<[string, string | number]> = [
    ['Renders', t.renders],
    ['Impressions', t.impressions],
    ['Clicks', t.clicks],
    ['Adds', t.adds],
    ['Dismissals', t.dismissals],
    ['Holdout renders', t.holdouts],
    ['Click-through rate', ctr],
    ['Add rate', addRate],
  ];
  return (
    <section class="card" aria-labelledby="kpis-heading">
      <div class="card-head">
        <h2 id="kpis-heading">KPIs in this browser</h2>
        <button type="button" class="secondary" aria-describedby="kpis-hint" onClick={model.reset}>Reset</button>
      </div>
      <p class="hint" id="kpis-hint">
        Counted from the widget's events on this preview and kept until the tab closes. Reset clears the counts and forgets this browser's visitor id
        (the widget's <code>offerwise</code> entry in localStorage), so the next page load draws a new visitor, who may land in the other group.
      </p>
      <p class="kpi-summary" role="status">{model.summary}</p>
      <dl class="live-kpis">
        <div class="wide"><dt>Visitor's group</dt><dd>{formatGroup(t.group)}</dd></div>
        {figures.map(([term, value]) => (
          <div key={term}><dt>{term}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      <p class="hint">Rates are per impression. Adds count only adds that reached the cart.</p>
      <p>Beacon lines received: <strong id="beacon-count">{beacon.count}</strong></p>
      <details class="beacon">
        <summary>Last 20 beacon lines</summary>
        <p class="hint">
          The widget sends a batch every 10 events and when the tab is hidden (switch tabs and back to see one). A batch sent as the page unloads can
          be lost, so the counts above come from the page's events, not from these lines.
        </p>
        <pre tabIndex={0} aria-label="Last 20 beacon lines"><code id="beacon-lines">{beacon.last.length > 0 ? beacon.last.join('\n') : 'None yet.'}</code></pre>
      </details>
    </section>
  );
}
