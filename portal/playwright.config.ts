import { defineConfig } from "@playwright/test";

/**
 * Browser tests of the portal (portal/e2e): Debian's Chromium (no browser is downloaded), against a
 * local anvil node holding the demo's state, with the project's own injected EIP-1193 test wallet.
 * `npm run test:portal` builds what is missing and prints the `N passed, N failed` line.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // the specs that change shared demo state (paying the SME's arrears, a new licence, income claimed)
  // run after every spec that reads it
  projects: [
    { name: "reading", testIgnore: /(actions|safe)\.spec\.ts$/ },
    { name: "acting", testMatch: /(actions|safe)\.spec\.ts$/, dependencies: ["reading"] },
  ],
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  outputDir: "test-results/artifacts",
  use: {
    browserName: "chromium",
    locale: "en-US",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
