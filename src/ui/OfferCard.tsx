import { h } from 'preact';
import { fill } from '../i18n/strings';
import type { Offer } from '../types';
import { actionText, proofText, reasonText } from './offer-text';
import type { SlotState } from './slot-state';

/**
 * A template filled for the card: each value (a product name above all) in a `<bdi>` of its
 * own, so a right-to-left title cannot reorder the words around it.
 */
const isolated = (template: string, values: Record<string, string>) =>
  template
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 ? <bdi>{Object.hasOwn(values, part) ? values[part] : `{${part}}`}</bdi> : part))
    // No empty text nodes: Preact would write them again on every render.
    .filter((part) => part !== '');

export interface OfferCardProps {
  state: SlotState;
  offer: Offer;
  position: number;
}

/**
 * One offer: image, title link, price, reason, proof, primary and dismiss buttons. It reads
 * the slot's signals itself, so an add in progress re-renders the cards, never the section;
 * keyed nodes mean the other card's DOM is left as it is.
 */
export function OfferCard({ state, offer, position }: OfferCardProps) {
  const { strings: s, format: f, headingLevel } = state.view.value!;
  const { product } = offer;
  const progress = state.progress.value[product.id] ?? 'idle';
  const titleId = `ow-t-${position}`;
  const proof = proofText(offer, s, f, isolated);
  const name = actionText(offer, s);
  // One level below the section's heading (2 to 6: read-config's rule), or no heading under an h6.
  const Title = headingLevel < 6 ? (`h${headingLevel + 1}` as 'h3') : 'p';
  // R10: only a tier, premium or quantity upsell carries a difference (never an add-on).
  const delta = offer.priceDelta === undefined ? '' : f.price(offer.priceDelta);
  const label = progress === 'busy' ? s.adding : progress === 'added' ? s.addedButton : '';

  return (
    <article class="card" part="card" aria-labelledby={titleId} tabIndex={-1} data-product-id={product.id}>
      <span class="img" part="image" aria-hidden="true">
        {product.image && (
          <img
            src={product.image}
            alt=""
            width={72}
            height={72}
            loading="lazy"
            decoding="async"
            // A broken image leaves the neutral placeholder, never a broken-image icon.
            data-broken={state.broken.value.includes(product.id) ? '' : undefined}
            onError={() => state.imageFailed(offer)}
          />
        )}
      </span>
      <div class="body">
        <Title class="title" part="title" id={titleId}>
          <a part="link" dir="auto" href={product.url} onClick={() => state.follow(offer, position)}>
            {product.title}
          </a>
        </Title>
        <p class="price" part="price">
          {f.price(product.price)}
          {delta && (
            <span class="delta" part="delta">
              <span aria-hidden="true">{fill(s.priceDelta, { amount: delta })}</span>
              <span class="sr">{isolated(s.priceDeltaLabel, { amount: delta, anchor: offer.anchorTitle })}</span>
            </span>
          )}
        </p>
        {offer.unlocksFreeShipping && (
          <p class="badge" part="badge">
            {s.freeShipping}
          </p>
        )}
        <p class="reason" part="reason" dir={offer.reason ? 'auto' : undefined}>
          {reasonText(offer, s, isolated)}
        </p>
        {proof && (
          <p class="proof" part="proof">
            {proof}
          </p>
        )}
        {progress === 'failed' && (
          <p class="error" part="error">
            {isolated(s.failed, { title: product.title })}
          </p>
        )}
        <button
          type="button"
          class="primary"
          part="button"
          aria-label={label ? `${name}: ${label}` : undefined}
          aria-disabled={label ? 'true' : undefined}
          data-state={progress}
          onClick={() => void state.add(offer, position)}
        >
          {progress === 'added' ? `✓ ${label}` : label || name}
        </button>
      </div>
      <button
        type="button"
        class="dismiss"
        part="dismiss"
        aria-label={fill(s.dismiss, { title: product.title })}
        onClick={() => state.dismiss(offer, position)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </article>
  );
}
