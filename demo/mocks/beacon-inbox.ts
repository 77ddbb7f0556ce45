/**
 * Where the demo's `POST /demo-beacon` delivers the widget's beacon batches, without MSW, so
 * the preview panel can listen without loading MSW up front (as cart-store.ts does for the
 * cart). The handlers run in the page in MSW's browser mode, so a plain listener list works.
 */

export type BeaconListener = (lines: string[]) => void;

const listeners = new Set<BeaconListener>();

/** The non-empty lines of a newline-delimited JSON body, as sent (analytics.md). */
export function ndjsonLines(body: string): string[] {
  return body.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Call `listener` with each batch's lines; returns the unsubscribe function. */
export function onBeaconLines(listener: BeaconListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hand one received batch to the listeners; returns its lines. */
export function receiveBeacon(body: string): string[] {
  const lines = ndjsonLines(body);
  if (lines.length > 0) for (const listener of listeners) listener(lines);
  return lines;
}
