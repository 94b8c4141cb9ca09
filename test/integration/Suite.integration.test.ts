import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { toProposalStruct, projectTermsHash, type ProjectProposalInput } from "../../src/sdk/projectTerms";
import { clausesFromJson, type ClauseJson } from "../../src/sdk/terms";
import { appoint, castVote } from "../helpers/panel";
import { countsFromLog } from "../contracts/disputes/invariants";
import { disputeOf, recordOf, type ClaimRecord } from "../contracts/disputes/helpers";
import { DAY, Kind, Status, Vote, admitMembers, descriptionHash, type FullSuite } from "../helpers/suite";
import {
  CHARTER_DOC,
  CHARTER_TERMS,
  CONFIDENTIALITY,
  Entry,
  LicenseStatus,
  REMEDY,
  charteredSuite,
  draftedSuite,
  expectSolvent,
  fund,
  historyKinds,
  LICENCE_CLAUSE,
  negotiatedLicence,
  publishOffer,
  sha,
  u,
} from "./helpers";

type Chartered = FullSuite & { charterId: bigint };

const SCHEDULE: ClauseJson[] = [{ id: "5.2", damagesCap: u(1_000).toString(), remedies: ["DAMAGES"] }];

/** A 50/30/20 project of the three founders, budget 10 000 (below the secretariat's limit), no grant. */
async function proposal(s: FullSuite): Promise<ProjectProposalInput> {
  const now = await time.latest();
  const [a, b, c] = s.founders;
  return {
    title: "高强度汽车钢联合实验室 / High-strength automotive steel joint lab",
    documentHash: sha("plan.pdf"),
    lead: a.address,
    participants: [
      { account: a.address, costShareBps: 5000, ipShareBps: 4000, taskHash: sha("task-a") },
      { account: b.address, costShareBps: 3000, ipShareBps: 4000, taskHash: sha("task-b") },
      { account: c.address, costShareBps: 2000, ipShareBps: 2000, taskHash: sha("task-c") },
    ],
    budgetLines: [
      { category: "Equipment", amount: u(6_000) },
      { category: "Personnel", amount: u(3_000) },
      { category: "Travel", amount: u(1_000) },
    ],
    milestones: [{ dueDate: now + 120 * DAY, specHash: sha("m1-spec") }],
    installmentDueDates: [now + 30 * DAY, now + 90 * DAY],
    grantAmount: 0n,
    grantLines: [],
    contributionClauseId: "5.2",
    penaltySchedule: SCHEDULE,
  };
}

/** Proposes, reviews, approves (secretariat: small budget), signs the project agreement, activates. */
async function activeProject(s: FullSuite): Promise<bigint> {
  const p = await proposal(s);
  await s.projectRegistry.connect(s.founders[0]).propose(toProposalStruct(p));
  const id = await s.projectRegistry.projectCount();
  await s.projectRegistry.connect(s.expert).submitReview(id, 85, sha("opinion"));
  await s.projectRegistry.connect(s.secretariat).approveSmallProject(id);
  const terms = projectTermsHash(p);
  const doc = sha("project-agreement.pdf");
  await s.registry.connect(s.founders[0]).createAgreement({
    kind: 1,
    parentId: 0,
    documentHash: doc,
    termsHash: terms,
    uri: "ipfs://project-agreement",
    parties: s.founders.map((f) => f.address),
    clauses: clausesFromJson(SCHEDULE),
  });
  const agreementId = await s.registry.agreementCount();
  for (const f of s.founders) await s.registry.connect(f).sign(agreementId, doc, terms);
  await s.projectRegistry.activate(id, agreementId);
  return id;
}

/** A licence of `licensee` on an offer of founder 0's background IP. */
async function licenceOf(s: FullSuite, licensee: HardhatEthersSigner, title: string, priceClass = 1) {
  const offer = await publishOffer(s, s.founders[0], title, { priceClass });
  await s.licenseProposals.connect(licensee).acceptOffer(offer);
  return s.licenseManager.licenseCount();
}

/** Moves time to `after` seconds past the end of the licence's first royalty period. */
async function pastFirstPeriod(s: FullSuite, licenseId: bigint, after: bigint): Promise<void> {
  const lic = await s.licenseManager.licenseOf(licenseId);
  await time.increaseTo(lic.start + lic.periodLength + after);
}

/**
 * Files a claim (by default under the charter's clause 7.1), lets the answer period lapse, refers it,
 * and has the one-expert panel uphold it; returns the claim's id, record and dispute (what
 * `executeRuling` takes).
 */
async function upheldClaim(
  s: Chartered,
  claimant: HardhatEthersSigner,
  respondent: HardhatEthersSigner,
  remedies: number,
  licenseId = 0n,
  under: { agreementId: bigint; clauseId: string } = { agreementId: s.charterId, clauseId: CONFIDENTIALITY },
): Promise<{ claimId: bigint; rec: ClaimRecord; disputeId: bigint }> {
  await s.disputeResolution.connect(claimant).fileClaim({
    respondent: respondent.address,
    agreementId: under.agreementId,
    agreementVersion: 1,
    clauseId: under.clauseId,
    statementHash: sha("disclosed the alloy recipe to a non-member"),
    statementURI: "ipfs://statement",
    evidenceHash: sha("email of 3 March"),
    evidenceURI: "ipfs://evidence-1",
    remedies,
    damages: 0,
    licenseId,
  });
  const claimId = await s.disputeResolution.claimCount();
  const rec = await recordOf(s.disputeResolution, claimId);
  await time.increaseTo(rec.answerEndsAt + 1n);
  await s.disputeResolution.connect(claimant).refer(rec);
  const disputeId = await disputeOf(s.disputeResolution, claimId);
  await appoint(s.panelArbitrator.connect(s.secretariat), disputeId, [s.expert.address]);
  await castVote(
    s.panelArbitrator.connect(s.expert),
    disputeId,
    [s.expert.address],
    1,
    sha("disclosure proven"),
  );
  await time.increaseTo((await s.panelArbitrator.disputeOf(disputeId)).appealEndsAt + 1n);
  await s.panelArbitrator.executeRuling(disputeId);
  return { claimId, rec, disputeId };
}

describe("Integration: the whole suite deployed by the Ignition module", function () {
  describe("constitution check with the real charter (F1, F2)", function () {
    it("refuses alliance business before the charter is in force and allows it after", async function () {
      const s = await loadFixture(draftedSuite);
      const [a] = s.founders;
      expect(await s.membership.isConstituted()).to.equal(false);
      await expect(
        s.projectRegistry.connect(a).propose(toProposalStruct(await proposal(s))),
      ).to.be.revertedWithCustomError(s.membership, "MembershipNotConstituted");
      await expect(
        s.ipRegistry
          .connect(a)
          .registerBackground(
            { kind: 1, standardEssential: false, contentHash: sha("x"), title: "x", externalId: "" },
            [a.address],
            [10_000],
          ),
      ).to.be.revertedWithCustomError(s.membership, "MembershipNotConstituted");

      for (const f of s.founders) await s.registry.connect(f).sign(s.charterId, CHARTER_DOC, CHARTER_TERMS);
      expect(await s.registry.charterEffective()).to.equal(true);
      expect(await s.membership.isConstituted()).to.equal(true);
      await expect(s.projectRegistry.connect(a).propose(toProposalStruct(await proposal(s)))).to.emit(
        s.projectRegistry,
        "ProjectProposed",
      );
      await expectSolvent(s);
    });
  });

  describe("accession (F6)", function () {
    it("gives a member admitted after the charter its vote when it signs the charter", async function () {
      const s = await loadFixture(charteredSuite);
      const [newcomer] = await admitMembers(s, 1, { kind: Kind.ResearchInstitute });
      expect(await s.membership.statusOf(newcomer.address)).to.equal(BigInt(Status.Active));
      expect(await s.membership.getVotes(newcomer.address)).to.equal(0n);
      await expect(s.membership.requireBusinessMember(newcomer.address))
        .to.be.revertedWithCustomError(s.membership, "MembershipNotAcceded")
        .withArgs(newcomer.address);

      // AgreementRegistry.accede -> Membership.onAccession (AGREEMENTS_MODULE, held by the registry).
      await expect(s.registry.connect(newcomer).accede(s.charterId, CHARTER_DOC, CHARTER_TERMS))
        .to.emit(s.membership, "VotingActivated")
        .withArgs(newcomer.address, (await s.membership.memberOf(newcomer.address)).seatId);
      expect(await s.membership.getVotes(newcomer.address)).to.equal(1n);
      await s.membership.requireBusinessMember(newcomer.address);

      // It can now propose and vote in the council.
      await time.increase(1);
      const call = {
        target: s.membership.target as string,
        data: s.membership.interface.encodeFunctionData("setLeadUnit", [s.founders[1].address]),
      };
      await s.governor.connect(newcomer).propose([call.target], [0], [call.data], "Rotate the lead unit");
      const id = await s.governor.hashProposal(
        [call.target],
        [0],
        [call.data],
        descriptionHash("Rotate the lead unit"),
      );
      await time.increaseTo((await s.governor.proposalSnapshot(id)) + 1n);
      await expect(s.governor.connect(newcomer).castVote(id, Vote.For)).to.emit(s.governor, "VoteCast");
      await expectSolvent(s);
    });
  });

  describe("objective defaults in the real breach history", function () {
    it("records a project participant's late contribution as a default of DisputeResolution", async function () {
      const s = await loadFixture(charteredSuite);
      const [a, b, c] = s.founders;
      await fund(s, [a, b, c]);
      const projectId = await activeProject(s);
      await s.projectFunding.connect(a).contribute(projectId, 0);
      await s.projectFunding.connect(b).contribute(projectId, 0);
      await expectSolvent(s);

      const [due] = await s.projectRegistry.installmentDueDatesOf(projectId);
      await time.increaseTo(due + BigInt(30 * DAY) + 1n);
      await expect(s.projectFunding.connect(s.stranger).recordDefault(projectId, c.address, 0)).to.emit(
        s.breachHistory,
        "DefaultRecorded",
      );
      expect(await historyKinds(s, c.address)).to.deep.equal([Entry.DefaultRecorded]);
      expect((await countsFromLog(s.breachHistory, c.address)).defaults).to.equal(1n);
      expect(await historyKinds(s, a.address)).to.deep.equal([]);
      await expectSolvent(s);
    });

    it("records a licensee's unpaid royalty as a default and suspends the licence (M9)", async function () {
      const s = await loadFixture(charteredSuite);
      const licensee = s.stranger; // an outside company
      const licenseId = await licenceOf(s, licensee, "Hot-stamping steel process");
      await pastFirstPeriod(s, licenseId, BigInt(30 * DAY) + 1n);
      await expect(s.licenseManager.connect(s.secretariat).recordRoyaltyDefault(licenseId)).to.emit(
        s.breachHistory,
        "DefaultRecorded",
      );
      expect(await historyKinds(s, licensee.address)).to.deep.equal([Entry.DefaultRecorded]);
      expect((await s.licenseManager.licenseSummary(licenseId)).status).to.equal(LicenseStatus.Suspended);
      await expectSolvent(s);
    });
  });

  describe("remedies of a ruling executed by the real modules", function () {
    it("suspends the respondent's licence through LicenseManager and its membership through Membership (DISCIPLINE)", async function () {
      const s = await loadFixture(charteredSuite);
      const [a, , c] = s.founders;
      await fund(s, [a, c]);
      // B10: a licence remedy reaches a licence granted under the claim's agreement.
      const { agreementId, licenseId } = await negotiatedLicence(s, a, c, "Feed enzyme formulation");
      const { rec, disputeId } = await upheldClaim(
        s,
        a,
        c,
        REMEDY.LICENSE_SUSPENSION | REMEDY.MEMBERSHIP_SUSPENSION,
        licenseId,
        { agreementId, clauseId: LICENCE_CLAUSE },
      );
      const tx = s.disputeResolution.connect(s.stranger).executeRuling(rec, disputeId);
      await expect(tx).to.emit(s.licenseManager, "LicenseSuspended");
      await expect(tx).to.emit(s.membership, "MemberSuspended");
      expect((await s.licenseManager.licenseSummary(licenseId)).status).to.equal(LicenseStatus.Suspended);
      expect(await s.membership.statusOf(c.address)).to.equal(BigInt(Status.Suspended));
      expect(await s.membership.getVotes(c.address)).to.equal(0n);
      const kinds = await historyKinds(s, c.address);
      expect(kinds.filter((k) => k === Entry.PenaltyApplied).length).to.equal(2);
      await expectSolvent(s);
    });

    it("puts an expulsion to the real governor; the council expels (the respondent is recused)", async function () {
      const s = await loadFixture(charteredSuite);
      const [a, b, c] = s.founders;
      await fund(s, [a]);
      const { rec, disputeId } = await upheldClaim(s, a, c, REMEDY.EXPULSION_PROPOSAL);
      const receipt = await (
        await s.disputeResolution.connect(s.stranger).executeRuling(rec, disputeId)
      ).wait();
      const created = receipt!.logs
        .filter((l) => l.address === s.governor.target)
        .map((l) => s.governor.interface.parseLog(l))
        .find((e) => e?.name === "ProposalCreated");
      expect(created, "ProposalCreated").to.not.equal(undefined);
      const { proposalId, proposer, targets, calldatas, description } = created!.args;
      expect(proposer).to.equal(s.remedyExecution.target);
      expect(await historyKinds(s, c.address)).to.include(Entry.ExpulsionProposed);

      await time.increaseTo((await s.governor.proposalSnapshot(proposalId)) + 1n);
      await expect(s.governor.connect(c).castVote(proposalId, Vote.Against)).to.be.revertedWithCustomError(
        s.governor,
        "AllianceGovernorVoterRecused",
      );
      await s.governor.connect(a).castVote(proposalId, Vote.For);
      await s.governor.connect(b).castVote(proposalId, Vote.For);
      await time.increaseTo((await s.governor.proposalDeadline(proposalId)) + 1n);
      const values = targets.map(() => 0n);
      await s.governor.queue([...targets], values, [...calldatas], descriptionHash(description));
      await time.increaseTo(await s.governor.proposalEta(proposalId));
      await expect(s.governor.execute([...targets], values, [...calldatas], descriptionHash(description)))
        .to.emit(s.membership, "MemberExpelled")
        .withArgs(c.address, rec.statementHash);
      expect(await s.membership.statusOf(c.address)).to.equal(BigInt(Status.Expelled));
      // An expelled member keeps its record and its held bond (penalties are states, not deletions).
      expect(await s.treasury.bondOf(c.address)).to.equal(charterBond());
      await expectSolvent(s);
    });
  });

  describe("Treasury solvency (I2)", function () {
    it("holds across bonds, a project account, a licence fee and royalties in one alliance", async function () {
      const s = await loadFixture(charteredSuite);
      const [a, b, c] = s.founders;
      await fund(s, [a, b, c, s.stranger]);
      const projectId = await activeProject(s);
      for (const f of [a, b, c]) await s.projectFunding.connect(f).contribute(projectId, 0);
      await expectSolvent(s);
      const licenseId = await licenceOf(s, s.stranger, "Low-carbon sinter process");
      await pastFirstPeriod(s, licenseId, 1n);
      await s.licenseManager.connect(s.stranger).payRoyalty(licenseId, u(1_000), u(30));
      await expectSolvent(s);
      expect(await s.treasury.totalBonds()).to.equal(3n * charterBond());
      expect(await s.treasury.projectBalance(projectId)).to.be.gt(0n);
    });
  });
});

function charterBond(): bigint {
  return 1_000n * 10n ** 6n;
}
