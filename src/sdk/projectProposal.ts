/**
 * The project proposal file (R1, R2): JSON written by people, checked by one zod schema
 * (`ProjectProposalFileSchema` of sdk/schemas.ts), then resolved into the SDK's proposal input:
 * amounts in token units with the token's decimals, dates as ISO dates, unix seconds or "+<n>d"
 * (days after the chain's latest block), documents as file paths (read by the caller's
 * {@link FileReader} and hashed with SHA-256) or 0x-hashes. See docs/cli.md.
 */
import { ZeroAddress } from "ethers";
import { inputError } from "./errors";
import { sha256Hex, type FileReader } from "./hash";
import { parseAmount } from "./money";
import type { ProjectProposalInput } from "./projectTerms";
import { checkWith, isDateValue, ProjectProposalFileSchema } from "./schemas";
import type { ClauseJson } from "./terms";

/** A date: ISO text, unix seconds, or "+<n>d" / "+<n>h" / "+<n>s" after `now`. */
export function parseDate(value: unknown, what: string, now: number): number {
  if (isDateValue(value)) {
    if (typeof value === "number") return value;
    const t = (value as string).trim();
    const rel = /^\+(\d+)([dhs])$/.exec(t);
    if (rel) return now + Number(rel[1]) * { d: 86_400, h: 3_600, s: 1 }[rel[2] as "d" | "h" | "s"];
    if (/^\d+$/.test(t)) return Number(t);
    return Math.floor(Date.parse(t) / 1000);
  }
  throw inputError(`${what} must be a date (2026-06-30, unix seconds or +30d), got ${JSON.stringify(value)}`);
}

/** A document named in a file: a 0x SHA-256, or a path (read by `readFile`) whose bytes are hashed. */
export function documentHash(value: string, what: string, readFile: FileReader): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  return sha256Hex(readFile(value, what));
}

/** What `parseProposal` needs from the chain: token decimals and the current chain time. */
export interface ProposalContext {
  decimals: number;
  /** Unix seconds the relative dates ("+30d") count from (the latest block's timestamp). */
  now: number;
}

/**
 * Parses a proposal file (already read as text) into the SDK's proposal input. The shape and every
 * field are checked by `ProjectProposalFileSchema` (one line naming the field path and what was
 * expected); amounts then get the token's decimals and documents their SHA-256. The contract checks
 * the rest in simulation.
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
  const p = checkWith(ProjectProposalFileSchema, raw, "the proposal");
  const amount = (v: string, what: string, allowZero = false) =>
    parseAmount(v, ctx.decimals, what, allowZero);
  const penaltySchedule: ClauseJson[] | undefined = p.penaltySchedule?.map((c, i) => ({
    id: c.id,
    damagesCap: amount(c.damagesCap, `penaltySchedule[${i}].damagesCap`, true).toString(),
    remedies: c.remedies,
  }));
  return {
    title: p.title,
    documentHash: documentHash((p.document ?? p.documentHash)!, "document", readFile),
    lead: p.lead,
    participants: p.participants.map((x, i) => ({
      account: x.account,
      costShareBps: x.costShareBps,
      ipShareBps: x.ipShareBps,
      taskHash: documentHash((x.task ?? x.taskHash)!, `participants[${i}].task`, readFile),
    })),
    budgetLines: p.budgetLines.map((l, i) => ({
      category: l.category,
      amount: amount(l.amount, `budgetLines[${i}].amount`),
    })),
    milestones: p.milestones.map((m, i) => ({
      dueDate: parseDate(m.due ?? m.dueDate, `milestones[${i}].due`, ctx.now),
      specHash: documentHash((m.spec ?? m.specHash)!, `milestones[${i}].spec`, readFile),
    })),
    installmentDueDates: p.installments.map((d, i) => parseDate(d, `installments[${i}]`, ctx.now)),
    grantAmount: p.grant?.amount === undefined ? 0n : amount(p.grant.amount, "grant.amount", true),
    grantFunder: p.grant?.funder ?? ZeroAddress,
    grantLines: p.grant?.lines ?? [],
    contributionClauseId: p.contributionClause ?? "5.2",
    penaltySchedule,
  };
}
