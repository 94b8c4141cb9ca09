/**
 * Project actions and reads for members, experts, the secretariat, funders and the lead (R1, R2,
 * F2, F4, F5, P2): propose, review, approve, activate, pay installments and grants, record
 * defaults, spends (request, approve, veto, execute), milestones, completion and refunds; and the
 * views behind `covenant project show|list` and the supervisors' report. Each action is
 * `(client, params) => result` over the client's send path (simulated first, so a refusal sends
 * nothing) and returns the transaction's facts and decoded events. The proposal file is
 * sdk/projectProposal.ts.
 */
import { getAddress, ZeroAddress, type EventLog } from "ethers";
import type { CovenantClient, TxResult } from "../client";
import { BlockTimes, scanEvents, scanLogs, type RawLog } from "../claims";
import { checkError, inputError } from "../errors";
import { formatAmount, isoTime, units, type TokenInfo } from "../money";
import {
  BUDGET_CATEGORIES,
  buildProjectTerms,
  canonicalProjectTerms,
  projectTermsHash,
  proposalFromChain,
  toProposalStruct,
  type ProjectProposalInput,
} from "../projectTerms";
import { clauseIdToText } from "../terms";
import { MilestoneStatus, ProjectStatus, SpendStatus } from "../generated/enums";
import { approveIfShort, tokenInfo, type Approval } from "./token";

export const PROJECT_STATUS = ProjectStatus;
export const MILESTONE_STATUS = MilestoneStatus;
export const SPEND_STATUS = SpendStatus;

/** The chain's latest block time (unix seconds). */
export async function chainNow(client: CovenantClient): Promise<number> {
  const b = await client.provider.getBlock("latest");
  return b ? b.timestamp : Math.floor(Date.now() / 1000);
}

// ------------------------------------------------------------------ actions

/** Checks that project `id` exists; an input error naming it otherwise. */
export async function requireProject(client: CovenantClient, id: bigint): Promise<void> {
  const count = await client.projects().projectCount();
  if (id < 1n || id > count) throw inputError(`no project ${id} (there are ${count})`);
}

function eventArg(r: TxResult, event: string, arg: string): bigint | null {
  const ev = r.events.find((e) => e.name === event);
  return ev ? BigInt(ev.args[arg] as bigint) : null;
}

/**
 * The signer proposes a project (R1). Returns the new id, the terms hash and the canonical terms
 * JSON that the project agreement must carry (write it for the parties to sign).
 */
export async function proposeProject(
  client: CovenantClient,
  p: { proposal: ProjectProposalInput },
): Promise<TxResult & { projectId: bigint; termsHash: string; termsJson: string }> {
  const reg = await client.writable(client.projects());
  const r = await client.send(reg.propose, [toProposalStruct(p.proposal)]);
  return {
    ...r,
    projectId: eventArg(r, "ProjectProposed", "projectId") ?? (await client.projects().projectCount()),
    termsHash: projectTermsHash(p.proposal),
    termsJson: canonicalProjectTerms(buildProjectTerms(p.proposal)),
  };
}

/** An EXPERT files its review: a score 0-100 and the SHA-256 of its opinion document (never its own, B13). */
export async function reviewProject(
  client: CovenantClient,
  p: { projectId: bigint; score: number; opinionHash: string },
): Promise<TxResult> {
  if (!Number.isInteger(p.score) || p.score < 0 || p.score > 100) throw inputError("the score must be 0-100");
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  return client.send(reg.submitReview, [p.projectId, p.score, p.opinionHash]);
}

/** SECRETARIAT: approves a screened project whose budget is within the charter's secretariat limit (R1). */
export async function approveSmallProject(
  client: CovenantClient,
  p: { projectId: bigint },
): Promise<TxResult> {
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  return client.send(reg.approveSmallProject, [p.projectId]);
}

/**
 * Activates an approved project under its Effective project agreement (anyone), then opens every
 * participant's books ({@link openProjectBooks}), so that each participant's first installment
 * costs what a later one costs. `books` is the second transaction.
 */
export async function activateProject(
  client: CovenantClient,
  p: { projectId: bigint; agreementId: bigint },
): Promise<TxResult & { books: TxResult }> {
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  const r = await client.send(reg.activate, [p.projectId, p.agreementId]);
  return { ...r, books: await openProjectBooks(client, { projectId: p.projectId }) };
}

/**
 * Opens the books of an active project in one call (`ProjectFunding.openBooks`; anyone; idempotent):
 * writes its books words (one per three participants, at most 22) once, which the first payment in
 * each word would otherwise do at its own cost.
 */
export async function openProjectBooks(client: CovenantClient, p: { projectId: bigint }): Promise<TxResult> {
  const funding = await client.writable(client.projectFunding());
  return client.send(funding.openBooks, [p.projectId]);
}

/** What a participant still owes on each installment (due date, amount, paid, open). */
export interface InstallmentDue {
  index: number;
  dueDate: string | null;
  amount: bigint;
  paid: bigint;
  open: bigint;
  overdue: boolean;
  defaultRecorded: boolean;
}

/** Each installment of `participant` with what is paid and still open. */
export async function installmentsOf(
  client: CovenantClient,
  p: { projectId: bigint; participant: string; now?: number },
): Promise<InstallmentDue[]> {
  const { projectId, participant } = p;
  const reg = client.projects();
  const funding = client.projectFunding();
  const t = p.now ?? (await chainNow(client));
  const dates = await reg.installmentDueDatesOf(projectId);
  return Promise.all(
    dates.map(async (_, i) => {
      const [[due, amount], paid, def] = await Promise.all([
        reg.installmentOf(projectId, participant, i),
        funding.paidOn(projectId, participant, i),
        funding.defaultRecorded(projectId, participant, i),
      ]);
      const open = paid >= amount ? 0n : amount - paid;
      return {
        index: i,
        dueDate: isoTime(due),
        amount,
        paid,
        open,
        overdue: open > 0n && Number(due) <= t,
        defaultRecorded: def,
      };
    }),
  );
}

/**
 * The signer pays an installment (P2): installment `installment`, or else the earliest one with
 * something open. Refuses (nothing sent) when the signer is not a participant, the project is not
 * Active, nothing is owed, or the balance is short; approves exactly the open amount to the
 * Treasury when the allowance is short, then contributes.
 */
export async function contribute(
  client: CovenantClient,
  p: { projectId: bigint; installment?: number },
): Promise<TxResult & { installment: number; amount: bigint; approval: Approval }> {
  const { projectId, installment } = p;
  await requireProject(client, projectId);
  const me = await client.signerAddress();
  const reg = client.projects();
  const status = Number((await reg.projectOf(projectId)).status);
  if (!(await reg.isParticipant(projectId, me))) {
    throw inputError(`${me} is not a participant of project ${projectId}`);
  }
  if (PROJECT_STATUS[status] !== "Active") {
    throw inputError(`project ${projectId} is ${PROJECT_STATUS[status]}; contributions need it Active`);
  }
  const all = await installmentsOf(client, { projectId, participant: me });
  if (installment !== undefined && (installment < 0 || installment >= all.length)) {
    throw inputError(`project ${projectId} has installments 0-${all.length - 1}, not ${installment}`);
  }
  const pick = installment !== undefined ? all[installment] : all.find((x) => x.open > 0n);
  if (!pick || pick.open === 0n) {
    const info = await tokenInfo(client);
    throw inputError(
      installment !== undefined
        ? `nothing is owed on installment ${installment} of project ${projectId} by ${me} (paid ${formatAmount(all[installment].paid, info)})`
        : `nothing is owed to project ${projectId} by ${me}: every installment is paid`,
    );
  }
  const approval = await approveIfShort(client, {
    spender: client.address("Treasury"),
    amount: pick.open,
    purpose: `installment ${pick.index} of project ${projectId}`,
  });
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.contribute, [projectId, pick.index]);
  return { ...r, installment: pick.index, amount: pick.open, approval };
}

/** The grant's funder deposits (part of) the proposed grant into the project's grant account (F4). */
export async function depositGrant(
  client: CovenantClient,
  p: { projectId: bigint; amount: bigint },
): Promise<TxResult & { approval: Approval }> {
  await requireProject(client, p.projectId);
  const approval = await approveIfShort(client, {
    spender: client.address("Treasury"),
    amount: p.amount,
    purpose: `the grant of project ${p.projectId}`,
  });
  const funding = await client.writable(client.projectFunding());
  return { ...(await client.send(funding.depositGrant, [p.projectId, p.amount])), approval };
}

/** Records a participant's contribution default after the grace period (anyone). */
export async function recordDefault(
  client: CovenantClient,
  p: { projectId: bigint; participant: string; installment: number },
): Promise<TxResult & { historyEntryId: bigint | null }> {
  await requireProject(client, p.projectId);
  if (!(await client.projects().isParticipant(p.projectId, p.participant))) {
    throw inputError(`${p.participant} is not a participant of project ${p.projectId}`);
  }
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.recordDefault, [p.projectId, p.participant, p.installment]);
  return { ...r, historyEntryId: eventArg(r, "ContributionDefaultRecorded", "historyEntryId") };
}

/** A spend request as the lead or the secretariat files it. */
export interface SpendRequestInput {
  projectId: bigint;
  line: number;
  amount: bigint;
  payee: string;
  invoiceHash: string;
  fromGrant: boolean;
  /** Unix seconds after which the request can no longer be approved or executed. */
  expiresAt: number;
}

/** The lead or the secretariat requests a spend from a budget line; a grant spend opens the supervisor's veto window. */
export async function requestSpend(
  client: CovenantClient,
  req: SpendRequestInput,
): Promise<TxResult & { spendId: bigint; vetoEndsAt: string | null }> {
  await requireProject(client, req.projectId);
  const sp = await client.writable(client.projectSpending());
  const r = await client.send(sp.requestSpend, [
    {
      projectId: req.projectId,
      line: req.line,
      amount: req.amount,
      payee: req.payee,
      invoiceHash: req.invoiceHash,
      fromGrant: req.fromGrant,
      expiresAt: req.expiresAt,
    },
  ]);
  const ev = r.events.find((e) => e.name === "SpendRequested");
  return {
    ...r,
    spendId: ev ? BigInt(ev.args.spendId as bigint) : await client.projectSpending().spendCount(),
    vetoEndsAt: ev ? isoTime(ev.args.vetoEndsAt as bigint) : null,
  };
}

async function requireSpend(client: CovenantClient, spendId: bigint) {
  const count = await client.projectSpending().spendCount();
  if (spendId < 1n || spendId > count) throw inputError(`no spend ${spendId} (there are ${count})`);
  return client.projectSpending().spendOf(spendId);
}

/** What a spend's execution would count now (B13): the approvals in good standing, and what they need. */
export interface SpendApprovals {
  /** What the approvers in good standing have paid into the project. */
  approved: bigint;
  /** The charter's approval share of what the participants other than the payee have paid. */
  needed: bigint;
}

/** A spend's approvals as execution would count them now (`ProjectSpending.approvalsOf`, B13). */
export async function spendApprovals(
  client: CovenantClient,
  p: { spendId: bigint },
): Promise<SpendApprovals> {
  await requireSpend(client, p.spendId);
  const [approved, needed] = await client.projectSpending().approvalsOf(p.spendId);
  return { approved, needed };
}

/**
 * A participant in good standing approves a spend with what it paid into the project (B13): never
 * the payee, never one with an unpaid recorded default or nothing paid. Returns the approvals after it.
 */
export async function approveSpend(
  client: CovenantClient,
  p: { spendId: bigint },
): Promise<TxResult & SpendApprovals> {
  await requireSpend(client, p.spendId);
  const sp = await client.writable(client.projectSpending());
  const r = await client.send(sp.approveSpend, [p.spendId]);
  return { ...r, ...(await spendApprovals(client, p)) };
}

/** SUPERVISOR: vetoes a grant spend inside its veto window, with the SHA-256 of the reasons. */
export async function vetoSpend(
  client: CovenantClient,
  p: { spendId: bigint; reasonHash: string },
): Promise<TxResult> {
  await requireSpend(client, p.spendId);
  const sp = await client.writable(client.projectSpending());
  return client.send(sp.vetoSpend, [p.spendId, p.reasonHash]);
}

/** Executes a fully approved spend (anyone), naming exactly the approved payee and amount. */
export async function executeSpend(
  client: CovenantClient,
  p: { spendId: bigint },
): Promise<TxResult & { payee: string; amount: bigint }> {
  const s = await requireSpend(client, p.spendId);
  const sp = await client.writable(client.projectSpending());
  const r = await client.send(sp.executeSpend, [p.spendId, s.payee, s.amount]);
  return { ...r, payee: s.payee, amount: s.amount };
}

/** The lead reports milestone `index`'s deliverable (its SHA-256). */
export async function reportMilestone(
  client: CovenantClient,
  p: { projectId: bigint; index: number; deliverableHash: string },
): Promise<TxResult> {
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  return client.send(reg.reportMilestone, [p.projectId, p.index, p.deliverableHash]);
}

/** A participant other than the lead, or an expert outside the project, accepts milestone `index` (B13). */
export async function acceptMilestone(
  client: CovenantClient,
  p: { projectId: bigint; index: number },
): Promise<TxResult> {
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  return client.send(reg.acceptMilestone, [p.projectId, p.index]);
}

/** The lead completes the project once every milestone is accepted. */
export async function completeProject(client: CovenantClient, p: { projectId: bigint }): Promise<TxResult> {
  await requireProject(client, p.projectId);
  const reg = await client.writable(client.projects());
  return client.send(reg.completeProject, [p.projectId]);
}

/** After close, the signer claims its refund (to its withdrawable balance in the Treasury). */
export async function claimRefund(
  client: CovenantClient,
  p: { projectId: bigint },
): Promise<TxResult & { amount: bigint }> {
  await requireProject(client, p.projectId);
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.claimRefund, [p.projectId]);
  return { ...r, amount: eventArg(r, "RefundClaimed", "amount") ?? 0n };
}

// ------------------------------------------------------------------ views

export interface ParticipantView {
  account: string;
  lead: boolean;
  costShareBps: number;
  ipShareBps: number;
  taskHash: string;
  costDue: bigint;
  contributed: bigint;
  arrears: bigint;
  /** B13: what it has paid into the project (the weight of its spend approvals). */
  paid: bigint;
  /** B13: an unpaid recorded default on the project: its spend approvals do not count. */
  unpaidDefault: boolean;
  installments: InstallmentDue[];
}

export interface BudgetLineView {
  line: number;
  category: string;
  budgeted: bigint;
  spent: bigint;
  remaining: bigint;
  grantAllowed: boolean;
}

export interface MilestoneView {
  index: number;
  status: string;
  dueDate: string | null;
  specHash: string;
  deliverableHash: string | null;
  reportedAt: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
}

export interface ProjectView {
  id: bigint;
  title: string;
  status: string;
  proposer: string;
  lead: string;
  documentHash: string;
  termsHash: string;
  contributionClause: string;
  agreementId: bigint;
  budget: bigint;
  grantAmount: bigint;
  grantFunder: string | null;
  reviews: number;
  proposedAt: string | null;
  activatedAt: string | null;
  closedAt: string | null;
  latePenaltyBps: number;
  gracePeriodDays: number;
  contributed: bigint;
  grantReceived: bigint;
  projectSpent: bigint;
  grantSpent: bigint;
  projectBalance: bigint;
  grantBalance: bigint;
  participants: ParticipantView[];
  budgetLines: BudgetLineView[];
  milestones: MilestoneView[];
  installmentDueDates: (string | null)[];
  token: TokenInfo;
}

/**
 * Everything about a project a participant or supervisor reads: shares, lines with spent, milestones,
 * installments and arrears. What the registry keeps only as hashes or not at all (the title, the plan
 * document, the tasks, the budget categories, the milestones' specs and due dates) comes from the
 * project's `ProjectProposed` event, read at the block the registry records and checked against the
 * record (`proposalFromChain`); deliverables and acceptances from the milestone events, scanned from
 * that block in bounded ranges (`scanEvents`).
 */
export async function projectView(client: CovenantClient, p0: { projectId: bigint }): Promise<ProjectView> {
  const { projectId } = p0;
  await requireProject(client, projectId);
  const reg = client.projects();
  const funding = client.projectFunding();
  const spending = client.projectSpending();
  const treasury = client.treasury();
  const now = await chainNow(client);
  const [p, proposed, accounts, statuses, dates, ledger, spent, pBal, gBal, token] = await Promise.all([
    reg.projectOf(projectId),
    proposalFromChain(reg, projectId),
    reg.participantsOf(projectId),
    reg.milestoneStatusesOf(projectId),
    reg.installmentDueDatesOf(projectId),
    funding.ledgerOf(projectId),
    spending.spentOf(projectId),
    treasury.projectBalance(projectId),
    treasury.grantBalance(projectId),
    tokenInfo(client),
  ]);
  const proposal = proposed.proposal;
  const times = new BlockTimes(client);
  const [reported, accepted, proposedAt] = await Promise.all([
    scanEvents(client, reg, reg.filters.MilestoneReported(projectId), proposed.block),
    scanEvents(client, reg, reg.filters.MilestoneAccepted(projectId), proposed.block),
    times.of(proposed.block),
  ]);
  // The last report and the acceptance of each milestone (events come oldest first).
  const lastReport = new Map<number, EventLog>();
  for (const l of reported) lastReport.set(Number(l.args.index), l);
  const acceptance = new Map<number, EventLog>();
  for (const l of accepted) acceptance.set(Number(l.args.index), l);
  const participants = await Promise.all(
    accounts.map(async (account, i) => {
      const [pt, contributed, arrears, [paid, unpaidDefault], installments] = await Promise.all([
        reg.participantOf(projectId, account),
        funding.contributedBy(projectId, account),
        funding.arrearsOf(projectId, account),
        funding.standingOf(projectId, account),
        installmentsOf(client, { projectId, participant: account, now }),
      ]);
      return {
        account: getAddress(account),
        lead: getAddress(account) === getAddress(p.lead),
        costShareBps: Number(pt.costShareBps),
        ipShareBps: Number(pt.ipShareBps),
        taskHash: proposal.participants[i].taskHash,
        costDue: pt.costDue,
        contributed,
        arrears,
        paid,
        unpaidDefault,
        installments,
      };
    }),
  );
  const mask = Number(p.grantLinesMask);
  const budgetLines = await Promise.all(
    proposal.budgetLines.map(async (l, i) => {
      const s = await spending.spentOnLine(projectId, i);
      const amount = BigInt(l.amount);
      return {
        line: i,
        category: BUDGET_CATEGORIES[Number(l.category)] ?? String(l.category),
        budgeted: amount,
        spent: s,
        remaining: amount > s ? amount - s : 0n,
        grantAllowed: ((mask >>> i) & 1) === 1,
      };
    }),
  );
  const milestones = await Promise.all(
    proposal.milestones.map(async (m, i) => {
      const status = Number(statuses[i]);
      // The deliverable the lead reported last (a rejection sends the milestone back to Pending, and
      // its last report stays what it was, as the record used to keep it).
      const rep = lastReport.get(i);
      const acc = MILESTONE_STATUS[status] === "Accepted" ? acceptance.get(i) : undefined;
      return {
        index: i,
        status: MILESTONE_STATUS[status] ?? String(status),
        dueDate: isoTime(BigInt(m.dueDate)),
        specHash: m.specHash,
        deliverableHash: rep ? (rep.args.deliverableHash as string) : null,
        reportedAt: rep ? isoTime(await times.of(rep.blockNumber)) : null,
        acceptedAt: acc ? isoTime(await times.of(acc.blockNumber)) : null,
        acceptedBy: acc ? getAddress(acc.args.by as string) : null,
      };
    }),
  );
  return {
    id: projectId,
    title: proposal.title,
    status: PROJECT_STATUS[Number(p.status)] ?? String(p.status),
    proposer: p.proposer,
    lead: p.lead,
    documentHash: proposal.documentHash,
    termsHash: p.termsHash,
    contributionClause: clauseIdToText(p.contributionClauseId),
    agreementId: p.agreementId,
    budget: p.budget,
    grantAmount: p.grantAmount,
    grantFunder: p.grantFunder === ZeroAddress ? null : p.grantFunder,
    reviews: Number(p.reviewCount),
    proposedAt: isoTime(proposedAt),
    activatedAt: isoTime(p.activatedAt),
    closedAt: isoTime(p.closedAt),
    latePenaltyBps: Number(p.latePenaltyBps),
    gracePeriodDays: Number(p.gracePeriod) / 86_400,
    contributed: ledger.contributed,
    grantReceived: ledger.grantReceived,
    projectSpent: spent.projectSpent,
    grantSpent: spent.grantSpent,
    projectBalance: pBal,
    grantBalance: gBal,
    participants,
    budgetLines,
    milestones,
    installmentDueDates: dates.map((d) => isoTime(d)),
    token,
  };
}

export interface ProjectSummary {
  id: bigint;
  title: string;
  status: string;
  lead: string;
  budget: bigint;
  grantAmount: bigint;
  participants: number;
  proposedAt: string | null;
}

/**
 * Every project, newest last: the headers all asked at once (one JSON-RPC batch per hundred), and
 * the titles from one bounded scan of the `ProjectProposed` events over the blocks the registry
 * records for them (each project must have exactly one at its block), with the block times the
 * node gives with the logs (else each block's time asked once, all at once).
 */
export async function listProjects(client: CovenantClient): Promise<ProjectSummary[]> {
  const reg = client.projects();
  const count = Number(await reg.projectCount());
  const ids = Array.from({ length: count }, (_, i) => BigInt(i + 1));
  const records = await Promise.all(ids.map((id) => reg.projectOf(id)));
  if (count === 0) return [];
  const blocks = records.map((p) => Number(p.proposedBlock));
  const event = reg.interface.getEvent("ProjectProposed");
  const logs = await scanLogs(
    client,
    { address: await reg.getAddress(), topics: [event.topicHash] },
    Math.min(...blocks),
    Math.max(...blocks),
  );
  // each project's events at the block its record names
  const found = new Map<bigint, RawLog[]>();
  for (const l of logs) {
    if (l.removed || l.topics.length < 2) continue;
    const id = BigInt(l.topics[1]);
    if (id < 1n || id > BigInt(count) || l.blockNumber !== blocks[Number(id) - 1]) continue;
    found.set(id, [...(found.get(id) ?? []), l]);
  }
  const times = new BlockTimes(client);
  const at = await Promise.all(
    ids.map((id, i) => {
      const l = found.get(id);
      if (l?.length !== 1)
        throw checkError(
          `the node returned ${l?.length ?? 0} ProjectProposed events of project ${id} at block ${blocks[i]}, where the registry records one`,
        );
      return l[0].blockTimestamp ?? times.of(blocks[i]);
    }),
  );
  return ids.map((id, i) => {
    const p = records[i];
    const l = found.get(id)![0];
    const args = reg.interface.decodeEventLog(event, l.data, l.topics);
    return {
      id,
      title: args.proposal.title as string,
      status: PROJECT_STATUS[Number(p.status)] ?? String(p.status),
      lead: p.lead,
      budget: p.budget,
      grantAmount: p.grantAmount,
      participants: Number(p.participantCount),
      proposedAt: isoTime(at[i]),
    };
  });
}

/** A spend record in plain values. */
export interface SpendView {
  id: bigint;
  projectId: bigint;
  line: number;
  amount: bigint;
  payee: string;
  requester: string;
  status: string;
  fromGrant: boolean;
  /** Sum of what the approvers had paid in when they approved (B13). */
  approvedPaid: bigint;
  /** The charter's approval share (bps) of what the participants other than the payee paid. */
  requiredBps: number;
  requestedAt: string | null;
  expiresAt: string | null;
  vetoEndsAt: string | null;
  invoiceHash: string;
}

/**
 * Every spend of a project, in request order: its `SpendRequested` events (indexed by project),
 * scanned in bounded ranges from the project's proposal block, each with its record (`spendOf`), which
 * the event's payee, amount and line must match.
 */
export async function spendsOf(client: CovenantClient, p0: { projectId: bigint }): Promise<SpendView[]> {
  const { projectId } = p0;
  const sp = client.projectSpending();
  const p = await client.projects().projectOf(projectId);
  const times = new BlockTimes(client);
  const logs = await scanEvents(
    client,
    sp,
    sp.filters.SpendRequested(undefined, projectId),
    Number(p.proposedBlock),
  );
  return Promise.all(
    logs.map(async (l) => {
      const id = BigInt(l.args.spendId as bigint);
      const s = await sp.spendOf(id);
      checkSpendRequested(id, s, l);
      return {
        id,
        projectId,
        line: Number(s.line),
        amount: s.amount,
        payee: s.payee,
        requester: s.requester,
        status: SPEND_STATUS[Number(s.status)] ?? String(s.status),
        fromGrant: s.fromGrant,
        approvedPaid: s.approvedPaid,
        requiredBps: Number(s.requiredBps),
        requestedAt: isoTime(await times.of(l.blockNumber)),
        expiresAt: isoTime(s.expiresAt),
        vetoEndsAt: isoTime(s.vetoEndsAt),
        invoiceHash: l.args.invoiceHash as string,
      };
    }),
  );
}

/** The fields of a spend's record its `SpendRequested` event repeats. */
interface SpendRecordFacts {
  projectId: bigint;
  amount: bigint;
  line: bigint;
  payee: string;
}

/** Throws a check error when spend `id`'s `SpendRequested` event differs from its record. */
function checkSpendRequested(id: bigint, s: SpendRecordFacts, l: EventLog): void {
  if (
    BigInt(l.args.spendId as bigint) !== id ||
    BigInt(l.args.projectId as bigint) !== s.projectId ||
    BigInt(l.args.amount as bigint) !== s.amount ||
    BigInt(l.args.line as bigint) !== BigInt(s.line) ||
    getAddress(l.args.payee as string) !== getAddress(s.payee)
  )
    throw checkError(`the SpendRequested event of spend ${id} differs from the spend's record`);
}

/**
 * Spend `spendId`'s `SpendRequested` event (its invoice hash and request time live there), scanned in
 * bounded ranges from its project's proposal block and checked against the spend's record.
 */
async function spendRequestedOf(
  client: CovenantClient,
  spendId: bigint,
  s: SpendRecordFacts,
): Promise<EventLog> {
  const sp = client.projectSpending();
  const p = await client.projects().projectOf(s.projectId);
  const logs = await scanEvents(client, sp, sp.filters.SpendRequested(spendId), Number(p.proposedBlock));
  if (logs.length !== 1)
    throw checkError(
      `the node returned ${logs.length} SpendRequested events of spend ${spendId}, where there is one`,
    );
  checkSpendRequested(spendId, s, logs[0]);
  return logs[0];
}

/** One spend with its approvals as execution would count them now (B13): `covenant project spend show`. */
export async function spendView(
  client: CovenantClient,
  p: { spendId: bigint },
): Promise<SpendView & SpendApprovals & { category: string; approvers: string[]; token: TokenInfo }> {
  const s = await requireSpend(client, p.spendId);
  const sp = client.projectSpending();
  const [[approved, needed], accounts, proposed, requested, token] = await Promise.all([
    sp.approvalsOf(p.spendId),
    client.projects().participantsOf(s.projectId),
    proposalFromChain(client.projects(), s.projectId),
    spendRequestedOf(client, p.spendId, s),
    tokenInfo(client),
  ]);
  const approvers: string[] = [];
  for (const a of accounts) if (await sp.hasApproved(p.spendId, a)) approvers.push(getAddress(a));
  const line = proposed.proposal.budgetLines[Number(s.line)];
  return {
    id: p.spendId,
    projectId: s.projectId,
    line: Number(s.line),
    category: line ? (BUDGET_CATEGORIES[Number(line.category)] ?? String(line.category)) : String(s.line),
    amount: s.amount,
    payee: s.payee,
    requester: s.requester,
    status: SPEND_STATUS[Number(s.status)] ?? String(s.status),
    fromGrant: s.fromGrant,
    approvedPaid: s.approvedPaid,
    requiredBps: Number(s.requiredBps),
    requestedAt: isoTime(await new BlockTimes(client).of(requested.blockNumber)),
    expiresAt: isoTime(s.expiresAt),
    vetoEndsAt: isoTime(s.vetoEndsAt),
    invoiceHash: requested.args.invoiceHash as string,
    approved,
    needed,
    approvers,
    token,
  };
}

/** Converts base units to token units for JSON output. */
export function tokenUnits(v: bigint, token: TokenInfo): string {
  return units(v, token.decimals);
}
