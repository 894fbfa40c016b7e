import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

/**
 * End-to-end tests run against the built site (`astro build` first) served by `astro preview`,
 * in Debian's Chromium: Playwright's own browser download is unreachable on these machines.
 * The flags keep a headless Chromium from calling home on a closed network.
 */
const PORT = Number(process.env.E2E_PORT ?? 4327);
/**
 * `E2E_DIST` points the tests at a build in another folder (`astro build --outDir DIR`), served as
 * plain files, so that several builds can be tested side by side on one machine.
 */
const DIST = process.env.E2E_DIST;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.E2E_PORT
    ? `artifacts/test-results-${process.env.E2E_PORT}`
    : 'artifacts/test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: CI machines have two cores and axe is thorough.
  timeout: 60_000,
  reporter: [
    ['list'],
    ['json', { outputFile: `artifacts/results/playwright${process.env.E2E_PORT ?? ''}.json` }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: DIST
      ? `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${DIST}`
      : `astro preview --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 60_000,
  },
});
