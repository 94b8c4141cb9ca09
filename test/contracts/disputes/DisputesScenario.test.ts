import { ethers } from "hardhat";
import { appoint, castVote } from "../../helpers/panel";
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  BOB_LICENSE,
  CHARTER_ID,
  CLAIM_BOND,
  CONFIDENTIALITY,
  EntryKind,
  LicenseStatus,
  MEMBER_BOND,
  REMEDY,
  RULING,
  ClaimStatus,
  claimRequest,
  deploySuite,
  disputeOf,
  owedOf,
  recordOf,
  sha,
  tag,
  u,
} from "./helpers";
import {
  expectBondsConsistent,
  expectHeadsMatchEvents,
  countsFromLog,
  expectHistoryAppendOnly,
  memberHistoryOf,
  historySnapshot,
} from "./invariants";

const ROYALTY_CLAUSE = tag("6.4");
const LICENCE_AGREEMENT = 20n;

async function fixture() {
  return deploySuite();
}

describe("Disputes scenario: a default, then a confidentiality breach upheld by the panel (F5, P2)", function () {
  it("records every step in both members' histories, in order, and applies the ruling", async function () {
    const s = await loadFixture(fixture);
    const [e0, e1, e2, e3] = s.experts;
    const start = await historySnapshot(s.history);

    // 1. Bob, a licensee of Alice's result, underpays a royalty period: the licensing module records the default.
    await s.history
      .connect(s.licensingModule)
      .recordDefault(1, s.bob.address, LICENCE_AGREEMENT, ROYALTY_CLAUSE, BOB_LICENSE, 3n, u(40), u(2));

    // 2. Alice sues Bob under the charter's confidentiality clause 7.1: damages and suspension of his licence.
    const request = claimRequest(s.bob.address, {
      clauseId: CONFIDENTIALITY,
      remedies: REMEDY.DAMAGES | REMEDY.LICENSE_SUSPENSION,
      damages: u(800),
      licenseId: BOB_LICENSE,
      statementHash: sha("Bob disclosed the alloy recipe to a non-member"),
      evidenceHash: sha("email of 3 March"),
      evidenceURI: "ipfs://alice-evidence-1",
    });
    await s.disputes.connect(s.alice).fileClaim(request);
    const claimId = await s.disputes.claimCount();
    const rec = await recordOf(s.disputes, claimId);

    // 3. Evidence from both sides; Bob answers inside the answer period.
    await s.disputes
      .connect(s.bob)
      .submitEvidence(rec, sha("NDA with the recipient"), "ipfs://bob-evidence-1");
    await s.disputes.connect(s.bob).answer(rec, sha("the recipe was public"), "ipfs://bob-answer");
    await s.disputes
      .connect(s.alice)
      .submitEvidence(rec, sha("lab notebook, not public"), "ipfs://alice-evidence-2");

    // 4. After the cure period Alice refers the claim to the PanelArbitrator.
    await time.increaseTo(rec.cureEndsAt + 1n);
    await s.disputes.connect(s.alice).refer(rec);
    const disputeId = await disputeOf(s.disputes, claimId);

    // 5. An expert working for Bob is recused; the secretariat appoints three others, who uphold 2-1.
    await s.panel.connect(e0).declareAffiliation(s.bob.address);
    await expect(
      appoint(s.panel.connect(s.secretariat), disputeId, [e0.address, e1.address, e2.address]),
    ).to.be.revertedWithCustomError(s.panel, "PanelArbitratorRecused");
    await appoint(s.panel.connect(s.secretariat), disputeId, [e1.address, e2.address, e3.address]);
    const panel = [e1.address, e2.address, e3.address];
    await castVote(s.panel.connect(e1), disputeId, panel, 1, sha("disclosure proven"));
    await castVote(s.panel.connect(e2), disputeId, panel, 2, sha("recipe was public"));
    await castVote(s.panel.connect(e3), disputeId, panel, 1, sha("notebook shows it was secret"));
    await time.increaseTo((await s.panel.disputeOf(disputeId)).appealEndsAt + 1n);
    // The ruling waits with the dispute: the claim stays in Arbitration until it is executed.
    await expect(s.panel.executeRuling(disputeId))
      .to.emit(s.disputes, "ClaimRuled")
      .withArgs(claimId, RULING.UPHELD);
    expect((await s.disputes.claimStateOf(rec, 0n)).status).to.equal(ClaimStatus.Arbitration);

    // 6. Execution: Bob's bond slashed for Alice, his licence suspended; Alice pulls the slash and her claim bond.
    const tx = await s.disputes.connect(s.stranger).executeRuling(rec, disputeId);
    await expect(tx)
      .to.emit(s.treasury, "BondSlashed")
      .withArgs(s.bob.address, s.alice.address, u(800), claimId);
    await expect(tx).to.emit(s.licenses, "LicenseSuspended");
    await expect(tx)
      .to.emit(s.disputes, "ClaimPayoutOwed")
      .withArgs(claimId, s.alice.address, u(800) + CLAIM_BOND);
    const state = await s.disputes.claimStateOf(rec, u(800) + CLAIM_BOND);
    expect(state.status).to.equal(ClaimStatus.Executed);
    expect(state.ruling).to.equal(RULING.UPHELD);
    expect(await s.treasury.bondOf(s.bob.address)).to.equal(MEMBER_BOND - u(800));
    expect((await s.licenses.licenseSummary(BOB_LICENSE)).status).to.equal(LicenseStatus.Suspended);
    // Pulled, not pushed: nothing moved yet; Alice pulls the slash and her claim bond.
    await expect(tx).to.changeTokenBalance(s.token, s.alice, 0n);
    expect(await owedOf(s.disputes, claimId)).to.equal(u(800) + CLAIM_BOND);
    await expect(s.disputes.connect(s.alice).claimPayout(rec, u(800) + CLAIM_BOND)).to.changeTokenBalance(
      s.token,
      s.alice,
      u(800) + CLAIM_BOND,
    );
    expect(await s.treasury.withdrawableOf(s.alice.address)).to.equal(0n);

    // 7. Both histories show every step in order (C3: evidence is an event only, not an entry).
    const claimSteps = [
      EntryKind.Filed,
      EntryKind.Answered,
      EntryKind.Referred,
      EntryKind.Ruled,
      EntryKind.Executed,
      EntryKind.PenaltyApplied, // damages
      EntryKind.PenaltyApplied, // licence suspension
    ];
    const [bobIds, bobEntries] = await memberHistoryOf(s.history, s.bob.address, 1);
    expect(bobEntries.map((e) => Number(e.kind))).to.deep.equal([EntryKind.DefaultRecorded, ...claimSteps]);
    const [aliceIds, aliceEntries] = await memberHistoryOf(s.history, s.alice.address, 0);
    expect(aliceEntries.map((e) => Number(e.kind))).to.deep.equal(claimSteps);
    expect(aliceIds).to.deep.equal(bobIds.slice(1));
    for (let i = 1; i < bobEntries.length; i++) {
      expect(bobIds[i]).to.be.gt(bobIds[i - 1]);
      expect(bobEntries[i].recordedAt).to.be.gte(bobEntries[i - 1].recordedAt);
    }
    const actors = bobEntries.slice(1).map((e) => e.actor);
    // Filed by Alice, answered by Bob, referred by Alice.
    expect(actors.slice(0, 3)).to.deep.equal([s.alice.address, s.bob.address, s.alice.address]);
    // The Ruled entry is appended when the ruling is executed (the stranger's call); its actor is the
    // panel that ruled, its data the panel's dispute id.
    expect(actors[3]).to.equal(await s.panel.getAddress());
    expect(bobEntries[4].data).to.equal(ethers.toBeHex(disputeId, 32));
    expect(bobEntries[1].data).to.equal(request.statementHash);
    expect(bobEntries[6].detailKind).to.equal(REMEDY.DAMAGES);
    expect(bobEntries[6].amount).to.equal(u(800));
    expect(bobEntries[7].detailKind).to.equal(REMEDY.LICENSE_SUSPENSION);
    expect((await s.history.clauseHead(CHARTER_ID, CONFIDENTIALITY)).count).to.equal(
      BigInt(claimSteps.length),
    );
    expect((await s.history.memberHead(s.bob.address)).count).to.equal(BigInt(claimSteps.length + 1));
    expect((await s.history.memberHead(s.alice.address)).count).to.equal(0n);
    // C3: the four pieces of evidence (Alice's with the claim, Bob's, Bob's answer, Alice's second)
    // are events, in order.
    const evidence = await s.disputes.queryFilter(s.disputes.filters.EvidenceSubmitted(claimId));
    expect(evidence.map((l) => l.args.party)).to.deep.equal([
      s.alice.address,
      s.bob.address,
      s.bob.address,
      s.alice.address,
    ]);

    // Counts an arbitrator reads first.
    const bob = await countsFromLog(s.history, s.bob.address);
    expect([bob.defaults, bob.against, bob.upheld, bob.penalties, bob.penaltiesPaid]).to.deep.equal([
      1n,
      1n,
      1n,
      2n,
      u(800),
    ]);
    const alice = await countsFromLog(s.history, s.alice.address);
    expect([alice.filed, alice.filedUpheld]).to.deep.equal([1n, 1n]);

    // C3, I7, I8.
    await expectHistoryAppendOnly(s.history, start);
    await expectHeadsMatchEvents(s.history);
    await expectBondsConsistent(s.treasury, [s.alice.address, s.bob.address], [claimId]);
  });
});
