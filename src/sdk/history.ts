/**
 * A member's whole record, in time order, for arbitrators (`covenant history`) and the demo:
 * membership status changes (Membership events), agreements signed and acceded (AgreementRegistry
 * signature records), everything the breach history holds about it as claimant and as respondent
 * (claims, rulings, defaults, penalties: the `HistoryAppended` events, checked against the on-chain
 * heads, I8), and the evidence of its claims from the `EvidenceSubmitted` events (evidence is an
 * event only: C3). Event scans start at the suite's deployment block (the address book's
 * `deployedBlock`) and go in bounded chunks.
 */
import { formatUnits, getAddress, Interface, isAddress, zeroPadValue, ZeroHash } from "ethers";
import { ENTRY_KIND, DEFAULT_KIND, RULINGS, BlockTimes, scanLogs, scanParsed, scanStart } from "./claims";
import type { CovenantClient } from "./client";
import { findMember, memberNames, type MemberView } from "./members";
import { inputError } from "./errors";
import { bitsToRemedies, clauseIdToText } from "./terms";
import { AGREEMENT_KINDS, SIGNATURE_METHODS } from "./verify";
import { isoTime } from "./agreementInput";
import {
  checkMemberHead,
  countsOf,
  loggedEntries,
  type HeadCheck,
  type LogEntry,
  type LoggedEntry,
} from "./historyLog";

/** What a history line is about (the dossier's timeline lanes, in this order). */
export const HISTORY_CATEGORIES = [
  "membership",
  "signature",
  "default",
  "claim",
  "evidence",
  "ruling",
  "penalty",
] as const;
export type HistoryCategory = (typeof HISTORY_CATEGORIES)[number];

export interface HistoryItem {
  /** Unix seconds. */
  time: number;
  /** ISO 8601, seconds. */
  iso: string;
  category: HistoryCategory;
  /** The event or entry kind, e.g. `MemberAdmitted`, `Filed`, `PenaltyApplied`. */
  event: string;
  /** The member's part: member, party, claimant, respondent. */
  role: string;
  /** One plain sentence. */
  detail: string;
  claimId?: string;
  agreementId?: string;
  /** A document or evidence SHA-256 (or a reasons hash). */
  hash?: string;
  uri?: string;
  /** Token amount in base units. */
  amount?: string;
  block?: number;
  /** Position in its block (for ordering events of one block), when known. */
  logIndex?: number;
}

/** The breach history's check against the chain (I8): every chain the member's entries belong to. */
export interface HistoryVerification {
  /** The block the entries were read up to and the heads were read at. */
  block: number;
  /** True when every chain's entries, as read from the events, fold to its on-chain head. */
  verified: boolean;
  checks: HeadCheck[];
}

export interface MemberHistory {
  member: MemberView;
  chainId: string;
  generatedAt: string;
  token: { symbol: string; decimals: number };
  counts: Record<string, string>;
  items: HistoryItem[];
  /** The breach history's check against the on-chain heads (absent without a disputes module). */
  verification?: HistoryVerification;
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

const REMEDY_WORDS: Record<string, string> = {
  DAMAGES: "liquidated damages from the performance bond",
  LICENSE_SUSPENSION: "licence suspended",
  LICENSE_REVOCATION: "licence revoked",
  MEMBERSHIP_SUSPENSION: "membership suspended",
  EXPULSION_PROPOSAL: "expulsion proposed to the council",
};

const ENTRY_CATEGORY: Record<string, HistoryCategory> = {
  Filed: "claim",
  Cured: "claim",
  Settled: "claim",
  Answered: "claim",
  Evidence: "evidence",
  Referred: "claim",
  Ruled: "ruling",
  Appealed: "claim",
  Executed: "ruling",
  Dismissed: "ruling",
  Withdrawn: "claim",
  DefaultRecorded: "default",
  PenaltyApplied: "penalty",
  SettlementPaid: "penalty",
  ExpulsionProposed: "penalty",
  SuspensionLifted: "penalty",
  ClosedUnresolved: "claim",
};

const MEMBERSHIP_EVENTS: Record<string, (a: Record<string, unknown>) => string> = {
  MemberApplied: (a) => `applied for membership as "${String(a.name)}"`,
  ApplicationCancelled: () => "cancelled its application",
  ApplicationRejected: () => "application rejected by the council",
  MemberAdmitted: (a) => `admitted by the council (seat ${String(a.seatId)})`,
  MemberSuspended: () => "membership suspended",
  MemberReinstated: () => "membership reinstated",
  WithdrawalNoticeGiven: (a) =>
    `gave notice of withdrawal (effective from ${isoTime(a.earliestWithdrawal as bigint)})`,
  WithdrawalNoticeCancelled: () => "cancelled its withdrawal notice",
  MemberWithdrew: () => "withdrew from the alliance",
  MemberExpelled: () => "expelled by the council",
  ProfileUpdated: () => "profile document replaced",
  LeadUnitSet: () => "named lead unit",
  LeadUnitVacated: () => "stopped being the lead unit",
};

const MEMBERSHIP_HASH_ARG: Record<string, string> = {
  MemberApplied: "profileHash",
  ProfileUpdated: "profileHash",
  MemberSuspended: "reasonHash",
  MemberExpelled: "reasonHash",
  ApplicationRejected: "reasonHash",
};

/**
 * The record of the member found by `query` (address, entity id or exact name, as `member show`),
 * oldest first, checked against the on-chain heads (I8). Reads paged views and bounded event scans only.
 */
export async function buildMemberHistory(
  client: CovenantClient,
  query: string,
  opts: { fromBlock?: number } = {},
): Promise<MemberHistory> {
  const { history, verify } = await readMemberHistory(client, query, opts);
  return verify ? { ...history, verification: await verify() } : history;
}

/**
 * The record as read so far, while the member's own breach-history chain (the largest read) is read
 * newest first: every entry from block `from` up to `toBlock` is in `history.items` (read whole and
 * final), older ones may be missing. Nothing in it is checked yet (I8): that needs the whole chain.
 */
export interface PartialHistory {
  history: MemberHistory;
  /** The blocks `from..toBlock` whose entries are all in `history.items`. */
  from: number;
  toBlock: number;
}

/** Width in blocks of the first range of a streamed read (it doubles after each range). */
export const HISTORY_FIRST_SPAN = 1;

/** How {@link readMemberHistory} reads. */
export interface HistoryReadOptions {
  /** First block of every event scan (default: the suite's deployment block). */
  fromBlock?: number;
  /** The block everything is read up to and the heads are checked at (default: the latest block). */
  atBlock?: number | Promise<number>;
  /**
   * The member's record when the caller is already reading it (the portal shows it above the
   * history): read once for both. The query must then be the member's address.
   */
  member?: Promise<MemberView>;
  /**
   * Streamed: called after each range of the member's own chain with the record so far. When the
   * first call returns a promise, the later ranges are read only once it settles (a page that draws
   * the first entries holds the megabytes of older ranges back until they are drawn).
   */
  onPartial?: (partial: PartialHistory) => unknown;
}

/**
 * The same record in two steps, for a reader that shows the entries before their check completes
 * (the portal's member page): `history` without `verification`, and `verify`, which checks every
 * chain the entries were read from against its head at the block they were read up to (I8; absent
 * without a disputes module). Until `verify` resolves with `verified: true` the entries are unchecked.
 * With `onPartial`, the member's own chain is read in block ranges newest first and `onPartial` is
 * called after each range with the record so far ({@link PartialHistory}); the result is the same.
 * When the query is an address, every part is read at once beside the member's record (no read
 * waits for another it does not need).
 */
export async function readMemberHistory(
  client: CovenantClient,
  query: string,
  opts: HistoryReadOptions = {},
): Promise<{ history: MemberHistory; verify?: () => Promise<HistoryVerification> }> {
  const membership = client.membership();
  // Independent first reads, at once: the member, the token, the block everything is read up to.
  const memberRead: Promise<MemberView> = opts.member
    ? opts.member.then((v) => {
        if (!isAddress(query.trim()) || getAddress(query.trim()) !== v.address)
          throw inputError(`the member's record read is of ${v.address}, not of "${query}"`);
        if (v.status === "None" && v.entityId === ZeroHash)
          throw inputError(`${v.address} is not a member and never applied`);
        return v;
      })
    : findMember(client, query, { fromBlock: opts.fromBlock });
  const tokenRead = tokenInfo(client);
  const latestRead = Promise.resolve(opts.atBlock ?? client.provider.getBlockNumber());
  // every part waits for nothing but the address and the block when the query is an address
  const whoRead = isAddress(query.trim())
    ? Promise.resolve(getAddress(query.trim()))
    : memberRead.then((m) => m.address);
  // The names of the parties and actors the lines name: one scan of the Membership events (a name
  // is only in the events: no read of storage would check it), asked only when the lines need one.
  const needNames = client.has("DisputeResolution") && client.has("BreachHistory");
  const namesRead = needNames ? memberNames(client, { fromBlock: opts.fromBlock }) : undefined;
  // awaited below; a failure of any is reported there (and not as an unhandled rejection before)
  for (const p of [memberRead, tokenRead, latestRead, whoRead, namesRead]) p?.catch(() => undefined);
  const [who, latest] = await Promise.all([whoRead, latestRead]);
  const fromBlock = opts.fromBlock ?? scanStart(client);
  const times = new BlockTimes(client);
  // by the address as written (the checksum costs a hash: thousands of lines name a few addresses)
  const labels = new Map<string, Promise<string>>();
  const nameOf = (a: string): Promise<string> => {
    let p = labels.get(a);
    if (!p) {
      const key = getAddress(a);
      p = Promise.resolve(namesRead).then((names) => names?.get(key) || key);
      labels.set(a, p);
    }
    return p;
  };
  // the member's record and the token, once read (every line and record below is built after both)
  let member!: MemberView;
  let token!: { symbol: string; decimals: number };
  const recordRead = Promise.all([memberRead, tokenRead]).then(([m, t]) => {
    member = m;
    token = t;
  });
  const money = (v: bigint | string) => `${formatUnits(BigInt(v), token.decimals)} ${token.symbol}`;
  // opened once the first partial record is passed on and taken in (or the breach part ends)
  const gate = (() => {
    let open!: () => void;
    const ready = new Promise<void>((r) => (open = r));
    return { ready, open: () => open() };
  })();
  /** The record of `items` (sorted here); the counts from `mine`, the verified entries. */
  const assemble = (items: HistoryItem[], mine: LogEntry[] | undefined): MemberHistory => {
    // time order; within one block, log order (a signature record has no log index: first)
    items.sort(
      (x, y) => x.time - y.time || (x.block ?? 0) - (y.block ?? 0) || (x.logIndex ?? -1) - (y.logIndex ?? -1),
    );
    // The counts are computed from the same verified entries (the contract keeps none: C3, I8).
    const counts: Record<string, string> = {};
    if (mine) {
      const c = countsOf(mine, who);
      for (const [k, v] of Object.entries(c)) counts[k] = v.toString();
    }
    return {
      member,
      chainId: client.chainId.toString(),
      generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      token,
      counts,
      items,
    };
  };
  // The three parts below are read at once; their lines are joined in this order before sorting.
  const membershipPart = async (): Promise<HistoryItem[]> => {
    const items: HistoryItem[] = [];
    // -------------------------------------------------------------- membership events (topic 1 = member)
    const mIface = membership.interface as unknown as Interface;
    // in the bounded block ranges every scan uses (they shrink when a node refuses a range)
    const logs = await scanLogs(
      client,
      { address: client.address("Membership"), topics: [null, zeroPadValue(who, 32)] },
      fromBlock,
      latest,
    );
    // the block times at once (none asked when the node gives them with the logs)
    const lines = logs.map(async (log): Promise<HistoryItem | undefined> => {
      const parsed = mIface.parseLog({ topics: [...log.topics], data: log.data });
      if (!parsed || !(parsed.name in MEMBERSHIP_EVENTS)) return undefined;
      const args: Record<string, unknown> = {};
      parsed.fragment.inputs.forEach((p, i) => (args[p.name] = parsed.args[i]));
      const time = log.blockTimestamp ?? (await times.of(log.blockNumber));
      const hashArg = MEMBERSHIP_HASH_ARG[parsed.name];
      return {
        time,
        iso: isoTime(time),
        category: "membership",
        event: parsed.name,
        role: "member",
        detail: MEMBERSHIP_EVENTS[parsed.name](args),
        hash: hashArg ? (args[hashArg] as string) : undefined,
        block: log.blockNumber,
        logIndex: log.index,
      };
    });
    for (const line of await Promise.all(lines)) if (line) items.push(line);

    return items;
  };

  const signaturePart = async (): Promise<HistoryItem[]> => {
    const items: HistoryItem[] = [];
    // -------------------------------------------------------------- agreements signed (signature records)
    if (client.has("AgreementRegistry")) {
      const registry = client.agreements();
      const regAt = client.address("AgreementRegistry");
      const regIface = registry.interface as unknown as Interface;
      // Lean records: the signatures are events (the registry keeps only each party's method).
      // both events name the member as their second indexed input: one scan for both
      const logs = await scanParsed(
        client,
        regIface,
        regAt,
        ["AgreementSigned", "CharterAcceded"],
        [undefined, who],
        fromBlock,
        latest,
      );
      const signed = logs.filter((l) => l.eventName === "AgreementSigned");
      const acceded = logs.filter((l) => l.eventName === "CharterAcceded");
      const seen = new Set<string>();
      const firsts = [...signed, ...acceded].filter((l) => {
        // An acceder's record is its first accession to that version.
        const id = String(l.args[0]);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      // every agreement and block time at once, the lines in the order of the events
      const lines = firsts.map(async (l): Promise<HistoryItem> => {
        const id = l.args[0] as bigint;
        const accession = l.eventName === "CharterAcceded";
        const [a, time] = await Promise.all([
          registry.agreementOf(id),
          l.blockTimestamp ?? times.of(l.blockNumber),
        ]);
        const method = SIGNATURE_METHODS[Number(l.args[2])];
        const kind = AGREEMENT_KINDS[Number(a.kind)];
        return {
          time,
          iso: isoTime(time),
          category: "signature",
          event: accession ? "CharterAcceded" : "AgreementSigned",
          role: accession ? "member" : "party",
          detail: `${accession ? "acceded to" : "signed"} agreement ${id} (${kind} v${a.version}) by ${method}`,
          agreementId: id.toString(),
          hash: a.documentHash,
          uri: a.uri,
          block: l.blockNumber,
        };
      });
      items.push(...(await Promise.all(lines)));
    }

    return items;
  };

  const breachPart = async (): Promise<{
    items: HistoryItem[];
    verify?: () => Promise<HistoryVerification>;
    mine?: LogEntry[];
  }> => {
    const items: HistoryItem[] = [];
    // -------------------------------------------------------------- breach history (events, verified)
    let verify: (() => Promise<HistoryVerification>) | undefined;
    let mine: LogEntry[] | undefined;
    if (client.has("DisputeResolution") && client.has("BreachHistory")) {
      const dr = client.disputes();
      const drAt = client.address("DisputeResolution");
      const drIface = dr.interface as unknown as Interface;
      // Everything below is read up to one block, the one the heads are read at.
      const atBlock = latest;
      const me = getAddress(who);
      // The member's own chain (the largest read) starts at once; the claims it filed name the others.
      // Streamed (`onPartial`): newest range first, each range's entries passed on as they are read.
      const ownRanges: { entries: LoggedEntry[]; from: number }[] = [];
      let ownRangeRead: (() => void) | undefined;
      // After its first range the own chain waits until everything else is read and the first
      // partial record is passed on (and, when `onPartial` returns a promise, taken in): its later
      // ranges (megabytes, decoded on the reader's thread) would hold back the small reads the first
      // partial record needs, and the reader's drawing of it.
      const ownChain = loggedEntries(client, {
        member: me,
        fromBlock,
        toBlock: atBlock,
        ...(opts.onPartial
          ? {
              newestFirst: true,
              firstSpan: HISTORY_FIRST_SPAN,
              onRange: (entries: LoggedEntry[], from: number) => {
                ownRanges.push({ entries, from });
                ownRangeRead?.();
                return ownRanges.length === 1 ? gate.ready : undefined;
              },
            }
          : {}),
      });
      ownChain.catch(() => undefined); // awaited below; a failure is reported there
      // The member's claims, as claimant and as respondent (both addresses are indexed topics).
      // (one scan of every claim filed and every evidence submitted, sorted out here)
      const claimLogs = await scanParsed(
        client,
        drIface,
        drAt,
        ["ClaimFiled", "EvidenceSubmitted"],
        [],
        fromBlock,
        atBlock,
      );
      const filed = claimLogs.filter((l) => l.eventName === "ClaimFiled");
      const asClaimant = filed.filter((l) => getAddress(l.args.claimant as string) === me);
      const asRespondent = filed.filter((l) => getAddress(l.args.respondent as string) === me);
      const evidence = claimLogs.filter((l) => l.eventName === "EvidenceSubmitted");
      const statements = new Map<string, string>();
      const parties = new Map<string, { claimant: string; respondent: string; agreementId: string }>();
      for (const l of [...asClaimant, ...asRespondent]) {
        statements.set(String(l.args.claimId), l.args.statementURI as string);
        parties.set(String(l.args.claimId), {
          claimant: getAddress(l.args.claimant as string),
          respondent: getAddress(l.args.respondent as string),
          agreementId: String(l.args.record.agreementId),
        });
      }
      // I8: the entries come from the `HistoryAppended` events (each carries its entry whole), read
      // by respondent (an indexed topic): the member's chain, and the chains of the respondents of
      // the claims it filed (where its entries as claimant are). Each chain read is checked against
      // its head at `atBlock` (`verify`), so a node that drops or alters an entry is caught.
      const checked = [me, ...new Set(asClaimant.map((l) => getAddress(l.args.respondent as string)))];
      const uniqueChecked = [...new Set(checked)];
      const othersRead = Promise.all(
        uniqueChecked.map((m) =>
          m === me ? null : loggedEntries(client, { member: m, fromBlock, toBlock: atBlock }),
        ),
      );
      othersRead.catch(() => undefined); // awaited below; a failure is reported there
      const uris = new Map<string, string>();
      for (const l of evidence) {
        if (!parties.has(String(l.args.claimId))) continue;
        uris.set(`${String(l.args.claimId)}:${String(l.args.evidenceHash)}`, l.args.uri as string);
      }
      // C3: evidence (a response too) is an event only, no history entry: one `Evidence` line per
      // `EvidenceSubmitted` of a claim the member is a party to, as its claimant or its respondent
      // (every block time and name at once, the lines in the order of the events).
      const evidenceLines = evidence.map(async (l): Promise<HistoryItem | undefined> => {
        const claimId = String(l.args.claimId);
        const p = parties.get(claimId);
        if (!p || (p.claimant !== me && p.respondent !== me)) return undefined;
        const [time, party] = await Promise.all([
          l.blockTimestamp ?? times.of(l.blockNumber),
          nameOf(l.args.party as string),
        ]);
        return {
          time,
          iso: isoTime(time),
          category: "evidence",
          event: "Evidence",
          role: p.claimant === me ? "claimant" : "respondent",
          detail: `evidence on claim ${claimId} submitted by ${party}`,
          claimId,
          agreementId: p.agreementId,
          hash: l.args.evidenceHash as string,
          uri: l.args.uri as string,
          block: l.blockNumber,
          logIndex: l.index,
        };
      });
      for (const line of await Promise.all(evidenceLines)) if (line) items.push(line);
      // the lines below name amounts in the token and need the member's record
      await recordRead;
      const ctx = { nameOf, money, uris, statements };
      /** The lines of the logged entries that name the member (as respondent or claimant). */
      const entryLines = async (logged: LoggedEntry[]): Promise<HistoryItem[]> => {
        const named = new Set<string>();
        for (const { entry: e } of logged) {
          if (e.respondent !== me && e.claimant !== me) continue;
          named.add(e.actor);
          const other = e.respondent === me ? e.claimant : e.respondent;
          if (other !== ZERO_ADDRESS) named.add(other);
        }
        await Promise.all([...named].map(nameOf));
        const out: HistoryItem[] = [];
        for (const l of logged) {
          const e = l.entry;
          if (e.respondent !== me && e.claimant !== me) continue;
          out.push({
            ...(await entryItem(e, e.respondent === me ? "respondent" : "claimant", {
              ...ctx,
              entryId: l.entryId,
            })),
            block: l.block,
            logIndex: l.logIndex,
          });
        }
        return out;
      };
      // Streamed: the record so far after each range of the member's own chain, once everything
      // else (membership, signatures, evidence, the other chains) is read whole.
      if (opts.onPartial) {
        const onPartial = opts.onPartial;
        const [mItems, sItems, others] = await Promise.all([early.membership, early.signatures, othersRead]);
        const fixed = [...mItems, ...sItems, ...items, ...(await entryLines(others.flatMap((x) => x ?? [])))];
        const own: HistoryItem[] = [];
        let shown = 0;
        let busy: Promise<void> = Promise.resolve();
        const pass = () => {
          busy = busy.then(async () => {
            while (shown < ownRanges.length) {
              const r = ownRanges[shown++];
              try {
                own.push(...(await entryLines(r.entries)));
                const taken = onPartial({
                  history: assemble([...fixed, ...own], undefined),
                  from: r.from,
                  toBlock: atBlock,
                });
                // the later ranges wait until the reader has taken in the first partial record
                if (shown === 1) await taken;
              } finally {
                gate.open();
              }
            }
          });
        };
        ownRangeRead = pass;
        pass();
        await ownChain.catch(() => undefined);
        await busy.catch(() => undefined);
      }
      const chainsRead = await Promise.all([ownChain, othersRead]).then(([own, others]) =>
        others.map((x) => x ?? own),
      );
      const chains = new Map<string, LogEntry[]>();
      uniqueChecked.forEach((m, i) =>
        chains.set(
          m,
          chainsRead[i].map((l) => l.entry),
        ),
      );
      const logged = chainsRead.flat();
      items.push(...(await entryLines(logged)));
      mine = logged.map((l) => l.entry);
      verify = async () => {
        const checks = await Promise.all(
          uniqueChecked.map((m) => checkMemberHead(client, m, chains.get(m) ?? [], atBlock)),
        );
        return { block: atBlock, verified: checks.every((c) => c.verified), checks };
      };
    }

    return { items, verify, mine };
  };

  recordRead.catch(() => undefined); // awaited below; a failure is reported there
  const early = { membership: membershipPart(), signatures: signaturePart() };
  const [mItems, sItems, breach] = await Promise.all([
    early.membership,
    early.signatures,
    breachPart().finally(gate.open),
    recordRead,
  ]);
  const { verify, mine } = breach;
  return { history: assemble([...mItems, ...sItems, ...breach.items], mine), verify };
}

async function tokenInfo(client: CovenantClient): Promise<{ symbol: string; decimals: number }> {
  try {
    const t = client.token();
    const [symbol, decimals] = await Promise.all([t.symbol(), t.decimals()]);
    return { symbol, decimals: Number(decimals) };
  } catch {
    return { symbol: "units", decimals: 0 };
  }
}

async function entryItem(
  e: LogEntry,
  role: "claimant" | "respondent",
  ctx: {
    nameOf: (a: string) => Promise<string>;
    money: (v: bigint | string) => string;
    uris: Map<string, string>;
    statements: Map<string, string>;
    entryId: bigint;
  },
): Promise<HistoryItem> {
  const kind = ENTRY_KIND[Number(e.kind)] ?? `Kind${e.kind}`;
  const time = Number(e.recordedAt);
  const claimId = e.claimId.toString();
  const clause = clauseIdToText(e.clauseId);
  const base: HistoryItem = {
    time,
    iso: isoTime(time),
    category: ENTRY_CATEGORY[kind] ?? "claim",
    event: kind,
    role,
    detail: "",
    claimId,
    agreementId: e.agreementId.toString(),
  };
  const other = role === "claimant" ? e.respondent : e.claimant;
  const otherName = other && other !== ZERO_ADDRESS ? await ctx.nameOf(other) : "";
  const actorName = await ctx.nameOf(e.actor);
  switch (kind) {
    case "Filed":
      return {
        ...base,
        hash: e.data,
        uri: ctx.statements.get(claimId),
        amount: e.amount.toString(),
        detail:
          role === "claimant"
            ? `filed claim ${claimId} against ${otherName} (agreement ${e.agreementId}, clause ${clause}; damages ${ctx.money(e.amount)})`
            : `claim ${claimId} filed against it by ${otherName} (agreement ${e.agreementId}, clause ${clause}; damages ${ctx.money(e.amount)})`,
      };
    case "Answered":
      return {
        ...base,
        hash: e.data,
        uri: ctx.uris.get(`${claimId}:${e.data}`),
        detail: `claim ${claimId} answered by ${actorName}`,
      };
    case "Evidence":
      return {
        ...base,
        hash: e.data,
        uri: ctx.uris.get(`${claimId}:${e.data}`),
        detail: `evidence on claim ${claimId} submitted by ${actorName}`,
      };
    case "Referred":
      return { ...base, detail: `claim ${claimId} referred to arbitration (dispute ${BigInt(e.data)})` };
    case "Appealed":
      return { ...base, detail: `ruling on claim ${claimId} appealed by ${actorName}` };
    case "Ruled":
      return { ...base, detail: `claim ${claimId} ruled: ${RULINGS[Number(e.detailKind)] ?? e.detailKind}` };
    case "Executed":
      return { ...base, detail: `ruling on claim ${claimId} executed (claim upheld)` };
    case "Dismissed":
      return {
        ...base,
        detail: `claim ${claimId} dismissed (ruling: ${RULINGS[Number(e.detailKind)] ?? e.detailKind})`,
      };
    case "Withdrawn":
      return { ...base, detail: `claim ${claimId} withdrawn by the claimant` };
    case "Cured":
      return { ...base, detail: `claim ${claimId} closed as cured` };
    case "Settled":
      return {
        ...base,
        amount: e.amount.toString(),
        detail: `claim ${claimId} settled (${ctx.money(e.amount)} paid)`,
      };
    case "SettlementPaid":
      return {
        ...base,
        amount: e.amount.toString(),
        detail: `settlement of ${ctx.money(e.amount)} paid on claim ${claimId}`,
      };
    case "DefaultRecorded": {
      const dk = DEFAULT_KIND[Number(e.detailKind)] ?? `default ${e.detailKind}`;
      const what =
        dk === "LateContribution"
          ? `late contribution to project ${claimId}`
          : `unpaid royalty on licence ${claimId}`;
      return {
        ...base,
        claimId: undefined,
        amount: e.amount.toString(),
        detail: `default recorded: ${what} (${ctx.money(e.amount)} due, penalty ${ctx.money(e.penalty)}; agreement ${e.agreementId}, clause ${clause})`,
      };
    }
    case "PenaltyApplied": {
      const remedy = bitsToRemedies(e.detailKind)[0] ?? `remedy ${e.detailKind}`;
      const money = remedy === "DAMAGES" ? `: ${ctx.money(e.amount)}` : "";
      return {
        ...base,
        amount: e.amount.toString(),
        detail: `penalty on claim ${claimId}: ${REMEDY_WORDS[remedy] ?? remedy}${money}`,
      };
    }
    case "ExpulsionProposed":
      return {
        ...base,
        detail: `expulsion put to the council on claim ${claimId} (proposal ${BigInt(e.data)})`,
      };
    case "SuspensionLifted":
      return {
        ...base,
        hash: BigInt(e.data) === 0n ? undefined : e.data,
        detail: `licence suspension of claim ${claimId} lifted by ${actorName}`,
      };
    case "ClosedUnresolved":
      return {
        ...base,
        detail: `claim ${claimId} closed unresolved by ${actorName}: no ruling by the deadline (dispute ${BigInt(e.data)})`,
      };
    default:
      return { ...base, detail: `${kind} on claim ${claimId} (entry ${ctx.entryId})` };
  }
}
