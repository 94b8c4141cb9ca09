import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  deployProjectsSuite,
  defaultProposal,
  propose,
  approve,
  activeProject,
  expectZeroAddressRejected,
  noGrant,
  expectI3,
  expectI9,
  h,
  bit,
  ProjectStatus,
  CHARTER,
  CLAUSE_ID,
  UNIT,
  DAY,
  type Suite,
} from "./fixture";

const fixture = () => deployProjectsSuite(3);
const feeFixture = () => deployProjectsSuite(3, { feeBps: 100 });
const ACTIVE = bit(ProjectStatus.Active);
const CLOSED = bit(ProjectStatus.Completed) | bit(ProjectStatus.Cancelled);

async function active() {
  const s = await loadFixture(fixture);
  const id = await activeProject(s);
  return { s, id, a: s.members[0], b: s.members[1], c: s.members[2] };
}

describe("ProjectFunding", function () {
  describe("constructor", function () {
    it("reverts when an address is zero", async function () {
      const s = await loadFixture(fixture);
      const good = [
        await s.manager.getAddress(),
        await s.registry.getAddress(),
        await s.treasury.getAddress(),
        await s.recorder.getAddress(),
      ];
      await expectZeroAddressRejected("ProjectFunding", good, s.funding, "ProjectFundingZeroAddress");
    });
  });

  describe("contribute", function () {
    it("pays the installment into the project account and emits ContributionPaid (P2, I3)", async function () {
      const { s, id, b } = await active();
      const owed = 10_500n * UNIT; // 30% of 70 000, half of it
      await expect(s.funding.connect(b).contribute(id, 0))
        .to.emit(s.funding, "ContributionPaid")
        .withArgs(id, b.address, 0n, owed, owed)
        .and.to.emit(s.treasury, "ProjectFunded")
        .withArgs(id, b.address, owed);
      expect(await s.treasury.projectBalance(id)).to.equal(owed);
      expect(await s.funding.paidOn(id, b.address, 0)).to.equal(owed);
      expect(await s.funding.contributedBy(id, b.address)).to.equal(owed);
      const ledger = await s.funding.ledgerOf(id);
      expect(ledger.contributed).to.equal(owed);
      expect(ledger.payers).to.equal(1n);
      await expectI3(s, id);
    });

    it("accepts early payment of a later installment", async function () {
      const { s, id, c } = await active();
      await s.funding.connect(c).contribute(id, 1);
      expect(await s.funding.paidOn(id, c.address, 1)).to.equal(7_000n * UNIT);
    });

    it("reverts when the installment is already paid", async function () {
      const { s, id, a } = await active();
      await s.funding.connect(a).contribute(id, 0);
      await expect(s.funding.connect(a).contribute(id, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNothingOwed")
        .withArgs(id, a.address, 0n);
    });

    it("reverts for a non-participant, an unknown installment, or an inactive project", async function () {
      const { s, id, a } = await active();
      await expect(s.funding.connect(s.outsider).contribute(id, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNotParticipant")
        .withArgs(id, s.outsider.address);
      await expect(s.funding.connect(a).contribute(id, 2))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownInstallment")
        .withArgs(id, 2n);
      const proposed = await propose(s, await defaultProposal(s));
      await expect(s.funding.connect(a).contribute(proposed, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
        .withArgs(proposed, ProjectStatus.Proposed, ACTIVE);
    });

    it("credits only what arrived with a fee-on-transfer token; the shortfall stays in arrears (M3)", async function () {
      const s = await loadFixture(feeFixture);
      const id = await activeProject(s);
      const b = s.members[1];
      const owed = 10_500n * UNIT;
      const arrived = owed - owed / 100n;
      await expect(s.funding.connect(b).contribute(id, 0))
        .to.emit(s.funding, "ContributionPaid")
        .withArgs(id, b.address, 0n, owed, arrived);
      expect(await s.funding.paidOn(id, b.address, 0)).to.equal(arrived);
      await time.increaseTo((await s.registry.installmentDueDatesOf(id))[0]);
      expect(await s.funding.arrearsOf(id, b.address)).to.equal(owed - arrived);
      // The second payment asks only for the shortfall.
      await expect(s.funding.connect(b).contribute(id, 0))
        .to.emit(s.funding, "ContributionPaid")
        .withArgs(id, b.address, 0n, owed - arrived, owed - arrived - (owed - arrived) / 100n);
      expect((await s.funding.ledgerOf(id)).payers).to.equal(1n);
      await expectI3(s, id);
    });
  });

  describe("contribute: one-slot books (P2 gas layout)", function () {
    /** Σ contributedBy over the participants equals the ledger's contributed total (I3). */
    async function expectBooksMatchLedger(s: Suite, id: bigint): Promise<void> {
      let sum = 0n;
      for (const m of s.members) sum += await s.funding.contributedBy(id, m.address);
      expect(sum).to.equal((await s.funding.ledgerOf(id)).contributed);
    }

    it("pays installments in any order; the last one carries the remainder; books match the ledger (I3)", async function () {
      const s = await loadFixture(fixture);
      const now = await time.latest();
      const id = await activeProject(
        s,
        await defaultProposal(s, { installmentDueDates: [now + 30 * DAY, now + 60 * DAY, now + 90 * DAY] }),
      );
      const a = s.members[0];
      const costDue = (await s.registry.participantOf(id, a.address)).costDue;
      const each = costDue / 3n;
      const last = costDue - 2n * each;
      expect(last).to.not.equal(each); // the remainder case
      await s.funding.connect(a).contribute(id, 2);
      expect(await s.funding.paidOn(id, a.address, 2)).to.equal(last);
      expect(await s.funding.paidOn(id, a.address, 0)).to.equal(0n);
      await s.funding.connect(a).contribute(id, 0);
      await s.funding.connect(a).contribute(id, 1);
      for (const i of [0, 1]) expect(await s.funding.paidOn(id, a.address, i)).to.equal(each);
      expect(await s.funding.contributedBy(id, a.address)).to.equal(costDue);
      await s.funding.connect(s.members[1]).contribute(id, 1);
      expect((await s.funding.ledgerOf(id)).payers).to.equal(2n);
      await expectBooksMatchLedger(s, id);
      await expectI3(s, id);
      for (const i of [0, 1, 2]) {
        await expect(s.funding.connect(a).contribute(id, i))
          .to.be.revertedWithCustomError(s.funding, "ProjectFundingNothingOwed")
          .withArgs(id, a.address, i);
      }
    });

    it("reverts for an unknown installment also once the terms are cached", async function () {
      const { s, id, a } = await active();
      await s.funding.connect(a).contribute(id, 0);
      await expect(s.funding.connect(a).contribute(id, 2))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownInstallment")
        .withArgs(id, 2n);
    });

    it("keeps a default recorded before the first payment, then takes the payment", async function () {
      const { s, id, c } = await active();
      const [d0] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
      await s.funding.recordDefault(id, c.address, 0);
      await s.funding.connect(c).contribute(id, 0);
      expect(await s.funding.defaultRecorded(id, c.address, 0)).to.equal(true);
      expect(await s.funding.defaultRecorded(id, c.address, 1)).to.equal(false);
      expect(await s.funding.paidOn(id, c.address, 0)).to.equal(7_000n * UNIT);
      expect(await s.funding.arrearsOf(id, c.address)).to.equal(0n);
      await expectBooksMatchLedger(s, id);
    });

    it("answers 0 or false outside the schedule and for non-participants", async function () {
      const { s, id, a } = await active();
      await s.funding.connect(a).contribute(id, 0);
      expect(await s.funding.paidOn(id, a.address, 2)).to.equal(0n);
      expect(await s.funding.paidOn(id, a.address, 1000)).to.equal(0n);
      expect(await s.funding.defaultRecorded(id, a.address, 24)).to.equal(false);
      expect(await s.funding.defaultRecorded(id, a.address, 2n ** 255n)).to.equal(false);
      expect(await s.funding.contributedBy(id, s.outsider.address)).to.equal(0n);
      expect(await s.funding.paidOn(id, s.outsider.address, 0)).to.equal(0n);
    });

    it("stores partial amounts of a fee-on-transfer token per installment; books match the ledger (M3, I3)", async function () {
      const s = await loadFixture(feeFixture);
      const id = await activeProject(s);
      const b = s.members[1];
      await s.funding.connect(b).contribute(id, 1);
      const first = await s.funding.paidOn(id, b.address, 1);
      await s.funding.connect(b).contribute(id, 1);
      const second = await s.funding.paidOn(id, b.address, 1);
      expect(second).to.be.greaterThan(first);
      expect(await s.funding.contributedBy(id, b.address)).to.equal(second);
      await expectBooksMatchLedger(s, id);
      await expectI3(s, id);
    });
  });

  describe("arrearsOf", function () {
    it("counts unpaid installments whose due date has come; after the close, those due by the close (P2)", async function () {
      const { s, id, a, b } = await active();
      const [d0, d1] = await s.registry.installmentDueDatesOf(id);
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(0n);
      await time.increaseTo(d0 - 1n);
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(0n);
      await time.increaseTo(d0);
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(17_500n * UNIT);
      await s.funding.connect(a).contribute(id, 0);
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(0n);
      await time.increaseTo(d1);
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(17_500n * UNIT);
      expect(await s.funding.arrearsOf(id, b.address)).to.equal(21_000n * UNIT);
      expect(await s.funding.arrearsOf(id, s.outsider.address)).to.equal(0n);
      await s.registry.connect(s.council).cancelProject(id, h("stop"));
      // Both installments fell due by the close: they stay owed.
      expect(await s.funding.arrearsOf(id, b.address)).to.equal(21_000n * UNIT);
    });

    it("counts nothing that fell due after the close, and nothing for a project never active", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const [d0, d1] = await s.registry.installmentDueDatesOf(id);
      const never = await propose(s, await defaultProposal(s));
      await approve(s, never);
      await time.increaseTo(d0);
      await s.registry.connect(s.council).cancelProject(id, h("stop"));
      await s.registry.connect(s.council).cancelProject(never, h("stop"));
      await time.increaseTo(d1 + 1n);
      expect(await s.funding.arrearsOf(id, s.members[1].address)).to.equal(10_500n * UNIT);
      expect(await s.funding.arrearsOf(never, s.members[1].address)).to.equal(0n);
    });
  });

  describe("recordDefault", function () {
    it("records a late installment in the breach history with the pre-agreed penalty (P2, F5)", async function () {
      const { s, id, c } = await active();
      const [d0] = await s.registry.installmentDueDatesOf(id);
      const graceEnd = d0 + BigInt(CHARTER.gracePeriod);
      const missed = 7_000n * UNIT;
      const penalty = (missed * BigInt(CHARTER.latePenaltyBps)) / 10_000n;
      const agreementId = await s.registry.projectAgreementOf(id);
      await time.setNextBlockTimestamp(graceEnd + 1n);
      await expect(s.funding.connect(s.outsider).recordDefault(id, c.address, 0))
        .to.emit(s.recorder, "DefaultRecorded")
        .withArgs(1n, 0, c.address, agreementId, CLAUSE_ID, id, 0n, missed, penalty)
        .and.to.emit(s.funding, "ContributionDefaultRecorded")
        .withArgs(id, c.address, 0n, missed, penalty, 1n);
      expect(await s.funding.defaultRecorded(id, c.address, 0)).to.equal(true);
    });

    it("reverts up to and at the end of the grace period, and succeeds one second later (A5)", async function () {
      const { s, id, c } = await active();
      const [d0] = await s.registry.installmentDueDatesOf(id);
      const graceEnd = d0 + BigInt(CHARTER.gracePeriod);
      for (const t of [graceEnd - 1n, graceEnd]) {
        await time.setNextBlockTimestamp(t);
        await expect(s.funding.recordDefault(id, c.address, 0))
          .to.be.revertedWithCustomError(s.funding, "ProjectFundingGracePeriodRunning")
          .withArgs(id, c.address, 0n, graceEnd);
      }
      await time.setNextBlockTimestamp(graceEnd + 1n);
      await expect(s.funding.recordDefault(id, c.address, 0)).to.emit(
        s.funding,
        "ContributionDefaultRecorded",
      );
    });

    it("B16 keeps the grace period fixed at activation: a later charter change cannot shorten it", async function () {
      const { s, id, c } = await active();
      await s.charter.setParams({ ...CHARTER, gracePeriod: 86_400 });
      const [d0] = await s.registry.installmentDueDatesOf(id);
      const graceEnd = d0 + BigInt(CHARTER.gracePeriod);
      await time.setNextBlockTimestamp(graceEnd);
      await expect(s.funding.recordDefault(id, c.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingGracePeriodRunning")
        .withArgs(id, c.address, 0n, graceEnd);
      await expect(s.funding.recordDefault(id, c.address, 0)).to.emit(
        s.funding,
        "ContributionDefaultRecorded",
      );
    });

    it("records the unpaid part only, once per installment", async function () {
      const s = await loadFixture(feeFixture);
      const id = await activeProject(s);
      const b = s.members[1];
      await s.funding.connect(b).contribute(id, 0); // 1% short
      const [d0] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
      const missed = (10_500n * UNIT) / 100n;
      const penalty = (missed * 500n) / 10_000n;
      await expect(s.funding.recordDefault(id, b.address, 0))
        .to.emit(s.funding, "ContributionDefaultRecorded")
        .withArgs(id, b.address, 0n, missed, penalty, 1n);
      await expect(s.funding.recordDefault(id, b.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingDefaultAlreadyRecorded")
        .withArgs(id, b.address, 0n);
    });

    it("reverts when the installment is paid, for a non-participant, or an inactive project", async function () {
      const { s, id, a } = await active();
      await s.funding.connect(a).contribute(id, 0);
      const [d0] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
      await expect(s.funding.recordDefault(id, a.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNothingOwed")
        .withArgs(id, a.address, 0n);
      await expect(s.funding.recordDefault(id, s.outsider.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNotParticipant")
        .withArgs(id, s.outsider.address);
      const proposed = await propose(s, await defaultProposal(s));
      await expect(s.funding.recordDefault(proposed, s.members[1].address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
        .withArgs(proposed, ProjectStatus.Proposed, ACTIVE | CLOSED);
      await approve(s, proposed);
      await s.registry.connect(s.council).cancelProject(proposed, h("stop"));
      await expect(s.funding.recordDefault(proposed, s.members[1].address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNeverActivated")
        .withArgs(proposed);
    });

    it("P2 records a lead's default after it had its milestones accepted and closed the project: closing never erases the record", async function () {
      const { s, id, a, b, c } = await active();
      const [d0, d1] = await s.registry.installmentDueDatesOf(id);
      await s.funding.connect(b).contribute(id, 0);
      await s.funding.connect(c).contribute(id, 0);
      // The lead's installment 0 falls due; inside its grace period the lead closes the project.
      await time.increaseTo(d0);
      const lead = s.registry.connect(a);
      await lead.reportMilestone(id, 0, h("d1"));
      await lead.reportMilestone(id, 1, h("d2"));
      await s.registry.connect(b).acceptMilestone(id, 0);
      await s.registry.connect(b).acceptMilestone(id, 1);
      await lead.completeProject(id);
      const closedAt = (await s.registry.projectOf(id)).closedAt;
      expect(await s.funding.arrearsOf(id, a.address)).to.equal(17_500n * UNIT);
      const graceEnd = d0 + BigInt(CHARTER.gracePeriod);
      await time.setNextBlockTimestamp(graceEnd);
      await expect(s.funding.recordDefault(id, a.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingGracePeriodRunning")
        .withArgs(id, a.address, 0n, graceEnd);
      const missed = 17_500n * UNIT;
      const penalty = (missed * BigInt(CHARTER.latePenaltyBps)) / 10_000n;
      await expect(s.funding.connect(s.outsider).recordDefault(id, a.address, 0))
        .to.emit(s.recorder, "DefaultRecorded")
        .withArgs(
          1n,
          0,
          a.address,
          await s.registry.projectAgreementOf(id),
          CLAUSE_ID,
          id,
          0n,
          missed,
          penalty,
        )
        .and.to.emit(s.funding, "ContributionDefaultRecorded")
        .withArgs(id, a.address, 0n, missed, penalty, 1n);
      // Installment 1 fell due after the close: it was never owed.
      await time.increaseTo(d1 + BigInt(CHARTER.gracePeriod) + 1n);
      await expect(s.funding.recordDefault(id, a.address, 1))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingDueAfterClose")
        .withArgs(id, 1n, d1, closedAt);
    });

    it("A5 after the close, records an installment due at the close itself and refuses one due a second after it", async function () {
      const s = await loadFixture(fixture);
      const b = s.members[1];
      const before = await activeProject(s);
      const atClose = await activeProject(s); // its installments fall due a few seconds later
      const [dueAt] = await s.registry.installmentDueDatesOf(atClose);
      const [dueBefore] = await s.registry.installmentDueDatesOf(before);
      await time.setNextBlockTimestamp(dueBefore - 1n);
      await s.registry.connect(s.council).cancelProject(before, h("stop"));
      await time.setNextBlockTimestamp(dueAt);
      await s.registry.connect(s.council).cancelProject(atClose, h("stop"));
      await time.increaseTo(dueAt + BigInt(CHARTER.gracePeriod) + 1n);
      await expect(s.funding.recordDefault(before, b.address, 0))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingDueAfterClose")
        .withArgs(before, 0n, dueBefore, dueBefore - 1n);
      await expect(s.funding.recordDefault(atClose, b.address, 0)).to.emit(
        s.funding,
        "ContributionDefaultRecorded",
      );
    });

    it("B13 marks a participant with an unpaid recorded default until it pays every installment in default (StandingRestored)", async function () {
      const { s, id, b } = await active();
      const [, d1] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d1 + BigInt(CHARTER.gracePeriod) + 1n);
      expect(await s.funding.standingOf(id, b.address)).to.deep.equal([0n, false]);
      await s.funding.recordDefault(id, b.address, 0);
      await s.funding.recordDefault(id, b.address, 1);
      expect(await s.funding.standingOf(id, b.address)).to.deep.equal([0n, true]);
      expect(await s.funding.approvalBaseOf(id, b.address)).to.deep.equal([0n, 0n, 0b010n]);
      await expect(s.funding.connect(b).contribute(id, 0)).not.to.emit(s.funding, "StandingRestored");
      expect(await s.funding.standingOf(id, b.address)).to.deep.equal([10_500n * UNIT, true]);
      await expect(s.funding.connect(b).contribute(id, 1))
        .to.emit(s.funding, "StandingRestored")
        .withArgs(id, b.address);
      expect(await s.funding.standingOf(id, b.address)).to.deep.equal([21_000n * UNIT, false]);
      expect(await s.funding.approvalBaseOf(id, b.address)).to.deep.equal([
        21_000n * UNIT,
        21_000n * UNIT,
        0n,
      ]);
      expect(await s.funding.defaultRecorded(id, b.address, 0)).to.equal(true); // the record stays
    });
  });

  describe("depositGrant", function () {
    it("lets the funder deposit up to the proposed grant, on an approved or active project (F4)", async function () {
      const s = await loadFixture(fixture);
      const id = await propose(s, await defaultProposal(s));
      await expect(s.funding.connect(s.funder).depositGrant(id, 1n))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
        .withArgs(id, ProjectStatus.Proposed, bit(ProjectStatus.Approved) | ACTIVE);
      await approve(s, id);
      await expect(s.funding.connect(s.funder).depositGrant(id, 10_000n * UNIT))
        .to.emit(s.funding, "ProjectGrantDeposited")
        .withArgs(id, s.funder.address, 10_000n * UNIT, 10_000n * UNIT);
      await expect(s.funding.connect(s.funder).depositGrant(id, 20_000n * UNIT + 1n))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingGrantAboveRemaining")
        .withArgs(id, 20_000n * UNIT, 20_000n * UNIT + 1n);
      await s.funding.connect(s.funder).depositGrant(id, 20_000n * UNIT);
      expect(await s.treasury.grantBalance(id)).to.equal(30_000n * UNIT);
      expect((await s.funding.ledgerOf(id)).grantReceived).to.equal(30_000n * UNIT);
    });

    it("reverts for anyone but the funder, for a project without a grant, and for zero", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      await expect(s.funding.connect(s.members[0]).depositGrant(id, UNIT))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNotFunder")
        .withArgs(id, s.members[0].address);
      await expect(s.funding.connect(s.funder).depositGrant(id, 0)).to.be.revertedWithCustomError(
        s.funding,
        "ProjectFundingZeroAmount",
      );
      const grantless = await activeProject(
        s,
        await defaultProposal(s, { grantAmount: 0n, grantFunder: undefined, grantLines: [] }),
      );
      await expect(s.funding.connect(s.outsider).depositGrant(grantless, UNIT))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNotFunder")
        .withArgs(grantless, s.outsider.address);
    });
  });

  describe("claimRefund", function () {
    it("refunds pro rata to what each paid; the last claimer takes the dust; refunds sum to the pool (I3)", async function () {
      const { s, id, a, b, c } = await active();
      // Odd amounts: a pays one installment, b both, c one: 17 500 / 21 000 / 7 000 units.
      await s.funding.connect(a).contribute(id, 0);
      await s.funding.connect(b).contribute(id, 0);
      await s.funding.connect(b).contribute(id, 1);
      await s.funding.connect(c).contribute(id, 1);
      // An executed spend of an odd amount leaves an odd pool.
      const spendId = await spendOnce(s, id, 12_345_678_901n, 0);
      expect(spendId).to.equal(1n);
      await s.registry.connect(s.council).cancelProject(id, h("stalled"));
      const pool = await s.treasury.projectBalance(id);
      const total = 45_500n * UNIT;
      expect(pool).to.equal(total - 12_345_678_901n);
      const paid = { a: 17_500n * UNIT, b: 21_000n * UNIT, c: 7_000n * UNIT };
      const floor = (x: bigint) => (pool * x) / total;
      expect(await s.funding.refundableOf(id, a.address)).to.equal(floor(paid.a));
      await expect(s.funding.connect(b).claimRefund(id))
        .to.emit(s.funding, "RefundPoolFixed")
        .withArgs(id, pool, total)
        .and.to.emit(s.funding, "RefundClaimed")
        .withArgs(id, b.address, floor(paid.b));
      await expect(s.funding.connect(c).claimRefund(id))
        .to.emit(s.funding, "RefundClaimed")
        .withArgs(id, c.address, floor(paid.c));
      const last = pool - floor(paid.b) - floor(paid.c);
      expect(last - floor(paid.a)).to.be.greaterThan(0n); // this pool leaves dust
      expect(last - floor(paid.a)).to.be.lessThan(3n);
      expect(await s.funding.refundableOf(id, a.address)).to.equal(last);
      await expect(s.funding.connect(a).claimRefund(id))
        .to.emit(s.funding, "RefundClaimed")
        .withArgs(id, a.address, last);
      expect(await s.treasury.projectBalance(id)).to.equal(0n);
      const ledger = await s.funding.ledgerOf(id);
      expect(ledger.refunded).to.equal(pool);
      expect(await s.treasury.withdrawableOf(a.address)).to.equal(last);
      await expectI3(s, id);
    });

    it("reverts before close, for a participant that paid nothing, and on a second claim", async function () {
      const { s, id, a, b } = await active();
      await s.funding.connect(a).contribute(id, 0);
      await expect(s.funding.connect(a).claimRefund(id))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
        .withArgs(id, ProjectStatus.Active, CLOSED);
      await s.registry.connect(s.council).cancelProject(id, h("x"));
      await expect(s.funding.connect(b).claimRefund(id))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNothingToRefund")
        .withArgs(id, b.address);
      expect(await s.funding.refundableOf(id, b.address)).to.equal(0n);
      await s.funding.connect(a).claimRefund(id); // the only payer takes the whole pool
      expect(await s.treasury.withdrawableOf(a.address)).to.equal(17_500n * UNIT);
      expect(await s.funding.refundClaimed(id, a.address)).to.equal(true);
      await expect(s.funding.connect(a).claimRefund(id))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNothingToRefund")
        .withArgs(id, a.address);
    });

    it("records a zero refund without a transfer when everything was spent", async function () {
      const s = await loadFixture(fixture);
      const [a, b] = s.members;
      const id = await activeProject(
        s,
        await defaultProposal(s, {
          participants: [
            { account: a.address, costShareBps: 5000, ipShareBps: 5000, taskHash: h("a") },
            { account: b.address, costShareBps: 5000, ipShareBps: 5000, taskHash: h("b") },
          ],
          ...noGrant(4n),
          installmentDueDates: [(await time.latest()) + DAY],
        }),
      );
      await s.funding.connect(a).contribute(id, 0);
      await s.funding.connect(b).contribute(id, 0);
      await spendOnce(s, id, 4n, 0);
      await s.registry.connect(s.council).cancelProject(id, h("done"));
      await expect(s.funding.connect(a).claimRefund(id))
        .to.emit(s.funding, "RefundClaimed")
        .withArgs(id, a.address, 0n);
      await expect(s.funding.connect(b).claimRefund(id))
        .to.emit(s.funding, "RefundClaimed")
        .withArgs(id, b.address, 0n);
      await expectI3(s, id);
    });
  });

  describe("returnGrant", function () {
    it("returns unspent grant money to the funder after close (F4, I9)", async function () {
      const { s, id } = await active();
      await s.funding.connect(s.funder).depositGrant(id, 30_000n * UNIT);
      await expect(s.funding.returnGrant(id))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
        .withArgs(id, ProjectStatus.Active, CLOSED);
      await s.registry.connect(s.council).cancelProject(id, h("x"));
      await expect(s.funding.connect(s.outsider).returnGrant(id))
        .to.emit(s.funding, "GrantReturned")
        .withArgs(id, s.funder.address, 30_000n * UNIT);
      expect(await s.treasury.withdrawableOf(s.funder.address)).to.equal(30_000n * UNIT);
      expect((await s.funding.ledgerOf(id)).grantReturned).to.equal(30_000n * UNIT);
      await expectI9(s, id);
      await expect(s.funding.returnGrant(id))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingNoGrantToReturn")
        .withArgs(id);
    });
  });
});

/**
 * Requests, approves (a + b: 80%) and executes a spend of `amount` from project money on `line`
 * (default line 2, Travel); returns the spend id.
 */
async function spendOnce(s: Suite, id: bigint, amount: bigint, line = 2): Promise<bigint> {
  const [a, b] = s.members;
  const expiresAt = (await time.latest()) + 10 * DAY;
  await s.spending.connect(a).requestSpend({
    projectId: id,
    line,
    amount,
    payee: s.payee.address,
    invoiceHash: h("invoice"),
    fromGrant: false,
    expiresAt,
  });
  const spendId = await s.spending.spendCount();
  await s.spending.connect(a).approveSpend(spendId);
  await s.spending.connect(b).approveSpend(spendId);
  await s.spending.executeSpend(spendId, s.payee.address, amount);
  return spendId;
}

describe("ProjectFunding.openBooks (P2: every installment, the first included, under the contribute cap)", function () {
  const maxFixture = () => deployProjectsSuite(64);

  /** The slot of `participant`'s packed books (`_books`, slot 2 after AccessManaged's slot 0 and `_ledgers`). */
  function booksSlot(id: bigint, participant: string): string {
    const coder = ethers.AbiCoder.defaultAbiCoder();
    const inner = ethers.keccak256(coder.encode(["uint256", "uint256"], [id, 2n]));
    return ethers.keccak256(coder.encode(["address", "bytes32"], [participant, inner]));
  }
  async function booksWord(s: Suite, id: bigint, participant: string): Promise<bigint> {
    return BigInt(await ethers.provider.getStorage(await s.funding.getAddress(), booksSlot(id, participant)));
  }
  /** Everything the views report about `participant` on project `id`. */
  async function viewsOf(s: Suite, id: bigint, participant: string) {
    const f = s.funding;
    return [
      await f.contributedBy(id, participant),
      await f.arrearsOf(id, participant),
      await f.paidOn(id, participant, 0),
      await f.paidOn(id, participant, 1),
      await f.defaultRecorded(id, participant, 0),
      await f.defaultRecorded(id, participant, 1),
      await f.refundableOf(id, participant),
      await f.refundClaimed(id, participant),
    ];
  }
  /** 64 participants with equal cost and IP shares (the lead takes the remainder). */
  function equalShares(s: Suite) {
    const n = s.members.length;
    const share = Math.floor(10_000 / n);
    return s.members.map((m, i) => {
      const bps = i === 0 ? 10_000 - share * (n - 1) : share;
      return { account: m.address, costShareBps: bps, ipShareBps: bps, taskHash: h(`task-${i}`) };
    });
  }

  it("reverts with ProjectFundingUnexpectedStatus for a project that is not active", async function () {
    const s = await loadFixture(fixture);
    await expect(s.funding.openBooks(1, 0, 3))
      .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
      .withArgs(1n, ProjectStatus.None, ACTIVE);
    const id = await propose(s, await defaultProposal(s));
    await expect(s.funding.openBooks(id, 0, 3))
      .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
      .withArgs(id, ProjectStatus.Proposed, ACTIVE);
    await approve(s, id);
    await expect(s.funding.openBooks(id, 0, 3))
      .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
      .withArgs(id, ProjectStatus.Approved, ACTIVE);
    const active2 = await activeProject(s);
    await s.registry.connect(s.council).cancelProject(active2, h("x"));
    await expect(s.funding.openBooks(active2, 0, 3))
      .to.be.revertedWithCustomError(s.funding, "ProjectFundingUnexpectedStatus")
      .withArgs(active2, ProjectStatus.Cancelled, ACTIVE);
    for (const m of s.members) expect(await s.funding.booksOpened(id, m.address)).to.equal(false);
  });

  it("reverts with ProjectFundingInvalidPage for an empty page or a start at or past the list's end", async function () {
    const { s, id } = await active();
    for (const [from, count] of [
      [0n, 0n],
      [3n, 1n],
      [2n ** 256n - 1n, 1n],
    ]) {
      await expect(s.funding.openBooks(id, from, count))
        .to.be.revertedWithCustomError(s.funding, "ProjectFundingInvalidPage")
        .withArgs(id, from, count, 3n);
    }
  });

  it("opens every participant's books, emits BooksOpened, and changes nothing a view reports", async function () {
    const { s, id } = await active();
    const before: Awaited<ReturnType<typeof viewsOf>>[] = [];
    for (const m of s.members) {
      expect(await s.funding.booksOpened(id, m.address)).to.equal(false);
      before.push(await viewsOf(s, id, m.address));
    }
    const ledger = await s.funding.ledgerOf(id);
    expect(await s.funding.openBooks.staticCall(id, 0, 64)).to.equal(3n);
    await expect(s.funding.connect(s.outsider).openBooks(id, 0, 64))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id, 0n, 3n, 3n);
    for (const [i, m] of s.members.entries()) {
      expect(await s.funding.booksOpened(id, m.address)).to.equal(true);
      expect(await viewsOf(s, id, m.address)).to.deep.equal(before[i]);
    }
    expect(await s.funding.booksOpened(id, s.outsider.address)).to.equal(false);
    expect(await s.funding.ledgerOf(id)).to.deep.equal(ledger);
  });

  it("is idempotent: a second call opens nothing, emits nothing and changes no books; paid books are skipped", async function () {
    const { s, id, a, b } = await active();
    await s.funding.connect(a).contribute(id, 0); // the lazy path opens a's books
    const aWord = await booksWord(s, id, a.address);
    await expect(s.funding.openBooks(id, 0, 3))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id, 0n, 3n, 2n);
    expect(await booksWord(s, id, a.address)).to.equal(aWord);
    const words: bigint[] = [];
    for (const m of s.members) words.push(await booksWord(s, id, m.address));
    expect(await s.funding.openBooks.staticCall(id, 0, 3)).to.equal(0n);
    await expect(s.funding.openBooks(id, 0, 3)).to.not.emit(s.funding, "BooksOpened");
    await expect(s.funding.openBooks(id, 1, 1)).to.not.emit(s.funding, "BooksOpened");
    for (const [i, m] of s.members.entries()) expect(await booksWord(s, id, m.address)).to.equal(words[i]);
    expect((await s.funding.ledgerOf(id)).payers).to.equal(1n);
    await s.funding.connect(b).contribute(id, 0);
    expect((await s.funding.ledgerOf(id)).payers).to.equal(2n);
    await expectI3(s, id);
  });

  it("keeps a default recorded before the books were opened (P2)", async function () {
    const { s, id, c } = await active();
    const [d0] = await s.registry.installmentDueDatesOf(id);
    await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
    await s.funding.recordDefault(id, c.address, 0);
    await s.funding.openBooks(id, 0, 3);
    expect(await s.funding.booksOpened(id, c.address)).to.equal(true);
    expect(await s.funding.defaultRecorded(id, c.address, 0)).to.equal(true);
    await expect(s.funding.recordDefault(id, c.address, 0))
      .to.be.revertedWithCustomError(s.funding, "ProjectFundingDefaultAlreadyRecorded")
      .withArgs(id, c.address, 0n);
    expect(await s.funding.arrearsOf(id, c.address)).to.equal(7_000n * UNIT);
    await s.funding.connect(c).contribute(id, 0);
    expect(await s.funding.arrearsOf(id, c.address)).to.equal(0n);
  });

  it("pages through MAX_PARTICIPANTS (64): a page ends at the list's end, each participant is opened once", async function () {
    const s = await loadFixture(maxFixture);
    expect(await s.registry.MAX_PARTICIPANTS()).to.equal(64n);
    const id = await activeProject(s, await defaultProposal(s, { participants: equalShares(s) }));
    await expect(s.funding.openBooks(id, 0, 20))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id, 0n, 20n, 20n);
    await expect(s.funding.openBooks(id, 10, 20))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id, 10n, 30n, 10n);
    await expect(s.funding.openBooks(id, 30, 2n ** 256n - 1n))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id, 30n, 64n, 34n);
    for (const m of s.members) expect(await s.funding.booksOpened(id, m.address)).to.equal(true);
    // All 64 in one call on a second project.
    const id2 = await activeProject(s, await defaultProposal(s, { participants: equalShares(s) }));
    await expect(s.funding.openBooks(id2, 0, 64))
      .to.emit(s.funding, "BooksOpened")
      .withArgs(id2, 0n, 64n, 64n);
    await s.funding.connect(s.members[63]).contribute(id2, 1);
    const [, amount] = await s.registry.installmentOf(id2, s.members[63].address, 1);
    expect(await s.funding.paidOn(id2, s.members[63].address, 1)).to.equal(amount);
  });

  for (const [name, fx] of [
    ["the test stablecoin (I3)", fixture],
    ["a fee-on-transfer token (M3, I3)", feeFixture],
  ] as const) {
    it(`gives the same books as the lazy path after the same payments, with ${name}`, async function () {
      const s = await loadFixture(fx);
      const now = await time.latest();
      const proposal = await defaultProposal(s, {
        installmentDueDates: [now + 30 * DAY, now + 60 * DAY, now + 90 * DAY],
      });
      const opened = await activeProject(s, proposal);
      const lazy = await activeProject(s, proposal);
      await s.funding.openBooks(opened, 0, 3);
      const [a, b, c] = s.members;
      const pay: [Suite["members"][number], number][] = [
        [a, 2],
        [b, 0],
        [a, 0],
        [b, 0], // tops up a short credit with the fee token; nothing owed otherwise
        [b, 1],
      ];
      for (const id of [opened, lazy]) {
        for (const [who, i] of pay) {
          const owed = (await s.registry.installmentOf(id, who.address, i))[1];
          if ((await s.funding.paidOn(id, who.address, i)) < owed)
            await s.funding.connect(who).contribute(id, i);
        }
      }
      for (const m of [a, b]) {
        const word = await booksWord(s, opened, m.address);
        expect((word >> 136n) & 0xffn).to.equal(3n); // installments: the layout this test reads
        expect(word).to.equal(await booksWord(s, lazy, m.address));
      }
      // c never paid: opened books carry the terms only; every view says the same as the lazy path.
      const cWord = await booksWord(s, opened, c.address);
      expect([(cWord >> 136n) & 0xffn, cWord >> 144n]).to.deep.equal([3n, 0n]);
      expect(await booksWord(s, lazy, c.address)).to.equal(0n);
      for (const m of [a, b, c]) {
        expect(await viewsOf(s, opened, m.address)).to.deep.equal(await viewsOf(s, lazy, m.address));
        expect(await s.funding.paidOn(opened, m.address, 2)).to.equal(
          await s.funding.paidOn(lazy, m.address, 2),
        );
      }
      const [lo, ll] = [await s.funding.ledgerOf(opened), await s.funding.ledgerOf(lazy)];
      expect(lo).to.deep.equal(ll);
      expect(lo.payers).to.equal(2n);
      await expectI3(s, opened);
      await expectI3(s, lazy);
    });
  }
});
