/**
 * How the demo's offers endpoint (`POST /demo-offers`, played by MSW in handlers.ts) behaves,
 * without MSW, so the preview panel can flip it without loading MSW up front (as
 * cart-store.ts does for the cart's failure switch).
 */

/** `ok` answers from the engine; `fail` answers 500; `slow` answers after the widget gave up. */
export const OFFERS_MODES = ['ok', 'fail', 'slow'] as const;
export type OffersMode = (typeof OFFERS_MODES)[number];

/** Longer than the widget's 1,500 ms timeout (offers-api.md, "Failure"). */
export const SLOW_DELAY_MS = 3000;

let mode: OffersMode = 'ok';
let slowDelay = SLOW_DELAY_MS;

/** Switch the endpoint's behaviour; anything but a known mode means `ok`. */
export function setOffersMode(next: string): void {
  mode = OFFERS_MODES.find((known) => known === next) ?? 'ok';
}

export function getOffersMode(): OffersMode {
  return mode;
}

/** How long `slow` waits before answering (tests shorten it; the demo keeps 3 s). */
export function setSlowDelay(ms: number = SLOW_DELAY_MS): void {
  slowDelay = ms;
}

export function getSlowDelay(): number {
  return slowDelay;
}
