import canonicalize from "canonicalize";
import { decodeBytes32String, encodeBytes32String } from "ethers";
import { sha256Hex } from "./hash";
import { AmendmentRule } from "./generated/enums";

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

/** `CharterParams` in the terms JSON: same names, amounts as decimal strings. */
export interface CharterParamsJson {
  bondAmount: string;
  maxMembers: number;
  noticePeriod: number;
  noticeValidity: number;
  reapplicationCooloff: number;
  supermajorityBps: number;
  quorumBps: number;
  amendmentRule: AmendmentRuleName;
  amendmentPeriod: number;
  grantCapBps: number;
  secretariatBudgetLimit: string;
  minReviews: number;
  approvalShareBps: number;
  gracePeriod: number;
  latePenaltyBps: number;
  vetoWindow: number;
  levyBps: number;
  rofrWindow: number;
  transfersToNonMembers: boolean;
  royaltyGracePeriod: number;
  contestWindow: number;
  claimBond: string;
  curePeriod: number;
  answerPeriod: number;
}

/** Remedy names of the JSON, with their bit in `Clause.remedies` (Solidity library `Remedies`). */
export const REMEDIES = {
  DAMAGES: 1,
  LICENSE_SUSPENSION: 2,
  LICENSE_REVOCATION: 4,
  MEMBERSHIP_SUSPENSION: 8,
  EXPULSION_PROPOSAL: 16,
} as const;
export type RemedyName = keyof typeof REMEDIES;

/** One clause of a penalty schedule in the terms JSON (chapter 8). */
export interface ClauseJson {
  /** Clause id as printed in the document, e.g. "7.1"; on chain `encodeBytes32String(id)` (<= 31 bytes). */
  id: string;
  /** Most liquidated damages, settlement-token base units, decimal string. */
  damagesCap: string;
  /** Allowed remedies. */
  remedies: RemedyName[];
}

/** A clause as the contract takes / returns it. */
export interface ClauseStruct {
  clauseId: string;
  damagesCap: bigint;
  remedies: bigint;
}

/** Terms every agreement's JSON may carry: the penalty schedule sits in chapter 8 (`liability`). */
export interface AgreementTerms {
  schema: string;
  kind: "Charter" | "Project" | "License" | "Amendment" | "Other";
  liability?: { penaltySchedule?: ClauseJson[]; [key: string]: unknown };
  parameters?: CharterParamsJson;
  [key: string]: unknown;
}

/**
 * The machine-readable terms of an alliance charter, chapters in the order of a real 联盟协议
 * (DOMAIN.md "The shape of a real alliance agreement"); `parameters` carries every on-chain
 * `CharterParams` field by the same name. See docs/terms-schema.md.
 */
export interface CharterTerms extends AgreementTerms {
  schema: "covenant/charter-terms/v1";
  kind: "Charter" | "Amendment";
  /** 1. General provisions (F2). */
  general: { name: string; purpose: string; technologyGoals: string[] };
  /** 2. Members (F1, F6). */
  members: {
    qualifications: string[];
    admission: string;
    accession: string;
    withdrawal: string;
    expulsion: string;
    /** Re-application after a rejection (the cooling-off period). */
    reapplication?: string;
  };
  /** 3. Organisation (F3). */
  organisation: {
    council: string;
    expertCommittee: string;
    secretariat: string;
    leadUnit: { name: string; liability: string };
  };
  /** 4. Rights and obligations (F2, P2). */
  rightsAndObligations: { rights: string[]; obligations: string[]; reporting: string };
  /** 5. Funds (F4). */
  funds: {
    sources: string[];
    settlementToken: string;
    budgets: string;
    grantRules: string;
    supervision: string;
  };
  /** 6. Intellectual property (F5, F6, R4). */
  intellectualProperty: {
    background: string;
    foreground: string;
    licensing: string;
    incomeDistribution: string;
    standards: string;
  };
  /** 7. Confidentiality. */
  confidentiality: { scope: string; years: number };
  /** 8. Liability for breach (F5): per-clause penalty schedule. */
  liability: { principles: string; penaltySchedule: ClauseJson[] };
  /** 9. Dispute resolution (F5). */
  disputeResolution: { negotiation: string; arbitrationInstitution: string };
  /** 10. Amendment, termination and supplementary provisions. */
  amendmentAndTermination: {
    /** How the charter is amended: must state `parameters.amendmentRule` (B1). */
    amendment: string;
    /** The parties' agreement on electronic signatures (PRC Electronic Signature Law arts. 13–14). */
    electronicSignatures: string;
    termination: string;
    supplementary: string;
  };
  /** On-chain charter parameters (same names as `CharterParams`). */
  parameters: CharterParamsJson;
}

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
  const out: Record<string, unknown> = {};
  const src = json as unknown as Record<string, unknown>;
  for (const [name, enc] of CHARTER_PARAM_FIELDS) {
    const v = src[name];
    if (enc === "boolean") {
      if (typeof v !== "boolean") throw new Error(`parameters.${name}: expected a boolean`);
      out[name] = v;
    } else if (enc === "amendmentRule") {
      const i = AMENDMENT_RULES.indexOf(v as AmendmentRuleName);
      if (i < 0) throw new Error(`parameters.${name}: expected one of ${AMENDMENT_RULES.join(", ")}`);
      out[name] = BigInt(i);
    } else if (enc === "amount") {
      if (typeof v !== "string" || !/^[0-9]+$/.test(v))
        throw new Error(`parameters.${name}: expected a decimal string`);
      out[name] = BigInt(v);
    } else {
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
        throw new Error(`parameters.${name}: expected a non-negative integer`);
      }
      out[name] = BigInt(v);
    }
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
