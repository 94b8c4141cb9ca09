import fs from "node:fs";
import { expect } from "chai";
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
  mint,
  okJson,
  startBusinessNode,
  u,
  writeFile,
  type BusinessNode,
} from "./businessHelpers";

describe("covenant ip and license (register IP from a file, accept an offer, pay royalties, claim income)", function () {
  let n: BusinessNode;
  let owner: CovenantClient;
  const [f0, f1] = ACC.founders;
  let patentFile: string;
  let assetId: string;
  let offerId: string;
  let licenseId: string;

  before(async function () {
    this.timeout(240_000);
    n = await startBusinessNode();
    owner = await n.client(f0);
  });

  after(async function () {
    owner?.provider.destroy();
    await n?.stop();
  });

  describe("SDK", function () {
    it("registers background IP from bytes and verifies a file against it (Macro 4)", async function () {
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
      patentFile = writeFile(n, "patent.pdf", "一种高强度汽车钢板及其制造方法 / high-strength steel sheet\n");
      const r = await n.cli([
        "--from",
        String(f0),
        "--json",
        "ip",
        "register",
        "--file",
        patentFile,
        "--kind",
        "PatentApplication",
        "--title",
        "高强度汽车钢板 / High-strength steel sheet",
        "--owner",
        `${n.accounts[f0]}:6000`,
        "--owner",
        `${n.accounts[f1]}:4000`,
        "--external-id",
        "CN202610000001.X",
      ]);
      const out = okJson<{ assetId: string; contentHash: string; registeredAt: string }>(r);
      assetId = out.assetId;
      expect(out.contentHash).to.equal(sha256Hex(fs.readFileSync(patentFile)));
      expect(out.registeredAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
    });

    it("ip show: owners and shares, hash, registration time, status", async function () {
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
      const r = await n.cli([
        "--from",
        String(f0),
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
      ]);
      const out = okJson<{ offerId: string; status: string }>(r);
      offerId = out.offerId;
      expect(out.status).to.equal("Published");
    });

    it("license accept approves exactly the upfront fee and grants the licence to an outsider", async function () {
      await mint(n, ACC.licensee, u(1_000));
      const r = await n.cli(["--from", String(ACC.licensee), "--json", "license", "accept", offerId]);
      const out = okJson<{ licenseId: string; fee: string; approvalTx: string }>(r);
      licenseId = out.licenseId;
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
      const [a, b, c] = ACC.staff.map((i) => n.accounts[i]);
      const r = await n.cli([
        "--from",
        String(f0),
        "license",
        "split",
        assetId,
        "--beneficiary",
        `${a}:1600`,
        "--beneficiary",
        `${b}:1600`,
        "--beneficiary",
        `${c}:800`,
      ]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/income split .* set/);
    });

    it("license pay computes max(rate x revenue, minimum) and approves exactly that", async function () {
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
      await expectNothingSent(
        n,
        ["--from", String(f1), "ip", "register", "--file", patentFile, "--kind", "Patent", "--title", "copy"],
        2,
        /already registered as IP asset \d+/,
      );
    });

    it("refuses an unknown IP kind", async function () {
      await expectNothingSent(
        n,
        ["ip", "register", "--file", patentFile, "--kind", "Banana", "--title", "x"],
        2,
        /unknown IP kind "Banana"/,
      );
    });

    it("ip verify exits 1 when the file differs from the chain", async function () {
      const other = writeFile(n, "patent-v2.pdf", "an edited draft\n");
      const before = await n.state();
      const r = await n.cli(["ip", "verify", assetId, "--file", other]);
      expectRefused(r, 1, /does not match IP asset/);
      expect(await n.state()).to.equal(before);
    });

    it("refuses accepting an offer when the balance is too low for the fee", async function () {
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "accept", offerId],
        2,
        /balance too low: the upfront fee of offer \d+ needs 100\.0 TCNY/,
      );
    });

    it("refuses a royalty payment before the period has ended", async function () {
      await expectNothingSent(
        n,
        ["--from", String(ACC.licensee), "license", "pay", licenseId, "--revenue", "5"],
        2,
        /no royalty period of licence \d+ is payable now/,
      );
    });

    it("refuses a claim with nothing to claim", async function () {
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "claim", assetId],
        2,
        /has nothing to claim/,
      );
    });

    it("refuses an offer by a non-co-owner with the contract's decoded error", async function () {
      await expectNothingSent(
        n,
        ["--from", String(ACC.stranger), "license", "offer", assetId, "--end", "+30d"],
        4,
        /the contract refused: 0x[0-9a-fA-F]{4}.* holds no share of asset \d+: only its co-owners act on it/,
      );
    });
  });
});
