/**
 * Keeps the demo catalog honest: every link resolves and passes the price fit of rules.md R8,
 * so the demo pages actually show offers; every product has its image.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalog from '../public/catalog.json';

const byId = new Map(catalog.products.map((p) => [p.id, p]));
const categories = new Set(catalog.products.map((p) => p.category));
const ratio = catalog.settings.maxUpsellRatio;

/** The anchors a link applies to: one product, or every product of a category. */
function anchorsOf(from: string) {
  if (!from.startsWith('category:')) return [byId.get(from)];
  return catalog.products.filter((p) => `category:${p.category}` === from);
}

describe('public/catalog.json', () => {
  it('is a v1 catalog in USD with unique product ids', () => {
    expect(catalog.version).toBe(1);
    expect(catalog.currency).toBe('USD');
    expect(byId.size).toBe(catalog.products.length);
  });

  it('links only known products and categories, with short reasons', () => {
    for (const link of catalog.links) {
      expect(byId.has(link.to), link.to).toBe(true);
      if (link.from.startsWith('category:')) expect(categories).toContain(link.from.slice('category:'.length));
      else expect(byId.has(link.from), link.from).toBe(true);
      expect(link.from).not.toBe(link.to);
      expect(link.reason.length).toBeLessThanOrEqual(140);
    }
  });

  it('prices cross-sells at most at their anchor and upsells within the upsell ratio', () => {
    for (const link of catalog.links) {
      const offered = byId.get(link.to);
      for (const anchor of anchorsOf(link.from)) {
        if (!anchor || !offered) throw new Error(`unresolved link ${link.from} → ${link.to}`);
        const label = `${anchor.id} → ${offered.id}`;
        if (link.kind === 'cross-sell') expect(offered.price, label).toBeLessThanOrEqual(anchor.price);
        else if (link.upsell !== 'addon') {
          expect(offered.price, label).toBeGreaterThan(anchor.price);
          expect(offered.price, label).toBeLessThanOrEqual((1 + ratio) * anchor.price);
        }
      }
    }
  });

  it('makes the blender upgrade exactly $30', () => {
    expect((byId.get('blender-pro')?.price ?? 0) - (byId.get('blender-basic')?.price ?? 0)).toBe(30);
  });

  it('points every product at its demo page and a small SVG image', () => {
    for (const p of catalog.products) {
      expect(p.url).toBe(`/demo/product.html?id=${p.id}`);
      expect(p.image).toBe(`/img/${p.id}.svg`);
      const file = new URL(`../public${p.image}`, import.meta.url);
      expect(statSync(file).size, p.image).toBeLessThan(600);
      expect(readFileSync(file, 'utf8')).toContain('viewBox="0 0 160 160"');
    }
  });
});
