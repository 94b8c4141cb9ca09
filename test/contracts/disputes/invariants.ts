import { expect } from "chai";
import type { BreachHistory, Treasury } from "../../../typechain-types";
import { MEMBER_BOND } from "./helpers";
import { countsOf, headOf, toLogEntry, type LogEntry, type MemberCounts } from "../../../src/sdk/historyLog";

type Row = string[];

/** Every history entry with its id, oldest first, as the `HistoryAppended` events carry it. */
export async function loggedHistory(history: BreachHistory): Promise<{ ids: bigint[]; entries: LogEntry[] }> {
  const logs = await history.queryFilter(history.filters.HistoryAppended());
  return {
    ids: logs.map((l) => l.args.entryId),
    entries: logs.map((l) => toLogEntry(l.args.entry as unknown as Record<string, unknown>)),
  };
}

/** `member`'s entries as claimant (role 0) or as respondent (role 1, its defaults included), from the log. */
export async function memberHistoryOf(
  history: BreachHistory,
  member: string,
  role: 0 | 1,
): Promise<[bigint[], LogEntry[]]> {
  const { ids, entries } = await loggedHistory(history);
  const keep = entries.map((e) => (role === 0 ? e.claimant : e.respondent) === member);
  return [ids.filter((_, i) => keep[i]), entries.filter((_, i) => keep[i])];
}

/** `member`'s running counts, computed by the SDK from the log (the contract keeps none). */
export async function countsFromLog(history: BreachHistory, member: string): Promise<MemberCounts> {
  return countsOf((await loggedHistory(history)).entries, member);
}

/** Every history entry (the test's own copy, to compare later: I8), with the stored length. */
export async function historySnapshot(history: BreachHistory): Promise<Row[]> {
  const { entries } = await loggedHistory(history);
  expect(await history.historyLength()).to.equal(BigInt(entries.length));
  return entries.map((e) => Object.values(e).map((v: unknown) => String(v)));
}

/**
 * I8: the history's length never decreased since `before`, and every entry in `before` is unchanged
 * (whether or not its claim has closed since). Returns the new snapshot.
 */
export async function expectHistoryAppendOnly(history: BreachHistory, before: Row[]): Promise<Row[]> {
  const now = await historySnapshot(history);
  expect(now.length).to.be.gte(before.length);
  expect(now.slice(0, before.length)).to.deep.equal(before);
  return now;
}

/** I7: per member, bond held == posted - slashed - refunded; per claim, claim bond == posted - released. */
export async function expectBondsConsistent(
  treasury: Treasury,
  members: string[],
  claimIds: bigint[],
): Promise<void> {
  for (const m of members) {
    const slashed = await treasury.queryFilter(treasury.filters.BondSlashed(m));
    const released = await treasury.queryFilter(treasury.filters.BondReleased(m));
    const total =
      MEMBER_BOND -
      slashed.reduce((a, e) => a + e.args.amount, 0n) -
      released.reduce((a, e) => a + e.args.amount, 0n);
    expect(await treasury.bondOf(m)).to.equal(total);
  }
  // The vault keeps the claim money's total only: per claim, what was released is at most what was
  // posted (once, in full), and the total is what was posted, plus the slashes held for the claim's
  // claimant (an upheld ruling's, not the alliance fund's), less what was released or pulled
  // (`ClaimPaid`, at most once).
  let held = 0n;
  const vault = await treasury.getAddress();
  const slashes = await treasury.queryFilter(treasury.filters.BondSlashed());
  for (const id of claimIds) {
    const paid = await treasury.queryFilter(treasury.filters.ClaimPaid(id));
    expect(paid.length).to.be.lte(1);
    held += slashes
      .filter((e) => e.args.claimId === id && e.args.to !== vault)
      .reduce((a, e) => a + e.args.amount, 0n);
    held -= paid.reduce((a, e) => a + e.args.amount, 0n);
    const posted = await treasury.queryFilter(treasury.filters.ClaimBondPosted(id));
    const released = await treasury.queryFilter(treasury.filters.ClaimBondReleased(id));
    const p = posted.reduce((a, e) => a + e.args.amount, 0n);
    const r = released.reduce((a, e) => a + e.args.amount, 0n);
    expect(released.length).to.be.lte(1);
    if (released.length === 1) expect(r).to.equal(p);
    held += p - r;
  }
  expect(await treasury.totalClaimBonds()).to.equal(held);
}

/**
 * I8 (restated): every member's and every clause's head in storage is the fold of the entries the
 * `HistoryAppended` events carried so far, in order, and its count is their number; and the events'
 * ids run from 1 to the stored length.
 */
export async function expectHeadsMatchEvents(history: BreachHistory): Promise<void> {
  const logs = await history.queryFilter(history.filters.HistoryAppended());
  const byMember = new Map<string, LogEntry[]>();
  const byClause = new Map<string, { agreementId: bigint; clauseId: string; entries: LogEntry[] }>();
  expect(logs.map((l) => l.args.entryId)).to.deep.equal(logs.map((_, i) => BigInt(i + 1)));
  expect(await history.historyLength()).to.equal(BigInt(logs.length));
  for (const l of logs) {
    const e = toLogEntry(l.args.entry as unknown as Record<string, unknown>);
    byMember.set(e.respondent, [...(byMember.get(e.respondent) ?? []), e]);
    const key = `${e.agreementId}:${e.clauseId}`;
    const c = byClause.get(key) ?? { agreementId: e.agreementId, clauseId: e.clauseId, entries: [] };
    c.entries.push(e);
    byClause.set(key, c);
  }
  for (const [member, entries] of byMember) {
    const h = await history.memberHead(member);
    expect([h.head, h.count]).to.deep.equal([headOf(entries), BigInt(entries.length)]);
  }
  for (const c of byClause.values()) {
    const h = await history.clauseHead(c.agreementId, c.clauseId);
    expect([h.head, h.count]).to.deep.equal([headOf(c.entries), BigInt(c.entries.length)]);
  }
}
