/**
 * Treasury reads and actions (F4, P2, Macro 2, I2, I3, I9): the supervisors' and auditors' view of
 * the alliance's money (the ledger totals and solvency, and per project the budget lines, grant
 * spending by category, arrears per participant and the spends awaiting a veto), what the Treasury
 * holds for one account, and `withdraw`. Each is `(client, params) => result`.
 */
import { getAddress } from "ethers";
import type { CovenantClient, TxResult } from "../client";
import { inputError } from "../errors";
import { isoTime, type TokenInfo } from "../money";
import { tokenInfo } from "./token";
import {
  chainNow,
  PROJECT_STATUS,
  projectView,
  requireProject,
  spendsOf,
  type BudgetLineView,
  type SpendView,
} from "./projects";
import { BUDGET_CATEGORIES } from "../projectTerms";

/** The Treasury's sub-ledger totals (base units). */
export interface LedgerTotals {
  allianceFund: bigint;
  bonds: bigint;
  claimBonds: bigint;
  projectAccounts: bigint;
  grantAccounts: bigint;
  royaltyPools: bigint;
  withdrawable: bigint;
}

export interface ProjectMoney {
  id: bigint;
  title: string;
  status: string;
  budget: bigint;
  grantAmount: bigint;
  projectAccount: { balance: bigint; contributed: bigint; spent: bigint; refunded: bigint };
  grantAccount: { balance: bigint; received: bigint; spent: bigint; returned: bigint; frozen: boolean };
  /** I3: contributed − spent − refunded == the project account's balance. */
  i3Holds: boolean;
  lines: BudgetLineView[];
  /** Executed grant spends summed by budget category. */
  grantSpendingByCategory: { category: string; amount: bigint }[];
  arrears: { participant: string; arrears: bigint; defaultsRecorded: number }[];
  /** Grant spends still Requested whose veto window is open, with the deadline. */
  pendingSpends: (SpendView & { category: string; vetoOpen: boolean })[];
}

export interface TreasuryReport {
  treasury: string;
  token: TokenInfo;
  at: string | null;
  block: number;
  tokenBalance: bigint;
  ledgers: LedgerTotals;
  totalLiabilities: bigint;
  /** I2: the Treasury's token balance covers every sub-ledger. */
  solvent: boolean;
  surplus: bigint;
  projects: ProjectMoney[];
}

/** One project's money as a supervisor reads it. */
export async function projectMoney(client: CovenantClient, p: { projectId: bigint }): Promise<ProjectMoney> {
  const { projectId } = p;
  const view = await projectView(client, { projectId });
  const treasury = client.treasury();
  const funding = client.projectFunding();
  const [pAcc, gAcc, frozen, ledger, spends, now] = await Promise.all([
    treasury.projectAccountOf(projectId),
    treasury.grantAccountOf(projectId),
    treasury.isGrantFrozen(projectId),
    funding.ledgerOf(projectId),
    spendsOf(client, { projectId }),
    chainNow(client),
  ]);
  const byCategory = new Map<string, bigint>();
  for (const s of spends) {
    if (!s.fromGrant || s.status !== "Executed") continue;
    const cat = view.budgetLines[s.line]?.category ?? String(s.line);
    byCategory.set(cat, (byCategory.get(cat) ?? 0n) + s.amount);
  }
  const pending = spends
    .filter((s) => s.status === "Requested")
    .map((s) => ({
      ...s,
      category: view.budgetLines[s.line]?.category ?? String(s.line),
      vetoOpen: s.fromGrant && s.vetoEndsAt !== null && Date.parse(s.vetoEndsAt) / 1000 > now,
    }));
  return {
    id: projectId,
    title: view.title,
    status: view.status,
    budget: view.budget,
    grantAmount: view.grantAmount,
    projectAccount: {
      balance: pAcc.balance,
      contributed: ledger.contributed,
      spent: view.projectSpent,
      refunded: ledger.refunded,
    },
    grantAccount: {
      balance: gAcc.balance,
      received: ledger.grantReceived,
      spent: view.grantSpent,
      returned: ledger.grantReturned,
      frozen,
    },
    i3Holds: ledger.contributed - view.projectSpent - ledger.refunded === pAcc.balance,
    lines: view.budgetLines.map((l) => ({ ...l })),
    grantSpendingByCategory: BUDGET_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => ({
      category: c,
      amount: byCategory.get(c)!,
    })),
    arrears: view.participants.map((p) => ({
      participant: p.account,
      arrears: p.arrears,
      defaultsRecorded: p.installments.filter((i) => i.defaultRecorded).length,
    })),
    pendingSpends: pending,
  };
}

/**
 * The whole report: ledger totals and I2 solvency, and every project (or only `projectId`). Projects
 * that never reached Active have no money and are left out of the all-projects report.
 */
export async function treasuryReport(
  client: CovenantClient,
  p: { projectId?: bigint } = {},
): Promise<TreasuryReport> {
  const { projectId } = p;
  const t = client.treasury();
  const treasuryAddress = client.address("Treasury");
  if (projectId !== undefined) await requireProject(client, projectId);
  const [token, block] = await Promise.all([tokenInfo(client), client.provider.getBlock("latest")]);
  const [
    balance,
    allianceFund,
    bonds,
    claimBonds,
    projectAccounts,
    grantAccounts,
    royaltyPools,
    withdrawable,
    liabilities,
  ] = await Promise.all([
    client.token().balanceOf(treasuryAddress),
    t.allianceFund(),
    t.totalBonds(),
    t.totalClaimBonds(),
    t.totalProjectBalances(),
    t.totalGrantBalances(),
    t.totalRoyaltyPools(),
    t.totalWithdrawable(),
    t.totalLiabilities(),
  ]);
  let ids: bigint[];
  if (projectId !== undefined) {
    ids = [projectId];
  } else {
    const reg = client.projects();
    const count = Number(await reg.projectCount());
    const all = Array.from({ length: count }, (_, i) => BigInt(i + 1));
    const statuses = await Promise.all(all.map((id) => reg.projectStatus(id)));
    const withMoney = new Set(["Active", "Completed", "Cancelled"]);
    ids = all.filter((_, i) => withMoney.has(PROJECT_STATUS[Number(statuses[i])]));
  }
  const projects: ProjectMoney[] = [];
  for (const id of ids) projects.push(await projectMoney(client, { projectId: id }));
  return {
    treasury: treasuryAddress,
    token,
    at: block ? isoTime(block.timestamp) : null,
    block: block?.number ?? 0,
    tokenBalance: balance,
    ledgers: {
      allianceFund,
      bonds,
      claimBonds,
      projectAccounts,
      grantAccounts,
      royaltyPools,
      withdrawable,
    },
    totalLiabilities: liabilities,
    solvent: balance >= liabilities,
    surplus: balance >= liabilities ? balance - liabilities : 0n,
    projects,
  };
}

/** What the Treasury holds for `account`: withdrawable balance, bond, and its token balance. */
export interface AccountBalance {
  account: string;
  withdrawable: bigint;
  bond: bigint;
  wallet: bigint;
  allowanceToTreasury: bigint;
  token: TokenInfo;
}

export async function treasuryBalance(
  client: CovenantClient,
  p: { account?: string } = {},
): Promise<AccountBalance> {
  const who = p.account ? getAddress(p.account) : await client.signerAddress();
  const t = client.treasury();
  const treasury = client.address("Treasury");
  const [withdrawable, bond, wallet, allowance, token] = await Promise.all([
    t.withdrawableOf(who),
    t.bondOf(who),
    client.token().balanceOf(who),
    client.token().allowance(who, treasury),
    tokenInfo(client),
  ]);
  return { account: who, withdrawable, bond, wallet, allowanceToTreasury: allowance, token };
}

/** Pulls the signer's whole withdrawable balance; refuses (nothing sent) when it is zero. */
export async function withdraw(
  client: CovenantClient,
): Promise<TxResult & { account: string; amount: bigint }> {
  const me = await client.signerAddress();
  const amount = await client.treasury().withdrawableOf(me);
  if (amount === 0n) throw inputError(`${me} has nothing to withdraw from the Treasury`);
  const t = await client.writable(client.treasury());
  const r = await client.send(t.withdraw, []);
  return { ...r, account: me, amount };
}
