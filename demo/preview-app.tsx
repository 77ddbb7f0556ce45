/**
 * The merchant's preview: settings on the left; on the right the live preview (a real slot
 * the built widget renders into), the embed code, the event log, the KPIs and "Measure lift".
 */
import { h, Fragment } from 'preact';
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { cartCount, emptyCart } from './cart-client';
import { withCartAdapter } from './cart-platform';
import { EventLog, type EventLogModel } from './event-log';
import { KpiPanel, type KpiModel } from './kpi-panel';
import { createRenderedOffers } from './link-origins';
import { LinkOriginsPanel } from './link-origins-panel';
import { MeasureLift } from './measure-lift';
import { setCartFailure } from './mocks/cart-store';
import { setOffersMode, type OffersMode } from './mocks/offers-switch';
import { LINK_EDITOR_HREF, STORE_PAGES } from './demo-pages';
import { PreviewControls } from './preview-controls';
import { LOGGED_EVENTS, type PreviewState } from './preview-state';
import { SnippetTabs } from './snippet-tabs';
import { refreshWidget } from './start-store';
import { WidgetSlot } from './widget-slot';

export const PREVIEW_SLOT_ID = 'preview-slot';

/**
 * Heading level 3 fits this panel's outline; it is not part of the store snippet.
 * data-beacon: the demo's mock collector, which feeds the "Beacon lines received" count.
 */
const FIXED = { 'data-heading-level': '3', 'data-beacon': '/demo-beacon' } as const;

interface Props {
  state: PreviewState;
  log: EventLogModel;
  kpis: KpiModel;
}

const NAV_LABELS: Record<string, string> = { product: 'Product page' };

export function PreviewApp({ state, log, kpis }: Props) {
  const behaviour = useSignal<OffersMode>('ok');
  // The settings' attributes, with the "Cart API" switch's data-cart-adapter.
  const slotAttributes = useMemo(() => withCartAdapter(state.slotAttributes), [state]);
  const failAdds = useSignal(false);
  // The latest render's cards, for "where each link came from".
  const rendered = useMemo(createRenderedOffers, []);

  const onBehaviour = (mode: OffersMode) => {
    behaviour.value = mode;
    setOffersMode(mode);
    // Ask the endpoint again, in its new behaviour (unless it already failed in this page view).
    const slot = document.getElementById(PREVIEW_SLOT_ID);
    if (slot?.hasAttribute('data-endpoint')) refreshWidget(slot);
  };
  const onFailAdds = (fail: boolean) => {
    failAdds.value = fail;
    setCartFailure(fail);
  };
  const onEvent = (event: Event) => {
    log.record(event);
    kpis.count(event);
    rendered.record(event);
  };

  return (
    <>
      <a class="skip-link" href="#preview">Skip to the preview</a>
      <header class="bar">
        <h1>Offerwise preview</h1>
        <nav aria-label="Demo store pages">
          <ul>
            {STORE_PAGES.map(({ page, href, label }) => (
              <li key={page}><a href={href}>{NAV_LABELS[page] ?? label}</a></li>
            ))}
            <li><a href={LINK_EDITOR_HREF}>Link editor</a></li>
          </ul>
        </nav>
        <p class="bar-cart">
          Demo cart: <span>{cartCount}</span>
          <button type="button" class="link-button" onClick={emptyCart}>Empty</button>
        </p>
      </header>

      <main class="layout">
        <PreviewControls state={state} behaviour={behaviour.value} onBehaviour={onBehaviour} failAdds={failAdds.value} onFailAdds={onFailAdds} />
        <div class="output">
          <section id="preview" class="card" aria-labelledby="preview-heading" tabIndex={-1}>
            <h2 id="preview-heading">Live preview</h2>
            {/* Dark cards belong on a dark store page: the stage follows the chosen theme. */}
            <div class="stage" data-preview-theme={state.settings.theme}>
              <WidgetSlot id={PREVIEW_SLOT_ID} attributes={slotAttributes} fixed={FIXED} events={LOGGED_EVENTS} onEvent={onEvent} />
              <p class="empty-note" hidden={!log.emptyRender.value}>
                Nothing qualifies for these settings, so the widget renders nothing, exactly as shoppers would see it.
              </p>
            </div>
            <LinkOriginsPanel offers={rendered.offers} attributes={state.attributes} />
          </section>
          <SnippetTabs snippets={state.snippets} />
          <EventLog log={log} />
          <KpiPanel model={kpis} />
          <MeasureLift />
        </div>
      </main>
      <footer class="bar-footer">
        <p>The preview loads the built <code>offerwise.js</code> with one script tag, as a store does; the demo's APIs run in this browser (Mock Service Worker).</p>
      </footer>
    </>
  );
}
