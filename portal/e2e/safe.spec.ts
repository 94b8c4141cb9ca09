import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { id as keccakText, JsonRpcProvider, Network, Wallet } from "ethers";
import type { IAgreementRegistryFull } from "../../typechain-types";
import { createClient } from "../../src/sdk/client";
import { readAddressBook } from "../../src/node/addressBook";
import { AGREEMENT_SIGNATURE_TYPES, agreementsDomain, describeTypedData } from "../../src/sdk/eip712";
import { signSafeMessage } from "../../src/sdk/safe";
import { safeOwnerSignatureFile } from "../../src/present/signatureFile";
import { state } from "./env";
import { cliJson, open } from "./helpers";
import { injectWallet, type TestWallet } from "./wallet";

interface Shown {
  signedCount: number;
  parties: { address: string; method: string }[];
}

const ownerKey = (n: number) => keccakText(`covenant-demo/v1/cisriOwner${n}`);

/** A page of its own (own context) whose wallet is Safe owner `n`, on agreement `id`, connected. */
async function ownerPage(browser: Browser, n: number, id: string): Promise<{ page: Page; w: TestWallet }> {
  const s = state();
  const ctx = await browser.newContext({ acceptDownloads: true, locale: "en-US" });
  const page = await ctx.newPage();
  const w = await injectWallet(page, { key: ownerKey(n), rpcUrl: s.rpcUrl, chainId: s.chainId });
  await open(page, `/agreement/${id}`);
  await page.getByRole("button", { name: "Connect Covenant Test Wallet" }).click();
  await expect(page.getByTestId("wallet-account")).toBeVisible();
  await expect(page.getByTestId("safe-panel")).toBeVisible();
  return { page, w };
}

async function nonce(address: string): Promise<number> {
  const p = new JsonRpcProvider(state().rpcUrl, Network.from(31337), { staticNetwork: true });
  const n = await p.getTransactionCount(address);
  p.destroy();
  return n;
}

const safeParty = (id: string) =>
  cliJson<Shown>(["agreement", "show", id]).parties.find((p) => p.address === state().demo.multisig.address)!;

test.describe("a company Safe signs: each owner with its own wallet", () => {
  test("two owners sign by files (download, upload for the next owner), the portal counts 2 of 2 and submits; the Safe's signature counts on chain", async ({
    browser,
  }) => {
    const s = state();
    const id = s.safe.agreements.files;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-safe-files-"));

    const one = await ownerPage(browser, 1, id);
    await expect(one.page.getByTestId("safe-count")).toHaveText("0 of 2 signed by file");
    // the values `covenant agreement sign --offline --safe` prints, as the SDK computes them
    const deadline = await one.page.getByTestId("safe-deadline").inputValue();
    const provider = new JsonRpcProvider(s.rpcUrl, Network.from(31337), { staticNetwork: true });
    const reg = createClient({
      runner: provider,
      book: readAddressBook(31337n, s.deploymentsDir),
    }).agreements() as unknown as IAgreementRegistryFull;
    const a = await reg.agreementOf(BigInt(id));
    const d = describeTypedData(
      await agreementsDomain(reg),
      AGREEMENT_SIGNATURE_TYPES,
      {
        agreementId: BigInt(id),
        documentHash: a.documentHash,
        termsHash: a.termsHash,
        version: a.version,
        signer: s.demo.multisig.address,
        deadline: BigInt(deadline),
      },
      { safe: s.demo.multisig.address },
    );
    provider.destroy();
    await expect(one.page.getByTestId("safe-digest")).toHaveText(d.digest);
    await expect(one.page.getByTestId("safe-domain-separator")).toHaveText(d.safe!.domainSeparator);
    await expect(one.page.getByTestId("safe-struct-hash")).toHaveText(d.safe!.structHash);
    await expect(one.page.getByTestId("safe-message-hash")).toHaveText(d.safe!.safeMessageHash);
    await expect(one.page.getByTestId("safe-fields")).toContainText(s.demo.multisig.address);

    const [dl1] = await Promise.all([
      one.page.waitForEvent("download"),
      one.page.getByTestId("safe-sign-file").click(),
    ]);
    await expect(one.page.getByTestId("safe-count")).toHaveText("1 of 2 signed by file");
    const file1 = path.join(dir, dl1.suggestedFilename());
    await dl1.saveAs(file1);
    expect(one.w.calls).toContain("eth_signTypedData_v4");
    await expect(one.page.getByTestId("safe-submit")).toBeDisabled();

    const two = await ownerPage(browser, 2, id);
    await two.page.getByTestId("safe-upload").setInputFiles(file1);
    await expect(two.page.getByTestId("safe-count")).toHaveText("1 of 2 signed by file");
    await expect(two.page.getByTestId("safe-deadline")).toHaveValue(deadline);
    const [dl2] = await Promise.all([
      two.page.waitForEvent("download"),
      two.page.getByTestId("safe-sign-file").click(),
    ]);
    const file2 = path.join(dir, dl2.suggestedFilename());
    await dl2.saveAs(file2);
    await expect(two.page.getByTestId("safe-count")).toHaveText("2 of 2 signed by file");

    // the files are the CLI's: `covenant agreement combine` reads them
    const combined = cliJson<{ signer: string; agreementId: string }>([
      "agreement",
      "combine",
      file1,
      file2,
      "--out",
      path.join(dir, "safe.json"),
    ]);
    expect(combined.signer).toBe(s.demo.multisig.address);
    expect(combined.agreementId).toBe(id);

    expect(safeParty(id).method).toBe("None");
    await two.page.getByTestId("safe-submit").click();
    await expect(two.page.getByTestId("safe-result")).toContainText(
      "The Safe's signature was submitted (EIP1271): transaction 0x",
    );
    expect(safeParty(id).method).toBe("EIP1271");
    await expect(two.page.getByTestId("signed-count")).toHaveText("1/2");
    await expect(two.page.getByTestId("safe-panel")).toHaveCount(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("two owners approve on chain (SignMessageLib): the second executes and submits; counted on chain", async ({
    browser,
  }) => {
    const s = state();
    const id = s.safe.agreements.approvals;
    const one = await ownerPage(browser, 1, id);
    const deadline = await one.page.getByTestId("safe-deadline").inputValue();
    await one.page.getByTestId("safe-lib").fill(s.safe.signMessageLib);
    await one.page.getByTestId("safe-approve").click();
    await expect(one.page.getByTestId("safe-result")).toContainText(
      "Approved on chain: 1 of 2; transaction 0x",
    );
    await expect(one.page.getByTestId("safe-owners")).toContainText("1 of 2 approved on chain");
    expect(one.w.sent).toHaveLength(1);
    expect(safeParty(id).method).toBe("None");

    const two = await ownerPage(browser, 2, id);
    await two.page.getByTestId("safe-deadline").fill(deadline);
    await two.page.getByTestId("safe-lib").fill(s.safe.signMessageLib);
    await expect(two.page.getByTestId("safe-owners")).toContainText("1 of 2 approved on chain");
    await two.page.getByTestId("safe-approve").click();
    await expect(two.page.getByTestId("safe-result")).toContainText(
      "The Safe's signature was submitted (EIP1271)",
    );
    expect(two.w.sent).toHaveLength(2); // execTransaction, then the registry's submission
    expect(safeParty(id).method).toBe("EIP1271");
  });

  test("an owner's rejection in the wallet sends nothing; a file for another signature is refused in words", async ({
    browser,
  }) => {
    const s = state();
    const id = s.safe.agreements.rejected;
    const one = await ownerPage(browser, 1, id);
    const before = await nonce(one.w.address);
    one.w.reject = true;
    await one.page.getByTestId("safe-lib").fill(s.safe.signMessageLib);
    await one.page.getByTestId("safe-sign-file").click();
    await expect(one.page.getByTestId("safe-result")).toHaveText(
      "You rejected the request in your wallet; nothing was sent.",
    );
    await one.page.getByTestId("safe-approve").click();
    await expect(one.page.getByTestId("safe-result")).toHaveText(
      "You rejected the request in your wallet; nothing was sent.",
    );
    await expect(one.page.getByTestId("safe-count")).toHaveText("0 of 2 signed by file");
    expect(one.w.sent).toEqual([]);
    expect(await nonce(one.w.address)).toBe(before);
    expect(safeParty(id).method).toBe("None");

    // an owner's file for another agreement is named as such and not counted; a malformed one too
    one.w.reject = false;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-safe-other-"));
    const otherId = s.toSign.typed;
    const provider = new JsonRpcProvider(s.rpcUrl, Network.from(31337), { staticNetwork: true });
    const reg = createClient({
      runner: provider,
      book: readAddressBook(31337n, s.deploymentsDir),
    }).agreements() as unknown as IAgreementRegistryFull;
    const a = await reg.agreementOf(BigInt(otherId));
    const domain = await agreementsDomain(reg);
    const value = {
      agreementId: BigInt(otherId),
      documentHash: a.documentHash,
      termsHash: a.termsHash,
      version: a.version,
      signer: s.demo.multisig.address,
      deadline: 4_000_000_000n,
    };
    const d = describeTypedData(
      domain,
      AGREEMENT_SIGNATURE_TYPES,
      { ...value },
      { safe: s.demo.multisig.address },
    );
    const owner3 = new Wallet(ownerKey(3));
    const sig = await signSafeMessage(owner3, 31337n, s.demo.multisig.address, d.digest);
    provider.destroy();
    const otherFile = path.join(dir, "other.json");
    fs.writeFileSync(
      otherFile,
      JSON.stringify(
        safeOwnerSignatureFile(
          "sign",
          domain,
          value,
          { owner: owner3.address, digest: d.digest, safeMessageHash: d.safe!.safeMessageHash },
          sig,
        ),
      ),
    );
    await one.page.getByTestId("safe-upload").setInputFiles(otherFile);
    await expect(one.page.getByTestId("safe-result")).toContainText("other.json is for another signature");
    await expect(one.page.getByTestId("safe-count")).toHaveText("0 of 2 signed by file");
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{ not json", "utf8");
    await one.page.getByTestId("safe-upload").setInputFiles(bad);
    await expect(one.page.getByTestId("safe-result")).toContainText("malformed signature file bad.json");
    await expect(one.page.getByTestId("safe-count")).toHaveText("0 of 2 signed by file");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
