// What the benchmarks that generate data share: order data (bench-build.mjs, bench-mining.mjs)
// and a linked catalog (bench-engine.mjs, bench-load.mjs).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from './seeded-random.mjs';

/** A sampler of 0 … n−1 with weight 1 / (i + 1)^s (binary search over the cumulative weights). */
export function zipf(random, n, s) {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Write a header and `count` lines through a stream, waiting when it asks to. */
export async function writeFileLines(path, header, count, lineAt) {
  const out = createWriteStream(path);
  out.write(header + '\n');
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += lineAt(i) + '\n';
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** n products in n/50 categories; ~6 cross-sells (cheaper) and ~1 upsell (dearer) per product. */
export function generateLinkedCatalog(n, seed = 1) {
  const rand = seededRandom(seed);
  const products = [];
  for (let i = 0; i < n; i++) {
    const price = Math.round(5 + rand() * 995);
    products.push({
      id: `p${i}`,
      title: `Product ${i}`,
      price,
      url: `/products/p${i}`,
      image: `/img/p${i}.jpg`,
      category: `c${i % Math.max(1, Math.floor(n / 50))}`,
      cost: Math.round(price * 0.6),
      rating: Math.round((3 + rand() * 2) * 10) / 10,
      reviewCount: Math.floor(rand() * 500),
    });
  }
  const links = [];
  for (let i = 0; i < n; i++) {
    const from = products[i];
    for (let k = 0; k < 6; k++) {
      const to = products[Math.floor(rand() * n)];
      if (to.id === from.id) continue;
      links.push({ from: from.id, to: to.id, kind: "cross-sell", attachRate: Math.round(rand() * 500) / 1000 });
    }
    const up = products[Math.floor(rand() * n)];
    if (up.id !== from.id) links.push({ from: from.id, to: up.id, kind: 'upsell', upsell: 'premium' });
  }
  // Drop duplicates (same from, to, kind): the catalog contract forbids them.
  const seen = new Set();
  const unique = links.filter((l) => {
    const key = `${l.from} ${l.to} ${l.kind}`;
    return !seen.has(key) && seen.add(key);
  });
  return { version: 1, currency: 'USD', products, links: unique };
}
