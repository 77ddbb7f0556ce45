// What the benchmarks that generate order data share (bench-build.mjs, bench-mining.mjs).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

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
