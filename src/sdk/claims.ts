/**
 * Breach claims in plain values for the `covenant claim` commands, the history and the demo:
 * a claim with its parties, status, ruling, remedies, evidence (hash + URI from the
 * `EvidenceSubmitted` events) and, under the built-in PanelArbitrator, its panel. The contract keeps
 * only a hash of each claim's record: the record is read from its `ClaimFiled` event and checked by
 * the contract's `claimStateOf`, which gives the state.
 * See docs/disputes.md and docs/cli.md (`covenant claim`).
 */
import {
  AbiCoder,
  getAddress,
  keccak256,
  type EventLog,
  type Interface,
  type Log,
  type Result,
} from "ethers";
import type { DisputeResolution, PanelArbitrator } from "../../typechain-types";
import type { CovenantClient } from "./client";
import { checkError, explain, inputError } from "./errors";
import { bitsToRemedies, clauseIdToText } from "./terms";
import { ClaimStatus, DefaultKind, EntryKind, PanelPhase } from "./generated/enums";

export const CLAIM_STATUS = ClaimStatus;

export const ENTRY_KIND = EntryKind;

export const PANEL_PHASE = PanelPhase;
export const DEFAULT_KIND = DefaultKind;

/** ERC-792 rulings of a claim: 0 refused to rule, 1 upheld (claimant wins), 2 rejected. */
export const RULINGS = ["refused", "upheld", "rejected"] as const;

/** A vote choice typed by a user -> the ruling number (1 upheld, 2 rejected). */
export function parseChoice(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === "upheld" || t === "uphold" || t === "1") return 1;
  if (t === "rejected" || t === "reject" || t === "2") return 2;
  throw inputError(`unknown choice "${text}": use upheld or rejected`);
}

export interface EvidenceView {
  party: string;
  hash: string;
  uri: string;
  block: number;
  timestamp: number;
  tx: string;
}

export interface PanelView {
  disputeId: string;
  phase: (typeof PANEL_PHASE)[number];
  round: number;
  panel: string[];
  votingEndsAt: number;
  appealEndsAt: number;
  ruling: number;
}

export interface ClaimView {
  id: string;
  status: (typeof CLAIM_STATUS)[number];
  claimant: string;
  respondent: string;
  forAlliance: boolean;
  agreementId: string;
  agreementVersion: number;
  clause: string;
  remedies: string[];
  damages: string;
  licenseId: string;
  statementHash: string;
  statementURI: string;
  /**
   * The claim bond (its record's) while the claim is open or closed another way; for an Executed
   * claim what it still owes its claimant (`ClaimPayoutOwed`: the bond back plus the slash, 0 once
   * pulled).
   */
  bond: string;
  paid: string;
  filedAt: number;
  cureEndsAt: number;
  answerEndsAt: number;
  arbitrator: string;
  disputeId: string;
  ruling: string;
  evidence: EvidenceView[];
  panel?: PanelView;
}

/**
 * The first block worth scanning for this suite's events: the address book's optional
 * `deployedBlock`, else 0.
 */
export function scanStart(client: CovenantClient): number {
  const b = client.book.deployedBlock;
  return typeof b === "number" && Number.isSafeInteger(b) && b >= 0 ? b : 0;
}

/** Block timestamps, each block asked once. */
export class BlockTimes {
  private readonly cache = new Map<number, Promise<number>>();
  constructor(private readonly client: CovenantClient) {}
  of(block: number): Promise<number> {
    let p = this.cache.get(block);
    if (!p) {
      p = this.client.provider.getBlock(block).then((b) => (b ? b.timestamp : 0));
      this.cache.set(block, p);
    }
    return p;
  }
}

/** Largest block range asked in one `eth_getLogs` (nodes of public chains refuse wide ranges). */
export const LOG_CHUNK = 50_000;

/**
 * Whether `e` is a node refusing an `eth_getLogs` range as too wide or too full (public and
 * consortium nodes: "block range too large", "query returned more than 10000 results", "exceed
 * maximum block range", or a -32005 / -32602 error), rather than failing.
 */
export function isRangeRefusal(e: unknown): boolean {
  const texts: string[] = [];
  const codes: number[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown, depth: number) => {
    if (!x || typeof x !== "object" || depth > 6 || seen.has(x)) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o.message === "string") texts.push(o.message);
    if (typeof o.shortMessage === "string") texts.push(o.shortMessage);
    if (typeof o.code === "number") codes.push(o.code);
    for (const k of ["error", "info", "cause", "data"]) walk(o[k], depth + 1);
  };
  walk(e, 0);
  const text = texts.join(" ").toLowerCase();
  return (
    codes.includes(-32005) ||
    codes.includes(-32602) ||
    /block range|range too (large|wide)|more than \d+ results|too many (results|logs|blocks)|exceed(s|ed)? (the )?max(imum)? (block )?range|limit exceeded|response size/.test(
      text,
    )
  );
}

/** Accepted ranges in a row after which {@link scanEvents} doubles its range again. */
export const LOG_GROW_AFTER = 2;

/**
 * Logs of `filter` from `fromBlock` to `toBlock` (default: the latest block), in bounded block
 * ranges: at most {@link LOG_CHUNK} blocks, halved each time the node refuses a range
 * ({@link isRangeRefusal}) and doubled again after {@link LOG_GROW_AFTER} ranges in a row that it
 * accepts (a dense stretch of logs may be refused where a sparse one is not). The width reached is
 * kept on the client as the start of its next scan.
 */
export async function scanEvents(
  client: CovenantClient,
  contract: { queryFilter: (f: never, from: number, to: number) => Promise<(EventLog | Log)[]> },
  filter: unknown,
  fromBlock: number,
  toBlock?: number,
): Promise<EventLog[]> {
  const out: EventLog[] = [];
  await scanRanges(client, fromBlock, toBlock, async (from, to) => {
    const logs = await contract.queryFilter(filter as never, from, to);
    for (const l of logs) if ("args" in l) out.push(l);
  });
  return out;
}

/** A log as the node answered it, with the fields a fixed-layout reader needs. */
export interface RawLog {
  address: string;
  topics: readonly string[];
  data: string;
  blockNumber: number;
  index: number;
  removed: boolean;
  /** The block's time when the node gives it with the log (anvil, recent geth); else absent. */
  blockTimestamp?: number;
}

const HEX_QUANTITY = /^0x[0-9a-fA-F]{1,16}$/;

/** One `eth_getLogs` answer item as a {@link RawLog}; anything else is an error naming the node's answer. */
function rawLogOf(x: unknown): RawLog {
  const l = x as Record<string, unknown>;
  const bad = () =>
    new Error(`the node's eth_getLogs answer holds a malformed log: ${JSON.stringify(x)?.slice(0, 200)}`);
  if (!l || typeof l !== "object") throw bad();
  const { address, topics, data, blockNumber, logIndex, removed, blockTimestamp } = l;
  if (
    typeof address !== "string" ||
    !Array.isArray(topics) ||
    !topics.every((t) => typeof t === "string") ||
    typeof data !== "string" ||
    typeof blockNumber !== "string" ||
    !HEX_QUANTITY.test(blockNumber) ||
    typeof logIndex !== "string" ||
    !HEX_QUANTITY.test(logIndex)
  )
    throw bad();
  return {
    address,
    topics: topics as string[],
    data,
    blockNumber: Number(BigInt(blockNumber)),
    index: Number(BigInt(logIndex)),
    removed: removed === true,
    ...(typeof blockTimestamp === "string" && HEX_QUANTITY.test(blockTimestamp)
      ? { blockTimestamp: Number(BigInt(blockTimestamp)) }
      : {}),
  };
}

/** How {@link scanLogs} walks its block range. */
export interface ScanOptions {
  /**
   * Read the newest range first and go back towards `fromBlock` (default: oldest first). A reader
   * that shows the latest entries first has them after the first range instead of the whole scan.
   */
  newestFirst?: boolean;
  /**
   * Width of the first range (a warm-up: it doubles after every range the node accepts, up to the
   * usual width). Default: the usual width ({@link LOG_CHUNK}, or the client's last width).
   */
  firstSpan?: number;
  /**
   * Called with each range's logs as soon as they are read, in reading order; when it returns a
   * promise, the next range is asked only once it settles (a reader that needs the main thread for
   * other reads first holds the scan back).
   */
  onRange?: (logs: RawLog[], from: number, to: number) => void | Promise<void>;
}

/**
 * Raw logs (not decoded) of `address` and `topics` from `fromBlock` to `toBlock` (default: the latest
 * block), in the same bounded block ranges as {@link scanEvents}: for a reader that decodes a fixed
 * layout itself (thousands of history entries). Asked with the node's own `eth_getLogs` when the
 * provider speaks JSON-RPC (no per-log formatting), else through `getLogs`. The logs are returned
 * oldest first whichever way the ranges are read ({@link ScanOptions}).
 */
export async function scanLogs(
  client: CovenantClient,
  filter: { address: string; topics: (string | string[] | null)[] },
  fromBlock: number,
  toBlock?: number,
  opts: ScanOptions = {},
): Promise<RawLog[]> {
  const ranges: RawLog[][] = [];
  const rpc = client.provider as unknown as {
    send?: (method: string, params: unknown[]) => Promise<unknown>;
  };
  await scanRanges(
    client,
    fromBlock,
    toBlock,
    async (from, to) => {
      const out: RawLog[] = [];
      if (typeof rpc.send === "function") {
        const answer = await rpc.send("eth_getLogs", [
          { ...filter, fromBlock: "0x" + from.toString(16), toBlock: "0x" + to.toString(16) },
        ]);
        if (!Array.isArray(answer)) throw new Error("the node's eth_getLogs answer is not a list");
        for (const l of answer) out.push(rawLogOf(l));
      } else {
        for (const l of await client.provider.getLogs({ ...filter, fromBlock: from, toBlock: to }))
          out.push({
            address: l.address,
            topics: l.topics,
            data: l.data,
            blockNumber: l.blockNumber,
            index: l.index,
            removed: l.removed,
          });
      }
      ranges.push(out);
      await opts.onRange?.(out, from, to);
    },
    opts,
  );
  return (opts.newestFirst ? ranges.reverse() : ranges).flat();
}

/**
 * Calls `read` over `fromBlock..toBlock` in ranges that halve on a refusal and grow again (as
 * above), oldest first or newest first; a `firstSpan` starts narrower and doubles after each range
 * accepted until it reaches the usual width. Only a refusal changes the width kept on the client.
 */
export async function scanRanges(
  client: CovenantClient,
  fromBlock: number,
  toBlock: number | undefined,
  read: (from: number, to: number) => Promise<void>,
  opts: Pick<ScanOptions, "newestFirst" | "firstSpan"> = {},
): Promise<void> {
  const latest = toBlock ?? (await client.provider.getBlockNumber());
  // `width`: the usual range (LOG_CHUNK, narrowed by refusals); `span`: this range's width
  let width = Math.max(1, Math.min(LOG_CHUNK, client.logSpan ?? LOG_CHUNK));
  let span =
    opts.firstSpan !== undefined && Number.isSafeInteger(opts.firstSpan) && opts.firstSpan >= 1
      ? Math.min(width, opts.firstSpan)
      : width;
  let accepted = 0;
  const back = opts.newestFirst === true;
  // the blocks still to read: lo..hi
  let lo = fromBlock;
  let hi = latest;
  while (lo <= hi) {
    const from = back ? Math.max(lo, hi - span + 1) : lo;
    const to = back ? hi : Math.min(hi, lo + span - 1);
    try {
      await read(from, to);
    } catch (e) {
      if (to > from && isRangeRefusal(e)) {
        width = Math.ceil((to - from + 1) / 2);
        span = width;
        accepted = 0;
        client.logSpan = width;
        continue;
      }
      throw e;
    }
    if (back) hi = from - 1;
    else lo = to + 1;
    if (span < width) {
      // the warm-up of a narrow first range
      span = Math.min(width, span * 2);
      continue;
    }
    accepted += 1;
    if (accepted >= LOG_GROW_AFTER && width < LOG_CHUNK) {
      width = Math.min(LOG_CHUNK, width * 2);
      accepted = 0;
    }
    span = width;
    client.logSpan = width;
  }
}

/** Evidence of claim `id` (the statement is not evidence; the answer is), oldest first. */
export async function evidenceOf(
  client: CovenantClient,
  id: bigint,
  times?: BlockTimes,
): Promise<EvidenceView[]> {
  const dr = client.disputes();
  const t = times ?? new BlockTimes(client);
  const logs = await scanEvents(client, dr, dr.filters.EvidenceSubmitted(id), scanStart(client));
  return Promise.all(
    logs.map(async (l) => ({
      party: getAddress(l.args.party as string),
      hash: l.args.evidenceHash as string,
      uri: l.args.uri as string,
      block: l.blockNumber,
      timestamp: await t.of(l.blockNumber),
      tx: l.transactionHash,
    })),
  );
}

/** The claim count; an input error for an id outside 1..count. */
export async function requireClaim(dr: DisputeResolution, id: bigint): Promise<void> {
  const n = await dr.claimCount();
  if (id < 1n || id > n) throw inputError(`no claim ${id} (there are ${n})`);
}

/** What a panel dispute fixes at its creation (its `DisputeParties` event); storage keeps only a hash. */
export interface PanelParties {
  claimant: string;
  respondent: string;
  votingPeriod: number;
  panelSize: number;
}

/**
 * The record the PanelArbitrator keeps of a dispute: `keccak256(abi.encode(parties, panel))`, the
 * parties with the latest panel appointed (empty before the first appointment).
 */
export function panelRecordOf(parties: PanelParties, panel: string[]): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["tuple(address,address,uint32,uint16)", "address[]"],
      [[parties.claimant, parties.respondent, parties.votingPeriod, parties.panelSize], panel],
    ),
  );
}

/** A panel dispute's record as read from its events and checked against the hash on chain. */
export interface PanelRecord {
  parties: PanelParties;
  /** The latest panel appointed, in its seats' order (empty before the first appointment). */
  latest: string[];
  /** The round of `latest` (-1 before the first appointment). */
  latestRound: number;
}

/**
 * Dispute `disputeId`'s parties (its `DisputeParties` event) and latest panel (its latest
 * `PanelAppointed` event), checked against the record the contract keeps: a node that hides or
 * alters an event is a check error.
 */
export async function panelRecord(
  client: CovenantClient,
  panel: PanelArbitrator,
  disputeId: bigint,
  d?: { record: string },
): Promise<PanelRecord> {
  const { record } = d ?? (await panel.disputeOf(disputeId));
  const [created, appointed] = await Promise.all([
    scanEvents(client, panel, panel.filters.DisputeParties(disputeId), scanStart(client)),
    scanEvents(client, panel, panel.filters.PanelAppointed(disputeId), scanStart(client)),
  ]);
  if (created.length !== 1)
    throw checkError(`the node has ${created.length} DisputeParties logs of dispute ${disputeId}, not one`);
  const a = created[0].args;
  const parties: PanelParties = {
    claimant: getAddress(a.claimant as string),
    respondent: getAddress(a.respondent as string),
    votingPeriod: Number(a.votingPeriod),
    panelSize: Number(a.panelSize),
  };
  const last = appointed.length ? appointed[appointed.length - 1] : undefined;
  const latest = last ? (last.args.panel as string[]).map((m) => getAddress(m)) : [];
  if (panelRecordOf(parties, latest) !== record)
    throw checkError(
      `the node's DisputeParties and PanelAppointed logs of dispute ${disputeId} do not match its record ${record} on chain`,
    );
  return { parties, latest, latestRound: last ? Number(last.args.round) : -1 };
}

/**
 * The current round's panel of dispute `disputeId`, in its seats' order, read from the round's
 * `PanelAppointed` event and checked against the record the contract keeps ({@link panelRecord}).
 * Empty before the round's appointment.
 */
export async function currentPanel(
  client: CovenantClient,
  panel: PanelArbitrator,
  disputeId: bigint,
  d?: { round: bigint; record: string },
): Promise<string[]> {
  const dispute = d ?? (await panel.disputeOf(disputeId));
  const r = await panelRecord(client, panel, disputeId, dispute);
  return r.latestRound === Number(dispute.round) ? r.latest : [];
}

async function panelView(
  client: CovenantClient,
  panel: PanelArbitrator,
  disputeId: bigint,
): Promise<PanelView> {
  const d = await panel.disputeOf(disputeId);
  // The panel is not stored: its round's PanelAppointed event is its record, checked against the hash.
  const members = await currentPanel(client, panel, disputeId, d);
  return {
    disputeId: disputeId.toString(),
    phase: PANEL_PHASE[Number(d.phase)],
    round: Number(d.round),
    panel: members,
    votingEndsAt: Number(d.votingEndsAt),
    appealEndsAt: Number(d.appealEndsAt),
    ruling: Number(d.ruling),
  };
}

/** A log of one event, decoded, with its place and (when the node gives it) its block's time. */
export interface ParsedLog {
  eventName: string;
  args: Result;
  blockNumber: number;
  index: number;
  blockTimestamp?: number;
}

/**
 * The logs of `events` of the contract at `address` whose indexed inputs match `values` (undefined:
 * any; the same values for every event named), `fromBlock..toBlock`, oldest first, in one scan in
 * the bounded ranges of {@link scanLogs}: raw logs decoded here, each event's by its own fragment,
 * with the block times the node gives with them (no block read for those). One log query for
 * several events: on a node that reads every block's receipts per query, each query costs.
 */
export async function scanParsed(
  client: CovenantClient,
  iface: Interface,
  address: string,
  events: string[],
  values: unknown[],
  fromBlock: number,
  toBlock: number,
): Promise<ParsedLog[]> {
  const fragments = events.map((e) => {
    const f = iface.getEvent(e);
    if (!f) throw new Error(`no event ${e} in the contract's interface`);
    return f;
  });
  const byTopic = new Map(fragments.map((f) => [f.topicHash, f]));
  const topics = iface.encodeFilterTopics(fragments[0], values) as (string | string[] | null)[];
  topics[0] = fragments.map((f) => f.topicHash);
  const logs = await scanLogs(client, { address, topics }, fromBlock, toBlock);
  const out: ParsedLog[] = [];
  for (const l of logs) {
    const fragment = byTopic.get(l.topics[0]);
    if (l.removed || !fragment) continue;
    out.push({
      eventName: fragment.name,
      args: iface.decodeEventLog(fragment, l.data, l.topics),
      blockNumber: l.blockNumber,
      index: l.index,
      blockTimestamp: l.blockTimestamp,
    });
  }
  return out;
}

/**
 * A claim's record as its `ClaimFiled` event gave it: what never changes about the claim, which
 * storage keeps only as a hash and every call about the claim supplies back (the contract refuses
 * any other with `DisputeResolutionRecordMismatch`).
 */
export interface ClaimRecord {
  claimId: bigint;
  claimant: string;
  respondent: string;
  arbitrator: string;
  agreementId: bigint;
  clauseId: string;
  statementHash: string;
  remedies: bigint;
  forAlliance: boolean;
  cureEndsAt: bigint;
  answerEndsAt: bigint;
  damages: bigint;
  licenseId: bigint;
  bond: bigint;
}

/** The events a claim's facts are read from (each indexes the claim id first). */
const FACT_EVENTS = ["ClaimFiled", "ClaimReferred", "ClaimRuled", "ClaimPayoutOwed", "ClaimPayoutPulled"];

/** What a claim's events tell, read up to one block, and the state the contract keeps at that block. */
export interface ClaimFacts {
  record: ClaimRecord;
  /** The agreement version the claimant relied on (`ClaimFiled`). */
  agreementVersion: number;
  statementURI: string;
  /** The `ClaimFiled` block and its time (the filing time). */
  filedBlock: number;
  filedAt: number;
  /** The dispute of its latest `ClaimReferred`, or null before the referral. */
  disputeId: bigint | null;
  /** The ruling of its `ClaimRuled` (the arbitrator's `rule`), or null before it. */
  ruled: number | null;
  /** What an Executed claim owes its claimant (`ClaimPayoutOwed`), 0 once pulled or if none. */
  owed: bigint;
  /** The block everything was read at. */
  atBlock: number;
}

/** A claim's state at {@link ClaimFacts.atBlock}: the contract's `claimStateOf`. */
export interface ClaimStateNow {
  /**
   * The contract's status, except `Ruled` for a claim in Arbitration whose arbitrator ruled
   * (`ClaimRuled`): the ruling waits with the dispute until `executeRuling`.
   */
  status: (typeof CLAIM_STATUS)[number];
  /** The ruling once given (`ClaimRuled`, kept by the claim from its execution), else null. */
  ruling: number | null;
  licenseSuspended: boolean;
  suspensionLifted: boolean;
  paid: bigint;
  /**
   * The contract no longer holds this closed claim's state: the same claimant filed again on the same
   * respondent, agreement and clause. Its status, ruling and payments are then read from its events.
   */
  replaced: boolean;
}

/** Parsed logs grouped by claim id. */
function byClaim(logs: ParsedLog[]): Map<string, ParsedLog[]> {
  const m = new Map<string, ParsedLog[]>();
  for (const l of logs) {
    const k = String(l.args.claimId);
    const list = m.get(k);
    if (list) list.push(l);
    else m.set(k, [l]);
  }
  return m;
}

/** A `ClaimFiled` log's record in plain values. */
function recordOf(r: Result): ClaimRecord {
  return {
    claimId: BigInt(r.claimId),
    claimant: getAddress(r.claimant as string),
    respondent: getAddress(r.respondent as string),
    arbitrator: getAddress(r.arbitrator as string),
    agreementId: BigInt(r.agreementId),
    clauseId: r.clauseId as string,
    statementHash: r.statementHash as string,
    remedies: BigInt(r.remedies),
    forAlliance: Boolean(r.forAlliance),
    cureEndsAt: BigInt(r.cureEndsAt),
    answerEndsAt: BigInt(r.answerEndsAt),
    damages: BigInt(r.damages),
    licenseId: BigInt(r.licenseId),
    bond: BigInt(r.bond),
  };
}

/** Claim `id`'s facts from its logs (`FACT_EVENTS`, oldest first) read up to `atBlock`. */
async function factsOf(
  client: CovenantClient,
  id: bigint,
  logs: ParsedLog[],
  atBlock: number,
  times: BlockTimes,
): Promise<ClaimFacts> {
  const filed = logs.filter((l) => l.eventName === "ClaimFiled");
  if (filed.length !== 1)
    throw checkError(`the node has ${filed.length} ClaimFiled logs of claim ${id}, not one`);
  const f = filed[0];
  const record = recordOf(f.args.record as Result);
  if (
    record.claimId !== id ||
    record.claimant !== getAddress(f.args.claimant as string) ||
    record.respondent !== getAddress(f.args.respondent as string)
  )
    throw checkError(
      `the node's ClaimFiled log of claim ${id} names another claim or other parties in its record`,
    );
  const last = (name: string) => logs.filter((l) => l.eventName === name).at(-1);
  const referred = last("ClaimReferred");
  const ruled = last("ClaimRuled");
  const owedLog = last("ClaimPayoutOwed");
  const pulled = last("ClaimPayoutPulled");
  return {
    record,
    agreementVersion: Number(f.args.agreementVersion),
    statementURI: f.args.statementURI as string,
    filedBlock: f.blockNumber,
    filedAt: f.blockTimestamp ?? (await times.of(f.blockNumber)),
    disputeId: referred ? BigInt(referred.args.disputeId) : null,
    ruled: ruled ? Number(ruled.args.ruling) : null,
    owed: owedLog && !pulled ? BigInt(owedLog.args.amount) : 0n,
    atBlock,
  };
}

/**
 * Claim `id`'s record (its `ClaimFiled` event), dispute (`ClaimReferred`), ruling (`ClaimRuled`) and
 * what it owes (`ClaimPayoutOwed` less `ClaimPayoutPulled`): one log scan by the indexed claim id, up
 * to `atBlock` (default: the latest block). An input error for an id never filed; a check error for
 * a node that answers no `ClaimFiled` (or several) for a filed claim.
 */
export async function claimFacts(
  client: CovenantClient,
  id: bigint,
  opts: { atBlock?: number; times?: BlockTimes } = {},
): Promise<ClaimFacts> {
  const dr = client.disputes();
  const atBlock = opts.atBlock ?? (await client.provider.getBlockNumber());
  const n = await dr.claimCount({ blockTag: atBlock });
  if (id < 1n || id > n) throw inputError(`no claim ${id} (there are ${n})`);
  const logs = await scanParsed(
    client,
    dr.interface as unknown as Interface,
    client.address("DisputeResolution"),
    FACT_EVENTS,
    [id],
    scanStart(client),
    atBlock,
  );
  return factsOf(client, id, logs, atBlock, opts.times ?? new BlockTimes(client));
}

/** The closing events of a claim, with the status each closes it in. */
const CLOSING: Record<string, (typeof CLAIM_STATUS)[number]> = {
  ClaimCured: "Cured",
  ClaimSettled: "Settled",
  ClaimWithdrawn: "Withdrawn",
  ClaimDismissed: "Dismissed",
  ClaimClosedUnresolved: "Unresolved",
  ClaimExecuted: "Executed",
};

/**
 * The state of a claim whose word the contract gave to a later claim of the same claimant,
 * respondent, agreement and clause (it was closed: only a closed claim's word is replaced), from
 * its closing, settlement and suspension-lifted events. Null when no later claim replaced it (the record is then not
 * the one filed).
 */
async function replacedState(client: CovenantClient, f: ClaimFacts): Promise<ClaimStateNow | null> {
  const dr = client.disputes();
  const iface = dr.interface as unknown as Interface;
  const at = client.address("DisputeResolution");
  const r = f.record;
  const later = await scanParsed(
    client,
    iface,
    at,
    ["ClaimFiled"],
    [null, r.claimant, r.respondent],
    f.filedBlock,
    f.atBlock,
  );
  const replaced = later.some((l) => {
    const x = l.args.record as Result;
    return (
      BigInt(x.claimId) > r.claimId && BigInt(x.agreementId) === r.agreementId && x.clauseId === r.clauseId
    );
  });
  if (!replaced) return null;
  const logs = await scanParsed(
    client,
    iface,
    at,
    [...Object.keys(CLOSING), "SettlementPaid", "LicenseSuspensionLifted"],
    [r.claimId],
    f.filedBlock,
    f.atBlock,
  );
  const closing = logs.filter((l) => l.eventName in CLOSING);
  if (closing.length !== 1)
    throw checkError(
      `claim ${r.claimId} was filed again, but the node has ${closing.length} closing logs of it, not one`,
    );
  const status = CLOSING[closing[0].eventName];
  const paid = logs
    .filter((l) => l.eventName === "SettlementPaid")
    .reduce((sum, l) => sum + BigInt(l.args.amount), 0n);
  const ruling =
    status === "Dismissed" ? Number(closing[0].args.ruling) : status === "Executed" ? 1 : f.ruled;
  // An Executed claim whose suspension is still in force keeps its word (it is moved aside, not
  // replaced): a replaced one never suspended a licence, or its suspension was lifted.
  const lifted = logs.some((l) => l.eventName === "LicenseSuspensionLifted");
  return { status, ruling, licenseSuspended: lifted, suspensionLifted: lifted, paid, replaced: true };
}

/**
 * Claim `f`'s state at `f.atBlock` from the contract (`claimStateOf(record, owed)`, which checks the
 * record read from the node against the hash on chain). A record the contract refuses is its refusal
 * (`DisputeResolutionRecordMismatch`), unless a later claim on the same four replaced this closed one.
 */
export async function claimState(client: CovenantClient, f: ClaimFacts): Promise<ClaimStateNow> {
  const dr = client.disputes();
  let s;
  try {
    s = await dr.claimStateOf(f.record, f.owed, { blockTag: f.atBlock });
  } catch (e) {
    const err = explain(e, { rpc: client.rpcUrl });
    if (err.errorName === "DisputeResolutionRecordMismatch") {
      const old = await replacedState(client, f);
      if (old) return old;
    }
    throw err;
  }
  let status = CLAIM_STATUS[Number(s.status)];
  if (status === "Arbitration" && f.ruled !== null) status = "Ruled";
  const ruling = ["Executed", "Dismissed"].includes(status) ? Number(s.ruling) : f.ruled;
  return {
    status,
    ruling: status === "Ruled" || status === "Executed" || status === "Dismissed" ? ruling : null,
    licenseSuspended: s.licenseSuspended,
    suspensionLifted: s.suspensionLifted,
    paid: s.paid,
    replaced: false,
  };
}

/** Claim `f` in plain values, its state `s`; `evidence` and `panel` as read. */
function viewOf(
  f: ClaimFacts,
  s: ClaimStateNow,
  evidence: EvidenceView[],
  panel: PanelView | undefined,
): ClaimView {
  const c = f.record;
  const ruled = ["Ruled", "Executed", "Dismissed"].includes(s.status) && s.ruling !== null;
  return {
    id: c.claimId.toString(),
    status: s.status,
    claimant: c.claimant,
    respondent: c.respondent,
    forAlliance: c.forAlliance,
    agreementId: c.agreementId.toString(),
    agreementVersion: f.agreementVersion,
    clause: clauseIdToText(c.clauseId),
    remedies: bitsToRemedies(c.remedies),
    damages: c.damages.toString(),
    licenseId: c.licenseId.toString(),
    statementHash: c.statementHash,
    statementURI: f.statementURI,
    bond: (s.status === "Executed" ? f.owed : c.bond).toString(),
    paid: s.paid.toString(),
    filedAt: f.filedAt,
    cureEndsAt: Number(c.cureEndsAt),
    answerEndsAt: Number(c.answerEndsAt),
    arbitrator: c.arbitrator,
    disputeId: isReferred(s.status) && f.disputeId !== null ? f.disputeId.toString() : "",
    ruling: ruled ? `${RULINGS[s.ruling!] ?? s.ruling} (${s.ruling})` : "",
    evidence,
    panel,
  };
}

/** The statuses of a claim that was referred to its arbitrator. */
function isReferred(status: (typeof CLAIM_STATUS)[number]): boolean {
  return ["Arbitration", "Ruled", "Executed", "Dismissed", "Unresolved"].includes(status);
}

/** The panel of claim `f` when it was referred to the built-in PanelArbitrator. */
async function panelOf(
  client: CovenantClient,
  f: ClaimFacts,
  s: ClaimStateNow,
): Promise<PanelView | undefined> {
  if (
    isReferred(s.status) &&
    f.disputeId !== null &&
    client.has("PanelArbitrator") &&
    f.record.arbitrator === client.address("PanelArbitrator")
  )
    return panelView(client, client.panel(), f.disputeId);
  return undefined;
}

/**
 * Claim `id` with its evidence and (under the built-in PanelArbitrator) its panel: its record and
 * dispute from its events, its state from the contract at the same block (which checks the record).
 */
export async function claimView(
  client: CovenantClient,
  id: bigint,
  opts: { evidence?: boolean; times?: BlockTimes } = {},
): Promise<ClaimView> {
  const times = opts.times ?? new BlockTimes(client);
  const f = await claimFacts(client, id, { times });
  const s = await claimState(client, f);
  const [evidence, panel] = await Promise.all([
    opts.evidence === false ? [] : evidenceOf(client, id, times),
    panelOf(client, f, s),
  ]);
  return viewOf(f, s, evidence, panel);
}

/**
 * Every claim, oldest first, optionally only those where `member` is claimant or respondent: one log
 * scan of every claim's facts, then each claim's state from the contract at the same block.
 */
export async function listClaims(client: CovenantClient, member?: string): Promise<ClaimView[]> {
  const dr = client.disputes();
  const atBlock = await client.provider.getBlockNumber();
  const n = await dr.claimCount({ blockTag: atBlock });
  if (n === 0n) return [];
  const times = new BlockTimes(client);
  const logs = byClaim(
    await scanParsed(
      client,
      dr.interface as unknown as Interface,
      client.address("DisputeResolution"),
      FACT_EVENTS,
      [],
      scanStart(client),
      atBlock,
    ),
  );
  const facts: ClaimFacts[] = [];
  for (let id = 1n; id <= n; id++) {
    const f = await factsOf(client, id, logs.get(id.toString()) ?? [], atBlock, times);
    if (member && f.record.claimant !== member && f.record.respondent !== member) continue;
    facts.push(f);
  }
  // the states, LIST_READS calls at a time
  const out: ClaimView[] = [];
  for (let i = 0; i < facts.length; i += LIST_READS)
    out.push(
      ...(await Promise.all(
        facts.slice(i, i + LIST_READS).map(async (f) => {
          const s = await claimState(client, f);
          return viewOf(f, s, [], await panelOf(client, f, s));
        }),
      )),
    );
  return out;
}

/** Claims whose state {@link listClaims} reads at once. */
const LIST_READS = 16;
