import { getAddress, isAddress, zeroPadValue, ZeroAddress, ZeroHash, type EventLog } from "ethers";
import type { Membership } from "../../typechain-types";
import type { CovenantClient } from "./client";
import { BlockTimes, scanLogs, scanStart } from "./claims";
import { chainError, inputError, MEMBER_KIND, MEMBER_STATUS } from "./errors";
import { sha256Hex } from "./hash";

export type MemberKindName = (typeof MEMBER_KIND)[number];
export type MemberStatusName = (typeof MEMBER_STATUS)[number];

/**
 * The on-chain entity id of a legal entity: SHA-256 of the UTF-8 bytes of its id (e.g. its
 * 18-character unified social credit code), trimmed and upper-cased so that the same code typed
 * in either case gives the same id. Anyone can recompute it with
 * `printf %s 91110000100000000X | sha256sum`.
 */
export function entityIdHash(code: string): string {
  const norm = code.trim().toUpperCase();
  if (norm.length === 0) throw inputError("the entity id is empty");
  if (norm.length > 64) throw inputError("the entity id is longer than 64 characters");
  if (!/^[\x21-\x7e]+$/.test(norm))
    throw inputError("the entity id may contain only printable ASCII without spaces");
  return sha256Hex(norm);
}

function parseEnum<T extends string>(names: readonly T[], what: string, text: string): number {
  const i = names.findIndex((n) => n.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown ${what} "${text}": use one of ${names.join(", ")}`);
  return i;
}

export const parseKind = (text: string): number => parseEnum(MEMBER_KIND, "kind", text);
export const parseStatus = (text: string): number => parseEnum(MEMBER_STATUS, "status", text);

/** A member's record in plain values (names for enums, ISO times). */
export interface MemberView {
  address: string;
  name: string;
  kind: MemberKindName;
  status: MemberStatusName;
  entityId: string;
  profileHash: string;
  appliedAt: string | null;
  admittedAt: string | null;
  noticeAt: string | null;
  seatId: string;
}

/** Where a membership read looks: logs from `fromBlock` (default: the suite's deployment block). */
export interface MemberReadOptions {
  fromBlock?: number;
}

const iso = (t: bigint | number): string | null =>
  BigInt(t) === 0n ? null : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

/**
 * The Membership events that carry a member's record beyond its storage (lean records): the name and
 * profile hash (`MemberApplied`, `ProfileUpdated`), the times of application and admission, and one
 * event per status change (the status history).
 */
const RECORD_EVENTS = [
  "MemberApplied",
  "ProfileUpdated",
  "ApplicationCancelled",
  "ApplicationRejected",
  "MemberAdmitted",
  "MemberSuspended",
  "MemberReinstated",
  "MemberWithdrew",
  "MemberExpelled",
] as const;

/** What the events say about one account, folded oldest first. */
interface LogRecord {
  /** Position of its first application in the log (list order by kind). */
  order: number;
  /** Position in the log of its last status change (list order within a status). */
  since: number;
  name: string;
  profileHash: string;
  /** Entity id and kind of the last application (the chain stores both). */
  entityId: string;
  kind: number;
  status: number;
  /** The status a pending application returns to if cancelled or rejected. */
  previous: number;
  appliedBlock: number | null;
  admittedBlock: number | null;
  /** Every status change: block and the status it led to. */
  changes: { block: number; status: number }[];
}

const STATUS = { None: 0, Applicant: 1, Active: 2, Suspended: 3, Withdrawn: 4, Expelled: 5 } as const;

/** The status each event leads to (`undefined`: back to the standing before the application). */
const LEADS_TO: Record<string, number | undefined> = {
  MemberApplied: STATUS.Applicant,
  ApplicationCancelled: undefined,
  ApplicationRejected: undefined,
  MemberAdmitted: STATUS.Active,
  MemberSuspended: STATUS.Suspended,
  MemberReinstated: STATUS.Active,
  MemberWithdrew: STATUS.Withdrawn,
  MemberExpelled: STATUS.Expelled,
};

/** A decoded Membership event: what {@link foldRecords} reads of it. */
interface RecordLog {
  eventName: string;
  args: EventLog["args"];
  blockNumber: number;
}

/** Folds membership logs (in log order) into one record per account. */
function foldRecords(logs: RecordLog[]): Map<string, LogRecord> {
  const out = new Map<string, LogRecord>();
  let seq = 0;
  for (const l of logs) {
    seq += 1;
    const account = getAddress(l.args[0] as string);
    let r = out.get(account);
    if (!r) {
      r = {
        order: out.size,
        since: 0,
        name: "",
        profileHash: ZeroHash,
        entityId: ZeroHash,
        kind: 0,
        status: STATUS.None,
        previous: STATUS.None,
        appliedBlock: null,
        admittedBlock: null,
        changes: [],
      };
      out.set(account, r);
    }
    const event = l.eventName;
    if (event === "ProfileUpdated") {
      r.profileHash = l.args.profileHash as string;
      continue;
    }
    if (event === "MemberApplied") {
      r.previous = r.status;
      r.name = l.args.name as string;
      r.profileHash = l.args.profileHash as string;
      r.entityId = l.args.entityId as string;
      r.kind = Number(l.args.kind);
      r.appliedBlock = l.blockNumber;
    }
    if (event === "MemberAdmitted" || event === "MemberReinstated") r.admittedBlock = l.blockNumber;
    let next = LEADS_TO[event];
    if (next === undefined) {
      next = r.previous;
      r.previous = STATUS.None;
      // A first application that ends erases the record (Membership deletes it).
      if (next === STATUS.None) {
        r.name = "";
        r.profileHash = ZeroHash;
        r.entityId = ZeroHash;
        r.kind = 0;
        r.appliedBlock = null;
        r.admittedBlock = null;
      }
    }
    r.status = next;
    r.since = seq;
    r.changes.push({ block: l.blockNumber, status: next });
  }
  return out;
}

/** Block times known from the logs (when the node gives them), the rest asked once each. */
class LogTimes {
  constructor(
    private readonly known: Map<number, number>,
    private readonly asked: BlockTimes,
  ) {}
  of(block: number): Promise<number> {
    const t = this.known.get(block);
    return t === undefined ? this.asked.of(block) : Promise.resolve(t);
  }
}

/**
 * The membership logs of `account` (every account when undefined) up to block `toBlock`, decoded,
 * in log order, with the block times the node gave with them: one bounded log scan for all
 * members, whose times then cost no block reads on nodes that give them (anvil, recent geth).
 */
async function recordLogs(
  client: CovenantClient,
  account: string | undefined,
  toBlock: number,
  opts: MemberReadOptions,
): Promise<{ logs: RecordLog[]; times: LogTimes }> {
  const membership = client.membership();
  const events = RECORD_EVENTS.map((e) => membership.interface.getEvent(e));
  const topics = events.map((e) => e.topicHash);
  // each event's fragment by its topic, found once (ethers' parseLog hashes every signature per log)
  const byTopic = new Map(events.map((e) => [e.topicHash, e]));
  const filter = {
    address: client.address("Membership"),
    topics: account === undefined ? [topics] : [topics, zeroPadValue(getAddress(account), 32)],
  };
  const raw = await scanLogs(client, filter, opts.fromBlock ?? scanStart(client), toBlock);
  const known = new Map<number, number>();
  const logs: RecordLog[] = [];
  for (const l of raw) {
    if (l.removed) continue;
    const event = byTopic.get(l.topics[0]);
    if (!event)
      throw chainError(`the node answered a log that is not a Membership event (block ${l.blockNumber})`);
    const args = membership.interface.decodeEventLog(event, l.data, l.topics);
    logs.push({ eventName: event.name, args: args as EventLog["args"], blockNumber: l.blockNumber });
    if (l.blockTimestamp !== undefined) known.set(l.blockNumber, l.blockTimestamp);
  }
  return { logs, times: new LogTimes(known, new BlockTimes(client)) };
}

/**
 * One view from the record in storage (read at `block`) and what the events say; a chain error if
 * the events do not lead to the stored status, entity id and kind (a node that hides or alters a
 * membership event).
 */
async function viewOf(
  membership: Membership,
  address: string,
  log: LogRecord | undefined,
  block: number,
  times: LogTimes,
): Promise<MemberView> {
  const m = await membership.memberOf(address, { blockTag: block });
  const status = Number(m.status);
  if ((log?.status ?? STATUS.None) !== status) {
    throw chainError(
      `the node's Membership events for ${address} lead to ${MEMBER_STATUS[log?.status ?? 0]}, ` +
        `but the chain stores ${MEMBER_STATUS[status]} (block ${block}): the log is incomplete or altered`,
    );
  }
  if (log && (log.entityId !== m.entityId || log.kind !== Number(m.kind))) {
    throw chainError(
      `the node's MemberApplied events for ${address} name another entity id or kind than the chain ` +
        `stores (block ${block}): the log is incomplete or altered`,
    );
  }
  const timeOf = async (b: number | null | undefined) => (b == null ? null : iso(await times.of(b)));
  const [appliedAt, admittedAt] = await Promise.all([timeOf(log?.appliedBlock), timeOf(log?.admittedBlock)]);
  return {
    address: getAddress(address),
    name: log?.name ?? "",
    kind: MEMBER_KIND[Number(m.kind)] ?? "Other",
    status: MEMBER_STATUS[status] ?? "None",
    entityId: m.entityId,
    profileHash: log?.profileHash ?? ZeroHash,
    appliedAt,
    admittedAt,
    noticeAt: iso(m.noticeAt),
    seatId: m.seatId.toString(),
  };
}

/**
 * The record of `address`: entity id, kind, status, notice and seat from storage; name, profile hash
 * and the times of application and admission from its Membership events (lean records).
 */
export async function memberView(
  client: CovenantClient,
  address: string,
  opts: MemberReadOptions = {},
): Promise<MemberView> {
  const at = await client.provider.getBlockNumber();
  const { logs, times } = await recordLogs(client, address, at, opts);
  const log = foldRecords(logs).get(getAddress(address));
  return viewOf(client.membership(), address, log, at, times);
}

/**
 * The name of every account that ever applied (by checksummed address; "" where an application
 * ended without admission), from one scan of the Membership events: labels for many addresses at
 * once (an agreement's parties) with one log query instead of reads per address.
 */
export async function memberNames(
  client: CovenantClient,
  opts: MemberReadOptions = {},
): Promise<Map<string, string>> {
  const at = await client.provider.getBlockNumber();
  const records = foldRecords((await recordLogs(client, undefined, at, opts)).logs);
  return new Map([...records].map(([account, r]) => [account, r.name]));
}

/**
 * `account`'s status at unix time `timestamp` (inclusive: a change made at `timestamp` counts),
 * rebuilt from its Membership events (each status change has one); a future time gives the status
 * now. Checked against the status the chain stores.
 */
export async function memberStatusAt(
  client: CovenantClient,
  account: string,
  timestamp: number,
  opts: MemberReadOptions = {},
): Promise<MemberStatusName> {
  const at = await client.provider.getBlockNumber();
  const { logs, times } = await recordLogs(client, account, at, opts);
  const log = foldRecords(logs).get(getAddress(account));
  const stored = Number(await client.membership().statusOf(account, { blockTag: at }));
  if ((log?.status ?? STATUS.None) !== stored) {
    throw chainError(
      `the node's Membership events for ${getAddress(account)} do not lead to the stored status ` +
        `${MEMBER_STATUS[stored]}: the log is incomplete or altered`,
    );
  }
  let status: number = STATUS.None;
  for (const c of log?.changes ?? []) {
    if ((await times.of(c.block)) > timestamp) break;
    status = c.status;
  }
  return MEMBER_STATUS[status] ?? "None";
}

/**
 * Every member record with the given status and/or kind (all records that ever applied and were
 * not cancelled or rejected when neither is given), found from the Membership events, each checked
 * against the chain. Ordered by status, then by when each entered it (as the former on-chain lists,
 * in the order of admission for the active members); by first application when a kind is given.
 */
export async function listMembers(
  client: CovenantClient,
  filter: { status?: number; kind?: number } = {},
  opts: MemberReadOptions = {},
): Promise<MemberView[]> {
  const at = await client.provider.getBlockNumber();
  const { logs, times } = await recordLogs(client, undefined, at, opts);
  const records = foldRecords(logs);
  const entries = [...records.entries()]
    .filter(([, r]) => r.status !== STATUS.None)
    .filter(([, r]) => filter.status === undefined || r.status === filter.status)
    .sort(([, a], [, b]) =>
      filter.kind === undefined ? a.status - b.status || a.since - b.since : a.order - b.order,
    );
  // one contract for every read (a contract per read would parse the ABI once per member)
  const membership = client.membership();
  const views = await Promise.all(entries.map(([a, r]) => viewOf(membership, a, r, at, times)));
  return views.filter((v) => filter.kind === undefined || v.kind === MEMBER_KIND[filter.kind]);
}

/**
 * Finds a member by address, by entity id (the code, hashed as in {@link entityIdHash}, or the
 * 0x-hash itself) or by exact name. Throws an input error naming what was not found.
 */
export async function findMember(
  client: CovenantClient,
  query: string,
  opts: MemberReadOptions = {},
): Promise<MemberView> {
  const q = query.trim();
  if (isAddress(q)) {
    const v = await memberView(client, q, opts);
    if (v.status === "None" && v.entityId === ZeroHash) {
      throw inputError(`${getAddress(q)} is not a member and never applied`);
    }
    return v;
  }
  const candidates: string[] = [];
  if (/^0x[0-9a-fA-F]{64}$/.test(q)) candidates.push(q);
  try {
    candidates.push(entityIdHash(q));
  } catch {
    // not shaped like an entity id: try it as a name only
  }
  const membership = client.membership();
  for (const c of candidates) {
    const holder = await membership.accountOfEntity(c);
    if (holder !== ZeroAddress) return memberView(client, holder, opts);
  }
  const byName = (await listMembers(client, {}, opts)).filter((m) => m.name === q);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw inputError(`${byName.length} members are named "${q}": use the address`);
  throw inputError(`no member with address, entity id or name "${q}"`);
}
