import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { state } from "./env";
import { member, open } from "./helpers";

test.describe("everyone: overview, directory, permalinks, events", () => {
  test("the overview shows the charter in force, bodies, members by kind and status, projects, treasury and latest events", async ({
    page,
  }) => {
    await open(page, "/");
    await expect(page.getByTestId("charter-in-force")).toHaveText("yes");
    await expect(page.getByText(member("faw").name).first()).toBeVisible();
    const byKind = page.getByTestId("members-by-kind");
    await expect(byKind.locator("tr", { hasText: "University" }).locator("td").nth(1)).toHaveText("1");
    await expect(page.getByRole("link", { name: /#1 / })).toBeVisible();
    await expect(page.getByTestId("solvent")).toHaveText("yes");
    const latest = page.getByTestId("latest-events");
    await expect(latest.locator("tbody tr").first()).toBeVisible();
    // a time carries its time zone
    await expect(latest.locator("td[data-col=time]").first()).toContainText("Asia/Shanghai");
  });

  test("the member directory filters by kind and status and exports CSV and JSON", async ({ page }) => {
    await open(page, "/members");
    const rows = page.getByTestId("members-table").locator("tbody tr");
    const all = await rows.count();
    expect(all).toBeGreaterThanOrEqual(6);
    await page.getByTestId("filter-kind").selectOption("University");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(member("neu").name);
    await page.getByTestId("filter-kind").selectOption("");
    await page.getByTestId("filter-status").selectOption("Withdrawn");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(member("feed").name);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSV" }).click(),
    ]);
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text.split("\r\n")[0]).toBe("name,kind,status,admittedAt,address");
    expect(text).toContain(member("feed").address);
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "JSON" }).click(),
    ]);
    const rowsJson = JSON.parse(fs.readFileSync((await json.path())!, "utf8"));
    expect(rowsJson).toHaveLength(1);
    expect(rowsJson[0].address).toBe(member("feed").address);
  });

  test("every member, agreement, claim, project, asset and licence has a permalink that opens directly", async ({
    page,
  }) => {
    const s = state();
    await open(page, `/member/${member("sme").address}`);
    await expect(page.getByTestId("member-name")).toHaveText(member("sme").name);
    await open(page, `/agreement/${s.demo.charter.agreementId}`);
    await expect(page.getByTestId("agreement-status")).toHaveText("Effective");
    await open(page, `/claim/${s.demo.claimIds[0]}`);
    await expect(page.getByTestId("claim-status")).toHaveText("Executed");
    await open(page, `/project/${s.demo.projectId}`);
    await expect(page.getByTestId("participants").locator("tbody tr")).toHaveCount(3);
    await open(page, `/asset/${s.demo.assetIds[0]}`);
    await expect(page.locator("h1")).toContainText(`#${s.demo.assetIds[0]}`);
    await open(page, `/license/${s.demo.licenseIds[0]}`);
    await expect(page.locator("h1")).toContainText(`#${s.demo.licenseIds[0]}`);
  });

  test("events are decoded by name with block, time zone and transaction", async ({ page }) => {
    await open(page, "/events");
    const table = page.getByTestId("events");
    await expect(table.locator("tbody tr", { hasText: "MemberAdmitted" }).first()).toBeVisible();
    const row = table.locator("tbody tr", { hasText: "AgreementSigned" }).first();
    await expect(row.locator("td[data-col=block]")).toHaveText(/^\d+$/);
    await expect(row.locator("td[data-col=time]")).toContainText("Asia/Shanghai");
    await expect(row.locator("td[data-col=tx]")).toHaveText(/^0x[0-9a-f]{64}$/);
  });
});
