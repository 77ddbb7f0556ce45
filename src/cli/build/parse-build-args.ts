import { resolve } from 'node:path';
import { MAX_SHARDS } from '../../server/merge-shards';
import { UsageError } from '../cli-io';
import { parseCommandArgs } from '../parse-command-args';
import { DEFAULT_MIN_ORDERS, DEFAULT_TOP, ENGINES, type BuildInputs, type Engine } from './build-catalog';
import { PLATFORMS, storeBase, type Platform } from './read-store';
import { parsePairCategories } from './visual/complementary-categories';

/** Where the catalog goes: one file, or a sharded directory (`count` defaults by product count). */
export type BuildOutput = { to: 'file'; path: string } | { to: 'shards'; dir: string; count?: number };

export type BuildArgs = BuildInputs & { output: BuildOutput };

/** `offerwise build`'s command line into inputs and output, or `'help'`. Throws `UsageError`. */
export function parseBuildArgs(args: readonly string[]): BuildArgs | 'help' {
  const { values, positionals } = parseCommandArgs(args, {
    products: { type: 'string' },
    from: { type: 'string' },
    platform: { type: 'string' },
    links: { type: 'string' },
    orders: { type: 'string' },
    engine: { type: 'string' },
    pairs: { type: 'string' },
    'min-orders': { type: 'string' },
    top: { type: 'string' },
    currency: { type: 'string' },
    out: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    visual: { type: 'boolean' },
    'pair-categories': { type: 'string' },
    'image-dir': { type: 'string' },
    'image-cache': { type: 'string' },
    embeddings: { type: 'string' },
    'min-similarity': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (files are given with --products, --links, --orders)`);
  if ((values.products === undefined) === (values.from === undefined))
    throw new UsageError(values.products === undefined ? '--products <file> or --from <url> is required' : 'give one of --products <file> or --from <url>, not both');
  if (values.platform !== undefined && values.from === undefined) throw new UsageError('--platform goes with --from <url>');
  if (values.platform !== undefined && !PLATFORMS.includes(values.platform as Platform))
    throw new UsageError(`--platform: expected ${PLATFORMS.join(' or ')}, got ${JSON.stringify(values.platform)}`);
  if (values.from !== undefined) storeBase(values.from);
  if ((values.out === undefined) === (values.shard === undefined)) throw new UsageError('give one of --out <file> or --shard <dir>');
  if (values.shards !== undefined && values.shard === undefined) throw new UsageError('--shards goes with --shard <dir>');

  if (values.engine !== undefined && !ENGINES.includes(values.engine as Engine))
    throw new UsageError(`--engine: expected ${ENGINES.join(' or ')}, got ${JSON.stringify(values.engine)}`);
  if (values.engine !== undefined && values.orders === undefined) throw new UsageError('--engine goes with --orders <file> (the engine that mines them)');
  if (values.pairs !== undefined) {
    if (values.orders !== undefined) throw new UsageError('give one of --orders <file> (pairs mined here) or --pairs <file> (pairs mined elsewhere), not both');
    const mining = ['min-orders', 'top'].filter((name) => values[name as 'top'] !== undefined);
    if (mining.length)
      throw new UsageError(`--${mining[0]} goes with --orders: the rows of --pairs were chosen where they were computed ("offerwise sql ${mining.map((m) => `--${m} …`).join(' ')}")`);
  }

  const VISUAL_OPTIONS = ['pair-categories', 'image-dir', 'image-cache', 'embeddings', 'min-similarity'] as const;
  if (!values.visual) {
    const stray = VISUAL_OPTIONS.find((name) => values[name] !== undefined);
    if (stray) throw new UsageError(`--${stray} goes with --visual`);
  } else {
    if (values['pair-categories'] === undefined && values.orders === undefined)
      throw new UsageError('--visual needs complementary categories: --pair-categories necklaces:earrings,…, or --orders to find the categories bought together');
    if (values.embeddings !== undefined)
      for (const name of ['image-dir', 'image-cache'] as const)
        if (values[name] !== undefined) throw new UsageError(`--${name} goes with pictures; --embeddings gives the vectors instead`);
  }
  const minSimilarity = values['min-similarity'];
  if (minSimilarity !== undefined && !(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(minSimilarity)))
    throw new UsageError(`--min-similarity: expected a number from 0 to 1, got ${JSON.stringify(minSimilarity)}`);

  const inputs = [values.products, values.links, values.orders, values.pairs, values.embeddings].filter((p) => p !== undefined);
  const target = values.out ?? values.shard!;
  if (inputs.some((p) => resolve(p) === resolve(target))) throw new UsageError(`${target} is an input: writing there would destroy it`);

  const currency = values.currency;
  if (currency !== undefined && !/^[a-z]{3}$/i.test(currency)) throw new UsageError(`--currency: expected a 3-letter code such as USD, got "${currency}"`);

  return {
    products:
      values.from !== undefined ?
        { url: values.from, ...(values.platform !== undefined && { platform: values.platform as Platform }) }
      : values.products!,
    ...(values.links !== undefined && { links: values.links }),
    ...(values.orders !== undefined && { orders: values.orders }),
    ...(values.engine !== undefined && { engine: values.engine as Engine }),
    ...(values.pairs !== undefined && { pairs: values.pairs }),
    minOrders: wholeNumber('--min-orders', values['min-orders'], DEFAULT_MIN_ORDERS),
    top: wholeNumber('--top', values.top, DEFAULT_TOP),
    ...(currency !== undefined && { currency: currency.toUpperCase() }),
    ...(values.visual && {
      visual: {
        pairCategories: values['pair-categories'] === undefined ? [] : parsePairCategories(values['pair-categories']),
        ...(values['image-dir'] !== undefined && { imageDir: values['image-dir'] }),
        ...(values['image-cache'] !== undefined && { imageCache: values['image-cache'] }),
        ...(values.embeddings !== undefined && { embeddings: values.embeddings }),
        ...(minSimilarity !== undefined && { minSimilarity: Number(minSimilarity) }),
      },
    }),
    output:
      values.out !== undefined ? { to: 'file', path: values.out }
      : {
          to: 'shards',
          dir: values.shard!,
          ...(values.shards !== undefined && { count: wholeNumber('--shards', values.shards, 1, MAX_SHARDS) }),
        },
  };
}

/** A whole number from 1 to `max` (a pair in 0 orders, or 0 links per anchor, means nothing). */
export function wholeNumber(name: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max))
    throw new UsageError(`${name} must be a whole number ${max < Number.MAX_SAFE_INTEGER ? `from 1 to ${max}` : '≥ 1'}, got ${JSON.stringify(value)}`);
  return n;
}
