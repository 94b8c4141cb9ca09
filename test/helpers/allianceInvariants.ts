import type { BaseContract, Interface, Result } from "ethers";
import type { AllianceMulticall } from "../../typechain-types";
import { ethers } from "hardhat";
import type { FullSuite } from "./suite";
import { historySnapshot } from "../contracts/disputes/invariants";
import type { ClaimRecord } from "../contracts/disputes/helpers";
import { headOf, LOG_ENTRY_FIELDS, toLogEntry, type LogEntry } from "../../src/sdk/historyLog";

/**
 * The invariants I1-I10 of SECURITY-CHECKLIST.md over the whole suite, for stateful tests.
 *
 * `observeAlliance` reads every input of every invariant in ONE `eth_call` (through the test-only
 * `AllianceMulticall`), so a property test can check all of them after every step; `checkAlliance`
 * then checks the invariants on that observation, on the previous one (what may only grow or fall in
 * one way) and on the facts only a model knows (`AllianceFacts`: what was posted, slashed and
 * released, who signed when it was a party, which claim a step claimed). The observation doubles as
 * the state digest a reverted command must leave unchanged (`expectUnchanged`).
 */

const BPS = 10_000n;
/** `ClaimStatus` values after which a claim is closed (Executed, Dismissed, Settled, Cured, Withdrawn). */
const CLOSED_CLAIM = new Set([5, 6, 7, 8, 9]);
/** `SpendStatus.Executed`. */
const SPEND_EXECUTED = 2n;
/** `MemberStatus.Active`. */
const ACTIVE = 2n;

/** What to watch: accounts and ids, all known to the test's model. */
export interface AllianceWatch {
  /** Every account that ever applied: status, seat and bond are read (I6, I7). */
  members: string[];
  /** Projects with the budget lines their grant may pay (fixed at proposal). */
  projects: { id: bigint; grantLines: number[] }[];
  /** Assets with every account that ever held a share (their income is read: I4, I5). */
  assets: { id: bigint; holders: string[] }[];
  /**
   * Claims by their record (as `ClaimFiled` gave it) and what each owes its claimant once Executed
   * (`ClaimPayoutOwed`, 0 once pulled or if nothing is owed): `claimStateOf` checks both against the
   * claim's word, so a wrong record or amount makes the observation revert. A closed claim whose
   * word a later claim on the same claimant, respondent, agreement and clause replaced is not
   * watched (it holds no money: an Executed claim that still owes keeps its word).
   */
  claims: { record: ClaimRecord; owed: bigint }[];
  agreementIds: bigint[];
  /** The charter in force (its acceders' signatures are read too). */
  charterId: bigint;
}

export interface BondAccount {
  held: bigint;
  posted: bigint;
  slashed: bigint;
  released: bigint;
}

export interface AccountView {
  status: bigint;
  seats: bigint;
  bond: BondAccount;
}

export interface ProjectView {
  contributed: bigint;
  refunded: bigint;
  grantReceived: bigint;
  grantReturned: bigint;
  projectSpent: bigint;
  grantSpent: bigint;
  projectBalance: bigint;
  grantBalance: bigint;
  /** Budget lines the grant may pay (bit i = line i). */
  grantLines: number[];
}

export interface SpendView {
  projectId: bigint;
  status: bigint;
  line: bigint;
  fromGrant: boolean;
  amount: bigint;
}

export interface IncomeView {
  accrued: bigint;
  claimed: bigint;
  claimable: bigint;
}

export interface AssetView {
  owners: string[];
  shares: bigint[];
  ownerCount: bigint;
  /** ERC-1155 balance of every holder, past or present. */
  balances: Map<string, bigint>;
  accumulated: bigint;
  income: Map<string, IncomeView>;
  pool: bigint;
}

export interface AgreementView {
  status: bigint;
  partyCount: bigint;
  signedCount: bigint;
  /** The parties. */
  parties: Set<string>;
  /** Parties that signed and acceders (signature method != None), and whether it is an accession. */
  signatures: Map<string, { accession: boolean }>;
}

export interface AllianceObservation {
  vault: bigint;
  liabilities: bigint;
  fund: bigint;
  totals: {
    bonds: bigint;
    claimBonds: bigint;
    projects: bigint;
    grants: bigint;
    royalties: bigint;
    withdrawable: bigint;
  };
  activeCount: bigint;
  activeByStatus: bigint;
  accounts: Map<string, AccountView>;
  projects: Map<bigint, ProjectView>;
  spends: Map<bigint, SpendView>;
  assets: Map<bigint, AssetView>;
  claims: Map<bigint, { status: bigint; bond: bigint }>;
  history: string[][];
  /** Each watched member's running head of its history as respondent (I8): head and count. */
  heads: Map<string, { head: string; count: bigint }>;
  agreements: Map<bigint, AgreementView>;
}

/** Facts only the test's model knows (the chain cannot say them): per member bonds, who signed as a party. */
export interface AllianceFacts {
  /** Per member: expected bond account (I7: held == posted - slashed - released). */
  bonds: Map<string, BondAccount>;
  /** Per agreement: accounts the model saw sign while they were parties (I10), or accede (the charter). */
  signers: Map<bigint, Map<string, { accession: boolean }>>;
  /** The (asset, account) pairs this step claimed income for (I5: claimable falls only by a claim). */
  claimedNow: { assetId: bigint; account: string }[];
  /** Accounts that ever held a share of each asset (I4: dust <= holders - 1). */
  holders: Map<bigint, Set<string>>;
  /** Per asset: Σ net royalty received (I4). */
  netReceived: Map<bigint, bigint>;
}

type Read = { target: BaseContract; fn: string; args: unknown[]; set: (r: Result) => void };

/**
 * Reads everything the invariants need in one call (paged views where the suite has them: parties,
 * acceders, owners; spends by id), so that checking all of I1-I10 after every step stays cheap.
 */
export async function observeAlliance(
  s: FullSuite,
  multicall: AllianceMulticall,
  w: AllianceWatch,
): Promise<AllianceObservation> {
  const reads: Read[] = [];
  const r = (target: BaseContract, fn: string, args: unknown[], set: (x: Result) => void) =>
    reads.push({ target, fn, args, set });
  const o: AllianceObservation = {
    vault: 0n,
    liabilities: 0n,
    fund: 0n,
    totals: { bonds: 0n, claimBonds: 0n, projects: 0n, grants: 0n, royalties: 0n, withdrawable: 0n },
    activeCount: 0n,
    activeByStatus: 0n,
    accounts: new Map(),
    projects: new Map(),
    spends: new Map(),
    assets: new Map(),
    claims: new Map(),
    history: [],
    heads: new Map(),
    agreements: new Map(),
  };
  const t = s.treasury;
  r(s.token, "balanceOf", [t.target], (x) => (o.vault = x[0]));
  r(t, "totalLiabilities", [], (x) => (o.liabilities = x[0]));
  r(t, "allianceFund", [], (x) => (o.fund = x[0]));
  r(t, "totalBonds", [], (x) => (o.totals.bonds = x[0]));
  r(t, "totalClaimBonds", [], (x) => (o.totals.claimBonds = x[0]));
  r(t, "totalProjectBalances", [], (x) => (o.totals.projects = x[0]));
  r(t, "totalGrantBalances", [], (x) => (o.totals.grants = x[0]));
  r(t, "totalRoyaltyPools", [], (x) => (o.totals.royalties = x[0]));
  r(t, "totalWithdrawable", [], (x) => (o.totals.withdrawable = x[0]));
  const m = s.membership;
  r(m, "activeCount", [], (x) => (o.activeCount = x[0]));
  r(m, "countByStatus", [ACTIVE], (x) => (o.activeByStatus = x[0]));
  for (const a of w.members) {
    const v: AccountView = {
      status: 0n,
      seats: 0n,
      bond: { held: 0n, posted: 0n, slashed: 0n, released: 0n },
    };
    o.accounts.set(a, v);
    r(m, "statusOf", [a], (x) => (v.status = x[0]));
    r(s.breachHistory, "memberHead", [a], (x) => o.heads.set(a, { head: x[0].head, count: x[0].count }));
    r(m, "balanceOf", [a], (x) => (v.seats = x[0]));
    r(t, "bondAccountOf", [a], (x) => {
      const [held, posted, slashed, released] = x[0];
      v.bond = { held, posted, slashed, released };
    });
  }
  for (const { id, grantLines } of w.projects) {
    const p: ProjectView = {
      contributed: 0n,
      refunded: 0n,
      grantReceived: 0n,
      grantReturned: 0n,
      projectSpent: 0n,
      grantSpent: 0n,
      projectBalance: 0n,
      grantBalance: 0n,
      grantLines,
    };
    o.projects.set(id, p);
    r(s.projectFunding, "ledgerOf", [id], (x) => {
      const l = x[0];
      Object.assign(p, {
        contributed: l.contributed,
        refunded: l.refunded,
        grantReceived: l.grantReceived,
        grantReturned: l.grantReturned,
      });
    });
    r(s.projectSpending, "spentOf", [id], (x) => ((p.projectSpent = x[0]), (p.grantSpent = x[1])));
    r(t, "projectBalance", [id], (x) => (p.projectBalance = x[0]));
    r(t, "grantBalance", [id], (x) => (p.grantBalance = x[0]));
  }
  // Spends by id (a project's list is its SpendRequested events): every spend of a watched project.
  const watched = new Set(w.projects.map((p) => p.id));
  const spendCount = await s.projectSpending.spendCount();
  for (let sid = 1n; sid <= spendCount; sid++) {
    r(s.projectSpending, "spendOf", [sid], (x) => {
      const sp = x[0];
      if (!watched.has(sp.projectId)) return;
      o.spends.set(sid, {
        projectId: sp.projectId,
        status: sp.status,
        line: sp.line,
        fromGrant: sp.fromGrant,
        amount: sp.amount,
      });
    });
  }
  for (const { id, holders } of w.assets) {
    const v: AssetView = {
      owners: [],
      shares: [],
      ownerCount: 0n,
      balances: new Map(),
      accumulated: 0n,
      income: new Map(),
      pool: 0n,
    };
    o.assets.set(id, v);
    r(s.ipRegistry, "ownersOf", [id, 0, 1000], (x) => ((v.owners = [...x[0]]), (v.shares = [...x[1]])));
    r(s.ipRegistry, "assetOf", [id], (x) => (v.ownerCount = x[0].ownerCount));
    r(s.licenseManager, "accumulatedOf", [id], (x) => (v.accumulated = x[0]));
    r(t, "royaltyPool", [id], (x) => (v.pool = x[0]));
    r(s.ipRegistry, "balanceOfBatch", [holders, holders.map(() => id)], (x) =>
      holders.forEach((a, i) => v.balances.set(a, x[0][i])),
    );
    for (const a of holders) {
      r(s.licenseManager, "incomeOf", [id, a], (x) =>
        v.income.set(a, { accrued: x[0].accrued, claimed: x[0].claimed, claimable: x[0].claimable }),
      );
    }
  }
  for (const { record, owed } of w.claims) {
    const c = { status: 0n, bond: 0n };
    o.claims.set(record.claimId, c);
    // The claim money it holds: an open claim's bond (its record's), an Executed claim's unpaid
    // amount (the bond back plus the slash) while `payoutOwed`, otherwise nothing.
    r(s.disputeResolution, "claimStateOf", [record, owed], (x) => {
      c.status = x[0].status;
      c.bond = Number(c.status) === EXECUTED_CLAIM ? (x[0].payoutOwed ? owed : 0n) : record.bond;
    });
  }
  let historyTotal = 0n;
  r(s.breachHistory, "historyLength", [], (x) => (historyTotal = x[0]));
  for (const id of w.agreementIds) {
    const v: AgreementView = {
      status: 0n,
      partyCount: 0n,
      signedCount: 0n,
      parties: new Set(),
      signatures: new Map(),
    };
    o.agreements.set(id, v);
    r(s.registry, "agreementOf", [id], (x) => {
      Object.assign(v, { status: x[0].status, partyCount: x[0].partyCount, signedCount: x[0].signedCount });
    });
    r(s.registry, "partiesOf", [id, 0, 1000], (x) => {
      for (const p of x[0] as Result[]) {
        v.parties.add(p.account);
        if (p.signature.method !== 0n) v.signatures.set(p.account, { accession: p.signature.accession });
      }
    });
    if (id === w.charterId) {
      r(s.registry, "accedersOf", [id, 0, 1000], (x) => {
        for (const p of x[0] as Result[]) v.signatures.set(p.account, { accession: p.signature.accession });
      });
    }
  }

  const calls = reads.map((q) => ({
    target: q.target.target as string,
    data: (q.target.interface as Interface).encodeFunctionData(q.fn, q.args),
  }));
  // A raw eth_call, its bytes[] split by hand: ethers' decoder costs more than the calls themselves.
  const raw: string = await ethers.provider.send("eth_call", [
    { to: multicall.target, data: multicall.interface.encodeFunctionData("aggregate", [calls]) },
    "latest",
  ]);
  const results = splitBytesArray(raw);
  reads.forEach((q, i) => q.set((q.target.interface as Interface).decodeFunctionResult(q.fn, results[i])));
  // The entries are read from the `HistoryAppended` events (the contract keeps only heads and the length).
  o.history = historyTotal === 0n ? [] : await historySnapshot(s.breachHistory);
  return o;
}

/** The elements of an ABI-encoded `bytes[]` return value (hex in, hex out). */
export function splitBytesArray(hex: string): string[] {
  const data = hex.slice(2);
  const word = (byte: number): number => Number.parseInt(data.slice(byte * 2, byte * 2 + 64), 16);
  const base = word(0);
  const n = word(base);
  const heads = base + 32;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = heads + word(heads + 32 * i);
    const len = word(at);
    out.push(`0x${data.slice((at + 32) * 2, (at + 32 + len) * 2)}`);
  }
  return out;
}

const sum = (xs: bigint[]): bigint => xs.reduce((a, x) => a + x, 0n);

/**
 * A canonical text of a value (bigints, Maps and Sets included, Map and Set order ignored): the
 * observation is compared through it, which is far cheaper than a deep equality after every step.
 */
export function canon(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Map)
      return [
        "Map",
        ...[...v.entries()].map(([k, e]) => [String(k), e]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      ];
    if (v instanceof Set) return ["Set", ...[...v].map(String).sort()];
    return v;
  });
}

/** Throws `what` unless `ok` (plain checks: they run after every step of long campaigns). */
function ensure(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}

function eq<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) ensure(false, `${what}: expected ${String(expected)}, got ${String(actual)}`);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = canon(actual);
  const e = canon(expected);
  if (a !== e) ensure(false, `${what}:\n  expected ${e}\n  got      ${a}`);
}

/** I1: every asset's owner shares sum to 10000 bps, each > 0, no duplicates; ERC-1155 balances agree. */
export function checkI1(o: AllianceObservation): void {
  for (const [id, a] of o.assets) {
    eq(new Set(a.owners).size, a.owners.length, `I1 asset ${id}: distinct owners`);
    ensure(
      a.shares.every((sh) => sh > 0n),
      `I1 asset ${id}: a zero share`,
    );
    eq(sum(a.shares), BPS, `I1 asset ${id}: shares sum`);
    eq(a.ownerCount, BigInt(a.owners.length), `I1 asset ${id}: ownerCount`);
    for (const [acct, bal] of a.balances) {
      const i = a.owners.indexOf(acct);
      eq(bal, i < 0 ? 0n : a.shares[i], `I1 asset ${id}: ERC-1155 balance of ${acct}`);
    }
  }
}

/** I2: the vault holds at least the sum of every sub-ledger, and the liabilities are exactly that sum. */
export function checkI2(o: AllianceObservation): void {
  const t = o.totals;
  const ledgers = o.fund + t.bonds + t.claimBonds + t.projects + t.grants + t.royalties + t.withdrawable;
  eq(o.liabilities, ledgers, "I2: liabilities == Σ sub-ledgers");
  ensure(o.vault >= ledgers, `I2: vault ${o.vault} < Σ sub-ledgers ${ledgers}`);
  ensure(sum([...o.accounts.values()].map((a) => a.bond.held)) <= t.bonds, "I2: Σ bonds > bond ledger");
  ensure(sum(openClaimBonds(o)) <= t.claimBonds, "I2: Σ claim bonds > claim bond ledger");
}

/** I3: per project, contributions - executed project spends - refunds == the project ledger. */
export function checkI3(o: AllianceObservation): void {
  for (const [id, p] of o.projects)
    eq(p.contributed - p.projectSpent - p.refunded, p.projectBalance, `I3 project ${id}`);
}

/**
 * I4: per asset, Σ claimed + Σ claimable + dust == net received (the model's sum of royalty payments
 * minus levies, and the contract's accumulator), 0 <= dust <= holders - 1, and the royalty pool holds
 * exactly claimable + dust. I5: per account, claimed + claimable == accrued (nobody claims more than it
 * accrued), and claimable only falls by a claim of that account in this step, by what it claimed.
 */
export function checkI4I5(
  o: AllianceObservation,
  prev: AllianceObservation | undefined,
  f: AllianceFacts,
): void {
  for (const [id, a] of o.assets) {
    const net = f.netReceived.get(id) ?? 0n;
    eq(a.accumulated, net, `I4 asset ${id}: accumulated == Σ net received`);
    let paid = 0n;
    let open = 0n;
    for (const [acct, inc] of a.income) {
      paid += inc.claimed;
      open += inc.claimable;
      eq(inc.claimed + inc.claimable, inc.accrued, `I5 asset ${id} ${acct}: claimed + claimable == accrued`);
      const before = prev?.assets.get(id)?.income.get(acct);
      if (before && inc.claimable < before.claimable) {
        const claimed = f.claimedNow.some((c) => c.assetId === id && c.account === acct);
        ensure(claimed, `I5 asset ${id} ${acct}: claimable fell without a claim`);
        eq(inc.claimed - before.claimed, before.claimable - inc.claimable, `I5 asset ${id} ${acct}: claimed`);
      }
    }
    const dust = net - paid - open;
    const holders = BigInt(f.holders.get(id)?.size ?? 1);
    ensure(dust >= 0n && dust <= holders - 1n, `I4 asset ${id}: dust ${dust}, holders ${holders}`);
    eq(a.pool, open + dust, `I4 asset ${id}: royalty pool == claimable + dust`);
  }
}

/** I6: active-member count == members whose status is Active == seats in existence (one per Active account). */
export function checkI6(o: AllianceObservation): void {
  eq(o.activeCount, o.activeByStatus, "I6: activeCount == countByStatus(Active)");
  let seats = 0n;
  let active = 0n;
  for (const [a, v] of o.accounts) {
    seats += v.seats;
    if (v.status === ACTIVE) active += 1n;
    eq(v.seats, v.status === ACTIVE ? 1n : 0n, `I6: ${a} holds a seat iff Active`);
  }
  eq(seats, active, "I6: seats == Active members");
  eq(active, o.activeCount, "I6: every Active member is watched");
}

/** I7: per member, bond held == posted - slashed - released, and each tally is what the model expects. */
export function checkI7(o: AllianceObservation, f: AllianceFacts): void {
  for (const [a, v] of o.accounts) {
    const b = v.bond;
    eq(b.held, b.posted - b.slashed - b.released, `I7 ${a}: held == posted - slashed - released`);
    same(b, f.bonds.get(a) ?? { held: 0n, posted: 0n, slashed: 0n, released: 0n }, `I7 ${a}: bond account`);
  }
  // A claim bond is held until its claim closes, then awarded in full (an upheld ruling's with its
  // slash, held until the claimant pulls it): the vault's claim-money total (it keeps no per-claim
  // copy) is the sum of the open claims' bonds and the executed claims' unpaid amounts.
  eq(sum(openClaimBonds(o)), o.totals.claimBonds, "I7: claim bond ledger == Σ open claims' bonds");
}

/** `ClaimStatus.Executed`: its observed `bond` is what its claimant is owed and has not pulled yet. */
const EXECUTED_CLAIM = 5;

/**
 * The claim money the vault holds for the watched claims: the bonds of the claims still open (a
 * closed claim's bond was awarded) and what executed claims still owe their claimants (the claim
 * bond back plus the slash, until `claimPayout`).
 */
function openClaimBonds(o: AllianceObservation): bigint[] {
  return [...o.claims.values()]
    .filter((c) => !CLOSED_CLAIM.has(Number(c.status)) || Number(c.status) === EXECUTED_CLAIM)
    .map((c) => c.bond);
}

/**
 * I8: the history's length never decreases and no entry changes (entries of closed claims included:
 * every earlier entry is compared).
 */
export function checkI8(o: AllianceObservation, prev: AllianceObservation | undefined): void {
  // Restated (C3): each member's head is the fold of its entries as respondent, in order, and its
  // count is their number (the events carry the same entries: test/contracts/disputes/invariants.ts).
  const byRespondent = new Map<string, LogEntry[]>();
  for (const row of o.history) {
    const e = entryOfRow(row);
    byRespondent.set(e.respondent, [...(byRespondent.get(e.respondent) ?? []), e]);
  }
  for (const [member, h] of o.heads) {
    const entries = byRespondent.get(ethers.getAddress(member)) ?? [];
    eq(h.count, BigInt(entries.length), `I8 ${member}: head count`);
    eq(h.head, headOf(entries), `I8 ${member}: head`);
  }
  if (!prev) return;
  ensure(o.history.length >= prev.history.length, "I8: history length fell");
  same(o.history.slice(0, prev.history.length), prev.history, "I8: a history entry changed");
}

/** A history entry from its row (`HistoryEntry`'s fields in order, as text). */
function entryOfRow(row: string[]): LogEntry {
  const names = LOG_ENTRY_FIELDS;
  const addr = new Set(["actor", "claimant", "respondent"]);
  const bytes = new Set(["clauseId", "data"]);
  return toLogEntry(
    Object.fromEntries(names.map((n, i) => [n, addr.has(n) || bytes.has(n) ? row[i] : BigInt(row[i])])),
  );
}

/** I9: per project, grant spent <= grant received, the grant ledger balances, and grant money went only to allowed lines. */
export function checkI9(o: AllianceObservation): void {
  for (const [id, p] of o.projects) {
    ensure(p.grantSpent <= p.grantReceived, `I9 project ${id}: grant spent > received`);
    eq(p.grantReceived - p.grantSpent - p.grantReturned, p.grantBalance, `I9 project ${id}: grant ledger`);
    let grantSpent = 0n;
    for (const [sid, sp] of o.spends) {
      if (sp.projectId !== id || sp.status !== SPEND_EXECUTED || !sp.fromGrant) continue;
      ensure(p.grantLines.includes(Number(sp.line)), `I9 spend ${sid}: grant money off its allowed lines`);
      grantSpent += sp.amount;
    }
    eq(grantSpent, p.grantSpent, `I9 project ${id}: executed grant spends == grant spent`);
  }
}

/**
 * I10: a signed agreement's signer set only grows (every earlier signature is still there), equals
 * what the model saw sign, its count matches, and every non-accession signer is a party.
 */
export function checkI10(
  o: AllianceObservation,
  prev: AllianceObservation | undefined,
  f: AllianceFacts,
): void {
  for (const [id, a] of o.agreements) {
    const before = prev?.agreements.get(id);
    if (before) {
      for (const [signer, sig] of before.signatures)
        eq(a.signatures.get(signer)?.accession, sig.accession, `I10 agreement ${id}: ${signer}'s signature`);
    }
    same(a.signatures, f.signers.get(id) ?? new Map(), `I10 agreement ${id}: signer set`);
    let partySigners = 0n;
    for (const [signer, sig] of a.signatures) {
      if (sig.accession) continue;
      ensure(a.parties.has(signer), `I10 agreement ${id}: signer ${signer} is not a party`);
      partySigners += 1n;
    }
    eq(a.signedCount, partySigners, `I10 agreement ${id}: signedCount`);
  }
}

/** Every invariant I1-I10 on `o` (after a step), given the observation before it and the model's facts. */
export function checkAlliance(
  o: AllianceObservation,
  prev: AllianceObservation | undefined,
  f: AllianceFacts,
): void {
  checkI1(o);
  checkI2(o);
  checkI3(o);
  checkI4I5(o, prev, f);
  checkI6(o);
  checkI7(o, f);
  checkI8(o, prev);
  checkI9(o);
  checkI10(o, prev, f);
}

/** A reverted command changed nothing the invariants watch (`prevCanon`: `canon` of the observation before it). */
export function expectUnchanged(o: AllianceObservation, prevCanon: string, what: string): void {
  const now = canon(o);
  if (now !== prevCanon)
    ensure(false, `${what} reverted but changed state:\n  before ${prevCanon}\n  after  ${now}`);
}
