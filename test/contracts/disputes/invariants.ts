import { expect } from "chai";
import type { Result } from "ethers";
import type { BreachHistory, Treasury } from "../../../typechain-types";
import { MEMBER_BOND } from "./helpers";
import { headOf, toLogEntry, type LogEntry } from "../../../src/sdk/historyLog";

type Row = string[];

/** Every history entry, read page by page (the test's own copy, to compare later: I8). */
export async function historySnapshot(history: BreachHistory): Promise<Row[]> {
  const total = await history.historyLength();
  const rows: Row[] = [];
  for (let offset = 0n; offset < total; offset += 100n) {
    const [, entries] = await history.historyPage(offset, 100n);
    for (const e of entries) rows.push((e as unknown as Result).toArray().map((v: unknown) => String(v)));
  }
  return rows;
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
  for (const id of claimIds) {
    const posted = await treasury.queryFilter(treasury.filters.ClaimBondPosted(id));
    const released = await treasury.queryFilter(treasury.filters.ClaimBondReleased(id));
    expect(await treasury.claimBondOf(id)).to.equal(
      posted.reduce((a, e) => a + e.args.amount, 0n) - released.reduce((a, e) => a + e.args.amount, 0n),
    );
  }
}

/**
 * I8 (restated): every member's and every clause's head in storage is the fold of the entries the
 * `HistoryAppended` events carried so far, in order, and its count is their number; and each event's
 * entry is the stored entry of its id.
 */
export async function expectHeadsMatchEvents(history: BreachHistory): Promise<void> {
  const logs = await history.queryFilter(history.filters.HistoryAppended());
  const byMember = new Map<string, LogEntry[]>();
  const byClause = new Map<string, { agreementId: bigint; clauseId: string; entries: LogEntry[] }>();
  for (const l of logs) {
    const e = toLogEntry(l.args.entry as unknown as Record<string, unknown>);
    const stored = await history.historyEntry(l.args.entryId);
    expect(toLogEntry(stored as unknown as Record<string, unknown>)).to.deep.equal(e);
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
