import type { LinkSource } from '../../catalog/validate-catalog';
import type { MinedPair } from './mine-pairs';

export interface MergeStats {
  /** Mined pairs written as new `cross-sell` links. */
  added: number;
  /** Mined pairs whose statistics went to a curated cross-sell for the same pair. */
  statsToCurated: number;
  /** Mined pairs with a curated upsell (and no curated cross-sell) for the same pair: no link added. */
  curatedUpsells: number;
}

type RawLink = Record<string, unknown>;

/**
 * The curated links (already valid, in file order, a few with mined statistics added) then
 * one `cross-sell` link per other mined pair (in `pairs` order). Each says where it came from
 * (catalog.md `source`): a curated link keeps the source links.csv gives it, else `curated`
 * (statistics added to it or not: the merchant wrote it); a mined one is `mined`.
 *
 * A curated link for the same pair (same `from` and `to`) wins over the mined one: it keeps
 * its own fields (kind, reason, weight, placements, …). It takes the mined statistics only
 * when it is a `cross-sell`: for an upsell, catalog.md defines attachRate as the share of
 * the anchor's orders that chose B *instead*, which co-purchase counts (bought A and B
 * together) do not measure, so a curated upsell is left exactly as written and no mined
 * cross-sell is added beside it (the merchant said what B is to A).
 */
export function mergeLinks(
  curated: readonly RawLink[],
  pairs: readonly MinedPair[],
  /** The `reason` of an added link (rules.md R10: every card says why). @default none */
  reasonFor?: (pair: MinedPair) => string,
): { links: RawLink[]; stats: MergeStats } {
  const links: RawLink[] = curated.map((l) => ({ ...l, source: l.source ?? ('curated' satisfies LinkSource) }));
  const byPair = new Map<string, RawLink[]>();
  for (const link of links) {
    const key = pairKey(link.from as string, link.to as string);
    byPair.set(key, [...(byPair.get(key) ?? []), link]);
  }
  const stats: MergeStats = { added: 0, statsToCurated: 0, curatedUpsells: 0 };
  for (const pair of pairs) {
    const { from, to, orders, attachRate, lift } = pair;
    const same = byPair.get(pairKey(from, to));
    if (!same) {
      links.push({ from, to, kind: 'cross-sell', ...(reasonFor && { reason: reasonFor(pair) }), attachRate, lift, orders, source: 'mined' satisfies LinkSource });
      stats.added++;
      continue;
    }
    const crossSell = same.find((l) => l.kind === 'cross-sell');
    if (crossSell) {
      Object.assign(crossSell, { attachRate, lift, orders });
      stats.statsToCurated++;
    } else stats.curatedUpsells++;
  }
  return { links, stats };
}

const pairKey = (from: string, to: string) => JSON.stringify([from, to]);
