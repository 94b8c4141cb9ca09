/**
 * Project terms: the machine-readable terms of a joint R&D project agreement (F2, F5).
 *
 * A proposal's `termsHash` is SHA-256 of the RFC 8785 canonical JSON built here from exactly the
 * proposal's fields. The project agreement in the AgreementRegistry carries the same terms hash, and
 * `ProjectRegistry.activate` checks that they are equal: that is how the signed agreement "covers"
 * the shares, budget, schedule and grant. The contract cannot rebuild the JSON itself, so a legal
 * team checks a proposal on chain against a terms file with `projectTermsFromChain` +
 * `projectTermsHash` (or `sha256sum` of the canonical file).
 *
 * It follows the terms rules of docs/terms-schema.md (the agreements SDK's `termsHash` hashes it):
 * amounts are decimal strings in base units, dates unix seconds (numbers), addresses and hashes
 * lower-case 0x hex, clause ids as printed ("5.2"). Shape (schema "covenant/project-terms/v1"):
 * {
 *   "schema": "covenant/project-terms/v1",
 *   "kind": "Project",
 *   "title": string,
 *   "documentHash": bytes32,
 *   "lead": address,
 *   "participants": [{ "account": address, "costShareBps": int, "ipShareBps": int, "taskHash": bytes32 }],
 *   "budgetLines": [{ "category": "Equipment" | "Materials" | "Personnel" | "Testing" | "Travel"
 *                      | "Outsourcing" | "Other", "amount": string }],
 *   "budget": string,
 *   "milestones": [{ "dueDate": int, "specHash": bytes32 }],
 *   "installmentDueDates": [int],
 *   "grant": { "amount": string, "funder": address | null, "lines": [int] },
 *   "liability": { "contributionClause": string, "penaltySchedule": [ClauseJson] }
 * }
 * `liability.penaltySchedule` is the project agreement's penalty schedule (chapter 8), exactly the
 * clauses the agreement is created with (`clausesFromJson`), so `verifyAgreement` checks it; it must
 * contain the contribution clause, which `ProjectRegistry.activate` checks on chain.
 * Participants, budget lines, milestones and installments keep the proposal's order (line i of the
 * JSON is budget line i on chain; `grant.lines` lists allowed line indexes in ascending order).
 */
import { encodeBytes32String, ZeroAddress } from "ethers";
import type { ProjectRegistry } from "../../typechain-types";
import { checkError } from "./errors";
import { canonicalJson, clauseIdToText, termsHash, type ClauseJson } from "./terms";
import { BudgetCategory } from "./generated/enums";

export const PROJECT_TERMS_SCHEMA = "covenant/project-terms/v1";

/** Budget categories in the contract's enum order. */
export const BUDGET_CATEGORIES = BudgetCategory;
export type BudgetCategoryName = (typeof BUDGET_CATEGORIES)[number];

/** A proposal as the SDK user writes it (everything but the terms hash, which is derived). */
export interface ProjectProposalInput {
  title: string;
  documentHash: string;
  lead: string;
  participants: { account: string; costShareBps: number; ipShareBps: number; taskHash: string }[];
  budgetLines: { category: number | BudgetCategoryName; amount: bigint }[];
  milestones: { dueDate: number | bigint; specHash: string }[];
  installmentDueDates: (number | bigint)[];
  grantAmount: bigint;
  /** address(0) or undefined when there is no grant. */
  grantFunder?: string;
  /** Budget line indexes the grant may pay. */
  grantLines: number[];
  /** The contribution clause: its id as printed ("5.2") or as bytes32. */
  contributionClauseId: string;
  /** The project agreement's penalty schedule (defaults to none). */
  penaltySchedule?: ClauseJson[];
}

export interface ProjectTerms {
  schema: typeof PROJECT_TERMS_SCHEMA;
  kind: "Project";
  title: string;
  documentHash: string;
  lead: string;
  participants: { account: string; costShareBps: number; ipShareBps: number; taskHash: string }[];
  budgetLines: { category: BudgetCategoryName; amount: string }[];
  budget: string;
  milestones: { dueDate: number; specHash: string }[];
  installmentDueDates: number[];
  grant: { amount: string; funder: string | null; lines: number[] };
  liability: { contributionClause: string; penaltySchedule: ClauseJson[] };
}

/** The `ProjectProposal` struct as the contract's `propose` takes it. */
export interface ProjectProposalStruct {
  title: string;
  documentHash: string;
  termsHash: string;
  lead: string;
  participants: { account: string; costShareBps: number; ipShareBps: number; taskHash: string }[];
  budgetLines: { category: number; amount: bigint }[];
  milestones: { dueDate: bigint; specHash: string }[];
  installmentDueDates: bigint[];
  grantAmount: bigint;
  grantFunder: string;
  grantLinesMask: number;
  contributionClauseId: string;
}

function categoryName(c: number | BudgetCategoryName): BudgetCategoryName {
  if (typeof c === "string") {
    if (!BUDGET_CATEGORIES.includes(c)) throw new Error(`unknown budget category ${c}`);
    return c;
  }
  const name = BUDGET_CATEGORIES[c];
  if (name === undefined) throw new Error(`unknown budget category index ${c}`);
  return name;
}

const hex = (h: string): string => h.toLowerCase();

/** A clause id given as text ("5.2") or bytes32 -> bytes32. */
export function clauseIdToBytes32(id: string): string {
  return /^0x[0-9a-fA-F]{64}$/.test(id) ? id : encodeBytes32String(id);
}

/** Builds the project terms object from a proposal (pure; order-preserving). */
export function buildProjectTerms(p: ProjectProposalInput): ProjectTerms {
  const funder = p.grantFunder && p.grantFunder !== ZeroAddress ? hex(p.grantFunder) : null;
  return {
    schema: PROJECT_TERMS_SCHEMA,
    kind: "Project",
    title: p.title,
    documentHash: hex(p.documentHash),
    lead: hex(p.lead),
    participants: p.participants.map((x) => ({
      account: hex(x.account),
      costShareBps: Number(x.costShareBps),
      ipShareBps: Number(x.ipShareBps),
      taskHash: hex(x.taskHash),
    })),
    budgetLines: p.budgetLines.map((l) => ({
      category: categoryName(l.category),
      amount: l.amount.toString(),
    })),
    budget: p.budgetLines.reduce((s, l) => s + l.amount, 0n).toString(),
    milestones: p.milestones.map((m) => ({ dueDate: Number(m.dueDate), specHash: hex(m.specHash) })),
    installmentDueDates: p.installmentDueDates.map((d) => Number(d)),
    grant: {
      amount: p.grantAmount.toString(),
      funder,
      lines: [...new Set(p.grantLines)].sort((a, b) => a - b),
    },
    liability: {
      contributionClause: clauseIdToText(clauseIdToBytes32(p.contributionClauseId)),
      penaltySchedule: (p.penaltySchedule ?? []).map((c) => ({ ...c, remedies: [...c.remedies] })),
    },
  };
}

/** RFC 8785 canonical JSON of the terms (the file a legal team can `sha256sum`). */
export function canonicalProjectTerms(terms: ProjectTerms): string {
  return canonicalJson(terms);
}

/** SHA-256 (0x hex) of the canonical JSON of a proposal's terms (the agreements SDK's `termsHash`). */
export function projectTermsHash(p: ProjectProposalInput | ProjectTerms): string {
  return termsHash("schema" in p ? p : buildProjectTerms(p));
}

/** Bit mask of allowed grant lines (bit i = budget line i). */
export function grantLinesMask(lines: number[]): number {
  let mask = 0;
  for (const i of lines) {
    if (!Number.isInteger(i) || i < 0 || i > 31) throw new Error(`grant line ${i} out of range 0..31`);
    mask |= 1 << i;
  }
  return mask >>> 0;
}

/** The struct for `ProjectRegistry.propose`, with the terms hash filled in. */
export function toProposalStruct(p: ProjectProposalInput): ProjectProposalStruct {
  return {
    title: p.title,
    documentHash: p.documentHash,
    termsHash: projectTermsHash(p),
    lead: p.lead,
    participants: p.participants.map((x) => ({ ...x })),
    budgetLines: p.budgetLines.map((l) => ({
      category: BUDGET_CATEGORIES.indexOf(categoryName(l.category)),
      amount: l.amount,
    })),
    milestones: p.milestones.map((m) => ({ dueDate: BigInt(m.dueDate), specHash: m.specHash })),
    installmentDueDates: p.installmentDueDates.map((d) => BigInt(d)),
    grantAmount: p.grantAmount,
    grantFunder: p.grantFunder ?? ZeroAddress,
    grantLinesMask: grantLinesMask(p.grantLines),
    contributionClauseId: clauseIdToBytes32(p.contributionClauseId),
  };
}

/** The `ProjectProposal` struct as `ProjectProposed` carries it (ethers' decoded result). */
export interface ProposalStructOutput {
  title: string;
  documentHash: string;
  termsHash: string;
  lead: string;
  participants: { account: string; costShareBps: bigint; ipShareBps: bigint; taskHash: string }[];
  budgetLines: { category: bigint; amount: bigint }[];
  milestones: { dueDate: bigint; specHash: string }[];
  installmentDueDates: bigint[];
  grantAmount: bigint;
  grantFunder: string;
  grantLinesMask: bigint;
  contributionClauseId: string;
}

/** The budget line indexes set in a grant's line mask, ascending. */
export function linesOfMask(mask: number | bigint): number[] {
  const m = Number(mask);
  return Array.from({ length: 32 }, (_, i) => i).filter((i) => ((m >>> i) & 1) === 1);
}

/** A proposal struct from the chain as the SDK's proposal input (the penalty schedule is the agreement's). */
export function proposalFromStruct(
  p: ProposalStructOutput,
  penaltySchedule: ClauseJson[] = [],
): ProjectProposalInput {
  return {
    title: p.title,
    documentHash: p.documentHash,
    lead: p.lead,
    participants: p.participants.map((x) => ({
      account: x.account,
      costShareBps: Number(x.costShareBps),
      ipShareBps: Number(x.ipShareBps),
      taskHash: x.taskHash,
    })),
    budgetLines: p.budgetLines.map((l) => ({ category: Number(l.category), amount: l.amount })),
    milestones: p.milestones.map((m) => ({ dueDate: m.dueDate, specHash: m.specHash })),
    installmentDueDates: p.installmentDueDates.map((d) => d),
    grantAmount: p.grantAmount,
    grantFunder: p.grantFunder,
    grantLines: linesOfMask(p.grantLinesMask),
    contributionClauseId: p.contributionClauseId,
    penaltySchedule,
  };
}

/** A project's proposal as its `ProjectProposed` event carries it, checked against the registry's record. */
export interface ProposedProject {
  projectId: bigint;
  proposer: string;
  /** The block and transaction of the proposal (the block the registry records). */
  block: number;
  tx: string;
  budget: bigint;
  termsHash: string;
  proposal: ProjectProposalInput;
}

/**
 * Checks what a `ProjectProposed` event says against what the registry stores of the same project
 * (terms hash, proposer, lead, budget, grant, counts, line budgets, installment dates, shares and
 * dues): a node that hides or alters the event is caught. Returns the mismatching fields.
 */
export async function proposalMismatches(
  registry: ProjectRegistry,
  projectId: bigint,
  proposer: string,
  budget: bigint,
  p: ProposalStructOutput,
): Promise<string[]> {
  const [r, dates, accounts] = await Promise.all([
    registry.projectOf(projectId),
    registry.installmentDueDatesOf(projectId),
    registry.participantsOf(projectId),
  ]);
  const bad: string[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (p.termsHash !== r.termsHash) bad.push("termsHash");
  if (!same(proposer, r.proposer)) bad.push("proposer");
  if (!same(p.lead, r.lead)) bad.push("lead");
  if (budget !== r.budget || p.budgetLines.reduce((t, l) => t + l.amount, 0n) !== r.budget)
    bad.push("budget");
  if (p.grantAmount !== r.grantAmount || !same(p.grantFunder, r.grantFunder)) bad.push("grant");
  if (p.grantLinesMask !== r.grantLinesMask) bad.push("grantLines");
  if (p.contributionClauseId !== r.contributionClauseId) bad.push("contributionClause");
  if (BigInt(p.milestones.length) !== r.milestoneCount) bad.push("milestones");
  if (p.installmentDueDates.length !== dates.length || p.installmentDueDates.some((d, i) => d !== dates[i]))
    bad.push("installmentDueDates");
  if (
    p.participants.length !== accounts.length ||
    p.participants.some((x, i) => !same(x.account, accounts[i]))
  )
    bad.push("participants");
  const lines = await Promise.all(p.budgetLines.map((_, i) => registry.budgetLineOf(projectId, i)));
  if (
    BigInt(p.budgetLines.length) !== r.budgetLineCount ||
    lines.some(([amount], i) => amount !== p.budgetLines[i].amount)
  )
    bad.push("budgetLines");
  const shares = await Promise.all(accounts.map((a) => registry.participantOf(projectId, a)));
  if (
    shares.some(
      (x, i) =>
        p.participants[i] === undefined ||
        x.costShareBps !== p.participants[i].costShareBps ||
        x.ipShareBps !== p.participants[i].ipShareBps,
    )
  )
    bad.push("shares");
  return bad;
}

/**
 * Project `projectId`'s proposal from its `ProjectProposed` event, read at the one block the registry
 * records for it (`projectOf(id).proposedBlock`: a bounded range of one block) and checked against
 * the registry's record (`proposalMismatches`). Throws a check error naming the fields when the node's
 * event is missing or differs from the record.
 */
export async function proposalFromChain(
  registry: ProjectRegistry,
  projectId: bigint,
  penaltySchedule: ClauseJson[] = [],
): Promise<ProposedProject> {
  const record = await registry.projectOf(projectId);
  const block = Number(record.proposedBlock);
  if (record.status === 0n) throw checkError(`no project ${projectId} in the registry`);
  const logs = await registry.queryFilter(registry.filters.ProjectProposed(projectId), block, block);
  if (logs.length !== 1)
    throw checkError(
      `the node returned ${logs.length} ProjectProposed events of project ${projectId} at block ${block}, where the registry records one`,
    );
  const ev = logs[0];
  const p = ev.args.proposal as unknown as ProposalStructOutput;
  const bad = await proposalMismatches(registry, projectId, ev.args.proposer, ev.args.budget, p);
  if (bad.length > 0)
    throw checkError(
      `the ProjectProposed event of project ${projectId} at block ${block} differs from the registry's record (${bad.join(", ")})`,
    );
  return {
    projectId,
    proposer: ev.args.proposer,
    block,
    tx: ev.transactionHash,
    budget: ev.args.budget,
    termsHash: p.termsHash,
    proposal: proposalFromStruct(p, penaltySchedule),
  };
}

/**
 * Rebuilds a proposal from the chain (its `ProjectProposed` event, checked against the registry's
 * record), so its terms hash can be recomputed. The penalty schedule is the project agreement's (from
 * the terms file, or `AgreementRegistry.clausesOf` in the order the agreement lists them).
 */
export async function projectTermsFromChain(
  registry: ProjectRegistry,
  projectId: bigint,
  penaltySchedule: ClauseJson[] = [],
): Promise<{ proposal: ProjectProposalInput; termsHash: string }> {
  const { proposal, termsHash } = await proposalFromChain(registry, projectId, penaltySchedule);
  return { proposal, termsHash };
}
