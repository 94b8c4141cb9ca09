import fs from "node:fs";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { sha256Hex } from "../../src/sdk/hash";
import { listAssets, registerIpAsset, verifyIp } from "../../src/sdk/actions/ip";
import { claimIncome, incomeStatement, listLicenses, royaltyDue } from "../../src/sdk/actions/licensing";
import type { CovenantClient } from "../../src/sdk/client";
import {
  ACC,
  advance,
  DAY,
  expectNothingSent,
  expectRefused,
  businessFixture,
  mint,
  okJson,
  u,
  writeFile,
  type BusinessNode,
} from "./businessHelpers";

/** Fixture: on {@link businessFixture}, a patent application of founders 0 and 1 (60/40) registered from a file. */
async function assetFixture() {
  const n = await loadFixture(businessFixture);
  const [f0, f1] = ACC.founders;
  const patentFile = writeFile(
    n,
    "patent.pdf",
    "一种高强度汽车钢板及其制造方法 / high-strength steel sheet\n",
  );
  const { assetId } = okJson<{ assetId: string }>(await n.cli(registerArgs(n, patentFile, f0, f1)));
  return { n, patentFile, assetId };
}

/** `ip register` of `file` by co-owner `a` (60%) with `b` (40%), as the first test runs it. */
function registerArgs(n: BusinessNode, file: string, a: number, b: number): string[] {
  return [
    "--from",
    String(a),
    "--json",
    "ip",
    "register",
    "--file",
    file,
    "--kind",
    "PatentApplication",
    "--title",
    "高强度汽车钢板 / High-strength steel sheet",
    "--owner",
    `${n.accounts[a]}:6000`,
    "--owner",
    `${n.accounts[b]}:4000`,
    "--external-id",
    "CN202610000001.X",
  ];
}

/** `license offer` of founder 0 on `assetId`: 3% royalty, minimum 10, fee 100, quarterly, territory 86. */
function offerArgs(assetId: string): string[] {
  return [
    "--from",
    String(ACC.founders[0]),
    "--json",
    "license",
    "offer",
    assetId,
    "--end",
    "+720d",
    "--royalty-bps",
    "300",
    "--min-royalty",
    "10",
    "--fee",
    "100",
    "--period",
    "90d",
    "--territory",
    "86",
  ];
}

/** Fixture: on {@link assetFixture}, founder 0's public licence offer (published). */
async function offerFixture() {
  const f = await loadFixture(assetFixture);
  const { offerId } = okJson<{ offerId: string }>(await f.n.cli(offerArgs(f.assetId)));
  return { ...f, offerId };
}

/** Fixture: on {@link offerFixture}, the licensee (an outsider) has accepted the offer and paid the fee. */
async function licenseFixture() {
  const f = await loadFixture(offerFixture);
  await mint(f.n, ACC.licensee, u(1_000));
  const { licenseId } = okJson<{ licenseId: string }>(
    await f.n.cli(["--from", String(ACC.licensee), "--json", "license", "accept", f.offerId]),
  );
  return { ...f, licenseId };
}

/** Fixture: on {@link licenseFixture}, founder 0 directs 40% of its income to three staff (4:4:2). */
async function splitFixture() {
  const f = await loadFixture(licenseFixture);
  okJson(await f.n.cli(["--json", ...splitArgs(f.n, f.assetId)]));
  return f;
}

function splitArgs(n: BusinessNode, assetId: string): string[] {
  const [a, b, c] = ACC.staff.map((i) => n.accounts[i]);
  return [
    "--from",
    String(ACC.founders[0]),
    "license",
    "split",
    assetId,
    "--beneficiary",
    `${a}:1600`,
    "--beneficiary",
    `${b}:1600`,
    "--beneficiary",
    `${c}:800`,
  ];
}

/** Fixture: on {@link splitFixture}, 91 days later the licensee pays the first period's royalty on 10 000 of revenue. */
async function paidFixture() {
  const f = await loadFixture(splitFixture);
  await advance(f.n, 91 * DAY);
  okJson(
    await f.n.cli([
      "--from",
      String(ACC.licensee),
      "--json",
      "license",
      "pay",
      f.licenseId,
      "--revenue",
      "10000",
    ]),
  );
  return f;
}

/**
 * Every `it` starts from a fixture (`loadFixture`): the deployed suite, or one of the fixtures above
 * that run the commands tested before it; each passes alone and in any order.
 */
describe("covenant ip and license (register IP from a file, accept an offer, pay royalties, claim income)", function () {
  let n: BusinessNode;
  let owner: CovenantClient;
  const [f0, f1] = ACC.founders;

  before(async function () {
    this.timeout(300_000);
    n = await loadFixture(businessFixture);
    owner ??= await n.client(f0);
  });

  describe("SDK", function () {
    it("registers background IP from bytes and verifies a file against it (Macro 4)", async function () {
      await loadFixture(businessFixture);
      const content = new TextEncoder().encode("钢材热处理工艺 / heat treatment know-how v1\n");
      const r = await registerIpAsset(owner, { content, kind: 3, title: "Heat treatment know-how" });
      expect(r.contentHash).to.equal(sha256Hex(content));
      expect((await verifyIp(owner, { assetId: r.assetId, content })).ok).to.equal(true);
      expect(
        (await verifyIp(owner, { assetId: r.assetId, content: new TextEncoder().encode("other") })).ok,
      ).to.equal(false);
      const list = await listAssets(owner);
      expect(list.map((a) => a.title)).to.include("Heat treatment know-how");
    });

    it("computes a royalty as max(rate x revenue, minimum)", function () {
      expect(royaltyDue(u(10_000), 300, u(10))).to.equal(u(300));
      expect(royaltyDue(u(100), 300, u(10))).to.equal(u(10));
      expect(royaltyDue(0n, 0, 0n)).to.equal(0n);
    });
  });

  describe("CLI", function () {
    it("ip register --file: the file's SHA-256 is the content hash; co-owners by --owner", async function () {
      await loadFixture(businessFixture);
      const patentFile = writeFile(
        n,
        "patent.pdf",
        "一种高强度汽车钢板及其制造方法 / high-strength steel sheet\n",
      );
      const r = await n.cli(registerArgs(n, patentFile, f0, f1));
      const out = okJson<{ assetId: string; contentHash: string; registeredAt: string }>(r);
      expect(out.assetId).to.match(/^\d+$/);
      expect(out.contentHash).to.equal(sha256Hex(fs.readFileSync(patentFile)));
      expect(out.registeredAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
    });

    it("ip show: owners and shares, hash, registration time, status", async function () {
      const { assetId } = await loadFixture(assetFixture);
      const r = await n.cli(["ip", "show", assetId]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout)
        .to.match(/High-strength steel sheet/)
        .and.match(/PatentApplication/)
        .and.match(/Filed/)
        .and.match(/60% \(6000 bps\)/)
        .and.match(/40% \(4000 bps\)/)
        .and.match(/CN202610000001\.X/);
    });

    it("license offer publishes a public offer of a co-owner holding the approval share (F6)", async function () {
      const { assetId } = await loadFixture(assetFixture);
      const r = await n.cli(offerArgs(assetId));
      const out = okJson<{ offerId: string; status: string }>(r);
      expect(out.offerId).to.match(/^\d+$/);
      expect(out.status).to.equal("Published");
    });

    it("license accept approves exactly the upfront fee and grants the licence to an outsider", async function () {
      const { offerId } = await loadFixture(offerFixture);
      await mint(n, ACC.licensee, u(1_000));
      const r = await n.cli(["--from", String(ACC.licensee), "--json", "license", "accept", offerId]);
      const out = okJson<{ licenseId: string; fee: string; approvalTx: string }>(r);
      const licenseId = out.licenseId;
      expect(out.fee).to.equal("100");
      expect(out.approvalTx).to.match(/^0x/);
      const token = await n.contract("SettlementToken");
      expect(await token.getFunction("allowance")(n.accounts[ACC.licensee], n.addresses.Treasury)).to.equal(
        0n,
      );
      const lic = await listLicenses(owner, { licensee: n.accounts[ACC.licensee] });
      expect(lic.map((l) => l.id.toString())).to.deep.equal([licenseId]);
    });

    it("license split sets the 4:4:2 split of 40% of a co-owner's income", async function () {
      const { assetId } = await loadFixture(licenseFixture);
      const r = await n.cli(splitArgs(n, assetId));
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/income split .* set/);
    });

    it("license pay computes max(rate x revenue, minimum) and approves exactly that", async function () {
      const { licenseId } = await loadFixture(splitFixture);
      await advance(n, 91 * DAY);
      const r = await n.cli([
        "--from",
        String(ACC.licensee),
        "--json",
        "license",
        "pay",
        licenseId,
        "--revenue",
        "10000",
      ]);
      const out = okJson<{ due: string; period: string; revenue: string }>(r);
      expect(out).to.include({ due: "300", period: "0", revenue: "10000" });
      const token = await n.contract("SettlementToken");
      expect(await token.getFunction("allowance")(n.accounts[ACC.licensee], n.addresses.Treasury)).to.equal(
        0n,
      );
    });

    it("license income shows the statement; license claim pulls it; staff claim their 4:4:2 parts", async function () {
      const { assetId } = await loadFixture(paidFixture);
      // net of the 5% levy: fee 95 + royalty 285 = 380; 60% = 228 accrues to f0
      const s = okJson<{ accrued: string; claimable: string; shareBps: number; split: unknown[] }>(
        await n.cli(["--json", "license", "income", assetId, n.accounts[f0]]),
      );
      expect(s.shareBps).to.equal(6000);
      expect(s.split).to.have.length(3);
      const c = okJson<{ amount: string }>(
        await n.cli(["--from", String(f0), "--json", "license", "claim", assetId]),
      );
      expect(Number(c.amount)).to.be.greaterThan(0);
      const staff = await n.client(ACC.staff[0]);
      const mine = await incomeStatement(staff, { assetId: BigInt(assetId) });
      const got = await claimIncome(staff, { assetId: BigInt(assetId) });
      expect(got.amount).to.equal(mine.claimable);
      staff.provider.destroy();
      // 16% of the income the split directed: two staff at 1600 bps get the same, the third half of it
      const [a, b, c3] = await Promise.all(
        ACC.staff.map((i) => incomeStatement(owner, { assetId: BigInt(assetId), account: n.accounts[i] })),
      );
      expect(a.accrued).to.equal(b.accrued);
      expect(c3.accrued * 2n).to.be.closeTo(a.accrued, 1n);
    });
  });

  describe("CLI bad input: one error line, nothing sent", function () {
    it("refuses registering content that is already registered, naming the asset", async function () {
      const { patentFile } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["--from", String(f1), "ip", "register", "--file", patentFile, "--kind", "Patent", "--title", "copy"],
        2,
        /already registered as IP asset \d+/,
      );
    });

    it("refuses an unknown IP kind", async function () {
      const { patentFile } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["ip", "register", "--file", patentFile, "--kind", "Banana", "--title", "x"],
        2,
        /unknown IP kind "Banana"/,
      );
    });

    it("ip verify exits 1 when the file differs from the chain", async function () {
      const { assetId } = await loadFixture(paidFixture);
      const other = writeFile(n, "patent-v2.pdf", "an edited draft\n");
      const before = await n.state();
      const r = await n.cli(["ip", "verify", assetId, "--file", other]);
      expectRefused(r, 1, /does not match IP asset/);
      expect(await n.state()).to.equal(before);
    });

    it("refuses accepting an offer when the balance is too low for the fee", async function () {
      const { offerId } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "accept", offerId],
        2,
        /balance too low: the upfront fee of offer \d+ needs 100\.0 TCNY/,
      );
    });

    it("refuses a royalty payment before the period has ended", async function () {
      const { licenseId } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["--from", String(ACC.licensee), "license", "pay", licenseId, "--revenue", "5"],
        2,
        /no royalty period of licence \d+ is payable now/,
      );
    });

    it("refuses a claim with nothing to claim", async function () {
      const { assetId } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "claim", assetId],
        2,
        /has nothing to claim/,
      );
    });

    it("refuses an offer by a non-co-owner with the contract's decoded error", async function () {
      const { assetId } = await loadFixture(paidFixture);
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "offer", assetId, "--end", "+30d"],
        4,
        /the contract refused: 0x[0-9a-fA-F]{4}.* holds no share of asset \d+: only its co-owners act on it/,
      );
    });
  });
});
