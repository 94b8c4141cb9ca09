import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { toProposalStruct, projectTermsHash, projectTermsFromChain } from "../../../src/sdk/projectTerms";
import {
  deployProjectsSuite,
  defaultProposal,
  propose,
  approve,
  makeAgreement,
  activeProject,
  expectUnauthorized,
  expectZeroAddressRejected,
  noGrant,
  review,
  reviewedProposal,
  h,
  bit,
  ProjectStatus,
  AgreementKind,
  AgreementStatus,
  MemberStatus,
  CHARTER,
  CLAUSE_ID,
  UNIT,
  DAY,
} from "./fixture";

const fixture = () => deployProjectsSuite(3);
/** Four members: the fourth proposes a project of the other three (it does not participate). */
const fixture4 = () => deployProjectsSuite(4);

/** Grants the EXPERT role to `account`. */
async function makeExpert(s: Awaited<ReturnType<typeof deployProjectsSuite>>, account: string) {
  await s.manager.connect(s.admin).grantRole(3n, account, 0); // Roles.EXPERT
}
const ZERO32 = ethers.ZeroHash;

describe("ProjectRegistry", function () {
  describe("constructor", function () {
    it("reverts when an address is zero", async function () {
      const s = await loadFixture(fixture);
      const good = [
        await s.manager.getAddress(),
        await s.membership.getAddress(),
        await s.charter.getAddress(),
      ];
      await expectZeroAddressRejected("ProjectRegistry", good, s.registry, "ProjectRegistryZeroAddress");
    });
  });

  describe("propose", function () {
    it("stores the proposal and emits ProjectProposed (R1, F2, F5)", async function () {
      const s = await loadFixture(fixture);
      const p = await defaultProposal(s);
      const [a, b, c] = s.members;
      await expect(s.registry.connect(a).propose(toProposalStruct(p)))
        .to.emit(s.registry, "ProjectProposed")
        .withArgs(
          1n,
          a.address,
          a.address,
          100_000n * UNIT,
          30_000n * UNIT,
          p.documentHash,
          projectTermsHash(p),
          p.title,
        );
      const pr = await s.registry.projectOf(1n);
      expect(pr.status).to.equal(ProjectStatus.Proposed);
      expect(pr.budget).to.equal(100_000n * UNIT);
      expect(pr.grantLinesMask).to.equal(3n);
      expect(pr.grantFunder).to.equal(s.funder.address);
      expect(pr.contributionClauseId).to.equal(CLAUSE_ID);
      expect(await s.registry.participantsOf(1n)).to.deep.equal([a.address, b.address, c.address]);
      const [accounts, ip] = await s.registry.ipSharesOf(1n);
      expect(accounts).to.deep.equal([a.address, b.address, c.address]);
      expect(ip).to.deep.equal([4000n, 4000n, 2000n]);
      const pb = await s.registry.participantOf(1n, b.address);
      expect(pb.isParticipant).to.equal(true);
      expect(pb.index).to.equal(1n);
      expect(pb.taskHash).to.equal(h("task-b"));
      expect(pb.costDue).to.equal(21_000n * UNIT); // 30% of (100 000 - 30 000)
      expect((await s.registry.budgetLinesOf(1n)).length).to.equal(3);
      expect((await s.registry.milestonesOf(1n)).length).to.equal(2);
      expect(await s.registry.installmentDueDatesOf(1n)).to.deep.equal(p.installmentDueDates.map(BigInt));
      expect(await s.registry.projectCount()).to.equal(1n);
      expect(await s.registry.isParticipant(1n, s.outsider.address)).to.equal(false);
    });

    it("gives the lead the remainder of the cost split so the dues sum to budget - grant", async function () {
      const s = await loadFixture(fixture);
      const [a, b, c] = s.members;
      const p = await defaultProposal(s, {
        participants: [
          { account: a.address, costShareBps: 3333, ipShareBps: 3334, taskHash: h("a") },
          { account: b.address, costShareBps: 3333, ipShareBps: 3333, taskHash: h("b") },
          { account: c.address, costShareBps: 3334, ipShareBps: 3333, taskHash: h("c") },
        ],
        ...noGrant(100_001n, "Materials"),
      });
      const id = await propose(s, p);
      const due = async (x: string) => (await s.registry.participantOf(id, x)).costDue;
      // b and c get their floor share; the lead a gets its floor share plus the remainder.
      const [da, db, dc] = [await due(a.address), await due(b.address), await due(c.address)];
      expect(db).to.equal((100_001n * 3333n) / 10_000n);
      expect(dc).to.equal((100_001n * 3334n) / 10_000n);
      expect(da + db + dc).to.equal(100_001n);
      expect(da).to.equal(100_001n - db - dc);
    });

    it("reverts when the caller is not a business member", async function () {
      const s = await loadFixture(fixture);
      const p = toProposalStruct(await defaultProposal(s));
      await expect(s.registry.connect(s.outsider).propose(p))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.outsider.address, MemberStatus.None, 1n << 2n);
      await s.membership.setConstituted(false);
      await expect(s.registry.connect(s.members[0]).propose(p)).to.be.revertedWithCustomError(
        s.membership,
        "MembershipNotConstituted",
      );
    });

    it("reverts when the proposer is suspended, expelled or has not acceded (A1)", async function () {
      const s = await loadFixture(fixture);
      const p = toProposalStruct(await defaultProposal(s));
      const a = s.members[0];
      for (const status of [MemberStatus.Suspended, 5]) {
        await s.membership.setMember(a.address, 0, status);
        await expect(s.registry.connect(a).propose(p))
          .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
          .withArgs(a.address, status, 1n << 2n);
      }
      await s.membership.setMember(a.address, 0, MemberStatus.Active);
      await s.membership.setGoodStanding(a.address, false);
      await expect(s.registry.connect(a).propose(p))
        .to.be.revertedWithCustomError(s.membership, "MembershipNotAcceded")
        .withArgs(a.address);
    });

    it("reverts when a participant is not a business member (F1)", async function () {
      const s = await loadFixture(fixture);
      await s.membership.setMember(s.members[2].address, 0, MemberStatus.Suspended);
      const p = toProposalStruct(await defaultProposal(s));
      await expect(s.registry.connect(s.members[0]).propose(p))
        .to.be.revertedWithCustomError(s.membership, "MembershipUnexpectedStatus")
        .withArgs(s.members[2].address, MemberStatus.Suspended, 1n << 2n);
    });

    it("reverts on an empty or oversized title and zero hashes", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const base = await defaultProposal(s);
      await expect(lead.propose(toProposalStruct({ ...base, title: "" })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("title");
      await expect(lead.propose(toProposalStruct({ ...base, title: "x".repeat(201) })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("title", 201n, 1n, 200n);
      await expect(lead.propose(toProposalStruct({ ...base, documentHash: ZERO32 })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("documentHash");
      await expect(lead.propose({ ...toProposalStruct(base), termsHash: ZERO32 }))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("termsHash");
      await expect(lead.propose(toProposalStruct({ ...base, contributionClauseId: ZERO32 })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("contributionClauseId");
      expect(await s.registry.projectCount()).to.equal(0n);
    });

    it("reverts when the participant count is outside 2..64", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const a = s.members[0].address;
      const one = await defaultProposal(s, {
        participants: [{ account: a, costShareBps: 10_000, ipShareBps: 10_000, taskHash: h("a") }],
      });
      await expect(lead.propose(toProposalStruct(one)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("participants", 1n, 2n, 64n);
      const many = Array.from({ length: 65 }, (_, i) => ({
        account: ethers.Wallet.createRandom().address,
        costShareBps: i < 25 ? 154 : 153,
        ipShareBps: i < 25 ? 154 : 153,
        taskHash: h(`t${i}`),
      }));
      await expect(lead.propose(toProposalStruct(await defaultProposal(s, { participants: many }))))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("participants", 65n, 2n, 64n);
    });

    it("reverts on a duplicate or zero participant, a zero share or a zero task hash (M5)", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const base = await defaultProposal(s);
      const [a, b] = s.members.map((m) => m.address);
      const withPs = (ps: typeof base.participants) => toProposalStruct({ ...base, participants: ps });
      const dup = [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
      ];
      await expect(lead.propose(withPs(dup)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidParticipant")
        .withArgs(a);
      const zero = [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
        { account: ethers.ZeroAddress, costShareBps: 5000, ipShareBps: 5000, taskHash: h("z") },
      ];
      await expect(lead.propose(withPs(zero)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidParticipant")
        .withArgs(ethers.ZeroAddress);
      const zeroCost = [
        { account: a, costShareBps: 10_000, ipShareBps: 5000, taskHash: h("a") },
        { account: b, costShareBps: 0, ipShareBps: 5000, taskHash: h("b") },
      ];
      await expect(lead.propose(withPs(zeroCost)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryZeroShare")
        .withArgs(b);
      const zeroIp = [
        { account: a, costShareBps: 5000, ipShareBps: 10_000, taskHash: h("a") },
        { account: b, costShareBps: 5000, ipShareBps: 0, taskHash: h("b") },
      ];
      await expect(lead.propose(withPs(zeroIp)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryZeroShare")
        .withArgs(b);
      const noTask = [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
        { account: b, costShareBps: 5000, ipShareBps: 5000, taskHash: ZERO32 },
      ];
      await expect(lead.propose(withPs(noTask)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("taskHash");
    });

    it("reverts when cost or IP shares do not sum to 10000 (M5)", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const base = await defaultProposal(s);
      const [a, b] = s.members.map((m) => m.address);
      const cost = [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
        { account: b, costShareBps: 4999, ipShareBps: 5000, taskHash: h("b") },
      ];
      await expect(lead.propose(toProposalStruct({ ...base, participants: cost })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistrySharesSum")
        .withArgs(false, 9999n);
      const ip = [
        { account: a, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
        { account: b, costShareBps: 5000, ipShareBps: 5001, taskHash: h("b") },
      ];
      await expect(lead.propose(toProposalStruct({ ...base, participants: ip })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistrySharesSum")
        .withArgs(true, 10_001n);
    });

    it("reverts when the lead is not a participant", async function () {
      const s = await loadFixture(fixture);
      const p = await defaultProposal(s, { lead: s.outsider.address });
      await expect(s.registry.connect(s.members[0]).propose(toProposalStruct(p)))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryLeadNotParticipant")
        .withArgs(s.outsider.address);
    });

    it("reverts on a bad budget: no line, more than 32 lines, a zero line", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      await expect(
        lead.propose(toProposalStruct(await defaultProposal(s, { ...noGrant(UNIT), budgetLines: [] }))),
      )
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("budgetLines", 0n, 1n, 32n);
      const lines = Array.from({ length: 33 }, () => ({ category: 6, amount: UNIT }));
      await expect(
        lead.propose(toProposalStruct(await defaultProposal(s, { ...noGrant(UNIT), budgetLines: lines }))),
      )
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("budgetLines", 33n, 1n, 32n);
      const zero = [
        { category: 0, amount: UNIT },
        { category: 1, amount: 0n },
      ];
      await expect(
        lead.propose(toProposalStruct(await defaultProposal(s, { ...noGrant(UNIT), budgetLines: zero }))),
      )
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("budgetLine.amount");
    });

    it("reverts on bad milestones and installment dates", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const now = await time.latest();
      const prop = async (o: object) => toProposalStruct(await defaultProposal(s, o));
      await expect(lead.propose(await prop({ milestones: [] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("milestones", 0n, 1n, 32n);
      const m33 = Array.from({ length: 33 }, () => ({ dueDate: now + 1000, specHash: h("m") }));
      await expect(lead.propose(await prop({ milestones: m33 })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("milestones", 33n, 1n, 32n);
      await expect(lead.propose(await prop({ milestones: [{ dueDate: now - 1, specHash: h("m") }] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidDueDate")
        .withArgs("milestones", 0n, BigInt(now - 1));
      await expect(lead.propose(await prop({ milestones: [{ dueDate: now + 1000, specHash: ZERO32 }] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("milestone.specHash");
      await expect(lead.propose(await prop({ installmentDueDates: [] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("installments", 0n, 1n, 24n);
      const d25 = Array.from({ length: 25 }, (_, i) => now + 1000 + i);
      await expect(lead.propose(await prop({ installmentDueDates: d25 })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryCountOutOfRange")
        .withArgs("installments", 25n, 1n, 24n);
      await expect(lead.propose(await prop({ installmentDueDates: [now + 100, now + 100] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidDueDate")
        .withArgs("installments", 1n, BigInt(now + 100));
      await expect(lead.propose(await prop({ installmentDueDates: [now] })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidDueDate")
        .withArgs("installments", 0n, BigInt(now));
    });

    it("accepts a grant at exactly the charter cap and rejects one wei more", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const cap = (100_000n * UNIT * BigInt(CHARTER.grantCapBps)) / 10_000n;
      await expect(lead.propose(toProposalStruct(await defaultProposal(s, { grantAmount: cap + 1n }))))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryGrantAboveCap")
        .withArgs(cap + 1n, cap);
      await expect(lead.propose(toProposalStruct(await defaultProposal(s, { grantAmount: cap })))).to.emit(
        s.registry,
        "ProjectProposed",
      );
    });

    it("reverts when grant, funder and lines are inconsistent", async function () {
      const s = await loadFixture(fixture);
      const lead = s.registry.connect(s.members[0]);
      const f = s.funder.address;
      const cases: [object, bigint, string, bigint][] = [
        [{ grantFunder: undefined }, 30_000n * UNIT, ethers.ZeroAddress, 3n],
        [{ grantLines: [] }, 30_000n * UNIT, f, 0n],
        [{ grantLines: [0, 3] }, 30_000n * UNIT, f, 9n],
        [{ grantAmount: 0n }, 0n, f, 3n],
        [{ grantAmount: 0n, grantFunder: undefined }, 0n, ethers.ZeroAddress, 3n],
      ];
      for (const [over, grant, funder, mask] of cases) {
        await expect(lead.propose(toProposalStruct(await defaultProposal(s, over))))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidGrant")
          .withArgs(grant, funder, mask);
      }
    });
  });

  describe("submitReview", function () {
    it("records one review per expert and emits ProjectReviewed (R1)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expect(s.registry.connect(s.experts[0]).submitReview(id, 100, h("op")))
        .to.emit(s.registry, "ProjectReviewed")
        .withArgs(id, s.experts[0].address, 100, h("op"));
      await s.registry.connect(s.experts[1]).submitReview(id, 0, h("op2"));
      expect((await s.registry.projectOf(id)).reviewCount).to.equal(2n);
      const page = await s.registry.reviewsOf(id, 1, 5);
      expect(page.length).to.equal(1);
      expect(page[0].expert).to.equal(s.experts[1].address);
      expect(page[0].score).to.equal(0n);
      expect((await s.registry.reviewsOf(id, 2, 5)).length).to.equal(0);
      expect((await s.registry.reviewsOf(id, 0, ethers.MaxUint256)).length).to.equal(2);
    });

    it("reverts when the caller is not an expert", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expect(s.registry.connect(s.members[1]).submitReview(id, 50, h("op")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotExpert")
        .withArgs(s.members[1].address);
    });

    it("reverts on a second review, a score above 100 or a zero opinion", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      const e = s.registry.connect(s.experts[0]);
      await expect(e.submitReview(id, 101, h("op")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryInvalidScore")
        .withArgs(101);
      await expect(e.submitReview(id, 50, ZERO32))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("opinionHash");
      await e.submitReview(id, 50, h("op"));
      await expect(e.submitReview(id, 60, h("op")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAlreadyReviewed")
        .withArgs(id, s.experts[0].address);
    });

    it("B13 refuses a review by an expert who proposed the project or participates in it", async function () {
      const s = await loadFixture(fixture4);
      const proposer = s.members[3];
      const id = await propose(s, await defaultProposal(s), proposer);
      for (const who of [proposer, s.members[0], s.members[1]]) {
        await makeExpert(s, who.address);
        await expect(s.registry.connect(who).submitReview(id, 100, h("mine")))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryOwnProject")
          .withArgs(id, who.address);
      }
      expect((await s.registry.projectOf(id)).reviewCount).to.equal(0n);
      await expect(s.registry.connect(s.experts[0]).submitReview(id, 70, h("independent"))).to.emit(
        s.registry,
        "ProjectReviewed",
      );
    });

    it("reverts when the project is not in screening", async function () {
      const s = await loadFixture(fixture);
      await expect(s.registry.connect(s.experts[0]).submitReview(7n, 50, h("op")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(7n, ProjectStatus.None, bit(ProjectStatus.Proposed));
      const id = await propose(s, await defaultProposal(s));
      await approve(s, id);
      await expect(s.registry.connect(s.experts[2]).submitReview(id, 50, h("op")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(id, ProjectStatus.Approved, bit(ProjectStatus.Proposed));
    });
  });

  describe("approveProject", function () {
    it("lets the council approve after the charter's minimum reviews (R1)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await s.registry.connect(s.experts[0]).submitReview(id, 80, h("o1"));
      await expect(s.registry.connect(s.council).approveProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotEnoughReviews")
        .withArgs(id, 1n, 2n);
      await s.registry.connect(s.experts[1]).submitReview(id, 80, h("o2"));
      await expect(s.registry.connect(s.council).approveProject(id))
        .to.emit(s.registry, "ProjectApproved")
        .withArgs(id, s.council.address, false);
      expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Approved);
      await expect(s.registry.connect(s.council).approveProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(id, ProjectStatus.Approved, bit(ProjectStatus.Proposed));
    });

    it("reverts for anyone but the council (A1)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expectUnauthorized(s.registry, [s.secretariat, s.members[0], s.experts[0], s.outsider], (who) =>
        s.registry.connect(who).approveProject(id),
      );
    });
  });

  describe("rejectProject", function () {
    it("lets the council reject a reviewed proposal", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expect(s.registry.connect(s.council).rejectProject(id, h("why")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotEnoughReviews")
        .withArgs(id, 0n, 2n);
      await review(s, id, [10, 20]);
      await expect(s.registry.connect(s.council).rejectProject(id, h("why")))
        .to.emit(s.registry, "ProjectRejected")
        .withArgs(id, s.council.address, false, h("why"));
      expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Rejected);
    });

    it("reverts for anyone but the council (A1)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expectUnauthorized(s.registry, [s.secretariat], (who) =>
        s.registry.connect(who).rejectProject(id, h("why")),
      );
    });
  });

  describe("approveSmallProject", function () {
    it("lets the secretariat approve a budget strictly below its limit", async function () {
      const s = await loadFixture(fixture);
      const limit = CHARTER.secretariatBudgetLimit;
      const id = await reviewedProposal(s, await defaultProposal(s, noGrant(limit - 1n)));
      await expect(s.registry.connect(s.secretariat).approveSmallProject(id))
        .to.emit(s.registry, "ProjectApproved")
        .withArgs(id, s.secretariat.address, true);
    });

    it("reverts at a budget equal to the limit, and without reviews", async function () {
      const s = await loadFixture(fixture);
      const limit = CHARTER.secretariatBudgetLimit;
      const id = await propose(s, await defaultProposal(s, noGrant(limit)));
      await expect(s.registry.connect(s.secretariat).approveSmallProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotEnoughReviews")
        .withArgs(id, 0n, 2n);
      await review(s, id);
      await expect(s.registry.connect(s.secretariat).approveSmallProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryBudgetAboveSecretariatLimit")
        .withArgs(limit, limit);
    });

    it("reverts for anyone but the secretariat, the council included (A1)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expectUnauthorized(s.registry, [s.council, s.members[0], s.outsider], (who) =>
        s.registry.connect(who).approveSmallProject(id),
      );
    });

    it("B13 refuses the secretariat's decision on a small project it proposed or participates in", async function () {
      const s = await loadFixture(fixture);
      const sec = s.secretariat;
      await s.membership.setMember(sec.address, 0, MemberStatus.Active); // a member that also staffs the secretariat
      const small = noGrant(CHARTER.secretariatBudgetLimit - 1n);
      const proposed = await reviewedProposal(s, await defaultProposal(s, small));
      // Its own proposal (made from the secretariat's account, for three other members)...
      await s.registry.connect(sec).propose(toProposalStruct(await defaultProposal(s, small)));
      const own = await s.registry.projectCount();
      await review(s, own);
      // ... and a proposal it takes part in.
      const [a, b] = s.members;
      const withSec = await reviewedProposal(
        s,
        await defaultProposal(s, {
          ...small,
          participants: [
            { account: a.address, costShareBps: 5000, ipShareBps: 5000, taskHash: h("task-a") },
            { account: b.address, costShareBps: 3000, ipShareBps: 3000, taskHash: h("task-b") },
            { account: sec.address, costShareBps: 2000, ipShareBps: 2000, taskHash: h("task-s") },
          ],
        }),
      );
      for (const id of [own, withSec]) {
        await expect(s.registry.connect(sec).approveSmallProject(id))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryOwnProject")
          .withArgs(id, sec.address);
        await expect(s.registry.connect(sec).rejectSmallProject(id, h("no")))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryOwnProject")
          .withArgs(id, sec.address);
        expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Proposed);
      }
      await expect(s.registry.connect(sec).approveSmallProject(proposed)).to.emit(
        s.registry,
        "ProjectApproved",
      );
      // The council decides the secretariat's own project.
      await expect(s.registry.connect(s.council).approveProject(own))
        .to.emit(s.registry, "ProjectApproved")
        .withArgs(own, s.council.address, false);
    });
  });

  describe("rejectSmallProject", function () {
    it("lets the secretariat reject a small reviewed proposal but not a large one", async function () {
      const s = await loadFixture(fixture);
      const id = await reviewedProposal(s, await defaultProposal(s, noGrant(1000n * UNIT)));
      const big = await reviewedProposal(s);
      await expect(s.registry.connect(s.secretariat).rejectSmallProject(id, h("no")))
        .to.emit(s.registry, "ProjectRejected")
        .withArgs(id, s.secretariat.address, true, h("no"));
      await expect(s.registry.connect(s.secretariat).rejectSmallProject(big, h("no")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryBudgetAboveSecretariatLimit")
        .withArgs(100_000n * UNIT, CHARTER.secretariatBudgetLimit);
      await expectUnauthorized(s.registry, [s.outsider], (who) =>
        s.registry.connect(who).rejectSmallProject(big, h("no")),
      );
    });
  });

  describe("activate", function () {
    async function approved() {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await approve(s, id);
      return { s, id };
    }

    it("activates under a matching effective project agreement and fixes the penalty terms (F2)", async function () {
      const { s, id } = await approved();
      const ag = await makeAgreement(s, id);
      await expect(s.registry.connect(s.outsider).activate(id, ag))
        .to.emit(s.registry, "ProjectActivated")
        .withArgs(id, ag, CHARTER.latePenaltyBps, CHARTER.gracePeriod);
      const pr = await s.registry.projectOf(id);
      expect(pr.status).to.equal(ProjectStatus.Active);
      expect(pr.latePenaltyBps).to.equal(BigInt(CHARTER.latePenaltyBps));
      expect(await s.registry.projectAgreementOf(id)).to.equal(ag);
      expect(await s.registry.projectOfAgreement(ag)).to.equal(id);
    });

    it("keeps the fixed penalty terms when the charter changes later", async function () {
      const { s, id } = await approved();
      await s.registry.activate(id, await makeAgreement(s, id));
      await s.charter.setParams({ ...CHARTER, latePenaltyBps: 9000, gracePeriod: 1 });
      const pr = await s.registry.projectOf(id);
      expect(pr.latePenaltyBps).to.equal(BigInt(CHARTER.latePenaltyBps));
      expect(pr.gracePeriod).to.equal(BigInt(CHARTER.gracePeriod));
    });

    it("reverts unless the project is approved", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      const ag = await makeAgreement(s, id);
      await expect(s.registry.activate(id, ag))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(id, ProjectStatus.Proposed, bit(ProjectStatus.Approved));
    });

    it("reverts when the agreement is not effective or unknown", async function () {
      const { s, id } = await approved();
      const pending = await makeAgreement(s, id, { status: AgreementStatus.Pending });
      await expect(s.registry.activate(id, pending))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementNotEffective")
        .withArgs(pending);
      await expect(s.registry.activate(id, 999_999n))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementNotEffective")
        .withArgs(999_999n);
    });

    it("reverts when kind, terms hash or parties differ", async function () {
      const { s, id } = await approved();
      const [a, b] = s.members.map((m) => m.address);
      const kind = await makeAgreement(s, id, { id: 1n, kind: AgreementKind.License });
      await expect(s.registry.activate(id, kind))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementMismatch")
        .withArgs(kind, "kind");
      const terms = await makeAgreement(s, id, { id: 2n, termsHash: h("other terms") });
      await expect(s.registry.activate(id, terms))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementMismatch")
        .withArgs(terms, "termsHash");
      const extra = await makeAgreement(s, id, {
        id: 3n,
        parties: [a, b, s.members[2].address, s.outsider.address],
      });
      await expect(s.registry.activate(id, extra))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementMismatch")
        .withArgs(extra, "parties");
      const swapped = await makeAgreement(s, id, { id: 4n, parties: [a, b, s.outsider.address] });
      await expect(s.registry.activate(id, swapped))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementMismatch")
        .withArgs(swapped, "parties");
    });

    it("reverts when the agreement lacks the contribution clause", async function () {
      const { s, id } = await approved();
      const ag = await makeAgreement(s, id, { clauseId: ethers.encodeBytes32String("9.9") });
      await expect(s.registry.activate(id, ag))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownClause")
        .withArgs(ag, CLAUSE_ID);
    });

    it("reverts when the agreement already governs another project", async function () {
      const { s, id } = await approved();
      const p = await defaultProposal(s);
      const second = await propose(s, p); // same terms hash on purpose
      await approve(s, second);
      const ag = await makeAgreement(s, id);
      await s.registry.activate(id, ag);
      await expect(s.registry.activate(second, ag))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryAgreementInUse")
        .withArgs(ag, id);
    });
  });

  describe("reportMilestone", function () {
    it("lets the lead report a deliverable (P3)", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      await expect(s.registry.connect(s.members[0]).reportMilestone(id, 0, h("d1")))
        .to.emit(s.registry, "MilestoneReported")
        .withArgs(id, 0n, h("d1"));
      const m = (await s.registry.milestonesOf(id))[0];
      expect(m.status).to.equal(1n);
      expect(m.deliverableHash).to.equal(h("d1"));
    });

    it("reverts for a non-lead, a zero hash, an unknown or already reported milestone, or an inactive project", async function () {
      const s = await loadFixture(fixture);
      const pending = await propose(s, await defaultProposal(s));
      await expect(s.registry.connect(s.members[0]).reportMilestone(pending, 0, h("d")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(pending, ProjectStatus.Proposed, bit(ProjectStatus.Active));
      const id = await activeProject(s);
      const lead = s.registry.connect(s.members[0]);
      await expect(s.registry.connect(s.members[1]).reportMilestone(id, 0, h("d")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotLead")
        .withArgs(id, s.members[1].address);
      await expect(lead.reportMilestone(id, 0, ZERO32))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryEmptyField")
        .withArgs("deliverableHash");
      await expect(lead.reportMilestone(id, 2, h("d")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownMilestone")
        .withArgs(id, 2n);
      await lead.reportMilestone(id, 0, h("d"));
      await expect(lead.reportMilestone(id, 0, h("d")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedMilestoneStatus")
        .withArgs(id, 0n, 1, 0);
    });
  });

  describe("acceptMilestone", function () {
    it("lets a participant other than the lead, or an expert, accept", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const lead = s.registry.connect(s.members[0]);
      await lead.reportMilestone(id, 0, h("d1"));
      await lead.reportMilestone(id, 1, h("d2"));
      await expect(s.registry.connect(s.members[1]).acceptMilestone(id, 0))
        .to.emit(s.registry, "MilestoneAccepted")
        .withArgs(id, 0n, s.members[1].address);
      await expect(s.registry.connect(s.experts[2]).acceptMilestone(id, 1))
        .to.emit(s.registry, "MilestoneAccepted")
        .withArgs(id, 1n, s.experts[2].address);
      expect((await s.registry.projectOf(id)).milestonesAccepted).to.equal(2n);
      expect((await s.registry.milestonesOf(id))[1].acceptedBy).to.equal(s.experts[2].address);
    });

    it("B13 refuses the lead's acceptance of its own deliverable even when it holds the EXPERT role, so it cannot complete alone", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const leadSigner = s.members[0];
      await makeExpert(s, leadSigner.address);
      const lead = s.registry.connect(leadSigner);
      await lead.reportMilestone(id, 0, h("d1"));
      await lead.reportMilestone(id, 1, h("d2"));
      for (const index of [0, 1]) {
        await expect(lead.acceptMilestone(id, index))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotAcceptor")
          .withArgs(id, leadSigner.address);
        await expect(lead.rejectMilestone(id, index, h("redo")))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotAcceptor")
          .withArgs(id, leadSigner.address);
      }
      await expect(lead.completeProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryMilestonesOpen")
        .withArgs(id, 0n, 2n);
      expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Active);
    });

    it("B13 refuses an expert who proposed the project; a participant other than the lead accepts as a participant", async function () {
      const s = await loadFixture(fixture4);
      const proposer = s.members[3];
      const id = await propose(s, await defaultProposal(s), proposer);
      await approve(s, id);
      await s.registry.activate(id, await makeAgreement(s, id));
      await makeExpert(s, proposer.address);
      await makeExpert(s, s.members[1].address);
      await s.registry.connect(s.members[0]).reportMilestone(id, 0, h("d1"));
      await expect(s.registry.connect(proposer).acceptMilestone(id, 0))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotAcceptor")
        .withArgs(id, proposer.address);
      await expect(s.registry.connect(s.members[1]).acceptMilestone(id, 0))
        .to.emit(s.registry, "MilestoneAccepted")
        .withArgs(id, 0n, s.members[1].address);
    });

    it("reverts for the lead, an outsider, or a milestone not reported", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      await expect(s.registry.connect(s.members[1]).acceptMilestone(id, 0))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedMilestoneStatus")
        .withArgs(id, 0n, 0, 1);
      await s.registry.connect(s.members[0]).reportMilestone(id, 0, h("d1"));
      for (const who of [s.members[0], s.outsider]) {
        await expect(s.registry.connect(who).acceptMilestone(id, 0))
          .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotAcceptor")
          .withArgs(id, who.address);
      }
    });
  });

  describe("rejectMilestone", function () {
    it("sends a reported milestone back to pending so the lead can report again", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const lead = s.registry.connect(s.members[0]);
      await lead.reportMilestone(id, 0, h("d1"));
      await expect(s.registry.connect(s.members[2]).rejectMilestone(id, 0, h("incomplete")))
        .to.emit(s.registry, "MilestoneRejected")
        .withArgs(id, 0n, s.members[2].address, h("incomplete"));
      expect((await s.registry.milestonesOf(id))[0].status).to.equal(0n);
      await expect(lead.reportMilestone(id, 0, h("d1-v2"))).to.emit(s.registry, "MilestoneReported");
      await expect(lead.rejectMilestone(id, 0, h("self")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotAcceptor")
        .withArgs(id, s.members[0].address);
    });
  });

  describe("completeProject", function () {
    it("lets the lead complete once every milestone is accepted", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const lead = s.registry.connect(s.members[0]);
      await lead.reportMilestone(id, 0, h("d1"));
      await s.registry.connect(s.members[1]).acceptMilestone(id, 0);
      await expect(lead.completeProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryMilestonesOpen")
        .withArgs(id, 1n, 2n);
      await lead.reportMilestone(id, 1, h("d2"));
      await s.registry.connect(s.members[1]).acceptMilestone(id, 1);
      await expect(s.registry.connect(s.members[1]).completeProject(id))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotLead")
        .withArgs(id, s.members[1].address);
      await expect(lead.completeProject(id))
        .to.emit(s.registry, "ProjectCompleted")
        .withArgs(id, s.members[0].address);
      expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Completed);
      expect((await s.registry.projectOf(id)).closedAt).to.equal(BigInt(await time.latest()));
    });
  });

  describe("cancelProject", function () {
    it("lets the council cancel an approved or an active project", async function () {
      const s = await loadFixture(fixture);
      const approvedId = await propose(s, await defaultProposal(s));
      await approve(s, approvedId);
      await expect(s.registry.connect(s.council).cancelProject(approvedId, h("no money")))
        .to.emit(s.registry, "ProjectCancelled")
        .withArgs(approvedId, s.council.address, h("no money"));
      const activeId = await activeProject(s);
      await s.registry.connect(s.council).cancelProject(activeId, h("stalled"));
      expect(await s.registry.projectStatus(activeId)).to.equal(ProjectStatus.Cancelled);
    });

    it("reverts for a proposed or closed project and for anyone but the council", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      const mask = bit(ProjectStatus.Approved) | bit(ProjectStatus.Active);
      await expect(s.registry.connect(s.council).cancelProject(id, h("x")))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnexpectedStatus")
        .withArgs(id, ProjectStatus.Proposed, mask);
      await expectUnauthorized(s.registry, [s.members[0]], (who) =>
        s.registry.connect(who).cancelProject(id, h("x")),
      );
    });
  });

  describe("installmentOf", function () {
    it("splits each participant's due evenly and gives the last installment the remainder", async function () {
      const s = await loadFixture(fixture);
      const now = await time.latest();
      const p = await defaultProposal(s, {
        ...noGrant(1_000_001n, "Materials"),
        installmentDueDates: [now + DAY, now + 2 * DAY, now + 3 * DAY],
      });
      const id = await propose(s, p);
      for (const m of s.members) {
        const due = (await s.registry.participantOf(id, m.address)).costDue;
        const parts = [0, 1, 2].map((k) => s.registry.installmentOf(id, m.address, k));
        const amounts = (await Promise.all(parts)).map((x) => x.amount);
        expect(amounts[0]).to.equal(due / 3n);
        expect(amounts[1]).to.equal(due / 3n);
        expect(amounts[2]).to.equal(due - 2n * (due / 3n));
        expect(amounts[0] + amounts[1] + amounts[2]).to.equal(due);
      }
      const [dueDate] = await s.registry.installmentOf(id, s.members[0].address, 2);
      expect(dueDate).to.equal(BigInt(now + 3 * DAY));
    });

    it("reverts for an unknown installment or a non-participant", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expect(s.registry.installmentOf(id, s.members[0].address, 2))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownInstallment")
        .withArgs(id, 2n);
      await expect(s.registry.installmentOf(id, s.outsider.address, 0))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryNotParticipant")
        .withArgs(id, s.outsider.address);
    });
  });

  describe("budgetLineOf", function () {
    it("returns the line's amount and whether the grant may pay it, and reverts for an unknown line", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      expect(await s.registry.budgetLineOf(id, 1)).to.deep.equal([30_000n * UNIT, true]);
      expect(await s.registry.budgetLineOf(id, 2)).to.deep.equal([10_000n * UNIT, false]);
      await expect(s.registry.budgetLineOf(id, 3))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownBudgetLine")
        .withArgs(id, 3n);
      const [share, lead] = await s.registry.costShareOf(id, s.members[1].address);
      expect([share, lead]).to.deep.equal([3000n, s.members[0].address]);
    });
  });

  describe("participantIndexOf", function () {
    it("gives the project's status and each participant's position in one call", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      for (const [i, m] of s.members.entries()) {
        expect(await s.registry.participantIndexOf(id, m.address)).to.deep.equal([
          ProjectStatus.Proposed,
          true,
          BigInt(i),
        ]);
      }
      expect(await s.registry.participantIndexOf(id, s.outsider.address)).to.deep.equal([
        ProjectStatus.Proposed,
        false,
        0n,
      ]);
      expect(await s.registry.participantIndexOf(9n, s.outsider.address)).to.deep.equal([
        ProjectStatus.None,
        false,
        0n,
      ]);
    });
  });

  describe("project terms (SDK)", function () {
    it("rebuilds the stored proposal's terms hash from chain data (F2)", async function () {
      const s = await loadFixture(fixture);
      const p = await defaultProposal(s);
      const id = await propose(s, p);
      const { proposal, termsHash } = await projectTermsFromChain(s.registry, id);
      expect(projectTermsHash(proposal)).to.equal(termsHash);
      expect(termsHash).to.equal(projectTermsHash(p));
      expect(projectTermsHash({ ...p, grantLines: [0] })).to.not.equal(termsHash);
    });
  });
});
