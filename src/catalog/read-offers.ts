import { LINK_KINDS, UPSELL_TYPES, type Offer, type Product, type Proof } from '../types';
import { PRODUCT_RULES } from './catalog-rules';
import { BIDI_REMOVED, WARN_MAX, bare, currency, int, isObject, num, oneOf, own, readFields, str, unbidi, type Rule } from './field-rules';

/**
 * An offers API answer (offers-api.md, "Response"), validated like a catalog at the
 * boundary: a bad offer is skipped alone with a warning naming its first bad field (a
 * product's unsafe URL is one), repeats are dropped, and never more than `max` are kept.
 * Undefined when the answer is not `{offers: [...]}` at all: the caller falls back.
 */
export function readOffers(
  input: unknown,
  max: number,
  warn: (message: string) => void,
): { offers: Offer[]; currency?: string } | undefined {
  const list = isObject(input) ? own(input, 'offers') : undefined;
  if (!Array.isArray(list)) return undefined;
  const offers: Offer[] = [];
  // The first 10 problems are told one by one, the rest in one line with their count (catalog.md).
  let told = 0;
  const say = (message: string) => void (told++ < WARN_MAX && warn(message));
  for (let i = 0; i < list.length && offers.length < max; i++) {
    const o: unknown = list[i];
    let why: string | undefined = 'not an object';
    if (isObject(o)) {
      why = undefined;
      const bad = (key: string) => (why ??= key);
      const f = readFields(o, OFFER_RULES, bad);
      const raw = own(o, 'product');
      const product = readFields(isObject(raw) ? raw : {}, PRODUCT_RULES, (key) => bad('product.' + key)) as unknown as Product;
      const removed = (key: string) => say(`endpoint offers[${i}].${key}: ${BIDI_REMOVED}`);
      unbidi(f, ['reason', 'anchorTitle'], removed);
      unbidi(product as unknown as Record<string, unknown>, ['title', 'category'], (key) => removed('product.' + key));
      if (offers.some((x) => x.product.id === product.id)) why ??= 'product.id repeated';
      // R10: a card always says why; the default reasons name the anchor.
      if (!f.reason && !f.anchorTitle) why ??= 'reason';
      if (!why) {
        const proof = own(o, 'proof');
        offers.push(
          bare({
            anchorTitle: '',
            quantity: 1,
            ...(f as Partial<Offer>),
            product: bare({ ...product, inStock: true }),
            proof: proofOf(isObject(proof) ? proof : {}, (f.anchorTitle as string) ?? ''),
          } as Offer),
        );
      }
    }
    if (why) say(`endpoint offers[${i}] skipped: ${why}`);
  }
  if (told > WARN_MAX) warn(`endpoint answer: ${told - WARN_MAX} more problems not shown`);
  const code = currency(own(input as object, 'currency'));
  return { offers, ...(code && { currency: code }) };
}

/** The offer's own fields (the product's are PRODUCT_RULES), with the catalog's parsers. */
const OFFER_RULES: readonly Rule[] = [
  ['kind', oneOf(LINK_KINDS), 1],
  ['action', oneOf(['add', 'swap']), 1],
  ['anchor', str(1), 1],
  ['anchorTitle', str(0)],
  ['reason', str(0)],
  ['replaces', str(1)],
  ['quantity', int(1)],
  ['upsell', oneOf(UPSELL_TYPES)],
  ['priceDelta', num(-Infinity)],
  ['reorder', oneOf([true])],
  ['unlocksFreeShipping', oneOf([true])],
];

/** The figures a proof line may show: a link's `attachRate`, a product's `rating` and `reviewCount`. */
const PROOF_RULES: readonly Rule[] = [
  ['attachRate', num(0, 1)],
  ['rating', num(0, 5)],
  ['reviewCount', int(0)],
];

/** R10 holds on the server; here only well-formed figures are shown, never invented ones. */
function proofOf(p: object, anchorTitle: string): Proof | undefined {
  const { attachRate, rating, reviewCount } = readFields(p, PROOF_RULES, () => undefined) as Partial<Record<string, number>>;
  if (anchorTitle && attachRate !== undefined) return { type: 'attach', attachRate, anchorTitle };
  if (rating !== undefined && reviewCount !== undefined) return { type: 'rating', rating, reviewCount };
  return undefined;
}
