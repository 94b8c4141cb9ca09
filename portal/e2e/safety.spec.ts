import { expect, test } from "@playwright/test";
import { state } from "./env";
import { open } from "./helpers";

test.describe("safety against on-chain strings and the pass-through", () => {
  test("a member named <img src=x onerror=alert(1)> is shown as text and runs nothing", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const { member, name } = state().xss;
    await open(page, "/members");
    await expect(page.getByTestId("members-table").getByText(name, { exact: true })).toBeVisible();
    await open(page, `/member/${member}`);
    await expect(page.getByTestId("member-name")).toHaveText(name);
    await expect(page.locator("main img")).toHaveCount(0);
    await open(page, "/events");
    await expect(page.locator("main img")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("a javascript: evidence URI is text, never a link; links are made only for http(s) and ipfs", async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const { claimId, uri } = state().xss;
    await open(page, `/claim/${claimId}`);
    const evidence = page.getByTestId("evidence");
    await expect(evidence.getByText(uri, { exact: true })).toBeVisible();
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    for (const h of hrefs) expect(h, h).toMatch(/^(\/|https?:\/\/|ipfs:\/\/)/);
    await evidence.getByText(uri, { exact: true }).click();
    expect(dialogs).toEqual([]);
    // an http(s) URI is a link that opens nothing of ours
    await open(page, "/agreement/" + state().toSign.typed);
    await expect(
      page.getByRole("link", { name: "https://example.org/agreements/portal-test" }),
    ).toHaveAttribute("rel", /noopener/);
  });

  test("the pass-through refuses a write method sent from the page, and the page runs under a strict CSP", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto(state().portalUrl);
    const csp = res!.headers()["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe");
    await expect(page.locator("h1")).toBeVisible();
    const answer = await page.evaluate(async () => {
      const r = await fetch("/api/rpc", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "eth_sendTransaction",
          params: [{ to: "0x0000000000000000000000000000000000000001" }],
        }),
      });
      return r.json();
    });
    expect(answer.error.code).toBe(-32601);
    expect(answer.error.message).toContain("eth_sendTransaction is refused");
    const hh = await page.evaluate(async () => {
      const r = await fetch("/api/rpc", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "evm_increaseTime", params: [1000] }),
      });
      return r.json();
    });
    expect(hh.error.code).toBe(-32601);
    // no inline script can run: an injected one is blocked by the CSP
    const ran = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(violations.length).toBeGreaterThan(0);
  });
});
