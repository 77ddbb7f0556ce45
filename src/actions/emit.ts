import type { OfferDetail, Placement } from '../types';

/** Every Offerwise DOM event name (embed.md §6). */
export type EventName =
  | 'render'
  | 'impression'
  | 'click'
  | 'add'
  | 'added'
  | 'dismiss'
  | 'holdout'
  | 'error';

/** Every event's `detail` carries `placement`, and `offer` where it concerns one offer. */
export interface EventDetail {
  placement: Placement;
  offer?: OfferDetail;
}

/**
 * Dispatch `offerwise:<name>` on the slot, bubbling out of the shadow root (composed).
 * Returns false when a cancelable event was cancelled. A throwing listener of the store's
 * is the browser's to report; it never interrupts the widget.
 */
export type Emit = <D extends EventDetail>(slot: Element, name: EventName, detail: D, cancelable?: boolean) => boolean;

/** The page's `CustomEvent`, handed in by embed.ts (the only file that touches globals). */
export type MakeEvent = (type: string, init: CustomEventInit) => Event;

export const createEmit =
  (make: MakeEvent): Emit =>
  (slot, name, detail, cancelable = false) =>
    slot.dispatchEvent(make(`offerwise:${name}`, { bubbles: true, composed: true, cancelable, detail }));
