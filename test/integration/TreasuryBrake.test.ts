import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { toProposalStruct, projectTermsHash, type ProjectProposalInput } from "../../src/sdk/projectTerms";
import { clausesFromJson, type ClauseJson } from "../../src/sdk/terms";
import { DAY, proposeAndExecute, type Call, type FullSuite } from "../helpers/suite";
import { charteredSuite, expectSolvent, fund, publishOffer, sha, u } from "./helpers";

/**
 * The emergency brake on the suite as Ignition deploys it: the AccessManager decides every module
 * call into the Treasury, so the council closing the Treasury (`AccessManager.setTargetClosed`, a
 * reserved council vote through the Governor and the timelock) stops every payout a module
 * triggers, while `withdraw` keeps paying out what was already credited.
 */
const SCHEDULE: ClauseJson[] = [{ id: "5.2", damagesCap: u(1_000).toString(), remedies: ["DAMAGES"] }];

async function proposal(s: FullSuite): Promise<ProjectProposalInput> {
  const now = await time.latest();
  const [a, b, c] = s.founders;
  return {
    title: "Brake test joint lab",
    documentHash: sha("plan.pdf"),
    lead: a.address,
    participants: [
      { account: a.address, costShareBps: 5000, ipShareBps: 4000, taskHash: sha("task-a") },
      { account: b.address, costShareBps: 3000, ipShareBps: 4000, taskHash: sha("task-b") },
      { account: c.address, costShareBps: 2000, ipShareBps: 2000, taskHash: sha("task-c") },
    ],
    budgetLines: [{ category: "Equipment", amount: u(10_000) }],
    milestones: [{ dueDate: now + 120 * DAY, specHash: sha("m1-spec") }],
    installmentDueDates: [now + 30 * DAY, now + 90 * DAY],
    grantAmount: 0n,
    grantLines: [],
    contributionClauseId: "5.2",
    penaltySchedule: SCHEDULE,
  };
}

/** Proposes, reviews, approves (secretariat), signs the project agreement and activates a project. */
async function activeProject(s: FullSuite, tag: string): Promise<bigint> {
  const p = { ...(await proposal(s)), title: tag, documentHash: sha(`plan ${tag}`) };
  await s.projectRegistry.connect(s.founders[0]).propose(toProposalStruct(p));
  const id = await s.projectRegistry.projectCount();
  await s.projectRegistry.connect(s.expert).submitReview(id, 85, sha(`opinion ${tag}`));
  await s.projectRegistry.connect(s.secretariat).approveSmallProject(id);
  const terms = projectTermsHash(p);
  const doc = sha(`project agreement ${tag}`);
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
  await s.projectFunding.openBooks(id);
  return id;
}

function closeCall(s: FullSuite, closed: boolean): Call {
  return {
    target: s.manager.target as string,
    data: s.manager.interface.encodeFunctionData("setTargetClosed", [s.treasury.target as string, closed]),
  };
}

describe("Integration: the emergency brake (closing the Treasury at the AccessManager)", function () {
  it("the council closes the Treasury by a reserved vote: every payout a module triggers stops, balances already credited stay withdrawable, and reopening restores them", async function () {
    const s = await loadFixture(charteredSuite);
    const [a, b, c] = s.founders;
    const licensee = s.stranger;
    await fund(s, [a, b, c, licensee]);

    // A running project with an approved spend, and a cancelled one whose refunds were credited.
    const running = await activeProject(s, "running");
    for (const f of [a, b, c]) await s.projectFunding.connect(f).contribute(running, 0);
    await s.projectSpending.connect(a).requestSpend({
      projectId: running,
      line: 0,
      amount: u(100),
      payee: licensee.address,
      invoiceHash: sha("invoice"),
      fromGrant: false,
      expiresAt: (await time.latest()) + 365 * DAY,
    });
    const spendId = await s.projectSpending.spendCount();
    for (const f of [b, c]) await s.projectSpending.connect(f).approveSpend(spendId);
    const cancelled = await activeProject(s, "cancelled");
    for (const f of [a, b]) await s.projectFunding.connect(f).contribute(cancelled, 0);
    await proposeAndExecute(s, [
      {
        target: s.projectRegistry.target as string,
        data: s.projectRegistry.interface.encodeFunctionData("cancelProject", [cancelled, sha("stop")]),
      },
    ]);
    await s.projectFunding.connect(a).claimRefund(cancelled);
    const credited = await s.treasury.withdrawableOf(a.address);
    expect(credited).to.equal(u(2_500));

    // A licence whose royalty left income for its owner to claim.
    const offer = await publishOffer(s, a, "Brake test process");
    await s.licenseProposals.connect(licensee).acceptOffer(offer);
    const licenseId = await s.licenseManager.licenseCount();
    const lic = await s.licenseManager.licenseOf(licenseId);
    await time.increaseTo(lic.start + lic.periodLength + 1n);
    await s.licenseManager.connect(licensee).payRoyalty(licenseId, u(1_000), u(30));
    const assetId = lic.assetId;
    expect(await s.licenseManager.claimable(assetId, a.address)).to.be.gt(0n);

    // The brake: an AccessManager call, so a reserved (supermajority) council vote, then the timelock.
    const { proposalId } = await proposeAndExecute(s, [closeCall(s, true)]);
    expect((await s.governor.proposalRules(proposalId)).reserved).to.equal(true);
    expect(await s.manager.isTargetClosed(s.treasury.target as string)).to.equal(true);

    const refused = async (tx: Promise<unknown>, caller: string) =>
      expect(tx).to.be.revertedWithCustomError(s.treasury, "AccessManagedUnauthorized").withArgs(caller);
    // Licence income: the owner's claim reaches Treasury.payRoyalty and stops there.
    await refused(s.licenseManager.connect(a).claim(assetId), s.licenseManager.target as string);
    // Project money: a contribution, an approved spend, a refund.
    await refused(s.projectFunding.connect(a).contribute(running, 1), s.projectFunding.target as string);
    await refused(
      s.projectSpending.executeSpend(spendId, licensee.address, u(100)),
      s.projectSpending.target as string,
    );
    await refused(s.projectFunding.connect(b).claimRefund(cancelled), s.projectFunding.target as string);
    // What was credited before the close stays its owner's to withdraw.
    await expect(s.treasury.connect(a).withdraw()).to.changeTokenBalances(
      s.token,
      [a, s.treasury],
      [credited, -credited],
    );
    await expectSolvent(s);

    // Reopened by the same vote, every payout works again.
    await proposeAndExecute(s, [closeCall(s, false)]);
    await expect(s.licenseManager.connect(a).claim(assetId)).to.emit(s.treasury, "RoyaltyPaid");
    await expect(s.projectSpending.executeSpend(spendId, licensee.address, u(100))).to.emit(
      s.treasury,
      "ProjectPaid",
    );
    await expect(s.projectFunding.connect(b).claimRefund(cancelled)).to.emit(s.treasury, "ProjectRefunded");
    await expect(s.projectFunding.connect(a).contribute(running, 1)).to.emit(s.treasury, "ProjectFunded");
    await expectSolvent(s);
  });

  it("no role but the council's timelock closes the Treasury: the secretariat and a member are refused", async function () {
    const s = await loadFixture(charteredSuite);
    const target = s.treasury.target as string;
    for (const who of [s.secretariat, s.founders[0]] as HardhatEthersSigner[]) {
      await expect(s.manager.connect(who).setTargetClosed(target, true))
        .to.be.revertedWithCustomError(s.manager, "AccessManagerUnauthorizedAccount")
        .withArgs(who.address, 0n);
    }
    expect(await s.manager.isTargetClosed(target)).to.equal(false);
  });
});
