import { expect, test, type Page } from "@playwright/test";
import { id as keccakText, JsonRpcProvider, Network, Wallet } from "ethers";
import { createClient } from "../../src/sdk/client";
import { readAddressBook } from "../../src/node/addressBook";
import { installmentsOf } from "../../src/sdk/actions/projects";
import { sha256Hex } from "../../src/sdk/hash";
import { state } from "./env";
import { cliJson, member, open } from "./helpers";
import { injectWallet, type TestWallet } from "./wallet";

const REJECTED = "You rejected the request in your wallet; nothing was sent.";
const demoKey = (k: string) => keccakText(`covenant-demo/v1/${k}`);

/** A reader of the test node through the SDK (what the tests read the effect back with). */
function reader() {
  const s = state();
  const provider = new JsonRpcProvider(s.rpcUrl, Network.from(31337), { staticNetwork: true });
  return {
    provider,
    client: createClient({ runner: provider, book: readAddressBook(31337n, s.deploymentsDir) }),
  };
}

async function nonce(address: string): Promise<number> {
  const { provider } = reader();
  const n = await provider.getTransactionCount(address);
  provider.destroy();
  return n;
}

async function as(page: Page, key: string, path: string): Promise<TestWallet> {
  const s = state();
  const w = await injectWallet(page, { key, rpcUrl: s.rpcUrl, chainId: s.chainId });
  await open(page, path);
  await page.getByRole("button", { name: "Connect Covenant Test Wallet" }).click();
  await expect(page.getByTestId("wallet-account")).toBeVisible();
  return w;
}

test.describe.configure({ mode: "serial" });

test.describe("a member's other wallet actions: each shows its effect on chain, a rejection sends nothing, a refusal is said in words", () => {
  test("pay a contribution: the project's next open installment is paid from the wallet", async ({
    page,
  }) => {
    const s = state();
    const projectId = BigInt(s.demo.projectId);
    const { client, provider } = reader();
    const owed = async (who: string) =>
      (await installmentsOf(client, { projectId, participant: who })).reduce((a, x) => a + x.open, 0n);
    // the SME is in arrears after the demo's default
    const sme = member("sme").address;
    const before = await owed(sme);
    expect(before).toBeGreaterThan(0n);

    const w = await as(page, demoKey("sme"), `/project/${s.demo.projectId}`);
    const n0 = await nonce(sme);
    w.reject = true;
    await page.getByTestId("contribute").click();
    await expect(page.getByTestId("contribute-result")).toHaveText(REJECTED);
    expect(w.sent).toEqual([]);
    expect(await nonce(sme)).toBe(n0);
    expect(await owed(sme)).toBe(before);

    w.reject = false;
    await page.getByTestId("contribute").click();
    await expect(page.getByTestId("contribute-result")).toContainText("0x");
    await expect(page.getByTestId("contribute-result")).toHaveAttribute("role", "status");
    expect(await owed(sme)).toBeLessThan(before);
    provider.destroy();
  });

  test("submit evidence on a claim: only the file's SHA-256 and URI go on chain; an outsider is refused with the contract's reason", async ({
    page,
  }) => {
    const s = state();
    const id = s.acting.evidenceClaimId;
    const body = Buffer.from(`evidence from the portal ${Date.now()}\n`);
    const hash = sha256Hex(new Uint8Array(body));
    const w = await as(page, demoKey("faw"), `/claim/${id}`);
    await page
      .getByTestId("evidence-file")
      .setInputFiles({ name: "evidence.txt", mimeType: "text/plain", buffer: body });
    await page.getByTestId("evidence-uri").fill("https://example.org/evidence/portal.txt");

    w.reject = true;
    await page.getByTestId("evidence-submit").click();
    await expect(page.getByTestId("evidence-result")).toHaveText(REJECTED);
    expect(w.sent).toEqual([]);
    expect(JSON.stringify(cliJson(["claim", "show", id]))).not.toContain(hash.slice(2));

    w.reject = false;
    await page.getByTestId("evidence-submit").click();
    await expect(page.getByTestId("evidence-result")).toContainText("0x");
    expect(w.sent).toHaveLength(1);
    expect(JSON.stringify(cliJson(["claim", "show", id])).toLowerCase()).toContain(
      hash.slice(2).toLowerCase(),
    );
    await expect(page.getByTestId("evidence")).toContainText("https://example.org/evidence/portal.txt");
  });

  test("evidence from someone who is no party: the contract's reason in words, nothing sent", async ({
    page,
  }) => {
    const s = state();
    const w = await as(page, keccakText("covenant-portal-e2e/xss"), `/claim/${s.acting.evidenceClaimId}`);
    await page
      .getByTestId("evidence-file")
      .setInputFiles({ name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("not a party\n") });
    await page.getByTestId("evidence-submit").click();
    const result = page.getByTestId("evidence-result");
    await expect(result).toContainText("the contract refused:");
    await expect(result).toHaveAttribute("role", "alert");
    await expect(result).not.toContainText("0x08c379a0");
    expect(w.sent).toEqual([]);
  });

  test("accept a public licence offer: a licence is granted to the wallet; an unknown offer is refused in words", async ({
    page,
  }) => {
    const s = state();
    const acceptor = new Wallet(s.acting.acceptorKey).address;
    const { client, provider } = reader();
    const count0 = await client.licenses().licenseCount();
    const w = await as(page, s.acting.acceptorKey, "/assets");
    const offer = page.getByLabel("Offer");
    await offer.fill("999");
    await page.getByTestId("accept-offer").click();
    await expect(page.getByTestId("accept-offer-result")).toContainText("no licence offer or proposal 999");
    expect(w.sent).toEqual([]);

    await offer.fill(s.acting.offerId);
    w.reject = true;
    await page.getByTestId("accept-offer").click();
    await expect(page.getByTestId("accept-offer-result")).toHaveText(REJECTED);
    expect(w.sent).toEqual([]);
    expect(await client.licenses().licenseCount()).toBe(count0);

    w.reject = false;
    await page.getByTestId("accept-offer").click();
    await expect(page.getByTestId("accept-offer-result")).toContainText("0x");
    const count1 = await client.licenses().licenseCount();
    expect(count1).toBe(count0 + 1n);
    expect((await client.licenses().licenseOf(count1)).licensee).toBe(acceptor);
    provider.destroy();
  });

  test("pay royalties on a licence held: the period is paid; a second payment for no payable period is refused in words", async ({
    page,
  }) => {
    const s = state();
    const id = BigInt(s.demo.licenseIds[0]);
    const { client, provider } = reader();
    const [index0] = await client.licenses().nextPeriodOf(id);
    const w = await as(page, demoKey("licensee"), `/license/${id}`);
    await page.getByLabel("Revenue").fill("1000000");
    w.reject = true;
    await page.getByTestId("pay-royalty").click();
    await expect(page.getByTestId("pay-royalty-result")).toHaveText(REJECTED);
    expect(w.sent).toEqual([]);

    w.reject = false;
    await page.getByTestId("pay-royalty").click();
    await expect(page.getByTestId("pay-royalty-result")).toContainText("0x");
    const [index1] = await client.licenses().nextPeriodOf(id);
    expect(index1).toBe(index0 + 1n);

    const sent = w.sent.length;
    await page.getByLabel("Revenue").fill("1000000");
    await page.getByTestId("pay-royalty").click();
    await expect(page.getByTestId("pay-royalty-result")).toContainText("is payable now");
    expect(w.sent).toHaveLength(sent);
    provider.destroy();
  });

  test("claim income from an asset co-owned: the royalty's share reaches the wallet; nothing left is said in words", async ({
    page,
  }) => {
    const s = state();
    const asset = BigInt(s.demo.assetIds[0]);
    const faw = member("faw").address;
    const { client, provider } = reader();
    const claimable = await client.licenses().claimable(asset, faw);
    expect(claimable).toBeGreaterThan(0n);
    const bal0 = await client.testToken().balanceOf(faw);
    const w = await as(page, demoKey("faw"), `/asset/${asset}`);
    w.reject = true;
    await page.getByTestId("claim-income").click();
    await expect(page.getByTestId("claim-income-result")).toHaveText(REJECTED);
    expect(await client.testToken().balanceOf(faw)).toBe(bal0);

    w.reject = false;
    await page.getByTestId("claim-income").click();
    await expect(page.getByTestId("claim-income-result")).toContainText("0x");
    expect(await client.testToken().balanceOf(faw)).toBe(bal0 + claimable);
    expect(await client.licenses().claimable(asset, faw)).toBe(0n);

    const sent = w.sent.length;
    await page.getByTestId("claim-income").click();
    await expect(page.getByTestId("claim-income-result")).toContainText("has nothing to claim");
    expect(w.sent).toHaveLength(sent);
    provider.destroy();
  });
});
