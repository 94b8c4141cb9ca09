/**
 * Gas of the projects module's per-participant actions, measured from receipts:
 *   contribute, approveSpend, executeSpend (project money), executeSpend (grant money)
 * for a project of 2 and of 50 participants with equal cost shares. Each of these is O(1) in the
 * number of participants (counters, no loops): the script exits non-zero if one grows by more than 2%
 * from 2 to 50 participants, or passes its cap.
 *
 * Every measurement is taken in the same position at both scales (a participant's first payment after
 * another participant paid; the second approval of a spend; the first spend executed on a line), so
 * the storage transitions, and therefore the gas, are comparable.
 *
 * Run: npx hardhat run scripts/gas/projects.ts
 */
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import {
  deployProjectsSuite,
  defaultProposal,
  activeProject,
  h,
  UNIT,
  DAY,
  CHARTER,
} from "../../test/projects/fixture";

const SCALES = [2, 50] as const;
const MAX_GROWTH = 0.02;
/** Upper bounds per action (gas), about 10% above what was measured; a regression past one fails. */
const CAPS: Record<string, number> = {
  contribute: 170_000,
  approveSpend: 75_000,
  "executeSpend (project)": 210_000,
  "executeSpend (grant)": 195_000,
};

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

async function measure(n: number): Promise<Record<string, number>> {
  const s = await deployProjectsSuite(n);
  const share = 10_000 / n;
  if (!Number.isInteger(share)) throw new Error(`10000 bps do not split evenly over ${n}`);
  const participants = s.members.map((m) => ({
    account: m.address,
    costShareBps: share,
    ipShareBps: share,
    taskHash: h(`task-${m.address}`),
  }));
  const id = await activeProject(s, await defaultProposal(s, { participants }));
  await s.funding.connect(s.funder).depositGrant(id, 30_000n * UNIT);

  const out: Record<string, number> = {};
  // Every participant pays installment 0; measure the second payer's first payment.
  await s.funding.connect(s.members[0]).contribute(id, 0);
  out.contribute = await gasOf(s.funding.connect(s.members[1]).contribute(id, 0));
  for (const m of s.members.slice(2)) await s.funding.connect(m).contribute(id, 0);

  const request = async (line: number, fromGrant: boolean) => {
    await s.spending.connect(s.members[0]).requestSpend({
      projectId: id,
      line,
      amount: 1_000n * UNIT,
      payee: s.payee.address,
      invoiceHash: h(`invoice-${line}`),
      fromGrant,
      expiresAt: (await time.latest()) + 30 * DAY,
    });
    return await s.spending.spendCount();
  };
  // Enough approvals to pass the charter's threshold: ceil(approvalShareBps / share).
  const needed = Math.ceil(CHARTER.approvalShareBps / share);
  const approveAll = async (spendId: bigint, record: boolean) => {
    for (let i = 0; i < needed; ++i) {
      const g = await gasOf(s.spending.connect(s.members[i]).approveSpend(spendId));
      if (record && i === 1) out.approveSpend = g;
    }
  };

  const own = await request(2, false);
  await approveAll(own, true);
  out["executeSpend (project)"] = await gasOf(s.spending.executeSpend(own, s.payee.address, 1_000n * UNIT));

  const grant = await request(1, true);
  await approveAll(grant, false);
  await time.increase(CHARTER.vetoWindow);
  out["executeSpend (grant)"] = await gasOf(s.spending.executeSpend(grant, s.payee.address, 1_000n * UNIT));
  return out;
}

async function main(): Promise<void> {
  const results: Record<number, Record<string, number>> = {};
  for (const n of SCALES) results[n] = await measure(n);
  const [small, large] = SCALES;
  const failures: string[] = [];
  const lines = [
    `| action | ${small} participants | ${large} participants | growth | cap |`,
    "|---|---:|---:|---:|---:|",
  ];
  for (const action of Object.keys(CAPS)) {
    const a = results[small][action];
    const b = results[large][action];
    const growth = (b - a) / a;
    lines.push(`| ${action} | ${a} | ${b} | ${(growth * 100).toFixed(2)}% | ${CAPS[action]} |`);
    if (growth > MAX_GROWTH) failures.push(`${action} grows ${(growth * 100).toFixed(2)}% (> 2%)`);
    if (Math.max(a, b) > CAPS[action])
      failures.push(`${action} uses ${Math.max(a, b)} gas (> cap ${CAPS[action]})`);
  }
  console.log(lines.join("\n"));
  if (failures.length > 0) {
    console.error(failures.join("\n"));
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
