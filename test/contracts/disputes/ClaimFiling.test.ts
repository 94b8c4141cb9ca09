import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  ANSWER,
  CHARTER_ID,
  CLAIM_BOND,
  CURE,
  DAY,
  charterParams,
  claimRequest,
  deploySuite,
  file,
  recordOf,
} from "./helpers";

// Filing reads the agreement registry once (`claimTermsOf`): the claim's bond and windows come from
// that read, and the agreement's ERC-1497 MetaEvidence comes with the dispute (`refer`), not the claim.

async function fixture() {
  const s = await deploySuite();
  await s.disputes.connect(s.council).setArbitrator(await s.outside.getAddress());
  return s;
}

async function timestampOf(tx: Promise<{ wait(): Promise<unknown> }>): Promise<bigint> {
  const rc = (await (await tx).wait()) as { blockNumber: number };
  return BigInt((await ethers.provider.getBlock(rc.blockNumber))!.timestamp);
}

describe("DisputeResolution filing terms", function () {
  it("takes the claim bond, cure and answer periods of the charter in force at filing", async function () {
    const s = await loadFixture(fixture);
    const at1 = await timestampOf(s.disputes.connect(s.alice).fileClaim(claimRequest(s.bob.address)));
    const r1 = await recordOf(s.disputes, await s.disputes.claimCount());
    expect([r1.bond, r1.cureEndsAt, r1.answerEndsAt]).to.deep.equal([
      CLAIM_BOND,
      at1 + BigInt(CURE),
      at1 + BigInt(CURE + ANSWER),
    ]);
    // The charter changes: the next claim follows it, the first keeps its record.
    await s.charter.setParams({
      ...charterParams(CLAIM_BOND + 1n),
      curePeriod: 3 * DAY,
      answerPeriod: 5 * DAY,
    });
    const at2 = await timestampOf(s.disputes.connect(s.bob).fileClaim(claimRequest(s.alice.address)));
    const r2 = await recordOf(s.disputes, await s.disputes.claimCount());
    expect([r2.bond, r2.cureEndsAt, r2.answerEndsAt]).to.deep.equal([
      CLAIM_BOND + 1n,
      at2 + BigInt(3 * DAY),
      at2 + BigInt(8 * DAY),
    ]);
    expect(await recordOf(s.disputes, r1.claimId)).to.deep.equal(r1);
  });

  it("emits no MetaEvidence at filing, and the agreement's URI as read at refer just before Dispute (ERC-1497)", async function () {
    const s = await loadFixture(fixture);
    await s.charter.setUri(CHARTER_ID, "ipfs://charter-v1");
    const id = await file(s.disputes, s.alice, claimRequest(s.bob.address));
    const filed = await s.disputes.queryFilter(s.disputes.filters.MetaEvidence());
    expect(filed).to.deep.equal([]);
    await s.charter.setUri(CHARTER_ID, "ipfs://charter-v1-mirror");
    const r = await recordOf(s.disputes, id);
    await time.increaseTo(r.answerEndsAt + 1n);
    const tx = await s.disputes.connect(s.bob).refer(r);
    const disputes = await s.disputes.getAddress();
    const logs = (await tx.wait())!.logs.filter((l) => l.address === disputes);
    const parsed = logs.map((l) => s.disputes.interface.parseLog(l)!);
    const at = parsed.findIndex((p) => p.name === "MetaEvidence");
    expect(at).to.be.greaterThanOrEqual(0);
    expect(parsed[at].args.toArray()).to.deep.equal([CHARTER_ID, "ipfs://charter-v1-mirror"]);
    expect(parsed[at + 1].name).to.equal("Dispute");
    expect(parsed[at + 1].args._metaEvidenceID).to.equal(CHARTER_ID);
    expect(parsed.filter((p) => p.name === "MetaEvidence")).to.have.length(1);
  });
});
