import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The dashboard under test runs exactly as users run it (`specialist serve`), on its own
// fresh data directory and embedded PostgreSQL, so specs seed their own data.
const port = Number(process.env.E2E_PORT ?? 3217);
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'specialist-e2e-'));
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  // One results folder per port: parallel runs in one checkout must not delete each other's traces.
  outputDir: `test-results/e2e-${port}`,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `node bin/specialist serve --port ${port}`,
    url: `${baseURL}/signin`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      SPECIALIST_DATA_DIR: process.env.E2E_DATA_DIR,
      SPECIALIST_PG_PORT: String(54000 + (port % 1000)),
      SPECIALIST_LOG_LEVEL: 'warn',
    },
  },
});
