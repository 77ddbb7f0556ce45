/**
 * Why a valid link may still show no card: what the engine's rules (rules.md R4 stock, R3
 * placements, R8 price fit, R6 segments) say of it for the preview's shopper, in the
 * merchant's words. Not a problem: the catalog is valid, the card is just not offered to
 * everyone (`offerwise validate` warns of the links that never show).
 */
import { OFFERED_ON } from '../src/cli/validate/check-catalog-graph';
import { fitsPrice } from '../src/engine/price-fit';

/** The preview's shopper's segment (link-preview.ts: one order a month ago). */
export const PREVIEW_SEGMENT = 'returning';

interface Priced {
  title: string;
  price: number;
  inStock?: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A product of the document, when it has a title and a price. */
export function pricedProduct(products: unknown, id: unknown): Priced | undefined {
  if (typeof id !== 'string' || !Array.isArray(products)) return undefined;
  const found = products.find((p: unknown) => isRecord(p) && p.id === id);
  if (!isRecord(found) || typeof found.title !== 'string' || typeof found.price !== 'number') return undefined;
  return { title: found.title, price: found.price, inStock: found.inStock !== false };
}

/** An amount in the catalog's currency (US dollars when it names none a browser knows). */
export function formatAmount(amount: number, currency: unknown): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: typeof currency === 'string' ? currency : 'USD' }).format(amount);
  } catch {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);
  }
}

/**
 * What keeps the link's card from a shopper like the preview's, or undefined when nothing does.
 * `maxUpsellRatio` is the catalog's setting (1 by default), `currency` its currency.
 */
export function linkNote(
  link: Record<string, unknown>,
  anchor: Priced | undefined,
  to: Priced | undefined,
  { maxUpsellRatio = 1, currency }: { maxUpsellRatio?: number; currency?: unknown } = {},
): string | undefined {
  if (!anchor || !to) return undefined;
  const formatPrice = (amount: number) => formatAmount(amount, currency);
  if (to.inStock === false) return `Not offered: ${to.title} is out of stock.`;
  const kind = link.kind;
  if (kind !== 'cross-sell' && kind !== 'upsell') return undefined;
  const upsell = typeof link.upsell === 'string' ? link.upsell : 'premium';
  const type = kind === 'upsell' ? (upsell as keyof typeof OFFERED_ON) : 'cross-sell';
  const allowed = OFFERED_ON[type] ?? [];
  const placements = Array.isArray(link.placements) ? (link.placements as string[]) : undefined;
  if (placements && !placements.some((p) => (allowed as readonly string[]).includes(p))) {
    const what = kind === 'upsell' ? `a ${upsell} upsell` : 'a cross-sell';
    return `Never shown: ${what} is offered only at ${allowed.join(', ')} (rules.md R3), and its placements are ${placements.join(', ')}.`;
  }
  if (!fitsPrice(kind, upsell as 'premium', to.price, anchor.price, maxUpsellRatio, false)) {
    if (kind === 'cross-sell') {
      return `Not offered: a cross-sell costs at most its anchor (${formatPrice(anchor.price)}), and ${to.title} costs ${formatPrice(to.price)}.`;
    }
    return `Not offered: a ${upsell} upsell costs more than its anchor, at most ${formatPrice((1 + maxUpsellRatio) * anchor.price)}, and ${to.title} costs ${formatPrice(to.price)}. An add-on may cost anything.`;
  }
  const segments = link.segments;
  if (Array.isArray(segments) && !segments.includes(PREVIEW_SEGMENT)) {
    return `Only for ${segments.join(', ')} shoppers (its segments); the preview's shopper is ${PREVIEW_SEGMENT}.`;
  }
  return undefined;
}
