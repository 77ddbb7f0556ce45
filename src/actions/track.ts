import type { Audience, Measurement, MeasureEnv } from '../chunks/measure';
import type { Catalog, Offer, OfferDetail } from '../types';
import type { Emit } from './emit';

/** What tracking needs from the page: the DOM events here, the rest for the `measure` chunk. */
export interface TrackEnv extends MeasureEnv {
  emit: Emit;
  /** Load the measurement chunk; rejects when it cannot be loaded. */
  loadMeasure(): Promise<typeof import('../chunks/measure')>;
  /** Run `fn` when the browser is idle (so no chunk is requested before the first cards). */
  idle(fn: () => void): void;
}

/** Where one slot's events go: its audience and, for purchases, its catalog's prices. */
export interface Tracked {
  el: Element;
  to: Audience;
  catalog: Catalog | undefined;
}

/**
 * What the widget tracks (analytics.md). The DOM events fire here, at once. Beacon lines, GA4
 * pushes and purchases are the `measure` chunk's (embed.md §1: beacon and GA4 transport load
 * on demand): it is loaded when the browser is idle after the first cards, and the calls made
 * before it arrived are replayed to it in order. Without a beacon, a dataLayer or consent it
 * never loads; when it cannot load, measurement is the one feature lost.
 */
export function createTracking(env: TrackEnv, visitor: () => string, view: string, chunkFailed: (error: unknown) => void) {
  let measurement: Promise<Measurement | undefined> | undefined;
  /** Hand `call` to the chunk's measurement (loading it once), when this audience is measured. */
  const measure = ({ el: _, ...slot }: Tracked, call: (m: Measurement, slot: Omit<Tracked, 'el'>) => void): void => {
    if (slot.to.consent && (slot.to.beacon || env.dataLayer()))
      void (measurement ??= new Promise<void>((idle) => env.idle(idle)).then(env.loadMeasure).then(
        (chunk) => chunk.createMeasurement(env, visitor, view),
        (error) => void chunkFailed(error),
      )).then((m) => m && call(m, slot));
  };

  return {
    /** A slot computed who its events are about; with a beacon it also reports orders. */
    audience: (slot: Tracked, order?: Parameters<Measurement['audience']>[1]) => measure(slot, (m, s) => m.audience(s, order)),
    /** The slot's cards were shown: its `render` line (and, at idle, the chunk loads). */
    rendered: (slot: Tracked, offers: readonly Offer[]) => {
      const ids = offers.map((o) => o.product.id);
      measure(slot, (m, { to }) => m.beacon('render', to, { offers: ids }));
    },
    holdout(slot: Tracked): void {
      env.emit(slot.el, 'holdout', { placement: slot.to.placement });
      measure(slot, (m, { to }) => m.beacon('holdout', to));
    },
    /** An impression, click or dismissal: the DOM event, the beacon line and, but for dismissals, GA4. */
    offer(slot: Tracked, t: 'impression' | 'click' | 'dismiss', offer: Offer, detail: OfferDetail): void {
      env.emit(slot.el, t, { placement: slot.to.placement, offer: detail });
      measure(slot, (m, { to }) => m.offer(t, to, offer, detail));
    },
    /** The primary button: GA4 `select_item` at once, the `add` line once the cart took it. */
    selected: (slot: Tracked, offer: Offer, detail: OfferDetail) => measure(slot, (m, { to }) => m.selected(to, offer, detail)),
    added: (slot: Tracked, offer: Offer, detail: OfferDetail) => measure(slot, (m, { to }) => m.added(to, offer, detail)),
  };
}
