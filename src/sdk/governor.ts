import { id, Interface, type BaseContract, type BigNumberish, type Log } from "ethers";
import type { TypedContractMethod } from "../../typechain-types/common";
import { inputError, PROPOSAL_STATE } from "./errors";

/**
 * The part of OpenZeppelin's Governor (with GovernorCountingSimple and, when present,
 * GovernorStorage) the SDK uses. `AllianceGovernor` is an OpenZeppelin Governor, so this typing holds
 * for it; the runtime ABI comes from its artifact (or OpenZeppelin's build before it is compiled).
 */
export interface GovernorContract extends BaseContract {
  name: TypedContractMethod<[], [string], "view">;
  CLOCK_MODE: TypedContractMethod<[], [string], "view">;
  state: TypedContractMethod<[proposalId: BigNumberish], [bigint], "view">;
  proposalSnapshot: TypedContractMethod<[proposalId: BigNumberish], [bigint], "view">;
  proposalDeadline: TypedContractMethod<[proposalId: BigNumberish], [bigint], "view">;
  proposalEta: TypedContractMethod<[proposalId: BigNumberish], [bigint], "view">;
  proposalProposer: TypedContractMethod<[proposalId: BigNumberish], [string], "view">;
  proposalNeedsQueuing: TypedContractMethod<[proposalId: BigNumberish], [boolean], "view">;
  proposalVotes: TypedContractMethod<
    [proposalId: BigNumberish],
    [[bigint, bigint, bigint] & { againstVotes: bigint; forVotes: bigint; abstainVotes: bigint }],
    "view"
  >;
  quorum: TypedContractMethod<[timepoint: BigNumberish], [bigint], "view">;
  hasVoted: TypedContractMethod<[proposalId: BigNumberish, account: string], [boolean], "view">;
  hashProposal: TypedContractMethod<
    [targets: string[], values: BigNumberish[], calldatas: string[], descriptionHash: string],
    [bigint],
    "view"
  >;
  propose: TypedContractMethod<
    [targets: string[], values: BigNumberish[], calldatas: string[], description: string],
    [bigint],
    "nonpayable"
  >;
  castVoteWithReason: TypedContractMethod<
    [proposalId: BigNumberish, support: BigNumberish, reason: string],
    [bigint],
    "nonpayable"
  >;
}

/** Vote values of GovernorCountingSimple. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type SupportWord = keyof typeof SUPPORT;

export function parseSupport(word: string): number {
  const w = word.toLowerCase() as SupportWord;
  if (!(w in SUPPORT)) throw inputError(`vote must be for, against or abstain, got "${word}"`);
  return SUPPORT[w];
}

export function proposalStateName(state: bigint | number): string {
  return PROPOSAL_STATE[Number(state)] ?? `Unknown(${state})`;
}

/** What `queue` and `execute` need to name a proposal. */
export interface ProposalDetails {
  proposalId: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
}

/** OpenZeppelin Governor's `ProposalCreated` event, as every Governor emits it. */
export const PROPOSAL_CREATED_ABI =
  "event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)";

const PROPOSAL_CREATED = new Interface([PROPOSAL_CREATED_ABI]);

/**
 * A proposal's actions and description, read from its `ProposalCreated` event (every OpenZeppelin
 * Governor emits it). Scans the governor's logs from `fromBlock` (default 0). Throws an input error
 * if no such proposal was created.
 */
export async function proposalDetails(
  governor: GovernorContract,
  proposalId: bigint,
  fromBlock: number = 0,
): Promise<ProposalDetails> {
  const provider = governor.runner?.provider;
  if (!provider) throw new Error("governor has no provider");
  const topic = PROPOSAL_CREATED.getEvent("ProposalCreated")!.topicHash;
  const logs: Log[] = await provider.getLogs({
    address: await governor.getAddress(),
    topics: [topic],
    fromBlock,
    toBlock: "latest",
  });
  for (const log of logs) {
    const p = PROPOSAL_CREATED.parseLog(log);
    if (!p || p.args.proposalId !== proposalId) continue;
    const description = p.args.description as string;
    return {
      proposalId,
      proposer: p.args.proposer as string,
      targets: [...(p.args.targets as string[])],
      values: [...(p.args[3] as bigint[])],
      calldatas: [...(p.args.calldatas as string[])],
      description,
      descriptionHash: id(description),
    };
  }
  throw inputError(`no proposal with id ${proposalId}`);
}

/** ERC-6372: whether the governor's timepoints are timestamps (else block numbers). */
export async function usesTimestamps(governor: GovernorContract): Promise<boolean> {
  try {
    return (await governor.CLOCK_MODE()).includes("mode=timestamp");
  } catch {
    return false;
  }
}

/** A timepoint as people read it: an ISO time for a timestamp clock, "block N" otherwise. */
export function renderTimepoint(t: bigint, timestamps: boolean): string {
  return timestamps ? new Date(Number(t) * 1000).toISOString() : `block ${t}`;
}

/** Parses a proposal id given on the command line (decimal or 0x-hex). */
export function parseProposalId(text: string): bigint {
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(text)) throw inputError(`proposal id must be a number, got "${text}"`);
  return BigInt(text);
}
