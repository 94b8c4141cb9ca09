import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { state } from "./env";
import { member, open } from "./helpers";

const require_ = createRequire(__filename);

// axe is injected as an inline script: these tests alone bypass the CSP
test.use({ bypassCSP: true });

const PAGES: [string, () => string][] = [
  ["overview", () => "/"],
  ["members", () => "/members"],
  ["member", () => `/member/${member("sme").address}`],
  ["agreements", () => "/agreements"],
  ["agreement", () => `/agreement/${state().demo.charter.agreementId}`],
  ["claims", () => "/claims"],
  ["claim", () => `/claim/${state().demo.claimIds[0]}`],
  ["projects", () => "/projects"],
  ["project", () => `/project/${state().demo.projectId}`],
  ["treasury", () => "/treasury"],
  ["assets", () => "/assets"],
  ["asset", () => `/asset/${state().demo.assetIds[0]}`],
  ["licence", () => `/license/${state().demo.licenseIds[0]}`],
  ["events", () => "/events"],
];

test.describe("accessibility: axe finds no serious or critical violation", () => {
  test.describe.configure({ mode: "parallel" });
  for (const [name, where] of PAGES) {
    test(`on the ${name} page`, async ({ page }) => {
      await open(page, where());
      await page.addScriptTag({ path: require_.resolve("axe-core") });
      const found = await page.evaluate(async () => {
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
        return r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map(
            (v) =>
              `${v.id} (${v.impact}) ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(" "))
                .join(", ")}`,
          );
      });
      expect(found).toEqual([]);
    });
  }
});
