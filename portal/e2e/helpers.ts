import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { state } from "./env";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Opens a portal page (a permalink) and waits for the app to have read the chain. */
export async function open(page: Page, p: string): Promise<void> {
  await page.goto(new URL(p.replace(/^\//, ""), state().portalUrl).href);
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator(".loading")).toHaveCount(0, { timeout: 30_000 });
}

/** Runs the compiled CLI against the test node and returns its parsed `--json` output. */
export function cliJson<T = unknown>(args: string[]): T {
  const s = state();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin", "covenant.js"), ...args, "--rpc", s.rpcUrl, "--json"],
    {
      cwd: ROOT,
      env: { ...process.env, COVENANT_DEPLOYMENTS_DIR: s.deploymentsDir, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`covenant ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function member(key: string): { key: string; name: string; address: string } {
  const m = state().demo.members.find((x) => x.key === key);
  if (!m) throw new Error(`no demo member ${key}`);
  return m;
}
