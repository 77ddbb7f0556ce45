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
  /** The card shows its placeholder instead; this only tells the store. */
  onImageError(offer: Offer): void;
  /** A card was rendered into `card`; the widget watches it for impressions. */
  onCard(card: Element, offer: Offer, position: number): void;
}

/** One slot's state: the engine's view plus what the shopper did to it. */
export interface SlotState {
  view: SlotView | null;
  /** Add progress per product id. */
  states: Record<string, AddState>;
  /** Product ids dismissed since the last view. */
  gone: string[];
  /** Product ids whose image failed to load (kept across views: the image stays broken). */
  broken: string[];
  /** The live region's text. */
  message: string;
  /** A product id to focus, '' for the heading, null for nothing. */
  focus: string | null;
}

/**
 * One slot's state and the only functions that change it. Components subscribe and render
 * it; nothing else writes it. (A plain observable: the widget needs one value per slot and
 * no derived state, so a signals library would cost bytes without buying anything.)
 */
export interface SlotStore {
  get(): SlotState;
  /** Call `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  show(view: SlotView | null): void;
  add(offer: Offer, position: number): Promise<void>;
  dismiss(offer: Offer, position: number): void;
  follow(offer: Offer, position: number): void;
  imageFailed(offer: Offer): void;
  card(card: Element, offer: Offer, position: number): void;
  /** Read and clear the pending focus request. */
  takeFocus(): string | null;
}

export function createSlotStore(actions: SlotActions): SlotStore {
  let state: SlotState = { view: null, states: {}, gone: [], broken: [], message: '', focus: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SlotState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const text = (key: 'added' | 'failed' | 'dismissed', offer: Offer) =>
    fill(state.view?.strings[key] ?? '', { title: offer.product.title });
  const progress = (id: string, value: AddState, message = state.message) =>
    set({ states: { ...state.states, [id]: value }, message });

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    show: (view) => set({ view, gone: [] }),
    async add(offer, position) {
      const id = offer.product.id;
      if (state.states[id] === 'busy' || state.states[id] === 'added') return;
      progress(id, 'busy');
      const ok = await actions.onAdd(offer, position);
      progress(id, ok ? 'added' : 'failed', text(ok ? 'added' : 'failed', offer));
    },
    dismiss(offer, position) {
      const id = offer.product.id;
      const visible = (state.view?.offers ?? []).filter((o) => !state.gone.includes(o.product.id));
      const next = visible[visible.findIndex((o) => o.product.id === id) + 1];
      actions.onDismiss(offer, position);
      set({ gone: [...state.gone, id], message: text('dismissed', offer), focus: next ? next.product.id : '' });
    },
    follow: (offer, position) => actions.onFollow(offer, position),
    imageFailed(offer) {
      set({ broken: [...state.broken, offer.product.id] });
      actions.onImageError(offer);
    },
    card: (card, offer, position) => actions.onCard(card, offer, position),
    takeFocus() {
      const focus = state.focus;
      state = { ...state, focus: null };
      return focus;
    },
  };
}
