import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { state } from "./env";
import { member, open } from "./helpers";

test.describe("supervisor: projects and treasury", () => {
  test("the project page shows budget lines, contributions and arrears per participant, the grant against the cap, and spends executed and vetoed", async ({
    page,
  }) => {
    await open(page, `/project/${state().demo.projectId}`);
    const parts = page.getByTestId("participants").locator("tbody tr");
    await expect(parts).toHaveCount(3);
    const sme = parts.filter({ hasText: member("sme").name });
    await expect(sme.locator("td[data-col=arrears] strong")).toBeVisible();
    await expect(page.getByTestId("grant-cap")).toContainText("cap 30% of budget");
    await expect(page.getByTestId("grant-cap")).toContainText("✓");
    const spends = page.getByTestId("spends");
    await expect(spends.locator("[data-status=Executed]")).toHaveCount(1);
    await expect(spends.locator("[data-status=Vetoed]")).toHaveCount(1);
    await expect(
      page.getByTestId(`project-${state().demo.projectId}-budget`).locator("tbody tr").first(),
    ).toBeVisible();
  });

  test("the treasury page shows solvency and every project's money, exported as CSV", async ({ page }) => {
    await open(page, "/treasury");
    await expect(page.getByText("Solvent (I2)")).toBeVisible();
    const rows = page.getByTestId("treasury-projects").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSV" }).nth(1).click(),
    ]);
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text.split("\r\n")[0]).toBe("id,title,budget,grantAmount,contributed,spent,i3");
    expect(text.split("\r\n")[1]).toMatch(/^1,/);
  });
});
