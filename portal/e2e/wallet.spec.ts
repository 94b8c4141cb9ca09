import { expect, test } from "@playwright/test";
import { id, JsonRpcProvider, Network } from "ethers";
import type { IAgreementRegistryFull } from "../../typechain-types";
import { createClient } from "../../src/sdk/client";
import { readAddressBook } from "../../src/node/addressBook";
import { agreementsDomain, agreementSigningHashes } from "../../src/sdk/eip712";
import { state } from "./env";
import { cliJson, open } from "./helpers";
import { injectWallet } from "./wallet";

async function connect(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Connect Covenant Test Wallet" }).click();
  await expect(page.getByTestId("wallet-account")).toBeVisible();
}

async function nonce(address: string): Promise<number> {
  const p = new JsonRpcProvider(state().rpcUrl, Network.from(31337), { staticNetwork: true });
  const n = await p.getTransactionCount(address);
  p.destroy();
  return n;
}

interface Shown {
  signedCount: number;
  parties: { address: string; method: string }[];
}

test.describe("acting with an injected wallet (EIP-1193, EIP-6963)", () => {
  test("an EIP-712 signature made in the portal is counted on chain and shows in covenant agreement show", async ({
    page,
  }) => {
    const s = state();
    const id = s.toSign.typed;
    const w = await injectWallet(page, { key: s.signerKey, rpcUrl: s.rpcUrl, chainId: s.chainId });
    await open(page, `/agreement/${id}`);
    await connect(page);
    await expect(page.getByTestId("sign-fields")).toContainText(s.signer);
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("sign-eip712").click(),
    ]);
    await expect(page.getByTestId("sign-result")).toContainText("EIP-712 signature submitted (EIP712)");
    expect(file.suggestedFilename()).toBe(`signature-${id}-${s.signer}.json`);
    expect(w.calls).toContain("eth_signTypedData_v4");
    const shown = cliJson<Shown>(["agreement", "show", id]);
    expect(shown.signedCount).toBe(1);
    expect(shown.parties.find((p) => p.address === s.signer)!.method).toBe("EIP712");
    await expect(page.getByTestId("signed-count")).toHaveText("1/2");
  });

  test("before signing, the page shows the decoded fields, the domain separator, the struct hash and the digest the SDK computes", async ({
    page,
  }) => {
    const s = state();
    const id = s.toSign.rejected;
    await injectWallet(page, { key: s.signerKey, rpcUrl: s.rpcUrl, chainId: s.chainId });
    await open(page, `/agreement/${id}`);
    await connect(page);
    const fields = page.getByTestId("sign-fields");
    await expect(fields).toContainText("documentHash");
    const deadline = (await fields.locator("dd").nth(5).textContent())!.split(" ")[0];
    const provider = new JsonRpcProvider(s.rpcUrl, Network.from(31337), { staticNetwork: true });
    const client = createClient({ runner: provider, book: readAddressBook(31337n, s.deploymentsDir) });
    const reg = client.agreements() as unknown as IAgreementRegistryFull;
    const a = await reg.agreementOf(BigInt(id));
    const domain = await agreementsDomain(reg);
    const h = agreementSigningHashes(domain, {
      agreementId: BigInt(id),
      documentHash: a.documentHash,
      termsHash: a.termsHash,
      version: a.version,
      signer: s.signer,
      deadline: BigInt(deadline),
    });
    provider.destroy();
    await expect(page.getByTestId("domain-separator")).toHaveText(h.domainSeparator);
    await expect(page.getByTestId("struct-hash")).toHaveText(h.structHash);
    await expect(page.getByTestId("digest")).toHaveText(h.digest);
  });

  test("a rejection in the wallet is said plainly and sends nothing", async ({ page }) => {
    const s = state();
    const id = s.toSign.rejected;
    const w = await injectWallet(page, { key: s.signerKey, rpcUrl: s.rpcUrl, chainId: s.chainId });
    await open(page, `/agreement/${id}`);
    await connect(page);
    const before = await nonce(s.signer);
    w.reject = true;
    await page.getByTestId("sign-eip712").click();
    await expect(page.getByTestId("sign-result")).toHaveText(
      "You rejected the request in your wallet; nothing was sent.",
    );
    await page.getByTestId("sign-direct").click();
    await expect(page.getByTestId("sign-result")).toHaveText(
      "You rejected the request in your wallet; nothing was sent.",
    );
    expect(w.sent).toEqual([]);
    expect(await nonce(s.signer)).toBe(before);
    expect(cliJson<Shown>(["agreement", "show", id]).signedCount).toBe(0);
  });

  test("the wrong-network guard: a wallet on another chain is told so and can send nothing until it switches", async ({
    page,
  }) => {
    const s = state();
    const id = s.toSign.wrongNetwork;
    const w = await injectWallet(page, { key: s.signerKey, rpcUrl: s.rpcUrl, chainId: s.chainId });
    w.chainId = 1;
    await open(page, `/agreement/${id}`);
    await connect(page);
    await expect(page.getByTestId("wrong-network")).toContainText(
      "the wallet is on chain 1, the alliance is on chain 31337",
    );
    await expect(page.getByTestId("sign-eip712")).toBeDisabled();
    await expect(page.getByTestId("sign-direct")).toBeDisabled();
    expect(w.sent).toEqual([]);
    await page.getByRole("button", { name: "Switch network" }).click();
    await expect(page.getByTestId("wrong-network")).toHaveCount(0);
    await expect(page.getByTestId("sign-direct")).toBeEnabled();
  });

  test("a direct signature is a transaction from the wallet, counted on chain", async ({ page }) => {
    const s = state();
    const id = s.toSign.direct;
    const w = await injectWallet(page, { key: s.signerKey, rpcUrl: s.rpcUrl, chainId: s.chainId });
    await open(page, `/agreement/${id}`);
    await connect(page);
    await page.getByTestId("sign-direct").click();
    await expect(page.getByTestId("sign-result")).toContainText("Signed on chain: transaction 0x");
    expect(w.sent).toHaveLength(1);
    expect(
      cliJson<Shown>(["agreement", "show", id]).parties.find((p) => p.address === s.signer)!.method,
    ).toBe("Direct");
    await expect(page.getByText("This account has already signed.")).toBeVisible();
  });

  test("a refusal shows the contract's reason in words and sends nothing", async ({ page }) => {
    const s = state();
    // the applicant with the markup name is no party to the agreement
    const w = await injectWallet(page, {
      key: id("covenant-portal-e2e/xss"),
      rpcUrl: s.rpcUrl,
      chainId: s.chainId,
    });
    await open(page, `/agreement/${s.toSign.wrongNetwork}`);
    await connect(page);
    await page.getByTestId("sign-direct").click();
    const result = page.getByTestId("sign-result");
    await expect(result).toContainText("the contract refused:");
    await expect(result).not.toContainText("0x08c379a0");
    expect(w.sent).toEqual([]);
  });
});
