import canonicalize from "canonicalize";
import { decodeBytes32String, encodeBytes32String } from "ethers";
import { sha256Hex } from "./hash";
import { AmendmentRule } from "./generated/enums";
import type { z } from "zod";
import {
  fieldPath,
  CharterParamsJsonSchema,
  REMEDIES,
  type AgreementTermsSchema,
  type CharterTermsSchema,
  type ClauseSchema,
} from "./schemas";

/** On-chain `CharterParams` as ethers returns / accepts it (field names identical to the Solidity struct). */
export interface CharterParamsStruct {
  bondAmount: bigint;
  maxMembers: bigint;
  noticePeriod: bigint;
  noticeValidity: bigint;
  reapplicationCooloff: bigint;
  supermajorityBps: bigint;
  quorumBps: bigint;
  amendmentRule: bigint;
  amendmentPeriod: bigint;
  grantCapBps: bigint;
  secretariatBudgetLimit: bigint;
  minReviews: bigint;
  approvalShareBps: bigint;
  gracePeriod: bigint;
  latePenaltyBps: bigint;
  vetoWindow: bigint;
  levyBps: bigint;
  rofrWindow: bigint;
  transfersToNonMembers: boolean;
  royaltyGracePeriod: bigint;
  contestWindow: bigint;
  claimBond: bigint;
  curePeriod: bigint;
  answerPeriod: bigint;
}

/** How a charter parameter is written in the terms JSON. */
export type ParamEncoding = "amount" | "integer" | "boolean" | "amendmentRule";

/** Names of Solidity `AmendmentRule` (ICharter.sol), in declaration order (B1). */
export const AMENDMENT_RULES = AmendmentRule;
export type AmendmentRuleName = (typeof AMENDMENT_RULES)[number];

/**
 * Every `CharterParams` field in struct order, with its JSON encoding: token amounts (uint256) as
 * decimal strings (they can exceed 2^53), the other integers as JSON numbers, flags as booleans,
 * the amendment rule by its name (`AMENDMENT_RULES`).
 */
export const CHARTER_PARAM_FIELDS: ReadonlyArray<readonly [keyof CharterParamsStruct, ParamEncoding]> = [
  ["bondAmount", "amount"],
  ["maxMembers", "integer"],
  ["noticePeriod", "integer"],
  ["noticeValidity", "integer"],
  ["reapplicationCooloff", "integer"],
  ["supermajorityBps", "integer"],
  ["quorumBps", "integer"],
  ["amendmentRule", "amendmentRule"],
  ["amendmentPeriod", "integer"],
  ["grantCapBps", "integer"],
  ["secretariatBudgetLimit", "amount"],
  ["minReviews", "integer"],
  ["approvalShareBps", "integer"],
  ["gracePeriod", "integer"],
  ["latePenaltyBps", "integer"],
  ["vetoWindow", "integer"],
  ["levyBps", "integer"],
  ["rofrWindow", "integer"],
  ["transfersToNonMembers", "boolean"],
  ["royaltyGracePeriod", "integer"],
  ["contestWindow", "integer"],
  ["claimBond", "amount"],
  ["curePeriod", "integer"],
  ["answerPeriod", "integer"],
];

/** `CharterParams` in the terms JSON: same names, amounts as decimal strings (type of `CharterParamsJsonSchema`). */
export type CharterParamsJson = z.infer<typeof CharterParamsJsonSchema>;

/** Remedy names of the JSON, with their bit in `Clause.remedies` (Solidity library `Remedies`). */
export { REMEDIES };
export type RemedyName = keyof typeof REMEDIES;

/** One clause of a penalty schedule in the terms JSON (chapter 8; type of `ClauseSchema`). */
export type ClauseJson = z.infer<typeof ClauseSchema>;

/** A clause as the contract takes / returns it. */
export interface ClauseStruct {
  clauseId: string;
  damagesCap: bigint;
  remedies: bigint;
}

/** Terms every agreement's JSON may carry: the penalty schedule sits in chapter 8 (`liability`) (type of `AgreementTermsSchema`). */
export type AgreementTerms = z.infer<typeof AgreementTermsSchema>;

/**
 * The machine-readable terms of an alliance charter, chapters in the order of a real 联盟协议
 * (DOMAIN.md "The shape of a real alliance agreement"); `parameters` carries every on-chain
 * `CharterParams` field by the same name (type of `CharterTermsSchema`). See docs/terms-schema.md.
 */
export type CharterTerms = z.infer<typeof CharterTermsSchema>;

/** RFC 8785 (JCS) canonical JSON of `value`; a string is parsed first, so its formatting does not matter. */
export function canonicalJson(value: unknown): string {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  const out = canonicalize(parsed);
  if (out === undefined) throw new Error("terms JSON cannot be canonicalised");
  return out;
}

/** SHA-256 of the UTF-8 bytes of the RFC 8785 canonical JSON of the terms (0x-prefixed). */
export function termsHash(json: unknown): string {
  return sha256Hex(canonicalJson(json));
}

/** On-chain parameters (ethers result or plain struct) -> the JSON shape. */
export function charterParamsToJson(p: CharterParamsStruct): CharterParamsJson {
  const out: Record<string, unknown> = {};
  for (const [name, enc] of CHARTER_PARAM_FIELDS) {
    const v = p[name];
    out[name] =
      enc === "amount"
        ? String(v)
        : enc === "integer"
          ? Number(v)
          : enc === "amendmentRule"
            ? (AMENDMENT_RULES[Number(v)] ?? `AmendmentRule(${String(v)})`)
            : Boolean(v);
  }
  return out as unknown as CharterParamsJson;
}

/** JSON parameters -> the struct the contract takes. Throws on a missing or malformed field. */
export function charterParamsFromJson(json: CharterParamsJson): CharterParamsStruct {
  const r = CharterParamsJsonSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`parameters${issue.path.length ? "." + fieldPath(issue.path) : ""}: ${issue.message}`);
  }
  const out: Record<string, unknown> = {};
  const src = r.data as Record<string, unknown>;
  for (const [name, enc] of CHARTER_PARAM_FIELDS) {
    const v = src[name];
    out[name] =
      enc === "boolean"
        ? v
        : enc === "amendmentRule"
          ? BigInt(AMENDMENT_RULES.indexOf(v as AmendmentRuleName))
          : BigInt(v as string | number);
  }
  return out as unknown as CharterParamsStruct;
}

/** Remedy names -> bit flags. */
export function remediesToBits(names: readonly RemedyName[]): bigint {
  let bits = 0;
  for (const n of names) {
    if (!(n in REMEDIES)) throw new Error(`unknown remedy ${String(n)}`);
    bits |= REMEDIES[n];
  }
  return BigInt(bits);
}

/** Bit flags -> remedy names, in `REMEDIES` order (unknown bits are named `BIT<n>`). */
export function bitsToRemedies(bits: bigint | number): string[] {
  const b = Number(bits);
  const names: string[] = [];
  for (const [name, bit] of Object.entries(REMEDIES)) if (b & bit) names.push(name);
  for (let i = 5; i < 8; i++) if (b & (1 << i)) names.push(`BIT${i}`);
  return names;
}

/** JSON penalty schedule -> the clauses the contract takes. */
export function clausesFromJson(schedule: readonly ClauseJson[]): ClauseStruct[] {
  return schedule.map((c) => ({
    clauseId: encodeBytes32String(c.id),
    damagesCap: BigInt(c.damagesCap),
    remedies: remediesToBits(c.remedies),
  }));
}

/** A bytes32 clause id as text ("7.1"), or the hex when it is not a short string. */
export function clauseIdToText(clauseId: string): string {
  try {
    return decodeBytes32String(clauseId);
  } catch {
    return clauseId;
  }
}

/** The penalty schedule of a terms JSON (`liability.penaltySchedule`), or an empty one. */
export function penaltyScheduleOf(terms: AgreementTerms): ClauseJson[] {
  return terms.liability?.penaltySchedule ?? [];
}
