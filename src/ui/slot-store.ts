import { batch, signal, type Signal } from '@preact/signals-core';
import { fill, type Strings } from '../i18n/strings';
import type { Offer, Placement } from '../types';
import type { Formatter } from './offer-text';

export type AddState = 'idle' | 'busy' | 'added' | 'failed';

/** Everything one slot shows; the widget replaces it on each refresh. */
export interface SlotView {
  offers: Offer[];
  placement: Placement;
  headingLevel: number;
  strings: Strings;
  format: Formatter;
  theme: 'light' | 'dark';
  dir: 'ltr' | 'rtl';
}

/** What the cards ask of the outside world (the widget wires these to events and storage). */
export interface SlotActions {
  /** Resolves true when the product was added; never rejects. */
  onAdd(offer: Offer, position: number): Promise<boolean>;
  onDismiss(offer: Offer, position: number): void;
  onFollow(offer: Offer, position: number): void;
}

/**
 * One slot's state as signals: the view from the engine, plus what the shopper did to it
 * (add progress per product, dismissed cards, the live-region message, where focus goes).
 * Components render it; only these functions change it.
 */
export interface SlotStore {
  view: Signal<SlotView | null>;
  states: Signal<Record<string, AddState>>;
  gone: Signal<string[]>;
  message: Signal<string>;
  /** A product id to focus, '' for the heading, null for nothing. */
  focus: Signal<string | null>;
  show(view: SlotView | null): void;
  add(offer: Offer, position: number): Promise<void>;
  dismiss(offer: Offer, position: number): void;
  follow(offer: Offer, position: number): void;
}

export function createSlotStore(actions: SlotActions): SlotStore {
  const view = signal<SlotView | null>(null);
  const states = signal<Record<string, AddState>>({});
  const gone = signal<string[]>([]);
  const message = signal('');
  const focus = signal<string | null>(null);
  const setState = (id: string, state: AddState) => (states.value = { ...states.value, [id]: state });
  const text = (key: 'added' | 'failed' | 'dismissed', offer: Offer) =>
    fill((view.peek()?.strings ?? ({} as Strings))[key] ?? '', { title: offer.product.title });

  return {
    view,
    states,
    gone,
    message,
    focus,
    show(next) {
      batch(() => {
        view.value = next;
        gone.value = [];
      });
    },
    async add(offer, position) {
      const id = offer.product.id;
      const now = states.peek()[id];
      if (now === 'busy' || now === 'added') return;
      setState(id, 'busy');
      const ok = await actions.onAdd(offer, position);
      batch(() => {
        setState(id, ok ? 'added' : 'failed');
        message.value = text(ok ? 'added' : 'failed', offer);
      });
    },
    dismiss(offer, position) {
      const id = offer.product.id;
      const visible = (view.peek()?.offers ?? []).filter((o) => !gone.peek().includes(o.product.id));
      const next = visible[visible.findIndex((o) => o.product.id === id) + 1];
      actions.onDismiss(offer, position);
      batch(() => {
        gone.value = [...gone.peek(), id];
        message.value = text('dismissed', offer);
        focus.value = next ? next.product.id : '';
      });
    },
    follow: (offer, position) => actions.onFollow(offer, position),
  };
}
