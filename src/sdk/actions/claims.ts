import { AbiCoder, Contract } from "ethers";
import type { ClaimRequestStruct } from "../../../typechain-types/contracts/disputes/DisputeResolution";
import type { CovenantClient, TxResult } from "../client";
import { explain, inputError } from "../errors";
import { claimFacts, claimState, panelRecord, type ClaimFacts } from "../claims";
import { formatAmount, isoTime } from "../money";
import { approveIfShort, type Approval } from "./token";

/**
 * Claim actions (F5, P2): filing a breach claim with its bond, answering, evidence, referral,
 * the built-in panel's appointment and votes, executing a ruling, lifting a suspension and
 * closing an unruled claim. Each is `(client, params) => result` over the client's send path.
 * Every call about a filed claim supplies its record back (`ClaimFiled`), which the contract checks
 * against the hash it keeps: each action reads the record (with the dispute and what is owed,
 * {@link claimFacts}) and the send path simulates the call first, so a record the contract refuses
 * (`DisputeResolutionRecordMismatch`) sends nothing.
 */

export interface FileClaimResult extends TxResult {
  claimId: bigint | null;
  /** The claim bond, approved to the Treasury first when the allowance was short. */
  bond: bigint;
  approval: Approval | null;
}

/**
 * Files a claim with exactly the charter's claim bond. When the allowance is short, the claim's
 * own checks are simulated first (so a claim the contract refuses approves nothing), then the bond
 * is approved to the Treasury, then the claim is sent.
 */
export async function fileClaim(
  client: CovenantClient,
  request: ClaimRequestStruct,
): Promise<FileClaimResult> {
  const bond = (await client.agreements().charterParams()).claimBond;
  const treasury = client.address("Treasury");
  const dr = await client.writable(client.disputes());
  const approval = await approveIfShort(client, {
    spender: treasury,
    amount: bond,
    purpose: "the claim bond",
    wording: {
      balanceShort: (need, have, owner) => `the claim bond is ${need} but ${owner} holds only ${have}`,
    },
    beforeApprove: async () => {
      try {
        await dr.fileClaim.staticCall(request);
      } catch (e) {
        const err = explain(e, { rpc: client.rpcUrl });
        // only a short allowance is expected here
        if (!/allowance/i.test(err.message)) throw err;
      }
    },
  });
  const r = await client.send(dr.fileClaim, [request]);
  const ev = r.events.find((e) => e.name === "ClaimFiled");
  return {
    ...r,
    claimId: ev ? BigInt(ev.args.claimId as bigint) : null,
    bond,
    approval: approval.tx ? approval : null,
  };
}

/** Words of an approval for a note: "approved 50.0 tCNY ... ". */
export function approvalAmount(a: Approval): string {
  return a.token ? formatAmount(a.amount, a.token) : a.amount.toString();
}

/** The respondent's answer, or a party's evidence: a document recorded by its SHA-256 and URI. */
export async function recordClaimDocument(
  client: CovenantClient,
  p: { claimId: bigint; kind: "answer" | "evidence"; hash: string; uri: string },
): Promise<TxResult> {
  const { record } = await claimFacts(client, p.claimId);
  const dr = await client.writable(client.disputes());
  return p.kind === "answer"
    ? client.send(dr.answer, [record, p.hash, p.uri])
    : client.send(dr.submitEvidence, [record, p.hash, p.uri]);
}

/** Refers a claim to its arbitrator, paying the arbitrator's fee (0 for the built-in panel). */
export async function referClaim(
  client: CovenantClient,
  p: { claimId: bigint },
): Promise<TxResult & { arbitrator: string; disputeId: string; fee: bigint }> {
  const dr0 = client.disputes();
  const { record: c } = await claimFacts(client, p.claimId);
  const extra = AbiCoder.defaultAbiCoder().encode(["address", "address"], [c.claimant, c.respondent]);
  const arb = new Contract(
    c.arbitrator,
    ["function arbitrationCost(bytes) view returns (uint256)"],
    client.provider,
  );
  let fee = 0n;
  try {
    fee = (await arb.arbitrationCost(extra)) as bigint;
  } catch {
    fee = 0n;
  }
  const dr = await client.writable(dr0);
  const r = await client.send(dr.refer, [c, { value: fee }]);
  const ev = r.events.find((e) => e.name === "ClaimReferred");
  return { ...r, arbitrator: c.arbitrator, disputeId: ev ? String(ev.args.disputeId) : "?", fee };
}

/** The PanelArbitrator dispute of claim `id`; an input error when it was not referred to the built-in panel. */
export async function panelDisputeOf(client: CovenantClient, id: bigint): Promise<bigint> {
  const f = await claimFacts(client, id);
  const { status } = await claimState(client, f);
  if (!["Arbitration", "Ruled", "Executed", "Dismissed"].includes(status) || f.disputeId === null)
    throw inputError(`claim ${id} has not been referred to arbitration`);
  await client.requireDeployed("PanelArbitrator");
  if (f.record.arbitrator !== client.address("PanelArbitrator"))
    throw inputError(
      `claim ${id} is before the outside arbitrator ${f.record.arbitrator}, not the alliance's panel`,
    );
  return f.disputeId;
}

/**
 * The secretariat appoints the panel of a claim referred to the built-in PanelArbitrator. The
 * dispute's parties and latest panel, which the appointment supplies back to the contract, are read
 * from their events and checked against the record on chain.
 */
export async function appointPanel(
  client: CovenantClient,
  p: { claimId: bigint; experts: string[] },
): Promise<TxResult & { disputeId: bigint }> {
  const disputeId = await panelDisputeOf(client, p.claimId);
  const r = await panelRecord(client, client.panel(), disputeId);
  const panel = await client.writable(client.panel());
  return {
    ...(await client.send(panel.appointPanel, [disputeId, r.parties, r.latest, p.experts])),
    disputeId,
  };
}

/**
 * A panellist votes (1 upheld, 2 rejected) with the SHA-256 of its reasons. The dispute's parties
 * and the round's panel, which the vote supplies back to the contract, are read from their
 * `DisputeParties` and `PanelAppointed` events and checked against the record on chain.
 */
export async function panelVote(
  client: CovenantClient,
  p: { claimId: bigint; choice: number; reasonsHash: string },
): Promise<TxResult & { disputeId: bigint }> {
  const disputeId = await panelDisputeOf(client, p.claimId);
  const r = await panelRecord(client, client.panel(), disputeId);
  const panel = await client.writable(client.panel());
  return {
    ...(await client.send(panel.vote, [disputeId, r.parties, r.latest, p.choice, p.reasonsHash])),
    disputeId,
  };
}

/** One step of {@link executeClaim}. */
export interface ClaimStep {
  step: string;
  tx: string;
  block: number;
}

/**
 * Once the panel's ruling on claim `claimId` is final (its appeal window passed, or the appeal
 * panel's vote ended) it is given to the claim (anyone). The panel's vote ends by time, or with its
 * last vote: nobody closes it.
 */
export async function deliverPanelRuling(client: CovenantClient, p: { claimId: bigint }): Promise<TxResult> {
  const disputeId = await panelDisputeOf(client, p.claimId);
  const panel = await client.writable(client.panel());
  return client.send(panel.executeRuling, [disputeId]);
}

/**
 * A ruled claim's remedies are applied (anyone): bond slashed, licence or membership acted on; the
 * history's `Ruled` entry is appended by this call. `facts`: the claim's, when already read.
 */
export async function applyRuling(
  client: CovenantClient,
  p: { claimId: bigint },
  facts?: ClaimFacts,
): Promise<TxResult> {
  const f = facts ?? (await claimFacts(client, p.claimId));
  const dr = await client.writable(client.disputes());
  // a claim never referred has no dispute: the contract refuses it by its status first
  return client.send(dr.executeRuling, [f.record, f.disputeId ?? 0n]);
}

/**
 * Moves a claim on as far as it is due (anyone may): passes the built-in panel's ruling on once it
 * is final (after the appeal window, or the appeal panel's vote), applies the ruling. With nothing
 * due, the contract's own refusal of `executeRuling` says why (simulated only: nothing is sent); a
 * panel still voting, or whose appeal window is still open, is an input error naming its end.
 */
export async function executeClaim(client: CovenantClient, p: { claimId: bigint }): Promise<ClaimStep[]> {
  const id = p.claimId;
  const steps: ClaimStep[] = [];
  const step = (name: string, r: TxResult) => steps.push({ step: name, tx: r.hash, block: r.blockNumber });
  let f = await claimFacts(client, id);
  let { status } = await claimState(client, f);
  const usesPanel =
    client.has("PanelArbitrator") && f.record.arbitrator === client.address("PanelArbitrator");
  if (status === "Arbitration" && usesPanel && f.disputeId !== null) {
    // Voting -> Appealable (first round) or Final (appeal round) follows from the time: a vote whose
    // end is the latest block's time is over for the next transaction.
    const d = await client.panel().disputeOf(f.disputeId);
    const now = BigInt((await client.provider.getBlock("latest"))?.timestamp ?? 0);
    let phase = Number(d.phase);
    if (phase === 2 && now < d.votingEndsAt)
      throw inputError(
        `claim ${id}: the panel votes until ${isoTime(d.votingEndsAt)} (or until every panellist voted)`,
      );
    if (phase === 2) phase = d.round === 0n ? 3 : 5;
    if (phase === 3 && now <= d.appealEndsAt)
      throw inputError(
        `claim ${id}: the panel ruled ${["refused", "upheld", "rejected"][Number(d.ruling)]}; its appeal window is open until ${isoTime(d.appealEndsAt)}`,
      );
    if (phase === 3 || phase === 5)
      step("panel ruling given to the claim", await deliverPanelRuling(client, p));
    f = await claimFacts(client, id);
    ({ status } = await claimState(client, f));
  }
  // Ruled: the arbitrator's ruling waits with the dispute (`ClaimRuled`) until it is applied
  if (status === "Ruled") step("ruling applied", await applyRuling(client, p, f));
  // let the contract say why nothing is due (its refusal comes from the simulation: nothing is sent)
  if (steps.length === 0) await applyRuling(client, p, f);
  return steps;
}

/** What claim `claimPayout` paid: the amount and its payee (the claimant), with the transaction. */
export interface ClaimPayoutResult extends TxResult {
  amount: bigint;
  payee: string;
}

/**
 * Pulls an executed claim's money (anyone may; always paid to its claimant): the claim bond back and
 * the slash of its upheld ruling, held in the Treasury since `executeRuling` (payouts are pulled, M1).
 * A second pull, or a claim that owes nothing, is refused by the contract (`DisputeResolutionNothingOwed`).
 */
export async function claimPayout(
  client: CovenantClient,
  p: { claimId: bigint },
): Promise<ClaimPayoutResult> {
  const f = await claimFacts(client, p.claimId);
  const dr = await client.writable(client.disputes());
  const r = await client.send(dr.claimPayout, [f.record, f.owed]);
  return { ...r, amount: f.owed, payee: f.record.claimant };
}

/** The claimant of an executed claim lifts the licence suspension its ruling applied (a waiver; M9). */
export async function liftSuspension(
  client: CovenantClient,
  p: { claimId: bigint; waiverHash: string },
): Promise<TxResult> {
  const f = await claimFacts(client, p.claimId);
  const dr = await client.writable(client.disputes());
  return client.send(dr.liftSuspension, [f.record, f.owed, p.waiverHash]);
}

/** A party closes a claim left without a ruling past its deadline; the claim bond goes back to the claimant. */
export async function closeUnresolved(client: CovenantClient, p: { claimId: bigint }): Promise<TxResult> {
  const f = await claimFacts(client, p.claimId);
  const dr = await client.writable(client.disputes());
  // a claim never referred has no dispute: the contract refuses it by its status first
  return client.send(dr.closeUnresolved, [f.record, f.disputeId ?? 0n]);
}
