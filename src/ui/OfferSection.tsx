import { Component, createRef, h } from 'preact';
import type { Offer } from '../types';
import { OfferCard } from './OfferCard';
import { headingText } from './offer-text';
import type { SlotStore } from './slot-store';

/**
 * The region of one slot: a labelled section with a visible heading, one or two cards and a
 * polite live region. Renders nothing at all when there is no offer (embed.md §4).
 *
 * It subscribes to the slot's store and re-renders when it changes; the cards below it are
 * plain functions of their props.
 */
export class OfferSection extends Component<{ store: SlotStore }> {
  private stop?: () => void;
  private root = createRef<HTMLElement>();

  override componentDidMount() {
    this.stop = this.props.store.subscribe(() => this.forceUpdate());
  }

  override componentWillUnmount() {
    this.stop?.();
  }

  /** After a dismissal: focus the next card, or the heading when none is left after it. */
  override componentDidUpdate() {
    const root = this.root.current;
    const id = root ? this.props.store.takeFocus() : null;
    if (id === null || !root) return;
    const cards = [...root.querySelectorAll<HTMLElement>('.card')];
    (cards.find((c) => c.dataset.productId === id) ?? root.querySelector<HTMLElement>('.heading'))?.focus();
  }

  override render() {
    const store = this.props.store;
    const { view, gone, states, message } = store.get();
    const offers = view?.offers ?? [];
    if (!view || !offers.length) return null;
    const level = Math.min(Math.max(view.headingLevel, 2), 6);
    const Heading = `h${level}` as 'h2';
    const add = (offer: Offer, position: number) => void store.add(offer, position);

    return (
      <section ref={this.root} class={`ow ${view.theme}`} dir={view.dir} part="section" aria-labelledby="ow-h">
        <Heading class="heading" id="ow-h" part="heading" tabIndex={-1}>
          {headingText(view.placement, view.strings)}
        </Heading>
        <div class="cards" part="cards">
          {offers.map((offer, i) =>
            gone.includes(offer.product.id) ? null : (
              <OfferCard
                key={offer.product.id}
                offer={offer}
                position={i + 1}
                state={states[offer.product.id] ?? 'idle'}
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
}
