import { fill, type Strings } from '../i18n/strings';
import type { Offer, OfferDetail, Placement } from '../types';

/** Formats prices, percents and counts for one locale and currency. */
export interface Formatter {
  price(amount: number): string;
  percent(share: number): string;
  count(n: number): string;
  rating(r: number): string;
}

/** Built formatters by locale, currency and options: building one costs milliseconds. */
const made = new Map<string, Intl.NumberFormat>();

/**
 * A formatter that never throws. Each `Intl.NumberFormat` is built on first use and kept for
 * the page: building them was a fifth of the widget's first render on a slow phone.
 */
export function createFormatter(locale: string, currency: string): Formatter {
  // A page's malformed <html lang> (say `en_US`) falls back to the browser's locale, and an
  // unknown currency code to a plain number: never a crash.
  const make = (options: Intl.NumberFormatOptions) => (n: number) => {
    const key = locale + currency + JSON.stringify(options);
    let format = made.get(key);
    for (const l of [locale, undefined])
      try {
        format ??= new Intl.NumberFormat(l, options);
      } catch {
        // try the next
      }
    made.set(key, (format ??= new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 })));
    return format.format(n);
  };
  return {
    price: make({ style: 'currency', currency }),
    percent: make({ style: 'percent', maximumFractionDigits: 0 }),
    count: make({ maximumFractionDigits: 0 }),
    rating: make({ minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}

/** An `addon` upsell (warranty, faster shipping) is bought on top of the anchor, not instead of it. */
export const isAddon = (offer: Offer): boolean => offer.upsell === 'addon';

/**
 * The section heading: one that fits what the section holds (at least one offer). Only
 * add-ons (a checkout's warranty and shipping) read "Add to your order"; only upgrades (the
 * pro model, a larger size), which are bought instead, "Also consider"; otherwise the
 * placement's heading (`post-purchase` → `headingPostPurchase`).
 */
export const headingText = (placement: Placement, offers: Offer[], s: Strings): string =>
  offers.every(isAddon)
    ? s.headingAddon
    : offers.every((o) => o.kind == 'upsell' && !isAddon(o))
      ? s.headingUpgrade
      : s[('heading' + placement.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())) as keyof Strings];

/** How a template is filled: as text (events), or with each product name isolated (the card). */
export type Fill<T> = (template: string, values: Record<string, string>) => T;

/** R10: the link's reason, or a default by kind (an add-on is no upgrade: it is bought on top). */
export function reasonText<T = string>(offer: Offer, s: Strings, f: Fill<T | string> = fill): T | string {
  if (offer.reason) return offer.reason;
  const key = offer.reorder ? 'reasonReorder' : isAddon(offer) ? 'reasonAddon' : offer.kind === 'upsell' ? 'reasonUpsell' : 'reasonCrossSell';
  return f(s[key], { anchor: offer.anchorTitle, title: offer.product.title });
}

/** R10: the proof line, only from statistics the catalog holds; never invented. */
export function proofText<T = string>(offer: Offer, s: Strings, f: Formatter, fillIn: Fill<T | string> = fill): T | string | undefined {
  const proof = offer.proof;
  if (!proof) return undefined;
  if (proof.type === 'attach') {
    // An add-on is added, not chosen as an upgrade (R10).
    const key = offer.kind === 'upsell' && !isAddon(offer) ? 'proofUpsell' : 'proofCrossSell';
    return fillIn(s[key], { percent: f.percent(proof.attachRate), anchor: proof.anchorTitle });
  }
  return fillIn(s.proofRating, { rating: f.rating(proof.rating), count: f.count(proof.reviewCount) });
}

/** The primary button's accessible name: says what happens to which product (embed.md §4). */
export const actionText = (offer: Offer, s: Strings): string =>
  fill(isAddon(offer) ? s.addAddon : offer.kind === 'upsell' && !offer.reorder ? s.upgrade : s.add, { title: offer.product.title });

/** The `offer` object of every event's `detail` (embed.md §6). `position` counts from 1. */
export const toDetail = (offer: Offer, position: number, s: Strings): OfferDetail => ({
  productId: offer.product.id,
  kind: offer.kind,
  action: offer.action,
  reason: reasonText(offer, s),
  price: offer.product.price,
  position,
});
