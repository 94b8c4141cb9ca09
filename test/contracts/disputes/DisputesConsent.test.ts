import { appoint, castVote } from "../../helpers/panel";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { admitMembers, descriptionHash, ProposalState, type FullSuite } from "../../helpers/suite";
import {
  CHARTER_DOC,
  CHARTER_TERMS,
  CONFIDENTIALITY,
  REMEDY,
  charteredSuite,
  expectSolvent,
  fund,
  sha,
  u,
} from "../../integration/helpers";
import { disputeOf, recordOf } from "./helpers";

/**
 * Consent in claims and arbitration on the suite as the Ignition module deploys it (B6, B8, B9): the
 * real Membership, AllianceGovernor, AgreementRegistry, Treasury and PanelArbitrator.
 */
type Chartered = FullSuite & { charterId: bigint };

/** `claimant` files a claim of clause 7.1 of the charter against `respondent`. */
async function fileCharterClaim(
  s: Chartered,
  claimant: HardhatEthersSigner,
  respondent: HardhatEthersSigner,
  remedies: number,
  damages = 0n,
): Promise<bigint> {
  await s.disputeResolution.connect(claimant).fileClaim({
    respondent: respondent.address,
    agreementId: s.charterId,
    agreementVersion: 1,
    clauseId: CONFIDENTIALITY,
    statementHash: sha(`statement of ${claimant.address} against ${respondent.address}`),
    statementURI: "ipfs://statement",
    evidenceHash: sha("evidence"),
    evidenceURI: "ipfs://evidence",
    remedies,
    damages,
    licenseId: 0,
  });
  return s.disputeResolution.claimCount();
}

/**
 * Refers claim `claimId` unanswered and has the one-expert panel uphold it (after its appeal window);
 * returns the dispute id (the ruling waits with it until `executeRuling`).
 */
async function uphold(s: Chartered, claimant: HardhatEthersSigner, claimId: bigint): Promise<bigint> {
  const rec = await recordOf(s.disputeResolution, claimId);
  await time.increaseTo(rec.answerEndsAt + 1n);
  await s.disputeResolution.connect(claimant).refer(rec);
  const disputeId = await disputeOf(s.disputeResolution, claimId);
  await appoint(s.panelArbitrator.connect(s.secretariat), disputeId, [s.expert.address]);
  await castVote(s.panelArbitrator.connect(s.expert), disputeId, [s.expert.address], 1, sha("breach proven"));
  await time.increaseTo((await s.panelArbitrator.disputeOf(disputeId)).appealEndsAt + 1n);
  await s.panelArbitrator.executeRuling(disputeId);
  return disputeId;
}

async function funded() {
  const s = await charteredSuite();
  await fund(s, [...s.founders, s.stranger]);
  return s;
}

describe("Disputes: consent on the deployed suite (B6, B8, B9)", function () {
  describe("B6: no withdrawal to escape a claim", function () {
    it("B6 refuses the withdrawal of a respondent whose ripe notice meets a new claim, and slashes its bond when the ruling executes", async function () {
      const s = await loadFixture(funded);
      const [a, , c] = s.founders;
      const bond = await s.treasury.bondOf(c.address);
      // The exploit: a notice kept ripe, a claim filed, a withdrawal at once.
      await s.membership.connect(c).giveWithdrawalNotice();
      await time.increaseTo((await s.membership.memberOf(c.address)).withdrawableAt);
      const claimId = await fileCharterClaim(s, a, c, REMEDY.DAMAGES, u(300));
      expect(await s.breachHistory.openClaimsAgainst(c.address)).to.equal(1n);
      await expect(s.membership.connect(c).withdraw())
        .to.be.revertedWithCustomError(s.membership, "MembershipOpenClaims")
        .withArgs(c.address, 1n);
      expect(await s.treasury.bondOf(c.address)).to.equal(bond);
      // The ruling's DAMAGES find the bond.
      const disputeId = await uphold(s, a, claimId);
      const rec = await recordOf(s.disputeResolution, claimId);
      await expect(s.disputeResolution.connect(s.stranger).executeRuling(rec, disputeId))
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(c.address, a.address, u(300), claimId);
      expect(await s.treasury.bondOf(c.address)).to.equal(bond - u(300));
      expect(await s.breachHistory.openClaimsAgainst(c.address)).to.equal(0n);
      await expectSolvent(s);
    });
  });

  describe("B8: the expulsion proposal cannot be front-run", function () {
    it("B8 refuses someone else's proposal with the same targets, calldata and description; a copy without the suffix gets another id", async function () {
      const s = await loadFixture(funded);
      const [a, b, c] = s.founders;
      const claimId = await fileCharterClaim(s, a, c, REMEDY.EXPULSION_PROPOSAL);
      const disputeId = await uphold(s, a, claimId);
      const claim = await recordOf(s.disputeResolution, claimId);
      const [targets, values, calldatas, description] = await s.remedyExecution.expulsionProposal(
        claimId,
        c.address,
        claim.statementHash,
        s.charterId,
      );
      const remedies = (await s.remedyExecution.getAddress()).toLowerCase();
      expect(description.endsWith(`#proposer=${remedies}`)).to.equal(true);
      const expectedId = await s.governor.hashProposal(
        [...targets],
        [...values],
        [...calldatas],
        descriptionHash(description),
      );
      // The attacker (a stranger, and a member with a seat) proposes the very same proposal first.
      for (const attacker of [s.stranger, b]) {
        await expect(
          s.governor.connect(attacker).propose([...targets], [...values], [...calldatas], description),
        )
          .to.be.revertedWithCustomError(s.governor, "GovernorRestrictedProposer")
          .withArgs(attacker.address);
      }
      // Without the suffix it is another proposal: cancelling it kills nothing of the claim's.
      const bare = description.slice(0, description.indexOf(" #proposer="));
      await s.governor.connect(s.stranger).propose([...targets], [...values], [...calldatas], bare);
      const bareId = await s.governor.hashProposal(
        [...targets],
        [...values],
        [...calldatas],
        descriptionHash(bare),
      );
      expect(bareId).to.not.equal(expectedId);
      await s.governor
        .connect(s.stranger)
        .cancel([...targets], [...values], [...calldatas], descriptionHash(bare));

      const tx = await s.disputeResolution.connect(s.stranger).executeRuling(claim, disputeId);
      await expect(tx)
        .to.emit(s.remedyExecution, "ExpulsionProposed")
        .withArgs(claimId, c.address, expectedId);
      expect(await s.governor.proposalProposer(expectedId)).to.equal(await s.remedyExecution.getAddress());
      expect(await s.governor.state(expectedId)).to.equal(BigInt(ProposalState.Pending));
      // Nobody but its proposer (which never cancels) can cancel it while Pending.
      await expect(
        s.governor
          .connect(s.stranger)
          .cancel([...targets], [...values], [...calldatas], descriptionHash(description)),
      )
        .to.be.revertedWithCustomError(s.governor, "GovernorUnableToCancel")
        .withArgs(expectedId, s.stranger.address);
    });
  });

  describe("B9: an acceder of the charter claims and is claimed against like a founder", function () {
    async function withAcceder() {
      const s = await funded();
      const [m] = await admitMembers(s, 1);
      await fund(s, [m]);
      return { ...s, m };
    }

    it("B9 refuses a member that has not acceded, as claimant and as respondent", async function () {
      const s = await loadFixture(withAcceder);
      const [a] = s.founders;
      await expect(fileCharterClaim(s, s.m, a, REMEDY.DAMAGES, u(100)))
        .to.be.revertedWithCustomError(s.disputeResolution, "DisputeResolutionIneligibleClaimant")
        .withArgs(s.m.address);
      await expect(fileCharterClaim(s, a, s.m, REMEDY.DAMAGES, u(100)))
        .to.be.revertedWithCustomError(s.disputeResolution, "DisputeResolutionInvalidRespondent")
        .withArgs(s.charterId, s.m.address);
    });

    it("B9 lets an acceder file under the charter and be claimed against under it, both ways", async function () {
      const s = await loadFixture(withAcceder);
      const [a] = s.founders;
      await s.registry.connect(s.m).accede(s.charterId, CHARTER_DOC, CHARTER_TERMS);
      expect(await s.registry.isParty(s.charterId, s.m.address)).to.equal(false);
      expect(await s.registry.isBoundBy(s.charterId, s.m.address)).to.equal(true);
      const byAcceder = await fileCharterClaim(s, s.m, a, REMEDY.DAMAGES, u(100));
      const againstAcceder = await fileCharterClaim(
        s,
        a,
        s.m,
        REMEDY.DAMAGES | REMEDY.MEMBERSHIP_SUSPENSION,
        u(200),
      );
      expect((await recordOf(s.disputeResolution, byAcceder)).claimant).to.equal(s.m.address);
      const against = await recordOf(s.disputeResolution, againstAcceder);
      expect(against.respondent).to.equal(s.m.address);
      // The claim against the acceder runs to its remedies exactly as against a founder.
      const disputeId = await uphold(s, a, againstAcceder);
      const tx = s.disputeResolution.connect(s.stranger).executeRuling(against, disputeId);
      await expect(tx)
        .to.emit(s.treasury, "BondSlashed")
        .withArgs(s.m.address, a.address, u(200), againstAcceder);
      await expect(tx).to.emit(s.membership, "MemberSuspended");
      expect(await ethers.provider.getBalance(await s.disputeResolution.getAddress())).to.equal(0n);
    });
  });
});
