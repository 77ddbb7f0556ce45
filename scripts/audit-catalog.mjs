// A generated store catalog for `npm run audit` (seeded: the same bytes on every run).
// 1,000 products with the fields a real export carries (title, price, url, image, category,
// cost, rating, reviews, stock, some consumables and variants) and about 7 links per product:
// cross-sells with reasons and purchase statistics, one upsell, a few eligibility limits, plus
// category fallbacks. About 720 KB raw and 76 KB gzip (bench-engine.mjs's 1k catalog: 66 KB).
import { seededRandom } from './seeded-random.mjs';

const CATEGORIES = [
  ['blenders', 'Blender'], ['coffee', 'Espresso Machine'], ['kettles', 'Kettle'], ['cookware', 'Skillet'],
  ['knives', 'Chef Knife'], ['phones', 'Phone'], ['cases', 'Phone Case'], ['chargers', 'Charger'],
  ['headphones', 'Headphones'], ['laptops', 'Laptop'], ['bags', 'Backpack'], ['shoes', 'Trail Runner'],
  ['socks', 'Running Socks'], ['jackets', 'Rain Jacket'], ['skincare', 'Face Serum'], ['haircare', 'Shampoo'],
  ['jewelry', 'Necklace'], ['watches', 'Watch'], ['mattresses', 'Mattress'], ['bedding', 'Duvet Cover'],
];
const BRANDS = ['Northwind', 'Acme', 'Fabrikam', 'Contoso', 'Tailspin', 'Litware', 'Proseware', 'Adventure Works'];
const EDITIONS = ['Basic', 'Plus', 'Pro', 'Max', 'Lite', 'Classic', 'Sport', 'Studio'];
const COLOURS = ['Black', 'White', 'Slate', 'Sand', 'Forest', 'Navy', 'Red', 'Silver'];
const CONSUMABLES = new Set(['coffee', 'socks', 'skincare', 'haircare']);
const CROSS_REASONS = [
  'Protects it from day one',
  'Customers use these together every day',
  'Completes the set',
  'Keeps it working like new',
  'The accessory most buyers add',
  'Made to fit this exact model',
  'Saves a second trip later',
  'Recommended by our product team',
];
const UPSELL_REASONS = {
  premium: 'More power and a longer warranty',
  tier: 'The next model up, with the features reviewers missed',
  quantity: 'The larger size costs less per use',
  addon: 'Extends the cover to three years',
};

const round2 = (n) => Math.round(n * 100) / 100;

/** The catalog document (not yet JSON). `p42` always has plain cross-sells a returning shopper sees. */
export function generateCatalog(n = 1000, seed = 42) {
  const rand = seededRandom(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const products = [];
  for (let i = 0; i < n; i++) {
    const [category, noun] = CATEGORIES[i % CATEGORIES.length];
    // Retail prices: whole dollars ending in .99, .49 or .00.
    const price = Math.floor(9 + rand() * 791) + pick([0.99, 0.99, 0.49, 0]);
    const product = {
      id: `p${i}`,
      title: `${pick(BRANDS)} ${noun} ${pick(EDITIONS)} ${pick(COLOURS)}`,
      price: round2(price),
      url: `/products/p${i}`,
      image: `/img/p${i}.svg`,
      category,
      cost: Math.round(price * (0.45 + rand() * 0.25)),
      rating: Math.round((3.2 + rand() * 1.8) * 10) / 10,
      reviewCount: Math.floor(rand() * 2400),
    };
    if (rand() < 0.04 && i !== 42) product.inStock = false;
    if (CONSUMABLES.has(category)) product.replenishDays = 30 + Math.floor(rand() * 60);
    if (rand() < 0.3) product.variantId = `v${100000 + i}`;
    products.push(product);
  }

  // Cross-sells are cheaper than their anchor (accessories), upsells dearer (up to 2×), as
  // the engine's price fit (R8) expects of real data: pick them from the price-sorted list.
  const byPrice = [...products].sort((a, b) => a.price - b.price);
  const rank = new Map(byPrice.map((p, r) => [p.id, r]));
  const links = [];
  const seen = new Set();
  const add = (link) => {
    const key = `${link.from} ${link.to} ${link.kind}`;
    if (link.from === link.to || seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  for (let i = 0; i < n; i++) {
    const from = products[i];
    const r = rank.get(from.id);
    for (let k = 0; k < 6; k++) {
      // Mostly cheaper products; now and then any product (the engine skips those that don't fit).
      const to = rand() < 0.85 && r > 0 ? byPrice[Math.floor(rand() * r)] : products[Math.floor(rand() * n)];
      const link = { from: from.id, to: to.id, kind: 'cross-sell' };
      // Purchase statistics where the store has them (mined links), a reason where a merchant wrote one.
      if (rand() < 0.6) link.attachRate = Math.round(rand() * 45) / 100;
      if (rand() < 0.1) link.lift = Math.round((1 + rand() * 6) * 10) / 10;
      if (rand() < 0.25) link.reason = pick(CROSS_REASONS);
      if (rand() < 0.05) link.weight = Math.round((0.3 + rand() * 0.7) * 10) / 10;
      // A few links with eligibility limits; p42's stay plain so its page always has offers.
      if (i !== 42 && rand() < 0.05) link.placements = ['cart', 'checkout'];
      if (i !== 42 && rand() < 0.03) link.segments = ['vip'];
      if (i !== 42 && rand() < 0.03) link.minCartValue = 50;
      add(link);
    }
    const upsell = pick(['premium', 'premium', 'tier', 'quantity', 'addon']);
    let hi = r + 1;
    while (hi < n && byPrice[hi].price <= from.price * 2) hi++;
    const to = hi > r + 1 ? byPrice[r + 1 + Math.floor(rand() * (hi - r - 1))] : products[Math.floor(rand() * n)];
    const link = { from: from.id, to: to.id, kind: 'upsell', upsell };
    if (rand() < 0.5) link.attachRate = Math.round(rand() * 20) / 100;
    if (rand() < 0.5) link.reason = UPSELL_REASONS[upsell];
    add(link);
  }
  // Cold-start fallbacks: a few links per category.
  for (const [category] of CATEGORIES) {
    for (let k = 0; k < 3; k++) {
      add({ from: `category:${category}`, to: products[Math.floor(rand() * n)].id, kind: 'cross-sell', reason: pick(CROSS_REASONS) });
    }
  }
  return {
    version: 1,
    currency: 'USD',
    settings: { vipOrders: 5, vipSpend: 1000, lapsedDays: 180, maxUpsellRatio: 1.0 },
    products,
    links,
  };
}

/** A small product picture (SVG), so the cards load real images. */
export function productImage(id) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const hue = h % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160"><rect width="160" height="160" fill="hsl(${hue} 40% 88%)"/><circle cx="80" cy="70" r="38" fill="hsl(${hue} 45% 55%)"/><rect x="36" y="118" width="88" height="14" rx="7" fill="hsl(${hue} 30% 40%)"/></svg>`;
}
