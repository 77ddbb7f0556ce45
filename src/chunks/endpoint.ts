import { readOffers } from '../catalog/read-offers';
import type { Offer } from '../types';
import { safeJson } from '../util/safe-json';

/** What the endpoint client needs from the page. */
export interface EndpointEnv {
  fetch: typeof fetch;
  warn(message: string): void;
  /** Resolves after `ms`: the widget's own timer, whatever the page's fetch does with a signal. */
  wait(ms: number): Promise<void>;
  /** An abort signal that fires after `ms`, when the browser has one. */
  abortAfter(ms: number): AbortSignal | undefined;
}

/** How long an offers endpoint may take before the slot falls back (offers-api.md). */
export const ENDPOINT_TIMEOUT_MS = 1500;

export type EndpointAnswer = { offers: Offer[]; currency?: string | undefined };

/**
 * The client of a store's offers API (offers-api.md), loaded only on pages with
 * `data-endpoint`. `ask` resolves with the offers, or with why there are none (a message
 * naming the endpoint). An endpoint that failed is not asked again in the page view: `ask`
 * then resolves with undefined.
 */
export function createEndpointClient(env: EndpointEnv) {
  const failed = new Set<string>();

  async function request(endpoint: string, body: object, max: number): Promise<EndpointAnswer | string> {
    let read = false;
    let why = `endpoint did not answer within ${ENDPOINT_TIMEOUT_MS} ms`;
    const timedOut = {};
    try {
      const answer = await Promise.race([
        (async () => {
          const res = await env.fetch(endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: safeJson(body),
            signal: env.abortAfter(ENDPOINT_TIMEOUT_MS),
          });
          const text = await res.text();
          read = true;
          why = 'endpoint answered HTTP ' + res.status;
          return res.ok ? (readOffers(JSON.parse(text), max, env.warn) ?? `endpoint answer has no offers array`) : why;
        })(),
        env.wait(ENDPOINT_TIMEOUT_MS).then(() => timedOut),
      ]);
      if (answer !== timedOut) return answer as EndpointAnswer | string;
    } catch (error) {
      why = read
        ? 'endpoint answer is not valid JSON'
        : (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError'
          ? why
          : 'endpoint request failed: network error';
    }
    return why;
  }

  return {
    async ask(endpoint: string, body: object, max: number): Promise<EndpointAnswer | string | undefined> {
      if (failed.has(endpoint)) return undefined;
      const answer = await request(endpoint, body, max);
      if (typeof answer != 'string') return answer;
      failed.add(endpoint);
      return `${answer} (${endpoint})`;
    },
  };
}

export type EndpointClient = ReturnType<typeof createEndpointClient>;
