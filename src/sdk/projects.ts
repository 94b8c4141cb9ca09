/**
 * Joint R&D projects for members, experts and the lead (R1, R2, F2, F4, F5, P2): the SDK behind
 * `covenant project …` and the demo. Every action checks what it can locally, then sends through
 * `client.send` (simulated first, so a refusal sends nothing).
 *
 * The proposal file (`readProposalFile`) is JSON written by people: amounts in token units, dates
 * as ISO times, unix seconds or "+<n>d" (days after the chain's latest block), documents as file
 * paths (hashed with SHA-256, relative to the proposal file) or 0x-hashes. See docs/cli.md.
 */
import { getAddress, ZeroAddress, ZeroHash } from "ethers";
import type { CovenantClient, TxResult } from "./client";
import { inputError } from "./errors";
import { sha256Hex, utf8Length, type FileReader } from "./hash";
import {
  ensureAllowance,
  formatAmount,
  isoTime,
  parseAddress,
  parseAmount,
  signerAddress,
  tokenInfo,
  units,
  type Approval,
  type TokenInfo,
} from "./money";
import {
  BUDGET_CATEGORIES,
  buildProjectTerms,
  canonicalProjectTerms,
  projectTermsHash,
  toProposalStruct,
  type ProjectProposalInput,
} from "./projectTerms";
import { clauseIdToText, REMEDIES, type ClauseJson, type RemedyName } from "./terms";
import { MilestoneStatus, ProjectStatus, SpendStatus } from "./generated/enums";

export const PROJECT_STATUS = ProjectStatus;
export const MILESTONE_STATUS = MilestoneStatus;
export const SPEND_STATUS = SpendStatus;

/** Page size for the paged project views. */
const PAGE = 100;

// ------------------------------------------------------------------ the proposal file

/** A date in a proposal file: ISO text, unix seconds, or "+<n>d" / "+<n>h" / "+<n>s" after `now`. */
export function parseDate(value: unknown, what: string, now: number): number {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  if (typeof value === "string") {
    const rel = /^\+(\d+)([dhs])$/.exec(value.trim());
    if (rel) return now + Number(rel[1]) * { d: 86_400, h: 3_600, s: 1 }[rel[2] as "d" | "h" | "s"];
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && /^\d{4}-\d{2}-\d{2}/.test(value)) return Math.floor(ms / 1000);
  }
  throw inputError(`${what} must be a date (2026-06-30, unix seconds or +30d), got ${JSON.stringify(value)}`);
}

/** A document named in a file: a 0x SHA-256, or a path (read by `readFile`) whose bytes are hashed. */
export function documentHash(value: unknown, what: string, readFile: FileReader): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw inputError(`${what} must name a file (or give its 0x SHA-256)`);
  }
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) {
    if (value === ZeroHash) throw inputError(`${what} must not be the zero hash`);
    return value.toLowerCase();
  }
  return sha256Hex(readFile(value, what));
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw inputError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, what: string, min = 1): unknown[] {
  if (!Array.isArray(v)) throw inputError(`${what} must be a list`);
  if (v.length < min) throw inputError(`${what} needs at least ${min} entr${min === 1 ? "y" : "ies"}`);
  return v;
}

function int(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw inputError(`${what} must be a whole number ${min}-${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== "string" || v.trim() === "") throw inputError(`${what} must be a non-empty text`);
  return v;
}

/** What `readProposalFile` needs from the chain: token decimals and the current chain time. */
export interface ProposalContext {
  decimals: number;
  /** Unix seconds the relative dates ("+30d") count from (the latest block's timestamp). */
  now: number;
}

/**
 * Parses a proposal file (already read as text) into the SDK's proposal input. Every field is
 * checked locally with a message naming it; the contract checks the rest in simulation.
 */
export function parseProposal(
  json: string,
  ctx: ProposalContext,
  readFile: FileReader,
): ProjectProposalInput {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw inputError(`the proposal file is not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const p = obj(raw, "the proposal");
  const title = text(p.title, "title");
  if (utf8Length(title) > 200) throw inputError("title is longer than 200 bytes");
  const doc = documentHash(p.document ?? p.documentHash, "document", readFile);
  const lead = parseAddress(p.lead as string, "lead");
  const participants = list(p.participants, "participants", 2).map((x, i) => {
    const o = obj(x, `participants[${i}]`);
    return {
      account: parseAddress(o.account as string, `participants[${i}].account`),
      costShareBps: int(o.costShareBps, `participants[${i}].costShareBps`, 1, 10_000),
      ipShareBps: int(o.ipShareBps, `participants[${i}].ipShareBps`, 1, 10_000),
      taskHash: documentHash(o.task ?? o.taskHash, `participants[${i}].task`, readFile),
    };
  });
  const seen = new Set<string>();
  for (const x of participants) {
    if (seen.has(x.account)) throw inputError(`participants lists ${x.account} twice`);
    seen.add(x.account);
  }
  for (const key of ["costShareBps", "ipShareBps"] as const) {
    const sum = participants.reduce((s, x) => s + x[key], 0);
    if (sum !== 10_000) throw inputError(`the participants' ${key} sum to ${sum}, not 10000`);
  }
  if (!seen.has(lead)) throw inputError(`the lead ${lead} is not one of the participants`);
  const budgetLines = list(p.budgetLines, "budgetLines").map((x, i) => {
    const o = obj(x, `budgetLines[${i}]`);
    const category = BUDGET_CATEGORIES.find((c) => c.toLowerCase() === String(o.category).toLowerCase());
    if (!category) {
      throw inputError(
        `budgetLines[${i}].category must be one of ${BUDGET_CATEGORIES.join(", ")}, got ${JSON.stringify(o.category)}`,
      );
    }
    return { category, amount: parseAmount(String(o.amount), ctx.decimals, `budgetLines[${i}].amount`) };
  });
  const milestones = list(p.milestones, "milestones").map((x, i) => {
    const o = obj(x, `milestones[${i}]`);
    return {
      dueDate: parseDate(o.due ?? o.dueDate, `milestones[${i}].due`, ctx.now),
      specHash: documentHash(o.spec ?? o.specHash, `milestones[${i}].spec`, readFile),
    };
  });
  const installmentDueDates = list(p.installments, "installments").map((d, i) =>
    parseDate(d, `installments[${i}]`, ctx.now),
  );
  const g = p.grant === undefined || p.grant === null ? {} : obj(p.grant, "grant");
  const grantAmount =
    g.amount === undefined ? 0n : parseAmount(String(g.amount), ctx.decimals, "grant.amount", true);
  const grantFunder =
    g.funder === undefined || g.funder === null
      ? ZeroAddress
      : parseAddress(g.funder as string, "grant.funder");
  const grantLines =
    g.lines === undefined
      ? []
      : list(g.lines, "grant.lines", 0).map((l, i) => int(l, `grant.lines[${i}]`, 0, budgetLines.length - 1));
  const contributionClauseId = text(p.contributionClause ?? "5.2", "contributionClause");
  if (utf8Length(contributionClauseId) > 31) throw inputError("contributionClause is too long");
  const penaltySchedule =
    p.penaltySchedule === undefined ? undefined : parsePenaltySchedule(p.penaltySchedule, ctx.decimals);
  return {
    title,
    documentHash: doc,
    lead,
    participants,
    budgetLines,
    milestones,
    installmentDueDates,
    grantAmount,
    grantFunder,
    grantLines,
    contributionClauseId,
    penaltySchedule,
  };
}

/** The penalty schedule of a proposal file: damages caps in token units (stored in base units). */
function parsePenaltySchedule(v: unknown, decimals: number): ClauseJson[] {
  return list(v, "penaltySchedule", 0).map((x, i) => {
    const o = obj(x, `penaltySchedule[${i}]`);
    const remedies = list(o.remedies, `penaltySchedule[${i}].remedies`).map((r) => {
      if (typeof r !== "string" || !(r in REMEDIES)) {
        throw inputError(
          `penaltySchedule[${i}].remedies: ${JSON.stringify(r)} is not one of ${Object.keys(REMEDIES).join(", ")}`,
        );
      }
      return r as RemedyName;
    });
    return {
      id: text(o.id, `penaltySchedule[${i}].id`),
      damagesCap: parseAmount(
        String(o.damagesCap),
        decimals,
        `penaltySchedule[${i}].damagesCap`,
        true,
      ).toString(),
      remedies,
    };
  });
}

/** The chain's latest block time (unix seconds). */
export async function chainNow(client: CovenantClient): Promise<number> {
  const b = await client.provider.getBlock("latest");
  return b ? b.timestamp : Math.floor(Date.now() / 1000);
}

// ------------------------------------------------------------------ actions

/** The result of an action: the transaction and what it produced. */
export interface ActionResult {
  tx: string;
  block: number;
}

function done(r: TxResult): ActionResult {
  return { tx: r.hash, block: r.blockNumber };
}

/** Checks that project `id` exists; an input error naming it otherwise. */
export async function requireProject(client: CovenantClient, id: bigint): Promise<void> {
  const count = await client.projects().projectCount();
  if (id < 1n || id > count) throw inputError(`no project ${id} (there are ${count})`);
}

/**
 * The signer proposes a project (R1). Returns the new id, the terms hash and the canonical terms
 * JSON that the project agreement must carry (write it for the parties to sign).
 */
export async function proposeProject(
  client: CovenantClient,
  proposal: ProjectProposalInput,
): Promise<ActionResult & { projectId: bigint; termsHash: string; termsJson: string }> {
  const struct = toProposalStruct(proposal);
  const reg = await client.writable(client.projects());
  const r = await client.send(reg.propose, [struct]);
  const ev = r.events.find((e) => e.name === "ProjectProposed");
  return {
    ...done(r),
    projectId: ev ? BigInt(ev.args.projectId as bigint) : await client.projects().projectCount(),
    termsHash: projectTermsHash(proposal),
    termsJson: canonicalProjectTerms(buildProjectTerms(proposal)),
  };
}

/** An EXPERT files its review: a score 0-100 and the SHA-256 of its opinion document. */
export async function reviewProject(
  client: CovenantClient,
  projectId: bigint,
  score: number,
  opinionHash: string,
): Promise<ActionResult> {
  if (!Number.isInteger(score) || score < 0 || score > 100) throw inputError("the score must be 0-100");
  await requireProject(client, projectId);
  const reg = await client.writable(client.projects());
  return done(await client.send(reg.submitReview, [projectId, score, opinionHash]));
}

/**
 * Activates an approved project under its Effective project agreement (anyone), then opens every
 * participant's books (`openProjectBooks`), so that each participant's first installment costs what a
 * later one costs. `booksTx` is the second transaction.
 */
export async function activateProject(
  client: CovenantClient,
  projectId: bigint,
  agreementId: bigint,
): Promise<ActionResult & { booksTx: string }> {
  await requireProject(client, projectId);
  const reg = await client.writable(client.projects());
  const r = done(await client.send(reg.activate, [projectId, agreementId]));
  return { ...r, booksTx: (await openProjectBooks(client, projectId)).tx };
}

/**
 * Opens the books of every participant of an active project in one call (`ProjectFunding.openBooks`;
 * anyone; idempotent; at most 64 participants): caches each one's installment terms, which its first
 * payment would otherwise do at its own cost.
 */
export async function openProjectBooks(client: CovenantClient, projectId: bigint): Promise<ActionResult> {
  const count = (await client.projects().participantsOf(projectId)).length;
  const funding = await client.writable(client.projectFunding());
  return done(await client.send(funding.openBooks, [projectId, 0, count]));
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
  projectId: bigint,
  participant: string,
  now?: number,
): Promise<InstallmentDue[]> {
  const reg = client.projects();
  const funding = client.projectFunding();
  const t = now ?? (await chainNow(client));
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
 * Treasury, then contributes.
 */
export async function contribute(
  client: CovenantClient,
  projectId: bigint,
  installment?: number,
): Promise<ActionResult & { installment: number; amount: bigint; approval: Approval }> {
  await requireProject(client, projectId);
  const me = await signerAddress(client);
  const reg = client.projects();
  const status = Number((await reg.projectOf(projectId)).status);
  if (!(await reg.isParticipant(projectId, me))) {
    throw inputError(`${me} is not a participant of project ${projectId}`);
  }
  if (PROJECT_STATUS[status] !== "Active") {
    throw inputError(`project ${projectId} is ${PROJECT_STATUS[status]}; contributions need it Active`);
  }
  const all = await installmentsOf(client, projectId, me);
  if (installment !== undefined && (installment < 0 || installment >= all.length)) {
    throw inputError(`project ${projectId} has installments 0-${all.length - 1}, not ${installment}`);
  }
  const pick = installment !== undefined ? all[installment] : all.find((x) => x.open > 0n);
  const info = await tokenInfo(client);
  if (!pick || pick.open === 0n) {
    throw inputError(
      installment !== undefined
        ? `nothing is owed on installment ${installment} of project ${projectId} by ${me} (paid ${formatAmount(all[installment].paid, info)})`
        : `nothing is owed to project ${projectId} by ${me}: every installment is paid`,
    );
  }
  const approval = await ensureAllowance(
    client,
    client.address("Treasury"),
    pick.open,
    `installment ${pick.index} of project ${projectId}`,
  );
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.contribute, [projectId, pick.index]);
  return { ...done(r), installment: pick.index, amount: pick.open, approval };
}

/** Records a participant's contribution default after the grace period (anyone). */
export async function recordDefault(
  client: CovenantClient,
  projectId: bigint,
  participant: string,
  installment: number,
): Promise<ActionResult & { historyEntryId: bigint | null }> {
  await requireProject(client, projectId);
  if (!(await client.projects().isParticipant(projectId, participant))) {
    throw inputError(`${participant} is not a participant of project ${projectId}`);
  }
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.recordDefault, [projectId, participant, installment]);
  const ev = r.events.find((e) => e.name === "ContributionDefaultRecorded");
  return { ...done(r), historyEntryId: ev ? BigInt(ev.args.historyEntryId as bigint) : null };
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

export async function requestSpend(
  client: CovenantClient,
  req: SpendRequestInput,
): Promise<ActionResult & { spendId: bigint; vetoEndsAt: string | null }> {
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
    ...done(r),
    spendId: ev ? BigInt(ev.args.spendId as bigint) : await client.projectSpending().spendCount(),
    vetoEndsAt: ev ? isoTime(ev.args.vetoEndsAt as bigint) : null,
  };
}

async function requireSpend(client: CovenantClient, spendId: bigint) {
  const count = await client.projectSpending().spendCount();
  if (spendId < 1n || spendId > count) throw inputError(`no spend ${spendId} (there are ${count})`);
  return client.projectSpending().spendOf(spendId);
}

/** A participant in good standing approves a spend with what it paid into the project (B13). */
export async function approveSpend(client: CovenantClient, spendId: bigint): Promise<ActionResult> {
  await requireSpend(client, spendId);
  const sp = await client.writable(client.projectSpending());
  return done(await client.send(sp.approveSpend, [spendId]));
}

/** SUPERVISOR: vetoes a grant spend inside its veto window, with the SHA-256 of the reasons. */
export async function vetoSpend(
  client: CovenantClient,
  spendId: bigint,
  reasonHash: string,
): Promise<ActionResult> {
  await requireSpend(client, spendId);
  const sp = await client.writable(client.projectSpending());
  return done(await client.send(sp.vetoSpend, [spendId, reasonHash]));
}

/** Executes a fully approved spend (anyone), naming exactly the approved payee and amount. */
export async function executeSpend(
  client: CovenantClient,
  spendId: bigint,
): Promise<ActionResult & { payee: string; amount: bigint }> {
  const s = await requireSpend(client, spendId);
  const sp = await client.writable(client.projectSpending());
  const r = await client.send(sp.executeSpend, [spendId, s.payee, s.amount]);
  return { ...done(r), payee: s.payee, amount: s.amount };
}

/** The lead reports milestone `index`'s deliverable (its SHA-256). */
export async function reportMilestone(
  client: CovenantClient,
  projectId: bigint,
  index: number,
  deliverableHash: string,
): Promise<ActionResult> {
  await requireProject(client, projectId);
  const reg = await client.writable(client.projects());
  return done(await client.send(reg.reportMilestone, [projectId, index, deliverableHash]));
}

/** A participant other than the lead, or an expert outside the project, accepts milestone `index` (B13). */
export async function acceptMilestone(
  client: CovenantClient,
  projectId: bigint,
  index: number,
): Promise<ActionResult> {
  await requireProject(client, projectId);
  const reg = await client.writable(client.projects());
  return done(await client.send(reg.acceptMilestone, [projectId, index]));
}

/** The lead completes the project once every milestone is accepted. */
export async function completeProject(client: CovenantClient, projectId: bigint): Promise<ActionResult> {
  await requireProject(client, projectId);
  const reg = await client.writable(client.projects());
  return done(await client.send(reg.completeProject, [projectId]));
}

/** After close, the signer claims its refund (to its withdrawable balance in the Treasury). */
export async function claimRefund(
  client: CovenantClient,
  projectId: bigint,
): Promise<ActionResult & { amount: bigint }> {
  await requireProject(client, projectId);
  const funding = await client.writable(client.projectFunding());
  const r = await client.send(funding.claimRefund, [projectId]);
  const ev = r.events.find((e) => e.name === "RefundClaimed");
  return { ...done(r), amount: ev ? BigInt(ev.args.amount as bigint) : 0n };
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

/** Everything about a project a participant or supervisor reads: shares, lines with spent, milestones, installments and arrears. */
export async function projectView(client: CovenantClient, projectId: bigint): Promise<ProjectView> {
  await requireProject(client, projectId);
  const reg = client.projects();
  const funding = client.projectFunding();
  const spending = client.projectSpending();
  const treasury = client.treasury();
  const now = await chainNow(client);
  const [p, accounts, lines, milestones, dates, ledger, spent, pBal, gBal, token] = await Promise.all([
    reg.projectOf(projectId),
    reg.participantsOf(projectId),
    reg.budgetLinesOf(projectId),
    reg.milestonesOf(projectId),
    reg.installmentDueDatesOf(projectId),
    funding.ledgerOf(projectId),
    spending.spentOf(projectId),
    treasury.projectBalance(projectId),
    treasury.grantBalance(projectId),
    tokenInfo(client),
  ]);
  const participants = await Promise.all(
    accounts.map(async (account) => {
      const [pt, contributed, arrears, installments] = await Promise.all([
        reg.participantOf(projectId, account),
        funding.contributedBy(projectId, account),
        funding.arrearsOf(projectId, account),
        installmentsOf(client, projectId, account, now),
      ]);
      return {
        account: getAddress(account),
        lead: getAddress(account) === getAddress(p.lead),
        costShareBps: Number(pt.costShareBps),
        ipShareBps: Number(pt.ipShareBps),
        taskHash: pt.taskHash,
        costDue: pt.costDue,
        contributed,
        arrears,
        installments,
      };
    }),
  );
  const mask = Number(p.grantLinesMask);
  const budgetLines = await Promise.all(
    lines.map(async (l, i) => {
      const s = await spending.spentOnLine(projectId, i);
      return {
        line: i,
        category: BUDGET_CATEGORIES[Number(l.category)] ?? String(l.category),
        budgeted: l.amount,
        spent: s,
        remaining: l.amount > s ? l.amount - s : 0n,
        grantAllowed: ((mask >>> i) & 1) === 1,
      };
    }),
  );
  return {
    id: projectId,
    title: p.title,
    status: PROJECT_STATUS[Number(p.status)] ?? String(p.status),
    proposer: p.proposer,
    lead: p.lead,
    documentHash: p.documentHash,
    termsHash: p.termsHash,
    contributionClause: clauseIdToText(p.contributionClauseId),
    agreementId: p.agreementId,
    budget: p.budget,
    grantAmount: p.grantAmount,
    grantFunder: p.grantFunder === ZeroAddress ? null : p.grantFunder,
    reviews: Number(p.reviewCount),
    proposedAt: isoTime(p.proposedAt),
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
    milestones: milestones.map((m, i) => ({
      index: i,
      status: MILESTONE_STATUS[Number(m.status)] ?? String(m.status),
      dueDate: isoTime(m.dueDate),
      specHash: m.specHash,
      deliverableHash: m.deliverableHash === ZeroHash ? null : m.deliverableHash,
      reportedAt: isoTime(m.reportedAt),
      acceptedAt: isoTime(m.acceptedAt),
      acceptedBy: m.acceptedBy === ZeroAddress ? null : m.acceptedBy,
    })),
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

/** Every project, newest last (one header read each). */
export async function listProjects(client: CovenantClient): Promise<ProjectSummary[]> {
  const reg = client.projects();
  const count = Number(await reg.projectCount());
  const ids = Array.from({ length: count }, (_, i) => BigInt(i + 1));
  return Promise.all(
    ids.map(async (id) => {
      const [p, parts] = await Promise.all([reg.projectOf(id), reg.participantsOf(id)]);
      return {
        id,
        title: p.title,
        status: PROJECT_STATUS[Number(p.status)] ?? String(p.status),
        lead: p.lead,
        budget: p.budget,
        grantAmount: p.grantAmount,
        participants: parts.length,
        proposedAt: isoTime(p.proposedAt),
      };
    }),
  );
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

/** Every spend of a project (paged view walked {@link PAGE} at a time). */
export async function spendsOf(client: CovenantClient, projectId: bigint): Promise<SpendView[]> {
  const sp = client.projectSpending();
  const out: SpendView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const [ids, spends] = await sp.spendsOf(projectId, offset, PAGE);
    spends.forEach((s, i) =>
      out.push({
        id: ids[i],
        projectId,
        line: Number(s.line),
        amount: s.amount,
        payee: s.payee,
        requester: s.requester,
        status: SPEND_STATUS[Number(s.status)] ?? String(s.status),
        fromGrant: s.fromGrant,
        approvedPaid: s.approvedPaid,
        requiredBps: Number(s.requiredBps),
        requestedAt: isoTime(s.requestedAt),
        expiresAt: isoTime(s.expiresAt),
        vetoEndsAt: isoTime(s.vetoEndsAt),
        invoiceHash: s.invoiceHash,
      }),
    );
    if (ids.length < PAGE) return out;
  }
}

/** Converts base units to token units for JSON output. */
export function tokenUnits(v: bigint, token: TokenInfo): string {
  return units(v, token.decimals);
}
