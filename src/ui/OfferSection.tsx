import type { Offer } from '../types';
import { draw, h } from './dom';
import { OfferCard } from './OfferCard';
import { headingText } from './offer-text';
import type { SlotStore } from './slot-store';

/**
 * The region of one slot: a labelled section with a visible heading, one or two cards and a
 * polite live region. Renders nothing at all when there is no offer (embed.md §4).
 */
export function OfferSection({ store }: { store: SlotStore }) {
  const { view, gone, states, broken, message } = store.get();
  const offers = view?.offers ?? [];
  if (!view || !offers.length) return null;
  const level = Math.min(Math.max(view.headingLevel, 2), 6);
  const Heading = `h${level}`;
  const add = (offer: Offer, position: number) => void store.add(offer, position);

  return (
    <section class={`ow ${view.theme}`} dir={view.dir} part="section" aria-labelledby="ow-h">
      <Heading class="heading" id="ow-h" part="heading" tabIndex={-1}>
        {headingText(view.placement, view.strings)}
      </Heading>
      <div class="cards" part="cards">
        {offers.map((offer, i) =>
          gone.includes(offer.product.id) ? null : (
            <OfferCard
              offer={offer}
              position={i + 1}
              state={states[offer.product.id] ?? 'idle'}
              broken={broken.includes(offer.product.id)}
              titleLevel={level < 6 ? level + 1 : 0}
              strings={view.strings}
              format={view.format}
              onAdd={add}
              onDismiss={store.dismiss}
              onFollow={store.follow}
              onImageError={store.imageFailed}
            />
          ),
        )}
      </div>
      <p class="sr" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </p>
    </section>
  );
}

/**
 * Render the slot's store into `root`, again after every change, until the returned
 * function is called. After each render: the pending focus request is carried out (after a
 * dismissal: the next card, or the heading when none follows) and each card is handed to
 * the store (for impressions). A rendering bug empties the slot for good and is reported,
 * never thrown into the page.
 */
export function mountSection(root: Element | ShadowRoot, store: SlotStore, onError: (error: unknown) => void): () => void {
  let failed = false;
  const render = () => {
    if (failed) return;
    try {
      draw(root, <OfferSection store={store} />);
      const focus = store.takeFocus();
      const cards = [...root.querySelectorAll<HTMLElement>('.card')];
      if (focus !== null) (cards.find((c) => c.dataset.productId === focus) ?? root.querySelector<HTMLElement>('.heading'))?.focus();
      store.get().view?.offers.forEach((offer, i) => {
        const card = cards.find((c) => c.dataset.productId === offer.product.id);
        if (card) store.card(card, offer, i + 1);
      });
    } catch (error) {
      failed = true;
      draw(root, null);
      onError(error);
    }
  };
  const stop = store.subscribe(render);
  render();
  return () => {
    stop();
    draw(root, null);
  };
}
