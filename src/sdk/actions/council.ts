import type { CovenantClient, TxResult } from "../client";
import { proposalDetails, type GovernorContract } from "../governor";
import { scanStart } from "../claims";

/**
 * Council actions (F3): propose one call through the AllianceGovernor, vote with the signer's
 * seat, queue a succeeded proposal in the timelock and execute it after the delay. Each is
 * `(client, params) => result` over the client's send path.
 */

function governorOf(client: CovenantClient): GovernorContract {
  return client.governor() as unknown as GovernorContract;
}

/** Proposes `calldata` on `target` (no value) with `description`; returns the proposal id. */
export async function proposeCall(
  client: CovenantClient,
  p: { target: string; calldata: string; description: string },
): Promise<TxResult & { proposalId: bigint | undefined }> {
  const g = await client.writable(governorOf(client));
  const r = await client.send(g.propose, [[p.target], [0n], [p.calldata], p.description]);
  const ev = r.events.find((e) => e.name === "ProposalCreated");
  return { ...r, proposalId: ev ? (ev.args.proposalId as bigint) : undefined };
}

/** Votes on a proposal with the signer's seat (support: 0 against, 1 for, 2 abstain); returns the weight counted. */
export async function castVote(
  client: CovenantClient,
  p: { proposalId: bigint; support: number; reason?: string },
): Promise<TxResult & { weight: bigint | undefined }> {
  const g = await client.writable(governorOf(client));
  const r = await client.send(g.castVoteWithReason, [p.proposalId, p.support, p.reason ?? ""]);
  const ev = r.events.find((e) => e.name === "VoteCast");
  return { ...r, weight: ev ? (ev.args.weight as bigint) : undefined };
}

/**
 * Queues (`step` "queue") or executes ("execute") a proposal with the actions of its
 * `ProposalCreated` event, paying the sum of its values.
 */
export async function advanceProposal(
  client: CovenantClient,
  p: { proposalId: bigint; step: "queue" | "execute" },
): Promise<TxResult> {
  const governor = governorOf(client);
  const d = await proposalDetails(governor, p.proposalId, scanStart(client));
  const g = await client.writable(governor);
  const fn = g.getFunction(`${p.step}(address[],uint256[],bytes[],bytes32)`);
  const value = d.values.reduce((a, b) => a + b, 0n);
  const args = [d.targets, d.values, d.calldatas, d.descriptionHash, { value }];
  return client.send(
    {
      staticCall: (...a: unknown[]) => fn.staticCall(...a),
      estimateGas: (...a: unknown[]) => fn.estimateGas(...a),
      send: (...a: unknown[]) => fn.send(...a),
    },
    args,
  );
}
