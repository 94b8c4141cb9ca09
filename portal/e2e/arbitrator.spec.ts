import { expect, test } from "@playwright/test";
import { state } from "./env";
import { cliJson, member, open } from "./helpers";

interface CliHistory {
  items: { event: string; block?: number; time: number; detail: string; category: string }[];
  verification?: { verified: boolean; block: number };
}

test.describe("arbitrator: member page and claim page", () => {
  test("a member page shows exactly the events of covenant history --json", async ({ page }) => {
    const sme = member("sme");
    const cli = cliJson<CliHistory>(["history", sme.address]);
    await open(page, `/member/${sme.address}`);
    await expect(page.getByTestId("history-count")).toHaveText(`${cli.items.length} events`);
    const rows = page.getByTestId("history-table").locator("tbody tr");
    const shown = await rows.evaluateAll((rs) =>
      rs.map((r) => [r.getAttribute("data-event"), r.getAttribute("data-block")]),
    );
    // the page shows the newest entries first: its first page is the CLI's last 50, reversed
    const newest = cli.items.slice(-50).reverse();
    expect(shown).toEqual(newest.map((i) => [i.event, i.block === undefined ? "" : String(i.block)]));
    const details = await rows.locator("td:nth-child(7)").allTextContents();
    expect(details).toEqual(newest.map((i) => i.detail));
  });

  test("the member's history is marked verified against the chain's head, with a timeline of every entry", async ({
    page,
  }) => {
    const sme = member("sme");
    await open(page, `/member/${sme.address}`);
    await expect(page.getByTestId("verified")).toHaveText(/^Verified against the chain's head at block \d+$/);
    await expect(page.getByTestId("timeline").locator("circle").first()).toBeVisible();
    await expect(page.getByTestId("timeline")).toContainText("Penalties");
    await expect(page.getByTestId("history-table")).toContainText("PenaltyApplied");
  });

  test("a claim page shows its lifecycle, the evidence with a drop-to-check hash, the ruling and the remedies executed", async ({
    page,
  }) => {
    const id = state().demo.claimIds[0];
    await open(page, `/claim/${id}`);
    await expect(page.getByTestId("claim-status")).toHaveText("Executed");
    await expect(page.getByTestId("countdown")).toBeVisible();
    await expect(page.locator("ol.deadlines li")).toHaveCount(5);
    await expect(page.getByText(/upheld/).first()).toBeVisible();
    await expect(page.getByTestId(`claim-${id}-record`)).toContainText("PenaltyApplied");
    // An executed claim's bond word is what it owes its claimant, labelled as such (not "Claim bond").
    await expect(page.getByText("Owed to claimant (unpaid)")).toBeVisible();
    await expect(page.getByText("Claim bond", { exact: true })).toHaveCount(0);
    const evidence = page.getByTestId("evidence").locator("tbody tr");
    await expect(evidence.first()).toBeVisible();
    // a file that is not the evidence is said to differ
    await evidence
      .first()
      .locator("input[type=file]")
      .setInputFiles({ name: "other.txt", mimeType: "text/plain", buffer: Buffer.from("not the evidence") });
    await expect(evidence.first()).toContainText("differs");
  });

  test("a new claim shows a countdown to its next deadline and its evidence checks against the dropped file", async ({
    page,
  }) => {
    const { claimId } = state().xss;
    await open(page, `/claim/${claimId}`);
    await expect(page.getByTestId("claim-status")).toHaveText("Filed");
    await expect(page.getByText("Claim bond", { exact: true })).toBeVisible();
    await expect(page.getByTestId("countdown")).toHaveText(
      /^Next: .+ in \d+ d \d\d:\d\d:\d\d \(chain time\)$/,
    );
    const row = page.getByTestId("evidence").locator("tbody tr").first();
    await row.locator("input[type=file]").setInputFiles({
      name: "evidence.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("evidence for the portal test\n"),
    });
    await expect(row).toContainText("matches");
  });
});
