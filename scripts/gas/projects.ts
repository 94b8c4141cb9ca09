/**
 * Gas of the projects module's per-participant actions, measured from receipts, for a project of
 * 2, 10, 50 and 64 participants (ProjectRegistry.MAX_PARTICIPANTS is 64, so 200 does not apply) with
 * equal cost shares (the lead takes the rounding remainder):
 *   openBooks, depositGrant, contribute (a participant's first installment and a later one; and the
 *   first installment on books nobody opened), requestSpend, approveSpend, executeSpend (project
 *   money), executeSpend (grant money), recordDefault (end to end, into the real BreachHistory; and
 *   ProjectFunding's own part, into the stand-in recorder that only emits what it is given).
 * Each but openBooks is O(1) in the number of participants (counters, no loops): the run fails if one
 * grows by more than 2% with the participant count, or passes its cap. `openBooks` (once per project,
 * right after activation, as the SDK and the demo do) writes one word per three participants:
 * O(participants) by design, bounded by MAX_PARTICIPANTS, at most 15,000 gas per participant beyond
 * the first (the lean-records marginal rule).
 *
 * Every measurement is taken in the same position at each scale (the second participant's first
 * payment, after another participant paid; then that participant's second installment; the second
 * approval of a spend; the first spend executed on a line; the first default recorded of a
 * participant), so the storage transitions, and therefore the gas, are comparable. Both contribute rows
 * capped at 100,000 are measured on a project whose books were opened at activation (the path the SDK,
 * the CLI and the demo take).
 *
 * Run: npx hardhat run scripts/gas/projects.ts   (PROJECT_SCALES=2,50 to pick the scales)
 */
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  deployProjectsSuite,
  defaultProposal,
  activeProject,
  h,
  UNIT,
  DAY,
  CHARTER,
} from "../../test/contracts/projects/fixture";
import { gasOf, runAlone, type GasRow, type GasRule } from "./common";

export const SCALES = (process.env.PROJECT_SCALES ?? "2,10,50,64").split(",").map(Number);

/** The lean-records issue's cap for a single-record user action. */
const RECORD_CAP = 250_000;

export const RULES: GasRule[] = [
  {
    action: "projects.openBooks (all participants)",
    unit: "participants",
    o1: false,
    marginal: 15_000,
    anchor: { gas: 36_000, label: "~36,000 per participant (lean-records table, before)" },
    note:
      "once per project, right after activation: one fresh storage word per three participants " +
      "(O(participants) by design, at most 64)",
  },
  { action: "projects.depositGrant", unit: "participants", o1: true, cap: RECORD_CAP },
  {
    action: "projects.contribute (first installment)",
    unit: "participants",
    o1: true,
    cap: 100_000,
    note: "the second participant's first payment, its books opened at activation (openBooks)",
  },
  {
    action: "projects.contribute (later installment)",
    unit: "participants",
    o1: true,
    cap: 100_000,
    note: "the same participant's second installment",
  },
  {
    action: "projects.contribute (first installment, books not opened)",
    unit: "participants",
    o1: true,
    // The fallback when nobody called openBooks: the first payment in a books word writes it fresh
    // (22,100 gas where an update costs 5,000). Not the path the SDK takes. Measured as the project's
    // first contribution, which also credits the Treasury's project account for the first time.
    cap: 130_000,
    note:
      "the lazy fallback: the project's first contribution, on books nobody opened (the books word and " +
      "the Treasury's project account are both written fresh)",
  },
  {
    action: "projects.requestSpend",
    unit: "participants",
    o1: true,
    cap: RECORD_CAP,
    anchor: { gas: 127_000, label: "Sablier create 121,000-127,000" },
  },
  { action: "projects.approveSpend", unit: "participants", o1: true, cap: 75_000 },
  { action: "projects.executeSpend (project)", unit: "participants", o1: true, cap: 210_000 },
  { action: "projects.executeSpend (grant)", unit: "participants", o1: true, cap: 195_000 },
  {
    action: "projects.recordDefault (end to end)",
    unit: "participants",
    o1: true,
    cap: RECORD_CAP,
    note:
      "ProjectFunding.recordDefault into the real BreachHistory (its part is the disputes area's): a " +
      "participant's first default on the project, the history's first entry",
  },
  {
    action: "projects.recordDefault (ProjectFunding's part)",
    unit: "participants",
    o1: true,
    cap: 100_000,
    note: "the same call into the stand-in recorder, which only emits what it is given",
  },
];

async function measureAt(n: number): Promise<GasRow[]> {
  const s = await deployProjectsSuite(n, { breachHistory: true });
  const share = Math.floor(10_000 / n);
  const shares = s.members.map((_, i) => (i === 0 ? 10_000 - share * (n - 1) : share));
  const participants = s.members.map((m, i) => ({
    account: m.address,
    costShareBps: shares[i],
    ipShareBps: shares[i],
    taskHash: h(`task-${m.address}`),
  }));
  const proposal = await defaultProposal(s, { participants });
  const out: Record<string, number> = {};
  // The path the SDK takes: activate, then open every participant's books in one call.
  const id = await activeProject(s, proposal);
  out["projects.openBooks (all participants)"] = await gasOf(s.funding.openBooks(id));
  out["projects.depositGrant"] = await gasOf(s.funding.connect(s.funder).depositGrant(id, 30_000n * UNIT));

  // Every participant pays installment 0; measure the second payer's first payment, then its second.
  await s.funding.connect(s.members[0]).contribute(id, 0);
  out["projects.contribute (first installment)"] = await gasOf(
    s.funding.connect(s.members[1]).contribute(id, 0),
  );
  out["projects.contribute (later installment)"] = await gasOf(
    s.funding.connect(s.members[1]).contribute(id, 1),
  );
  for (const m of s.members.slice(2)) await s.funding.connect(m).contribute(id, 0);

  const request = async (line: number, fromGrant: boolean) => {
    const g = await gasOf(
      s.spending.connect(s.members[0]).requestSpend({
        projectId: id,
        line,
        amount: 1_000n * UNIT,
        payee: s.payee.address,
        invoiceHash: h(`invoice-${line}`),
        fromGrant,
        expiresAt: (await time.latest()) + 30 * DAY,
      }),
    );
    return { spendId: await s.spending.spendCount(), gas: g };
  };
  // Enough approvals to pass the charter's threshold (cumulative cost shares above approvalShareBps).
  let needed = 0;
  for (let sum = 0; sum <= CHARTER.approvalShareBps;) sum += shares[needed++];
  const approveAll = async (spendId: bigint, record: boolean) => {
    for (let i = 0; i < needed; ++i) {
      const g = await gasOf(s.spending.connect(s.members[i]).approveSpend(spendId));
      if (record && i === 1) out["projects.approveSpend"] = g;
    }
  };

  const own = await request(2, false);
  out["projects.requestSpend"] = own.gas;
  await approveAll(own.spendId, true);
  out["projects.executeSpend (project)"] = await gasOf(
    s.spending.executeSpend(own.spendId, s.payee.address, 1_000n * UNIT),
  );

  const grant = await request(1, true);
  await approveAll(grant.spendId, false);
  await time.increase(CHARTER.vetoWindow);
  out["projects.executeSpend (grant)"] = await gasOf(
    s.spending.executeSpend(grant.spendId, s.payee.address, 1_000n * UNIT),
  );

  // The lazy fallback, on a second project whose books nobody opened: the first payment in a word.
  const lazy = await activeProject(s, proposal);
  out["projects.contribute (first installment, books not opened)"] = await gasOf(
    s.funding.connect(s.members[0]).contribute(lazy, 0),
  );

  // Defaults: the lead (it paid installment 0 only) misses installment 1 (real BreachHistory).
  const [, due1] = await s.registry.installmentDueDatesOf(id);
  await time.increaseTo(due1 + BigInt(CHARTER.gracePeriod) + 1n);
  out["projects.recordDefault (end to end)"] = await gasOf(
    s.funding.recordDefault(id, s.members[0].address, 1),
  );

  // ProjectFunding's own part: the same position on a suite wired to the stand-in recorder.
  const m = await deployProjectsSuite(n);
  const mid = await activeProject(m, await defaultProposal(m, { participants }));
  await m.funding.openBooks(mid);
  await m.funding.connect(m.funder).depositGrant(mid, 30_000n * UNIT);
  const [d0] = await m.registry.installmentDueDatesOf(mid);
  await time.increaseTo(d0 + BigInt(CHARTER.gracePeriod) + 1n);
  await m.funding.connect(m.members[0]).contribute(mid, 1);
  out["projects.recordDefault (ProjectFunding's part)"] = await gasOf(
    m.funding.recordDefault(mid, m.members[0].address, 0),
  );
  return Object.entries(out).map(([action, gas]) => ({ action, scale: n, gas }));
}

/** Rows for every action at every scale. */
export async function measure(scales: number[] = SCALES): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  for (const n of scales) rows.push(...(await measureAt(n)));
  return rows;
}

runAlone(module, measure, RULES);
