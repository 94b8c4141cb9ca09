import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { encodeBytes32String } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { contribute, requestSpend } from "../../src/sdk/actions/projects";
import { sha256Hex } from "../../src/sdk/hash";
import {
  ACC,
  activeProjectFixture,
  CHARTER_PARAMS,
  DAY,
  expectNothingSent,
  mint,
  okJson,
  sha,
  u,
  writeFile,
  type BusinessNode,
} from "./businessHelpers";

/**
 * Fixture: an active project with two contributions (founders 0 and 1), a requested spend and a
 * 40/60 background asset of founders 0 and 1.
 */
async function consentFixture() {
  const { n, projectId } = await loadFixture(activeProjectFixture);
  const [f0, f1] = ACC.founders;
  for (const i of [f0, f1]) {
    await mint(n, i, u(10_000));
    const c = await n.client(i);
    await contribute(c, { projectId, installment: 0 });
    c.provider.destroy();
  }
  const lead = await n.client(f0);
  const now = (await n.provider.getBlock("latest"))!.timestamp;
  const { spendId } = await requestSpend(lead, {
    projectId,
    line: 1,
    amount: u(100),
    payee: n.accounts[ACC.stranger],
    invoiceHash: sha("invoice"),
    fromGrant: false,
    expiresAt: now + 60 * DAY,
  });
  lead.provider.destroy();
  const patent = writeFile(n, "consent-patent.pdf", "一种焊接工艺 / a welding process\n");
  const { assetId } = okJson<{ assetId: string }>(
    await n.cli([
      "--from",
      String(f0),
      "--json",
      "ip",
      "register",
      "--file",
      patent,
      "--kind",
      "PatentApplication",
      "--title",
      "焊接工艺 / Welding process",
      "--owner",
      `${n.accounts[f0]}:4000`,
      "--owner",
      `${n.accounts[f1]}:6000`,
    ]),
  );
  return { n, projectId, spendId, assetId, patent };
}

/** Fixture: on {@link consentFixture}, the secretariat's pending amendment of the charter in force. */
async function charterAmendmentFixture() {
  const f = await loadFixture(consentFixture);
  const registry = await f.n.contract("AgreementRegistry", ACC.secretariat);
  const charterId = (await registry.getFunction("currentCharterId")()) as bigint;
  const r = await (
    await registry.getFunction("createCharter")(
      {
        kind: 3, // Amendment
        parentId: charterId,
        documentHash: sha("charter v2"),
        termsHash: sha("charter terms v2"),
        uri: "ipfs://charter-v2",
        parties: ACC.founders.map((i) => f.n.accounts[i]),
        clauses: [{ clauseId: encodeBytes32String("7.1"), damagesCap: u(5_000), remedies: 31 }],
      },
      CHARTER_PARAMS,
    )
  ).wait();
  if (r?.status !== 1) throw new Error("the charter amendment was not created");
  return { ...f, amendmentId: String(await registry.getFunction("agreementCount")()) };
}

/**
 * The consent flows of the CLI (B1, B2, B4, B5, B13): co-owners' status changes, background
 * contests, offline split consents, spend approvals and standing, the withdrawal of an amendment and
 * the council's adoption of a charter draft. Every `it` starts from a fixture (`loadFixture`):
 * {@link consentFixture}, or {@link charterAmendmentFixture} for the amendments; each passes alone
 * and in any order.
 */
describe("covenant consent flows (status changes, contests, split consents, spend approvals, amendments)", function () {
  let n: BusinessNode;
  let projectId: bigint;
  let spendId: bigint;
  let assetId: string;
  let patent: string;
  const [f0, f1, f2] = ACC.founders;

  before(async function () {
    this.timeout(300_000);
    ({ n, projectId, spendId, assetId, patent } = await loadFixture(consentFixture));
  });

  /** `ip consent` by founder 1 for a 50/50 split of the patent's result under amendment 7, written to `out`. */
  function splitConsent(out: string) {
    return n.cli([
      "--from",
      String(f1),
      "--json",
      "ip",
      "consent",
      "--project",
      String(projectId),
      "--amendment",
      "7",
      "--file",
      patent,
      "--owner",
      `${n.accounts[f0]}:5000`,
      "--owner",
      `${n.accounts[f1]}:5000`,
      "--out",
      out,
    ]);
  }

  describe("ip status (B5)", function () {
    it("B5 a co-owner below the approval share proposes; show lists the approvals; the other co-owner's approval applies it", async function () {
      await loadFixture(consentFixture);
      const evidence = writeFile(n, "grant-notice.pdf", "授权通知书 / notice of grant\n");
      const p = okJson<{ changeId: string; applied: boolean }>(
        await n.cli([
          "--from",
          String(f0),
          "--json",
          "ip",
          "status",
          "propose",
          assetId,
          "--status",
          "Granted",
          "--evidence",
          evidence,
          "--external-id",
          "CN202610000002.X",
        ]),
      );
      expect(p.applied).to.equal(false);
      const shown = await n.cli(["ip", "status", "show", p.changeId]);
      expect(shown.code, shown.stderr).to.equal(0);
      expect(shown.stdout)
        .to.match(/Filed -> Granted/)
        .and.match(/40% of the 50% needed/)
        .and.match(/pending/);
      const v = okJson<{ approvedBps: number; evidenceHash: string; owners: { approved: boolean }[] }>(
        await n.cli(["--json", "ip", "status", "show", p.changeId]),
      );
      expect(v.approvedBps).to.equal(4000);
      expect(v.evidenceHash).to.equal(sha256Hex(fs.readFileSync(evidence)));
      expect(v.owners.map((o) => o.approved)).to.deep.equal([true, false]);
      const a = okJson<{ approvedBps: number; applied: boolean }>(
        await n.cli(["--from", String(f1), "--json", "ip", "status", "approve", p.changeId]),
      );
      expect(a).to.include({ approvedBps: 10_000, applied: true });
      const asset = await n.cli(["ip", "show", assetId]);
      expect(asset.stdout)
        .to.match(/Granted/)
        .and.match(/CN202610000002\.X/);
    });

    it("B5 refuses a status co-owners cannot set and a proposal by a non-co-owner, nothing sent", async function () {
      await loadFixture(consentFixture);
      const evidence = writeFile(n, "notice.pdf", "notice\n");
      await expectNothingSent(
        n,
        [
          "--from",
          String(f0),
          "ip",
          "status",
          "propose",
          assetId,
          "--status",
          "Revoked",
          "--evidence",
          evidence,
        ],
        2,
        /Revoked/,
      );
      await expectNothingSent(
        n,
        [
          "--from",
          String(f2),
          "ip",
          "status",
          "propose",
          assetId,
          "--status",
          "Granted",
          "--evidence",
          evidence,
        ],
        4,
        /the contract refused: .*co-?owner/i,
      );
      await expectNothingSent(
        n,
        ["--from", String(f1), "ip", "status", "approve", "7"],
        2,
        /no status change 7/,
      );
    });
  });

  describe("ip contest and ip consent (B4)", function () {
    it("B4 ip contest refuses a result that is not the project's foreground asset, nothing sent", async function () {
      await loadFixture(consentFixture);
      await expectNothingSent(
        n,
        ["--from", String(f1), "ip", "contest", assetId, "--result", assetId],
        4,
        /the contract refused/,
      );
    });

    it("B4 ip consent writes an EIP-712 SplitConsent file offline and sends nothing", async function () {
      await loadFixture(consentFixture);
      const out = path.join(n.work, `consent-${Date.now()}.json`);
      const before = await n.state();
      const c = okJson<{
        account: string;
        signature: string;
        owners: string[];
        shares: number[];
        contentHash: string;
      }>(await splitConsent(out));
      expect(await n.state()).to.equal(before);
      expect(c.account).to.equal(n.accounts[f1]);
      expect(c.shares).to.deep.equal([5000, 5000]);
      expect(c.contentHash).to.equal(sha256Hex(fs.readFileSync(patent)));
      expect(c.signature).to.match(/^0x[0-9a-f]{130}$/);
      expect(JSON.parse(fs.readFileSync(out, "utf8"))).to.include({ signature: c.signature });
    });

    it("B4 ip register --amendment refuses a consent file signed for another split, nothing sent", async function () {
      await loadFixture(consentFixture);
      const out = path.join(n.work, `consent-other-${Date.now()}.json`);
      okJson(await splitConsent(out));
      await expectNothingSent(
        n,
        [
          "--from",
          String(f0),
          "ip",
          "register",
          "--project",
          String(projectId),
          "--amendment",
          "7",
          "--file",
          patent,
          "--kind",
          "Patent",
          "--title",
          "result",
          "--owner",
          `${n.accounts[f0]}:6000`,
          "--owner",
          `${n.accounts[f1]}:4000`,
          "--consent",
          out,
        ],
        2,
        /does not fit this registration/,
      );
    });
  });

  describe("spend approvals and standing (B13)", function () {
    it("B13 project spend show counts the approvals as execution would; an approval adds what the approver paid", async function () {
      await loadFixture(consentFixture);
      const before = okJson<{ approved: string; needed: string; approvers: string[] }>(
        await n.cli(["--json", "project", "spend", "show", String(spendId)]),
      );
      expect(before.approved).to.equal("0");
      expect(Number(before.needed)).to.be.greaterThan(0);
      expect(before.approvers).to.deep.equal([]);
      const a = okJson<{ approved: string; needed: string }>(
        await n.cli(["--from", String(f1), "--json", "project", "spend", "approve", String(spendId)]),
      );
      expect(a.needed).to.equal(before.needed);
      const after = await n.cli(["project", "spend", "show", String(spendId)]);
      expect(after.code, after.stderr).to.equal(0);
      expect(after.stdout).to.match(
        new RegExp(`${a.approved}\\.0 TCNY paid in of the ${before.needed}\\.0 TCNY needed`),
      );
      expect(after.stdout).to.include(n.accounts[f1]);
    });

    it("B13 project show gives each participant's standing: what its approvals weigh", async function () {
      await loadFixture(consentFixture);
      const r = await n.cli(["project", "show", String(projectId)]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/approves with [\d.]+ TCNY paid/);
    });

    it("B13 refuses approving a spend that does not exist, nothing sent", async function () {
      await loadFixture(consentFixture);
      await expectNothingSent(
        n,
        ["--from", String(f1), "project", "spend", "approve", "99"],
        2,
        /no spend 99/,
      );
    });
  });

  describe("charter amendments (B1, B2)", function () {
    it("B2 agreement withdraw-amendment: the creator withdraws a pending charter amendment", async function () {
      const id = (await loadFixture(charterAmendmentFixture)).amendmentId;
      const w = okJson<{ agreementId: string; lapsed: boolean }>(
        await n.cli(["--from", String(ACC.secretariat), "--json", "agreement", "withdraw-amendment", id]),
      );
      expect(w).to.deep.include({ agreementId: id, lapsed: false });
      const shown = okJson<{ status: string }>(await n.cli(["--json", "agreement", "show", id]));
      expect(shown.status).to.equal("Terminated");
    });

    it("B2 agreement withdraw-amendment refuses a party of the parent before the lapse, nothing sent", async function () {
      const id = (await loadFixture(charterAmendmentFixture)).amendmentId;
      await expectNothingSent(
        n,
        ["--from", String(f1), "agreement", "withdraw-amendment", id],
        4,
        /the contract refused: .*withdraw/i,
      );
    });

    it("B1 council propose-charter-adoption refuses an id that is not the pending charter draft, nothing sent", async function () {
      await loadFixture(consentFixture);
      await expectNothingSent(
        n,
        ["--from", String(f0), "council", "propose-charter-adoption", "1"],
        2,
        /would fail if executed now: .*charter draft/,
      );
    });

    it("B1 council propose-charter-adoption refuses a draft the charter's amendment rule leaves to members' signatures, nothing sent", async function () {
      const id = (await loadFixture(charterAmendmentFixture)).amendmentId;
      await expectNothingSent(
        n,
        ["--from", String(f0), "council", "propose-charter-adoption", id],
        2,
        /would fail if executed now: .*MemberSignatures/,
      );
    });
  });
});
