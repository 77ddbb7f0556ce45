/** Starts the demo's mock cart API in the browser, from the same handlers the tests use. */
import { setupWorker } from 'msw/browser';
import { handlers } from './handlers';

export async function startMocks(): Promise<void> {
  await setupWorker(...handlers).start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    // The catalog, images and the widget itself are real files: let them through.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
