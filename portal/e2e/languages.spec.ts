import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { en } from "../src/locales/en";
import { zhCN } from "../src/locales/zh-CN";
import { ENUMS } from "../../src/sdk/generated/enums";
import { member, open } from "./helpers";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? (d.name === "locales" ? [] : sources(p)) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

test.describe("languages", () => {
  test("zh-CN and English have exactly the same keys, every key the code uses, and every enum value", () => {
    const enKeys = keys(en).sort();
    const zhKeys = keys(zhCN).sort();
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      "keys only in zh-CN",
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      "keys missing in zh-CN",
    ).toEqual([]);
    const used = new Set<string>();
    for (const f of sources(path.join(__dirname, "..", "src")))
      for (const m of fs.readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]);
    expect(
      [...used].filter((k) => !enKeys.includes(k)),
      "keys used in the code but missing",
    ).toEqual([]);
    const enumsShown: Record<string, readonly string[]> = {
      memberKind: ENUMS.MemberKind,
      memberStatus: ENUMS.MemberStatus,
      agreementKind: ENUMS.AgreementKind,
      agreementStatus: ENUMS.AgreementStatus,
      signatureMethod: ENUMS.SignatureMethod,
      claimStatus: ENUMS.ClaimStatus,
      projectStatus: ENUMS.ProjectStatus,
      spendStatus: ENUMS.SpendStatus,
    };
    for (const [group, values] of Object.entries(enumsShown))
      for (const v of values) {
        expect(enKeys, `enum.${group}.${v}`).toContain(`enum.${group}.${v}`);
        expect(zhKeys, `enum.${group}.${v}`).toContain(`enum.${group}.${v}`);
      }
  });

  test.describe("in a Chinese browser", () => {
    test.use({ locale: "zh-CN" });
    test("the portal follows the browser's language, is switchable to English, and renders Chinese names", async ({
      page,
    }) => {
      await open(page, "/");
      await expect(page.locator("h1")).toHaveText("联盟概览");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.getByText(member("faw").name).first()).toBeVisible();
      await expect(page.getByTestId("charter-in-force")).toHaveText("是");
      // CJK glyphs are drawn (a font is installed): the name's box has a real width
      const box = await page.getByText(member("faw").name).first().boundingBox();
      expect(box!.width).toBeGreaterThan(40);
      await page.getByTestId("lang").selectOption("en");
      await expect(page.locator("h1")).toHaveText("Alliance overview");
      await page.reload();
      await expect(page.locator("h1")).toHaveText("Alliance overview");
    });
  });
});
