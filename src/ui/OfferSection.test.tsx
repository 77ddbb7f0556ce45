// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DE } from '../i18n/de';
import { stringsFor } from '../i18n/strings';
import type { Offer, Product } from '../types';
import { createFormatter } from './offer-text';
import { SlotSection } from './OfferSection';
import { createSlotState, type SlotActions, type SlotState, type SlotView } from './slot-state';

afterEach(cleanup);

/** Render a slot's section, as the widget does into its shadow root. */
function mount(state: SlotState, onError = vi.fn()) {
  const { container } = render(<SlotSection state={state} onError={onError} />);
  return { container, onError };
}

const product = (id: string, title: string, price: number, extra: Partial<Product> = {}): Product => ({
  id,
  title,
  price,
  url: `/products/${id}`,
  image: `/img/${id}.svg`,
  inStock: true,
  ...extra,
});

const descaler: Offer = {
  product: product('descaler', 'Descaler', 12),
  kind: 'cross-sell',
  action: 'add',
  anchor: 'coffee-machine',
  anchorTitle: 'Coffee Machine',
  quantity: 1,
  reason: 'Keeps the machine running',
  proof: { type: 'attach', attachRate: 0.41, anchorTitle: 'Coffee Machine' },
};
const pro: Offer = {
  product: product('blender-pro', 'Blender Pro', 100),
  kind: 'upsell',
  upsell: 'premium',
  action: 'add',
  anchor: 'blender-basic',
  anchorTitle: 'Blender Basic',
  quantity: 1,
  priceDelta: 30,
  proof: { type: 'rating', rating: 4.6, reviewCount: 1200 },
};

function setup(offers: Offer[], actions: Partial<SlotActions> = {}, view: Partial<SlotView> = {}) {
  const onAdd = vi.fn(actions.onAdd ?? (async () => true));
  const onDismiss = vi.fn(actions.onDismiss ?? (() => undefined));
  const onFollow = vi.fn(actions.onFollow ?? ((_o: Offer, _p: number) => undefined));
  const onImageError = vi.fn();
  const onCard = vi.fn(actions.onCard ?? (() => undefined));
  const onError = vi.fn();
  const store = createSlotState({ onAdd, onDismiss, onFollow, onImageError, onCard, onError });
  store.show({
    offers,
    placement: 'product',
    headingLevel: 2,
    strings: stringsFor(),
    format: createFormatter('en-US', 'USD'),
    theme: 'light',
    dir: 'ltr',
    lang: 'en',
    ...view,
  });
  return { ...mount(store), store, onAdd, onDismiss, onFollow, onImageError, onCard, onActionError: onError };
}

describe('OfferSection (embed.md §4)', () => {
  it('renders nothing at all when no offer qualifies', () => {
    const { container } = setup([]);
    expect(container.innerHTML).toBe('');
  });

  it('is a region named by its visible heading at the configured level', () => {
    setup([descaler], {}, { headingLevel: 3 });
    const region = screen.getByRole('region', { name: 'Goes well with this' });
    expect(region.tagName).toBe('SECTION');
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 4, name: 'Descaler' })).toBeTruthy();
  });

  it('card titles are not headings when the section heading is already h6', () => {
    setup([descaler], {}, { headingLevel: 6 });
    expect(screen.getAllByRole('heading')).toHaveLength(1);
  });

  it('shows a card per offer: article named by title, link, price, reason, proof, buttons', () => {
    setup([pro, descaler]);
    const card = screen.getByRole('article', { name: 'Blender Pro' });
    expect(screen.getByRole('link', { name: 'Blender Pro' }).getAttribute('href')).toBe('/products/blender-pro');
    expect(card.textContent).toContain('$100.00');
    expect(card.textContent).toContain('+$30.00');
    expect(card.textContent).toContain('$30.00 more than Blender Basic');
    expect(card.textContent).toContain('An upgrade to Blender Basic'); // default reason by kind
    expect(card.textContent).toContain('4.6 out of 5 (1,200 reviews)');
    expect(screen.getByRole('button', { name: 'Upgrade to Blender Pro' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Not interested in Blender Pro' })).toBeTruthy();

    const other = screen.getByRole('article', { name: 'Descaler' });
    expect(other.textContent).toContain('Keeps the machine running');
    expect(other.textContent).toContain('41% of customers who bought Coffee Machine added this');
    expect(screen.getByRole('button', { name: 'Add Descaler to cart' })).toBeTruthy();
  });

  it('a broken image leaves the placeholder and is reported', () => {
    const { container, onImageError } = setup([descaler]);
    const img = container.querySelector('img')!;
    fireEvent.error(img);
    expect(img.hasAttribute('data-broken')).toBe(true);
    expect(onImageError).toHaveBeenCalledWith(descaler);
  });

  it('images have width, height, lazy loading and no alt noise', () => {
    const { container } = setup([descaler]);
    const img = container.querySelector('img')!;
    expect(img.getAttribute('width')).toBe('72');
    expect(img.getAttribute('height')).toBe('72');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('alt')).toBe('');
  });

  it('formats prices for the locale and currency', () => {
    setup([descaler], {}, { strings: stringsFor(DE), format: createFormatter('de-DE', 'EUR') });
    const card = screen.getByRole('article', { name: 'Descaler' });
    expect(card.textContent).toMatch(/12,00\s€/);
    expect(screen.getByRole('button', { name: 'Descaler in den Warenkorb legen' })).toBeTruthy();
  });

  it('add: shows progress, then the added state, announced in the live region', async () => {
    let finish!: (ok: boolean) => void;
    const { onAdd } = setup([descaler], { onAdd: () => new Promise<boolean>((r) => (finish = r)) });
    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    const busy = await screen.findByRole('button', { name: 'Add Descaler to cart: Adding…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(busy); // ignored while in progress
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd).toHaveBeenCalledWith(descaler, 1);
    finish(true);
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    expect(screen.getByRole('status').textContent).toBe('Descaler added to cart');
  });

  it('add: a failure shows "try again", announces it, and the button retries', async () => {
    let ok = false;
    const { onAdd } = setup([descaler], { onAdd: async () => ok });
    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Couldn't add Descaler. Try again."));
    expect(screen.getByRole('article', { name: 'Descaler' }).textContent).toContain("Couldn't add Descaler. Try again.");
    const retry = screen.getByRole('button', { name: 'Add Descaler to cart' });
    expect(retry.getAttribute('aria-disabled')).toBeNull();
    ok = true;
    fireEvent.click(retry);
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    expect(onAdd).toHaveBeenCalledTimes(2);
  });

  it('dismiss: removes the card and moves focus to the next card', async () => {
    const { onDismiss } = setup([pro, descaler]);
    fireEvent.click(screen.getByRole('button', { name: 'Not interested in Blender Pro' }));
    expect(onDismiss).toHaveBeenCalledWith(pro, 1);
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Blender Pro' })).toBeNull());
    const next = screen.getByRole('article', { name: 'Descaler' });
    await waitFor(() => expect(document.activeElement).toBe(next));
    expect(screen.getByRole('status').textContent).toBe("Blender Pro won't be suggested again");
  });

  it('dismiss of the last card moves focus to the heading', async () => {
    setup([pro, descaler]);
    fireEvent.click(screen.getByRole('button', { name: 'Not interested in Descaler' }));
    const heading = screen.getByRole('heading', { name: 'Goes well with this' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('article', { name: 'Blender Pro' })).toBeTruthy();
  });

  it('a new view without the focused card (the page\'s cart now holds it) moves focus to the heading', async () => {
    const { store } = setup([pro, descaler]);
    screen.getByRole('button', { name: 'Add Descaler to cart' }).focus();
    store.show({ ...store.view.peek()!, offers: [pro] });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Descaler' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Also consider' })));
  });

  it('a new view that keeps the focused card leaves focus where it is', async () => {
    const { store } = setup([pro, descaler]);
    const button = screen.getByRole('button', { name: 'Add Descaler to cart' });
    button.focus();
    store.show({ ...store.view.peek()!, offers: [descaler] });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Blender Pro' })).toBeNull());
    expect(document.activeElement).toBe(button);
  });

  it('following the title link reports the click with the position', () => {
    const { onFollow } = setup([pro, descaler]);
    const link = screen.getByRole('link', { name: 'Descaler' });
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    expect(onFollow).toHaveBeenCalledWith(descaler, 2);
  });

  it('shows the free-shipping nudge on the card that unlocks it', () => {
    setup([{ ...descaler, unlocksFreeShipping: true }], {}, { placement: 'cart' });
    expect(screen.getByRole('region', { name: 'Complete your order' }).textContent).toContain('Unlocks free shipping');
  });

  it('hands each card to the store after rendering (impressions), with its position', () => {
    const { onCard, container } = setup([pro, descaler]);
    const cards = [...container.querySelectorAll('article')];
    expect(onCard.mock.calls).toEqual([
      [cards[0], pro, 1],
      [cards[1], descaler, 2],
    ]);
  });

  it('a re-render keeps the same elements: focus stays on the pressed button', async () => {
    let finish!: (ok: boolean) => void;
    const { container } = setup([pro, descaler], { onAdd: () => new Promise<boolean>((r) => (finish = r)) });
    const card = screen.getByRole('article', { name: 'Descaler' });
    const button = screen.getByRole('button', { name: 'Add Descaler to cart' });
    const img = container.querySelector('img');
    button.focus();
    fireEvent.click(button);
    await screen.findByRole('button', { name: 'Add Descaler to cart: Adding…' });
    finish(true);
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    expect(screen.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBe(button);
    expect(screen.getByRole('article', { name: 'Descaler' })).toBe(card);
    expect(container.querySelector('img')).toBe(img);
    expect(document.activeElement).toBe(button);
  });

  it('text from the catalog is text, never markup', () => {
    const evil = { ...descaler, product: product('x', '<img src=x onerror=alert(1)>', 5), reason: '<b>bold</b>' };
    const { container } = setup([evil]);
    expect(container.querySelectorAll('img')).toHaveLength(1); // only the product image
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('link').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('a rendering bug empties the slot for good and is reported, never thrown', async () => {
    const store = createSlotState({ onAdd: vi.fn(), onDismiss: vi.fn(), onFollow: vi.fn(), onImageError: vi.fn(), onCard: vi.fn(), onError: vi.fn() });
    const format = { ...createFormatter('en-US', 'USD'), price: () => { throw new Error('boom'); } };
    store.show({ offers: [descaler], placement: 'product', headingLevel: 2, strings: stringsFor(), format, theme: 'light', dir: 'ltr', lang: 'en' });
    const { container, onError } = mount(store);
    await waitFor(() => expect(container.innerHTML).toBe(''));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    store.show({ ...store.view.peek()!, format: createFormatter('en-US', 'USD') });
    await new Promise((r) => setTimeout(r, 10));
    expect(container.innerHTML).toBe('');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('a new set of offers re-renders live', async () => {
    const { store } = setup([descaler]);
    store.show({ ...store.view.peek()!, offers: [pro] });
    await screen.findByRole('article', { name: 'Blender Pro' });
    expect(screen.queryByRole('article', { name: 'Descaler' })).toBeNull();
  });
});

const warranty: Offer = {
  product: product('warranty-3y', '3-Year Warranty', 49),
  kind: 'upsell',
  upsell: 'addon',
  action: 'add',
  anchor: 'blender-pro',
  anchorTitle: 'Blender Pro',
  quantity: 1,
  proof: { type: 'attach', attachRate: 0.18, anchorTitle: 'Blender Pro' },
};

describe('OfferSection: add-on upsells (R10)', () => {
  it('shows its own price with no "+" difference', () => {
    setup([warranty]);
    const card = screen.getByRole('article', { name: '3-Year Warranty' });
    expect(card.querySelector('.price')!.textContent).toBe('$49.00');
    expect(card.textContent).not.toContain('+');
    expect(card.textContent).not.toContain('more than');
    expect(card.querySelector('.delta')).toBeNull();
  });

  it('its button says it is added to the order, not an upgrade', () => {
    setup([warranty]);
    expect(screen.getByRole('button', { name: 'Add 3-Year Warranty to order' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Upgrade/ })).toBeNull();
  });

  it('its attach proof says "added this", never "chose this upgrade"', () => {
    setup([warranty]);
    const card = screen.getByRole('article', { name: '3-Year Warranty' });
    expect(card.textContent).toContain('18% of customers who bought Blender Pro added this');
    expect(card.textContent).not.toContain('chose this upgrade');
  });

  it('without a reason of its own it reads as an add-on, never as an upgrade', () => {
    setup([warranty]);
    const card = screen.getByRole('article', { name: '3-Year Warranty' });
    expect(card.textContent).toContain('An add-on for Blender Pro');
    expect(card.textContent).not.toMatch(/upgrade/i);
  });

  it('a premium upsell with an attach proof still says "chose this upgrade" (the contrast)', () => {
    setup([{ ...pro, proof: { type: 'attach', attachRate: 0.18, anchorTitle: 'Blender Basic' } }]);
    expect(screen.getByRole('article', { name: 'Blender Pro' }).textContent).toContain(
      '18% of customers who bought Blender Basic chose this upgrade',
    );
  });

  it('a successful add announces it was added to the order', async () => {
    const { onAdd } = setup([warranty]);
    fireEvent.click(screen.getByRole('button', { name: 'Add 3-Year Warranty to order' }));
    await screen.findByRole('button', { name: 'Add 3-Year Warranty to order: Added' });
    expect(onAdd).toHaveBeenCalledWith(warranty, 1);
    expect(screen.getByRole('status').textContent).toBe('3-Year Warranty added to your order');
  });

  it.each<[string, Offer[], SlotView['placement'], string]>([
    ['only add-ons, on checkout', [warranty], 'checkout', 'Add to your order'],
    ['two add-ons, on the cart', [warranty, { ...warranty, product: product('express', 'Express Shipping', 9) }], 'cart', 'Add to your order'],
    ['only an add-on, on a product page', [warranty], 'product', 'Add to your order'],
    ['only an upgrade, on a product page', [pro], 'product', 'Also consider'],
    ['only a larger size, on the cart', [{ ...pro, upsell: 'quantity', action: 'swap' }], 'cart', 'Also consider'],
    ['an add-on and a cross-sell, on checkout', [warranty, descaler], 'checkout', 'Before you pay'],
    ['an add-on and a cross-sell, on a product page', [descaler, warranty], 'product', 'Goes well with this'],
    ['an add-on and a premium upsell, on the cart', [pro, warranty], 'cart', 'Complete your order'],
  ])('heading with %s: "%s"', (_name, offers, placement, heading) => {
    setup(offers, {}, { placement });
    expect(screen.getByRole('region', { name: heading })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(heading);
  });
});

describe("OfferSection: a page's polluted Object.prototype", () => {
  const proto = Object.prototype as Record<string, unknown>;
  afterEach(() => {
    delete proto.hidden;
    delete proto.polluted;
  });

  const pollute = () => {
    proto.hidden = true; // plain assignment: enumerable, as a page's script would do it
    proto.polluted = 'yes';
  };

  it('polluted before mounting: no attribute on any element, nothing hidden, after re-renders too', async () => {
    pollute();
    const { container } = setup([pro, descaler, warranty]);
    expect(Object.prototype.propertyIsEnumerable.call(proto, 'polluted')).toBe(true);
    const check = () => {
      const all = [...container.querySelectorAll('*')];
      expect(all.length).toBeGreaterThan(10);
      for (const node of all) {
        expect(node.hasAttribute('polluted'), node.outerHTML).toBe(false);
        expect(node.hasAttribute('hidden'), node.outerHTML).toBe(false);
        expect((node as HTMLElement).hidden).toBe(false);
      }
    };
    check();
    expect(screen.getAllByRole('article')).toHaveLength(3);
    // And after signals re-render: an add, then a dismissal.
    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    fireEvent.click(screen.getByRole('button', { name: 'Not interested in Blender Pro' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    check();
    expect(screen.getByRole('region', { name: 'Goes well with this' })).toBeTruthy();
  });
});

describe("OfferSection: a polluted Object.prototype.key, .ref or .children", () => {
  const proto = Object.prototype as Record<string, unknown>;
  afterEach(() => {
    delete proto.key;
    delete proto.ref;
    delete proto.children;
  });

  it.each([
    ['key', 'same-for-all'],
    ['ref', { current: null }],
    ['ref', function pageRef() {}],
    ['children', 'injected text'],
  ] as const)('Object.prototype.%s = %j: the cards render and re-render as usual, with nothing injected', async (field, value) => {
    proto[field] = value; // enumerable, as a page's script would set it
    const { container, onError } = setup([pro, descaler]);
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(container.textContent).not.toContain('injected text');
    const descalerImg = container.querySelectorAll('img')[1];
    fireEvent.click(screen.getByRole('button', { name: 'Not interested in Blender Pro' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(screen.getByRole('article', { name: 'Descaler' })).toBeTruthy();
    expect(container.querySelectorAll('img')).toHaveLength(1);
    expect(container.querySelector('img')).toBe(descalerImg); // keyed: the remaining card kept its nodes
    expect(container.textContent).not.toContain('injected text');
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('OfferSection: signals re-render only what changed', () => {
  it("one card's add progress leaves the other card's nodes as they were", async () => {
    let finish!: (ok: boolean) => void;
    const { container } = setup([pro, descaler], { onAdd: () => new Promise<boolean>((r) => (finish = r)) });
    const other = screen.getByRole('article', { name: 'Blender Pro' });
    const otherNodes = [other, ...other.querySelectorAll('*')];
    const otherHtml = other.outerHTML;
    const [otherImg, ownImg] = [...container.querySelectorAll('img')];
    const own = screen.getByRole('article', { name: 'Descaler' });
    const heading = screen.getByRole('heading', { level: 2 });
    const changes: MutationRecord[] = [];
    const watch = new MutationObserver((records) => changes.push(...records));
    watch.observe(other, { subtree: true, childList: true, attributes: true, characterData: true });

    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    await screen.findByRole('button', { name: 'Add Descaler to cart: Adding…' });
    finish(true);
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    changes.push(...watch.takeRecords());
    watch.disconnect();

    const now = screen.getByRole('article', { name: 'Blender Pro' });
    expect(now).toBe(other);
    expect([now, ...now.querySelectorAll('*')]).toEqual(otherNodes);
    [now, ...now.querySelectorAll('*')].forEach((node, i) => expect(node).toBe(otherNodes[i]));
    expect(now.outerHTML).toBe(otherHtml);
    expect(changes).toEqual([]);
    const imgs = [...container.querySelectorAll('img')];
    expect(imgs[0]).toBe(otherImg);
    expect(imgs[1]).toBe(ownImg);
    expect(screen.getByRole('article', { name: 'Descaler' })).toBe(own);
    expect(screen.getByRole('heading', { level: 2 })).toBe(heading);
  });

  it('a new view with the same products keeps each card and its img element', async () => {
    const { store, container } = setup([pro, descaler]);
    const cards = screen.getAllByRole('article');
    const imgs = [...container.querySelectorAll('img')];
    store.show({ ...store.view.peek()!, offers: [{ ...pro }, { ...descaler, reason: 'Now cheaper' }] });
    await waitFor(() => expect(screen.getByRole('article', { name: 'Descaler' }).textContent).toContain('Now cheaper'));
    expect(screen.getAllByRole('article')).toEqual(cards);
    screen.getAllByRole('article').forEach((card, i) => expect(card).toBe(cards[i]));
    [...container.querySelectorAll('img')].forEach((img, i) => expect(img).toBe(imgs[i]));
  });
});

describe('createFormatter never throws', () => {
  it('a malformed locale falls back to the default locale, keeping the currency', () => {
    const f = createFormatter('en_US', 'EUR');
    expect(f.price(12)).toMatch(/12[.,]00/);
    expect(f.price(12)).toMatch(/€|EUR/);
    expect(f.percent(0.41)).toMatch(/41\s?%/);
  });

  it('a malformed currency code falls back to a plain number', () => {
    expect(createFormatter('en-US', '€€').price(12)).toBe('12.00');
  });
});

describe('a prototype polluted after mounting', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).hidden;
  });

  it('does not hide the section on its next re-render', async () => {
    setup([pro, descaler]);
    (Object.prototype as Record<string, unknown>).hidden = true;
    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    await screen.findByRole('button', { name: 'Add Descaler to cart: Added' });
    expect(document.querySelector('section')!.hasAttribute('hidden')).toBe(false);
  });
});

describe('OfferCard: product text in its own direction (hostile input)', () => {
  it('isolates the title link (dir=auto) and each product name inside a sentence (<bdi>), keeping the text as it reads', () => {
    const rtl: Offer = { ...descaler, product: product('descaler', 'מסיר אבנית', 12), anchorTitle: 'מכונת קפה', reason: undefined };
    const { container } = setup([rtl]);
    const link = screen.getByRole('link', { name: 'מסיר אבנית' });
    expect(link.getAttribute('dir')).toBe('auto');
    const reason = container.querySelector('.reason')!;
    expect(reason.textContent).toBe('Goes well with מכונת קפה');
    expect([...reason.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['מכונת קפה']);
    // The accessible name stays plain text, with no invisible characters in it.
    expect(screen.getByRole('button', { name: 'Add מסיר אבנית to cart' })).toBeTruthy();
  });

  it("a catalog's own reason is isolated as a whole (dir=auto)", () => {
    const { container } = setup([{ ...descaler, reason: 'שומר על המכונה' }]);
    expect(container.querySelector('.reason')!.getAttribute('dir')).toBe('auto');
  });
});

describe('OfferCard: an error in our code on a broken page never reaches the page (hostile pages)', () => {
  it.each([
    ['a click on the title link', 'onFollow', () => fireEvent.click(screen.getByRole('link', { name: 'Descaler' }))],
    ['a dismissal', 'onDismiss', () => fireEvent.click(screen.getByRole('button', { name: 'Not interested in Descaler' }))],
    ['an add that throws at once', 'onAdd', () => fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }))],
  ] as const)('%s: told to onError, not thrown', async (_name, action, act) => {
    const boom = new Error('broken page');
    const { onActionError } = setup([descaler], {
      [action]: () => {
        throw boom;
      },
    });
    expect(act).not.toThrow();
    await waitFor(() => expect(onActionError).toHaveBeenCalledWith(boom));
  });

  it('an action that returns a value, not a promise, is no error', async () => {
    const { onActionError, onCard } = setup([descaler], { onCard: () => 7 as unknown as void, onFollow: () => 'x' as unknown as void });
    fireEvent.click(screen.getByRole('link', { name: 'Descaler' }));
    await waitFor(() => expect(onCard).toHaveBeenCalled());
    expect(onActionError).not.toHaveBeenCalled();
  });

  it('an add that rejects: told to onError', async () => {
    const boom = new Error('broken page');
    const { onActionError } = setup([descaler], { onAdd: () => Promise.reject(boom) });
    fireEvent.click(screen.getByRole('button', { name: 'Add Descaler to cart' }));
    await waitFor(() => expect(onActionError).toHaveBeenCalledWith(boom));
  });
});
