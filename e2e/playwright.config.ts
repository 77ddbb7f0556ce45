import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium where the machine has it (browsers can't be downloaded there);
// Playwright's own browser everywhere else.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT ?? 4317);
/** Where the demo specs find the built demo store. */
export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 4318);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'line' : 'list',
  forbidOnly: Boolean(process.env.CI),
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // The fixture store and the test's beacon collector are both on loopback, on two
        // ports; Local Network Access would block one from reaching the other. A store's
        // analytics host is a public one, where no such check applies.
        '--disable-features=LocalNetworkAccessChecks',
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/serve.mjs --root . --port ${PORT}`,
      cwd: '..',
      url: `http://127.0.0.1:${PORT}/e2e/fixtures/catalog.json`,
      reuseExistingServer: !process.env.CI,
    },
    {
      // The built demo store (`vite build --mode demo`), as `npm start` serves it.
      command: `node scripts/serve.mjs --root dist-demo --port ${DEMO_PORT}`,
      cwd: '..',
      url: `http://127.0.0.1:${DEMO_PORT}/catalog.json`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
