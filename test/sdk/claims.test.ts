import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, type Eip1193Provider, type Signer } from "ethers";
import { createClient, type CovenantClient } from "../../src/sdk/client";
import { CovenantError } from "../../src/sdk/errors";
import { claimFacts, claimView, listClaims } from "../../src/sdk/claims";
import {
  claimPayout,
  closeUnresolved,
  executeClaim,
  recordClaimDocument,
  referClaim,
} from "../../src/sdk/actions/claims";
import {
  CONTRIBUTION,
  claimRequest,
  deploySuite,
  file,
  owedOf,
  recordOf,
  RULING,
  sha,
  u,
  REMEDY,
  type Suite,
} from "../contracts/disputes/helpers";

/** A log as a node answers `eth_getLogs`. */
interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
}

/** Bob is the respondent of Alice's claim 1 (damages 300 under the charter's confidentiality clause). */
async function fixture() {
  const s = await deploySuite();
  await file(s.disputes, s.alice, claimRequest(s.bob.address));
  return s;
}

/**
 * An SDK client on the in-process chain signing as `as`, whose node may rewrite its `eth_getLogs`
 * answers (`tamper`), and a count of the transactions sent through it.
 */
async function clientOf(
  s: Suite,
  as: Signer,
  tamper: (logs: RpcLog[]) => RpcLog[] = (l) => l,
): Promise<{ client: CovenantClient; sent: () => number }> {
  let sent = 0;
  const node: Eip1193Provider = {
    request: async (args) => {
      if (args.method === "eth_sendTransaction" || args.method === "eth_sendRawTransaction") sent += 1;
      const r: unknown = await hre.network.provider.request(args);
      return args.method === "eth_getLogs" ? tamper(r as RpcLog[]) : r;
    },
  };
  const provider = new BrowserProvider(node, undefined, { cacheTimeout: -1 });
  const client = createClient({
    runner: provider,
    signer: await provider.getSigner(await as.getAddress()),
    book: {
      chainId: 31337,
      contracts: {
        DisputeResolution: await s.disputes.getAddress(),
        PanelArbitrator: await s.panel.getAddress(),
      },
      deployedAt: "",
    },
  });
  return { client, sent: () => sent };
}

/**
 * A node that rewrites one word of the record in claim `claimId`'s `ClaimFiled` log (word 11 of the
 * record: the damages asked), as a node that alters the record would.
 */
function alterDamages(s: Suite, claimId: bigint): (logs: RpcLog[]) => RpcLog[] {
  const filedTopic = s.disputes.interface.getEvent("ClaimFiled").topicHash;
  const idTopic = "0x" + claimId.toString(16).padStart(64, "0");
  return (logs) =>
    logs.map((l) => {
      if (l.topics[0] !== filedTopic || l.topics[1] !== idTopic) return l;
      const at = 2 + 11 * 64;
      const damages = BigInt("0x" + l.data.slice(at, at + 64));
      const altered = (damages + 1n).toString(16).padStart(64, "0");
      return { ...l, data: l.data.slice(0, at) + altered + l.data.slice(at + 64) };
    });
}

describe("sdk/claims: a claim's record read from its ClaimFiled event, checked by the contract", function () {
  it("reads the record from ClaimFiled and the state from claimStateOf at the same block", async function () {
    const s = await loadFixture(fixture);
    const { client } = await clientOf(s, s.alice);
    const f = await claimFacts(client, 1n);
    expect(f.record).to.deep.equal(await recordOf(s.disputes, 1n));
    expect(f.agreementVersion).to.equal(1);
    expect(f.statementURI).to.equal("ipfs://statement");
    expect(f.disputeId).to.equal(null);
    expect(f.ruled).to.equal(null);
    expect(f.owed).to.equal(0n);
    const v = await claimView(client, 1n);
    expect(v).to.include({
      id: "1",
      status: "Filed",
      damages: u(300).toString(),
      bond: f.record.bond.toString(),
    });
    expect(v.filedAt).to.equal((await hre.ethers.provider.getBlock(f.filedBlock))!.timestamp);
    await expect(claimFacts(client, 2n)).to.be.rejectedWith(/no claim 2 \(there are 1\)/);
  });

  it("an action through a node that alters the ClaimFiled record fails with the contract's mismatch; nothing is sent", async function () {
    const s = await loadFixture(fixture);
    const altered = await clientOf(s, s.bob, alterDamages(s, 1n));
    const before = await hre.ethers.provider.getBlockNumber();
    const refused = await recordClaimDocument(altered.client, {
      claimId: 1n,
      kind: "answer",
      hash: sha("answer"),
      uri: "ipfs://answer",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(CovenantError);
    const err = refused as CovenantError;
    expect(err.kind).to.equal("refused");
    expect(err.errorName).to.equal("DisputeResolutionRecordMismatch");
    expect(err.message).to.match(
      /^the contract refused: the record supplied for claim 1 is not the one filed/,
    );
    expect(altered.sent()).to.equal(0);
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(before);
    // The views refuse it the same way instead of showing the altered damages.
    await expect(claimView(altered.client, 1n)).to.be.rejectedWith(
      /the record supplied for claim 1 is not the one filed/,
    );
    await expect(listClaims(altered.client)).to.be.rejectedWith(
      /the record supplied for claim 1 is not the one filed/,
    );
    // The same action through an honest node is sent.
    const honest = await clientOf(s, s.bob);
    await recordClaimDocument(honest.client, {
      claimId: 1n,
      kind: "answer",
      hash: sha("answer"),
      uri: "ipfs://answer",
    });
    expect(honest.sent()).to.equal(1);
    expect((await claimView(honest.client, 1n)).status).to.equal("Answered");
  });

  it("a node that hides the ClaimFiled log of a filed claim is a check error", async function () {
    const s = await loadFixture(fixture);
    const filedTopic = s.disputes.interface.getEvent("ClaimFiled").topicHash;
    const { client, sent } = await clientOf(s, s.bob, (logs) =>
      logs.filter((l) => l.topics[0] !== filedTopic),
    );
    const refused = await claimView(client, 1n).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(CovenantError);
    expect((refused as CovenantError).kind).to.equal("check");
    expect((refused as CovenantError).message).to.equal("the node has 0 ClaimFiled logs of claim 1, not one");
    await expect(
      recordClaimDocument(client, { claimId: 1n, kind: "answer", hash: sha("answer"), uri: "ipfs://answer" }),
    ).to.be.rejectedWith(/the node has 0 ClaimFiled logs of claim 1, not one/);
    expect(sent()).to.equal(0);
  });

  it("a closed claim whose word a new claim on the same four replaced is shown from its closing events (C1)", async function () {
    const s = await loadFixture(fixture);
    const req = claimRequest(s.bob.address, {
      clauseId: CONTRIBUTION,
      damages: u(100),
      remedies: REMEDY.DAMAGES,
    });
    await file(s.disputes, s.alice, req);
    const { client } = await clientOf(s, s.alice);
    const rec = await recordOf(s.disputes, 2n);
    await s.disputes.connect(s.alice).withdrawClaim(rec);
    expect((await claimView(client, 2n)).status).to.equal("Withdrawn");
    // The same claimant, respondent, agreement and clause file again: claim 2's word is claim 3's now.
    await file(s.disputes, s.alice, req);
    await expect(s.disputes.claimStateOf(rec, 0n))
      .to.be.revertedWithCustomError(s.disputes, "DisputeResolutionRecordMismatch")
      .withArgs(2n);
    const old = await claimView(client, 2n);
    expect(old).to.include({ id: "2", status: "Withdrawn", paid: "0", disputeId: "", ruling: "" });
    expect((await claimView(client, 3n)).status).to.equal("Filed");
    expect((await listClaims(client)).map((c) => c.status)).to.deep.equal(["Filed", "Withdrawn", "Filed"]);
    // An action on the replaced claim is the contract's refusal (simulated: nothing is sent).
    await expect(closeUnresolved(client, { claimId: 2n })).to.be.rejectedWith(
      /the record supplied for claim 2 is not the one filed/,
    );
  });
  it("shows Ruled once the arbitrator ruled (ClaimRuled) while the contract keeps the claim in Arbitration; then Executed with what it owes", async function () {
    const s = await loadFixture(fixture);
    await s.disputes.connect(s.council).setArbitrator(await s.outside.getAddress());
    const id = await file(
      s.disputes,
      s.alice,
      claimRequest(s.bob.address, { clauseId: CONTRIBUTION, damages: u(100) }),
    );
    const { client } = await clientOf(s, s.alice);
    const rec = await recordOf(s.disputes, id);
    await time.increaseTo(rec.answerEndsAt + 1n);
    const referred = await referClaim(client, { claimId: id });
    const disputeId = BigInt(referred.disputeId);
    let v = await claimView(client, id);
    expect(v).to.include({ status: "Arbitration", disputeId: disputeId.toString(), ruling: "" });
    await s.outside.giveRuling(disputeId, RULING.UPHELD);
    const [, end] = await s.outside.appealPeriod(disputeId);
    await time.increaseTo(end + 1n);
    await s.outside.executeRuling(disputeId);
    expect((await s.disputes.claimStateOf(rec, 0n)).status).to.equal(3n); // Arbitration
    v = await claimView(client, id);
    expect(v).to.include({ status: "Ruled", ruling: "upheld (1)", bond: rec.bond.toString() });
    const steps = await executeClaim(client, { claimId: id });
    expect(steps.map((x) => x.step)).to.deep.equal(["ruling applied"]);
    const owed = await owedOf(s.disputes, id);
    expect(owed).to.equal(rec.bond + u(100));
    v = await claimView(client, id);
    expect(v).to.include({ status: "Executed", ruling: "upheld (1)", bond: owed.toString() });
    const paid = await claimPayout(client, { claimId: id });
    expect(paid.amount).to.equal(owed);
    expect(paid.payee).to.equal(s.alice.address);
    expect((await claimView(client, id)).bond).to.equal("0");
  });
});
