/**
 * Agreement input checked locally, for every surface (the CLI, the demo, a web page): agreement
 * kinds, ids, terms files, the penalty schedule, charter parameters and remedy lists typed by
 * people (input errors naming the field). The agreement reads and actions are
 * sdk/actions/agreements.ts. See docs/cli.md (`covenant agreement`) and docs/terms-schema.md.
 */
import { encodeBytes32String } from "ethers";
import { inputError } from "./errors";
import { AgreementTermsSchema, checkWith } from "./schemas";
import {
  charterParamsFromJson,
  REMEDIES,
  termsHash,
  type AgreementTerms,
  type CharterParamsJson,
  type CharterParamsStruct,
  type ClauseStruct,
} from "./terms";
import { AGREEMENT_KINDS } from "./verify";

export type AgreementKindName = (typeof AGREEMENT_KINDS)[number];

/** Agreement kind by name (case-insensitive) -> its enum index. */
export function parseAgreementKind(text: string): number {
  const i = AGREEMENT_KINDS.findIndex((k) => k.toLowerCase() === text.trim().toLowerCase());
  if (i < 0) throw inputError(`unknown agreement kind "${text}": use one of ${AGREEMENT_KINDS.join(", ")}`);
  return i;
}

/** A positive decimal id (agreement, claim). */
export function parseId(text: string, what: string): bigint {
  if (!/^\d+$/.test(text.trim()) || BigInt(text.trim()) === 0n)
    throw inputError(`${what} must be a positive whole number, got "${text}"`);
  return BigInt(text.trim());
}

/** Parses the text of a terms file: a JSON object. The hash is SHA-256 of its RFC 8785 form. */
export function parseTerms(text: string, file: string): { terms: AgreementTerms; hash: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`the terms file ${file} is not valid JSON`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw inputError(`the terms file ${file} must hold a JSON object`);
  return { terms: raw as AgreementTerms, hash: termsHash(raw) };
}

/** Charter parameters of a terms JSON (`parameters`), checked field by field. */
export function charterParamsOfTerms(terms: AgreementTerms, file: string): CharterParamsStruct {
  if (!terms.parameters || typeof terms.parameters !== "object")
    throw inputError(
      `the terms file ${file} has no "parameters" object (a charter needs every CharterParams field)`,
    );
  try {
    return charterParamsFromJson(terms.parameters as CharterParamsJson);
  } catch (e) {
    throw inputError(`the terms file ${file}: ${(e as Error).message}`);
  }
}

/**
 * The penalty schedule of a terms JSON (`liability.penaltySchedule`) as the contract takes it,
 * checked locally: ids of 1..31 bytes and unique, caps decimal strings, remedies known and non-empty.
 */
export function clausesOfTerms(terms: AgreementTerms, file: string): ClauseStruct[] {
  const checked = checkWith(AgreementTermsSchema, terms, file);
  return (checked.liability?.penaltySchedule ?? []).map((c) => ({
    clauseId: encodeBytes32String(c.id),
    damagesCap: BigInt(c.damagesCap),
    remedies: BigInt(c.remedies.reduce((bits, r) => bits | REMEDIES[r], 0)),
  }));
}

/** Remedy names typed by a user ("damages,membership-suspension") -> bits. */
export function parseRemedyList(text: string): bigint {
  let bits = 0;
  const parts = text
    .split(/[,|+\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw inputError("the remedy list names no remedy");
  for (const p of parts) {
    const key = p.toUpperCase().replace(/-/g, "_");
    if (!(key in REMEDIES))
      throw inputError(
        `unknown remedy "${p}": use ${Object.keys(REMEDIES)
          .map((k) => k.toLowerCase().replace(/_/g, "-"))
          .join(", ")}`,
      );
    bits |= REMEDIES[key as keyof typeof REMEDIES];
  }
  return BigInt(bits);
}

/** Formats a unix time as ISO 8601 without milliseconds ("" for 0). */
export function isoTime(t: number | bigint): string {
  const n = Number(t);
  return n > 0 ? new Date(n * 1000).toISOString().replace(".000Z", "Z") : "";
}
