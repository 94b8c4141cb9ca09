#!/usr/bin/env node
// `npm run test:portal`: the portal's browser tests (portal/e2e, Playwright with Debian's Chromium).
// Builds what is missing (contracts and TypeChain, the compiled CLI) and the app (unless PORTAL_BUILT=1
// says portal/dist is current), runs Playwright, and
// prints one line `portal browser tests: N passed, N failed` (also when Playwright itself fails).
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  return r.status ?? 1;
};
const npx = (args) =>
  run(process.execPath, [path.join(root, "node_modules", ".bin", args[0]), ...args.slice(1)]);

if (!fs.existsSync("/usr/bin/chromium")) {
  console.error(
    "portal browser tests need Debian's chromium (/usr/bin/chromium): apt-get install -y chromium fonts-noto-cjk",
  );
  console.log("portal browser tests: 0 passed, 1 failed");
  process.exit(1);
}
if (!fs.existsSync(path.join(root, "typechain-types")) && npx(["hardhat", "compile", "--quiet"]) !== 0)
  process.exit(1);
if (!fs.existsSync(path.join(root, "dist", "cli", "main.js")) && run("npm", ["run", "build:ts"]) !== 0)
  process.exit(1);
// PORTAL_BUILT=1 (CI, right after `npm run build` in the same checkout): the app in portal/dist is current
const prebuilt =
  process.env.PORTAL_BUILT === "1" && fs.existsSync(path.join(root, "portal", "dist", "index.html"));
if (prebuilt) console.log("portal app: portal/dist from the build");
else if (run("npm", ["run", "build:portal", "--silent"]) !== 0) process.exit(1);

const results = path.join(root, "portal", "test-results", "results.json");
fs.rmSync(results, { force: true });
const code = npx(["playwright", "test", "-c", "portal/playwright.config.ts", ...process.argv.slice(2)]);
let passed = 0;
let failed = 0;
try {
  const stats = JSON.parse(fs.readFileSync(results, "utf8")).stats;
  passed = stats.expected + (stats.flaky ?? 0);
  failed = stats.unexpected;
} catch {
  failed = Math.max(failed, 1);
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`portal browser tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && code === 0 ? 0 : 1);
