import { readSafe } from "../../src/sdk/safe";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import type {
  AgreementRegistry,
  BreachHistory,
  IAgreementRegistryFull,
  Membership,
  TestToken,
  Treasury,
} from "../../typechain-types";
import { DEMO_STEPS, playDemo, type DemoStep } from "../../src/demo/story";
import type { DemoSummary } from "../../src/demo/report";
import { tcny } from "../../src/demo/documents";
import { sha256Hex } from "../../src/sdk/hash";
import { verifyAgreement } from "../../src/sdk/verify";
import { memberHistoryOf } from "../contracts/disputes/invariants";
import { writeAddressBook } from "../../src/node/addressBook";
import { IN_PROCESS_URL, runCli, type CliResult } from "../cli/helpers";

const Status = { Active: 2n, Withdrawn: 4n } as const;
/** `EntryKind` of IDisputeResolution.sol (the ones asserted here). */
const Entry = { Filed: 0n, Ruled: 6n, Executed: 8n, DefaultRecorded: 11n, PenaltyApplied: 12n } as const;
const AS_RESPONDENT = 1 as const;

/**
 * The demo story run once on the in-process chain, then its outcomes read
 * back from the chain. The chain is snapshotted before and restored after, so the demo's time
 * travel (about ten months) does not leak into other test files.
 */
describe("Demo: the whole alliance lifecycle (src/demo/story.ts)", function () {
  this.timeout(180_000);

  let summary: DemoSummary;
  let outDir: string;
  let snapshot: string;
  let membership: Membership;
  let registry: AgreementRegistry;
  let history: BreachHistory;
  let treasury: Treasury;
  let token: TestToken;
  const submittedFiles: CliResult[] = [];
  const played: DemoStep[] = [];
  const member = (key: string): string => summary.members.find((m) => m.key === key)!.address;

  before(async function () {
    snapshot = (await hre.network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-demo-test-"));
    const [deployer] = await ethers.getSigners();
    const bookDir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-demo-book-"));
    const steps = playDemo({
      provider: ethers.provider,
      rpc: hre.network.provider,
      deployer,
      outDir,
      onDeployed: (chainId, contracts) =>
        writeAddressBook(
          { chainId: Number(chainId), contracts, deployedAt: new Date().toISOString() },
          bookDir,
        ),
      // the demo's offline signature file goes through `covenant agreement submit` itself
      submitSignatureFile: async (file) => {
        const submitted = await runCli(["--rpc", IN_PROCESS_URL, "agreement", "submit", file, "--json"], {
          COVENANT_DEPLOYMENTS_DIR: bookDir,
        });
        submittedFiles.push(submitted);
        if (submitted.code !== 0) throw new Error(`covenant agreement submit: ${submitted.stderr}`);
        return (JSON.parse(submitted.stdout) as { tx: string }).tx;
      },
    });
    // one next() per step, in the order of DEMO_STEPS; the last one returns the summary
    for (;;) {
      const r = await steps.next();
      if (r.done) {
        summary = r.value;
        break;
      }
      played.push(r.value);
    }
    membership = await ethers.getContractAt("Membership", summary.contracts.Membership);
    registry = await ethers.getContractAt("AgreementRegistry", summary.contracts.AgreementRegistry);
    history = await ethers.getContractAt("BreachHistory", summary.contracts.BreachHistory);
    treasury = await ethers.getContractAt("Treasury", summary.contracts.Treasury);
    token = await ethers.getContractAt("TestToken", summary.contracts.SettlementToken);
  });

  after(async function () {
    await hre.network.provider.request({ method: "evm_revert", params: [snapshot] });
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  describe("files (F2)", function () {
    it("plays as narrated steps, one next() per step of DEMO_STEPS, each id once", function () {
      expect(played.map((x) => x.id)).to.deep.equal(DEMO_STEPS.slice(0, -1).map((x) => x.id));
      expect(new Set(DEMO_STEPS.map((x) => x.id)).size).to.equal(DEMO_STEPS.length);
    });

    const relayed = () =>
      submittedFiles.map((x) => {
        expect(x.code, x.stderr).to.equal(0);
        return JSON.parse(x.stdout) as { action: string; method: string; signer: string };
      });

    it("the demo's offline signature file is accepted by covenant agreement submit (exit 0, EIP-712)", function () {
      const r = relayed().find((x) => x.signer === member("feed"));
      expect(r, "the demo relayed no signature file of the feed company").to.not.equal(undefined);
      expect(r!.action).to.equal("sign");
      expect(r!.method).to.equal("EIP712");
    });

    it("S8 the Safe's signature file, combined from two officers' files, is accepted by covenant agreement submit (exit 0, EIP-1271)", function () {
      const r = relayed().find((x) => x.signer === member("cisri"));
      expect(r, "the demo relayed no signature file of the Safe").to.not.equal(undefined);
      expect(r!.action).to.equal("sign");
      expect(r!.method).to.equal("EIP1271");
      for (const f of ["cisri-officer1-signature.json", "cisri-officer2-signature.json"])
        expect(fs.existsSync(path.join(outDir, "charter", f)), f).to.equal(true);
    });
  });

  describe("members (F1, F6)", function () {
    it("leaves the four remaining members Active and the feed company Withdrawn", async function () {
      for (const key of ["faw", "cisri", "sme", "neu"])
        expect(await membership.statusOf(member(key)), key).to.equal(Status.Active);
      expect(await membership.statusOf(member("feed"))).to.equal(Status.Withdrawn);
    });

    it("stores the Chinese names byte for byte", async function () {
      expect((await membership.memberOf(member("cisri"))).name).to.equal("中国钢研科技集团有限公司");
      expect((await membership.memberOf(member("feed"))).name).to.equal("京科“7+1”高科技饲料有限公司");
    });

    it("gives the member admitted by council vote its vote once it acceded (F6)", async function () {
      expect(await registry.hasAcceded(member("neu"))).to.equal(true);
      expect(await membership.getVotes(member("neu"))).to.equal(1n);
    });

    it("S8 makes a 2-of-3 Safe 1.4.1 of three officers the steel institute's member account", async function () {
      expect(member("cisri")).to.equal(summary.multisig.address);
      const safe = await readSafe(ethers.provider, summary.multisig.address);
      expect(safe.version).to.equal("1.4.1");
      expect(safe.threshold).to.equal(2);
      expect(safe.owners).to.have.members(summary.multisig.owners);
    });
  });

  describe("charter (F2, P1)", function () {
    it("is the charter in force and the alliance is constituted", async function () {
      expect(await registry.currentCharterId()).to.equal(BigInt(summary.charter.agreementId));
      expect(await registry.charterEffective()).to.equal(true);
      expect(await membership.isConstituted()).to.equal(true);
    });

    it("binds exactly the document and terms files the demo wrote (verify ok)", async function () {
      expect(summary.verify.ok).to.equal(true);
      const result = await verifyAgreement(
        registry as unknown as IAgreementRegistryFull,
        BigInt(summary.charter.agreementId),
        fs.readFileSync(summary.charter.document),
        fs.readFileSync(summary.charter.terms, "utf8"),
      );
      expect(result.ok, JSON.stringify(result.mismatches)).to.equal(true);
      expect(sha256Hex(fs.readFileSync(summary.charter.document))).to.equal(summary.charter.documentHash);
    });

    it("records a direct, an EIP-1271 and a relayed EIP-712 signature, and one accession", async function () {
      const id = BigInt(summary.charter.agreementId);
      const method = async (key: string) => Number((await registry.signatureOf(id, member(key))).method);
      expect(await method("faw")).to.equal(1); // Direct
      expect(await method("feed")).to.equal(2); // EIP712, relayed
      expect(await method("cisri")).to.equal(3); // EIP1271
      expect((await registry.signatureOf(id, member("neu"))).accession).to.equal(true);
    });
  });

  describe("royalties (F5, 4:4:2)", function () {
    it("pays out the net income to co-owners and staff, within the dust rule (I4)", async function () {
      const net = BigInt(summary.royalties.netIncome);
      const claimed = summary.royalties.claimed.reduce((a, c) => a + BigInt(c.amount), 0n);
      expect(claimed).to.equal(BigInt(summary.royalties.claimedTotal));
      expect(claimed).to.be.lte(net);
      expect(net - claimed).to.be.lte(BigInt(summary.royalties.claimed.length));
      // the fee 20,000 plus the royalty 240,000, less the 5% levy
      expect(net).to.equal(((tcny(20_000) + tcny(240_000)) * 9_500n) / 10_000n);
    });

    it("splits the steel institute's directed income 4:4:2 among its staff", async function () {
      const staff = summary.royalties.claimed
        .filter((c) => c.who.startsWith("中国钢研 "))
        .map((c) => BigInt(c.amount));
      expect(staff).to.have.length(3);
      expect(staff[0]).to.equal(staff[1]);
      expect(staff[0] - 2n * staff[2]).to.be.lte(1n);
      expect(staff[0]).to.be.gt(0n);
    });
  });

  describe("breach (P2, F5)", function () {
    it("records the default, the claim, the ruling and the slash in the SME's history (I8)", async function () {
      const [, entries] = await memberHistoryOf(history, member("sme"), AS_RESPONDENT);
      const kinds = entries.map((e) => e.kind);
      for (const k of [Entry.DefaultRecorded, Entry.Filed, Entry.Ruled, Entry.Executed, Entry.PenaltyApplied])
        expect(kinds).to.include(k);
      const slash = entries.find((e) => e.kind === Entry.PenaltyApplied)!;
      expect(slash.amount).to.equal(tcny(30_000));
      expect(BigInt(summary.slashed)).to.equal(tcny(30_000));
      expect(summary.history.length).to.equal(entries.length);
    });

    it("leaves the SME's bond reduced by the slash (M8) and the feed company's bond returned", async function () {
      expect(await treasury.bondOf(member("sme"))).to.equal(tcny(50_000) - tcny(30_000));
      expect(await treasury.bondOf(member("feed"))).to.equal(0n);
    });
  });

  describe("treasury (I2)", function () {
    it("holds at least the sum of its sub-ledgers at the end", async function () {
      const balance = await token.balanceOf(summary.contracts.Treasury);
      expect(balance).to.be.gte(await treasury.totalLiabilities());
      expect(summary.solvency.ok).to.equal(true);
    });
  });
});
