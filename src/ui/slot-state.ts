import { batch, computed, signal } from '@preact/signals';
import { fill, type Strings } from '../i18n/strings';
import type { Offer, Placement } from '../types';
import { isAddon, type Formatter } from './offer-text';

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
  /** The language of `strings` (WCAG 3.1.2: a German section on an English page says so). */
  lang: string;
}

/** What the cards ask of the outside world (the widget wires these to events and storage). */
export interface SlotActions {
  /** Resolves true when the product was added, `'left'` when the shopper is sent to add it elsewhere; never rejects. */
  onAdd(offer: Offer, position: number): Promise<boolean | 'left'>;
  onDismiss(offer: Offer, position: number): void;
  onFollow(offer: Offer, position: number): void;
  /** The card shows its placeholder instead; this only tells the widget. */
  onImageError(offer: Offer): void;
  /** A card was rendered into `card`; the widget watches it for impressions. */
  onCard(card: Element, offer: Offer, position: number): void;
  /** Something the shopper did failed in our code (a broken page): told, never thrown at the page. */
  onError(error: unknown): void;
}

/** A card to draw: the offer and its place in the view (counting from 1, dismissed ones included). */
export interface Shown {
  offer: Offer;
  position: number;
}

/**
 * One slot's state, in signals: the engine's view and what the shopper did to it. The cards
 * read them directly, so a change re-renders only the components that read it; what the
 * section shows (`cards`) is computed from them. Only the functions below write them.
 */
export function createSlotState(actions: SlotActions) {
  const view = signal<SlotView | null>(null);
  /** Add progress per product id. */
  const progress = signal<Record<string, AddState>>({});
  /** Product ids dismissed since the last view. */
  const gone = signal<string[]>([]);
  /** Product ids whose image failed to load (kept across views: the image stays broken). */
  const broken = signal<string[]>([]);
  /** The live region's text. */
  const message = signal('');
  /**
   * Where to put focus after the next render: the card at this place in `cards` (after a
   * dismissal, the one that took its place), the heading when there is none, null for nothing.
   */
  const focus = signal<number | null>(null);

  const cards = computed<Shown[]>(() =>
    (view.value?.offers ?? []).flatMap((offer, i) => (gone.value.includes(offer.product.id) ? [] : [{ offer, position: i + 1 }])),
  );

  /** Says in the live region what became of the offer. */
  const announce = (key: 'added' | 'addedAddon' | 'failed' | 'dismissed', offer: Offer): void => {
    message.value = fill(view.peek()?.strings[key] ?? '', { title: offer.product.title });
  };
  /** What the cards' DOM events call: an error, thrown or rejected, goes to `onError` only. */
  const safe =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A): void => {
      try {
        // Only a promise has `catch`; sync actions may return anything (onCard: a count).
        (fn(...args) as Partial<Promise<void>> | undefined)?.catch?.(actions.onError);
      } catch (error) {
        actions.onError(error);
      }
    };
  const setProgress = (id: string, state: AddState) => (progress.value = { ...progress.peek(), [id]: state });

  return {
    view,
    progress,
    broken,
    message,
    focus,
    cards,
    show(next: SlotView | null): void {
      batch(() => {
        view.value = next;
        gone.value = [];
      });
    },
    add: safe(async (offer: Offer, position: number): Promise<void> => {
      const id = offer.product.id;
      const now = progress.peek()[id];
      if (now === 'busy' || now === 'added') return;
      setProgress(id, 'busy');
      const ok = await actions.onAdd(offer, position);
      // Leaving for the product's page: the card claims nothing and stays usable.
      if (ok === 'left') return void setProgress(id, 'idle');
      batch(() => {
        setProgress(id, ok ? 'added' : 'failed');
        announce(ok ? (isAddon(offer) ? 'addedAddon' : 'added') : 'failed', offer);
      });
    }),
    dismiss: safe((offer: Offer, position: number): void => {
      const id = offer.product.id;
      actions.onDismiss(offer, position);
      batch(() => {
        focus.value = cards.peek().findIndex((c) => c.offer.product.id === id);
        gone.value = [...gone.peek(), id];
        announce('dismissed', offer);
      });
    }),
    follow: safe(actions.onFollow),
    imageFailed: safe((offer: Offer): void => {
      broken.value = [...broken.peek(), offer.product.id];
      actions.onImageError(offer);
    }),
    card: safe(actions.onCard),
  };
}

export type SlotState = ReturnType<typeof createSlotState>;
