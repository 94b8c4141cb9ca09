import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Wallet } from "ethers";
import {
  deployProjectsSuite,
  defaultProposal,
  activeProject,
  noGrant,
  propose,
  approve,
  makeAgreement,
  expectUnauthorized,
  expectZeroAddressRejected,
  expectI3,
  expectI9,
  h,
  ProjectStatus,
  SpendStatus,
  CHARTER,
  UNIT,
  DAY,
  type Suite,
} from "./fixture";

const fixture = () => deployProjectsSuite(3);

/** An active project, fully funded by its participants and its grant funder. */
async function funded() {
  const s = await loadFixture(fixture);
  const id = await activeProject(s);
  for (const m of s.members) for (const k of [0, 1]) await s.funding.connect(m).contribute(id, k);
  await s.funding.connect(s.funder).depositGrant(id, 30_000n * UNIT);
  return { s, id, a: s.members[0], b: s.members[1], c: s.members[2] };
}

type Req = {
  line?: number;
  amount?: bigint;
  payee?: string;
  fromGrant?: boolean;
  expiresAt?: number;
  from?: HardhatEthersSigner | Wallet;
};

async function request(s: Suite, id: bigint, r: Req = {}): Promise<bigint> {
  await s.spending.connect(r.from ?? s.members[0]).requestSpend(await reqStruct(s, id, r));
  return await s.spending.spendCount();
}

async function reqStruct(s: Suite, id: bigint, r: Req = {}) {
  return {
    projectId: id,
    line: r.line ?? 0,
    amount: r.amount ?? 1_000n * UNIT,
    payee: r.payee ?? s.payee.address,
    invoiceHash: h("invoice"),
    fromGrant: r.fromGrant ?? false,
    expiresAt: r.expiresAt ?? (await time.latest()) + 10 * DAY,
  };
}

/** a (paid 35 000) and b (paid 21 000) approve: 80% of the 70 000 paid in >= the 60% threshold. */
async function approveAB(s: Suite, spendId: bigint) {
  await s.spending.connect(s.members[0]).approveSpend(spendId);
  await s.spending.connect(s.members[1]).approveSpend(spendId);
}

describe("ProjectSpending", function () {
  describe("constructor", function () {
    it("reverts when an address is zero", async function () {
      const s = await loadFixture(fixture);
      const good = [
        await s.manager.getAddress(),
        await s.registry.getAddress(),
        await s.treasury.getAddress(),
        await s.charter.getAddress(),
        await s.funding.getAddress(),
        await s.membership.getAddress(),
      ];
      await expectZeroAddressRejected("ProjectSpending", good, s.spending, "ProjectSpendingZeroAddress");
    });
  });

  describe("requestSpend", function () {
    it("records the request and emits SpendRequested (F4)", async function () {
      const { s, id } = await funded();
      const r = await reqStruct(s, id, { line: 1, amount: 5_000n * UNIT, fromGrant: true });
      const now = await time.latest();
      await time.setNextBlockTimestamp(now + 1);
      const vetoEndsAt = BigInt(now + 1 + CHARTER.vetoWindow);
      await expect(s.spending.connect(s.members[0]).requestSpend(r))
        .to.emit(s.spending, "SpendRequested")
        .withArgs(1n, id, 1n, s.payee.address, 5_000n * UNIT, true, h("invoice"), r.expiresAt, vetoEndsAt);
      const sp = await s.spending.spendOf(1n);
      expect(sp.status).to.equal(SpendStatus.Requested);
      expect(sp.requiredBps).to.equal(BigInt(CHARTER.approvalShareBps));
      expect(sp.requester).to.equal(s.members[0].address);
      expect(await s.spending.spendCountOf(id)).to.equal(1n);
      expect(await s.spending.spendCountOfLine(id, 1)).to.equal(1n);
    });

    it("lets a secretariat holder request and refuses anyone else (A1)", async function () {
      const { s, id, b } = await funded();
      await expect(request(s, id, { from: s.secretariat })).to.not.be.reverted;
      for (const who of [b, s.outsider, s.supervisor, s.council]) {
        await expect(s.spending.connect(who).requestSpend(await reqStruct(s, id)))
          .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotRequester")
          .withArgs(id, who.address);
      }
    });

    it("reverts on zero amount, zero payee, an unknown line, or a project not active", async function () {
      const { s, id, a } = await funded();
      const sp = s.spending.connect(a);
      await expect(sp.requestSpend(await reqStruct(s, id, { amount: 0n }))).to.be.revertedWithCustomError(
        s.spending,
        "ProjectSpendingZeroAmount",
      );
      await expect(
        sp.requestSpend(await reqStruct(s, id, { payee: ethers.ZeroAddress })),
      ).to.be.revertedWithCustomError(s.spending, "ProjectSpendingZeroAddress");
      await expect(sp.requestSpend(await reqStruct(s, id, { line: 3 })))
        .to.be.revertedWithCustomError(s.registry, "ProjectRegistryUnknownBudgetLine")
        .withArgs(id, 3n);
      await s.registry.connect(s.council).cancelProject(id, h("x"));
      await expect(sp.requestSpend(await reqStruct(s, id)))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedProjectStatus")
        .withArgs(id, ProjectStatus.Cancelled, ProjectStatus.Active);
    });

    it("reverts for grant money on a line the grant does not allow (M7, I9)", async function () {
      const { s, id, a } = await funded();
      await expect(s.spending.connect(a).requestSpend(await reqStruct(s, id, { line: 2, fromGrant: true })))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingLineNotGrantFunded")
        .withArgs(id, 2n);
    });

    it("reverts above what is left on the line (M7)", async function () {
      const { s, id, a } = await funded();
      await expect(
        s.spending.connect(a).requestSpend(await reqStruct(s, id, { line: 2, amount: 10_000n * UNIT + 1n })),
      )
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingLineExceeded")
        .withArgs(id, 2n, 10_000n * UNIT, 10_000n * UNIT + 1n);
    });

    it("reverts on a deadline in the past, or before the veto window ends for grant money", async function () {
      const { s, id, a } = await funded();
      const now = await time.latest();
      await time.setNextBlockTimestamp(now + 1);
      await expect(s.spending.connect(a).requestSpend(await reqStruct(s, id, { expiresAt: now + 1 })))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingInvalidDeadline")
        .withArgs(now + 1, now + 2);
      const t = now + 10;
      await time.setNextBlockTimestamp(t);
      const early = t + CHARTER.vetoWindow - 1;
      await expect(
        s.spending.connect(a).requestSpend(await reqStruct(s, id, { fromGrant: true, expiresAt: early })),
      )
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingInvalidDeadline")
        .withArgs(early, t + CHARTER.vetoWindow);
    });
  });

  describe("approveSpend", function () {
    it("adds what the participant paid to the approved sum (B13, no loop)", async function () {
      const { s, id, b, c } = await funded();
      const spendId = await request(s, id);
      await expect(s.spending.connect(b).approveSpend(spendId))
        .to.emit(s.spending, "SpendApproved")
        .withArgs(spendId, b.address, 21_000n * UNIT, 21_000n * UNIT);
      await expect(s.spending.connect(c).approveSpend(spendId))
        .to.emit(s.spending, "SpendApproved")
        .withArgs(spendId, c.address, 14_000n * UNIT, 35_000n * UNIT);
      expect(await s.spending.hasApproved(spendId, b.address)).to.equal(true);
      expect(await s.spending.hasApproved(spendId, s.members[0].address)).to.equal(false);
      expect(await s.spending.hasApproved(spendId, s.outsider.address)).to.equal(false);
      const sp = await s.spending.spendOf(spendId);
      expect(sp.approvedPaid).to.equal(35_000n * UNIT);
      expect(sp.approvers).to.equal(0b110n); // positions 1 and 2
      // 60% of the 70 000 paid in by everyone (the payee is no participant).
      expect(await s.spending.approvalsOf(spendId)).to.deep.equal([35_000n * UNIT, 42_000n * UNIT]);
    });

    it("reverts for a non-participant (the secretariat included), a second approval, or an unknown spend", async function () {
      const { s, id, b } = await funded();
      const spendId = await request(s, id);
      for (const who of [s.secretariat, s.outsider, s.supervisor]) {
        await expect(s.spending.connect(who).approveSpend(spendId))
          .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotParticipant")
          .withArgs(id, who.address);
      }
      await s.spending.connect(b).approveSpend(spendId);
      await expect(s.spending.connect(b).approveSpend(spendId))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingAlreadyApproved")
        .withArgs(spendId, b.address);
      await expect(s.spending.connect(b).approveSpend(99n))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
        .withArgs(99n, SpendStatus.None, SpendStatus.Requested);
    });

    it("reverts once the project is closed", async function () {
      const { s, id, b } = await funded();
      const spendId = await request(s, id);
      await s.registry.connect(s.council).cancelProject(id, h("x"));
      await expect(s.spending.connect(b).approveSpend(spendId))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedProjectStatus")
        .withArgs(id, ProjectStatus.Cancelled, ProjectStatus.Active);
    });

    it("reverts after the deadline", async function () {
      const { s, id, b } = await funded();
      const expiresAt = (await time.latest()) + DAY;
      const spendId = await request(s, id, { expiresAt });
      await time.setNextBlockTimestamp(expiresAt + 1);
      await expect(s.spending.connect(b).approveSpend(spendId))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingExpired")
        .withArgs(spendId, expiresAt);
    });
  });

  describe("executeSpend", function () {
    it("pays the approved payee from the project account in one call (F4, I3)", async function () {
      const { s, id } = await funded();
      const spendId = await request(s, id, { amount: 2_500n * UNIT });
      await approveAB(s, spendId);
      const before = await s.token.balanceOf(s.payee.address);
      await expect(s.spending.connect(s.outsider).executeSpend(spendId, s.payee.address, 2_500n * UNIT))
        .to.emit(s.spending, "SpendExecuted")
        .withArgs(spendId, id, s.payee.address, 2_500n * UNIT, false)
        .and.to.emit(s.treasury, "ProjectPaid")
        .withArgs(id, s.payee.address, 2_500n * UNIT);
      expect((await s.token.balanceOf(s.payee.address)) - before).to.equal(2_500n * UNIT);
      expect(await s.spending.spentOnLine(id, 0)).to.equal(2_500n * UNIT);
      expect(await s.spending.spentOf(id)).to.deep.equal([2_500n * UNIT, 0n]);
      expect((await s.spending.spendOf(spendId)).status).to.equal(SpendStatus.Executed);
      await expectI3(s, id);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 2_500n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
        .withArgs(spendId, SpendStatus.Executed, SpendStatus.Requested);
    });

    it("reverts without enough approvals (M7)", async function () {
      const { s, id, b, c } = await funded();
      const spendId = await request(s, id);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 0n, 42_000n * UNIT);
      await s.spending.connect(b).approveSpend(spendId);
      await s.spending.connect(c).approveSpend(spendId);
      // b and c paid 35 000 of the 70 000 paid in: 50% < 60%.
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 35_000n * UNIT, 42_000n * UNIT);
    });

    it("reverts above the approved amount, below it, or to another payee (M7)", async function () {
      const { s, id } = await funded();
      const spendId = await request(s, id);
      await approveAB(s, spendId);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT + 1n))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingAmountNotApproved")
        .withArgs(spendId, 1_000n * UNIT, 1_000n * UNIT + 1n);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1n))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingAmountNotApproved")
        .withArgs(spendId, 1_000n * UNIT, 1n);
      await expect(s.spending.executeSpend(spendId, s.outsider.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingPayeeNotApproved")
        .withArgs(spendId, s.payee.address, s.outsider.address);
    });

    it("reverts after the deadline, and executes at the deadline itself (M7, A5)", async function () {
      const { s, id } = await funded();
      const expiresAt = (await time.latest()) + DAY;
      const late = await request(s, id, { expiresAt });
      const onTime = await request(s, id, { expiresAt });
      await approveAB(s, late);
      await approveAB(s, onTime);
      await time.setNextBlockTimestamp(expiresAt);
      await expect(s.spending.executeSpend(onTime, s.payee.address, 1_000n * UNIT)).to.emit(
        s.spending,
        "SpendExecuted",
      );
      await time.setNextBlockTimestamp(expiresAt + 1);
      await expect(s.spending.executeSpend(late, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingExpired")
        .withArgs(late, expiresAt);
    });

    it("reverts when approved requests together pass the line's budget (M7)", async function () {
      const { s, id } = await funded();
      const first = await request(s, id, { line: 2, amount: 6_000n * UNIT });
      const second = await request(s, id, { line: 2, amount: 6_000n * UNIT });
      await approveAB(s, first);
      await approveAB(s, second);
      await s.spending.executeSpend(first, s.payee.address, 6_000n * UNIT);
      await expect(s.spending.executeSpend(second, s.payee.address, 6_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingLineExceeded")
        .withArgs(id, 2n, 4_000n * UNIT, 6_000n * UNIT);
    });

    it("reverts when the project account holds less than the spend", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      await s.funding.connect(s.members[2]).contribute(id, 0); // 7 000 in the account
      const spendId = await request(s, id, { amount: 8_000n * UNIT });
      await s.spending.connect(s.members[2]).approveSpend(spendId); // c paid all of it
      await expect(s.spending.executeSpend(spendId, s.payee.address, 8_000n * UNIT))
        .to.be.revertedWithCustomError(s.treasury, "TreasuryInsufficientLedger")
        .withArgs(ethers.encodeBytes32String("project"), 7_000n * UNIT, 8_000n * UNIT);
    });

    it("holds a grant spend until the veto window has passed, then pays from the grant (M7, A5, I9)", async function () {
      const { s, id } = await funded();
      const t = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t);
      const spendId = await request(s, id, { line: 1, amount: 4_000n * UNIT, fromGrant: true });
      await approveAB(s, spendId);
      const end = t + CHARTER.vetoWindow;
      await time.setNextBlockTimestamp(end - 1);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 4_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingVetoWindowOpen")
        .withArgs(spendId, end);
      await time.setNextBlockTimestamp(end);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 4_000n * UNIT))
        .to.emit(s.treasury, "GrantPaid")
        .withArgs(id, s.payee.address, 4_000n * UNIT);
      expect(await s.spending.spentOf(id)).to.deep.equal([0n, 4_000n * UNIT]);
      expect(await s.treasury.grantBalance(id)).to.equal(26_000n * UNIT);
      await expectI9(s, id);
      await expectI3(s, id);
    });

    it("reverts while the supervisor has frozen the grant account, and pays once unfrozen", async function () {
      const { s, id } = await funded();
      const spendId = await request(s, id, { line: 0, amount: 1_000n * UNIT, fromGrant: true });
      await approveAB(s, spendId);
      await s.treasury.connect(s.supervisor).setGrantFrozen(id, true);
      await time.increase(CHARTER.vetoWindow);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.treasury, "TreasuryGrantFrozen")
        .withArgs(id);
      await s.treasury.connect(s.supervisor).setGrantFrozen(id, false);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT)).to.emit(
        s.spending,
        "SpendExecuted",
      );
    });

    it("reverts when grant spends would pass what the funder deposited (I9)", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      await s.funding.connect(s.funder).depositGrant(id, 1_000n * UNIT);
      await s.funding.connect(s.members[2]).contribute(id, 0);
      const spendId = await request(s, id, { line: 0, amount: 1_500n * UNIT, fromGrant: true });
      await s.spending.connect(s.members[2]).approveSpend(spendId); // c paid all that was paid in
      await time.increase(CHARTER.vetoWindow);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_500n * UNIT))
        .to.be.revertedWithCustomError(s.treasury, "TreasuryInsufficientLedger")
        .withArgs(ethers.encodeBytes32String("grant"), 1_000n * UNIT, 1_500n * UNIT);
      await expectI9(s, id);
    });

    it("reverts once the project is closed", async function () {
      const { s, id } = await funded();
      const spendId = await request(s, id);
      await approveAB(s, spendId);
      await s.registry.connect(s.council).cancelProject(id, h("x"));
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedProjectStatus")
        .withArgs(id, ProjectStatus.Cancelled, ProjectStatus.Active);
    });
  });

  describe("cancelSpend", function () {
    it("lets the requester, lead or secretariat, withdraw its own request; it can no longer execute", async function () {
      const { s, id } = await funded();
      const one = await request(s, id);
      const two = await request(s, id, { from: s.secretariat });
      await approveAB(s, one);
      await expect(s.spending.connect(s.members[0]).cancelSpend(one, h("dup")))
        .to.emit(s.spending, "SpendCancelled")
        .withArgs(one, s.members[0].address, h("dup"));
      await expect(s.spending.connect(s.secretariat).cancelSpend(two, h("dup")))
        .to.emit(s.spending, "SpendCancelled")
        .withArgs(two, s.secretariat.address, h("dup"));
      await expect(s.spending.executeSpend(one, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
        .withArgs(one, SpendStatus.Cancelled, SpendStatus.Requested);
    });

    it("B13 lets nobody but the requester withdraw a request: the secretariat cannot stop a spend the lead requested and the participants approved", async function () {
      const { s, id, b } = await funded();
      const byLead = await request(s, id);
      const bySecretariat = await request(s, id, { from: s.secretariat });
      await approveAB(s, byLead);
      for (const who of [s.secretariat, b, s.supervisor, s.council, s.outsider]) {
        await expect(s.spending.connect(who).cancelSpend(byLead, h("x")))
          .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotSpendRequester")
          .withArgs(byLead, who.address);
      }
      await expect(s.spending.connect(s.members[0]).cancelSpend(bySecretariat, h("x")))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotSpendRequester")
        .withArgs(bySecretariat, s.members[0].address);
      await expect(s.spending.executeSpend(byLead, s.payee.address, 1_000n * UNIT)).to.emit(
        s.spending,
        "SpendExecuted",
      );
    });
  });

  describe("vetoSpend", function () {
    it("lets the supervisor veto a grant spend strictly inside the window (F4, A5)", async function () {
      const { s, id } = await funded();
      const t = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t);
      const inside = await request(s, id, { fromGrant: true });
      const atEnd = await request(s, id, { fromGrant: true });
      const end = BigInt(t + 1 + CHARTER.vetoWindow); // the second request was mined one second later
      await approveAB(s, inside);
      await time.setNextBlockTimestamp(t + CHARTER.vetoWindow - 1);
      await expect(s.spending.connect(s.supervisor).vetoSpend(inside, h("misuse")))
        .to.emit(s.spending, "SpendVetoed")
        .withArgs(inside, s.supervisor.address, h("misuse"));
      await expect(s.spending.executeSpend(inside, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
        .withArgs(inside, SpendStatus.Vetoed, SpendStatus.Requested);
      await time.setNextBlockTimestamp(end);
      await expect(s.spending.connect(s.supervisor).vetoSpend(atEnd, h("late")))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingVetoWindowClosed")
        .withArgs(atEnd, end);
    });

    it("B16 keeps the veto window a grant spend was requested under: a later charter change cannot shorten it", async function () {
      const { s, id } = await funded();
      const t = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t);
      const spendId = await request(s, id, { fromGrant: true, expiresAt: t + 30 * DAY });
      await approveAB(s, spendId);
      await s.charter.setParams({ ...CHARTER, vetoWindow: DAY });
      const end = t + CHARTER.vetoWindow;
      await time.setNextBlockTimestamp(t + DAY + 1);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingVetoWindowOpen")
        .withArgs(spendId, end);
      await time.setNextBlockTimestamp(end - 1);
      await expect(s.spending.connect(s.supervisor).vetoSpend(spendId, h("misuse"))).to.emit(
        s.spending,
        "SpendVetoed",
      );
    });

    it("reverts for a project-money spend and for anyone but the supervisor (A1)", async function () {
      const { s, id } = await funded();
      const own = await request(s, id);
      const grant = await request(s, id, { fromGrant: true });
      await expect(s.spending.connect(s.supervisor).vetoSpend(own, h("x")))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotGrantSpend")
        .withArgs(own);
      await expectUnauthorized(s.spending, [s.council, s.secretariat, s.members[0], s.funder], (who) =>
        s.spending.connect(who).vetoSpend(grant, h("x")),
      );
    });
  });

  describe("spendsOf and spendsOfLine", function () {
    it("pages the supervision trail per project and per line (F4)", async function () {
      const { s, id } = await funded();
      const other = await activeProject(s, await defaultProposal(s));
      await request(s, id, { line: 0 });
      await request(s, other, { line: 0 });
      await request(s, id, { line: 1 });
      await request(s, id, { line: 0, amount: 7n });
      const [ids, spends] = await s.spending.spendsOf(id, 0, 10);
      expect(ids).to.deep.equal([1n, 3n, 4n]);
      expect(spends.map((x) => x.line)).to.deep.equal([0n, 1n, 0n]);
      const [page] = await s.spending.spendsOf(id, 1, 1);
      expect(page).to.deep.equal([3n]);
      const [lineIds, lineSpends] = await s.spending.spendsOfLine(id, 0, 0, ethers.MaxUint256);
      expect(lineIds).to.deep.equal([1n, 4n]);
      expect(lineSpends[1].amount).to.equal(7n);
      expect((await s.spending.spendsOfLine(id, 0, 5, 1))[0]).to.deep.equal([]);
      expect(await s.spending.spendCountOfLine(id, 1)).to.equal(1n);
    });
  });
  describe("B13: approvals in good standing, weighted by what was paid in", function () {
    /** A 60/30/10 project (lead a) with the default 30% grant: a owes 42 000, b 21 000, c 7 000. */
    async function leadHeavy() {
      const s = await loadFixture(fixture);
      const [a, b, c] = s.members;
      const id = await activeProject(
        s,
        await defaultProposal(s, {
          participants: [
            { account: a.address, costShareBps: 6000, ipShareBps: 6000, taskHash: h("task-a") },
            { account: b.address, costShareBps: 3000, ipShareBps: 3000, taskHash: h("task-b") },
            { account: c.address, costShareBps: 1000, ipShareBps: 1000, taskHash: h("task-c") },
          ],
        }),
      );
      return { s, id, a, b, c };
    }

    /** Two participants, a 60% (the approver) and b 40% (the lead, it takes the rounding remainder), one installment. */
    async function twoPayers(budget: bigint) {
      const s = await loadFixture(fixture);
      const [a, b] = s.members;
      const p = await defaultProposal(s, {
        lead: b.address,
        participants: [
          { account: a.address, costShareBps: 6000, ipShareBps: 5000, taskHash: h("task-a") },
          { account: b.address, costShareBps: 4000, ipShareBps: 5000, taskHash: h("task-b") },
        ],
        installmentDueDates: [(await time.latest()) + 30 * DAY],
        ...noGrant(budget),
      });
      const id = await propose(s, p, b);
      await approve(s, id);
      await s.registry.activate(id, await makeAgreement(s, id));
      await s.funding.connect(a).contribute(id, 0);
      await s.funding.connect(b).contribute(id, 0);
      return { s, id, a, b };
    }

    it("B13 refuses the exploit: a lead with a 60% cost share that paid nothing and is in default cannot approve a spend of the whole account to itself; the others' refunds stay whole", async function () {
      const { s, id, a, b, c } = await leadHeavy();
      await s.funding.connect(b).contribute(id, 0); // 10 500
      await s.funding.connect(c).contribute(id, 0); // 3 500
      const account = 14_000n * UNIT;
      expect(await s.treasury.projectBalance(id)).to.equal(account);
      const expiresAt = (await time.latest()) + 60 * DAY;
      const toSelf = await request(s, id, { amount: account, payee: a.address, expiresAt });
      const toAccomplice = await request(s, id, { amount: account, payee: s.outsider.address, expiresAt });
      // Paid nothing: no weight, even before its default is recorded.
      await expect(s.spending.connect(a).approveSpend(toAccomplice))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNothingPaid")
        .withArgs(id, a.address);
      const [d0] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
      await s.funding.recordDefault(id, a.address, 0);
      await expect(s.spending.connect(a).approveSpend(toSelf))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingPayeeCannotApprove")
        .withArgs(toSelf, a.address);
      await expect(s.spending.connect(a).approveSpend(toAccomplice))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingApproverInDefault")
        .withArgs(id, a.address);
      for (const spendId of [toSelf, toAccomplice]) {
        const payee = spendId === toSelf ? a.address : s.outsider.address;
        await expect(s.spending.connect(a).executeSpend(spendId, payee, account))
          .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
          .withArgs(spendId, 0n, 8_400n * UNIT); // 60% of the 14 000 b and c paid
      }
      await s.registry.connect(s.council).cancelProject(id, h("lead in default"));
      await s.funding.connect(b).claimRefund(id);
      await s.funding.connect(c).claimRefund(id);
      expect(await s.treasury.withdrawableOf(b.address)).to.equal(10_500n * UNIT);
      expect(await s.treasury.withdrawableOf(c.address)).to.equal(3_500n * UNIT);
      expect(await s.treasury.withdrawableOf(a.address)).to.equal(0n);
      await expectI3(s, id);
    });

    it("B13 passes with exactly the approval share of what was paid in and fails one unit below", async function () {
      // 10 000 paid in: a paid 6 000, exactly 60%.
      const exact = await twoPayers(10_000n * UNIT);
      expect(await exact.s.funding.contributedBy(exact.id, exact.a.address)).to.equal(6_000n * UNIT);
      const ok = await request(exact.s, exact.id, { from: exact.b });
      await exact.s.spending.connect(exact.a).approveSpend(ok);
      expect(await exact.s.spending.approvalsOf(ok)).to.deep.equal([6_000n * UNIT, 6_000n * UNIT]);
      await expect(exact.s.spending.executeSpend(ok, exact.s.payee.address, 1_000n * UNIT)).to.emit(
        exact.s.spending,
        "SpendExecuted",
      );
      // 10 000 - 1 unit paid in: a paid 6 000 - 1, one unit below ceil(60% x (10 000 - 1)) = 6 000.
      const below = await twoPayers(10_000n * UNIT - 1n);
      expect(await below.s.funding.contributedBy(below.id, below.a.address)).to.equal(6_000n * UNIT - 1n);
      const ko = await request(below.s, below.id, { from: below.b });
      await below.s.spending.connect(below.a).approveSpend(ko);
      await expect(below.s.spending.executeSpend(ko, below.s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(below.s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(ko, 6_000n * UNIT - 1n, 6_000n * UNIT);
    });

    it("B13 never lets the payee approve a spend to itself: its weight is out and the others decide on what they paid", async function () {
      const { s, id, a, b, c } = await funded(); // a 35 000, b 21 000, c 14 000 paid in
      const byB = await request(s, id, { payee: a.address });
      const byC = await request(s, id, { payee: a.address });
      await expect(s.spending.connect(a).approveSpend(byB))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingPayeeCannotApprove")
        .withArgs(byB, a.address);
      // Base: what b and c paid, 35 000; 60% is 21 000. b alone holds exactly that, c alone does not.
      await s.spending.connect(b).approveSpend(byB);
      await s.spending.connect(c).approveSpend(byC);
      await expect(s.spending.executeSpend(byC, a.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(byC, 14_000n * UNIT, 21_000n * UNIT);
      await expect(s.spending.executeSpend(byB, a.address, 1_000n * UNIT))
        .to.emit(s.spending, "SpendExecuted")
        .withArgs(byB, id, a.address, 1_000n * UNIT, false);
      // A participant payee of the secretariat's request is out the same way.
      const toB = await request(s, id, { from: s.secretariat, payee: b.address });
      await expect(s.spending.connect(b).approveSpend(toB))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingPayeeCannotApprove")
        .withArgs(toB, b.address);
      await s.spending.connect(a).approveSpend(toB);
      expect(await s.spending.approvalsOf(toB)).to.deep.equal([35_000n * UNIT, 29_400n * UNIT]);
    });

    it("B13 reads standing at execution: a default recorded after an approval takes the approver's weight off; paying the installment restores it", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const [a, b, c] = s.members;
      for (const m of [a, b, c]) await s.funding.connect(m).contribute(id, 0); // 17 500, 10 500, 7 000
      const spendId = await request(s, id, { expiresAt: (await time.latest()) + 200 * DAY });
      await approveAB(s, spendId); // 28 000 of 35 000
      expect(await s.spending.approvalsOf(spendId)).to.deep.equal([28_000n * UNIT, 21_000n * UNIT]);
      const [, d1] = await s.registry.installmentDueDatesOf(id);
      await time.increaseTo(d1 + BigInt(CHARTER.gracePeriod) + 1n);
      await s.funding.recordDefault(id, b.address, 1);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 17_500n * UNIT, 21_000n * UNIT);
      const other = await request(s, id);
      await expect(s.spending.connect(b).approveSpend(other))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingApproverInDefault")
        .withArgs(id, b.address);
      await expect(s.funding.connect(b).contribute(id, 1))
        .to.emit(s.funding, "StandingRestored")
        .withArgs(id, b.address);
      // 45 500 paid in now: 60% is 27 300; a and b approved with 28 000.
      expect(await s.spending.approvalsOf(spendId)).to.deep.equal([28_000n * UNIT, 27_300n * UNIT]);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT)).to.emit(
        s.spending,
        "SpendExecuted",
      );
    });

    it("B13 counts what an approver had paid when it approved, against all that is paid in at execution", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const [a, b, c] = s.members;
      await s.funding.connect(a).contribute(id, 0); // 17 500
      await s.funding.connect(b).contribute(id, 0); // 10 500
      const spendId = await request(s, id);
      await expect(s.spending.connect(a).approveSpend(spendId))
        .to.emit(s.spending, "SpendApproved")
        .withArgs(spendId, a.address, 17_500n * UNIT, 17_500n * UNIT);
      expect(await s.spending.approvalsOf(spendId)).to.deep.equal([17_500n * UNIT, 16_800n * UNIT]);
      await s.funding.connect(a).contribute(id, 1); // a's later payment adds nothing to its approval
      await s.funding.connect(c).contribute(id, 0);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 17_500n * UNIT, 31_500n * UNIT); // 60% of 52 500
    });

    it("B13 refuses an approval by a participant that is not an active member or paid nothing", async function () {
      const s = await loadFixture(fixture);
      const id = await activeProject(s);
      const [a, b, c] = s.members;
      await s.funding.connect(a).contribute(id, 0);
      await s.funding.connect(b).contribute(id, 0);
      const spendId = await request(s, id);
      for (const status of [3, 4, 5]) {
        // Suspended, Withdrawn, Expelled
        await s.membership.setMember(b.address, 0, status);
        await expect(s.spending.connect(b).approveSpend(spendId))
          .to.be.revertedWithCustomError(s.spending, "ProjectSpendingApproverNotActive")
          .withArgs(id, b.address, status);
      }
      await expect(s.spending.connect(c).approveSpend(spendId))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNothingPaid")
        .withArgs(id, c.address);
      expect((await s.spending.spendOf(spendId)).approvers).to.equal(0n);
    });

    it("B13 applies the same rule to grant money", async function () {
      const { s, id, b, c } = await funded();
      const spendId = await request(s, id, { line: 1, fromGrant: true });
      await s.spending.connect(b).approveSpend(spendId);
      await s.spending.connect(c).approveSpend(spendId);
      await time.increase(CHARTER.vetoWindow);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 35_000n * UNIT, 42_000n * UNIT);
      await s.spending.connect(s.members[0]).approveSpend(spendId);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.emit(s.treasury, "GrantPaid")
        .withArgs(id, s.payee.address, 1_000n * UNIT);
    });
  });
});
