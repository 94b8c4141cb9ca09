/**
 * The breach history as a verifiable log (C3, I8): every entry is emitted whole in a `HistoryAppended`
 * event of BreachHistory and folded into running hash chains the contract keeps (`memberHead`: a
 * member's history as respondent; `clauseHead`: a clause's). This module rebuilds a chain from the
 * events and checks it against the on-chain head, so a node that drops, adds or alters an entry is
 * detected. Pure functions and provider reads only: browser-safe, no Node.
 */
import { keccak256, getAddress, zeroPadValue } from "ethers";
import type { CovenantClient } from "./client";
import { scanLogs, scanStart, type RawLog } from "./claims";

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

/**
 * `HistoryEntry`'s fields with their ABI types, in the order of the struct (and of its hash), read
 * from {@link HISTORY_ENTRY_TUPLE}: the hash, the log decoder and the field list share this one layout.
 */
const ENTRY_LAYOUT: readonly { name: keyof LogEntry; type: string }[] = HISTORY_ENTRY_TUPLE.slice(
  "tuple(".length,
  -1,
)
  .split(",")
  .map((field) => {
    const [type, name] = field.split(" ");
    return { name: name as keyof LogEntry, type };
  });

/** `HistoryEntry`'s fields, in the order of the struct (and of its hash). */
export const LOG_ENTRY_FIELDS: readonly (keyof LogEntry)[] = ENTRY_LAYOUT.map((f) => f.name);

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

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX_BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const HEX_BYTES24 = /^0x[0-9a-fA-F]{48}$/;

/** The width of a `uintN` type, or undefined for another type. */
function uintBits(type: string): number | undefined {
  return type.startsWith("uint") ? Number(type.slice(4)) : undefined;
}

/** One field as its 32-byte ABI word (64 hex digits); a value outside its type is an error. */
function fieldWord(e: LogEntry, f: { name: keyof LogEntry; type: string }): string {
  const v = e[f.name];
  const bits = uintBits(f.type);
  if (bits !== undefined) {
    const n = BigInt(v);
    if (n < 0n || n >> BigInt(bits) !== 0n)
      throw new RangeError(`history entry: ${f.name} ${n} is not a uint${bits}`);
    return n.toString(16).padStart(64, "0");
  }
  const s = String(v);
  if (f.type === "address") {
    if (!HEX_ADDRESS.test(s)) throw new RangeError(`history entry: ${f.name} ${s} is not an address`);
    return s.slice(2).toLowerCase().padStart(64, "0");
  }
  if (!HEX_BYTES32.test(s)) throw new RangeError(`history entry: ${f.name} ${s} is not a bytes32`);
  return s.slice(2).toLowerCase();
}

/**
 * `keccak256(abi.encode(entry))`, the hash an entry is folded in with. Every field is static, so the
 * encoding is the twelve 32-byte words of the struct in order (written here without an ABI coder:
 * the check folds thousands of entries).
 */
export function hashEntry(e: LogEntry): string {
  return keccak256("0x" + ENTRY_LAYOUT.map((f) => fieldWord(e, f)).join(""));
}

/** `bytes24(keccak256(abi.encode(head, entryHash)))`: one more entry folded into a head. */
export function foldHead(head: string, entryHash: string): string {
  if (!HEX_BYTES24.test(head)) throw new RangeError(`history head ${head} is not a bytes24`);
  if (!HEX_BYTES32.test(entryHash)) throw new RangeError(`entry hash ${entryHash} is not a bytes32`);
  const h = keccak256("0x" + head.slice(2).toLowerCase() + "00".repeat(8) + entryHash.slice(2).toLowerCase());
  return h.slice(0, 2 + 48);
}

/** The empty chain's head (24 zero bytes). */
export const EMPTY_HEAD = "0x" + "00".repeat(24);

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

/** Hex digits of a `HistoryAppended` log's data: the event's `kind`, then the entry's twelve words. */
const APPENDED_DATA_HEX = 64 * 13;
const HEX_DATA = /^0x[0-9a-fA-F]*$/;

/**
 * The entry a `HistoryAppended` log carries, decoded from its fixed layout (every field is a static
 * 32-byte word; no ABI decoder per log). A word with bits outside its type's width, or data of
 * another length, is an error naming the log: such a log was not written by the contract.
 */
export function decodeAppendedLog(log: RawLog, addresses: Map<string, string> = new Map()): LoggedEntry {
  const data = log.data;
  const where = `HistoryAppended log ${log.index} of block ${log.blockNumber}`;
  if (data.length !== 2 + APPENDED_DATA_HEX || !HEX_DATA.test(data) || log.topics.length !== 4)
    throw new Error(`${where}: not the layout of a history entry`);
  const word = (i: number) => data.slice(2 + 64 * (i + 1), 2 + 64 * (i + 2));
  const uint = (i: number, bits: number): bigint => {
    const w = word(i);
    const pad = 64 - bits / 4;
    if (pad > 0 && !/^0*$/.test(w.slice(0, pad))) throw new Error(`${where}: word ${i} is not a uint${bits}`);
    return BigInt("0x" + w);
  };
  const address = (i: number): string => {
    const w = word(i);
    if (!/^0{24}$/.test(w.slice(0, 24))) throw new Error(`${where}: word ${i} is not an address`);
    const raw = w.slice(24).toLowerCase();
    let a = addresses.get(raw);
    if (!a) {
      a = getAddress("0x" + raw);
      addresses.set(raw, a);
    }
    return a;
  };
  const entry = Object.fromEntries(
    ENTRY_LAYOUT.map((f, i) => {
      const bits = uintBits(f.type);
      if (bits !== undefined) return [f.name, uint(i, bits)];
      return [f.name, f.type === "address" ? address(i) : "0x" + word(i)];
    }),
  ) as unknown as LogEntry;
  return { entryId: BigInt(log.topics[1]), entry, block: log.blockNumber, logIndex: log.index };
}

/**
 * Every `HistoryAppended` entry whose respondent is `member` (or all, without one), up to `toBlock`,
 * oldest first. `newestFirst`, `firstSpan` and `onRange` walk the ranges as {@link scanLogs} does;
 * `onRange` gets each range's entries (oldest first within it) as soon as they are decoded (and may
 * hold the next range back by returning a promise).
 */
export async function loggedEntries(
  client: CovenantClient,
  opts: {
    member?: string;
    fromBlock?: number;
    toBlock: number;
    newestFirst?: boolean;
    firstSpan?: number;
    onRange?: (entries: LoggedEntry[], from: number, to: number) => void | Promise<void>;
  },
): Promise<LoggedEntry[]> {
  const bh = client.history();
  // Topics: the event, entryId, claimId, respondent (the indexed inputs, in order).
  const topic = bh.interface.getEvent("HistoryAppended").topicHash;
  const addresses = new Map<string, string>();
  const from = client.address("BreachHistory").toLowerCase();
  const decode = (logs: RawLog[]) =>
    logs
      .filter((l) => l.address.toLowerCase() === from && l.topics[0] === topic && !l.removed)
      .map((l) => decodeAppendedLog(l, addresses))
      .sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  const ranges: LoggedEntry[][] = [];
  await scanLogs(
    client,
    {
      address: client.address("BreachHistory"),
      topics: [topic, null, null, opts.member ? zeroPadValue(getAddress(opts.member), 32) : null],
    },
    opts.fromBlock ?? scanStart(client),
    opts.toBlock,
    {
      newestFirst: opts.newestFirst,
      firstSpan: opts.firstSpan,
      onRange: (logs, lo, hi) => {
        const entries = decode(logs);
        ranges.push(entries);
        return opts.onRange?.(entries, lo, hi);
      },
    },
  );
  return (opts.newestFirst ? ranges.reverse() : ranges).flat();
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
