import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { state } from "./env";
import { member, open } from "./helpers";

const require_ = createRequire(__filename);

test.use({ bypassCSP: true }); // axe is injected as an inline script

test("accessibility: axe finds no serious or critical violation on any page", async ({ page }) => {
  test.setTimeout(180_000);
  const s = state();
  const pages = [
    "/",
    "/members",
    `/member/${member("sme").address}`,
    "/agreements",
    `/agreement/${s.demo.charter.agreementId}`,
    "/claims",
    `/claim/${s.demo.claimIds[0]}`,
    "/projects",
    `/project/${s.demo.projectId}`,
    "/treasury",
    "/assets",
    `/asset/${s.demo.assetIds[0]}`,
    `/license/${s.demo.licenseIds[0]}`,
    "/events",
  ];
  const found: string[] = [];
  for (const p of pages) {
    await open(page, p);
    await page.addScriptTag({ path: require_.resolve("axe-core") });
    const result = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: unknown,
              o: unknown,
            ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
    });
    for (const v of result)
      if (v.impact === "serious" || v.impact === "critical")
        found.push(`${p}: ${v.id} (${v.impact}) ${v.targets.join(", ")}`);
  }
  expect(found).toEqual([]);
});
