import { ethers } from "hardhat";
import type { PanelArbitrator } from "../../typechain-types";
import type { PanelPartiesStruct } from "../../typechain-types/contracts/disputes/PanelArbitrator";

/**
 * Dispute `disputeId`'s parties as its `DisputeParties` event gives them (storage keeps a hash); zero
 * values for a dispute without the event (the contract refuses an unknown dispute before the hash).
 */
export async function partiesOf(panel: PanelArbitrator, disputeId: bigint): Promise<PanelPartiesStruct> {
  const logs = await panel.queryFilter(panel.filters.DisputeParties(disputeId));
  if (logs.length > 1) throw new Error(`${logs.length} DisputeParties logs of dispute ${disputeId}`);
  if (logs.length === 0)
    return { claimant: ethers.ZeroAddress, respondent: ethers.ZeroAddress, votingPeriod: 0, panelSize: 0 };
  const a = logs[0].args;
  return {
    claimant: a.claimant,
    respondent: a.respondent,
    votingPeriod: a.votingPeriod,
    panelSize: a.panelSize,
  };
}

/** Dispute `disputeId`'s latest panel as its latest `PanelAppointed` event gives it (empty before one). */
export async function sittingOf(panel: PanelArbitrator, disputeId: bigint): Promise<string[]> {
  const logs = await panel.queryFilter(panel.filters.PanelAppointed(disputeId));
  return logs.length ? [...logs[logs.length - 1].args.panel] : [];
}

/** The record the panel keeps: keccak256(abi.encode(parties, panel)). */
export function recordOf(p: PanelPartiesStruct, panel: string[]): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["tuple(address,address,uint32,uint16)", "address[]"],
      [[p.claimant, p.respondent, p.votingPeriod, p.panelSize], panel],
    ),
  );
}

/** `panel` (connected to the appointer) appoints `list`, the parties and sitting panel read from events. */
export async function appoint(panel: PanelArbitrator, disputeId: bigint, list: string[]) {
  const [parties, sitting] = await Promise.all([partiesOf(panel, disputeId), sittingOf(panel, disputeId)]);
  return panel.appointPanel(disputeId, parties, sitting, list);
}

/** `panel` (connected to the panellist) votes, the parties read from their event. */
export async function castVote(
  panel: PanelArbitrator,
  disputeId: bigint,
  list: string[],
  choice: number | bigint,
  reasonsHash: string,
) {
  return panel.vote(disputeId, await partiesOf(panel, disputeId), list, choice, reasonsHash);
}
