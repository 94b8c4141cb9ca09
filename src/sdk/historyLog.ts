/**
 * The breach history as a verifiable log (C3, I8): every entry is emitted whole in a `HistoryAppended`
 * event of BreachHistory and folded into running hash chains the contract keeps (`memberHead`: a
 * member's history as respondent; `clauseHead`: a clause's). This module rebuilds a chain from the
 * events and checks it against the on-chain head, so a node that drops, adds or alters an entry is
 * detected. Pure functions and provider reads only: browser-safe, no Node.
 */
import { AbiCoder, keccak256, getAddress, type EventLog } from "ethers";
import type { CovenantClient } from "./client";
import { scanEvents, scanStart } from "./claims";

/** `HistoryEntry` (contracts/interfaces/IBreachHistory.sol) as an ABI tuple, field by field. */
export const HISTORY_ENTRY_TUPLE =
  "tuple(uint8 kind,uint8 detailKind,uint48 recordedAt,address actor,address claimant,address respondent," +
  "uint256 claimId,uint256 agreementId,bytes32 clauseId,bytes32 data,uint128 amount,uint128 penalty)";

/** One history entry in plain values (as the event and the views carry it). */
export interface LogEntry {
  kind: bigint;
  detailKind: bigint;
  recordedAt: bigint;
  actor: string;
  claimant: string;
  respondent: string;
  claimId: bigint;
  agreementId: bigint;
  clauseId: string;
  data: string;
  amount: bigint;
  penalty: bigint;
}

/** `HistoryEntry`'s fields, in the order of the struct (and of its hash). */
export const LOG_ENTRY_FIELDS: readonly (keyof LogEntry)[] = [
  "kind",
  "detailKind",
  "recordedAt",
  "actor",
  "claimant",
  "respondent",
  "claimId",
  "agreementId",
  "clauseId",
  "data",
  "amount",
  "penalty",
];

/** An entry from a decoded struct (an ethers `Result` or a plain object with the same names). */
export function toLogEntry(e: Record<string, unknown>): LogEntry {
  const x = e as Record<keyof LogEntry, unknown>;
  return {
    kind: BigInt(x.kind as bigint),
    detailKind: BigInt(x.detailKind as bigint),
    recordedAt: BigInt(x.recordedAt as bigint),
    actor: getAddress(x.actor as string),
    claimant: getAddress(x.claimant as string),
    respondent: getAddress(x.respondent as string),
    claimId: BigInt(x.claimId as bigint),
    agreementId: BigInt(x.agreementId as bigint),
    clauseId: String(x.clauseId),
    data: String(x.data),
    amount: BigInt(x.amount as bigint),
    penalty: BigInt(x.penalty as bigint),
  };
}

/** `keccak256(abi.encode(entry))`, the hash an entry is folded in with. */
export function hashEntry(e: LogEntry): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode([HISTORY_ENTRY_TUPLE], [LOG_ENTRY_FIELDS.map((f) => e[f])]),
  );
}

/** `bytes28(keccak256(abi.encode(head, entryHash)))`: one more entry folded into a head. */
export function foldHead(head: string, entryHash: string): string {
  const h = keccak256(AbiCoder.defaultAbiCoder().encode(["bytes28", "bytes32"], [head, entryHash]));
  return h.slice(0, 2 + 56);
}

/** The empty chain's head (28 zero bytes). */
export const EMPTY_HEAD = "0x" + "00".repeat(28);

/** The head of a chain of `entries`, oldest first. */
export function headOf(entries: LogEntry[]): string {
  return entries.reduce((h, e) => foldHead(h, hashEntry(e)), EMPTY_HEAD);
}

/** An entry as its `HistoryAppended` event carried it, with the log's position. */
export interface LoggedEntry {
  entryId: bigint;
  entry: LogEntry;
  block: number;
  logIndex: number;
}

/** The outcome of checking a member's history as respondent against its on-chain head. */
export interface HeadCheck {
  member: string;
  /** The block the head was read at (the entries are scanned up to it). */
  block: number;
  /** True when the entries fold to the head and their number is its length. */
  verified: boolean;
  /** The on-chain head and length, and what the entries read fold to. */
  head: string;
  length: number;
  computedHead: string;
  computedLength: number;
}

/** Every `HistoryAppended` entry whose respondent is `member` (or all, without one), up to `toBlock`. */
export async function loggedEntries(
  client: CovenantClient,
  opts: { member?: string; fromBlock?: number; toBlock: number },
): Promise<LoggedEntry[]> {
  const bh = client.history();
  // Filter arguments are positional over every input (entryId, kind, claimId, respondent, entry).
  const filter = bh.filters.HistoryAppended(
    undefined,
    undefined,
    undefined,
    opts.member ? getAddress(opts.member) : undefined,
  );
  const logs = await scanEvents(client, bh, filter, opts.fromBlock ?? scanStart(client), opts.toBlock);
  return logs
    .map((ev: EventLog) => {
      return {
        entryId: BigInt(ev.args.entryId as bigint),
        entry: toLogEntry(ev.args.entry as Record<string, unknown>),
        block: ev.blockNumber,
        logIndex: ev.index,
      };
    })
    .sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/**
 * Checks `entries` (the member's entries as respondent, oldest first, as read from the events) against
 * the member's head read at block `block`.
 */
export async function checkMemberHead(
  client: CovenantClient,
  member: string,
  entries: LogEntry[],
  block: number,
): Promise<HeadCheck> {
  const h = await client.history().memberHead(getAddress(member), { blockTag: block });
  const computedHead = headOf(entries);
  const head = String(h.head);
  const length = Number(h.count);
  return {
    member: getAddress(member),
    block,
    verified: computedHead === head.toLowerCase() && entries.length === length,
    head,
    length,
    computedHead,
    computedLength: entries.length,
  };
}

/** `EntryKind` numbers (contracts/interfaces/IBreachHistory.sol) the counts read. */
const KIND = {
  Filed: 0n,
  Cured: 1n,
  Settled: 2n,
  Referred: 5n,
  Executed: 8n,
  Dismissed: 9n,
  Withdrawn: 10n,
  DefaultRecorded: 11n,
  PenaltyApplied: 12n,
  SettlementPaid: 13n,
} as const;

/**
 * A member's running counts, as claimant and as respondent, computed from the history's entries (the
 * contract keeps no counts: C3, I8). A claim counts against its respondent from its referral on (B11).
 */
export interface MemberCounts {
  /** Claims it filed; of those upheld, dismissed, withdrawn. */
  filed: bigint;
  filedUpheld: bigint;
  filedDismissed: bigint;
  withdrawn: bigint;
  /** Claims against it referred to an arbitrator; of those upheld, dismissed; closed by settlement or cure. */
  against: bigint;
  upheld: bigint;
  dismissed: bigint;
  settled: bigint;
  /** Objective defaults recorded against it, and the amount due in them. */
  defaults: bigint;
  defaultedAmount: bigint;
  /** Penalties applied to it; what its bond lost to rulings plus what it paid in settlements. */
  penalties: bigint;
  penaltiesPaid: bigint;
}

/** `member`'s counts over `entries` (the whole history, or every entry it is claimant or respondent of). */
export function countsOf(entries: LogEntry[], member: string): MemberCounts {
  const me = getAddress(member);
  const c: MemberCounts = {
    filed: 0n,
    filedUpheld: 0n,
    filedDismissed: 0n,
    withdrawn: 0n,
    against: 0n,
    upheld: 0n,
    dismissed: 0n,
    settled: 0n,
    defaults: 0n,
    penalties: 0n,
    penaltiesPaid: 0n,
    defaultedAmount: 0n,
  };
  for (const e of entries) {
    const asClaimant = e.claimant === me;
    const asRespondent = e.respondent === me;
    if (e.kind === KIND.Filed && asClaimant) c.filed += 1n;
    else if (e.kind === KIND.Referred && asRespondent) c.against += 1n;
    else if (e.kind === KIND.Executed) {
      if (asClaimant) c.filedUpheld += 1n;
      if (asRespondent) c.upheld += 1n;
    } else if (e.kind === KIND.Dismissed) {
      if (asClaimant) c.filedDismissed += 1n;
      if (asRespondent) c.dismissed += 1n;
    } else if (e.kind === KIND.Withdrawn && asClaimant) c.withdrawn += 1n;
    else if ((e.kind === KIND.Cured || e.kind === KIND.Settled) && asRespondent) c.settled += 1n;
    else if (e.kind === KIND.SettlementPaid && asRespondent) c.penaltiesPaid += e.amount;
    else if (e.kind === KIND.PenaltyApplied && asRespondent) {
      c.penalties += 1n;
      c.penaltiesPaid += e.amount;
    } else if (e.kind === KIND.DefaultRecorded && asRespondent) {
      c.defaults += 1n;
      c.defaultedAmount += e.amount;
    }
  }
  return c;
}
