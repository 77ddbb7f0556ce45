import type { BuildLog } from '../build-log';
import type { DuckDbModule } from '../duckdb-session';
import type { HttpOptions } from '../fetch-politely';
import { complementsOf, liftedCategoryPairs, type CategoryCounts, type LiftedPair } from './complementary-categories';
import { describeProducts, type ImageReading, type ImageStats } from './describe-products';
import { defaultImageCacheDir, imageCache } from './image-cache';
import { readEmbeddings, type EmbeddingStats } from './read-embeddings';
import type { VectorTable } from './vector-table';
import { loadSharp, loadUsearch, type VisualPeers } from './visual-peers';
import { DEFAULT_MIN_SIMILARITY, visualLinks, type VisualStats } from './visual-links';

/** `build --visual`'s options (catalog.md, "Visual links"). */
export interface VisualInputs {
  /** `--pair-categories`: complementary categories, both ways. */
  pairCategories: [string, string][];
  /** `--image-dir`: where relative images are. */
  imageDir?: string;
  /** `--image-cache` @default defaultImageCacheDir() */
  imageCache?: string;
  /** `--embeddings`: vectors (CSV or Parquet) in place of the pictures' descriptors. */
  embeddings?: string;
  /** @default DEFAULT_MIN_SIMILARITY */
  minSimilarity?: number;
}

/** What tests replace: the peers' imports, how far the exact search goes, how pictures are read. */
export interface VisualDeps extends VisualPeers {
  exactUpTo?: number;
  images?: Pick<ImageReading, 'concurrency' | 'progressEveryMs'>;
}

export interface VisualSummary {
  images?: ImageStats & { cache: string };
  embeddings?: { file: string; stats: EmbeddingStats };
  /** The complementary pairs given, and those the orders found (`--orders`). */
  given: readonly (readonly [string, string])[];
  lifted?: LiftedPair[];
  minSimilarity: number;
  stats: VisualStats;
}

type Item = Record<string, unknown>;

/**
 * The visual links of a catalog whose products, curated and mined links are known: vectors
 * from `--embeddings` or from each product's picture (sharp, imported now), complements from
 * `--pair-categories` and, when orders were mined, from categories bought together
 * (`categories`), then visual-links.ts. Returns them to add after the other links.
 */
export async function buildVisualLinks(
  visual: VisualInputs,
  catalog: { products: readonly Item[]; links: readonly Item[]; top: number; minOrders: number; categories?: CategoryCounts },
  log: BuildLog,
  deps: VisualDeps & { http?: HttpOptions; loadDuckDb: (purpose: string) => Promise<DuckDbModule> },
): Promise<{ links: Item[]; summary: VisualSummary }> {
  const { products } = catalog;
  let vectors: VectorTable;
  const summary: Omit<VisualSummary, 'stats'> = { given: visual.pairCategories, minSimilarity: visual.minSimilarity ?? DEFAULT_MIN_SIMILARITY };
  if (visual.embeddings !== undefined) {
    const index = new Map(products.map((p, i) => [p.id as string, i]));
    const read = await readEmbeddings(visual.embeddings, index, log, deps.loadDuckDb);
    vectors = read.vectors;
    summary.embeddings = { file: visual.embeddings, stats: read.stats };
  } else {
    const sharp = await loadSharp(deps, '--visual (reading product pictures)');
    const cache = visual.imageCache ?? defaultImageCacheDir();
    const read = await describeProducts(
      products,
      sharp,
      { ...deps.images, cache: imageCache(cache), ...(visual.imageDir !== undefined && { imageDir: visual.imageDir }), ...(deps.http && { http: deps.http }) },
      log,
    );
    vectors = read.vectors;
    summary.images = { ...read.stats, cache };
  }
  if (catalog.categories) summary.lifted = liftedCategoryPairs(catalog.categories, catalog.minOrders);
  const made = await visualLinks(
    products,
    vectors,
    catalog.links,
    {
      top: catalog.top,
      minSimilarity: summary.minSimilarity,
      complements: complementsOf(visual.pairCategories, summary.lifted),
      ...(deps.exactUpTo !== undefined && { exactUpTo: deps.exactUpTo }),
      usearch: () => loadUsearch(deps, `--visual on ${vectors.count.toLocaleString('en-US')} products (an approximate search)`),
    },
    log,
  );
  return { links: made.links, summary: { ...summary, stats: made.stats } };
}
