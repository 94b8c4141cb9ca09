import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  deployProjectsSuite,
  defaultProposal,
  activeProject,
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
  from?: HardhatEthersSigner;
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

/** a (50%) and b (30%) approve: 80% >= the 60% threshold. */
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
    it("adds the participant's cost share to the counter (no loop)", async function () {
      const { s, id, b, c } = await funded();
      const spendId = await request(s, id);
      await expect(s.spending.connect(b).approveSpend(spendId))
        .to.emit(s.spending, "SpendApproved")
        .withArgs(spendId, b.address, 3000, 3000);
      await expect(s.spending.connect(c).approveSpend(spendId))
        .to.emit(s.spending, "SpendApproved")
        .withArgs(spendId, c.address, 2000, 5000);
      expect(await s.spending.hasApproved(spendId, b.address)).to.equal(true);
      expect((await s.spending.spendOf(spendId)).approvedBps).to.equal(5000n);
    });

    it("reverts for a non-participant (the secretariat included), a second approval, or an unknown spend", async function () {
      const { s, id, b } = await funded();
      const spendId = await request(s, id);
      for (const who of [s.secretariat, s.outsider]) {
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
      await s.spending.connect(b).approveSpend(spendId);
      await s.spending.connect(c).approveSpend(spendId);
      await expect(s.spending.executeSpend(spendId, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotEnoughApprovals")
        .withArgs(spendId, 5000n, 6000n);
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
      await approveAB(s, spendId);
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
      const spendId = await request(s, id, { line: 0, amount: 1_500n * UNIT, fromGrant: true });
      await approveAB(s, spendId);
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
    it("lets the lead or the secretariat withdraw a request; it can no longer execute", async function () {
      const { s, id } = await funded();
      const one = await request(s, id);
      const two = await request(s, id);
      await approveAB(s, one);
      await expect(s.spending.connect(s.members[0]).cancelSpend(one, h("dup")))
        .to.emit(s.spending, "SpendCancelled")
        .withArgs(one, s.members[0].address, h("dup"));
      await expect(s.spending.connect(s.secretariat).cancelSpend(two, h("dup"))).to.emit(
        s.spending,
        "SpendCancelled",
      );
      await expect(s.spending.executeSpend(one, s.payee.address, 1_000n * UNIT))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingUnexpectedStatus")
        .withArgs(one, SpendStatus.Cancelled, SpendStatus.Requested);
    });

    it("reverts for anyone else", async function () {
      const { s, id, b } = await funded();
      const spendId = await request(s, id);
      await expect(s.spending.connect(b).cancelSpend(spendId, h("x")))
        .to.be.revertedWithCustomError(s.spending, "ProjectSpendingNotRequester")
        .withArgs(id, b.address);
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
});
