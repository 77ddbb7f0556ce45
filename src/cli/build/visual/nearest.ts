import { similarity } from './describe-pixels';
import type { UsearchModule } from './visual-peers';
import type { VectorTable } from './vector-table';

/** One match: a product (its place in the catalog) and how alike it is. */
export interface Match {
  to: number;
  similarity: number;
}

/**
 * Each anchor's `keep` most similar candidates that `accept` takes (priced to fit, not linked
 * already…) with a similarity of at least `floor`, best first, ties by catalog order. Anchors
 * and candidates are places in the catalog, with a vector each in `vectors` (unit length:
 * similarity is the dot product).
 */
export type FindNeighbours = (
  anchors: readonly number[],
  candidates: readonly number[],
  keep: number,
  floor: number,
  accept: (anchor: number, candidate: number) => boolean,
) => Promise<Match[][]>;

/** Whether match `a` ranks above `b`: more similar, then earlier in the catalog. */
const above = (a: Match, b: Match) => a.similarity > b.similarity || (a.similarity === b.similarity && a.to < b.to);

/** `match` into `list` (best first, at most `keep`), if it makes the cut. */
function insert(list: Match[], match: Match, keep: number): void {
  let at = list.length;
  while (at > 0 && above(match, list[at - 1]!)) at--;
  if (at >= keep) return;
  list.splice(at, 0, match);
  if (list.length > keep) list.length = keep;
}

/**
 * Every anchor against every candidate: anchors × candidates × dimensions multiply-adds
 * (2,500 × 2,500 × 89 in some 0.5 s), exact, and fine up to a few thousand products.
 */
export function exactNeighbours(vectors: VectorTable): FindNeighbours {
  const { data, dimensions: d } = vectors;
  return async (anchors, candidates, keep, floor, accept) =>
    anchors.map((a) => {
      const list: Match[] = [];
      for (const b of candidates) {
        const s = similarity(data, a * d, data, b * d, d);
        if (s >= floor && (list.length < keep || s >= list[list.length - 1]!.similarity) && accept(a, b)) insert(list, { to: b, similarity: s }, keep);
      }
      return list;
    });
}

/** What the index is built with: usearch's HNSW graph, cosine on 32-bit floats. */
export const INDEX_SETTINGS = { connectivity: 16, expansionAdd: 128, expansionSearch: 96 } as const;

/**
 * An approximate search through usearch (an HNSW graph), one index per candidate set (a
 * category's in-stock products), built once and searched by every anchor category it
 * complements. Each anchor asks for `keep` × 4 (at least 32) neighbours; their similarity is
 * computed again here, as the exact search computes it, so both give the same figures for
 * the same pair. An anchor that gets fewer than `keep` acceptable ones while its farthest
 * neighbour is still above `floor` (most of its neighbours priced above it, say) asks again for
 * four times as many, up to the whole set; past `floor`, no further one could be taken.
 *
 * One thread (`threads`) builds and searches: a graph built by several threads depends on
 * which of them inserts first, and a build is to write the same catalog every time it runs.
 */
export function indexedNeighbours(vectors: VectorTable, usearch: UsearchModule, threads = 1): FindNeighbours {
  const { data, dimensions: d } = vectors;
  const built = new Map<readonly number[], InstanceType<UsearchModule['Index']>>();
  const indexOf = (candidates: readonly number[]) => {
    let index = built.get(candidates);
    if (index) return index;
    index = new usearch.Index({
      dimensions: d,
      metric: 'cos' as never,
      quantization: 'f32' as never,
      connectivity: INDEX_SETTINGS.connectivity,
      expansion_add: INDEX_SETTINGS.expansionAdd,
      expansion_search: INDEX_SETTINGS.expansionSearch,
      multi: false,
    });
    const rows = new Float32Array(candidates.length * d);
    candidates.forEach((b, i) => rows.set(data.subarray(b * d, (b + 1) * d), i * d));
    index.add(BigUint64Array.from(candidates, (b) => BigInt(b)), rows, threads);
    built.set(candidates, index);
    return index;
  };
  return async (anchors, candidates, keep, floor, accept) => {
    const found: Match[][] = anchors.map(() => []);
    if (candidates.length === 0) return found;
    const index = indexOf(candidates);
    let asking = anchors.map((_, i) => i);
    let k = Math.min(candidates.length, Math.max(32, keep * 4));
    for (;;) {
      const queries = new Float32Array(asking.length * d);
      asking.forEach((i, row) => queries.set(data.subarray(anchors[i]! * d, (anchors[i]! + 1) * d), row * d));
      const result = index.search(queries as never, k, threads) as unknown as { keys: BigUint64Array; counts: BigUint64Array };
      const again: number[] = [];
      asking.forEach((i, row) => {
        const a = anchors[i]!;
        const list: Match[] = [];
        let farthest = 1;
        for (let j = 0; j < Number(result.counts[row]); j++) {
          const b = Number(result.keys[row * k + j]);
          const s = similarity(data, a * d, data, b * d, d);
          farthest = Math.min(farthest, s);
          if (s >= floor && accept(a, b)) insert(list, { to: b, similarity: s }, keep);
        }
        found[i] = list;
        if (list.length < keep && farthest >= floor) again.push(i);
      });
      if (again.length === 0 || k >= candidates.length) return found;
      asking = again;
      k = Math.min(candidates.length, k * 4);
    }
  };
}
