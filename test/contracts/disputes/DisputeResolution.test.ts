import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { TreasuryBlacklistToken } from "../../../typechain-types";
import {
  ANSWER,
  AgreementKind,
  AgreementStatus,
  BOB_LICENSE,
  CAROL_LICENSE,
  CHARTER_ID,
  CLAIM_BOND,
  CONFIDENTIALITY,
  CONFIDENTIALITY_CAP,
  CONTRIBUTION,
  CURE,
  ClaimStatus,
  EntryKind,
  LICENSE_AGREEMENT_ID,
  LicenseStatus,
  MEMBER_BOND,
  MemberStatus,
  PENDING_ID,
  REMEDY,
  ROYALTY,
  RULING,
  charterParams,
  claimRequest,
  deploySuite,
  eventsOf,
  file,
  mask,
  sha,
  tag,
  u,
  DAY,
  ROLE,
  disputeOf,
  owedOf,
  recordOf,
  type ClaimRecord,
} from "./helpers";
import {
  CONFIDENTIALITY as IT_CONFIDENTIALITY,
  LICENCE_CLAUSE,
  charteredSuite,
  expectSolvent,
  fund,
  historyKinds as itHistoryKinds,
  negotiatedLicence,
  publishOffer,
} from "../../integration/helpers";
import {
  expectBondsConsistent,
  expectHeadsMatchEvents,
  countsFromLog,
  expectHistoryAppendOnly,
  historySnapshot,
  loggedHistory,
  memberHistoryOf,
} from "./invariants";
import { appoint, castVote } from "../../helpers/panel";
import { EMPTY_HEAD, foldHead, hashEntry } from "../../../src/sdk/historyLog";
import type { BreachHistory, DisputeResolution } from "../../../typechain-types";

/**
 * The chartered full suite, plus a negotiated licence of founder 2 on founder 0's asset, granted
 * under their License agreement (clause 6.3: every remedy; B10).
 */
async function negotiatedLicenceSuite() {
  const s = await charteredSuite();
  const [a, , c] = s.founders;
  await fund(s, s.founders);
  const { agreementId, licenseId } = await negotiatedLicence(s, a, c, "Die steel heat treatment");
  return { ...s, licenceAgreementId: agreementId, licenseId };
}

/** The ruling deadline after a referral or an appeal (DisputeResolution.RULING_PERIOD). */
const RULING_PERIOD = 180 * 24 * 60 * 60;

async function fixture() {
  const s = await deploySuite();
  // Claims in these tests go to the outside arbitrator unless a test says otherwise.
  await s.disputes.connect(s.council).setArbitrator(await s.outside.getAddress());
  return s;
}

type Suite = Awaited<ReturnType<typeof fixture>>;

/** `ClaimRecord`'s ABI type (what the contract hashes). */
const RECORD_TUPLE =
  "tuple(uint256,address,address,address,uint256,bytes32,bytes32,uint8,bool,uint48,uint48,uint256,uint256,uint256)";

/** Alice's confidentiality claim against Bob, referred unanswered to the outside arbitrator. */
async function referred(s: Suite, over = {}) {
  const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, over));
  const r = await recordOf(s.disputes, id);
  await time.increaseTo(r.answerEndsAt + 1n);
  await s.disputes.connect(s.alice).refer(r);
  const disputeId = await disputeOf(s.disputes, id);
  return { id, disputeId, r };
}

/** The vault holds at least every sub-ledger's total (DESIGN "Money": balanceOf(treasury) ≥ Σ). */
async function expectVaultCovers(s: Suite): Promise<void> {
  const vault = await s.token.balanceOf(await s.treasury.getAddress());
  expect(vault).to.be.gte(await s.treasury.totalLiabilities());
}

/**
 * ... then ruled `ruling` by the outside arbitrator, after its appeal window (the ruling waits with
 * the dispute until `executeRuling`).
 */
async function ruled(s: Suite, ruling: bigint, over = {}) {
  const { id, disputeId, r } = await referred(s, over);
  await s.outside.giveRuling(disputeId, ruling);
  const [, end] = await s.outside.appealPeriod(disputeId);
  await time.increaseTo(end + 1n);
  await s.outside.executeRuling(disputeId);
  return { id, disputeId, r };
}

/** The state of claim `id` (its record from `ClaimFiled`, what it owes from `ClaimPayoutOwed`). */
async function stateOf(d: DisputeResolution, id: bigint) {
  return d.claimStateOf(await recordOf(d, id), await owedOf(d, id));
}

/** The ruling deadline of claim `id`'s dispute (its arbitrator's, from `ClaimReferred`). */
async function deadlineOf(d: DisputeResolution, id: bigint): Promise<bigint> {
  return d.rulingDeadlineOf((await recordOf(d, id)).arbitrator, await disputeOf(d, id));
}

/** Executes the ruling of claim `id` with its record and its dispute (anyone may). */
async function execute(d: DisputeResolution, id: bigint) {
  return d.executeRuling(await recordOf(d, id), await disputeOf(d, id));
}

/** A record of claim id `claimId` whose claimant, respondent, agreement and clause never filed. */
async function unknownRecord(s: Suite, claimId: bigint): Promise<ClaimRecord> {
  return {
    claimId,
    claimant: s.alice.address,
    respondent: s.bob.address,
    arbitrator: await s.outside.getAddress(),
    agreementId: CHARTER_ID,
    clauseId: tag("9.9"),
    statementHash: sha("statement of claim"),
    remedies: BigInt(REMEDY.DAMAGES),
    forAlliance: false,
    cureEndsAt: 0n,
    answerEndsAt: 0n,
    damages: u(300),
    licenseId: 0n,
    bond: CLAIM_BOND,
  };
}

/**
 * The guard of a party action before arbitration: on a referred claim `act` by `party` reverts with
 * UnexpectedStatus(Arbitration, Filed|Answered); on a fresh claim (returned) by `outsider`, with
 * UnauthorizedParty(outsider).
 */
async function expectPartyAndOpenGuard(
  s: Suite,
  party: HardhatEthersSigner,
  outsider: HardhatEthersSigner,
  act: (d: DisputeResolution, r: ClaimRecord) => Promise<unknown>,
): Promise<ClaimRecord> {
  const { id, r } = await referred(s);
  await expect(act(s.disputes.connect(party), r))
    .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
    .withArgs(id, ClaimStatus.Arbitration, mask(ClaimStatus.Filed, ClaimStatus.Answered));
  const id2 = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
  const r2 = await recordOf(s.disputes, id2);
  await expect(act(s.disputes.connect(outsider), r2))
    .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
    .withArgs(id2, outsider.address);
  return r2;
}

/** A claim state's status and ruling, to compare as one. */
function statusAndRuling(st: { status: bigint; ruling: bigint }): bigint[] {
  return [st.status, st.ruling];
}

async function expectStatus(d: DisputeResolution, id: bigint, status: ClaimStatus) {
  expect((await stateOf(d, id)).status).to.equal(status);
}

async function kinds(d: BreachHistory, member: string, role: 0 | 1): Promise<number[]> {
  const [, entries] = await memberHistoryOf(d, member, role);
  return entries.map((e) => Number(e.kind));
}

describe("DisputeResolution", function () {
  describe("constructor", function () {
    it("reverts when any dependency is the zero address", async function () {
      const s = await loadFixture(fixture);
      const lib = await ethers.deployContract("ClaimValidation");
      const factory = await ethers.getContractFactory("DisputeResolution", {
        libraries: { ClaimValidation: await lib.getAddress() },
      });
      const good = [
        await s.manager.getAddress(),
        await s.charter.getAddress(),
        await s.membership.getAddress(),
        await s.treasury.getAddress(),
        await s.history.getAddress(),
        await s.remedies.getAddress(),
        await s.panel.getAddress(),
      ];
      for (let i = 0; i < good.length; i++) {
        const args = [...good];
        args[i] = ethers.ZeroAddress;
        await expect(
          factory.deploy(args[0], args[1], args[2], args[3], args[4], args[5], args[6]),
        ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionZeroAddress");
      }
    });

    it("reverts when a RemedyExecution or BreachHistory dependency is the zero address", async function () {
      const s = await loadFixture(fixture);
      const good = [
        await s.manager.getAddress(),
        await s.treasury.getAddress(),
        await s.membership.getAddress(),
        await s.governor.getAddress(),
        await s.history.getAddress(),
      ];
      const factory = await ethers.getContractFactory("RemedyExecution");
      for (let i = 0; i < good.length; i++) {
        const args = [...good];
        args[i] = ethers.ZeroAddress;
        await expect(
          factory.deploy(args[0], args[1], args[2], args[3], args[4]),
        ).to.be.revertedWithCustomError(s.remedies, "RemedyExecutionZeroAddress");
      }
      await expect(
        (await ethers.getContractFactory("BreachHistory")).deploy(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(s.history, "BreachHistoryZeroAddress");
    });

    it("starts with the PanelArbitrator given and the immutables set", async function () {
      const s = await loadFixture(deploySuite);
      expect(await s.disputes.arbitrator()).to.equal(await s.panel.getAddress());
      expect(await s.disputes.REGISTRY()).to.equal(await s.charter.getAddress());
      expect(await s.disputes.TREASURY()).to.equal(await s.treasury.getAddress());
      expect(await s.disputes.MEMBERSHIP()).to.equal(await s.membership.getAddress());
      expect(await s.disputes.HISTORY()).to.equal(await s.history.getAddress());
      expect(await s.disputes.REMEDIES()).to.equal(await s.remedies.getAddress());
      expect(await s.remedies.GOVERNOR()).to.equal(await s.governor.getAddress());
      expect(await s.remedies.TREASURY()).to.equal(await s.treasury.getAddress());
      expect(await s.remedies.MEMBERSHIP()).to.equal(await s.membership.getAddress());
      expect(await s.remedies.HISTORY()).to.equal(await s.history.getAddress());
    });
  });

  describe("fileClaim", function () {
    it("files a claim, posts the claim bond and logs statement and evidence (C1)", async function () {
      const s = await loadFixture(fixture);
      const req = claimRequest(s.bob.address);
      const tx = await s.disputes.connect(s.alice).fileClaim(req);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      // The record every later call supplies back, the agreement version and the statement's URI.
      await expect(tx)
        .to.emit(s.disputes, "ClaimFiled")
        .withArgs(
          1n,
          s.alice.address,
          s.bob.address,
          [
            1n,
            s.alice.address,
            s.bob.address,
            await s.outside.getAddress(),
            CHARTER_ID,
            CONFIDENTIALITY,
            req.statementHash,
            BigInt(REMEDY.DAMAGES),
            false,
            at + BigInt(CURE),
            at + BigInt(CURE + ANSWER),
            u(300),
            0n,
            CLAIM_BOND,
          ],
          1n,
          "ipfs://statement",
        );
      // ERC-1497: the agreement's meta-evidence comes with the dispute (refer), not with the claim.
      await expect(tx).not.to.emit(s.disputes, "MetaEvidence");
      await expect(tx)
        .to.emit(s.disputes, "Evidence")
        .withArgs(await s.outside.getAddress(), 1n, s.alice.address, "ipfs://evidence-1");
      await expect(tx)
        .to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(1n, s.alice.address, req.evidenceHash, "ipfs://evidence-1");
      await expect(tx).to.emit(s.treasury, "ClaimBondPosted").withArgs(1n, s.alice.address, CLAIM_BOND);
      const c = await recordOf(s.disputes, 1n);
      expect((await s.disputes.claimStateOf(c, 0n)).status).to.equal(ClaimStatus.Filed);
      expect(c.claimant).to.equal(s.alice.address);
      expect(c.bond).to.equal(CLAIM_BOND);
      expect(c.cureEndsAt).to.equal(at + BigInt(CURE));
      expect(c.answerEndsAt).to.equal(at + BigInt(CURE + ANSWER));
      expect(c.arbitrator).to.equal(await s.outside.getAddress());
      expect(c.forAlliance).to.equal(false);
      expect(await s.treasury.totalClaimBonds()).to.equal(CLAIM_BOND);
      expect(
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ).to.equal(1n);
      expect(await kinds(s.history, s.alice.address, 0)).to.deep.equal([EntryKind.Filed]);
      expect(await kinds(s.history, s.bob.address, 1)).to.deep.equal([EntryKind.Filed]);
      const counts = await countsFromLog(s.history, s.alice.address);
      expect(counts.filed).to.equal(1n);
      // B11: a filed claim does not count against the respondent until it is referred.
      expect((await countsFromLog(s.history, s.bob.address)).against).to.equal(0n);
      // B6: Bob's history head counts one open claim against him (what Membership reads).
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(1n);
      expect((await s.history.memberHead(s.bob.address)).openClaims).to.equal(1n);
      expect(await s.history.openClaimsAgainst(s.alice.address)).to.equal(0n);
    });

    it("keeps only a 24-byte hash of what never changes, in one word keyed by the four with the claim's status and id; the record ClaimFiled gives, every field exact, is accepted back", async function () {
      const s = await loadFixture(fixture);
      // Largest values: a licence id of 2^256 - 1 and damages at the clause's cap.
      await s.licenses.setLicense(ethers.MaxUint256, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      const req = claimRequest(s.bob.address, {
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
        damages: CONFIDENTIALITY_CAP,
        licenseId: ethers.MaxUint256,
        statementHash: ethers.keccak256("0x01"),
      });
      const dr = await s.disputes.getAddress();
      const nonce = await ethers.provider.getTransactionCount(dr);
      const tx = await s.disputes.connect(s.alice).fileClaim(req);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const c = await recordOf(s.disputes, 1n);
      expect([
        c.claimId,
        c.claimant,
        c.respondent,
        c.arbitrator,
        c.agreementId,
        c.clauseId,
        c.statementHash,
        c.remedies,
        c.forAlliance,
        c.cureEndsAt,
        c.answerEndsAt,
        c.damages,
        c.licenseId,
        c.bond,
      ]).to.deep.equal([
        1n,
        s.alice.address,
        s.bob.address,
        await s.outside.getAddress(),
        CHARTER_ID,
        CONFIDENTIALITY,
        req.statementHash,
        BigInt(REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION),
        false,
        at + BigInt(CURE),
        at + BigInt(CURE + ANSWER),
        CONFIDENTIALITY_CAP,
        ethers.MaxUint256,
        CLAIM_BOND,
      ]);
      // The agreement version and the filing time are the event's and its block's.
      const [log] = await s.disputes.queryFilter(s.disputes.filters.ClaimFiled(1n));
      expect(log.args.agreementVersion).to.equal(1n);
      expect(log.args.statementURI).to.equal("ipfs://statement");
      // No contract is created for the record.
      expect(await ethers.provider.getTransactionCount(dr)).to.equal(nonce);
      // The word of (claimant, respondent, agreement, clause), the contract's fourth slot's mapping:
      // the first 24 bytes of keccak256(abi.encode(record, 0)), then status, ruling, flags, claim id.
      const coder = ethers.AbiCoder.defaultAbiCoder();
      const key = ethers.keccak256(
        coder.encode(
          ["address", "address", "uint256", "bytes32"],
          [s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY],
        ),
      );
      const slot = ethers.keccak256(coder.encode(["bytes32", "uint256"], [key, 3n]));
      const hash = ethers.dataSlice(
        ethers.keccak256(coder.encode([RECORD_TUPLE, "uint256"], [Object.values(c), 0n])),
        0,
        24,
      );
      const word = BigInt(await ethers.provider.getStorage(dr, slot));
      expect(word).to.equal(
        BigInt(hash) | (BigInt(ClaimStatus.Filed) << 192n) | (0n << 200n) | (0n << 208n) | (1n << 216n),
      );
      expect((await s.disputes.claimStateOf(c, 0n)).status).to.equal(ClaimStatus.Filed);
    });

    it("keeps claim ids up to 2^32 - 1 in the word; claim 2^32 is refused with TooManyClaims and nothing is filed", async function () {
      const s = await loadFixture(fixture);
      const dr = await s.disputes.getAddress();
      const arb = BigInt(await s.outside.getAddress());
      // The claim counter shares the arbitrator's slot (above its 160 bits).
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      let slot = -1;
      for (let i = 0; i < 8 && slot < 0; i++) {
        if (BigInt(await ethers.provider.getStorage(dr, i)) === (arb | (1n << 160n))) slot = i;
      }
      expect(slot).to.be.gte(0);
      const setCount = (n: bigint) =>
        ethers.provider.send("hardhat_setStorageAt", [
          dr,
          ethers.toQuantity(slot),
          ethers.toBeHex(arb | (n << 160n), 32),
        ]);
      let n = 1n;
      for (const next of [0x100n, 0x10000n, 0x1000000n, 0xffffffffn]) {
        // Jump the counter to just before `next` (as `next - 1` claims would), close the previous
        // claim (so the same parties may file again), and file.
        await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, n));
        await setCount(next - 1n);
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
        expect(id).to.equal(next);
        const r = await recordOf(s.disputes, id);
        expect([r.claimId, r.claimant]).to.deep.equal([next, s.alice.address]);
        expect((await s.disputes.claimStateOf(r, 0n)).status).to.equal(ClaimStatus.Filed);
        expect(
          await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
        ).to.equal(next);
        n = id;
      }
      // Claim 2^32 does not fit the word's 32 bits: refused, nothing filed.
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, n));
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionTooManyClaims")
        .withArgs(2n ** 32n);
      expect(await s.disputes.claimCount()).to.equal(0xffffffffn);
      expect(
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ).to.equal(0n);
    });

    it("emits the agreement's MetaEvidence with every dispute under it, the same each time, and none with a claim (ERC-1497)", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setUri(CHARTER_ID, "ipfs://charter");
      const ids: bigint[] = [];
      for (const [by, against] of [
        [s.alice, s.bob],
        [s.bob, s.alice],
      ] as const) {
        const tx = s.disputes.connect(by).fileClaim(claimRequest(against.address));
        await expect(tx).not.to.emit(s.disputes, "MetaEvidence");
        ids.push(await s.disputes.claimCount());
      }
      await time.increaseTo((await recordOf(s.disputes, ids[1])).answerEndsAt + 1n);
      for (const id of ids) {
        await expect(s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id)))
          .to.emit(s.disputes, "MetaEvidence")
          .withArgs(CHARTER_ID, "ipfs://charter");
      }
    });

    it("lets the secretariat file for the alliance", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      expect((await recordOf(s.disputes, id)).forAlliance).to.equal(true);
    });

    it("lets a licensee that is not a member file as a party to its licence agreement", async function () {
      const s = await loadFixture(fixture);
      const id = await file(
        s.disputes,
        s.carol,
        claimRequest(s.bob.address, { agreementId: LICENSE_AGREEMENT_ID, clauseId: ROYALTY }),
      );
      expect((await recordOf(s.disputes, id)).claimant).to.equal(s.carol.address);
    });

    it("files without a bond call when the charter's claim bond is 0", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams(charterParams(0n));
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address))).not.to.emit(
        s.treasury,
        "ClaimBondPosted",
      );
      expect((await recordOf(s.disputes, 1n)).bond).to.equal(0n);
    });

    it("reverts when the claimant cannot pay the claim bond (C1)", async function () {
      const s = await loadFixture(fixture);
      await s.token.connect(s.alice).approve(await s.treasury.getAddress(), 0);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address))).to.be.reverted;
      expect(await s.disputes.claimCount()).to.equal(0n);
    });

    it("reverts a claim against oneself (C1)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.alice.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidRespondent")
        .withArgs(CHARTER_ID, s.alice.address);
    });

    it("reverts a claim against a non-party or the zero address (C1)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.stranger.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidRespondent")
        .withArgs(CHARTER_ID, s.stranger.address);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(ethers.ZeroAddress)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidRespondent")
        .withArgs(CHARTER_ID, ethers.ZeroAddress);
    });

    it("reverts a claim on an unknown agreement (C1)", async function () {
      const s = await loadFixture(fixture);
      // The secretariat may file on any agreement, so the agreement check itself is reached.
      await s.charter.setAgreement(99n, 0, 0, sha("x"), [s.bob.address], []);
      await expect(
        s.disputes.connect(s.secretariat).fileClaim(claimRequest(s.bob.address, { agreementId: 99n })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownAgreement")
        .withArgs(99n);
    });

    it("reverts a claim on an agreement that never took effect", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { agreementId: PENDING_ID })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionAgreementNotInForce")
        .withArgs(PENDING_ID, 1);
    });

    it("reverts a claim citing another version of the agreement", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { agreementVersion: 2 })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionVersionMismatch")
        .withArgs(CHARTER_ID, 1, 2);
    });

    it("reverts a claim on an unknown clause (C1)", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { clauseId: tag("9.9") })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClause")
        .withArgs(CHARTER_ID, tag("9.9"));
    });

    it("reverts with a zero evidence hash, a zero statement hash or no evidence URI (C1)", async function () {
      const s = await loadFixture(fixture);
      for (const [over, field] of [
        [{ evidenceHash: ethers.ZeroHash }, "evidenceHash"],
        [{ statementHash: ethers.ZeroHash }, "statementHash"],
        [{ evidenceURI: "" }, "evidenceURI"],
      ] as const) {
        await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, over)))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
          .withArgs(field);
      }
    });

    it("reverts a duplicate open claim, and accepts it again once the first is closed (C1)", async function () {
      const s = await loadFixture(fixture);
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionDuplicateClaim")
        .withArgs(1n);
      // Another clause, another respondent or another claimant is not a duplicate.
      await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await file(s.disputes, s.bob, claimRequest(s.alice.address));
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, 1n));
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      expect(await s.disputes.claimCount()).to.equal(4n);
    });

    it("reverts when the claimant is not a party, or a member party not in good standing", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.stranger).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionIneligibleClaimant")
        .withArgs(s.stranger.address);
      await expect(s.disputes.connect(s.dave).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionIneligibleClaimant")
        .withArgs(s.dave.address);
      await s.membership.setMember(s.alice.address, MemberStatus.Suspended);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionIneligibleClaimant")
        .withArgs(s.alice.address);
    });

    it("reverts remedies outside the clause's schedule (C4)", async function () {
      const s = await loadFixture(fixture);
      const cases = [
        {
          clauseId: CONTRIBUTION,
          remedies: REMEDY.DAMAGES | REMEDY.MEMBERSHIP_SUSPENSION,
          allowed: REMEDY.DAMAGES,
        },
        { clauseId: CONFIDENTIALITY, remedies: 0, allowed: REMEDY.ALL },
        { clauseId: CONFIDENTIALITY, remedies: 32 | REMEDY.DAMAGES, allowed: REMEDY.ALL },
        {
          clauseId: CONFIDENTIALITY,
          remedies: REMEDY.LICENSE_SUSPENSION | REMEDY.LICENSE_REVOCATION,
          allowed: REMEDY.ALL,
        },
      ];
      for (const c of cases) {
        const damages = c.remedies & REMEDY.DAMAGES ? u(1) : 0n;
        const licenseId =
          c.remedies & (REMEDY.LICENSE_SUSPENSION | REMEDY.LICENSE_REVOCATION) ? BOB_LICENSE : 0n;
        await expect(
          s.disputes
            .connect(s.alice)
            .fileClaim(
              claimRequest(s.bob.address, { clauseId: c.clauseId, remedies: c.remedies, damages, licenseId }),
            ),
        )
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRemedyNotAllowed")
          .withArgs(c.clauseId, c.remedies, c.allowed);
      }
    });

    it("reverts damages above the clause's cap, at the cap it files (C4)", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.disputes
          .connect(s.alice)
          .fileClaim(claimRequest(s.bob.address, { damages: CONFIDENTIALITY_CAP + 1n })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionDamagesAboveCap")
        .withArgs(CONFIDENTIALITY_CAP + 1n, CONFIDENTIALITY_CAP);
      await file(s.disputes, s.alice, claimRequest(s.bob.address, { damages: CONFIDENTIALITY_CAP }));
    });

    it("reverts zero damages with DAMAGES, and damages or a licence without their remedy (C4)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { damages: 0 })))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("damages");
      await expect(
        s.disputes
          .connect(s.alice)
          .fileClaim(claimRequest(s.bob.address, { remedies: REMEDY.MEMBERSHIP_SUSPENSION, damages: u(1) })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("damages");
      await expect(
        s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { licenseId: BOB_LICENSE })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("licenseId");
    });

    it("reverts a licence remedy on a licence that is not the respondent's or no longer live", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: CAROL_LICENSE };
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, over)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionLicenseMismatch")
        .withArgs(CAROL_LICENSE, s.carol.address);
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
      await expect(
        s.disputes
          .connect(s.alice)
          .fileClaim(claimRequest(s.bob.address, { ...over, licenseId: BOB_LICENSE })),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionLicenseMismatch")
        .withArgs(BOB_LICENSE, s.bob.address);
    });

    it("B10 reverts a licence remedy on a licence granted under another agreement or by a public offer", async function () {
      const s = await loadFixture(fixture);
      const OTHER = 13n;
      const OFFER = 14n;
      await s.licenses.setLicense(OTHER, LicenseStatus.Active, s.bob.address, 1, LICENSE_AGREEMENT_ID);
      await s.licenses.setLicense(OFFER, LicenseStatus.Active, s.bob.address, 1, 0);
      for (const [licenseId, under] of [
        [OTHER, LICENSE_AGREEMENT_ID],
        [OFFER, 0n],
      ]) {
        for (const remedies of [REMEDY.LICENSE_SUSPENSION, REMEDY.LICENSE_REVOCATION]) {
          await expect(
            s.disputes
              .connect(s.alice)
              .fileClaim(claimRequest(s.bob.address, { remedies, damages: 0, licenseId })),
          )
            .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionLicenseOutsideAgreement")
            .withArgs(licenseId, under, CHARTER_ID);
        }
      }
      expect(await s.disputes.claimCount()).to.equal(0n);
      // Bob's licence granted under the charter is within reach of a charter claim.
      await file(
        s.disputes,
        s.alice,
        claimRequest(s.bob.address, {
          remedies: REMEDY.LICENSE_SUSPENSION,
          damages: 0,
          licenseId: BOB_LICENSE,
        }),
      );
    });

    it("reverts a licence remedy while no licence manager is set", async function () {
      const s = await loadFixture(fixture);
      const fresh = await ethers.deployContract(
        "DisputeResolution",
        [
          await s.manager.getAddress(),
          await s.charter.getAddress(),
          await s.membership.getAddress(),
          await s.treasury.getAddress(),
          await s.history.getAddress(),
          await s.remedies.getAddress(),
          await s.outside.getAddress(),
        ],
        {
          libraries: { ClaimValidation: await (await ethers.deployContract("ClaimValidation")).getAddress() },
        },
      );
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      await expect(
        fresh.connect(s.alice).getFunction("fileClaim")(claimRequest(s.bob.address, over)),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoLicenseManager");
    });

    it("reverts a membership remedy against a respondent that is not a member", async function () {
      const s = await loadFixture(fixture);
      const over = {
        agreementId: LICENSE_AGREEMENT_ID,
        clauseId: ROYALTY,
        remedies: REMEDY.DAMAGES,
      };
      // The royalty clause allows no membership remedy; use a charter-like clause on the licence agreement.
      await s.charter.setAgreement(
        LICENSE_AGREEMENT_ID,
        2,
        2,
        sha("licence terms"),
        [s.bob.address, s.carol.address],
        [{ clauseId: CONFIDENTIALITY, damagesCap: u(10), remedies: REMEDY.ALL }],
      );
      await expect(
        s.disputes.connect(s.bob).fileClaim(
          claimRequest(s.carol.address, {
            ...over,
            clauseId: CONFIDENTIALITY,
            remedies: REMEDY.MEMBERSHIP_SUSPENSION,
            damages: 0,
          }),
        ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRespondentNotMember")
        .withArgs(s.carol.address);
    });

    it("keeps damages up to 2^128 - 1 in the record and reverts at 2^128 (the history entry's 128-bit amount), changing nothing", async function () {
      const s = await loadFixture(fixture);
      const cap = 2n ** 128n;
      await s.charter.setAgreement(
        CHARTER_ID,
        AgreementKind.Charter,
        AgreementStatus.Effective,
        sha("charter terms"),
        [s.alice.address, s.bob.address],
        [{ clauseId: CONFIDENTIALITY, damagesCap: cap, remedies: REMEDY.ALL }],
      );
      const count = await s.disputes.claimCount();
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { damages: cap })))
        .to.be.revertedWithCustomError(s.history, "SafeCastOverflowedUintDowncast")
        .withArgs(128, cap);
      expect(await s.disputes.claimCount()).to.equal(count);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { damages: cap - 1n }));
      const r = await recordOf(s.disputes, id);
      expect(r.damages).to.equal(cap - 1n);
      expect((await s.disputes.claimStateOf(r, 0n)).status).to.equal(ClaimStatus.Filed);
    });

    it("keeps a licence id of 2^64 and of 2^256 - 1 exactly in the record (no narrowing)", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0 };
      for (const licenseId of [2n ** 64n, ethers.MaxUint256]) {
        await s.licenses.setLicense(licenseId, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { ...over, licenseId }));
        const r = await recordOf(s.disputes, id);
        expect(r.licenseId).to.equal(licenseId);
        expect((await s.disputes.claimStateOf(r, 0n)).status).to.equal(ClaimStatus.Filed);
        // Closed, so the same four may file again with the next licence.
        await s.disputes.connect(s.alice).withdrawClaim(r);
      }
    });
  });

  describe("submitEvidence", function () {
    it("logs evidence of either party as ERC-1497 Evidence and EvidenceSubmitted with its hash", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const h = sha("bob's evidence");
      await expect(s.disputes.connect(s.bob).submitEvidence(await recordOf(s.disputes, id), h, "ipfs://bob"))
        .to.emit(s.disputes, "Evidence")
        .withArgs(await s.outside.getAddress(), id, s.bob.address, "ipfs://bob")
        .and.to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.bob.address, h, "ipfs://bob");
      await expect(
        s.disputes
          .connect(s.alice)
          .submitEvidence(await recordOf(s.disputes, id), sha("more"), "ipfs://alice-2"),
      )
        .to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.alice.address, sha("more"), "ipfs://alice-2");
    });

    it("C3 keeps evidence in events only: no history entry and no history event", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const before = await s.history.historyLength();
      await expect(
        s.disputes
          .connect(s.bob)
          .submitEvidence(await recordOf(s.disputes, id), sha("bob's evidence"), "ipfs://bob"),
      ).not.to.emit(s.history, "HistoryAppended");
      expect(await s.history.historyLength()).to.equal(before);
      expect(await kinds(s.history, s.bob.address, 1)).to.deep.equal([EntryKind.Filed]);
      expect(await kinds(s.history, s.alice.address, 0)).to.deep.equal([EntryKind.Filed]);
    });

    it("reverts for a stranger, a zero hash, an empty URI or an unknown claim", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(
        s.disputes.connect(s.stranger).submitEvidence(await recordOf(s.disputes, id), sha("x"), "u"),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.stranger.address);
      await expect(
        s.disputes.connect(s.bob).submitEvidence(await recordOf(s.disputes, id), ethers.ZeroHash, "u"),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("evidenceHash");
      await expect(s.disputes.connect(s.bob).submitEvidence(await recordOf(s.disputes, id), sha("x"), ""))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("evidenceURI");
      await expect(s.disputes.connect(s.bob).submitEvidence(await unknownRecord(s, 9n), sha("x"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(9n);
    });

    it("reverts once the claim is closed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, id));
      await expect(s.disputes.connect(s.bob).submitEvidence(await recordOf(s.disputes, id), sha("x"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(
          id,
          ClaimStatus.Withdrawn,
          mask(ClaimStatus.Filed, ClaimStatus.Answered, ClaimStatus.Arbitration),
        );
    });
  });

  describe("answer", function () {
    it("records the respondent's answer as evidence and moves the claim to Answered", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const h = sha("answer");
      await expect(s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), h, "ipfs://answer"))
        .to.emit(s.disputes, "ClaimAnswered")
        .withArgs(id, s.bob.address, h)
        .and.to.emit(s.disputes, "Evidence");
      await expectStatus(s.disputes, id, ClaimStatus.Answered);
    });

    it("accepts an answer at the window's end - 1 s and at its end (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const end = (await recordOf(s.disputes, id)).answerEndsAt;
      const snap = await ethers.provider.send("evm_snapshot", []);
      await time.setNextBlockTimestamp(end - 1n);
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u");
      await ethers.provider.send("evm_revert", [snap]);
      await time.setNextBlockTimestamp(end);
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u");
      await expectStatus(s.disputes, id, ClaimStatus.Answered);
    });

    it("reverts an answer at the window's end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const end = (await recordOf(s.disputes, id)).answerEndsAt;
      await time.setNextBlockTimestamp(end + 1n);
      await expect(s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowClosed")
        .withArgs(id, end);
    });

    it("reverts for anyone but the respondent, a zero hash, an empty URI, or twice", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).answer(await recordOf(s.disputes, id), sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.alice.address);
      await expect(s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), ethers.ZeroHash, "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("responseHash");
      await expect(s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), ""))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("responseURI");
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u");
      await expect(s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Answered, mask(ClaimStatus.Filed));
    });
  });

  describe("paySettlement", function () {
    it("keeps a partly paid claim open and closes it Settled once the damages are paid", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(100)))
        .to.emit(s.disputes, "SettlementPaid")
        .withArgs(id, s.bob.address, s.alice.address, u(100));
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
      const tx = await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(200));
      await expect(tx).to.emit(s.disputes, "ClaimSettled").withArgs(id, u(300));
      await expect(tx).to.emit(s.treasury, "ClaimBondReleased").withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Settled);
      // Pulled: the settlement and the claim bond are credited to the claimant's withdrawable balance.
      expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(u(300) + CLAIM_BOND);
      expect(await s.treasury.bondOf(s.bob.address)).to.equal(MEMBER_BOND);
      const bob = await countsFromLog(s.history, s.bob.address);
      expect(bob.settled).to.equal(1n);
      expect(bob.penaltiesPaid).to.equal(u(300));
      expect(
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ).to.equal(0n);
    });

    it("does not close a claim that asks for more than damages", async function () {
      const s = await loadFixture(fixture);
      const id = await file(
        s.disputes,
        s.alice,
        claimRequest(s.bob.address, { remedies: REMEDY.DAMAGES | REMEDY.MEMBERSHIP_SUSPENSION }),
      );
      await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(1000));
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
      expect((await stateOf(s.disputes, id)).paid).to.equal(u(1000));
    });

    it("reverts for anyone but the respondent, a zero amount, or after referral", async function () {
      const s = await loadFixture(fixture);
      const r2 = await expectPartyAndOpenGuard(s, s.bob, s.alice, (d, r) => d.paySettlement(r, u(1)));
      await expect(s.disputes.connect(s.bob).paySettlement(r2, 0))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("amount");
    });
  });

  describe("acceptCure", function () {
    it("closes the claim Cured and returns the claim bond to the claimant", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes
        .connect(s.bob)
        .submitEvidence(await recordOf(s.disputes, id), sha("cure: documents returned"), "ipfs://cure");
      const tx = await s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, id));
      await expect(tx).to.emit(s.disputes, "ClaimCured").withArgs(id);
      await expect(tx).to.emit(s.treasury, "ClaimBondReleased").withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Cured);
      expect((await countsFromLog(s.history, s.bob.address)).settled).to.equal(1n);
    });

    it("reverts for anyone but the claimant or once closed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.bob).acceptCure(await recordOf(s.disputes, id)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.bob.address);
      await s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, id));
      await expect(s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, id)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Cured, mask(ClaimStatus.Filed, ClaimStatus.Answered));
    });
  });

  describe("withdrawClaim", function () {
    it("returns the claim bond to the claimant before the respondent answered", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, id)))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Withdrawn);
      expect((await countsFromLog(s.history, s.alice.address)).withdrawn).to.equal(1n);
    });

    it("gives the claim bond to the respondent after it answered", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u");
      await expect(s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, id)))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.bob.address, CLAIM_BOND);
    });

    it("reverts for anyone but the claimant and once in arbitration", async function () {
      const s = await loadFixture(fixture);
      await expectPartyAndOpenGuard(s, s.alice, s.bob, (d, r) => d.withdrawClaim(r));
    });
  });

  describe("refer", function () {
    it("links dispute ids of 2^128 - 1 and 2^128 (keyed whole, nothing narrows them) to their claims, which execute their rulings", async function () {
      const s = await loadFixture(fixture);
      const arb = await s.outside.getAddress();
      // The outside arbitrator's ids are its disputes array's length (storage slot 3).
      const setNextId = (id: bigint) =>
        ethers.provider.send("hardhat_setStorageAt", [arb, "0x3", ethers.toBeHex(id, 32)]);
      const max = 2n ** 128n - 1n;
      await setNextId(max);
      const { id, disputeId } = await referred(s);
      expect(disputeId).to.equal(max);
      expect(await s.disputes.claimOfDispute(arb, max)).to.equal(id);
      expect(await s.disputes.rulingDeadlineOf(arb, max)).to.be.greaterThan(0n);
      // The next dispute gets id 2^128 (the array's length now).
      const next = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      const rn = await recordOf(s.disputes, next);
      await time.increaseTo(rn.answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(rn))
        .to.emit(s.disputes, "ClaimReferred")
        .withArgs(next, arb, 2n ** 128n);
      expect(await s.disputes.claimOfDispute(arb, 2n ** 128n)).to.equal(next);
      for (const d of [max, 2n ** 128n]) await s.outside.giveRuling(d, RULING.REJECTED);
      const [, end] = await s.outside.appealPeriod(2n ** 128n);
      await time.increaseTo(end + 1n);
      for (const d of [max, 2n ** 128n]) await s.outside.executeRuling(d);
      // Each record goes with its own dispute only.
      await expect(s.disputes.executeRuling(rn, max))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(arb, max);
      await execute(s.disputes, id);
      await s.disputes.executeRuling(rn, 2n ** 128n);
      await expectStatus(s.disputes, id, ClaimStatus.Dismissed);
      await expectStatus(s.disputes, next, ClaimStatus.Dismissed);
    });

    it("creates the dispute and links it to the agreement's meta-evidence and the claim's evidence group", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      const outside = await s.outside.getAddress();
      await s.charter.setUri(CHARTER_ID, "ipfs://charter");
      const tx = s.disputes.connect(s.bob).refer(await recordOf(s.disputes, id));
      await expect(tx)
        .to.emit(s.disputes, "Dispute")
        .withArgs(outside, 0n, CHARTER_ID, id)
        .and.to.emit(s.disputes, "ClaimReferred")
        .withArgs(id, outside, 0n)
        .and.to.emit(s.outside, "DisputeCreation");
      await expectStatus(s.disputes, id, ClaimStatus.Arbitration);
      expect(await s.disputes.claimOfDispute(outside, 0n)).to.equal(id);
      // ERC-1497: the agreement's MetaEvidence (its URI, read now) just before the Dispute naming it.
      const disputesAddress = await s.disputes.getAddress();
      const logs = (await (await tx).wait())!.logs.filter((l) => l.address === disputesAddress);
      const names = logs.map((l) => s.disputes.interface.parseLog(l)?.name);
      const at = names.indexOf("MetaEvidence");
      expect(names[at + 1]).to.equal("Dispute");
      expect(s.disputes.interface.parseLog(logs[at])!.args.toArray()).to.deep.equal([
        CHARTER_ID,
        "ipfs://charter",
      ]);
    });

    it("refers an unanswered claim only after the answer window: end - 1 s and end revert, end + 1 s works (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const end = (await recordOf(s.disputes, id)).answerEndsAt;
      for (const t of [end - 1n, end]) {
        await time.setNextBlockTimestamp(t);
        await expect(s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id)))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
          .withArgs(id, end);
      }
      await time.setNextBlockTimestamp(end + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      await expectStatus(s.disputes, id, ClaimStatus.Arbitration);
    });

    it("refers an answered claim once the cure period is over: end reverts, end + 1 s works (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, id), sha("a"), "u");
      const end = (await recordOf(s.disputes, id)).cureEndsAt;
      await time.setNextBlockTimestamp(end);
      await expect(s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
        .withArgs(id, end);
      await time.setNextBlockTimestamp(end + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
    });

    it("takes at least the arbitrator's fee and forwards all that was sent: quote - 1 reverts, quote and quote + 1 work (ERC-792)", async function () {
      const s = await loadFixture(fixture);
      await s.outside.setFees(1000n, 0n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const id2 = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await time.increaseTo((await recordOf(s.disputes, id2)).answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id), { value: 999n }))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(1000n, 999n);
      await expect(
        s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id), { value: 1000n }),
      ).to.changeEtherBalance(s.outside, 1000n);
      await expect(
        s.disputes.connect(s.bob).refer(await recordOf(s.disputes, id2), { value: 1001n }),
      ).to.changeEtherBalance(s.outside, 1001n);
      expect(await ethers.provider.getBalance(await s.disputes.getAddress())).to.equal(0n);
    });

    it("refuses a ruling an arbitrator tries to give from inside createDispute (reentrancy)", async function () {
      const s = await loadFixture(fixture);
      const hostile = await ethers.deployContract("DisputesReentrantArbitrator");
      await s.disputes.connect(s.council).setArbitrator(await hostile.getAddress());
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(await hostile.getAddress(), 7n);
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
    });

    it("reverts for a stranger or when already referred", async function () {
      const s = await loadFixture(fixture);
      await expectPartyAndOpenGuard(s, s.alice, s.stranger, (d, r) => d.refer(r));
    });
  });

  describe("appeal", function () {
    it("appeals through the outside arbitrator inside its window, end - 1 s and end (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(
        s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.emit(s.disputes, "ClaimAppealed")
        .withArgs(id, s.bob.address, disputeId)
        .and.to.emit(s.outside, "AppealDecision");
      // The outside arbitrator allows further appeals: a second ruling, appealed at its window's end.
      await s.outside.giveRuling(disputeId, RULING.REJECTED);
      const [, end2] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end2);
      await s.disputes
        .connect(s.alice)
        .appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
      expect(await s.outside.appealsOf(disputeId)).to.equal(2n);
      expect(await kinds(s.history, s.bob.address, 1)).to.include(EntryKind.Appealed);
    });

    it("reverts at the window's end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end + 1n);
      await expect(
        s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowClosed")
        .withArgs(id, end);
    });

    it("reverts when the arbitrator allows no appeal, for a stranger, or with the wrong fee", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await expect(
        s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNotAppealable")
        .withArgs(disputeId);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await expect(
        s.disputes
          .connect(s.stranger)
          .appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.stranger.address);
      await s.outside.setFees(0n, 500n);
      await expect(
        s.disputes
          .connect(s.bob)
          .appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id), { value: 499n }),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(500n, 499n);
      // More than the quote is forwarded whole (ERC-792: at least the cost).
      await expect(
        s.disputes
          .connect(s.bob)
          .appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id), { value: 750n }),
      ).to.changeEtherBalance(s.outside, 750n);
      expect(await ethers.provider.getBalance(await s.disputes.getAddress())).to.equal(0n);
    });

    it("reverts before the claim is in arbitration", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      // Not referred: no dispute yet (any id).
      await expect(s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Arbitration));
    });
  });

  describe("rule", function () {
    it("records the arbitrator's final ruling (ERC-792 Ruling) with the dispute; the claim stays in Arbitration and no history entry is appended until executeRuling", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.increaseTo(end + 1n);
      const length = await s.history.historyLength();
      const tx = s.outside.executeRuling(disputeId);
      await expect(tx)
        .to.emit(s.disputes, "Ruling")
        .withArgs(await s.outside.getAddress(), disputeId, RULING.UPHELD)
        .and.to.emit(s.disputes, "ClaimRuled")
        .withArgs(id, RULING.UPHELD);
      await expect(tx).not.to.emit(s.history, "HistoryAppended");
      expect(await s.history.historyLength()).to.equal(length);
      const c = await stateOf(s.disputes, id);
      expect(c.status).to.equal(ClaimStatus.Arbitration);
      expect(c.ruling).to.equal(0n);
      expect(await kinds(s.history, s.bob.address, 1)).not.to.include(EntryKind.Ruled);
    });

    it("reverts for an account that is not an arbitrator of this contract's disputes (C2)", async function () {
      const s = await loadFixture(fixture);
      const { disputeId } = await referred(s);
      await expect(s.disputes.connect(s.stranger).rule(disputeId, 1))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(s.stranger.address, disputeId);
      const other = await ethers.deployContract("MockArbitrator");
      await expect(other.ruleOn(await s.disputes.getAddress(), disputeId, 1))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(await other.getAddress(), disputeId);
    });

    it("keeps the arbitrator a claim was filed under after the council switches arbitrators (C2)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.disputes.connect(s.council).setArbitrator(await s.panel.getAddress());
      await expect(s.outside.forceRule(disputeId, RULING.REJECTED))
        .to.emit(s.disputes, "ClaimRuled")
        .withArgs(id, RULING.REJECTED);
      await execute(s.disputes, id);
      expect(statusAndRuling(await stateOf(s.disputes, id))).to.deep.equal([
        BigInt(ClaimStatus.Dismissed),
        RULING.REJECTED,
      ]);
    });

    it("reverts a second ruling for the same dispute (C2)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await ruled(s, RULING.UPHELD);
      await expect(s.outside.forceRule(disputeId, RULING.REJECTED))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
      // Also once the ruling was executed: the dispute keeps its ruling.
      await execute(s.disputes, id);
      await expect(s.outside.forceRule(disputeId, RULING.REJECTED))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
      expect((await stateOf(s.disputes, id)).ruling).to.equal(RULING.UPHELD);
    });

    it("reverts a ruling inside the arbitrator's appeal window, also at its end (C2, A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      for (const t of [end - 1n, end]) {
        await time.setNextBlockTimestamp(t);
        await expect(s.outside.forceRule(disputeId, RULING.UPHELD))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionAppealWindowOpen")
          .withArgs(disputeId, end);
      }
      await time.setNextBlockTimestamp(end + 1n);
      await expect(s.outside.forceRule(disputeId, RULING.UPHELD))
        .to.emit(s.disputes, "ClaimRuled")
        .withArgs(id, RULING.UPHELD);
      await expectStatus(s.disputes, id, ClaimStatus.Arbitration);
    });

    it("reverts a ruling above the two choices", async function () {
      const s = await loadFixture(fixture);
      const { disputeId } = await referred(s);
      await expect(s.outside.forceRule(disputeId, 3))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidRuling")
        .withArgs(3);
    });
  });

  describe("claimPayout", function () {
    it("pays the claimant exactly what its executed claim owes (slash + claim bond) by one transfer, once (M9)", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD);
      await execute(s.disputes, id);
      const owed = u(300) + CLAIM_BOND;
      // Anyone may pull; the money always goes to the recorded payee, the claimant.
      expect(
        await s.disputes
          .connect(s.stranger)
          .claimPayout.staticCall(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      ).to.equal(owed);
      const tx = await s.disputes
        .connect(s.stranger)
        .claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id));
      await expect(tx)
        .to.emit(s.disputes, "ClaimPayoutPulled")
        .withArgs(id, s.alice.address, s.stranger.address, owed);
      await expect(tx).to.emit(s.treasury, "ClaimPaid").withArgs(id, s.alice.address, owed);
      await expect(tx).to.changeTokenBalances(s.token, [s.alice, s.stranger, s.treasury], [owed, 0n, -owed]);
      expect((await s.disputes.claimStateOf(await recordOf(s.disputes, id), 0n)).payoutOwed).to.equal(false);
      expect(await s.treasury.totalClaimBonds()).to.equal(0n);
      expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(0n);
      await expect(
        s.disputes.connect(s.alice).claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(id);
      await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [id]);
      await expectVaultCovers(s);
    });

    it("refuses an unknown claim, a claim not Executed, and an executed claim that owes nothing", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.claimPayout(await unknownRecord(s, 99n), 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_SUSPENSION,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      await expect(
        s.disputes.claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus");
      // Claim bond only (no damages requested): owed and pulled; then nothing.
      await execute(s.disputes, id);
      await expect(
        s.disputes.claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      ).to.changeTokenBalance(s.token, s.alice, CLAIM_BOND);
      await expect(s.disputes.claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(id);
      // A dismissed claim's bond went to a withdrawable balance: nothing to pull here.
      const { id: rejected } = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      await execute(s.disputes, rejected);
      await expect(
        s.disputes.claimPayout(await recordOf(s.disputes, rejected), await owedOf(s.disputes, rejected)),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus");
      expect(await s.treasury.withdrawableOf(s.bob.address)).to.equal(CLAIM_BOND);
      await expectVaultCovers(s);
    });

    it("changes nothing when the token refuses the claimant, and pays it once the token accepts it again (M1)", async function () {
      const s = await deploySuite({ blacklistToken: true });
      await s.disputes.connect(s.council).setArbitrator(await s.outside.getAddress());
      const blk = s.token as unknown as TreasuryBlacklistToken;
      const { id } = await ruled(s, RULING.UPHELD);
      await execute(s.disputes, id);
      const owed = u(300) + CLAIM_BOND;
      const snapshot = async () => [
        await owedOf(s.disputes, id),
        (await stateOf(s.disputes, id)).payoutOwed,
        (await stateOf(s.disputes, id)).status,
        await s.treasury.totalClaimBonds(),
        await s.treasury.totalLiabilities(),
        await s.treasury.withdrawableOf(s.alice.address),
        await s.token.balanceOf(s.alice.address),
        await s.token.balanceOf(await s.treasury.getAddress()),
      ];
      const before = await snapshot();
      expect(before[0]).to.equal(owed);
      await blk.setBlacklisted(s.alice.address, true);
      for (const caller of [s.alice, s.stranger]) {
        await expect(
          s.disputes
            .connect(caller)
            .claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
        )
          .to.be.revertedWithCustomError(blk, "TreasuryBlacklistTokenBlocked")
          .withArgs(s.alice.address);
      }
      expect(await snapshot()).to.deep.equal(before);
      await blk.setBlacklisted(s.alice.address, false);
      await expect(
        s.disputes
          .connect(s.stranger)
          .claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      ).to.changeTokenBalances(s.token, [s.alice, s.treasury], [owed, -owed]);
      expect((await s.disputes.claimStateOf(await recordOf(s.disputes, id), 0n)).payoutOwed).to.equal(false);
      await expectVaultCovers(s);
    });
  });

  describe("executeRuling", function () {
    it("slashes the bond into the claim money held for the injured party, moving no token, and counts the penalty", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await ruled(s, RULING.UPHELD);
      const tx = await s.disputes
        .connect(s.stranger)
        .executeRuling(await recordOf(s.disputes, id), disputeId);
      await expect(tx).to.emit(s.disputes, "ClaimExecuted").withArgs(id);
      // One history call in this transaction: the Ruled entry (with the dispute id), the Executed
      // entry, then the penalty's entry (its record and its event).
      const inTx = await eventsOf(s.history, tx, "HistoryAppended");
      expect(inTx.map((e) => e.args.kind)).to.deep.equal(
        [EntryKind.Ruled, EntryKind.Executed, EntryKind.PenaltyApplied].map(BigInt),
      );
      const last = (await loggedHistory(s.history)).entries.slice(-3);
      expect(
        last.map((e) => [e.kind, e.detailKind, e.claimId, e.respondent, e.actor, e.data, e.amount]),
      ).to.deep.equal([
        [
          BigInt(EntryKind.Ruled),
          1n,
          id,
          s.bob.address,
          await s.outside.getAddress(), // the arbitrator that ruled is the Ruled entry's actor
          ethers.toBeHex(disputeId, 32),
          0n,
        ],
        [BigInt(EntryKind.Executed), 1n, id, s.bob.address, s.stranger.address, ethers.ZeroHash, 0n],
        [
          BigInt(EntryKind.PenaltyApplied),
          BigInt(REMEDY.DAMAGES),
          id,
          s.bob.address,
          s.stranger.address,
          ethers.ZeroHash,
          u(300),
        ],
      ]);
      await expect(tx)
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, u(300), id);
      await expect(tx).not.to.emit(s.treasury, "ClaimBondReleased");
      await expect(tx)
        .to.emit(s.disputes, "ClaimPayoutOwed")
        .withArgs(id, s.alice.address, u(300) + CLAIM_BOND);
      // Pulled, never pushed: no token moves in the ruling's transaction.
      await expect(tx).to.changeTokenBalances(s.token, [s.alice, s.treasury], [0n, 0n]);
      await expectStatus(s.disputes, id, ClaimStatus.Executed);
      // What is owed (the old record's bond field after execution) is committed to in the word.
      expect(await owedOf(s.disputes, id)).to.equal(u(300) + CLAIM_BOND);
      expect((await stateOf(s.disputes, id)).payoutOwed).to.equal(true);
      expect(await s.treasury.bondOf(s.bob.address)).to.equal(MEMBER_BOND - u(300));
      expect(await s.treasury.totalClaimBonds()).to.equal(u(300) + CLAIM_BOND);
      expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(0n);
      const bob = await countsFromLog(s.history, s.bob.address);
      expect([bob.upheld, bob.penalties, bob.penaltiesPaid]).to.deep.equal([1n, 1n, u(300)]);
      expect((await countsFromLog(s.history, s.alice.address)).filedUpheld).to.equal(1n);
      await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [id]);
    });

    it("never slashes more than the bond, and touches no other ledger (M8)", async function () {
      const s = await loadFixture(fixture);
      await s.treasury.connect(s.projectsModule).fundProject(7n, s.bob.address, u(5000));
      const { id } = await ruled(s, RULING.UPHELD, { damages: CONFIDENTIALITY_CAP });
      await expect(execute(s.disputes, id))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, MEMBER_BOND, id);
      expect(await s.treasury.bondOf(s.bob.address)).to.equal(0n);
      expect(await s.treasury.projectBalance(7n)).to.equal(u(5000));
      expect((await countsFromLog(s.history, s.bob.address)).penaltiesPaid).to.equal(MEMBER_BOND);
    });

    it("deducts what the respondent paid voluntarily from the damages slashed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(
        s.disputes,
        s.alice,
        claimRequest(s.bob.address, { remedies: REMEDY.DAMAGES | REMEDY.MEMBERSHIP_SUSPENSION }),
      );
      await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(100));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      const disputeId = await disputeOf(s.disputes, id);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increase(8 * 24 * 3600);
      await s.outside.executeRuling(disputeId);
      await expect(execute(s.disputes, id))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, u(200), id);
      // A penalty never exceeds the bond plus what was paid voluntarily.
      expect((await countsFromLog(s.history, s.bob.address)).penaltiesPaid).to.equal(u(300));
    });

    it("sends the damages of a secretariat claim to the alliance fund", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.secretariat).refer(await recordOf(s.disputes, id));
      const disputeId = await disputeOf(s.disputes, id);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increase(8 * 24 * 3600);
      await s.outside.executeRuling(disputeId);
      await expect(execute(s.disputes, id))
        .to.emit(s.disputes, "ClaimPayoutOwed")
        .withArgs(id, s.secretariat.address, CLAIM_BOND);
      expect(await s.treasury.allianceFund()).to.equal(u(300));
      // B12: only its own claim bond is owed to the secretariat's account, pulled like any other.
      expect(await owedOf(s.disputes, id)).to.equal(CLAIM_BOND);
      await expect(
        s.disputes
          .connect(s.stranger)
          .claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      ).to.changeTokenBalance(s.token, s.secretariat, CLAIM_BOND);
      expect(await s.treasury.allianceFund()).to.equal(u(300));
    });

    it("suspends the licence and the membership and puts expulsion to the council", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_SUSPENSION | REMEDY.MEMBERSHIP_SUSPENSION | REMEDY.EXPULSION_PROPOSAL,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      const tx = await execute(s.disputes, id);
      const statement = (await recordOf(s.disputes, id)).statementHash;
      await expect(tx)
        .to.emit(s.licenses, "LicenseSuspended")
        .withArgs(BOB_LICENSE, id, await s.remedies.getAddress());
      await expect(tx).to.emit(s.membership, "MemberSuspended").withArgs(s.bob.address, statement);
      const [created] = await eventsOf(s.governor, tx, "ProposalCreated");
      expect(created.args.proposer).to.equal(await s.remedies.getAddress());
      expect(created.args.targets).to.deep.equal([await s.membership.getAddress()]);
      expect(created.args.calldatas[0]).to.equal(
        s.membership.interface.encodeFunctionData("expel", [s.bob.address, statement]),
      );
      expect(created.args.description).to.contain(`Covenant claim #${id}`);
      // B8: only RemedyExecution can create this proposal id.
      expect(created.args.description).to.match(
        new RegExp(`#proposer=${(await s.remedies.getAddress()).toLowerCase()}$`),
      );
      await expect(tx)
        .to.emit(s.remedies, "ExpulsionProposed")
        .withArgs(id, s.bob.address, created.args.proposalId);
      // Never automatic: the member is suspended, not expelled.
      expect(await s.membership.statusOf(s.bob.address)).to.equal(MemberStatus.Suspended);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      expect((await countsFromLog(s.history, s.bob.address)).penalties).to.equal(2n);
    });

    it("revokes a licence when revocation was requested", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_REVOCATION,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      await expect(execute(s.disputes, id)).to.emit(s.licenses, "LicenseRevoked");
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Revoked);
    });

    it("skips remedies with nothing left to act on and still closes the claim", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_SUSPENSION | REMEDY.MEMBERSHIP_SUSPENSION | REMEDY.EXPULSION_PROPOSAL,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Expired, s.bob.address, 1, CHARTER_ID);
      await s.membership.setMember(s.bob.address, MemberStatus.Withdrawn);
      const tx = await execute(s.disputes, id);
      await expect(tx).to.emit(s.remedies, "RemedySkipped").withArgs(id, REMEDY.LICENSE_SUSPENSION);
      await expect(tx).to.emit(s.remedies, "RemedySkipped").withArgs(id, REMEDY.MEMBERSHIP_SUSPENSION);
      await expect(tx).to.emit(s.remedies, "RemedySkipped").withArgs(id, REMEDY.EXPULSION_PROPOSAL);
      await expect(tx).not.to.emit(s.governor, "ProposalCreated");
      await expectStatus(s.disputes, id, ClaimStatus.Executed);
    });

    it("skips the slash when the respondent has no bond", async function () {
      const s = await loadFixture(fixture);
      const id = await file(
        s.disputes,
        s.bob,
        claimRequest(s.carol.address, { agreementId: LICENSE_AGREEMENT_ID, clauseId: ROYALTY }),
      );
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.bob).refer(await recordOf(s.disputes, id));
      await s.outside.forceRule(await disputeOf(s.disputes, id), RULING.UPHELD);
      await expect(execute(s.disputes, id))
        .to.emit(s.remedies, "RemedySkipped")
        .withArgs(id, REMEDY.DAMAGES)
        .and.not.to.emit(s.treasury, "BondSlashed");
    });

    it("still applies the ruling when the governor refuses the expulsion proposal", async function () {
      const s = await loadFixture(fixture);
      await s.governor.setRefuse(true);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.DAMAGES | REMEDY.EXPULSION_PROPOSAL,
      });
      const tx = await execute(s.disputes, id);
      await expect(tx).to.emit(s.remedies, "ExpulsionProposalFailed").withArgs(id, s.bob.address);
      await expect(tx).to.emit(s.treasury, "BondSlashed");
      await expectStatus(s.disputes, id, ClaimStatus.Executed);
    });

    it("dismisses a rejected claim and gives the claim bond to the respondent", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.REJECTED);
      const tx = await execute(s.disputes, id);
      await expect(tx).to.emit(s.disputes, "ClaimDismissed").withArgs(id, RULING.REJECTED);
      await expect(tx).to.emit(s.treasury, "ClaimBondReleased").withArgs(id, s.bob.address, CLAIM_BOND);
      await expect(tx).not.to.emit(s.treasury, "BondSlashed");
      await expectStatus(s.disputes, id, ClaimStatus.Dismissed);
      expect((await countsFromLog(s.history, s.bob.address)).dismissed).to.equal(1n);
      expect((await countsFromLog(s.history, s.alice.address)).filedDismissed).to.equal(1n);
    });

    it("dismisses a claim the arbitrator refused and returns the claim bond to the claimant", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.REFUSED);
      await expect(execute(s.disputes, id))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Dismissed);
    });

    it("reverts before the ruling and a second time", async function () {
      const s = await loadFixture(fixture);
      const { id } = await referred(s);
      await expect(execute(s.disputes, id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Arbitration, mask(ClaimStatus.Ruled));
      const disputeId = await disputeOf(s.disputes, id);
      await s.outside.forceRule(disputeId, RULING.UPHELD);
      await execute(s.disputes, id);
      // While the claim owes its claimant money, its word commits to that amount: the record alone
      // (what executeRuling takes) no longer matches.
      await expect(execute(s.disputes, id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
        .withArgs(id);
      await s.disputes.claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id));
      await expect(execute(s.disputes, id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Executed, mask(ClaimStatus.Arbitration));
      // A dismissed claim owes nothing: a second execution finds it Dismissed.
      const { id: other } = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      await execute(s.disputes, other);
      await expect(execute(s.disputes, other))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(other, ClaimStatus.Dismissed, mask(ClaimStatus.Arbitration));
    });

    it("appends Ruled then Dismissed in the executeRuling transaction of a rejected or refused ruling, none at rule", async function () {
      const s = await loadFixture(fixture);
      for (const [ruling, clauseId] of [
        [RULING.REJECTED, CONFIDENTIALITY],
        [RULING.REFUSED, CONTRIBUTION],
      ] as const) {
        const { id, disputeId } = await referred(s, { clauseId });
        const ruleTx = await s.outside.forceRule(disputeId, ruling);
        await expect(ruleTx).not.to.emit(s.history, "HistoryAppended");
        const tx = await s.disputes
          .connect(s.stranger)
          .executeRuling(await recordOf(s.disputes, id), disputeId);
        const inTx = await eventsOf(s.history, tx, "HistoryAppended");
        expect(inTx.map((e) => [e.args.kind, e.args.claimId])).to.deep.equal([
          [BigInt(EntryKind.Ruled), id],
          [BigInt(EntryKind.Dismissed), id],
        ]);
        const last = (await loggedHistory(s.history)).entries.slice(-2);
        expect(last.map((e) => [e.kind, e.detailKind, e.actor, e.data])).to.deep.equal([
          [BigInt(EntryKind.Ruled), ruling, await s.outside.getAddress(), ethers.toBeHex(disputeId, 32)],
          [BigInt(EntryKind.Dismissed), ruling, s.stranger.address, ethers.ZeroHash],
        ]);
        expect(statusAndRuling(await stateOf(s.disputes, id))).to.deep.equal([
          BigInt(ClaimStatus.Dismissed),
          ruling,
        ]);
      }
    });

    it("takes only the claim's own dispute: another dispute id or another claim's reverts UnknownDispute, changing nothing", async function () {
      const s = await loadFixture(fixture);
      const a = await ruled(s, RULING.UPHELD);
      const b = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      const arb = await s.outside.getAddress();
      for (const wrong of [b.disputeId, b.disputeId + 1n]) {
        await expect(s.disputes.executeRuling(a.r, wrong))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
          .withArgs(arb, wrong);
      }
      await expectStatus(s.disputes, a.id, ClaimStatus.Arbitration);
      await expectStatus(s.disputes, b.id, ClaimStatus.Arbitration);
      await s.disputes.executeRuling(a.r, a.disputeId);
      await expectStatus(s.disputes, a.id, ClaimStatus.Executed);
    });
  });

  describe("setArbitrator", function () {
    it("lets the council set the arbitrator for claims filed afterwards", async function () {
      const s = await loadFixture(fixture);
      const before = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.council).setArbitrator(await s.panel.getAddress()))
        .to.emit(s.disputes, "ArbitratorSet")
        .withArgs(await s.panel.getAddress());
      const after = await file(s.disputes, s.bob, claimRequest(s.alice.address));
      expect((await recordOf(s.disputes, before)).arbitrator).to.equal(await s.outside.getAddress());
      expect((await recordOf(s.disputes, after)).arbitrator).to.equal(await s.panel.getAddress());
    });

    it("reverts for anyone but the council and for the zero address (A1)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.alice, s.secretariat]) {
        await expect(s.disputes.connect(who).setArbitrator(await s.panel.getAddress()))
          .to.be.revertedWithCustomError(s.disputes, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
      await expect(
        s.disputes.connect(s.council).setArbitrator(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionZeroAddress");
    });
  });

  describe("setLicenseManager", function () {
    it("lets the council set the licence manager", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.council).setLicenseManager(s.stranger.address))
        .to.emit(s.disputes, "LicenseManagerSet")
        .withArgs(s.stranger.address);
      expect(await s.disputes.licenseManager()).to.equal(s.stranger.address);
    });

    it("reverts for anyone but the council and for the zero address (A1)", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).setLicenseManager(s.stranger.address))
        .to.be.revertedWithCustomError(s.disputes, "AccessManagedUnauthorized")
        .withArgs(s.alice.address);
      await expect(
        s.disputes.connect(s.council).setLicenseManager(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionZeroAddress");
    });
  });

  describe("recordDefault", function () {
    it("appends a default from the projects or the licensing module to the respondent's history", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.history
          .connect(s.licensingModule)
          .recordDefault(1, s.carol.address, LICENSE_AGREEMENT_ID, ROYALTY, 12n, 3n, u(50), u(5)),
      )
        .to.emit(s.history, "DefaultRecorded")
        .withArgs(1n, 1, s.carol.address, LICENSE_AGREEMENT_ID, ROYALTY, 12n, 3n, u(50), u(5));
      await s.history
        .connect(s.projectsModule)
        .recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 7n, 1n, u(20), u(1));
      const [e] = (await loggedHistory(s.history)).entries;
      expect(e.kind).to.equal(BigInt(EntryKind.DefaultRecorded));
      expect(e.actor).to.equal(s.licensingModule.address);
      expect(e.claimant).to.equal(ethers.ZeroAddress);
      expect(e.claimId).to.equal(12n);
      expect(e.data).to.equal(ethers.toBeHex(3n, 32));
      expect([e.amount, e.penalty]).to.deep.equal([u(50), u(5)]);
      const carol = await countsFromLog(s.history, s.carol.address);
      expect([carol.defaults, carol.defaultedAmount]).to.deep.equal([1n, u(50)]);
      expect(await kinds(s.history, s.bob.address, 1)).to.deep.equal([EntryKind.DefaultRecorded]);
    });

    it("reverts amounts that do not fit the entry's 128-bit fields", async function () {
      const s = await loadFixture(fixture);
      await expect(
        s.history
          .connect(s.projectsModule)
          .recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 1n, 1n, 2n ** 128n, 0n),
      )
        .to.be.revertedWithCustomError(s.history, "SafeCastOverflowedUintDowncast")
        .withArgs(128, 2n ** 128n);
      expect(await s.history.historyLength()).to.equal(0n);
    });

    it("reverts for any other caller and for a zero respondent", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.council, s.secretariat, s.membershipModule]) {
        await expect(
          s.history.connect(who).recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 1n, 1n, 1n, 0n),
        )
          .to.be.revertedWithCustomError(s.history, "BreachHistoryNotRecorder")
          .withArgs(who.address);
      }
      await expect(
        s.history
          .connect(s.projectsModule)
          .recordDefault(0, ethers.ZeroAddress, CHARTER_ID, CONTRIBUTION, 1n, 1n, 1n, 0n),
      ).to.be.revertedWithCustomError(s.history, "BreachHistoryZeroAddress");
    });
  });

  describe("recordClaimEntry (BreachHistory)", function () {
    const entry = (kind: number, claimId: bigint, over: Record<string, unknown> = {}) => ({
      kind,
      detailKind: 0,
      actor: ethers.ZeroAddress,
      claimId,
      claimant: ethers.ZeroAddress,
      respondent: ethers.ZeroAddress,
      agreementId: CHARTER_ID,
      clauseId: CONFIDENTIALITY,
      data: ethers.ZeroHash,
      amount: 0,
      ...over,
    });

    it("reverts for anyone without DISPUTES_MODULE, the projects module included (A1, C3)", async function () {
      const s = await loadFixture(fixture);
      for (const who of [s.stranger, s.council, s.secretariat, s.projectsModule, s.alice]) {
        await expect(
          s.history
            .connect(who)
            .recordClaimEntry(
              entry(EntryKind.Filed, 1n, { claimant: s.alice.address, respondent: s.bob.address }),
            ),
        )
          .to.be.revertedWithCustomError(s.history, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("appends an entry with the parties, agreement and clause the disputes module passes, never a zero party (C3)", async function () {
      const s = await loadFixture(fixture);
      // A test wallet standing in for the disputes module.
      await s.manager.grantRole(ROLE.DISPUTES_MODULE, s.stranger.address, 0);
      const h = s.history.connect(s.stranger);
      for (const over of [{ claimant: s.alice.address }, { respondent: s.bob.address }]) {
        await expect(h.recordClaimEntry(entry(EntryKind.Filed, 5n, over))).to.be.revertedWithCustomError(
          s.history,
          "BreachHistoryZeroAddress",
        );
      }
      await h.recordClaimEntry(
        entry(EntryKind.Filed, 5n, { claimant: s.alice.address, respondent: s.bob.address }),
      );
      await h.recordClaimEntry(
        entry(EntryKind.Withdrawn, 5n, { claimant: s.alice.address, respondent: s.bob.address }),
      );
      const { ids, entries } = await loggedHistory(s.history);
      expect(ids).to.deep.equal([1n, 2n]);
      expect([entries[1].kind, entries[1].claimant, entries[1].respondent]).to.deep.equal([
        BigInt(EntryKind.Withdrawn),
        s.alice.address,
        s.bob.address,
      ]);
      expect((await countsFromLog(s.history, s.alice.address)).withdrawn).to.equal(1n);
      expect((await countsFromLog(s.history, s.carol.address)).withdrawn).to.equal(0n);
      expect(await s.history.historyLength()).to.equal(2n);
      await expectHeadsMatchEvents(s.history);
    });

    it("recordClaimEntries appends 1 to MAX_ENTRIES_PER_CALL entries in order, each with its event and fold; 0, one more, a zero party or another caller reverts (C3, I8)", async function () {
      const s = await loadFixture(fixture);
      await s.manager.grantRole(ROLE.DISPUTES_MODULE, s.stranger.address, 0);
      const h = s.history.connect(s.stranger);
      const max = await s.history.MAX_ENTRIES_PER_CALL();
      expect(max).to.equal(5n);
      const parties = { claimant: s.alice.address, respondent: s.bob.address };
      const batch = (n: number, over: Record<string, unknown> = {}) =>
        Array.from({ length: n }, (_, i) =>
          entry(EntryKind.PenaltyApplied, 9n, { ...parties, amount: i, ...over }),
        );
      await expect(h.recordClaimEntries([]))
        .to.be.revertedWithCustomError(s.history, "BreachHistoryBatchSize")
        .withArgs(0n, max);
      await expect(h.recordClaimEntries(batch(Number(max) + 1)))
        .to.be.revertedWithCustomError(s.history, "BreachHistoryBatchSize")
        .withArgs(max + 1n, max);
      const zero = [...batch(2), entry(EntryKind.PenaltyApplied, 9n, { claimant: s.alice.address })];
      await expect(h.recordClaimEntries(zero)).to.be.revertedWithCustomError(
        s.history,
        "BreachHistoryZeroAddress",
      );
      for (const who of [s.council, s.projectsModule, s.alice]) {
        await expect(s.history.connect(who).recordClaimEntries(batch(1)))
          .to.be.revertedWithCustomError(s.history, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
      expect(await s.history.historyLength()).to.equal(0n);
      await h.recordClaimEntry(entry(EntryKind.Filed, 9n, parties));
      expect(await h.recordClaimEntries.staticCall(batch(Number(max)))).to.equal(2n);
      await h.recordClaimEntries(batch(Number(max)));
      const { ids, entries } = await loggedHistory(s.history);
      expect(ids).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n]);
      expect(entries.slice(1).map((e) => e.amount)).to.deep.equal([0n, 1n, 2n, 3n, 4n]);
      expect((await s.history.memberHead(s.bob.address)).count).to.equal(6n);
      expect((await s.history.clauseHead(CHARTER_ID, CONFIDENTIALITY)).count).to.equal(6n);
      await expectHeadsMatchEvents(s.history);
    });
  });

  describe("history views", function () {
    async function seeded() {
      const s = await loadFixture(fixture);
      for (let i = 0; i < 5; i++) {
        await s.history
          .connect(s.projectsModule)
          .recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 7n, BigInt(i), u(1), 0n);
      }
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      return s;
    }

    it("counts the whole history and keeps a member's and a clause's head; the entries are the events (C3, I8)", async function () {
      const s = await seeded();
      // Five defaults and the claim's Filed entry (C3: its evidence is an event, not an entry).
      expect(await s.history.historyLength()).to.equal(6n);
      const { ids } = await loggedHistory(s.history);
      expect(ids).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n]);
      const [rIds] = await memberHistoryOf(s.history, s.bob.address, 1);
      expect(rIds).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n]);
      expect((await memberHistoryOf(s.history, s.alice.address, 0))[0]).to.deep.equal([6n]);
      expect((await s.history.memberHead(s.bob.address)).count).to.equal(6n);
      expect((await s.history.clauseHead(CHARTER_ID, CONTRIBUTION)).count).to.equal(5n);
      expect((await s.history.clauseHead(CHARTER_ID, CONFIDENTIALITY)).count).to.equal(1n);
    });

    it("I8 folds each entry, as its HistoryAppended event carries it, into its respondent's head and its clause's", async function () {
      const s = await seeded();
      const [, entries] = await memberHistoryOf(s.history, s.bob.address, 1);
      let head = EMPTY_HEAD;
      for (const e of entries) head = foldHead(head, hashEntry(e));
      const bob = await s.history.memberHead(s.bob.address);
      expect([bob.head, bob.count]).to.deep.equal([head, 6n]);
      // The next entry moves the respondent's head and its clause's, and nobody else's.
      const clauseBefore = await s.history.clauseHead(CHARTER_ID, CONTRIBUTION);
      const tx = s.history
        .connect(s.projectsModule)
        .recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 7n, 5n, u(1), 0n);
      await expect(tx).to.emit(s.history, "HistoryAppended");
      const [, bobEntries] = await memberHistoryOf(s.history, s.bob.address, 1);
      const h = hashEntry(bobEntries[6]);
      const after = await s.history.memberHead(s.bob.address);
      expect([after.head, after.count]).to.deep.equal([foldHead(head, h), 7n]);
      const clause = await s.history.clauseHead(CHARTER_ID, CONTRIBUTION);
      expect([clause.head, clause.count]).to.deep.equal([
        foldHead(clauseBefore.head, h),
        clauseBefore.count + 1n,
      ]);
      expect((await s.history.clauseHead(CHARTER_ID, CONFIDENTIALITY)).count).to.equal(1n);
      expect((await s.history.memberHead(s.alice.address)).count).to.equal(0n);
      await expectHeadsMatchEvents(s.history);
    });

    it("I8 reports an empty head for a member or a clause without entries", async function () {
      const s = await seeded();
      const none = await s.history.memberHead(s.carol.address);
      expect([none.head, none.count]).to.deep.equal([EMPTY_HEAD, 0n]);
      const clause = await s.history.clauseHead(CHARTER_ID + 1n, CONFIDENTIALITY);
      expect([clause.head, clause.count]).to.deep.equal([EMPTY_HEAD, 0n]);
    });

    it("reverts claimStateOf for a record whose four never filed, and for a record that is not the filed one", async function () {
      const s = await seeded();
      await expect(s.disputes.claimStateOf(await unknownRecord(s, 2n), 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(2n);
      const r = await recordOf(s.disputes, 1n);
      await expect(s.disputes.claimStateOf({ ...r, claimId: 2n }, 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
        .withArgs(2n);
      await expect(s.disputes.claimStateOf(r, 1n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
        .withArgs(1n);
    });
  });

  describe("invariants", function () {
    it("keeps the history append-only (C3, I8) and the bonds consistent (I7) through every path", async function () {
      const s = await loadFixture(fixture);
      let snap = await historySnapshot(s.history);
      const ids: bigint[] = [];
      const step = async () => {
        snap = await expectHistoryAppendOnly(s.history, snap);
        await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], ids);
      };
      const actors: [HardhatEthersSigner, HardhatEthersSigner][] = [
        [s.alice, s.bob],
        [s.bob, s.alice],
      ];
      // Withdrawn, cured, settled, upheld, rejected: every closing path, with checks after each step.
      ids.push(await file(s.disputes, s.alice, claimRequest(s.bob.address)));
      await step();
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, ids[0]));
      await step();
      ids.push(await file(s.disputes, s.bob, claimRequest(s.alice.address)));
      await s.disputes.connect(s.bob).acceptCure(await recordOf(s.disputes, ids[1]));
      await step();
      ids.push(await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION })));
      await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, ids[2]), u(300));
      await step();
      for (const [ruling, [claimant, respondent]] of [
        [RULING.UPHELD, actors[0]],
        [RULING.REJECTED, actors[1]],
      ] as const) {
        const id = await file(s.disputes, claimant, claimRequest(respondent.address));
        ids.push(id);
        await step();
        await s.disputes.connect(respondent).answer(await recordOf(s.disputes, id), sha("answer"), "u");
        await step();
        await time.increaseTo((await recordOf(s.disputes, id)).cureEndsAt + 1n);
        await s.disputes.connect(claimant).refer(await recordOf(s.disputes, id));
        await step();
        await s.outside.forceRule(await disputeOf(s.disputes, id), ruling);
        await step();
        await execute(s.disputes, id);
        await step();
      }
      await s.history
        .connect(s.projectsModule)
        .recordDefault(0, s.bob.address, CHARTER_ID, CONTRIBUTION, 1n, 1n, 1n, 0n);
      await step();
      expect(snap.length).to.equal(Number(await s.history.historyLength()));
    });
  });

  describe("liftSuspension (claimant's waiver)", function () {
    /** Alice's claim against Bob asking to suspend his licence, upheld and executed. */
    async function suspended(s: Suite) {
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await execute(s.disputes, id);
      return id;
    }

    it("lifts the licence suspension its upheld ruling applied: event, licence Active, a new history entry (M9, C3)", async function () {
      const s = await loadFixture(fixture);
      const id = await suspended(s);
      expect((await stateOf(s.disputes, id)).licenseSuspended).to.equal(true);
      expect((await stateOf(s.disputes, id)).suspensionLifted).to.equal(false);
      const before = await historySnapshot(s.history);
      const waiver = sha("waiver signed after the settlement");
      const tx = await s.disputes
        .connect(s.alice)
        .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), waiver);
      await expect(tx)
        .to.emit(s.disputes, "LicenseSuspensionLifted")
        .withArgs(id, BOB_LICENSE, s.alice.address, waiver);
      await expect(tx)
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, id, await s.remedies.getAddress());
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
      const c = await stateOf(s.disputes, id);
      expect(c.status).to.equal(ClaimStatus.Executed);
      expect([c.licenseSuspended, c.suspensionLifted]).to.deep.equal([true, true]);
      const after = await expectHistoryAppendOnly(s.history, before);
      expect(after.length).to.equal(before.length + 1);
      const e = (await loggedHistory(s.history)).entries[after.length - 1];
      expect(e.kind).to.equal(EntryKind.SuspensionLifted);
      expect(e.detailKind).to.equal(REMEDY.LICENSE_SUSPENSION);
      expect(e.actor).to.equal(s.alice.address);
      expect(e.respondent).to.equal(s.bob.address);
      expect(e.claimId).to.equal(id);
      expect(e.data).to.equal(waiver);
      const respondentKinds = await kinds(s.history, s.bob.address, 1);
      expect(respondentKinds.slice(-2)).to.deep.equal([EntryKind.PenaltyApplied, EntryKind.SuspensionLifted]);
    });

    it("reverts for an unknown claim and for anyone but the claimant", async function () {
      const s = await loadFixture(fixture);
      const id = await suspended(s);
      await expect(
        s.disputes.connect(s.alice).liftSuspension(await unknownRecord(s, 99n), 0n, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      for (const who of [s.bob, s.stranger, s.council]) {
        await expect(
          s.disputes
            .connect(who)
            .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), ethers.ZeroHash),
        )
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
          .withArgs(id, who.address);
      }
    });

    it("reverts unless the claim is Executed (ruled, dismissed)", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      // Ruled, not executed: the claim is still in Arbitration.
      const { id } = await ruled(s, RULING.UPHELD, over);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Arbitration, mask(ClaimStatus.Executed));
      const other = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      await execute(s.disputes, other.id);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(
            await recordOf(s.disputes, other.id),
            await owedOf(s.disputes, other.id),
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(other.id, ClaimStatus.Dismissed, mask(ClaimStatus.Executed));
    });

    it("reverts when the claim suspended nothing: not requested, skipped at execution, or already lifted", async function () {
      const s = await loadFixture(fixture);
      // Damages only: nothing to lift.
      const damages = await ruled(s, RULING.UPHELD);
      await execute(s.disputes, damages.id);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(
            await recordOf(s.disputes, damages.id),
            await owedOf(s.disputes, damages.id),
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(damages.id);
      // Requested, but the licence was revoked before execution: the remedy was skipped.
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const skipped = await ruled(s, RULING.UPHELD, over);
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
      await expect(execute(s.disputes, skipped.id))
        .to.emit(s.remedies, "RemedySkipped")
        .withArgs(skipped.id, REMEDY.LICENSE_SUSPENSION);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(
            await recordOf(s.disputes, skipped.id),
            await owedOf(s.disputes, skipped.id),
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(skipped.id);
      // Lifted once: a second lifting reverts.
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      const id = await suspended(s);
      await s.disputes
        .connect(s.alice)
        .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), ethers.ZeroHash);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(id);
    });

    it("reverts when the licence is no longer suspended (revoked since) and changes nothing", async function () {
      const s = await loadFixture(fixture);
      const id = await suspended(s);
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
      const length = await s.history.historyLength();
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(await recordOf(s.disputes, id), await owedOf(s.disputes, id), ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionLicenseNotSuspended")
        .withArgs(BOB_LICENSE, LicenseStatus.Revoked);
      expect(await s.history.historyLength()).to.equal(length);
      expect((await stateOf(s.disputes, id)).suspensionLifted).to.equal(false);
    });
  });

  describe("B7: each ruling's licence suspension is its own", function () {
    /** Two claims of Alice against Bob on two clauses, each asking to suspend Bob's licence, both upheld. */
    async function twoSuspensions() {
      const s = await fixture();
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      await s.charter.setAgreement(
        CHARTER_ID,
        AgreementKind.Charter,
        AgreementStatus.Effective,
        sha("charter terms"),
        [s.alice.address, s.bob.address, s.dave.address],
        [
          { clauseId: CONFIDENTIALITY, damagesCap: CONFIDENTIALITY_CAP, remedies: REMEDY.ALL },
          { clauseId: CONTRIBUTION, damagesCap: u(1000), remedies: REMEDY.ALL },
        ],
      );
      const a = await ruled(s, RULING.UPHELD, over);
      await execute(s.disputes, a.id);
      const b = await ruled(s, RULING.UPHELD, { ...over, clauseId: CONTRIBUTION });
      await execute(s.disputes, b.id);
      return { ...s, first: a.id, second: b.id };
    }

    it("B7 suspends a licence already suspended for non-payment, and paying the arrears does not lift it", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await s.licenses.setNonPayment(BOB_LICENSE, true);
      const tx = await execute(s.disputes, id);
      await expect(tx)
        .to.emit(s.licenses, "LicenseSuspended")
        .withArgs(BOB_LICENSE, id, await s.remedies.getAddress());
      const e = (await loggedHistory(s.history)).entries.at(-1)!;
      expect([e.kind, e.detailKind, e.claimId, e.amount]).to.deep.equal([
        BigInt(EntryKind.PenaltyApplied),
        BigInt(REMEDY.LICENSE_SUSPENSION),
        id,
        0n,
      ]);
      await expect(tx).not.to.emit(s.remedies, "RemedySkipped");
      expect((await stateOf(s.disputes, id)).licenseSuspended).to.equal(true);
      // The arrears are paid: the ruling's suspension stays.
      await s.licenses.setNonPayment(BOB_LICENSE, false);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, id)).to.equal(true);
    });

    it("B7 one claimant's waiver lifts only its own ruling's suspension, once", async function () {
      const s = await loadFixture(twoSuspensions);
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(
            await recordOf(s.disputes, s.first),
            await owedOf(s.disputes, s.first),
            sha("waiver 1"),
          ),
      )
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, s.first, await s.remedies.getAddress());
      // The second ruling's suspension holds the licence suspended.
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, s.second)).to.equal(true);
      expect((await stateOf(s.disputes, s.second)).suspensionLifted).to.equal(false);
      // A second waiver of the same claim changes nothing.
      await expect(
        s.disputes
          .connect(s.alice)
          .liftSuspension(
            await recordOf(s.disputes, s.first),
            await owedOf(s.disputes, s.first),
            sha("waiver 1"),
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.first);
      await s.disputes
        .connect(s.alice)
        .liftSuspension(
          await recordOf(s.disputes, s.second),
          await owedOf(s.disputes, s.second),
          sha("waiver 2"),
        );
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
    });

    it("B7 the council's lifting acts on one claim's suspension only", async function () {
      const s = await loadFixture(twoSuspensions);
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(
            await recordOf(s.disputes, s.second),
            await owedOf(s.disputes, s.second),
            sha("decision"),
          ),
      )
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, s.second, await s.remedies.getAddress());
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, s.first)).to.equal(true);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(
            await recordOf(s.disputes, s.second),
            await owedOf(s.disputes, s.second),
            sha("decision"),
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.second);
    });
  });

  describe("liftSuspensionByCouncil", function () {
    async function councilFixture() {
      const s = await fixture();
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await execute(s.disputes, id);
      return { ...s, id };
    }

    it("lets the council lift a ruling's licence suspension with its decision's hash (M9)", async function () {
      const s = await loadFixture(councilFixture);
      const decision = sha("council resolution 2026-07");
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(
            await recordOf(s.disputes, s.id),
            await owedOf(s.disputes, s.id),
            decision,
          ),
      )
        .to.emit(s.disputes, "LicenseSuspensionLifted")
        .withArgs(s.id, BOB_LICENSE, s.council.address, decision)
        .and.to.emit(s.licenses, "SuspensionLifted");
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
      const e = (await loggedHistory(s.history)).entries.at(-1)!;
      expect(e.kind).to.equal(EntryKind.SuspensionLifted);
      expect(e.actor).to.equal(s.council.address);
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(
            await recordOf(s.disputes, s.id),
            await owedOf(s.disputes, s.id),
            decision,
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.id);
    });

    it("reverts for anyone without the council role, the claimant included (A1)", async function () {
      const s = await loadFixture(councilFixture);
      for (const who of [s.alice, s.bob, s.stranger, s.secretariat]) {
        await expect(
          s.disputes
            .connect(who)
            .liftSuspensionByCouncil(
              await recordOf(s.disputes, s.id),
              await owedOf(s.disputes, s.id),
              ethers.ZeroHash,
            ),
        )
          .to.be.revertedWithCustomError(s.disputes, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("reverts for an unknown claim and a claim that is not Executed", async function () {
      const s = await loadFixture(councilFixture);
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(await unknownRecord(s, 99n), 0n, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await expect(
        s.disputes
          .connect(s.council)
          .liftSuspensionByCouncil(
            await recordOf(s.disputes, id),
            await owedOf(s.disputes, id),
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Executed));
    });
  });

  describe("closeUnresolved (ruling deadline)", function () {
    it("has no deadline before referral (0 for a dispute of no claim) and RULING_PERIOD (180 days) after the referral, restarted by an appeal", async function () {
      const s = await loadFixture(fixture);
      expect(await s.disputes.RULING_PERIOD()).to.equal(BigInt(RULING_PERIOD));
      const arb = await s.outside.getAddress();
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      // The outside arbitrator's next dispute is 0: no claim yet.
      expect(await s.disputes.rulingDeadlineOf(arb, 0n)).to.equal(0n);
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      const disputeId = await disputeOf(s.disputes, id);
      expect(disputeId).to.equal(0n);
      const referredAt = BigInt(await time.latest());
      expect(await s.disputes.rulingDeadlineOf(arb, disputeId)).to.equal(referredAt + BigInt(RULING_PERIOD));
      // Keyed by the arbitrator and its dispute id: another dispute or another arbitrator has none.
      expect(await s.disputes.rulingDeadlineOf(arb, 99n)).to.equal(0n);
      expect(await s.disputes.rulingDeadlineOf(await s.panel.getAddress(), disputeId)).to.equal(0n);
      // An appeal gives the appeal round a full ruling period from the appeal.
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), disputeId);
      const appealedAt = BigInt(await time.latest());
      expect(appealedAt).to.be.greaterThan(referredAt);
      expect(await s.disputes.rulingDeadlineOf(arb, disputeId)).to.equal(appealedAt + BigInt(RULING_PERIOD));
    });

    it("closes only after the deadline: deadline - 1 s and deadline revert, deadline + 1 s works (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      const due = await deadlineOf(s.disputes, id);
      for (const t of [due - 1n, due]) {
        await time.setNextBlockTimestamp(t);
        await expect(
          s.disputes
            .connect(s.alice)
            .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
        )
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
          .withArgs(id, due);
      }
      await time.setNextBlockTimestamp(due + 1n);
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.emit(s.disputes, "ClaimClosedUnresolved")
        .withArgs(id, s.alice.address, disputeId);
      await expectStatus(s.disputes, id, ClaimStatus.Unresolved);
    });

    it("pays the claim bond back to the claimant (I7) and appends one entry (C3)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      const before = await historySnapshot(s.history);
      await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
      // The respondent may close too; the bond still goes back to the claimant.
      const tx = await s.disputes
        .connect(s.bob)
        .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
      await expect(tx).to.emit(s.treasury, "ClaimBondReleased").withArgs(id, s.alice.address, CLAIM_BOND);
      expect(await s.treasury.totalClaimBonds()).to.equal(0n);
      expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(CLAIM_BOND);
      const balance = await s.token.balanceOf(s.alice.address);
      await s.treasury.connect(s.alice).withdraw();
      expect(await s.token.balanceOf(s.alice.address)).to.equal(balance + CLAIM_BOND);
      await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [id]);
      const after = await expectHistoryAppendOnly(s.history, before);
      expect(after.length).to.equal(before.length + 1);
      const e = (await loggedHistory(s.history)).entries[after.length - 1];
      expect(e.kind).to.equal(EntryKind.ClosedUnresolved);
      expect(e.actor).to.equal(s.bob.address);
      expect(e.data).to.equal(ethers.toBeHex(disputeId, 32));
      // The slot is free: the same claim can be filed again.
      expect(
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ).to.equal(0n);
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
    });

    it("refuses the arbitrator's later ruling, and the dispute's later evidence and appeal (ERC-792, C2)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
      await s.disputes
        .connect(s.alice)
        .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
      const expected = mask(ClaimStatus.Arbitration);
      await expect(s.outside.forceRule(disputeId, RULING.UPHELD))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      // The arbitrator's own path: a ruling given late, then executed after its appeal window.
      await s.outside.giveRuling(disputeId, RULING.REJECTED);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.increaseTo(end + 1n);
      await expect(s.outside.executeRuling(disputeId))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      await expect(
        s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      expect((await stateOf(s.disputes, id)).ruling).to.equal(0n);
      expect(await s.treasury.withdrawableOf(s.bob.address)).to.equal(0n);
    });

    it("refuses closing while the arbitrator's ruling is appealable; an appeal restarts the deadline", async function () {
      const s = await loadFixture(fixture);
      await s.outside.setAppealDuration(200 * DAY);
      const { id, disputeId } = await referred(s);
      const due = await deadlineOf(s.disputes, id);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increaseTo(due + 1n);
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(id, disputeId);
      await s.disputes.connect(s.bob).appeal(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
      const due2 = await deadlineOf(s.disputes, id);
      expect(due2).to.equal(BigInt(await time.latest()) + BigInt(RULING_PERIOD));
      await time.setNextBlockTimestamp(due2);
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
        .withArgs(id, due2);
      await time.setNextBlockTimestamp(due2 + 1n);
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
      ).to.emit(s.disputes, "ClaimClosedUnresolved");
    });

    it("reverts for an unknown claim, a non-party, and a claim not in arbitration", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).closeUnresolved(await unknownRecord(s, 99n), 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      // Not referred: no dispute yet (any id).
      await expect(s.disputes.connect(s.alice).closeUnresolved(await recordOf(s.disputes, id), 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Arbitration));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
      for (const who of [s.stranger, s.secretariat, s.council]) {
        await expect(
          s.disputes
            .connect(who)
            .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
        )
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
          .withArgs(id, who.address);
      }
    });

    it("refuses closing while the arbitrator reports Appealable or Solved, and counts a status view that reverts as Waiting", async function () {
      const s = await loadFixture(fixture);
      const silent = await ethers.deployContract("DisputesSilentArbitrator");
      await s.disputes.connect(s.council).setArbitrator(await silent.getAddress());
      const ids: bigint[] = [];
      for (const clauseId of [CONFIDENTIALITY, CONTRIBUTION]) {
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId }));
        await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
        await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
        ids.push(id);
      }
      await time.increaseTo((await deadlineOf(s.disputes, ids[1])) + 1n);
      for (const status of [1, 2]) {
        // Appealable: a ruling in its appeal stage; Solved: a final ruling not yet delivered.
        await silent.setStatus(status, false);
        for (const id of ids) {
          await expect(
            s.disputes
              .connect(s.alice)
              .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id)),
          )
            .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
            .withArgs(id, id - 1n);
        }
      }
      await silent.setStatus(0, true); // the view reverts
      await expect(
        s.disputes
          .connect(s.alice)
          .closeUnresolved(await recordOf(s.disputes, ids[0]), await disputeOf(s.disputes, ids[0])),
      ).to.emit(s.disputes, "ClaimClosedUnresolved");
      await silent.setStatus(0, false); // Waiting
      await expect(
        s.disputes
          .connect(s.bob)
          .closeUnresolved(await recordOf(s.disputes, ids[1]), await disputeOf(s.disputes, ids[1])),
      ).to.emit(s.disputes, "ClaimClosedUnresolved");
      for (const id of ids) await expectStatus(s.disputes, id, ClaimStatus.Unresolved);
    });

    it("closes a claim whose PanelArbitrator panel was never appointed; the panel's late ruling cannot land", async function () {
      const s = await loadFixture(deploySuite);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      const disputeId = await disputeOf(s.disputes, id);
      await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
      await s.disputes
        .connect(s.alice)
        .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
      const panel = s.experts.slice(0, 3);
      await appoint(
        s.panel.connect(s.secretariat),
        disputeId,
        panel.map((e) => e.address),
      );
      for (const e of panel)
        await castVote(
          s.panel.connect(e),
          disputeId,
          panel.map((p) => p.address),
          1,
          sha("late reasons"),
        );
      await time.increaseTo((await s.panel.disputeOf(disputeId)).appealEndsAt + 1n);
      await expect(s.panel.executeRuling(disputeId))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, mask(ClaimStatus.Arbitration));
      await expectStatus(s.disputes, id, ClaimStatus.Unresolved);
    });
  });

  describe("B6: the breach history counts the open claims against a respondent", function () {
    /** Every way a claim closes, each from a fresh claim of Alice against Bob. */
    const paths: [string, (s: Suite) => Promise<unknown>][] = [
      [
        "withdrawn",
        async (s) =>
          s.disputes
            .connect(s.alice)
            .withdrawClaim(
              await recordOf(s.disputes, await file(s.disputes, s.alice, claimRequest(s.bob.address))),
            ),
      ],
      [
        "cured",
        async (s) =>
          s.disputes
            .connect(s.alice)
            .acceptCure(
              await recordOf(s.disputes, await file(s.disputes, s.alice, claimRequest(s.bob.address))),
            ),
      ],
      [
        "settled",
        async (s) =>
          s.disputes
            .connect(s.bob)
            .paySettlement(
              await recordOf(s.disputes, await file(s.disputes, s.alice, claimRequest(s.bob.address))),
              u(300),
            ),
      ],
      ["executed (upheld)", async (s) => execute(s.disputes, (await ruled(s, RULING.UPHELD)).id)],
      ["dismissed", async (s) => execute(s.disputes, (await ruled(s, RULING.REJECTED)).id)],
      [
        "closed unresolved",
        async (s) => {
          const { id } = await referred(s);
          await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
          return s.disputes
            .connect(s.bob)
            .closeUnresolved(await recordOf(s.disputes, id), await disputeOf(s.disputes, id));
        },
      ],
    ];

    it("B6 opens the count with the claim's Filed entry and closes it with exactly one closing entry, by every path", async function () {
      const CLOSING = [
        EntryKind.Cured,
        EntryKind.Settled,
        EntryKind.Executed,
        EntryKind.Dismissed,
        EntryKind.Withdrawn,
        EntryKind.ClosedUnresolved,
      ].map(BigInt);
      for (const [name, close] of paths) {
        const s = await loadFixture(fixture);
        const tx = (await close(s)) as Awaited<ReturnType<DisputeResolution["executeRuling"]>>;
        const all = await s.history.queryFilter(
          s.history.filters.HistoryAppended(undefined, undefined, undefined, s.bob.address),
        );
        const kindsOf = (logs: typeof all) => logs.map((e) => e.args.kind);
        expect(kindsOf(all).filter((k) => k === BigInt(EntryKind.Filed)).length, name).to.equal(1);
        expect(kindsOf(all).filter((k) => CLOSING.includes(k)).length, name).to.equal(1);
        const inClose = await eventsOf(s.history, tx, "HistoryAppended");
        expect(inClose.filter((e) => CLOSING.includes(e.args.kind)).length, name).to.equal(1);
        expect(await s.history.openClaimsAgainst(s.bob.address), name).to.equal(0n);
      }
    });

    it("B6 counts two open claims against the same respondent and releases them one by one", async function () {
      const s = await loadFixture(fixture);
      const a = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const b = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(2n);
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, a));
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(1n);
      // A failed closing changes nothing.
      await expect(
        s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, a)),
      ).to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus");
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(1n);
      await s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, b));
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(0n);
    });
  });

  describe("B11: a claim counts against the respondent only once referred", function () {
    it("B11 leaves no count against the respondent for a filed and withdrawn claim, and shows it as withdrawn", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes
        .connect(s.bob)
        .answer(await recordOf(s.disputes, id), sha("no breach"), "ipfs://answer");
      await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, id));
      const bob = await countsFromLog(s.history, s.bob.address);
      expect([bob.against, bob.upheld, bob.dismissed, bob.settled, bob.penalties]).to.deep.equal([
        0n,
        0n,
        0n,
        0n,
        0n,
      ]);
      expect((await countsFromLog(s.history, s.alice.address)).withdrawn).to.equal(1n);
      expect(await kinds(s.history, s.bob.address, 1)).to.deep.equal([
        EntryKind.Filed,
        EntryKind.Answered,
        EntryKind.Withdrawn,
      ]);
    });

    it("B11 counts a claim against the respondent from its referral on, also when it is then dismissed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      expect((await countsFromLog(s.history, s.bob.address)).against).to.equal(0n);
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id));
      expect((await countsFromLog(s.history, s.bob.address)).against).to.equal(1n);
      const disputeId = await disputeOf(s.disputes, id);
      await s.outside.giveRuling(disputeId, RULING.REJECTED);
      await time.increaseTo((await s.outside.appealPeriod(disputeId))[1] + 1n);
      await s.outside.executeRuling(disputeId);
      await execute(s.disputes, id);
      const bob = await countsFromLog(s.history, s.bob.address);
      expect([bob.against, bob.upheld, bob.dismissed]).to.deep.equal([1n, 0n, 1n]);
    });
  });

  describe("B12: money of a secretariat claim goes to the alliance fund", function () {
    it("B12 credits a secretariat claim's settlement to the alliance fund, never to the secretariat's balance", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      const fund = await s.treasury.allianceFund();
      const tx = await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(300));
      await expect(tx)
        .to.emit(s.treasury, "SettlementReceived")
        .withArgs(id, s.bob.address, await s.treasury.getAddress(), u(300));
      await expect(tx)
        .to.emit(s.disputes, "SettlementPaid")
        .withArgs(id, s.bob.address, await s.treasury.getAddress(), u(300));
      expect(await s.treasury.allianceFund()).to.equal(fund + u(300));
      await expectStatus(s.disputes, id, ClaimStatus.Settled);
      // Only its own claim bond goes back to the secretariat's account.
      expect(await s.treasury.withdrawableOf(s.secretariat.address)).to.equal(CLAIM_BOND);
    });

    it("B12 slashes a secretariat claim's damages into the alliance fund", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      await s.disputes.connect(s.bob).refer(await recordOf(s.disputes, id));
      const disputeId = await disputeOf(s.disputes, id);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increaseTo((await s.outside.appealPeriod(disputeId))[1] + 1n);
      await s.outside.executeRuling(disputeId);
      const fund = await s.treasury.allianceFund();
      const tx = execute(s.disputes, id);
      await expect(tx)
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, await s.treasury.getAddress(), u(300), id);
      await expect(tx).to.changeTokenBalance(s.token, s.secretariat, 0n);
      expect(await s.treasury.allianceFund()).to.equal(fund + u(300));
      // Its own claim bond is owed to the secretariat's account and pulled; the slash is not.
      await expect(
        s.disputes
          .connect(s.secretariat)
          .claimPayout(await recordOf(s.disputes, id), await owedOf(s.disputes, id)),
      )
        .to.emit(s.treasury, "ClaimPaid")
        .withArgs(id, s.secretariat.address, CLAIM_BOND);
      expect(await s.treasury.allianceFund()).to.equal(fund + u(300));
      expect(await s.treasury.withdrawableOf(s.secretariat.address)).to.equal(0n);
    });
  });

  describe("Kleros' reference arbitrator (CentralizedArbitratorWithAppeal, @kleros/erc-792)", function () {
    async function klerosFixture() {
      const s = await deploySuite();
      const kleros = await ethers.deployContract("CentralizedArbitratorWithAppeal");
      await s.disputes.connect(s.council).setArbitrator(await kleros.getAddress());
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await recordOf(s.disputes, id)).answerEndsAt + 1n);
      const quote = await kleros.arbitrationCost("0x");
      await s.disputes.connect(s.alice).refer(await recordOf(s.disputes, id), { value: quote });
      return { ...s, kleros, id, disputeId: await disputeOf(s.disputes, id), quote };
    }

    it("refuses closeUnresolved once the appeal window ends (Solved) until its executeRuling delivers the ruling, which then executes", async function () {
      const s = await loadFixture(klerosFixture);
      const due = await deadlineOf(s.disputes, s.id);
      // The ruling comes late, just before the deadline; its appeal window ends after it.
      await time.setNextBlockTimestamp(due - 60n);
      await s.kleros.giveRuling(s.disputeId, RULING.UPHELD);
      const [, end] = await s.kleros.appealPeriod(s.disputeId);
      expect(end).to.be.gt(due);
      await time.setNextBlockTimestamp(due + 1n);
      await expect(
        s.disputes
          .connect(s.bob)
          .closeUnresolved(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(s.id, s.disputeId);
      // The issue's sequence: the window has ended, Kleros reports Solved, nobody executed yet.
      await time.increaseTo(end + 1n);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(2n);
      await expect(
        s.disputes
          .connect(s.bob)
          .closeUnresolved(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(s.id, s.disputeId);
      await expectStatus(s.disputes, s.id, ClaimStatus.Arbitration);
      await expect(s.kleros.connect(s.stranger).executeRuling(s.disputeId))
        .to.emit(s.disputes, "ClaimRuled")
        .withArgs(s.id, RULING.UPHELD);
      // Delivered: the ruling waits with the dispute (the claim is still in Arbitration), and
      // closing is refused for it.
      await expectStatus(s.disputes, s.id, ClaimStatus.Arbitration);
      await expect(
        s.disputes
          .connect(s.bob)
          .closeUnresolved(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id)),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(s.id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
      await expect(execute(s.disputes, s.id))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, u(300), s.id);
    });

    it("accepts a paid appeal at twice the quote, which Kleros' arbitrator asks; the quote alone is refused by it", async function () {
      const s = await loadFixture(klerosFixture);
      await s.kleros.giveRuling(s.disputeId, RULING.REJECTED);
      const quote = await s.kleros.appealCost(s.disputeId, "0x");
      expect(quote).to.equal(s.quote);
      await expect(
        s.disputes
          .connect(s.alice)
          .appeal(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id), { value: quote - 1n }),
      )
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(quote, quote - 1n);
      await expect(
        s.disputes
          .connect(s.alice)
          .appeal(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id), { value: quote }),
      )
        .to.be.revertedWithCustomError(s.kleros, "InsufficientPayment")
        .withArgs(quote, 2n * quote);
      const tx = s.disputes
        .connect(s.alice)
        .appeal(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id), { value: 2n * quote });
      await expect(tx).to.changeEtherBalances([s.kleros, s.disputes], [2n * quote, 0n]);
      await expect(tx).to.emit(s.disputes, "ClaimAppealed").withArgs(s.id, s.alice.address, s.disputeId);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(0n);
      // The appeal round rules for the claimant; its ruling is delivered and executed.
      await s.kleros.giveRuling(s.disputeId, RULING.UPHELD);
      await time.increaseTo((await s.kleros.appealPeriod(s.disputeId))[1] + 1n);
      await expect(s.kleros.executeRuling(s.disputeId))
        .to.emit(s.disputes, "ClaimRuled")
        .withArgs(s.id, RULING.UPHELD);
      await execute(s.disputes, s.id);
      expect(statusAndRuling(await stateOf(s.disputes, s.id))).to.deep.equal([
        BigInt(ClaimStatus.Executed),
        RULING.UPHELD,
      ]);
    });

    it("closes a claim the Kleros arbitrator never ruled on once the deadline passed (Waiting)", async function () {
      const s = await loadFixture(klerosFixture);
      await time.increaseTo((await deadlineOf(s.disputes, s.id)) + 1n);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(0n);
      await expect(
        s.disputes
          .connect(s.bob)
          .closeUnresolved(await recordOf(s.disputes, s.id), await disputeOf(s.disputes, s.id)),
      )
        .to.emit(s.disputes, "ClaimClosedUnresolved")
        .withArgs(s.id, s.bob.address, s.disputeId);
    });
  });

  describe("liftSuspension with the real LicenseManager (M9: royalties flow again)", function () {
    it("a ruling's suspension stops new royalty periods; the claimant's waiver lets them be paid and claimed again", async function () {
      const s = await loadFixture(negotiatedLicenceSuite);
      const [a, , c] = s.founders;
      const { licenseId, licenceAgreementId } = s;
      const lic = await s.licenseManager.licenseOf(licenseId);
      await s.disputeResolution.connect(a).fileClaim({
        ...claimRequest(c.address, { agreementId: licenceAgreementId, clauseId: LICENCE_CLAUSE }),
        remedies: REMEDY.LICENSE_SUSPENSION,
        damages: 0,
        licenseId,
      });
      const id = await s.disputeResolution.claimCount();
      await time.increaseTo((await recordOf(s.disputeResolution, id)).answerEndsAt + 1n);
      await s.disputeResolution.connect(a).refer(await recordOf(s.disputeResolution, id));
      const disputeId = await disputeOf(s.disputeResolution, id);
      await appoint(s.panelArbitrator.connect(s.secretariat), disputeId, [s.expert.address]);
      await castVote(s.panelArbitrator.connect(s.expert), disputeId, [s.expert.address], 1, sha("proven"));
      await time.increaseTo((await s.panelArbitrator.disputeOf(disputeId)).appealEndsAt + 1n);
      await s.panelArbitrator.executeRuling(disputeId);
      await s.disputeResolution.executeRuling(
        await recordOf(s.disputeResolution, id),
        await disputeOf(s.disputeResolution, id),
      );
      const suspendedAt = (await s.licenseManager.licenseOf(licenseId)).suspendedAt;
      expect((await s.licenseManager.licenseSummary(licenseId)).status).to.equal(LicenseStatus.Suspended);

      // Period 0 began before the suspension: still payable. Period 1 begins after it: refused.
      const period = lic.periodLength;
      await time.increaseTo(lic.start + period + 1n);
      await s.licenseManager.connect(c).payRoyalty(licenseId, 0, u(10));
      await time.increaseTo(lic.start + 2n * period + 1n);
      await expect(s.licenseManager.connect(c).payRoyalty(licenseId, 0, u(10)))
        .to.be.revertedWithCustomError(s.licenseManager, "LicenseManagerLicenseSuspended")
        .withArgs(licenseId, suspendedAt);

      await expect(
        s.disputeResolution
          .connect(a)
          .liftSuspension(
            await recordOf(s.disputeResolution, id),
            await owedOf(s.disputeResolution, id),
            sha("waiver"),
          ),
      )
        .to.emit(s.disputeResolution, "LicenseSuspensionLifted")
        .withArgs(id, licenseId, a.address, sha("waiver"))
        .and.to.emit(s.licenseManager, "SuspensionLifted")
        .withArgs(licenseId, id);
      const lifted = BigInt(await time.latest());
      expect((await s.licenseManager.licenseSummary(licenseId)).status).to.equal(LicenseStatus.Active);
      // The period that began while suspended is waived; the next one starts at the lift and is paid.
      expect((await s.licenseManager.nextPeriodOf(licenseId)).start).to.equal(lifted);
      await time.increaseTo(lifted + period + 1n);
      await s.licenseManager.connect(c).payRoyalty(licenseId, 0, u(10));
      const levy = (await s.registry.charterParams()).levyBps;
      const own = (u(10) * (10_000n - levy)) / 10_000n;
      await expect(s.licenseManager.connect(a).claim(lic.assetId))
        .to.emit(s.licenseManager, "IncomeClaimed")
        .withArgs(lic.assetId, a.address, 2n * own);
      expect(await itHistoryKinds(s, c.address)).to.include(EntryKind.SuspensionLifted);
      await expectSolvent(s);
    });

    it("B10 refuses a licence remedy on a public-offer licence and on a licence of another agreement", async function () {
      const s = await loadFixture(negotiatedLicenceSuite);
      const [a, b, c] = s.founders;
      // A public offer's licence has agreement id 0: no claim under an agreement reaches it.
      const offer = await publishOffer(s, a, "Feed enzyme formulation", { priceClass: 0 });
      await s.licenseProposals.connect(b).acceptOffer(offer);
      const offerLicence = await s.licenseManager.licenseCount();
      await expect(
        s.disputeResolution.connect(a).fileClaim({
          ...claimRequest(b.address, { agreementId: s.charterId, clauseId: IT_CONFIDENTIALITY }),
          remedies: REMEDY.LICENSE_REVOCATION,
          damages: 0,
          licenseId: offerLicence,
        }),
      )
        .to.be.revertedWithCustomError(s.disputeResolution, "DisputeResolutionLicenseOutsideAgreement")
        .withArgs(offerLicence, 0n, s.charterId);
      // The negotiated licence was granted under the licence agreement, not under the charter.
      await expect(
        s.disputeResolution.connect(a).fileClaim({
          ...claimRequest(c.address, { agreementId: s.charterId, clauseId: IT_CONFIDENTIALITY }),
          remedies: REMEDY.LICENSE_SUSPENSION,
          damages: 0,
          licenseId: s.licenseId,
        }),
      )
        .to.be.revertedWithCustomError(s.disputeResolution, "DisputeResolutionLicenseOutsideAgreement")
        .withArgs(s.licenseId, s.licenceAgreementId, s.charterId);
      expect(await s.disputeResolution.claimCount()).to.equal(0n);
      // Under its own agreement the same remedy is filed.
      await s.disputeResolution.connect(a).fileClaim({
        ...claimRequest(c.address, { agreementId: s.licenceAgreementId, clauseId: LICENCE_CLAUSE }),
        remedies: REMEDY.LICENSE_SUSPENSION,
        damages: 0,
        licenseId: s.licenseId,
      });
      expect(await s.disputeResolution.claimCount()).to.equal(1n);
    });
  });

  describe("the claim's record (a hash in one word keyed by claimant, respondent, agreement and clause)", function () {
    const FIELDS: [keyof ClaimRecord, (r: ClaimRecord) => unknown][] = [
      ["claimId", (r) => r.claimId + 1n],
      ["claimant", () => ethers.Wallet.createRandom().address],
      ["respondent", () => ethers.Wallet.createRandom().address],
      ["arbitrator", () => ethers.Wallet.createRandom().address],
      ["agreementId", (r) => r.agreementId + 1n],
      ["clauseId", () => tag("7.2")],
      ["statementHash", () => sha("another statement")],
      ["remedies", (r) => r.remedies | BigInt(REMEDY.MEMBERSHIP_SUSPENSION)],
      ["forAlliance", (r) => !r.forAlliance],
      ["cureEndsAt", (r) => r.cureEndsAt + 1n],
      ["answerEndsAt", (r) => r.answerEndsAt - 1n],
      ["damages", (r) => r.damages + 1n],
      ["licenseId", (r) => r.licenseId + 1n],
      ["bond", (r) => r.bond + 1n],
    ];

    /** What a refused call must leave as it was: the claim's state, the history, the treasury. */
    async function snapshot(s: Suite, id: bigint) {
      const st = await stateOf(s.disputes, id);
      return [
        ...st.map((x) => x),
        await s.history.historyLength(),
        await s.treasury.totalClaimBonds(),
        await s.treasury.totalLiabilities(),
        await s.disputes.claimCount(),
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ];
    }

    it("reverts RecordMismatch(claimId) for a record with any one of its 14 fields changed and changes nothing; the filed record works", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const r = await recordOf(s.disputes, id);
      expect(FIELDS.map(([k]) => k)).to.deep.equal(Object.keys(r));
      const before = await snapshot(s, id);
      for (const [field, change] of FIELDS) {
        const bad = { ...r, [field]: change(r) } as ClaimRecord;
        // A changed claimant, respondent, agreement or clause finds another key: unknown there.
        const keyField = ["claimant", "respondent", "agreementId", "clauseId"].includes(field);
        const error = keyField ? "DisputeResolutionUnknownClaim" : "DisputeResolutionRecordMismatch";
        await expect(s.disputes.connect(s.bob).submitEvidence(bad, sha("x"), "u"), field)
          .to.be.revertedWithCustomError(s.disputes, error)
          .withArgs(bad.claimId);
        await expect(s.disputes.claimStateOf(bad, 0n), field)
          .to.be.revertedWithCustomError(s.disputes, error)
          .withArgs(bad.claimId);
      }
      expect(await snapshot(s, id)).to.deep.equal(before);
      await expect(s.disputes.connect(s.bob).submitEvidence(r, sha("x"), "u"))
        .to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.bob.address, sha("x"), "u");
    });

    it("reverts RecordMismatch(claimId) for a changed claimant, respondent, agreement or clause when that other four has a claim of its own", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const r = await recordOf(s.disputes, id);
      // A claim on each four that differs from this one's in one field: the secretariat's against
      // Bob (claimant), Alice's against Dave (respondent), Alice's against Bob on the licence
      // agreement (a second agreement the two are parties of, same clause id) and on 4.2 (clause).
      await s.charter.setAgreement(
        LICENSE_AGREEMENT_ID,
        AgreementKind.License,
        AgreementStatus.Effective,
        sha("licence terms"),
        [s.alice.address, s.bob.address],
        [{ clauseId: CONFIDENTIALITY, damagesCap: u(1000), remedies: REMEDY.DAMAGES }],
      );
      const others = [
        await file(s.disputes, s.secretariat, claimRequest(s.bob.address)),
        await file(s.disputes, s.alice, claimRequest(s.dave.address)),
        await file(s.disputes, s.alice, claimRequest(s.bob.address, { agreementId: LICENSE_AGREEMENT_ID })),
        await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION })),
      ];
      const before = await snapshot(s, id);
      const othersBefore = await Promise.all(others.map((o) => stateOf(s.disputes, o)));
      for (const [field, bad] of [
        ["claimant", { ...r, claimant: s.secretariat.address }],
        ["respondent", { ...r, respondent: s.dave.address }],
        ["agreementId", { ...r, agreementId: LICENSE_AGREEMENT_ID }],
        ["clauseId", { ...r, clauseId: CONTRIBUTION }],
      ] as const) {
        await expect(s.disputes.connect(s.bob).submitEvidence(bad, sha("x"), "u"), field)
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
          .withArgs(id);
        await expect(s.disputes.claimStateOf(bad, 0n), field)
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
          .withArgs(id);
      }
      expect(await Promise.all(others.map((o) => stateOf(s.disputes, o)))).to.deep.equal(othersBefore);
      expect(await snapshot(s, id)).to.deep.equal(before);
    });

    it("reverts RecordMismatch on every call that takes the record, changing nothing", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId, r } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
        licenseId: BOB_LICENSE,
      });
      const bad = { ...r, damages: r.damages + 1n };
      const before = await snapshot(s, id);
      const calls: [string, () => Promise<unknown>][] = [
        ["submitEvidence", () => s.disputes.connect(s.alice).submitEvidence(bad, sha("x"), "u")],
        ["answer", () => s.disputes.connect(s.bob).answer(bad, sha("x"), "u")],
        ["paySettlement", () => s.disputes.connect(s.bob).paySettlement(bad, 1n)],
        ["acceptCure", () => s.disputes.connect(s.alice).acceptCure(bad)],
        ["withdrawClaim", () => s.disputes.connect(s.alice).withdrawClaim(bad)],
        ["refer", () => s.disputes.connect(s.alice).refer(bad)],
        ["appeal", () => s.disputes.connect(s.alice).appeal(bad, disputeId)],
        ["executeRuling", () => s.disputes.executeRuling(bad, disputeId)],
        ["closeUnresolved", () => s.disputes.connect(s.alice).closeUnresolved(bad, disputeId)],
        ["claimPayout", () => s.disputes.claimPayout(bad, 0n)],
        ["liftSuspension", () => s.disputes.connect(s.alice).liftSuspension(bad, 0n, ethers.ZeroHash)],
        [
          "liftSuspensionByCouncil",
          () => s.disputes.connect(s.council).liftSuspensionByCouncil(bad, 0n, ethers.ZeroHash),
        ],
        ["claimStateOf", () => s.disputes.claimStateOf(bad, 0n)],
      ];
      for (const [name, call] of calls) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
          .withArgs(id);
      }
      expect(await snapshot(s, id)).to.deep.equal(before);
      await s.disputes.executeRuling(r, disputeId);
      await expectStatus(s.disputes, id, ClaimStatus.Executed);
    });

    it("reverts UnknownClaim(claimId) on every call for a record whose claimant, respondent, agreement and clause never filed", async function () {
      const s = await loadFixture(fixture);
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const u7 = await unknownRecord(s, 7n);
      const calls: [string, () => Promise<unknown>][] = [
        ["submitEvidence", () => s.disputes.connect(s.alice).submitEvidence(u7, sha("x"), "u")],
        ["answer", () => s.disputes.connect(s.bob).answer(u7, sha("x"), "u")],
        ["paySettlement", () => s.disputes.connect(s.bob).paySettlement(u7, 1n)],
        ["acceptCure", () => s.disputes.connect(s.alice).acceptCure(u7)],
        ["withdrawClaim", () => s.disputes.connect(s.alice).withdrawClaim(u7)],
        ["refer", () => s.disputes.connect(s.alice).refer(u7)],
        ["appeal", () => s.disputes.connect(s.alice).appeal(u7, 0n)],
        ["executeRuling", () => s.disputes.executeRuling(u7, 0n)],
        ["closeUnresolved", () => s.disputes.connect(s.alice).closeUnresolved(u7, 0n)],
        ["claimPayout", () => s.disputes.claimPayout(u7, 0n)],
        ["liftSuspension", () => s.disputes.connect(s.alice).liftSuspension(u7, 0n, ethers.ZeroHash)],
        [
          "liftSuspensionByCouncil",
          () => s.disputes.connect(s.council).liftSuspensionByCouncil(u7, 0n, ethers.ZeroHash),
        ],
        ["claimStateOf", () => s.disputes.claimStateOf(u7, 0n)],
      ];
      const length = await s.history.historyLength();
      for (const [name, call] of calls) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
          .withArgs(7n);
      }
      expect(await s.history.historyLength()).to.equal(length);
    });

    it("reverts RecordMismatch for a wrong owed amount (owed - 1, owed + 1, 0) on claimPayout, liftSuspension, liftSuspensionByCouncil and claimStateOf, changing nothing", async function () {
      const s = await loadFixture(fixture);
      const { id, r } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
        licenseId: BOB_LICENSE,
      });
      await execute(s.disputes, id);
      const owed = await owedOf(s.disputes, id);
      expect(owed).to.equal(u(300) + CLAIM_BOND);
      const before = await snapshot(s, id);
      for (const wrong of [owed - 1n, owed + 1n, 0n]) {
        for (const call of [
          () => s.disputes.claimPayout(r, wrong),
          () => s.disputes.connect(s.alice).liftSuspension(r, wrong, ethers.ZeroHash),
          () => s.disputes.connect(s.council).liftSuspensionByCouncil(r, wrong, ethers.ZeroHash),
          () => s.disputes.claimStateOf(r, wrong),
        ]) {
          await expect(call())
            .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
            .withArgs(id);
        }
      }
      expect(await snapshot(s, id)).to.deep.equal(before);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      // The right amount: lifted with what is still owed, then pulled; afterwards owed is 0 and the
      // old amount is the wrong one.
      await s.disputes.connect(s.alice).liftSuspension(r, owed, ethers.ZeroHash);
      await expect(s.disputes.claimPayout(r, owed)).to.changeTokenBalance(s.token, s.alice, owed);
      for (const call of [() => s.disputes.claimPayout(r, owed), () => s.disputes.claimStateOf(r, owed)]) {
        await expect(call())
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
          .withArgs(id);
      }
      const st = await s.disputes.claimStateOf(r, 0n);
      expect([st.payoutOwed, st.licenseSuspended, st.suspensionLifted]).to.deep.equal([false, true, true]);
      await expect(s.disputes.claimPayout(r, 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(id);
    });

    it("C1 reverts a duplicate of an open claim with DuplicateClaim(openId) in each open status: Filed, Answered, Arbitration, and ruled but not executed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const r = await recordOf(s.disputes, id);
      const dup = async () =>
        expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { damages: u(1) })))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionDuplicateClaim")
          .withArgs(id);
      await dup();
      await s.disputes.connect(s.bob).answer(r, sha("a"), "u");
      await dup();
      await time.increaseTo(r.cureEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(r);
      await dup();
      await s.outside.forceRule(await disputeOf(s.disputes, id), RULING.UPHELD);
      await dup();
      expect(await s.disputes.claimCount()).to.equal(id);
      // The open claim still works with its record.
      await expect(s.disputes.connect(s.alice).submitEvidence(r, sha("x"), "u"))
        .to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.alice.address, sha("x"), "u");
    });

    /** Every way a claim of Alice against Bob closes with nothing kept, from a fresh claim. */
    const closings: [string, ClaimStatus, (s: Suite) => Promise<bigint>][] = [
      [
        "withdrawn",
        ClaimStatus.Withdrawn,
        async (s) => {
          const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
          await s.disputes.connect(s.alice).withdrawClaim(await recordOf(s.disputes, id));
          return id;
        },
      ],
      [
        "cured",
        ClaimStatus.Cured,
        async (s) => {
          const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
          await s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, id));
          return id;
        },
      ],
      [
        "settled",
        ClaimStatus.Settled,
        async (s) => {
          const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
          await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, id), u(300));
          return id;
        },
      ],
      [
        "dismissed (rejected)",
        ClaimStatus.Dismissed,
        async (s) => {
          const { id } = await ruled(s, RULING.REJECTED);
          await execute(s.disputes, id);
          return id;
        },
      ],
      [
        "dismissed (refused)",
        ClaimStatus.Dismissed,
        async (s) => {
          const { id } = await ruled(s, RULING.REFUSED);
          await execute(s.disputes, id);
          return id;
        },
      ],
      [
        "closed unresolved",
        ClaimStatus.Unresolved,
        async (s) => {
          const { id, disputeId, r } = await referred(s);
          await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
          await s.disputes.connect(s.alice).closeUnresolved(r, disputeId);
          return id;
        },
      ],
      [
        "executed, paid out, no suspension",
        ClaimStatus.Executed,
        async (s) => {
          const { id, r } = await ruled(s, RULING.UPHELD);
          await execute(s.disputes, id);
          await s.disputes.claimPayout(r, await owedOf(s.disputes, id));
          return id;
        },
      ],
      [
        "executed, paid out, its suspension lifted",
        ClaimStatus.Executed,
        async (s) => {
          const { id, r } = await ruled(s, RULING.UPHELD, {
            remedies: REMEDY.LICENSE_SUSPENSION,
            damages: 0,
            licenseId: BOB_LICENSE,
          });
          await execute(s.disputes, id);
          await s.disputes.claimPayout(r, await owedOf(s.disputes, id));
          await s.disputes.connect(s.alice).liftSuspension(r, 0n, ethers.ZeroHash);
          return id;
        },
      ],
      [
        "executed, paid out, its suspension skipped (licence revoked before execution)",
        ClaimStatus.Executed,
        async (s) => {
          const { id, r } = await ruled(s, RULING.UPHELD, {
            remedies: REMEDY.LICENSE_SUSPENSION,
            damages: 0,
            licenseId: BOB_LICENSE,
          });
          await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
          await execute(s.disputes, id);
          await s.disputes.claimPayout(r, await owedOf(s.disputes, id));
          return id;
        },
      ],
    ];

    it("C1 lets the same four file again once the claim closes, by each closing path; the old record then reverts RecordMismatch (nothing kept) and the new claim works", async function () {
      for (const [name, status, close] of closings) {
        const s = await loadFixture(fixture);
        const old = await close(s);
        const r = await recordOf(s.disputes, old);
        // Closed, its word stays until the same four file again.
        expect((await s.disputes.claimStateOf(r, 0n)).status, name).to.equal(status);
        expect(
          await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
          name,
        ).to.equal(0n);
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
        expect(id, name).to.equal(old + 1n);
        expect(
          await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
          name,
        ).to.equal(id);
        for (const call of [
          () => s.disputes.claimStateOf(r, 0n),
          () => s.disputes.connect(s.alice).submitEvidence(r, sha("x"), "u"),
          () => s.disputes.claimPayout(r, 0n),
          () => s.disputes.connect(s.alice).liftSuspension(r, 0n, ethers.ZeroHash),
        ]) {
          await expect(call(), name)
            .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
            .withArgs(old);
        }
        const rn = await recordOf(s.disputes, id);
        expect((await s.disputes.claimStateOf(rn, 0n)).status, name).to.equal(ClaimStatus.Filed);
        await s.disputes.connect(s.alice).withdrawClaim(rn);
      }
    });

    it("keeps an Executed claim that still owes money when the same four file again: claimPayout and claimStateOf with its record work, and the new claim is separate", async function () {
      const s = await loadFixture(fixture);
      const { id: old, r } = await ruled(s, RULING.UPHELD);
      await execute(s.disputes, old);
      const owed = await owedOf(s.disputes, old);
      expect(owed).to.equal(u(300) + CLAIM_BOND);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      expect(
        await s.disputes.openClaimOf(s.alice.address, s.bob.address, CHARTER_ID, CONFIDENTIALITY),
      ).to.equal(id);
      const kept = await s.disputes.claimStateOf(r, owed);
      expect([kept.status, kept.ruling, kept.payoutOwed]).to.deep.equal([
        BigInt(ClaimStatus.Executed),
        RULING.UPHELD,
        true,
      ]);
      await expect(s.disputes.connect(s.stranger).claimPayout(r, owed))
        .to.emit(s.disputes, "ClaimPayoutPulled")
        .withArgs(old, s.alice.address, s.stranger.address, owed);
      expect((await s.disputes.claimStateOf(r, 0n)).payoutOwed).to.equal(false);
      await expect(s.disputes.claimPayout(r, 0n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(old);
      // The new claim is untouched and runs its own course.
      const rn = await recordOf(s.disputes, id);
      expect((await s.disputes.claimStateOf(rn, 0n)).status).to.equal(ClaimStatus.Filed);
      await s.disputes.connect(s.alice).withdrawClaim(rn);
      expect((await s.disputes.claimStateOf(rn, 0n)).status).to.equal(ClaimStatus.Withdrawn);
      expect((await s.disputes.claimStateOf(r, 0n)).status).to.equal(ClaimStatus.Executed);
      await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [old, id]);
    });

    it("keeps an Executed claim that holds a live licence suspension and owes nothing when the same four file again: liftSuspension and liftSuspensionByCouncil with its record work", async function () {
      for (const byCouncil of [false, true]) {
        const s = await loadFixture(fixture);
        // No claim bond, no damages: the claim owes nothing; only its suspension is live.
        await s.charter.setParams(charterParams(0n));
        const { id: old, r } = await ruled(s, RULING.UPHELD, {
          remedies: REMEDY.LICENSE_SUSPENSION,
          damages: 0,
          licenseId: BOB_LICENSE,
        });
        await execute(s.disputes, old);
        expect(await owedOf(s.disputes, old)).to.equal(0n);
        const st = await s.disputes.claimStateOf(r, 0n);
        expect([st.payoutOwed, st.licenseSuspended, st.suspensionLifted]).to.deep.equal([false, true, false]);
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
        expect(id).to.equal(old + 1n);
        const tx = byCouncil
          ? s.disputes.connect(s.council).liftSuspensionByCouncil(r, 0n, sha("decision"))
          : s.disputes.connect(s.alice).liftSuspension(r, 0n, sha("waiver"));
        await expect(tx)
          .to.emit(s.disputes, "LicenseSuspensionLifted")
          .withArgs(
            old,
            BOB_LICENSE,
            byCouncil ? s.council.address : s.alice.address,
            byCouncil ? sha("decision") : sha("waiver"),
          );
        expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
        const after = await s.disputes.claimStateOf(r, 0n);
        expect([after.status, after.licenseSuspended, after.suspensionLifted]).to.deep.equal([
          BigInt(ClaimStatus.Executed),
          true,
          true,
        ]);
        expect((await stateOf(s.disputes, id)).status).to.equal(ClaimStatus.Filed);
      }
    });

    it("keeps an Executed claim that owes money and holds a live suspension: both the pull and the lift work after the same four file again, in either order", async function () {
      for (const pullFirst of [true, false]) {
        const s = await loadFixture(fixture);
        const { id: old, r } = await ruled(s, RULING.UPHELD, {
          remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
          licenseId: BOB_LICENSE,
        });
        await execute(s.disputes, old);
        const owed = await owedOf(s.disputes, old);
        await file(s.disputes, s.alice, claimRequest(s.bob.address));
        if (pullFirst) {
          await expect(s.disputes.claimPayout(r, owed)).to.changeTokenBalance(s.token, s.alice, owed);
          await s.disputes.connect(s.alice).liftSuspension(r, 0n, ethers.ZeroHash);
        } else {
          await s.disputes.connect(s.alice).liftSuspension(r, owed, ethers.ZeroHash);
          await expect(s.disputes.claimPayout(r, owed)).to.changeTokenBalance(s.token, s.alice, owed);
        }
        const st = await s.disputes.claimStateOf(r, 0n);
        expect([st.status, st.payoutOwed, st.suspensionLifted]).to.deep.equal([
          BigInt(ClaimStatus.Executed),
          false,
          true,
        ]);
      }
    });

    it("reverts closeUnresolved after the arbitrator's ruling with UnexpectedStatus(Ruled, Arbitration), also after the deadline; executeRuling then works", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId, r } = await referred(s);
      await s.outside.forceRule(disputeId, RULING.REJECTED);
      await expect(s.disputes.connect(s.alice).closeUnresolved(r, disputeId))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
      await time.increaseTo((await deadlineOf(s.disputes, id)) + 1n);
      const length = await s.history.historyLength();
      await expect(s.disputes.connect(s.bob).closeUnresolved(r, disputeId))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
      expect(await s.history.historyLength()).to.equal(length);
      await expectStatus(s.disputes, id, ClaimStatus.Arbitration);
      await expect(s.disputes.executeRuling(r, disputeId))
        .to.emit(s.disputes, "ClaimDismissed")
        .withArgs(id, RULING.REJECTED);
    });

    it("reverts closeUnresolved and appeal with another dispute id: UnknownDispute(arbitrator, disputeId)", async function () {
      const s = await loadFixture(fixture);
      const { disputeId, r } = await referred(s);
      const arb = await s.outside.getAddress();
      await time.increaseTo((await deadlineOf(s.disputes, r.claimId)) + 1n);
      await expect(s.disputes.connect(s.alice).closeUnresolved(r, disputeId + 1n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(arb, disputeId + 1n);
      await expect(s.disputes.connect(s.alice).appeal(r, disputeId + 1n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(arb, disputeId + 1n);
      await expectStatus(s.disputes, r.claimId, ClaimStatus.Arbitration);
    });

    it("claimStateOf reports each status with its ruling, flags and what was paid", async function () {
      const s = await loadFixture(fixture);
      const state = async (id: bigint) => {
        const st = await stateOf(s.disputes, id);
        return [st.status, st.ruling, st.licenseSuspended, st.suspensionLifted, st.payoutOwed, st.paid];
      };
      const S = (status: ClaimStatus) => BigInt(status);
      // Filed, with a partial settlement paid; Answered; Cured.
      const a = await file(
        s.disputes,
        s.alice,
        claimRequest(s.bob.address, { remedies: REMEDY.DAMAGES | REMEDY.MEMBERSHIP_SUSPENSION }),
      );
      expect(await state(a)).to.deep.equal([S(ClaimStatus.Filed), 0n, false, false, false, 0n]);
      await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, a), u(120));
      expect(await state(a)).to.deep.equal([S(ClaimStatus.Filed), 0n, false, false, false, u(120)]);
      await s.disputes.connect(s.bob).answer(await recordOf(s.disputes, a), sha("a"), "u");
      expect(await state(a)).to.deep.equal([S(ClaimStatus.Answered), 0n, false, false, false, u(120)]);
      await s.disputes.connect(s.alice).acceptCure(await recordOf(s.disputes, a));
      expect(await state(a)).to.deep.equal([S(ClaimStatus.Cured), 0n, false, false, false, u(120)]);
      // Settled: paid in full.
      const b = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await s.disputes.connect(s.bob).paySettlement(await recordOf(s.disputes, b), u(300));
      expect(await state(b)).to.deep.equal([S(ClaimStatus.Settled), 0n, false, false, false, u(300)]);
      // Withdrawn.
      const c = await file(s.disputes, s.bob, claimRequest(s.alice.address));
      await s.disputes.connect(s.bob).withdrawClaim(await recordOf(s.disputes, c));
      expect(await state(c)).to.deep.equal([S(ClaimStatus.Withdrawn), 0n, false, false, false, 0n]);
      // Arbitration, ruled upheld (still Arbitration, ruling 0 until executed), then Executed
      // with money owed and the licence suspended; pulled; lifted.
      const d = await referred(s, {
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
        licenseId: BOB_LICENSE,
      });
      expect(await state(d.id)).to.deep.equal([S(ClaimStatus.Arbitration), 0n, false, false, false, 0n]);
      await s.outside.forceRule(d.disputeId, RULING.UPHELD);
      expect(await state(d.id)).to.deep.equal([S(ClaimStatus.Arbitration), 0n, false, false, false, 0n]);
      await execute(s.disputes, d.id);
      expect(await state(d.id)).to.deep.equal([S(ClaimStatus.Executed), 1n, true, false, true, 0n]);
      await s.disputes.claimPayout(d.r, await owedOf(s.disputes, d.id));
      expect(await state(d.id)).to.deep.equal([S(ClaimStatus.Executed), 1n, true, false, false, 0n]);
      await s.disputes.connect(s.alice).liftSuspension(d.r, 0n, ethers.ZeroHash);
      expect(await state(d.id)).to.deep.equal([S(ClaimStatus.Executed), 1n, true, true, false, 0n]);
      // Dismissed: rejected (2) and refused (0).
      for (const [ruling, claimant, respondent] of [
        [RULING.REJECTED, s.bob, s.alice],
        [RULING.REFUSED, s.bob, s.alice],
      ] as const) {
        const clauseId = ruling === RULING.REJECTED ? CONFIDENTIALITY : CONTRIBUTION;
        const id = await file(s.disputes, claimant, claimRequest(respondent.address, { clauseId }));
        const r = await recordOf(s.disputes, id);
        await time.increaseTo(r.answerEndsAt + 1n);
        await s.disputes.connect(claimant).refer(r);
        await s.outside.forceRule(await disputeOf(s.disputes, id), ruling);
        await execute(s.disputes, id);
        expect(await state(id)).to.deep.equal([S(ClaimStatus.Dismissed), ruling, false, false, false, 0n]);
      }
      // Unresolved.
      const f = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      const rf = await recordOf(s.disputes, f);
      await time.increaseTo(rf.answerEndsAt + 1n);
      await s.disputes.connect(s.secretariat).refer(rf);
      await time.increaseTo((await deadlineOf(s.disputes, f)) + 1n);
      await s.disputes.connect(s.bob).closeUnresolved(rf, await disputeOf(s.disputes, f));
      expect(await state(f)).to.deep.equal([S(ClaimStatus.Unresolved), 0n, false, false, false, 0n]);
    });
  });
});
