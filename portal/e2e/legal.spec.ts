import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { state } from "./env";
import { cliJson, member, open, ROOT } from "./helpers";

const file = (p: string) => (path.isAbsolute(p) ? p : path.join(ROOT, p));

async function verify(
  page: Page,
  doc: { name: string; buffer: Buffer },
  terms: { name: string; buffer: Buffer },
) {
  await open(page, `/agreement/${state().demo.charter.agreementId}`);
  await page.getByTestId("verify-document").setInputFiles({ ...doc, mimeType: "text/markdown" });
  await page.getByTestId("verify-terms").setInputFiles({ ...terms, mimeType: "application/json" });
  await page.getByTestId("verify-run").click();
  await expect(page.getByTestId("verdict")).toBeVisible();
}

function charterFiles() {
  const c = state().demo.charter;
  return {
    doc: { name: path.basename(c.document), buffer: fs.readFileSync(file(c.document)) },
    terms: { name: path.basename(c.terms), buffer: fs.readFileSync(file(c.terms)) },
  };
}

test.describe("legal team: the agreement page and Verify", () => {
  test("the true charter verifies, with the same verdict as covenant agreement verify", async ({ page }) => {
    const { doc, terms } = charterFiles();
    await verify(page, doc, terms);
    await expect(page.getByTestId("verdict")).toHaveText(/Verified/);
    await expect(page.getByTestId("mismatches")).toHaveCount(0);
    const c = state().demo.charter;
    const cli = cliJson<{ ok: boolean }>([
      "agreement",
      "verify",
      c.agreementId,
      "--document",
      file(c.document),
      "--terms",
      file(c.terms),
    ]);
    expect(cli.ok).toBe(true);
  });

  test("a document with one byte changed is named as the document that differs", async ({ page }) => {
    const { doc, terms } = charterFiles();
    const tampered = Buffer.from(doc.buffer);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    await verify(page, { name: doc.name, buffer: tampered }, terms);
    await expect(page.getByTestId("verdict")).toHaveText(/Does not match: 1 difference/);
    const rows = page.getByTestId("mismatches").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-field", "documentHash");
    await expect(rows.first()).toContainText("The document differs");
  });

  test("a bumped term is named: the charter parameter that changed (and the terms hash)", async ({
    page,
  }) => {
    const { doc, terms } = charterFiles();
    const json = JSON.parse(terms.buffer.toString("utf8"));
    json.parameters.maxMembers = Number(json.parameters.maxMembers) + 1;
    await verify(page, doc, { name: terms.name, buffer: Buffer.from(JSON.stringify(json, null, 2)) });
    const fields = await page
      .getByTestId("mismatches")
      .locator("tbody tr")
      .evaluateAll((rs) => rs.map((r) => r.getAttribute("data-field")));
    expect(fields.sort()).toEqual(["parameters.maxMembers", "termsHash"]);
    await expect(page.getByTestId("mismatches")).toContainText("Charter parameter maxMembers differs");
  });

  test("the printable report names chain, contract, agreement, both hashes, signatories, the block, and how to recompute", async ({
    page,
  }) => {
    const { doc, terms } = charterFiles();
    await verify(page, doc, terms);
    const report = page.getByTestId("verify-report");
    const s = state();
    await expect(report).toContainText(String(s.chainId));
    await expect(report).toContainText(s.demo.charter.documentHash);
    await expect(report).toContainText(s.demo.charter.termsHash);
    await expect(report).toContainText(`sha256sum '${doc.name}'`);
    await expect(report).toContainText(`covenant terms canonical '${terms.name}' | sha256sum`);
    await expect(report).toContainText(member("faw").address);
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => document.documentElement.classList.add("print-report"));
    await expect(page.locator("header.top")).toBeHidden();
    await expect(page.getByTestId("parties")).toBeHidden();
    await expect(report).toBeVisible();
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
  });

  test("the agreement page lists every party with signed, method, block and time, the clauses and the amendment chain", async ({
    page,
  }) => {
    await open(page, `/agreement/${state().demo.charter.agreementId}`);
    const parties = page.getByTestId("parties").locator("tbody tr");
    await expect(parties).toHaveCount(4);
    await expect(parties.filter({ hasText: "EIP-1271" })).toHaveCount(1);
    await expect(parties.filter({ hasText: "EIP-712" })).toHaveCount(1);
    await expect(parties.filter({ hasText: "Direct" })).toHaveCount(2);
    await expect(parties.first().locator("td[data-col=block]")).toHaveText(/^\d+$/);
    await expect(page.getByTestId("charter-params")).toContainText("maxMembers");
    await expect(page.getByTestId(`agreement-${state().demo.charter.agreementId}-clauses`)).toContainText(
      "4.3",
    );
  });
});
