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

/**
 * Rebuilds a proposal from what `ProjectRegistry` stores, so its terms hash can be recomputed. The
 * penalty schedule is not stored by the registry: pass the project agreement's (from the terms file,
 * or `AgreementRegistry.clausesOf` in the order the agreement lists them).
 */
export async function projectTermsFromChain(
  registry: ProjectRegistry,
  projectId: bigint,
  penaltySchedule: ClauseJson[] = [],
): Promise<{ proposal: ProjectProposalInput; termsHash: string }> {
  const project = await registry.projectOf(projectId);
  const accounts = await registry.participantsOf(projectId);
  const participants = await Promise.all(
    accounts.map(async (account) => {
      const pt = await registry.participantOf(projectId, account);
      return {
        account,
        costShareBps: Number(pt.costShareBps),
        ipShareBps: Number(pt.ipShareBps),
        taskHash: pt.taskHash,
      };
    }),
  );
  const lines = await registry.budgetLinesOf(projectId);
  const milestones = await registry.milestonesOf(projectId);
  const dates = await registry.installmentDueDatesOf(projectId);
  const mask = Number(project.grantLinesMask);
  const grantLines = lines.map((_, i) => i).filter((i) => (mask >>> i) & 1);
  return {
    termsHash: project.termsHash,
    proposal: {
      title: project.title,
      documentHash: project.documentHash,
      lead: project.lead,
      participants,
      budgetLines: lines.map((l) => ({ category: Number(l.category), amount: l.amount })),
      milestones: milestones.map((m) => ({ dueDate: m.dueDate, specHash: m.specHash })),
      installmentDueDates: dates.map((d) => d),
      grantAmount: project.grantAmount,
      grantFunder: project.grantFunder,
      grantLines,
      contributionClauseId: project.contributionClauseId,
      penaltySchedule,
    },
  };
}
