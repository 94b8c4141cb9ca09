/**
 * Breach claims in plain values for the `covenant claim` commands, the history and the demo:
 * a claim with its parties, status, ruling, remedies, evidence (hash + URI from the
 * `EvidenceSubmitted` events) and, under the built-in PanelArbitrator, its panel.
 * See docs/disputes.md and docs/cli.md (`covenant claim`).
 */
import { AbiCoder, getAddress, keccak256, type EventLog, type Log } from "ethers";
import type { DisputeResolution, PanelArbitrator } from "../../typechain-types";
import type { CovenantClient } from "./client";
import { checkError, inputError } from "./errors";
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
   * The claim's bond word: the claim bond while the claim is open or closed another way; for an
   * Executed claim what it still owes its claimant (the bond back plus the slash, 0 once pulled).
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

/** Claim `id` with its evidence and (under the built-in PanelArbitrator) its panel. */
export async function claimView(
  client: CovenantClient,
  id: bigint,
  opts: { evidence?: boolean; times?: BlockTimes } = {},
): Promise<ClaimView> {
  const dr = client.disputes();
  await requireClaim(dr, id);
  const c = await dr.claimOf(id);
  const status = CLAIM_STATUS[Number(c.status)];
  const filed = await scanEvents(client, dr, dr.filters.ClaimFiled(id), scanStart(client));
  const statementURI = filed.length ? (filed[0].args.statementURI as string) : "";
  const referred =
    Number(c.status) >= 3 && status !== "Settled" && status !== "Cured" && status !== "Withdrawn";
  let panel: PanelView | undefined;
  if (
    referred &&
    client.has("PanelArbitrator") &&
    getAddress(c.arbitrator) === client.address("PanelArbitrator")
  ) {
    panel = await panelView(client, client.panel(), c.disputeId);
  }
  const ruled = ["Ruled", "Executed", "Dismissed"].includes(status);
  return {
    id: id.toString(),
    status,
    claimant: c.claimant,
    respondent: c.respondent,
    forAlliance: c.forAlliance,
    agreementId: c.agreementId.toString(),
    agreementVersion: Number(c.agreementVersion),
    clause: clauseIdToText(c.clauseId),
    remedies: bitsToRemedies(c.remedies),
    damages: c.damages.toString(),
    licenseId: c.licenseId.toString(),
    statementHash: c.statementHash,
    statementURI,
    bond: c.bond.toString(),
    paid: c.paid.toString(),
    filedAt: Number(c.filedAt),
    cureEndsAt: Number(c.cureEndsAt),
    answerEndsAt: Number(c.answerEndsAt),
    arbitrator: c.arbitrator,
    disputeId: referred ? c.disputeId.toString() : "",
    ruling: ruled ? `${RULINGS[Number(c.ruling)] ?? c.ruling} (${c.ruling})` : "",
    evidence: opts.evidence === false ? [] : await evidenceOf(client, id, opts.times),
    panel,
  };
}

/** Every claim, oldest first, optionally only those where `member` is claimant or respondent. */
export async function listClaims(client: CovenantClient, member?: string): Promise<ClaimView[]> {
  const dr = client.disputes();
  const n = await dr.claimCount();
  const out: ClaimView[] = [];
  for (let id = 1n; id <= n; id++) {
    const v = await claimView(client, id, { evidence: false });
    if (member && v.claimant !== member && v.respondent !== member) continue;
    out.push(v);
  }
  return out;
}
