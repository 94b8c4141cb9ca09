#!/usr/bin/env node
// `npm run screenshots:portal [-- --docs]`: screenshots of every portal page in both languages, on
// the demo's state (a throw-away anvil node), in Debian's Chromium with its CJK fonts. Written to
// out/portal-screenshots/ (never committed); with --docs the chosen ones are copied to docs/portal/.
// Besides the demo's state it creates, through the SDK, one agreement the demo's company Safe (the
// 2-of-3 Safe of CISRI) has still to sign, for the agreement page's Safe panel.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("@playwright/test");
const { build, CHROMIUM, root, startStack } = require("./lib/portal-stack");

const CHOSEN = [
  "overview.zh-CN",
  "agreement-verify.en",
  "agreement-safe.en",
  "agreement-safe.zh-CN",
  "member.zh-CN",
  "claim.en",
  "project.zh-CN",
  "overview.en",
];

/** A new agreement between the demo's FAW and its company Safe, signed by neither yet: its id. */
async function safeAgreement(stack) {
  const { JsonRpcProvider, Network, NonceManager, Wallet, encodeBytes32String, id } = require("ethers");
  const sdk = (m) => require(path.join(root, "dist", "src", m));
  const { createClient } = sdk("sdk/client");
  const { createAgreement } = sdk("sdk/actions/agreements");
  const { sha256Hex } = sdk("sdk/hash");
  const { remediesToBits } = sdk("sdk/terms");
  const { AgreementKind } = sdk("sdk/generated/enums");
  const { parseAddressBook } = sdk("sdk/addressBook");
  const provider = new JsonRpcProvider(stack.rpc, Network.from(31337), { staticNetwork: true });
  try {
    const faw = new NonceManager(new Wallet(id("covenant-demo/v1/faw"), provider));
    const client = createClient({
      runner: provider,
      book: parseAddressBook(stack.book, "the address book"),
      signer: faw,
    });
    const doc = "Joint test-bench agreement 联合试验台协议 (FAW and CISRI)";
    const r = await createAgreement(client, {
      input: {
        kind: AgreementKind.indexOf("Other"),
        parentId: 0,
        documentHash: sha256Hex(doc),
        termsHash: sha256Hex('{"testBench":true}'),
        uri: "https://example.org/agreements/test-bench",
        parties: [await faw.getAddress(), stack.summary.multisig.address],
        clauses: [
          {
            clauseId: encodeBytes32String("1.1"),
            damagesCap: 1_000_000n,
            remedies: remediesToBits(["DAMAGES"]),
          },
        ],
      },
    });
    return String(r.agreementId);
  } finally {
    provider.destroy();
  }
}

(async () => {
  build();
  console.log("starting a node, playing the demo, serving the portal");
  const stack = await startStack();
  console.log(`portal at ${stack.url}`);
  const out = path.join(root, "out", "portal-screenshots");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const s = stack.summary;
  const safeId = await safeAgreement(stack);
  console.log(`agreement ${safeId}: the company Safe has still to sign`);
  const sme = s.members.find((m) => m.key === "sme").address;
  const pages = [
    ["overview", "/"],
    ["members", "/members"],
    ["member", `/member/${sme}`],
    ["agreement", `/agreement/${s.charter.agreementId}`],
    ["claim", `/claim/${s.claimIds[0]}`],
    ["project", `/project/${s.projectId}`],
    ["treasury", "/treasury"],
    ["assets", "/assets"],
    ["events", "/events"],
  ];
  const browser = await chromium.launch(CHROMIUM);
  try {
    for (const lang of ["zh-CN", "en"]) {
      const ctx = await browser.newContext({
        locale: lang,
        timezoneId: "Asia/Shanghai",
        viewport: { width: 1280, height: 900 },
      });
      const page = await ctx.newPage();
      for (const [name, p] of pages) {
        await page.goto(new URL(p.slice(1), stack.url).href);
        await page
          .locator(".loading")
          .first()
          .waitFor({ state: "detached", timeout: 30_000 })
          .catch(() => undefined);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `${name}.${lang}.png`), fullPage: name !== "events" });
        console.log(`  ${name}.${lang}.png`);
      }
      // the agreement page after verifying the true charter
      await page.goto(new URL(`agreement/${s.charter.agreementId}`, stack.url).href);
      await page
        .locator(".loading")
        .first()
        .waitFor({ state: "detached", timeout: 30_000 })
        .catch(() => undefined);
      await page.getByTestId("verify-document").setInputFiles(s.charter.document);
      await page.getByTestId("verify-terms").setInputFiles(s.charter.terms);
      await page.getByTestId("verify-run").click();
      await page.getByTestId("verdict").waitFor();
      await page.getByTestId("verify-report").scrollIntoViewIfNeeded();
      await page
        .locator("section.verify")
        .screenshot({ path: path.join(out, `agreement-verify.${lang}.png`) });
      // the company Safe's panel on an agreement it has still to sign
      await page.goto(new URL(`agreement/${safeId}`, stack.url).href);
      const panel = page.getByTestId("safe-panel");
      await panel.waitFor({ timeout: 30_000 });
      await panel
        .locator(".loading")
        .first()
        .waitFor({ state: "detached", timeout: 30_000 })
        .catch(() => undefined);
      await page.waitForTimeout(300);
      await panel.screenshot({ path: path.join(out, `agreement-safe.${lang}.png`) });
      console.log(`  agreement-safe.${lang}.png`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  console.log(`screenshots in ${path.relative(process.cwd(), out)}/`);
  if (process.argv.includes("--docs")) {
    const docs = path.join(root, "docs", "portal");
    fs.mkdirSync(docs, { recursive: true });
    for (const c of CHOSEN) fs.copyFileSync(path.join(out, `${c}.png`), path.join(docs, `${c}.png`));
    console.log(`copied ${CHOSEN.length} to docs/portal/`);
  }
})().catch((e) => {
  console.error(`screenshots failed: ${e.message}`);
  process.exit(1);
});
