import type { Placement, Segment } from '../types';

/** `t` of a beacon line. */
export type BeaconType = 'render' | 'impression' | 'click' | 'add' | 'dismiss' | 'holdout' | 'purchase';
export type Group = 'treatment' | 'holdout';

/** Where one slot's events go, and who they are about. */
export interface Audience {
  placement: Placement;
  segment: Segment;
  group: Group;
  /** The beacon URL, when events are collected. */
  beacon?: string | undefined;
  /** `data-consent`: false sends no beacon and pushes nothing to GA4. */
  consent: boolean;
}

export interface BeaconEnv {
  now(): number;
  /** POST `body` to `url` (sendBeacon, else fetch with keepalive). */
  send(url: string, body: string): void;
  /**
   * JSON that a page's own `toJSON` cannot change (util/safe-json.ts, passed in from the main
   * script so this chunk's code needs no copy of it in a file of its own).
   */
  json(value: unknown): string;
}

/** A beacon batch is sent when it holds this many events (and whenever the page is hidden). */
export const BATCH_SIZE = 10;


export type Beacon = ReturnType<typeof createBeacon>;

/**
 * One page view's beacon batches (analytics.md §3): every line carries the visitor id (asked
 * for only when a line is sent) and the page view id.
 */
export function createBeacon(env: BeaconEnv, visitor: () => string, view: string) {
  const queues = new Map<string, string[]>();
  const flush = (): void => {
    for (const [url, lines] of queues) if (lines.length) env.send(url, lines.splice(0).join('\n') + '\n');
  };
  return {
    flush,
    /** Queue one beacon line; sends the batch when it is full. */
    beacon(t: BeaconType, to: Audience, fields: Record<string, unknown> = {}): void {
      const { beacon: url, placement, segment, group } = to;
      if (!url || !to.consent) return;
      const queue = queues.get(url) ?? [];
      queues.set(url, queue);
      queue.push(env.json({ t, ts: env.now(), visitor: visitor(), view, placement, segment, group, ...fields }));
      if (queue.length >= BATCH_SIZE) flush();
    },
  };
}
