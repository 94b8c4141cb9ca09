import { expect } from "chai";
import type { Result } from "ethers";
import type { BreachHistory, Treasury } from "../../../typechain-types";
import { MEMBER_BOND } from "./helpers";

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
