import { h } from './dom';
import { fill, type Strings } from '../i18n/strings';
import type { Offer } from '../types';
import { actionText, proofText, reasonText, type Formatter } from './offer-text';
import type { AddState } from './slot-store';

export interface OfferCardProps {
  offer: Offer;
  position: number;
  state: AddState;
  /** Its image failed to load: the placeholder shows instead. */
  broken: boolean;
  /** Heading level of the card title, or 0 when it must not be a heading. */
  titleLevel: number;
  strings: Strings;
  format: Formatter;
  onAdd(offer: Offer, position: number): void;
  onDismiss(offer: Offer, position: number): void;
  onFollow(offer: Offer, position: number): void;
  onImageError(offer: Offer): void;
}

/** One offer: image, title link, price, reason, proof, primary and dismiss buttons. */
export function OfferCard(props: OfferCardProps) {
  const { offer, position, state, strings: s, format: f } = props;
  const { product } = offer;
  const titleId = `ow-t-${position}`;
  const proof = proofText(offer, s, f);
  const name = actionText(offer, s);
  const Title = props.titleLevel ? (`h${props.titleLevel}` as 'h3') : 'p';
  const delta = offer.priceDelta === undefined ? '' : f.price(offer.priceDelta);
  const label = state === 'busy' ? s.adding : state === 'added' ? s.addedButton : '';

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
            data-broken={props.broken}
            onError={() => props.onImageError(offer)}
          />
        )}
      </span>
      <div class="body">
        <Title class="title" part="title" id={titleId}>
          <a part="link" href={product.url} onClick={() => props.onFollow(offer, position)}>
            {product.title}
          </a>
        </Title>
        <p class="price" part="price">
          {f.price(product.price)}
          {delta && (
            <span class="delta" part="delta">
              <span aria-hidden="true">{fill(s.priceDelta, { amount: delta })}</span>
              <span class="sr">{fill(s.priceDeltaLabel, { amount: delta, anchor: offer.anchorTitle })}</span>
            </span>
          )}
        </p>
        {offer.unlocksFreeShipping && (
          <p class="badge" part="badge">
            {s.freeShipping}
          </p>
        )}
        <p class="reason" part="reason">
          {reasonText(offer, s)}
        </p>
        {proof && (
          <p class="proof" part="proof">
            {proof}
          </p>
        )}
        {state === 'failed' && (
          <p class="error" part="error">
            {fill(s.failed, { title: product.title })}
          </p>
        )}
        <button
          type="button"
          class="primary"
          part="button"
          aria-label={label ? `${name}: ${label}` : undefined}
          aria-disabled={label ? 'true' : undefined}
          data-state={state}
          onClick={() => props.onAdd(offer, position)}
        >
          {state === 'added' ? `✓ ${label}` : label || name}
        </button>
      </div>
      <button
        type="button"
        class="dismiss"
        part="dismiss"
        aria-label={fill(s.dismiss, { title: product.title })}
        onClick={() => props.onDismiss(offer, position)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </article>
  );
}
