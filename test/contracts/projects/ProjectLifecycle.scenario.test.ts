import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { toProposalStruct, projectTermsHash } from "../../../src/sdk/projectTerms";
import {
  deployProjectsSuite,
  defaultProposal,
  makeAgreement,
  expectI3,
  expectI9,
  h,
  ProjectStatus,
  SpendStatus,
  CHARTER,
  CLAUSE_ID,
  UNIT,
  DAY,
  type Suite,
} from "./fixture";

const fixture = () => deployProjectsSuite(3);

/** I2 (Treasury), I3 and I9 after every step. */
async function invariants(s: Suite, id: bigint) {
  await expectI3(s, id);
  await expectI9(s, id);
  expect(await s.token.balanceOf(await s.treasury.getAddress())).to.be.greaterThanOrEqual(
    await s.treasury.totalLiabilities(),
  );
}

describe("Scenario: a joint lab of three members, 50/30/20, with a 30% government grant (R1, R2, F4, F5, P2)", function () {
  it("screens, activates, records a late member's default, survives a vetoed grant spend and refunds to the wei", async function () {
    const s = await loadFixture(fixture);
    const [steel, auto, institute] = s.members; // lead 50%, 30%, 20%
    const [expert1, expert2] = s.experts;

    // 1. Proposal (R1): budget 100 000, grant 30 000 (the article's ~30%) on equipment and personnel.
    const proposal = await defaultProposal(s);
    await s.registry.connect(steel).propose(toProposalStruct(proposal));
    const id = await s.registry.projectCount();
    await invariants(s, id);

    // 2. Screening: two expert reviews, then the council approves.
    await s.registry.connect(expert1).submitReview(id, 85, h("review: sound plan"));
    await s.registry.connect(expert2).submitReview(id, 78, h("review: costs plausible"));
    await s.registry.connect(s.council).approveProject(id);

    // 3. The project agreement, signed by exactly the three, carries the proposal's terms hash (F2).
    const agreementId = await makeAgreement(s, id, { termsHash: projectTermsHash(proposal) });
    await s.registry.connect(steel).activate(id, agreementId);
    expect(await s.registry.projectStatus(id)).to.equal(ProjectStatus.Active);

    // 4. The government funder deposits the grant.
    await s.funding.connect(s.funder).depositGrant(id, 30_000n * UNIT);
    await invariants(s, id);

    // 5. First installment: steel and auto pay on time, the institute does not (P2).
    const [due0, due1] = await s.registry.installmentDueDatesOf(id);
    await s.funding.connect(steel).contribute(id, 0);
    await s.funding.connect(auto).contribute(id, 0);
    await time.increaseTo(due0);
    expect(await s.funding.arrearsOf(id, institute.address)).to.equal(7_000n * UNIT);
    await time.increaseTo(due0 + BigInt(CHARTER.gracePeriod) + 1n);
    const penalty = (7_000n * UNIT * BigInt(CHARTER.latePenaltyBps)) / 10_000n; // 350
    await expect(s.funding.connect(auto).recordDefault(id, institute.address, 0))
      .to.emit(s.recorder, "DefaultRecorded")
      .withArgs(1n, 0, institute.address, agreementId, CLAUSE_ID, id, 0n, 7_000n * UNIT, penalty);
    expect(penalty).to.equal(350n * UNIT);
    // The institute pays late; the default stays in its history.
    await s.funding.connect(institute).contribute(id, 0);
    expect(await s.funding.arrearsOf(id, institute.address)).to.equal(0n);
    await invariants(s, id);

    // 6. A project-money spend on travel, approved by steel + auto (80% >= 60%).
    const travel = 3_333_333_333n; // 3 333.333333
    const req = async (line: number, amount: bigint, fromGrant: boolean) => {
      await s.spending.connect(steel).requestSpend({
        projectId: id,
        line,
        amount,
        payee: s.payee.address,
        invoiceHash: h(`invoice-${line}-${amount}`),
        fromGrant,
        expiresAt: (await time.latest()) + 30 * DAY,
      });
      const spendId = await s.spending.spendCount();
      await s.spending.connect(steel).approveSpend(spendId);
      await s.spending.connect(auto).approveSpend(spendId);
      return spendId;
    };
    const travelSpend = await req(2, travel, false);
    await s.spending.executeSpend(travelSpend, s.payee.address, travel);
    await invariants(s, id);

    // 7. A grant spend on equipment is vetoed by the supervisor inside the window (F4, Macro 2).
    const vetoed = await req(0, 12_345_678_901n, true);
    await s.spending.connect(s.supervisor).vetoSpend(vetoed, h("supervisor: invoice not eligible"));
    await time.increase(CHARTER.vetoWindow);
    await expect(s.spending.executeSpend(vetoed, s.payee.address, 12_345_678_901n))
      .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
      .withArgs(vetoed, SpendStatus.Vetoed, SpendStatus.Requested);
    // An unvetoed grant spend on personnel goes through after the window.
    const personnel = await req(1, 10_000n * UNIT, true);
    await time.increase(CHARTER.vetoWindow);
    await s.spending.executeSpend(personnel, s.payee.address, 10_000n * UNIT);
    await invariants(s, id);

    // 8. Second installment from everyone, on time.
    await time.increaseTo(due1 - 10n);
    for (const m of [steel, auto, institute]) await s.funding.connect(m).contribute(id, 1);
    await invariants(s, id);

    // 9. Milestones reported by the lead, accepted by a participant and an expert; the lead completes.
    await s.registry.connect(steel).reportMilestone(id, 0, h("pilot-line report"));
    await s.registry.connect(steel).reportMilestone(id, 1, h("final report"));
    await s.registry.connect(institute).acceptMilestone(id, 0);
    await s.registry.connect(expert1).acceptMilestone(id, 1);
    await s.registry.connect(steel).completeProject(id);

    // 10. Close-out: unspent project money back pro rata to what each paid; exactly, to the wei.
    const pool = 70_000n * UNIT - travel; // 66 666.666667: leaves 1 wei of dust
    expect(await s.treasury.projectBalance(id)).to.equal(pool);
    const paid = [35_000n, 21_000n, 14_000n].map((x) => x * UNIT);
    const floors = paid.map((p) => (pool * p) / (70_000n * UNIT));
    const dust = pool - floors.reduce((x, y) => x + y, 0n);
    expect(dust).to.equal(1n);
    // Claim order: institute, steel, auto: auto is last and takes the dust.
    await s.funding.connect(institute).claimRefund(id);
    await s.funding.connect(steel).claimRefund(id);
    await expect(s.funding.connect(auto).claimRefund(id))
      .to.emit(s.funding, "RefundClaimed")
      .withArgs(id, auto.address, floors[1] + dust);
    const refunds = await Promise.all(
      [steel, auto, institute].map((m) => s.treasury.withdrawableOf(m.address)),
    );
    expect(refunds).to.deep.equal([floors[0], floors[1] + dust, floors[2]]);
    expect(refunds.reduce((x, y) => x + y, 0n)).to.equal(pool);
    expect(await s.treasury.projectBalance(id)).to.equal(0n);

    // 11. Unspent grant back to the funder; everyone withdraws.
    await s.funding.returnGrant(id);
    expect(await s.treasury.withdrawableOf(s.funder.address)).to.equal(20_000n * UNIT);
    await invariants(s, id);
    for (const m of [steel, auto, institute, s.funder]) await s.treasury.connect(m).withdraw();
    expect(await s.treasury.totalLiabilities()).to.equal(0n);
    // I9: grant spent (10 000) <= granted (30 000), only on the allowed personnel line.
    expect(await s.spending.spentOf(id)).to.deep.equal([travel, 10_000n * UNIT]);
    expect(await s.spending.spentOnLine(id, 0)).to.equal(0n);
    expect(await s.spending.spentOnLine(id, 1)).to.equal(10_000n * UNIT);
  });
});
