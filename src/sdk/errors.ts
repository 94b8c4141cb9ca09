import { ErrorDescription, getAddress, Interface, isHexString } from "ethers";
import { ENUMS, MemberKind, MemberStatus, OperationState, ProposalState } from "./generated/enums";
import { OPENZEPPELIN_ERRORS, PROJECT_ERRORS, type ErrorSpec } from "./generated/errors";

/**
 * What went wrong, in kinds a caller can act on (the CLI maps each to an exit code, docs/cli.md):
 * - `check`: a check ran and failed (a document does not match the chain);
 * - `input`: bad usage or input, an unknown id included; nothing was sent;
 * - `chain`: the chain or its RPC could not be used (unreachable, wrong chain, no suite, a dropped
 *   or replaced transaction);
 * - `refused`: the contract refused: in simulation (nothing sent) or a sent transaction that
 *   reverted (`txHash` set);
 * - `internal`: a bug; never reported as a chain problem.
 */
export type ErrorKind = "check" | "input" | "chain" | "refused" | "internal";

/**
 * A failure with one plain line for people (`shortMessage`, also `message`), optional `details`
 * (what the node or library said), the `cause` it wraps, and its {@link ErrorKind}; on the model of
 * viem's `BaseError`. A contract refusal carries the custom error's name and named arguments.
 */
export class CovenantError extends Error {
  readonly shortMessage: string;
  readonly details?: string;
  readonly kind: ErrorKind;
  /** The decoded custom error of a refusal. */
  readonly errorName?: string;
  readonly errorArgs?: Record<string, unknown>;
  /** The hash of a sent transaction this error is about (a revert after sending). */
  readonly txHash?: string;

  constructor(
    shortMessage: string,
    opts: {
      kind?: ErrorKind;
      details?: string;
      cause?: unknown;
      errorName?: string;
      errorArgs?: Record<string, unknown>;
      txHash?: string;
    } = {},
  ) {
    super(shortMessage, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "CovenantError";
    this.shortMessage = shortMessage;
    this.kind = opts.kind ?? "input";
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.errorName !== undefined) this.errorName = opts.errorName;
    if (opts.errorArgs !== undefined) this.errorArgs = opts.errorArgs;
    if (opts.txHash !== undefined) this.txHash = opts.txHash;
  }
}

export const inputError = (message: string, cause?: unknown): CovenantError =>
  new CovenantError(message, { kind: "input", cause });
export const chainError = (message: string, cause?: unknown): CovenantError =>
  new CovenantError(message, { kind: "chain", cause });
export const checkError = (message: string): CovenantError => new CovenantError(message, { kind: "check" });
export const refusedError = (message: string, cause?: unknown): CovenantError =>
  new CovenantError(message, { kind: "refused", cause });
export const internalError = (message: string, cause?: unknown): CovenantError =>
  new CovenantError(message, { kind: "internal", cause });

// ------------------------------------------------------------------ enums met in error arguments
// Generated from the solc AST (src/sdk/generated/enums.ts); these names are kept for callers.

export const MEMBER_STATUS = MemberStatus;
export const MEMBER_KIND = MemberKind;
export const PROPOSAL_STATE = ProposalState;

/** Names of the bits set in `mask` (bit i = names[i]), joined with " or ". */
export function maskNames(mask: bigint, names: readonly string[]): string {
  const set = names.filter((_, i) => (mask >> BigInt(i)) & 1n);
  return set.length ? set.join(" or ") : "none";
}

function nameOf(names: readonly string[], v: unknown): string {
  const i = Number(v);
  return names[i] ?? String(v);
}

/** A Unix time in seconds as ISO 8601 (UTC, no milliseconds). */
function when(ts: unknown): string {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000).toISOString().replace(".000Z", "Z") : String(ts);
}

type Args = ErrorDescription["args"];

/**
 * Sentences for the OpenZeppelin errors users meet most (their NatSpec is written for developers).
 * Every error of this project's contracts is worded from its own NatSpec (generated table).
 */
const OPENZEPPELIN_MESSAGES: Record<string, (a: Args) => string> = {
  AccessManagedUnauthorized: (a) =>
    `account ${a[0]} is not allowed to do this (it lacks the AccessManager role)`,
  AccessManagerUnauthorizedAccount: (a) => `account ${a[0]} does not hold role ${a[1]}`,
  AccessManagerNotScheduled: () => "this operation was not scheduled in the AccessManager",
  AccessManagerNotReady: () => "this scheduled operation is not ready yet",
  ERC20InsufficientAllowance: (a) =>
    `insufficient allowance: ${a[0]} may spend ${a[1]} of your tokens but needs ${a[2]}; approve it first`,
  ERC20InsufficientBalance: (a) => `insufficient token balance: ${a[0]} has ${a[1]} but needs ${a[2]}`,
  ERC20InvalidReceiver: (a) => `invalid token receiver ${a[0]}`,
  ERC20InvalidSender: (a) => `invalid token sender ${a[0]}`,
  SafeERC20FailedOperation: (a) => `the token ${a[0]} refused the transfer`,
  ERC721NonexistentToken: (a) => `no seat with id ${a[0]}`,
  GovernorNonexistentProposal: (a) => `no proposal with id ${a[0]}`,
  GovernorUnexpectedProposalState: (a) =>
    `proposal ${a[0]} is ${nameOf(ProposalState, a[1])}; this needs it to be ${maskNames(
      BigInt(a[2]),
      ProposalState,
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
  TimelockUnexpectedOperationState: (a) =>
    `timelock operation ${a[0]} is not ${maskNames(BigInt(a[1]), OperationState)} yet`,
  TimelockInsufficientDelay: (a) => `timelock delay ${a[0]} is below the minimum ${a[1]}`,
  TimelockUnauthorizedCaller: (a) => `${a[0]} may not call the timelock directly`,
};

/** `Name(arg=value, ...)`, the rendering of a custom error without a message. */
export function renderGeneric(d: ErrorDescription): string {
  const parts = d.fragment.inputs.map((p, i) => `${p.name || `arg${i}`}=${String(d.args[i])}`);
  return `${d.name}(${parts.join(", ")})`;
}

/** Parameter names that hold a Unix time (rendered as ISO 8601). */
const TIME_PARAM =
  /^(earliest|latest|deadline|until|notBefore|notAfter|now|at|time|.*(At|After|Before|Time|Deadline|Until|Ends|End|Start))$/;

/** One argument value in words: enum members by name, bit masks as "A or B", times as ISO 8601. */
export function renderArg(p: ErrorSpec["params"][number], value: unknown): string {
  if (p.enum && p.enum in ENUMS) return nameOf(ENUMS[p.enum as keyof typeof ENUMS], value);
  if (p.maskOf && p.maskOf in ENUMS)
    return maskNames(BigInt(value as bigint), ENUMS[p.maskOf as keyof typeof ENUMS]);
  if (p.type === "address" && typeof value === "string") return getAddress(value);
  if (p.type.startsWith("uint") && TIME_PARAM.test(p.name)) {
    const n = Number(value);
    if (n > 1_000_000_000 && n < 100_000_000_000) return when(value);
  }
  if (p.type === "string") return JSON.stringify(value);
  return String(value);
}

/**
 * A custom error of this project in words, from its NatSpec: parameters named in backticks are
 * replaced by their values, the others follow in parentheses, e.g. "the withdrawal notice period
 * has not run out yet (member 0x…, earliest 2027-01-02T00:00:00Z)". Undefined without a message.
 */
export function wordError(spec: ErrorSpec, args: ArrayLike<unknown>): string | undefined {
  if (!spec.message) return undefined;
  const names = spec.params.map((p) => p.name);
  const used = new Set<string>();
  let text = spec.message
    .replace(/\s*\(bit i = \w+\(i\)\)/g, "")
    .replace(/`([^`]+)`/g, (_m, word: string) => {
      const i = names.indexOf(word);
      if (i < 0) return word;
      used.add(word);
      return renderArg(spec.params[i], args[i]);
    })
    .trim()
    .replace(/\.$/, "");
  // a sentence starting with a plain word reads on after "the contract refused: "
  if (/^[A-Z]([a-z]|\s)/.test(text) && !used.has(text.split(/\W/)[0]))
    text = text[0].toLowerCase() + text.slice(1);
  const rest = spec.params
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.name && !used.has(p.name))
    .map(({ p, i }) => `${p.name} ${renderArg(p, args[i])}`);
  return rest.length ? `${text} (${rest.join(", ")})` : text;
}

/** Plain words for a decoded custom error. */
export function describeError(d: ErrorDescription): string {
  try {
    const own = PROJECT_ERRORS[d.name];
    if (own) return wordError(own, d.args) ?? renderGeneric(d);
    const oz = OPENZEPPELIN_MESSAGES[d.name];
    if (oz) return oz(d.args);
  } catch {
    return renderGeneric(d);
  }
  if (d.name === "Error") return `reverted: ${String(d.args[0])}`;
  if (d.name === "Panic") return `the contract panicked (code ${String(d.args[0])})`;
  return renderGeneric(d);
}

let decoder: Interface | undefined;

/** One Interface holding every custom error of this project's contracts and of the OpenZeppelin ones they compile. */
export function errorInterface(): Interface {
  if (decoder) return decoder;
  const seen = new Map<string, string>();
  for (const spec of [...Object.values(PROJECT_ERRORS), ...Object.values(OPENZEPPELIN_ERRORS)]) {
    const key = spec.signature.replace(/ \w+(?=[,)])/g, "");
    if (!seen.has(key)) seen.set(key, spec.signature);
  }
  decoder = new Interface([...seen.values()]);
  return decoder;
}

function parseRevert(data: string): ErrorDescription | null {
  try {
    return errorInterface().parseError(data);
  } catch {
    return null;
  }
}

/** Decodes revert data into plain words; undefined if the data is empty. */
export function decodeRevert(data: string): string | undefined {
  if (!isHexString(data) || data.length < 10) return undefined;
  const d = parseRevert(data);
  if (!d) return `unknown custom error ${data.slice(0, 10)}`;
  return describeError(d);
}

/** Named arguments of a decoded error or event. */
function namedArgs(d: { fragment: { inputs: readonly { name: string }[] }; args: ArrayLike<unknown> }) {
  const o: Record<string, unknown> = {};
  d.fragment.inputs.forEach((p, i) => (o[p.name || `arg${i}`] = d.args[i]));
  return o;
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

/** Errors of the JavaScript engine itself: a bug in this code, never the chain's fault. */
const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError];

/**
 * Turns anything thrown while talking to the chain into a {@link CovenantError} with one line of
 * plain words: custom errors decoded (kind `refused`), network failures named (`chain`), ethers'
 * long messages shortened; anything unrecognised that is not an ethers error is `internal`.
 * `context.rpc` names the node in the words; `context.txHash` marks a transaction already sent.
 */
export function explain(err: unknown, context?: { rpc?: string; txHash?: string }): CovenantError {
  if (err instanceof CovenantError) return err;
  const e = (err ?? {}) as { code?: string; shortMessage?: string; message?: string; reason?: string };
  const details = e.message ? firstLine(e.message) : undefined;
  const sent = context?.txHash ? `transaction ${context.txHash} reverted: ` : "";
  const data = findRevertData(err);
  if (data) {
    const d = parseRevert(data);
    const words = decodeRevert(data);
    // an id the contract does not know is bad input, as one the SDK finds unknown itself
    const unknownId = d !== null && /Unknown[A-Z]|Nonexistent/.test(d.name);
    if (words)
      return new CovenantError(`the contract refused: ${sent}${words}`, {
        kind: unknownId && !sent ? "input" : "refused",
        cause: err,
        details,
        errorName: d?.name,
        errorArgs: d ? namedArgs(d) : undefined,
        txHash: context?.txHash,
      });
  }
  const at = context?.rpc ? ` at ${context.rpc}` : "";
  const make = (kind: ErrorKind, text: string) =>
    new CovenantError(text, { kind, cause: err, details, txHash: context?.txHash });
  switch (e.code) {
    case "CALL_EXCEPTION":
      return make(
        "refused",
        e.reason
          ? `the contract refused: ${sent}${e.reason}`
          : `the contract refused ${sent ? `(${sent.slice(0, -2)}) ` : ""}the call without a reason`,
      );
    case "NETWORK_ERROR":
    case "TIMEOUT":
    case "SERVER_ERROR":
      return make("chain", `cannot use the RPC${at}: ${e.shortMessage ?? e.code}`);
    case "INSUFFICIENT_FUNDS":
      return make("chain", "the signer has not enough native coin to pay for gas");
    case "NONCE_EXPIRED":
    case "REPLACEMENT_UNDERPRICED":
      return make("chain", `the transaction was not accepted: ${e.shortMessage ?? e.code}`);
    case "TRANSACTION_REPLACED":
      return make("chain", `the transaction was replaced or dropped: ${e.shortMessage ?? e.code}`);
    case "BAD_DATA":
      return make(
        "chain",
        "the contract returned no data: the address book may be stale (was the node restarted?) or the contract is older than this tool",
      );
    case "INVALID_ARGUMENT":
      return make("input", `invalid argument: ${e.shortMessage ?? "see --help"}`);
    case "ACTION_REJECTED":
      return make("input", "the signer rejected the transaction");
    default:
      break;
  }
  const sys = (err as { code?: string }).code;
  if (sys === "ECONNREFUSED" || sys === "ENOTFOUND" || sys === "ECONNRESET") {
    return make("chain", `cannot reach the RPC${at} (${sys})`);
  }
  const msg = firstLine(e.shortMessage ?? e.message ?? String(err)) || "unknown failure";
  if (PROGRAMMING_ERRORS.some((C) => err instanceof C)) return make("internal", `internal error: ${msg}`);
  // an ethers error (it has a string code) or a node's JSON-RPC error: the chain side
  if (typeof e.code === "string" || typeof (err as { code?: unknown }).code === "number")
    return make("chain", msg);
  return make("internal", `internal error: ${msg}`);
}
