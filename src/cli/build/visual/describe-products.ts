import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { UserError } from '../../cli-io';
import { describeFsError } from '../../report/open-input';
import { formatCount as n, type BuildLog } from '../build-log';
import { readBody, requestPolitely, type HttpOptions } from '../fetch-politely';
import { httpsUrl } from '../product-source';
import { DESCRIPTOR_DIMENSIONS, describePixels, type Pixels } from './describe-pixels';
import type { ImageCache } from './image-cache';
import { picturePixels, thumbnail } from './read-image';
import type { SharpModule } from './visual-peers';
import { createVectorTable, type VectorTable } from './vector-table';

/** How images are read: from a directory, or fetched (politely, `http`) through a cache. */
export interface ImageReading {
  /** `--image-dir`: where relative images (`/img/a.jpg`, `img/a.jpg`) are, as files. */
  imageDir?: string;
  cache: ImageCache;
  http?: HttpOptions;
  /** Images read at once. @default DEFAULT_IMAGE_CONCURRENCY */
  concurrency?: number;
  /** A progress line at most this often (ms). @default 2000 */
  progressEveryMs?: number;
}

export interface ImageStats {
  /** Products with an `image`. */
  withImage: number;
  described: number;
  /** Where the pictures read came from (those that decoded). */
  fromDir: number;
  fetched: number;
  fromCache: number;
  /** Left out, each reported: could not be read, or nothing but backdrop. */
  unreadable: number;
  allBackground: number;
  /** Described whole: no plain backdrop to mask (a scene, a coloured backdrop). */
  noBackdrop: number;
  /** Relative images with no `--image-dir` to find them in. */
  needDir: number;
}

/** Images read at once, by default. */
export const DEFAULT_IMAGE_CONCURRENCY = 8;
/** Problems listed one by one (the rest are counted at the end). */
export const MAX_LISTED_IMAGE_PROBLEMS = 100;
/** An image's largest download: a product photo is a few MB at most. */
export const MAX_IMAGE_BYTES = 25 << 20;

type Item = Record<string, unknown>;

/**
 * The default descriptor (describe-pixels.ts) of every product's `image`: a relative one read
 * from `imageDir`, an http(s) one from the cache or fetched (and then kept in the cache).
 * `concurrency` at a time: fetching waits on the network and sharp decodes on libuv's
 * threads, while the descriptors are counted here. A product whose image cannot be read
 * (missing, an error status, a timeout after the retries, not an image) or shows nothing but
 * backdrop is reported on stderr with its id and left out. Progress lines go to stderr on
 * runs longer than `progressEveryMs`.
 */
export async function describeProducts(products: readonly Item[], sharp: SharpModule, reading: ImageReading, log: BuildLog): Promise<{ vectors: VectorTable; stats: ImageStats }> {
  const { imageDir, cache, concurrency = DEFAULT_IMAGE_CONCURRENCY, progressEveryMs = 2000 } = reading;
  const http: HttpOptions = { note: (message) => log.note(message), ...reading.http };
  const vectors = createVectorTable(products.length, DESCRIPTOR_DIMENSIONS);
  const stats: ImageStats = { withImage: 0, described: 0, fromDir: 0, fetched: 0, fromCache: 0, unreadable: 0, allBackground: 0, noBackdrop: 0, needDir: 0 };
  const todo: { at: number; id: string; image: string }[] = [];
  let needDirExample: string | undefined;
  products.forEach((p, at) => {
    const image = httpsUrl(p.image as string | undefined);
    if (image === undefined) return;
    stats.withImage++;
    if (!isRemote(image) && imageDir === undefined) {
      stats.needDir++;
      needDirExample ??= image;
    } else todo.push({ at, id: p.id as string, image });
  });
  if (needDirExample !== undefined)
    log.note(`--visual: ${n(stats.needDir)} ${stats.needDir === 1 ? 'image is' : 'images are'} relative (${needDirExample}): give --image-dir <dir> to read them from there`);

  let problems = 0;
  const leaveOut = (id: string, image: string, why: string) => {
    if (++problems <= MAX_LISTED_IMAGE_PROBLEMS) log.note(`image of ${JSON.stringify(id)} (${image}): ${why}; no visual links for it`);
  };
  const dir = imageDir === undefined ? undefined : resolve(imageDir);
  const started = log.elapsed();
  let lastProgress = started;
  let done = 0;

  /** The pixels of one image, from wherever it is; a string says why there are none. */
  const read = async (image: string): Promise<Pixels | string> => {
    if (!isRemote(image)) {
      const path = localPath(dir!, image);
      if (path === undefined) return `outside --image-dir ${imageDir}`;
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (e) {
        return `${path}: ${describeFsError(e)}`;
      }
      const pixels = await decoded(() => picturePixels(sharp, bytes));
      if (typeof pixels != 'string') stats.fromDir++;
      return pixels;
    }
    const kept = await cache.get(image);
    if (kept) {
      const pixels = await decoded(() => picturePixels(sharp, kept));
      // A cache entry that no longer reads (cut short by a full disk) is fetched again.
      if (typeof pixels != 'string') {
        stats.fromCache++;
        return pixels;
      }
    }
    let answer: { status: number; statusText: string; bytes?: Buffer };
    try {
      answer = await requestPolitely(image, http, 'image/*', async (res) => {
        if (!res.ok) {
          await res.body?.cancel().catch(() => {});
          return { status: res.status, statusText: res.statusText };
        }
        return { status: res.status, statusText: res.statusText, bytes: await readBody(res, image, MAX_IMAGE_BYTES, 'expected a product picture') };
      });
    } catch (e) {
      if (e instanceof UserError) return e.message.startsWith(image + ': ') ? e.message.slice(image.length + 2) : e.message;
      throw e;
    }
    if (!answer.bytes) return `${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    const png = await decoded(() => thumbnail(sharp, answer.bytes!));
    if (typeof png == 'string') return png;
    stats.fetched++;
    await cache.put(image, png);
    return picturePixels(sharp, png);
  };
  /** What sharp made of a picture, or why it could not read it. */
  const decoded = async <T>(decode: () => Promise<T>): Promise<T | string> => {
    try {
      return await decode();
    } catch (e) {
      return `not a picture sharp can read (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
    }
  };

  const describeOne = async ({ at, id, image }: (typeof todo)[number]) => {
    const pixels = await read(image);
    if (typeof pixels == 'string') {
      stats.unreadable++;
      return leaveOut(id, image, pixels);
    }
    const description = describePixels(pixels);
    if ('allBackground' in description) {
      stats.allBackground++;
      return leaveOut(id, image, 'all background (nothing but the plain backdrop was found)');
    }
    if (description.backdrop === 'none') stats.noBackdrop++;
    vectors.set(at, description.vector);
    stats.described++;
  };

  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < todo.length && failed === undefined) {
      const item = todo[next++]!;
      try {
        await describeOne(item);
      } catch (e) {
        failed ??= e;
      }
      done++;
      const now = log.elapsed();
      if (now - lastProgress >= progressEveryMs) {
        lastProgress = now;
        log.note(`images: ${n(done)} of ${n(todo.length)} read (${n(stats.fetched)} fetched, ${n(stats.fromCache)} from the cache), ${((now - started) / 1000).toFixed(1)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, todo.length)) }, worker));
  if (failed !== undefined) throw failed;
  if (problems > MAX_LISTED_IMAGE_PROBLEMS) log.note(`… and ${n(problems - MAX_LISTED_IMAGE_PROBLEMS)} more images left out`);
  return { vectors, stats };
}

const isRemote = (image: string) => /^https?:/i.test(image);

/**
 * A relative image's file under `dir` (an absolute path), by its URL path: `/img/a%20b.jpg?v=2`
 * is `<dir>/img/a b.jpg`. `undefined` for one that would be outside `dir`.
 */
export function localPath(dir: string, image: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(image, 'file:///').pathname);
  } catch {
    return undefined;
  }
  const file = resolve(dir, '.' + path);
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : undefined;
}
