import { ErrorDescription, Interface, isHexString, type ErrorFragment, type InterfaceAbi } from "ethers";
import { openZeppelinAbis, projectAbis } from "./artifacts";

/**
 * Exit codes of the `covenant` CLI (and the `code` of every {@link CovenantError}).
 * - 1 CHECK: a check or verification ran and failed (e.g. a document does not match the chain).
 * - 2 INPUT: bad usage or input, or the chain refused the action in simulation (a decoded custom
 *   error); nothing was sent.
 * - 3 CHAIN: the chain could not be used: RPC unreachable, no suite on this chain id, no contract
 *   code where the address book says, a transaction that failed after it was sent.
 */
export enum ExitCode {
  OK = 0,
  CHECK = 1,
  INPUT = 2,
  CHAIN = 3,
}

/** A failure with a one-line, plain-English message meant for the user, and its exit code. */
export class CovenantError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = ExitCode.INPUT,
    readonly errorName?: string,
  ) {
    super(message);
    this.name = "CovenantError";
  }
}

export const inputError = (message: string): CovenantError => new CovenantError(message, ExitCode.INPUT);
export const chainError = (message: string): CovenantError => new CovenantError(message, ExitCode.CHAIN);
export const checkError = (message: string): CovenantError => new CovenantError(message, ExitCode.CHECK);

// ------------------------------------------------------------------ enums met in error arguments

export const MEMBER_STATUS = ["None", "Applicant", "Active", "Suspended", "Withdrawn", "Expelled"] as const;
export const MEMBER_KIND = [
  "Enterprise",
  "University",
  "ResearchInstitute",
  "Government",
  "Intermediary",
  "Financial",
  "Other",
] as const;
export const PROPOSAL_STATE = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
const TIMELOCK_STATE = ["Unset", "Waiting", "Ready", "Done"] as const;

/** Names of the bits set in `mask` (bit i = names[i]), joined with " or ". */
export function maskNames(mask: bigint, names: readonly string[]): string {
  const set = names.filter((_, i) => (mask >> BigInt(i)) & 1n);
  return set.length ? set.join(" or ") : "none";
}

function nameOf(names: readonly string[], v: unknown): string {
  const i = Number(v);
  return names[i] ?? String(v);
}

function when(ts: unknown): string {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString().replace(".000Z", "Z") : String(ts);
}

type Args = ErrorDescription["args"];

/** Plain-English messages for the custom errors users meet most. Others get a generic rendering. */
const MESSAGES: Record<string, (a: Args) => string> = {
  // OpenZeppelin access
  AccessManagedUnauthorized: (a) =>
    `account ${a[0]} is not allowed to do this (it lacks the AccessManager role)`,
  AccessManagerUnauthorizedAccount: (a) => `account ${a[0]} does not hold role ${a[1]}`,
  AccessManagerNotScheduled: () => "this operation was not scheduled in the AccessManager",
  AccessManagerNotReady: () => "this scheduled operation is not ready yet",
  // OpenZeppelin ERC-20
  ERC20InsufficientAllowance: (a) =>
    `insufficient allowance: ${a[0]} may spend ${a[1]} of your tokens but needs ${a[2]}; approve it first`,
  ERC20InsufficientBalance: (a) => `insufficient token balance: ${a[0]} has ${a[1]} but needs ${a[2]}`,
  ERC20InvalidReceiver: (a) => `invalid token receiver ${a[0]}`,
  ERC20InvalidSender: (a) => `invalid token sender ${a[0]}`,
  SafeERC20FailedOperation: (a) => `the token ${a[0]} refused the transfer`,
  // OpenZeppelin ERC-721 (seats)
  ERC721NonexistentToken: (a) => `no seat with id ${a[0]}`,
  // OpenZeppelin Governor
  GovernorNonexistentProposal: (a) => `no proposal with id ${a[0]}`,
  GovernorUnexpectedProposalState: (a) =>
    `proposal ${a[0]} is ${nameOf(PROPOSAL_STATE, a[1])}; this needs it to be ${maskNames(
      BigInt(a[2]),
      PROPOSAL_STATE,
    )}`,
  GovernorAlreadyCastVote: (a) => `${a[0]} has already voted on this proposal`,
  GovernorInvalidVoteType: () => "invalid vote: use for, against or abstain",
  GovernorInsufficientProposerVotes: (a) =>
    `${a[0]} has ${a[1]} votes; proposing needs at least ${a[2]} (a member's seat)`,
  GovernorRestrictedProposer: (a) => `${a[0]} may not make this proposal`,
  GovernorOnlyExecutor: (a) => `${a[0]} is not the governor's executor (the timelock)`,
  GovernorInvalidProposalLength: (a) =>
    `malformed proposal: ${a[0]} targets, ${a[1]} calldatas, ${a[2]} values`,
  GovernorAlreadyQueuedProposal: (a) => `proposal ${a[0]} is already queued`,
  GovernorNotQueuedProposal: (a) => `proposal ${a[0]} is not queued`,
  GovernorDisabledDeposit: () => "the governor does not accept deposits",
  GovernorQueueNotImplemented: () => "this governor has no queue step; execute directly",
  // OpenZeppelin TimelockController
  TimelockUnexpectedOperationState: (a) =>
    `timelock operation ${a[0]} is not ${maskNames(BigInt(a[1]), TIMELOCK_STATE)} yet`,
  TimelockInsufficientDelay: (a) => `timelock delay ${a[0]} is below the minimum ${a[1]}`,
  TimelockUnauthorizedCaller: (a) => `${a[0]} may not call the timelock directly`,
  // Membership
  MembershipZeroAddress: () => "the zero address is not allowed here",
  MembershipDuplicateEntity: (a) => `the legal entity ${a[0]} is already registered by ${a[1]}`,
  MembershipInvalidInput: (a) => `invalid ${a[0]}`,
  MembershipUnexpectedStatus: (a) =>
    `${a[0]} is ${nameOf(MEMBER_STATUS, a[1])}; this needs ${maskNames(BigInt(a[2]), MEMBER_STATUS)}`,
  MembershipCapReached: (a) => `the alliance is full (${a[0]} members at most)`,
  MembershipNoticePending: (a) => `${a[0]} may withdraw only after its notice period, from ${when(a[1])}`,
  MembershipSeatNotTransferable: () =>
    "seats are soulbound: they cannot be transferred, approved or delegated",
  MembershipNotConstituted: () => "the alliance is not constituted yet",
  MembershipNotAcceded: (a) => `${a[0]} has not acceded to the charter in force`,
  // Treasury
  TreasuryZeroAddress: () => "the zero address is not allowed here",
  TreasuryZeroAmount: () => "the amount must be above zero",
  TreasuryInsufficientLedger: (a) => `ledger ${a[0]} holds ${a[1]}, less than the ${a[2]} requested`,
  TreasuryNothingToWithdraw: (a) => `${a[0]} has nothing to withdraw`,
};

/** `Name(arg=value, ...)`, the generic rendering of a custom error without a message of its own. */
export function renderGeneric(d: ErrorDescription): string {
  const parts = d.fragment.inputs.map((p, i) => `${p.name || `arg${i}`}=${String(d.args[i])}`);
  return `${d.name}(${parts.join(", ")})`;
}

/** Plain words for a decoded custom error. */
export function describeError(d: ErrorDescription): string {
  const m = MESSAGES[d.name];
  if (m) {
    try {
      return m(d.args);
    } catch {
      return renderGeneric(d);
    }
  }
  if (d.name === "Error") return `reverted: ${String(d.args[0])}`;
  if (d.name === "Panic") return `the contract panicked (code ${String(d.args[0])})`;
  return renderGeneric(d);
}

let decoder: Interface | undefined;

/** One Interface holding every custom error of this project's artifacts and of OpenZeppelin's build. */
export function errorInterface(extra: InterfaceAbi[] = []): Interface {
  if (decoder && extra.length === 0) return decoder;
  const seen = new Map<string, ErrorFragment>();
  for (const abi of [...extra, ...projectAbis(), ...openZeppelinAbis()]) {
    let iface: Interface;
    try {
      iface = Interface.from(abi);
    } catch {
      continue;
    }
    iface.forEachError((f) => {
      if (!seen.has(f.selector)) seen.set(f.selector, f);
    });
  }
  const iface = new Interface([...seen.values()]);
  if (extra.length === 0) decoder = iface;
  return iface;
}

/** Decodes revert data into plain words; undefined if the data is empty or unknown. */
export function decodeRevert(data: string): string | undefined {
  if (!isHexString(data) || data.length < 10) return undefined;
  let d: ErrorDescription | null = null;
  try {
    d = errorInterface().parseError(data);
  } catch {
    d = null;
  }
  if (!d) return `unknown custom error ${data.slice(0, 10)}`;
  return describeError(d);
}

function revertName(data: string): string | undefined {
  try {
    return errorInterface().parseError(data)?.name;
  } catch {
    return undefined;
  }
}

/** Looks for revert data in the nested error objects of ethers and of the nodes (Hardhat, anvil). */
export function findRevertData(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 6) return undefined;
  const e = err as Record<string, unknown>;
  if (typeof e.data === "string" && isHexString(e.data) && e.data.length >= 10) return e.data;
  for (const k of ["data", "error", "info", "cause", "payload"]) {
    const found = findRevertData(e[k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}

/**
 * Turns anything thrown while talking to the chain into a {@link CovenantError} with one line of
 * plain words: custom errors decoded, network failures named, ethers' long messages shortened.
 */
export function explain(err: unknown, context?: { rpc?: string }): CovenantError {
  if (err instanceof CovenantError) return err;
  const e = (err ?? {}) as { code?: string; shortMessage?: string; message?: string; reason?: string };
  const data = findRevertData(err);
  if (data) {
    const words = decodeRevert(data);
    if (words) return new CovenantError(`the contract refused: ${words}`, ExitCode.INPUT, revertName(data));
  }
  switch (e.code) {
    case "CALL_EXCEPTION":
      if (e.reason) return inputError(`the contract refused: ${e.reason}`);
      return inputError("the contract refused the call without a reason");
    case "NETWORK_ERROR":
    case "TIMEOUT":
    case "SERVER_ERROR":
      return chainError(
        `cannot use the RPC${context?.rpc ? ` at ${context.rpc}` : ""}: ${e.shortMessage ?? e.code}`,
      );
    case "INSUFFICIENT_FUNDS":
      return chainError("the signer has not enough native coin to pay for gas");
    case "NONCE_EXPIRED":
    case "REPLACEMENT_UNDERPRICED":
      return chainError(`the transaction was not accepted: ${e.shortMessage ?? e.code}`);
    case "BAD_DATA":
      return chainError(
        "the contract returned no data: the address book may be stale (was the node restarted?) or the contract is older than this tool",
      );
    case "INVALID_ARGUMENT":
      return inputError(`invalid argument: ${e.shortMessage ?? "see --help"}`);
    case "ACTION_REJECTED":
      return inputError("the signer rejected the transaction");
    default:
      break;
  }
  const msg = e.shortMessage ?? e.message ?? String(err);
  const sys = (err as { code?: string }).code;
  if (sys === "ECONNREFUSED" || sys === "ENOTFOUND" || sys === "ECONNRESET") {
    return chainError(`cannot reach the RPC${context?.rpc ? ` at ${context.rpc}` : ""} (${sys})`);
  }
  return new CovenantError(firstLine(msg) || "unknown failure", ExitCode.CHAIN);
}
