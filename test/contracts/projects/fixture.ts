import { expect } from "chai";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, Wallet } from "ethers";
import { setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { toProposalStruct, type ProjectProposalInput } from "../../../src/sdk/projectTerms";

/** Role ids, as in contracts/access/Roles.sol. */
export const ROLES = {
  ADMIN: 0n,
  COUNCIL: 1n,
  SECRETARIAT: 2n,
  EXPERT: 3n,
  SUPERVISOR: 4n,
  ARBITRATOR: 5n,
  PROJECTS_MODULE: 12n,
} as const;

export const MemberKind = { Enterprise: 0, University: 1, ResearchInstitute: 2 } as const;
export const MemberStatus = { None: 0, Applicant: 1, Active: 2, Suspended: 3 } as const;
export const ProjectStatus = {
  None: 0n,
  Proposed: 1n,
  Approved: 2n,
  Rejected: 3n,
  Active: 4n,
  Completed: 5n,
  Cancelled: 6n,
} as const;
export const AgreementKind = { Charter: 0, Project: 1, License: 2, Amendment: 3, Other: 4 } as const;
export const AgreementStatus = { None: 0, Pending: 1, Effective: 2, Superseded: 3, Terminated: 4 } as const;
export const SpendStatus = { None: 0n, Requested: 1n, Executed: 2n, Vetoed: 3n, Cancelled: 4n } as const;

export const DAY = 86_400;
export const UNIT = 10n ** 6n; // the test stablecoin has 6 decimals
export const CLAUSE_ID = ethers.encodeBytes32String("5.2");
export const bit = (s: bigint): bigint => 1n << s;

export const CHARTER = {
  bondAmount: 0n,
  maxMembers: 100,
  noticePeriod: 30 * DAY,
  noticeValidity: 30 * DAY,
  reapplicationCooloff: 180 * DAY,
  supermajorityBps: 6667,
  quorumBps: 5000,
  amendmentRule: 0,
  amendmentPeriod: 60 * DAY,
  grantCapBps: 3000,
  secretariatBudgetLimit: 50_000n * UNIT,
  minReviews: 2,
  approvalShareBps: 6000,
  gracePeriod: 7 * DAY,
  latePenaltyBps: 500,
  vetoWindow: 3 * DAY,
  levyBps: 200,
  rofrWindow: 14 * DAY,
  transfersToNonMembers: false,
  royaltyGracePeriod: 30 * DAY,
  contestWindow: 30 * DAY,
  claimBond: 0n,
  curePeriod: 14 * DAY,
  answerPeriod: 14 * DAY,
};

export const h = (label: string): string => ethers.sha256(ethers.toUtf8Bytes(label));

/** Deploys the access hub, mocks, the Treasury and the three project contracts, with the role map. */
export async function deployProjectsSuite(memberCount = 3, opts: { feeBps?: number } = {}) {
  const signers = await ethers.getSigners();
  const [admin, council, secretariat, expert1, expert2, expert3, supervisor, funder, outsider, payee] =
    signers;
  // Signers 10.. are members; beyond the node's accounts, deterministic wallets funded with ETH.
  const members: (HardhatEthersSigner | Wallet)[] = signers.slice(10, 10 + memberCount);
  for (let i = members.length; i < memberCount; ++i) {
    const w = new ethers.Wallet(ethers.id(`covenant-member-${i}`), ethers.provider);
    await setBalance(w.address, 10n ** 20n);
    members.push(w);
  }

  const manager = await ethers.deployContract("AccessManager", [admin.address]);
  // A fee-on-transfer token when asked (M3), the 6-decimal test stablecoin otherwise.
  const token =
    opts.feeBps === undefined
      ? await ethers.deployContract("TestToken", ["Test USD", "TUSD", 6])
      : await ethers.deployContract("TreasuryFeeToken", [opts.feeBps]);
  const membership = await ethers.deployContract("MockMembership");
  const charter = await ethers.deployContract("MockCharter", [CHARTER]);
  const recorder = await ethers.deployContract("MockBreachRecorder");
  const treasury = await ethers.deployContract("Treasury", [
    await manager.getAddress(),
    await token.getAddress(),
  ]);
  const authority = await manager.getAddress();
  const registry = await ethers.deployContract("ProjectRegistry", [
    authority,
    await membership.getAddress(),
    await charter.getAddress(),
  ]);
  const funding = await ethers.deployContract("ProjectFunding", [
    authority,
    await registry.getAddress(),
    await treasury.getAddress(),
    await recorder.getAddress(),
  ]);
  const spending = await ethers.deployContract("ProjectSpending", [
    authority,
    await registry.getAddress(),
    await treasury.getAddress(),
    await charter.getAddress(),
    await funding.getAddress(),
    await membership.getAddress(),
  ]);

  const map = async (target: BaseContract, fns: string[], role: bigint) => {
    const selectors = fns.map((f) => target.interface.getFunction(f)!.selector);
    await manager.connect(admin).setTargetFunctionRole(await target.getAddress(), selectors, role);
  };
  await map(registry, ["approveProject", "rejectProject", "cancelProject"], ROLES.COUNCIL);
  await map(registry, ["approveSmallProject", "rejectSmallProject"], ROLES.SECRETARIAT);
  await map(spending, ["vetoSpend"], ROLES.SUPERVISOR);
  await map(
    treasury,
    ["fundProject", "payFromProject", "refundFromProject", "depositGrant", "payFromGrant", "refundFromGrant"],
    ROLES.PROJECTS_MODULE,
  );
  await map(treasury, ["setGrantFrozen"], ROLES.SUPERVISOR);
  await manager.connect(admin).grantRole(ROLES.COUNCIL, council.address, 0);
  await manager.connect(admin).grantRole(ROLES.SECRETARIAT, secretariat.address, 0);
  for (const e of [expert1, expert2, expert3])
    await manager.connect(admin).grantRole(ROLES.EXPERT, e.address, 0);
  await manager.connect(admin).grantRole(ROLES.SUPERVISOR, supervisor.address, 0);
  await manager.connect(admin).grantRole(ROLES.PROJECTS_MODULE, await funding.getAddress(), 0);
  await manager.connect(admin).grantRole(ROLES.PROJECTS_MODULE, await spending.getAddress(), 0);

  for (const m of members) {
    await membership.setMember(m.address, MemberKind.Enterprise, MemberStatus.Active);
    await token.mint(m.address, 1_000_000n * UNIT);
    await token.connect(m).approve(await treasury.getAddress(), ethers.MaxUint256);
  }
  await token.mint(funder.address, 1_000_000n * UNIT);
  await token.connect(funder).approve(await treasury.getAddress(), ethers.MaxUint256);

  return {
    admin,
    council,
    secretariat,
    experts: [expert1, expert2, expert3],
    supervisor,
    funder,
    outsider,
    payee,
    members,
    manager,
    token,
    membership,
    charter,
    recorder,
    treasury,
    registry,
    funding,
    spending,
  };
}

export type Suite = Awaited<ReturnType<typeof deployProjectsSuite>>;

/**
 * The default proposal: participants with the given cost shares (default 50/30/20, IP 40/40/20),
 * budget 100 000 (Equipment 60 000, Personnel 30 000, Travel 10 000), a 30% grant on Equipment and
 * Personnel, two milestones, two installments (30 and 90 days out).
 */
export async function defaultProposal(
  s: Suite,
  over: Partial<ProjectProposalInput> = {},
): Promise<ProjectProposalInput> {
  const now = await time.latest();
  const [a, b, c] = s.members;
  return {
    title: "High-strength automotive steel joint lab",
    documentHash: h("plan.pdf"),
    lead: over.lead ?? a.address,
    participants: over.participants ?? [
      { account: a.address, costShareBps: 5000, ipShareBps: 4000, taskHash: h("task-a") },
      { account: b.address, costShareBps: 3000, ipShareBps: 4000, taskHash: h("task-b") },
      { account: c.address, costShareBps: 2000, ipShareBps: 2000, taskHash: h("task-c") },
    ],
    budgetLines: [
      { category: "Equipment", amount: 60_000n * UNIT },
      { category: "Personnel", amount: 30_000n * UNIT },
      { category: "Travel", amount: 10_000n * UNIT },
    ],
    milestones: [
      { dueDate: now + 120 * DAY, specHash: h("m1-spec") },
      { dueDate: now + 240 * DAY, specHash: h("m2-spec") },
    ],
    installmentDueDates: [now + 30 * DAY, now + 90 * DAY],
    grantAmount: 30_000n * UNIT,
    grantFunder: s.funder.address,
    grantLines: [0, 1],
    contributionClauseId: CLAUSE_ID,
    ...over,
  };
}

/** Proposes `p` from the lead; returns the project id. */
export async function propose(
  s: Suite,
  p: ProjectProposalInput,
  from?: HardhatEthersSigner | Wallet,
): Promise<bigint> {
  await s.registry.connect(from ?? s.members[0]).propose(toProposalStruct(p));
  return await s.registry.projectCount();
}

/** Two expert reviews, then council approval. */
export async function approve(s: Suite, projectId: bigint): Promise<void> {
  await s.registry.connect(s.experts[0]).submitReview(projectId, 80, h("opinion-1"));
  await s.registry.connect(s.experts[1]).submitReview(projectId, 70, h("opinion-2"));
  await s.registry.connect(s.council).approveProject(projectId);
}

/**
 * Stores an Effective Project agreement with the proposal's terms hash and parties; returns its id
 * (default 1000 + projectId; pass `id` for a second agreement of the same project).
 */
export async function makeAgreement(
  s: Suite,
  projectId: bigint,
  over: {
    id?: bigint;
    kind?: number;
    status?: number;
    termsHash?: string;
    parties?: string[];
    clauseId?: string;
  } = {},
): Promise<bigint> {
  const id = over.id ?? 1000n + projectId;
  const project = await s.registry.projectOf(projectId);
  const parties = over.parties ?? [...(await s.registry.participantsOf(projectId))];
  await s.charter.setAgreement(
    id,
    over.kind ?? AgreementKind.Project,
    over.status ?? AgreementStatus.Effective,
    over.termsHash ?? project.termsHash,
    parties,
    [{ clauseId: over.clauseId ?? CLAUSE_ID, damagesCap: 10_000n * UNIT, remedies: 1 }],
  );
  return id;
}

/** Propose (default proposal unless given), approve and activate; returns the project id. */
export async function activeProject(s: Suite, p?: ProjectProposalInput): Promise<bigint> {
  const projectId = await propose(s, p ?? (await defaultProposal(s)));
  await approve(s, projectId);
  await s.registry.activate(projectId, await makeAgreement(s, projectId));
  return projectId;
}

/** I3: contributions - executed project spends - refunds == the Treasury's project account. */
export async function expectI3(s: Suite, projectId: bigint): Promise<void> {
  const ledger = await s.funding.ledgerOf(projectId);
  const [projectSpent] = await s.spending.spentOf(projectId);
  const balance = await s.treasury.projectBalance(projectId);
  if (ledger.contributed - projectSpent - ledger.refunded !== balance) {
    throw new Error(
      `I3 broken: ${ledger.contributed} - ${projectSpent} - ${ledger.refunded} != ${balance} (project ${projectId})`,
    );
  }
}

/** I9: grant spent <= grant received, and the grant ledger matches received - spent - returned. */
export async function expectI9(s: Suite, projectId: bigint): Promise<void> {
  const ledger = await s.funding.ledgerOf(projectId);
  const [, grantSpent] = await s.spending.spentOf(projectId);
  const balance = await s.treasury.grantBalance(projectId);
  if (grantSpent > ledger.grantReceived)
    throw new Error(`I9 broken: spent ${grantSpent} > ${ledger.grantReceived}`);
  if (ledger.grantReceived - grantSpent - ledger.grantReturned !== balance) {
    throw new Error(`grant ledger broken for project ${projectId}`);
  }
}

/** Proposal fields for a project with no grant and the given budget lines (default one line of `amount`). */
export function noGrant(
  amount: bigint,
  category: ProjectProposalInput["budgetLines"][number]["category"] = "Testing",
): Pick<ProjectProposalInput, "budgetLines" | "grantAmount" | "grantFunder" | "grantLines"> {
  return { budgetLines: [{ category, amount }], grantAmount: 0n, grantFunder: undefined, grantLines: [] };
}

/** The first `scores.length` experts review `projectId` with the given scores (opinions "o1", "o2", ...). */
export async function review(s: Suite, projectId: bigint, scores: number[] = [80, 80]): Promise<void> {
  for (let i = 0; i < scores.length; ++i) {
    await s.registry.connect(s.experts[i]).submitReview(projectId, scores[i], h(`o${i + 1}`));
  }
}

/** Proposes a fresh default proposal and has two experts review it; returns the project id. */
export async function reviewedProposal(s: Suite, p?: ProjectProposalInput): Promise<bigint> {
  const id = await propose(s, p ?? (await defaultProposal(s)));
  await review(s, id);
  return id;
}

/** A1: `send(who)` reverts with AccessManagedUnauthorized(who) on `contract` for each of `callers`. */
export async function expectUnauthorized(
  contract: BaseContract,
  callers: { address: string }[],
  send: (who: HardhatEthersSigner) => Promise<unknown>,
): Promise<void> {
  for (const who of callers) {
    await expect(send(who as HardhatEthersSigner))
      .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
      .withArgs(who.address);
  }
}

/** Deploying `name` with any one of `good` (constructor addresses) set to zero reverts with `error` of `contract`. */
export async function expectZeroAddressRejected(
  name: string,
  good: string[],
  contract: BaseContract,
  error: string,
): Promise<void> {
  const factory = await ethers.getContractFactory(name);
  for (let i = 0; i < good.length; ++i) {
    const args = [...good];
    args[i] = ethers.ZeroAddress;
    await expect(factory.deploy(...args), `argument ${i}`).to.be.revertedWithCustomError(contract, error);
  }
}
