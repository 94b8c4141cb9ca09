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

/** Alice's confidentiality claim against Bob, referred unanswered to the outside arbitrator. */
async function referred(s: Suite, over = {}) {
  const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, over));
  const c = await s.disputes.claimOf(id);
  await time.increaseTo(c.answerEndsAt + 1n);
  await s.disputes.connect(s.alice).refer(id);
  const disputeId = (await s.disputes.claimOf(id)).disputeId;
  return { id, disputeId };
}

/** ... then ruled `ruling` by the outside arbitrator, after its appeal window. */
/** The vault holds at least every sub-ledger's total (DESIGN "Money": balanceOf(treasury) ≥ Σ). */
async function expectVaultCovers(s: Suite): Promise<void> {
  const vault = await s.token.balanceOf(await s.treasury.getAddress());
  expect(vault).to.be.gte(await s.treasury.totalLiabilities());
}

async function ruled(s: Suite, ruling: bigint, over = {}) {
  const { id, disputeId } = await referred(s, over);
  await s.outside.giveRuling(disputeId, ruling);
  const [, end] = await s.outside.appealPeriod(disputeId);
  await time.increaseTo(end + 1n);
  await s.outside.executeRuling(disputeId);
  return { id, disputeId };
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
  act: (d: DisputeResolution, id: bigint) => Promise<unknown>,
): Promise<bigint> {
  const { id } = await referred(s);
  await expect(act(s.disputes.connect(party), id))
    .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
    .withArgs(id, ClaimStatus.Arbitration, mask(ClaimStatus.Filed, ClaimStatus.Answered));
  const id2 = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
  await expect(act(s.disputes.connect(outsider), id2))
    .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
    .withArgs(id2, outsider.address);
  return id2;
}

async function expectStatus(d: DisputeResolution, id: bigint, status: ClaimStatus) {
  expect((await d.claimOf(id)).status).to.equal(status);
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
      await expect(tx)
        .to.emit(s.disputes, "ClaimFiled")
        .withArgs(
          1n,
          s.alice.address,
          s.bob.address,
          CHARTER_ID,
          CONFIDENTIALITY,
          REMEDY.DAMAGES,
          u(300),
          req.statementHash,
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
      const c = await s.disputes.claimOf(1n);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      expect(c.status).to.equal(ClaimStatus.Filed);
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

    it("keeps what never changes as a data contract's code at the claim's derived address, every field exact", async function () {
      const s = await loadFixture(fixture);
      // Largest values the record's fields hold: a licence id of 2^64 - 1 and damages at the cap.
      await s.licenses.setLicense(2n ** 64n - 1n, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      const req = claimRequest(s.bob.address, {
        remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
        damages: CONFIDENTIALITY_CAP,
        licenseId: 2n ** 64n - 1n,
        statementHash: ethers.keccak256("0x01"),
      });
      const tx = await s.disputes.connect(s.alice).fileClaim(req);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const c = await s.disputes.claimOf(1n);
      expect([
        c.claimant,
        c.respondent,
        c.remedies,
        c.forAlliance,
        c.filedAt,
        c.agreementVersion,
        c.cureEndsAt,
        c.answerEndsAt,
        c.arbitrator,
        c.agreementId,
        c.clauseId,
        c.statementHash,
        c.damages,
        c.licenseId,
      ]).to.deep.equal([
        s.alice.address,
        s.bob.address,
        BigInt(REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION),
        false,
        at,
        1n,
        at + BigInt(CURE),
        at + BigInt(CURE + ANSWER),
        await s.outside.getAddress(),
        CHARTER_ID,
        CONFIDENTIALITY,
        req.statementHash,
        CONFIDENTIALITY_CAP,
        2n ** 64n - 1n,
      ]);
      // The data contract is the disputes contract's first creation (nonce 1): a STOP byte and six words.
      const data = ethers.getCreateAddress({ from: await s.disputes.getAddress(), nonce: 1 });
      const code = await ethers.provider.getCode(data);
      expect(ethers.dataLength(code)).to.equal(1 + 6 * 32);
      expect(ethers.dataSlice(code, 0, 1)).to.equal("0x00");
      expect(ethers.dataSlice(code, 1, 21)).to.equal(s.alice.address.toLowerCase());
    });

    it("derives each record's address by the CREATE rule across the nonce's encodings, up to claim 2^32 - 1; claim 2^32 is refused", async function () {
      const s = await loadFixture(fixture);
      const dr = await s.disputes.getAddress();
      // Find the claim counter's storage slot (the one that follows the claims).
      await file(s.disputes, s.alice, claimRequest(s.bob.address));
      let slot = -1;
      for (let i = 0; i < 8 && slot < 0; i++) {
        if (BigInt(await ethers.provider.getStorage(dr, i)) === 1n) slot = i;
      }
      expect(slot).to.be.gte(0);
      let n = 1n;
      for (const next of [
        0x7fn,
        0x80n,
        0xffn,
        0x100n,
        0xffffn,
        0x10000n,
        0xffffffn,
        0x1000000n,
        0xffffffffn,
      ]) {
        // Jump the counter and the contract's nonce together to just before `next` (as `next - 1`
        // claims would), close the previous claim (so the same parties may file again), and file.
        await s.disputes.connect(s.alice).withdrawClaim(n);
        await ethers.provider.send("hardhat_setStorageAt", [
          dr,
          ethers.toQuantity(slot),
          ethers.toBeHex(next - 1n, 32),
        ]);
        await ethers.provider.send("hardhat_setNonce", [dr, ethers.toQuantity(next)]);
        const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
        expect(id).to.equal(next);
        const data = ethers.getCreateAddress({ from: dr, nonce: next });
        expect(ethers.dataSlice(await ethers.provider.getCode(data), 1, 21)).to.equal(
          s.alice.address.toLowerCase(),
        );
        expect((await s.disputes.claimOf(id)).claimant).to.equal(s.alice.address);
        expect((await s.disputes.claimOf(id)).status).to.equal(ClaimStatus.Filed);
        n = id;
      }
      // Claim 2^32 would need a 5-byte nonce: refused, nothing filed.
      await s.disputes.connect(s.alice).withdrawClaim(n);
      await ethers.provider.send("hardhat_setNonce", [dr, ethers.toQuantity(2n ** 32n)]);
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address)))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordNotWritten")
        .withArgs(2n ** 32n);
      expect(await s.disputes.claimCount()).to.equal(0xffffffffn);
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
      await time.increaseTo((await s.disputes.claimOf(ids[1])).answerEndsAt + 1n);
      for (const id of ids) {
        await expect(s.disputes.connect(s.alice).refer(id))
          .to.emit(s.disputes, "MetaEvidence")
          .withArgs(CHARTER_ID, "ipfs://charter");
      }
    });

    it("lets the secretariat file for the alliance", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      expect((await s.disputes.claimOf(id)).forAlliance).to.equal(true);
    });

    it("lets a licensee that is not a member file as a party to its licence agreement", async function () {
      const s = await loadFixture(fixture);
      const id = await file(
        s.disputes,
        s.carol,
        claimRequest(s.bob.address, { agreementId: LICENSE_AGREEMENT_ID, clauseId: ROYALTY }),
      );
      expect((await s.disputes.claimOf(id)).claimant).to.equal(s.carol.address);
    });

    it("files without a bond call when the charter's claim bond is 0", async function () {
      const s = await loadFixture(fixture);
      await s.charter.setParams(charterParams(0n));
      await expect(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address))).not.to.emit(
        s.treasury,
        "ClaimBondPosted",
      );
      expect((await s.disputes.claimOf(1n)).bond).to.equal(0n);
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
      await s.disputes.connect(s.alice).withdrawClaim(1n);
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

    it("stores damages up to 2^96 - 1 and reverts at 2^96, changing nothing (a claim's amounts are 96-bit words)", async function () {
      const s = await loadFixture(fixture);
      const cap = 2n ** 96n;
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
        .to.be.revertedWithCustomError(s.disputes, "SafeCastOverflowedUintDowncast")
        .withArgs(96, cap);
      expect(await s.disputes.claimCount()).to.equal(count);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { damages: cap - 1n }));
      expect((await s.disputes.claimOf(id)).damages).to.equal(cap - 1n);
    });

    it("stores a licence id up to 2^64 - 1 and reverts at 2^64, changing nothing", async function () {
      const s = await loadFixture(fixture);
      const big = 2n ** 64n;
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0 };
      await s.licenses.setLicense(big, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      await s.licenses.setLicense(big - 1n, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      const count = await s.disputes.claimCount();
      await expect(
        s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address, { ...over, licenseId: big })),
      )
        .to.be.revertedWithCustomError(s.disputes, "SafeCastOverflowedUintDowncast")
        .withArgs(64, big);
      expect(await s.disputes.claimCount()).to.equal(count);
      const id = await file(
        s.disputes,
        s.alice,
        claimRequest(s.bob.address, { ...over, licenseId: big - 1n }),
      );
      expect((await s.disputes.claimOf(id)).licenseId).to.equal(big - 1n);
    });
  });

  describe("submitEvidence", function () {
    it("logs evidence of either party as ERC-1497 Evidence and EvidenceSubmitted with its hash", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const h = sha("bob's evidence");
      await expect(s.disputes.connect(s.bob).submitEvidence(id, h, "ipfs://bob"))
        .to.emit(s.disputes, "Evidence")
        .withArgs(await s.outside.getAddress(), id, s.bob.address, "ipfs://bob")
        .and.to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.bob.address, h, "ipfs://bob");
      await expect(s.disputes.connect(s.alice).submitEvidence(id, sha("more"), "ipfs://alice-2"))
        .to.emit(s.disputes, "EvidenceSubmitted")
        .withArgs(id, s.alice.address, sha("more"), "ipfs://alice-2");
    });

    it("C3 keeps evidence in events only: no history entry and no history event", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const before = await s.history.historyLength();
      await expect(
        s.disputes.connect(s.bob).submitEvidence(id, sha("bob's evidence"), "ipfs://bob"),
      ).not.to.emit(s.history, "HistoryAppended");
      expect(await s.history.historyLength()).to.equal(before);
      expect(await kinds(s.history, s.bob.address, 1)).to.deep.equal([EntryKind.Filed]);
      expect(await kinds(s.history, s.alice.address, 0)).to.deep.equal([EntryKind.Filed]);
    });

    it("reverts for a stranger, a zero hash, an empty URI or an unknown claim", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.stranger).submitEvidence(id, sha("x"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.stranger.address);
      await expect(s.disputes.connect(s.bob).submitEvidence(id, ethers.ZeroHash, "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("evidenceHash");
      await expect(s.disputes.connect(s.bob).submitEvidence(id, sha("x"), ""))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("evidenceURI");
      await expect(s.disputes.connect(s.bob).submitEvidence(9n, sha("x"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(9n);
    });

    it("reverts once the claim is closed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.alice).withdrawClaim(id);
      await expect(s.disputes.connect(s.bob).submitEvidence(id, sha("x"), "u"))
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
      await expect(s.disputes.connect(s.bob).answer(id, h, "ipfs://answer"))
        .to.emit(s.disputes, "ClaimAnswered")
        .withArgs(id, s.bob.address, h)
        .and.to.emit(s.disputes, "Evidence");
      await expectStatus(s.disputes, id, ClaimStatus.Answered);
    });

    it("accepts an answer at the window's end - 1 s and at its end (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const end = (await s.disputes.claimOf(id)).answerEndsAt;
      const snap = await ethers.provider.send("evm_snapshot", []);
      await time.setNextBlockTimestamp(end - 1n);
      await s.disputes.connect(s.bob).answer(id, sha("a"), "u");
      await ethers.provider.send("evm_revert", [snap]);
      await time.setNextBlockTimestamp(end);
      await s.disputes.connect(s.bob).answer(id, sha("a"), "u");
      await expectStatus(s.disputes, id, ClaimStatus.Answered);
    });

    it("reverts an answer at the window's end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const end = (await s.disputes.claimOf(id)).answerEndsAt;
      await time.setNextBlockTimestamp(end + 1n);
      await expect(s.disputes.connect(s.bob).answer(id, sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowClosed")
        .withArgs(id, end);
    });

    it("reverts for anyone but the respondent, a zero hash, an empty URI, or twice", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).answer(id, sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.alice.address);
      await expect(s.disputes.connect(s.bob).answer(id, ethers.ZeroHash, "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("responseHash");
      await expect(s.disputes.connect(s.bob).answer(id, sha("a"), ""))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("responseURI");
      await s.disputes.connect(s.bob).answer(id, sha("a"), "u");
      await expect(s.disputes.connect(s.bob).answer(id, sha("a"), "u"))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Answered, mask(ClaimStatus.Filed));
    });
  });

  describe("paySettlement", function () {
    it("keeps a partly paid claim open and closes it Settled once the damages are paid", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.bob).paySettlement(id, u(100)))
        .to.emit(s.disputes, "SettlementPaid")
        .withArgs(id, s.bob.address, s.alice.address, u(100));
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
      const tx = await s.disputes.connect(s.bob).paySettlement(id, u(200));
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
      await s.disputes.connect(s.bob).paySettlement(id, u(1000));
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
      expect((await s.disputes.claimOf(id)).paid).to.equal(u(1000));
    });

    it("reverts for anyone but the respondent, a zero amount, or after referral", async function () {
      const s = await loadFixture(fixture);
      const id2 = await expectPartyAndOpenGuard(s, s.bob, s.alice, (d, id) => d.paySettlement(id, u(1)));
      await expect(s.disputes.connect(s.bob).paySettlement(id2, 0))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionInvalidInput")
        .withArgs("amount");
    });
  });

  describe("acceptCure", function () {
    it("closes the claim Cured and returns the claim bond to the claimant", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).submitEvidence(id, sha("cure: documents returned"), "ipfs://cure");
      const tx = await s.disputes.connect(s.alice).acceptCure(id);
      await expect(tx).to.emit(s.disputes, "ClaimCured").withArgs(id);
      await expect(tx).to.emit(s.treasury, "ClaimBondReleased").withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Cured);
      expect((await countsFromLog(s.history, s.bob.address)).settled).to.equal(1n);
    });

    it("reverts for anyone but the claimant or once closed", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.bob).acceptCure(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.bob.address);
      await s.disputes.connect(s.alice).acceptCure(id);
      await expect(s.disputes.connect(s.alice).acceptCure(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Cured, mask(ClaimStatus.Filed, ClaimStatus.Answered));
    });
  });

  describe("withdrawClaim", function () {
    it("returns the claim bond to the claimant before the respondent answered", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).withdrawClaim(id))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Withdrawn);
      expect((await countsFromLog(s.history, s.alice.address)).withdrawn).to.equal(1n);
    });

    it("gives the claim bond to the respondent after it answered", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).answer(id, sha("a"), "u");
      await expect(s.disputes.connect(s.alice).withdrawClaim(id))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.bob.address, CLAIM_BOND);
    });

    it("reverts for anyone but the claimant and once in arbitration", async function () {
      const s = await loadFixture(fixture);
      await expectPartyAndOpenGuard(s, s.alice, s.bob, (d, id) => d.withdrawClaim(id));
    });
  });

  describe("refer", function () {
    it("keeps a dispute id up to 2^128 - 1 in the claim's state word and is ruled on; 2^128 is refused and nothing changes", async function () {
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
      expect(await s.disputes.rulingDeadlineOf(id)).to.be.greaterThan(0n);
      await s.outside.giveRuling(max, RULING.REJECTED);
      const [, end] = await s.outside.appealPeriod(max);
      await time.increaseTo(end + 1n);
      await s.outside.executeRuling(max);
      await expectStatus(s.disputes, id, ClaimStatus.Ruled);
      expect((await s.disputes.claimOf(id)).disputeId).to.equal(max);
      // The next dispute would get id 2^128 (the array's length now): the referral reverts whole.
      const next = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await time.increaseTo((await s.disputes.claimOf(next)).answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(next))
        .to.be.revertedWithCustomError(s.disputes, "SafeCastOverflowedUintDowncast")
        .withArgs(128, 2n ** 128n);
      const c = await s.disputes.claimOf(next);
      expect([c.status, c.disputeId]).to.deep.equal([BigInt(ClaimStatus.Filed), 0n]);
    });

    it("creates the dispute and links it to the agreement's meta-evidence and the claim's evidence group", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      const outside = await s.outside.getAddress();
      await s.charter.setUri(CHARTER_ID, "ipfs://charter");
      const tx = s.disputes.connect(s.bob).refer(id);
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
      const end = (await s.disputes.claimOf(id)).answerEndsAt;
      for (const t of [end - 1n, end]) {
        await time.setNextBlockTimestamp(t);
        await expect(s.disputes.connect(s.alice).refer(id))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
          .withArgs(id, end);
      }
      await time.setNextBlockTimestamp(end + 1n);
      await s.disputes.connect(s.alice).refer(id);
      await expectStatus(s.disputes, id, ClaimStatus.Arbitration);
    });

    it("refers an answered claim once the cure period is over: end reverts, end + 1 s works (A5)", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).answer(id, sha("a"), "u");
      const end = (await s.disputes.claimOf(id)).cureEndsAt;
      await time.setNextBlockTimestamp(end);
      await expect(s.disputes.connect(s.alice).refer(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
        .withArgs(id, end);
      await time.setNextBlockTimestamp(end + 1n);
      await s.disputes.connect(s.alice).refer(id);
    });

    it("takes at least the arbitrator's fee and forwards all that was sent: quote - 1 reverts, quote and quote + 1 work (ERC-792)", async function () {
      const s = await loadFixture(fixture);
      await s.outside.setFees(1000n, 0n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      const id2 = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await time.increaseTo((await s.disputes.claimOf(id2)).answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(id, { value: 999n }))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(1000n, 999n);
      await expect(s.disputes.connect(s.alice).refer(id, { value: 1000n })).to.changeEtherBalance(
        s.outside,
        1000n,
      );
      await expect(s.disputes.connect(s.bob).refer(id2, { value: 1001n })).to.changeEtherBalance(
        s.outside,
        1001n,
      );
      expect(await ethers.provider.getBalance(await s.disputes.getAddress())).to.equal(0n);
    });

    it("refuses a ruling an arbitrator tries to give from inside createDispute (reentrancy)", async function () {
      const s = await loadFixture(fixture);
      const hostile = await ethers.deployContract("DisputesReentrantArbitrator");
      await s.disputes.connect(s.council).setArbitrator(await hostile.getAddress());
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await expect(s.disputes.connect(s.alice).refer(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownDispute")
        .withArgs(await hostile.getAddress(), 7n);
      await expectStatus(s.disputes, id, ClaimStatus.Filed);
    });

    it("reverts for a stranger or when already referred", async function () {
      const s = await loadFixture(fixture);
      await expectPartyAndOpenGuard(s, s.alice, s.stranger, (d, id) => d.refer(id));
    });
  });

  describe("appeal", function () {
    it("appeals through the outside arbitrator inside its window, end - 1 s and end (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end - 1n);
      await expect(s.disputes.connect(s.bob).appeal(id))
        .to.emit(s.disputes, "ClaimAppealed")
        .withArgs(id, s.bob.address, disputeId)
        .and.to.emit(s.outside, "AppealDecision");
      // The outside arbitrator allows further appeals: a second ruling, appealed at its window's end.
      await s.outside.giveRuling(disputeId, RULING.REJECTED);
      const [, end2] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end2);
      await s.disputes.connect(s.alice).appeal(id);
      expect(await s.outside.appealsOf(disputeId)).to.equal(2n);
      expect(await kinds(s.history, s.bob.address, 1)).to.include(EntryKind.Appealed);
    });

    it("reverts at the window's end + 1 s (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.setNextBlockTimestamp(end + 1n);
      await expect(s.disputes.connect(s.bob).appeal(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowClosed")
        .withArgs(id, end);
    });

    it("reverts when the arbitrator allows no appeal, for a stranger, or with the wrong fee", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await expect(s.disputes.connect(s.bob).appeal(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNotAppealable")
        .withArgs(disputeId);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await expect(s.disputes.connect(s.stranger).appeal(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
        .withArgs(id, s.stranger.address);
      await s.outside.setFees(0n, 500n);
      await expect(s.disputes.connect(s.bob).appeal(id, { value: 499n }))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(500n, 499n);
      // More than the quote is forwarded whole (ERC-792: at least the cost).
      await expect(s.disputes.connect(s.bob).appeal(id, { value: 750n })).to.changeEtherBalance(
        s.outside,
        750n,
      );
      expect(await ethers.provider.getBalance(await s.disputes.getAddress())).to.equal(0n);
    });

    it("reverts before the claim is in arbitration", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.bob).appeal(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Arbitration));
    });
  });

  describe("rule", function () {
    it("records the arbitrator's final ruling (ERC-792 Ruling) and moves the claim to Ruled", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      const [, end] = await s.outside.appealPeriod(disputeId);
      await time.increaseTo(end + 1n);
      await expect(s.outside.executeRuling(disputeId))
        .to.emit(s.disputes, "Ruling")
        .withArgs(await s.outside.getAddress(), disputeId, RULING.UPHELD)
        .and.to.emit(s.disputes, "ClaimRuled")
        .withArgs(id, RULING.UPHELD);
      const c = await s.disputes.claimOf(id);
      expect(c.status).to.equal(ClaimStatus.Ruled);
      expect(c.ruling).to.equal(RULING.UPHELD);
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
      await s.outside.forceRule(disputeId, RULING.REJECTED);
      await expectStatus(s.disputes, id, ClaimStatus.Ruled);
    });

    it("reverts a second ruling for the same dispute (C2)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await ruled(s, RULING.UPHELD);
      await expect(s.outside.forceRule(disputeId, RULING.REJECTED))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Arbitration));
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
      await s.outside.forceRule(disputeId, RULING.UPHELD);
      await expectStatus(s.disputes, id, ClaimStatus.Ruled);
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
      await s.disputes.executeRuling(id);
      const owed = u(300) + CLAIM_BOND;
      // Anyone may pull; the money always goes to the recorded payee, the claimant.
      expect(await s.disputes.connect(s.stranger).claimPayout.staticCall(id)).to.equal(owed);
      const tx = await s.disputes.connect(s.stranger).claimPayout(id);
      await expect(tx)
        .to.emit(s.disputes, "ClaimPayoutPulled")
        .withArgs(id, s.alice.address, s.stranger.address, owed);
      await expect(tx).to.emit(s.treasury, "ClaimPaid").withArgs(id, s.alice.address, owed);
      await expect(tx).to.changeTokenBalances(s.token, [s.alice, s.stranger, s.treasury], [owed, 0n, -owed]);
      expect((await s.disputes.claimOf(id)).bond).to.equal(0n);
      expect(await s.treasury.totalClaimBonds()).to.equal(0n);
      expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(0n);
      await expect(s.disputes.connect(s.alice).claimPayout(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(id);
      await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [id]);
      await expectVaultCovers(s);
    });

    it("refuses an unknown claim, a claim not Executed, and an executed claim that owes nothing", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.claimPayout(99n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_SUSPENSION,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      await expect(s.disputes.claimPayout(id)).to.be.revertedWithCustomError(
        s.disputes,
        "DisputeResolutionUnexpectedStatus",
      );
      // Claim bond only (no damages requested): owed and pulled; then nothing.
      await s.disputes.executeRuling(id);
      await expect(s.disputes.claimPayout(id)).to.changeTokenBalance(s.token, s.alice, CLAIM_BOND);
      await expect(s.disputes.claimPayout(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNothingOwed")
        .withArgs(id);
      // A dismissed claim's bond went to a withdrawable balance: nothing to pull here.
      const { id: rejected } = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      await s.disputes.executeRuling(rejected);
      await expect(s.disputes.claimPayout(rejected)).to.be.revertedWithCustomError(
        s.disputes,
        "DisputeResolutionUnexpectedStatus",
      );
      expect(await s.treasury.withdrawableOf(s.bob.address)).to.equal(CLAIM_BOND);
      await expectVaultCovers(s);
    });

    it("changes nothing when the token refuses the claimant, and pays it once the token accepts it again (M1)", async function () {
      const s = await deploySuite({ blacklistToken: true });
      await s.disputes.connect(s.council).setArbitrator(await s.outside.getAddress());
      const blk = s.token as unknown as TreasuryBlacklistToken;
      const { id } = await ruled(s, RULING.UPHELD);
      await s.disputes.executeRuling(id);
      const owed = u(300) + CLAIM_BOND;
      const snapshot = async () => [
        (await s.disputes.claimOf(id)).bond,
        (await s.disputes.claimOf(id)).status,
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
        await expect(s.disputes.connect(caller).claimPayout(id))
          .to.be.revertedWithCustomError(blk, "TreasuryBlacklistTokenBlocked")
          .withArgs(s.alice.address);
      }
      expect(await snapshot()).to.deep.equal(before);
      await blk.setBlacklisted(s.alice.address, false);
      await expect(s.disputes.connect(s.stranger).claimPayout(id)).to.changeTokenBalances(
        s.token,
        [s.alice, s.treasury],
        [owed, -owed],
      );
      expect((await s.disputes.claimOf(id)).bond).to.equal(0n);
      await expectVaultCovers(s);
    });
  });

  describe("executeRuling", function () {
    it("slashes the bond into the claim money held for the injured party, moving no token, and counts the penalty", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD);
      const tx = await s.disputes.connect(s.stranger).executeRuling(id);
      await expect(tx).to.emit(s.disputes, "ClaimExecuted").withArgs(id);
      // One history call: the Executed entry, then the penalty's entry (its record and its event).
      const last = (await loggedHistory(s.history)).entries.slice(-2);
      expect(last.map((e) => [e.kind, e.detailKind, e.claimId, e.respondent, e.amount])).to.deep.equal([
        [BigInt(EntryKind.Executed), 1n, id, s.bob.address, 0n],
        [BigInt(EntryKind.PenaltyApplied), BigInt(REMEDY.DAMAGES), id, s.bob.address, u(300)],
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
      expect((await s.disputes.claimOf(id)).bond).to.equal(u(300) + CLAIM_BOND);
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
      await expect(s.disputes.executeRuling(id))
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
      await s.disputes.connect(s.bob).paySettlement(id, u(100));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(id);
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increase(8 * 24 * 3600);
      await s.outside.executeRuling(disputeId);
      await expect(s.disputes.executeRuling(id))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, u(200), id);
      // A penalty never exceeds the bond plus what was paid voluntarily.
      expect((await countsFromLog(s.history, s.bob.address)).penaltiesPaid).to.equal(u(300));
    });

    it("sends the damages of a secretariat claim to the alliance fund", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.secretariat).refer(id);
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increase(8 * 24 * 3600);
      await s.outside.executeRuling(disputeId);
      await expect(s.disputes.executeRuling(id))
        .to.emit(s.disputes, "ClaimPayoutOwed")
        .withArgs(id, s.secretariat.address, CLAIM_BOND);
      expect(await s.treasury.allianceFund()).to.equal(u(300));
      // B12: only its own claim bond is owed to the secretariat's account, pulled like any other.
      expect((await s.disputes.claimOf(id)).bond).to.equal(CLAIM_BOND);
      await expect(s.disputes.connect(s.stranger).claimPayout(id)).to.changeTokenBalance(
        s.token,
        s.secretariat,
        CLAIM_BOND,
      );
      expect(await s.treasury.allianceFund()).to.equal(u(300));
    });

    it("suspends the licence and the membership and puts expulsion to the council", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.UPHELD, {
        remedies: REMEDY.LICENSE_SUSPENSION | REMEDY.MEMBERSHIP_SUSPENSION | REMEDY.EXPULSION_PROPOSAL,
        damages: 0,
        licenseId: BOB_LICENSE,
      });
      const tx = await s.disputes.executeRuling(id);
      const statement = (await s.disputes.claimOf(id)).statementHash;
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
      await expect(s.disputes.executeRuling(id)).to.emit(s.licenses, "LicenseRevoked");
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
      const tx = await s.disputes.executeRuling(id);
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
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.bob).refer(id);
      await s.outside.forceRule((await s.disputes.claimOf(id)).disputeId, RULING.UPHELD);
      await expect(s.disputes.executeRuling(id))
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
      const tx = await s.disputes.executeRuling(id);
      await expect(tx).to.emit(s.remedies, "ExpulsionProposalFailed").withArgs(id, s.bob.address);
      await expect(tx).to.emit(s.treasury, "BondSlashed");
      await expectStatus(s.disputes, id, ClaimStatus.Executed);
    });

    it("dismisses a rejected claim and gives the claim bond to the respondent", async function () {
      const s = await loadFixture(fixture);
      const { id } = await ruled(s, RULING.REJECTED);
      const tx = await s.disputes.executeRuling(id);
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
      await expect(s.disputes.executeRuling(id))
        .to.emit(s.treasury, "ClaimBondReleased")
        .withArgs(id, s.alice.address, CLAIM_BOND);
      await expectStatus(s.disputes, id, ClaimStatus.Dismissed);
    });

    it("reverts before the ruling and a second time", async function () {
      const s = await loadFixture(fixture);
      const { id } = await referred(s);
      await expect(s.disputes.executeRuling(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Arbitration, mask(ClaimStatus.Ruled));
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await s.outside.forceRule(disputeId, RULING.UPHELD);
      await s.disputes.executeRuling(id);
      await expect(s.disputes.executeRuling(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Executed, mask(ClaimStatus.Ruled));
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
      expect((await s.disputes.claimOf(before)).arbitrator).to.equal(await s.outside.getAddress());
      expect((await s.disputes.claimOf(after)).arbitrator).to.equal(await s.panel.getAddress());
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

    it("reverts claimOf for an unknown claim", async function () {
      const s = await seeded();
      await expect(s.disputes.claimOf(2n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(2n);
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
      await s.disputes.connect(s.alice).withdrawClaim(ids[0]);
      await step();
      ids.push(await file(s.disputes, s.bob, claimRequest(s.alice.address)));
      await s.disputes.connect(s.bob).acceptCure(ids[1]);
      await step();
      ids.push(await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION })));
      await s.disputes.connect(s.bob).paySettlement(ids[2], u(300));
      await step();
      for (const [ruling, [claimant, respondent]] of [
        [RULING.UPHELD, actors[0]],
        [RULING.REJECTED, actors[1]],
      ] as const) {
        const id = await file(s.disputes, claimant, claimRequest(respondent.address));
        ids.push(id);
        await step();
        await s.disputes.connect(respondent).answer(id, sha("answer"), "u");
        await step();
        await time.increaseTo((await s.disputes.claimOf(id)).cureEndsAt + 1n);
        await s.disputes.connect(claimant).refer(id);
        await step();
        await s.outside.forceRule((await s.disputes.claimOf(id)).disputeId, ruling);
        await step();
        await s.disputes.executeRuling(id);
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
      await s.disputes.executeRuling(id);
      return id;
    }

    it("lifts the licence suspension its upheld ruling applied: event, licence Active, a new history entry (M9, C3)", async function () {
      const s = await loadFixture(fixture);
      const id = await suspended(s);
      expect((await s.disputes.claimOf(id)).licenseSuspended).to.equal(true);
      expect((await s.disputes.claimOf(id)).suspensionLifted).to.equal(false);
      const before = await historySnapshot(s.history);
      const waiver = sha("waiver signed after the settlement");
      const tx = await s.disputes.connect(s.alice).liftSuspension(id, waiver);
      await expect(tx)
        .to.emit(s.disputes, "LicenseSuspensionLifted")
        .withArgs(id, BOB_LICENSE, s.alice.address, waiver);
      await expect(tx)
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, id, await s.remedies.getAddress());
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
      const c = await s.disputes.claimOf(id);
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
      await expect(s.disputes.connect(s.alice).liftSuspension(99n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      for (const who of [s.bob, s.stranger, s.council]) {
        await expect(s.disputes.connect(who).liftSuspension(id, ethers.ZeroHash))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnauthorizedParty")
          .withArgs(id, who.address);
      }
    });

    it("reverts unless the claim is Executed (ruled, dismissed)", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await expect(s.disputes.connect(s.alice).liftSuspension(id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Ruled, mask(ClaimStatus.Executed));
      const other = await ruled(s, RULING.REJECTED, { clauseId: CONTRIBUTION });
      await s.disputes.executeRuling(other.id);
      await expect(s.disputes.connect(s.alice).liftSuspension(other.id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(other.id, ClaimStatus.Dismissed, mask(ClaimStatus.Executed));
    });

    it("reverts when the claim suspended nothing: not requested, skipped at execution, or already lifted", async function () {
      const s = await loadFixture(fixture);
      // Damages only: nothing to lift.
      const damages = await ruled(s, RULING.UPHELD);
      await s.disputes.executeRuling(damages.id);
      await expect(s.disputes.connect(s.alice).liftSuspension(damages.id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(damages.id);
      // Requested, but the licence was revoked before execution: the remedy was skipped.
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const skipped = await ruled(s, RULING.UPHELD, over);
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
      await expect(s.disputes.executeRuling(skipped.id))
        .to.emit(s.remedies, "RemedySkipped")
        .withArgs(skipped.id, REMEDY.LICENSE_SUSPENSION);
      await expect(s.disputes.connect(s.alice).liftSuspension(skipped.id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(skipped.id);
      // Lifted once: a second lifting reverts.
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Active, s.bob.address, 1, CHARTER_ID);
      const id = await suspended(s);
      await s.disputes.connect(s.alice).liftSuspension(id, ethers.ZeroHash);
      await expect(s.disputes.connect(s.alice).liftSuspension(id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(id);
    });

    it("reverts when the licence is no longer suspended (revoked since) and changes nothing", async function () {
      const s = await loadFixture(fixture);
      const id = await suspended(s);
      await s.licenses.setLicense(BOB_LICENSE, LicenseStatus.Revoked, s.bob.address, 1, CHARTER_ID);
      const length = await s.history.historyLength();
      await expect(s.disputes.connect(s.alice).liftSuspension(id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionLicenseNotSuspended")
        .withArgs(BOB_LICENSE, LicenseStatus.Revoked);
      expect(await s.history.historyLength()).to.equal(length);
      expect((await s.disputes.claimOf(id)).suspensionLifted).to.equal(false);
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
      await s.disputes.executeRuling(a.id);
      const b = await ruled(s, RULING.UPHELD, { ...over, clauseId: CONTRIBUTION });
      await s.disputes.executeRuling(b.id);
      return { ...s, first: a.id, second: b.id };
    }

    it("B7 suspends a licence already suspended for non-payment, and paying the arrears does not lift it", async function () {
      const s = await loadFixture(fixture);
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await s.licenses.setNonPayment(BOB_LICENSE, true);
      const tx = await s.disputes.executeRuling(id);
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
      expect((await s.disputes.claimOf(id)).licenseSuspended).to.equal(true);
      // The arrears are paid: the ruling's suspension stays.
      await s.licenses.setNonPayment(BOB_LICENSE, false);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, id)).to.equal(true);
    });

    it("B7 one claimant's waiver lifts only its own ruling's suspension, once", async function () {
      const s = await loadFixture(twoSuspensions);
      await expect(s.disputes.connect(s.alice).liftSuspension(s.first, sha("waiver 1")))
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, s.first, await s.remedies.getAddress());
      // The second ruling's suspension holds the licence suspended.
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, s.second)).to.equal(true);
      expect((await s.disputes.claimOf(s.second)).suspensionLifted).to.equal(false);
      // A second waiver of the same claim changes nothing.
      await expect(s.disputes.connect(s.alice).liftSuspension(s.first, sha("waiver 1")))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.first);
      await s.disputes.connect(s.alice).liftSuspension(s.second, sha("waiver 2"));
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
    });

    it("B7 the council's lifting acts on one claim's suspension only", async function () {
      const s = await loadFixture(twoSuspensions);
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(s.second, sha("decision")))
        .to.emit(s.licenses, "SuspensionLifted")
        .withArgs(BOB_LICENSE, s.second, await s.remedies.getAddress());
      expect(await s.licenses.suspendedByClaim(BOB_LICENSE, s.first)).to.equal(true);
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(s.second, sha("decision")))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.second);
    });
  });

  describe("liftSuspensionByCouncil", function () {
    async function councilFixture() {
      const s = await fixture();
      const over = { remedies: REMEDY.LICENSE_SUSPENSION, damages: 0, licenseId: BOB_LICENSE };
      const { id } = await ruled(s, RULING.UPHELD, over);
      await s.disputes.executeRuling(id);
      return { ...s, id };
    }

    it("lets the council lift a ruling's licence suspension with its decision's hash (M9)", async function () {
      const s = await loadFixture(councilFixture);
      const decision = sha("council resolution 2026-07");
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(s.id, decision))
        .to.emit(s.disputes, "LicenseSuspensionLifted")
        .withArgs(s.id, BOB_LICENSE, s.council.address, decision)
        .and.to.emit(s.licenses, "SuspensionLifted");
      expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Active);
      const e = (await loggedHistory(s.history)).entries.at(-1)!;
      expect(e.kind).to.equal(EntryKind.SuspensionLifted);
      expect(e.actor).to.equal(s.council.address);
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(s.id, decision))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionNoSuspension")
        .withArgs(s.id);
    });

    it("reverts for anyone without the council role, the claimant included (A1)", async function () {
      const s = await loadFixture(councilFixture);
      for (const who of [s.alice, s.bob, s.stranger, s.secretariat]) {
        await expect(s.disputes.connect(who).liftSuspensionByCouncil(s.id, ethers.ZeroHash))
          .to.be.revertedWithCustomError(s.disputes, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
    });

    it("reverts for an unknown claim and a claim that is not Executed", async function () {
      const s = await loadFixture(councilFixture);
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(99n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address, { clauseId: CONTRIBUTION }));
      await expect(s.disputes.connect(s.council).liftSuspensionByCouncil(id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Executed));
    });
  });

  describe("closeUnresolved (ruling deadline)", function () {
    it("has no deadline before referral and RULING_PERIOD (180 days) after it", async function () {
      const s = await loadFixture(fixture);
      expect(await s.disputes.RULING_PERIOD()).to.equal(BigInt(RULING_PERIOD));
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      expect(await s.disputes.rulingDeadlineOf(id)).to.equal(0n);
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(id);
      expect(await s.disputes.rulingDeadlineOf(id)).to.equal(
        BigInt(await time.latest()) + BigInt(RULING_PERIOD),
      );
      await expect(s.disputes.rulingDeadlineOf(99n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
    });

    it("closes only after the deadline: deadline - 1 s and deadline revert, deadline + 1 s works (A5)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      const due = await s.disputes.rulingDeadlineOf(id);
      for (const t of [due - 1n, due]) {
        await time.setNextBlockTimestamp(t);
        await expect(s.disputes.connect(s.alice).closeUnresolved(id))
          .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
          .withArgs(id, due);
      }
      await time.setNextBlockTimestamp(due + 1n);
      await expect(s.disputes.connect(s.alice).closeUnresolved(id))
        .to.emit(s.disputes, "ClaimClosedUnresolved")
        .withArgs(id, s.alice.address, disputeId);
      await expectStatus(s.disputes, id, ClaimStatus.Unresolved);
    });

    it("pays the claim bond back to the claimant (I7) and appends one entry (C3)", async function () {
      const s = await loadFixture(fixture);
      const { id, disputeId } = await referred(s);
      const before = await historySnapshot(s.history);
      await time.increaseTo((await s.disputes.rulingDeadlineOf(id)) + 1n);
      // The respondent may close too; the bond still goes back to the claimant.
      const tx = await s.disputes.connect(s.bob).closeUnresolved(id);
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
      await time.increaseTo((await s.disputes.rulingDeadlineOf(id)) + 1n);
      await s.disputes.connect(s.alice).closeUnresolved(id);
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
      await expect(s.disputes.connect(s.bob).appeal(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      await expect(s.disputes.connect(s.alice).closeUnresolved(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Unresolved, expected);
      expect((await s.disputes.claimOf(id)).ruling).to.equal(0n);
      expect(await s.treasury.withdrawableOf(s.bob.address)).to.equal(0n);
    });

    it("refuses closing while the arbitrator's ruling is appealable; an appeal restarts the deadline", async function () {
      const s = await loadFixture(fixture);
      await s.outside.setAppealDuration(200 * DAY);
      const { id, disputeId } = await referred(s);
      const due = await s.disputes.rulingDeadlineOf(id);
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increaseTo(due + 1n);
      await expect(s.disputes.connect(s.alice).closeUnresolved(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(id, disputeId);
      await s.disputes.connect(s.bob).appeal(id);
      const due2 = await s.disputes.rulingDeadlineOf(id);
      expect(due2).to.equal(BigInt(await time.latest()) + BigInt(RULING_PERIOD));
      await time.setNextBlockTimestamp(due2);
      await expect(s.disputes.connect(s.alice).closeUnresolved(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWindowNotOpen")
        .withArgs(id, due2);
      await time.setNextBlockTimestamp(due2 + 1n);
      await expect(s.disputes.connect(s.alice).closeUnresolved(id)).to.emit(
        s.disputes,
        "ClaimClosedUnresolved",
      );
    });

    it("reverts for an unknown claim, a non-party, and a claim not in arbitration", async function () {
      const s = await loadFixture(fixture);
      await expect(s.disputes.connect(s.alice).closeUnresolved(99n))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnknownClaim")
        .withArgs(99n);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await expect(s.disputes.connect(s.alice).closeUnresolved(id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionUnexpectedStatus")
        .withArgs(id, ClaimStatus.Filed, mask(ClaimStatus.Arbitration));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(id);
      await time.increaseTo((await s.disputes.rulingDeadlineOf(id)) + 1n);
      for (const who of [s.stranger, s.secretariat, s.council]) {
        await expect(s.disputes.connect(who).closeUnresolved(id))
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
        await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
        await s.disputes.connect(s.alice).refer(id);
        ids.push(id);
      }
      await time.increaseTo((await s.disputes.rulingDeadlineOf(ids[1])) + 1n);
      for (const status of [1, 2]) {
        // Appealable: a ruling in its appeal stage; Solved: a final ruling not yet delivered.
        await silent.setStatus(status, false);
        for (const id of ids) {
          await expect(s.disputes.connect(s.alice).closeUnresolved(id))
            .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
            .withArgs(id, id - 1n);
        }
      }
      await silent.setStatus(0, true); // the view reverts
      await expect(s.disputes.connect(s.alice).closeUnresolved(ids[0])).to.emit(
        s.disputes,
        "ClaimClosedUnresolved",
      );
      await silent.setStatus(0, false); // Waiting
      await expect(s.disputes.connect(s.bob).closeUnresolved(ids[1])).to.emit(
        s.disputes,
        "ClaimClosedUnresolved",
      );
      for (const id of ids) await expectStatus(s.disputes, id, ClaimStatus.Unresolved);
    });

    it("closes a claim whose PanelArbitrator panel was never appointed; the panel's late ruling cannot land", async function () {
      const s = await loadFixture(deploySuite);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.alice).refer(id);
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await time.increaseTo((await s.disputes.rulingDeadlineOf(id)) + 1n);
      await s.disputes.connect(s.alice).closeUnresolved(id);
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
            .withdrawClaim(await file(s.disputes, s.alice, claimRequest(s.bob.address))),
      ],
      [
        "cured",
        async (s) =>
          s.disputes
            .connect(s.alice)
            .acceptCure(await file(s.disputes, s.alice, claimRequest(s.bob.address))),
      ],
      [
        "settled",
        async (s) =>
          s.disputes
            .connect(s.bob)
            .paySettlement(await file(s.disputes, s.alice, claimRequest(s.bob.address)), u(300)),
      ],
      ["executed (upheld)", async (s) => s.disputes.executeRuling((await ruled(s, RULING.UPHELD)).id)],
      ["dismissed", async (s) => s.disputes.executeRuling((await ruled(s, RULING.REJECTED)).id)],
      [
        "closed unresolved",
        async (s) => {
          const { id } = await referred(s);
          await time.increaseTo((await s.disputes.rulingDeadlineOf(id)) + 1n);
          return s.disputes.connect(s.bob).closeUnresolved(id);
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
      await s.disputes.connect(s.alice).withdrawClaim(a);
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(1n);
      // A failed closing changes nothing.
      await expect(s.disputes.connect(s.alice).withdrawClaim(a)).to.be.revertedWithCustomError(
        s.disputes,
        "DisputeResolutionUnexpectedStatus",
      );
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(1n);
      await s.disputes.connect(s.alice).acceptCure(b);
      expect(await s.history.openClaimsAgainst(s.bob.address)).to.equal(0n);
    });
  });

  describe("B11: a claim counts against the respondent only once referred", function () {
    it("B11 leaves no count against the respondent for a filed and withdrawn claim, and shows it as withdrawn", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
      await s.disputes.connect(s.bob).answer(id, sha("no breach"), "ipfs://answer");
      await s.disputes.connect(s.alice).withdrawClaim(id);
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
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      expect((await countsFromLog(s.history, s.bob.address)).against).to.equal(0n);
      await s.disputes.connect(s.alice).refer(id);
      expect((await countsFromLog(s.history, s.bob.address)).against).to.equal(1n);
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await s.outside.giveRuling(disputeId, RULING.REJECTED);
      await time.increaseTo((await s.outside.appealPeriod(disputeId))[1] + 1n);
      await s.outside.executeRuling(disputeId);
      await s.disputes.executeRuling(id);
      const bob = await countsFromLog(s.history, s.bob.address);
      expect([bob.against, bob.upheld, bob.dismissed]).to.deep.equal([1n, 0n, 1n]);
    });
  });

  describe("B12: money of a secretariat claim goes to the alliance fund", function () {
    it("B12 credits a secretariat claim's settlement to the alliance fund, never to the secretariat's balance", async function () {
      const s = await loadFixture(fixture);
      const id = await file(s.disputes, s.secretariat, claimRequest(s.bob.address));
      const fund = await s.treasury.allianceFund();
      const tx = await s.disputes.connect(s.bob).paySettlement(id, u(300));
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
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      await s.disputes.connect(s.bob).refer(id);
      const disputeId = (await s.disputes.claimOf(id)).disputeId;
      await s.outside.giveRuling(disputeId, RULING.UPHELD);
      await time.increaseTo((await s.outside.appealPeriod(disputeId))[1] + 1n);
      await s.outside.executeRuling(disputeId);
      const fund = await s.treasury.allianceFund();
      const tx = s.disputes.executeRuling(id);
      await expect(tx)
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, await s.treasury.getAddress(), u(300), id);
      await expect(tx).to.changeTokenBalance(s.token, s.secretariat, 0n);
      expect(await s.treasury.allianceFund()).to.equal(fund + u(300));
      // Its own claim bond is owed to the secretariat's account and pulled; the slash is not.
      await expect(s.disputes.connect(s.secretariat).claimPayout(id))
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
      await time.increaseTo((await s.disputes.claimOf(id)).answerEndsAt + 1n);
      const quote = await kleros.arbitrationCost("0x");
      await s.disputes.connect(s.alice).refer(id, { value: quote });
      return { ...s, kleros, id, disputeId: (await s.disputes.claimOf(id)).disputeId, quote };
    }

    it("refuses closeUnresolved once the appeal window ends (Solved) until its executeRuling delivers the ruling, which then executes", async function () {
      const s = await loadFixture(klerosFixture);
      const due = await s.disputes.rulingDeadlineOf(s.id);
      // The ruling comes late, just before the deadline; its appeal window ends after it.
      await time.setNextBlockTimestamp(due - 60n);
      await s.kleros.giveRuling(s.disputeId, RULING.UPHELD);
      const [, end] = await s.kleros.appealPeriod(s.disputeId);
      expect(end).to.be.gt(due);
      await time.setNextBlockTimestamp(due + 1n);
      await expect(s.disputes.connect(s.bob).closeUnresolved(s.id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(s.id, s.disputeId);
      // The issue's sequence: the window has ended, Kleros reports Solved, nobody executed yet.
      await time.increaseTo(end + 1n);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(2n);
      await expect(s.disputes.connect(s.bob).closeUnresolved(s.id))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRulingPending")
        .withArgs(s.id, s.disputeId);
      await expectStatus(s.disputes, s.id, ClaimStatus.Arbitration);
      await s.kleros.connect(s.stranger).executeRuling(s.disputeId);
      await expectStatus(s.disputes, s.id, ClaimStatus.Ruled);
      await expect(s.disputes.executeRuling(s.id))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.bob.address, s.alice.address, u(300), s.id);
    });

    it("accepts a paid appeal at twice the quote, which Kleros' arbitrator asks; the quote alone is refused by it", async function () {
      const s = await loadFixture(klerosFixture);
      await s.kleros.giveRuling(s.disputeId, RULING.REJECTED);
      const quote = await s.kleros.appealCost(s.disputeId, "0x");
      expect(quote).to.equal(s.quote);
      await expect(s.disputes.connect(s.alice).appeal(s.id, { value: quote - 1n }))
        .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionWrongFee")
        .withArgs(quote, quote - 1n);
      await expect(s.disputes.connect(s.alice).appeal(s.id, { value: quote }))
        .to.be.revertedWithCustomError(s.kleros, "InsufficientPayment")
        .withArgs(quote, 2n * quote);
      const tx = s.disputes.connect(s.alice).appeal(s.id, { value: 2n * quote });
      await expect(tx).to.changeEtherBalances([s.kleros, s.disputes], [2n * quote, 0n]);
      await expect(tx).to.emit(s.disputes, "ClaimAppealed").withArgs(s.id, s.alice.address, s.disputeId);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(0n);
      // The appeal round rules for the claimant; its ruling is delivered and executed.
      await s.kleros.giveRuling(s.disputeId, RULING.UPHELD);
      await time.increaseTo((await s.kleros.appealPeriod(s.disputeId))[1] + 1n);
      await s.kleros.executeRuling(s.disputeId);
      expect((await s.disputes.claimOf(s.id)).ruling).to.equal(RULING.UPHELD);
    });

    it("closes a claim the Kleros arbitrator never ruled on once the deadline passed (Waiting)", async function () {
      const s = await loadFixture(klerosFixture);
      await time.increaseTo((await s.disputes.rulingDeadlineOf(s.id)) + 1n);
      expect(await s.kleros.disputeStatus(s.disputeId)).to.equal(0n);
      await expect(s.disputes.connect(s.bob).closeUnresolved(s.id))
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
      await time.increaseTo((await s.disputeResolution.claimOf(id)).answerEndsAt + 1n);
      await s.disputeResolution.connect(a).refer(id);
      const disputeId = (await s.disputeResolution.claimOf(id)).disputeId;
      await appoint(s.panelArbitrator.connect(s.secretariat), disputeId, [s.expert.address]);
      await castVote(s.panelArbitrator.connect(s.expert), disputeId, [s.expert.address], 1, sha("proven"));
      await time.increaseTo((await s.panelArbitrator.disputeOf(disputeId)).appealEndsAt + 1n);
      await s.panelArbitrator.executeRuling(disputeId);
      await s.disputeResolution.executeRuling(id);
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

      await expect(s.disputeResolution.connect(a).liftSuspension(id, sha("waiver")))
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
});
