/**
 * Agreement helpers for the `covenant agreement` commands and the demo: terms files, the penalty
 * schedule and charter parameters checked locally (input errors naming the field), agreement views,
 * and the offline EIP-712 signature file (`agreement sign --offline`, `agreement submit`).
 * See docs/cli.md (`covenant agreement`) and docs/terms-schema.md.
 */
import { encodeBytes32String } from "ethers";
import type { AgreementRegistry } from "../../typechain-types";
import { agreementIdsOf, signatureTimes } from "./actions/agreementEvents";
import { inputError } from "./errors";
import { AgreementTermsSchema, checkWith } from "./schemas";
import {
  bitsToRemedies,
  charterParamsFromJson,
  clauseIdToText,
  REMEDIES,
  termsHash,
  type AgreementTerms,
  type CharterParamsJson,
  type CharterParamsStruct,
  type ClauseStruct,
} from "./terms";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, SIGNATURE_METHODS } from "./verify";

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

/** One agreement in plain values. */
export interface AgreementView {
  id: string;
  kind: AgreementKindName;
  status: (typeof AGREEMENT_STATUSES)[number];
  version: number;
  parentId: string;
  rootId: string;
  creator: string;
  createdAt: number;
  effectiveAt: number;
  documentHash: string;
  termsHash: string;
  uri: string;
  partyCount: number;
  signedCount: number;
  inForce: boolean;
  clauses: { id: string; damagesCap: string; remedies: string[] }[];
}

export interface PartyView {
  address: string;
  name: string;
  method: (typeof SIGNATURE_METHODS)[number];
  block: number;
  timestamp: number;
  accession: boolean;
}

/** Reads agreement `id`; an input error when there is none. */
export async function agreementView(registry: AgreementRegistry, id: bigint): Promise<AgreementView> {
  const count = await registry.agreementCount();
  if (id < 1n || id > count) throw inputError(`no agreement ${id} (there are ${count})`);
  const [a, rootId, clauses, current] = await Promise.all([
    registry.agreementOf(id),
    registry.rootOf(id),
    registry.clausesOf(id),
    registry.currentCharterId(),
  ]);
  return {
    id: id.toString(),
    kind: AGREEMENT_KINDS[Number(a.kind)],
    status: AGREEMENT_STATUSES[Number(a.status)],
    version: Number(a.version),
    parentId: a.parentId.toString(),
    rootId: rootId.toString(),
    creator: a.creator,
    createdAt: Number(a.createdAt),
    effectiveAt: Number(a.effectiveAt),
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    uri: a.uri,
    partyCount: Number(a.partyCount),
    signedCount: Number(a.signedCount),
    inForce: current === id,
    clauses: clauses.map((c) => ({
      id: clauseIdToText(c.clauseId),
      damagesCap: c.damagesCap.toString(),
      remedies: bitsToRemedies(c.remedies),
    })),
  };
}

/** Parties (or acceders) of `id` with their signature records, walking the paged view. */
export async function partiesOf(
  registry: AgreementRegistry,
  id: bigint,
  nameOf: (address: string) => Promise<string>,
  which: "parties" | "acceders" = "parties",
  fromBlock = 0,
): Promise<PartyView[]> {
  const when = await signatureTimes(registry, id, fromBlock);
  const total =
    which === "parties" ? (await registry.agreementOf(id)).partyCount : await registry.accederCount(id);
  const out: PartyView[] = [];
  for (let o = 0n; o < BigInt(total); o += 100n) {
    const page =
      which === "parties" ? await registry.partiesOf(id, o, 100n) : await registry.accedersOf(id, o, 100n);
    for (const r of page) {
      out.push({
        address: r.account,
        name: await nameOf(r.account),
        method: SIGNATURE_METHODS[Number(r.signature.method)],
        block: when.get(r.account)?.block ?? 0,
        timestamp: when.get(r.account)?.timestamp ?? 0,
        accession: r.signature.accession,
      });
    }
  }
  return out;
}

/** Agreement ids: of one account (newest first, from its events) or all (1..count). */
export async function agreementIds(
  registry: AgreementRegistry,
  account?: string,
  fromBlock = 0,
): Promise<bigint[]> {
  if (account === undefined) {
    const n = await registry.agreementCount();
    return Array.from({ length: Number(n) }, (_, i) => BigInt(i + 1));
  }
  return agreementIdsOf(registry, account, fromBlock);
}

/** Formats a unix time as ISO 8601 without milliseconds ("" for 0). */
export function isoTime(t: number | bigint): string {
  const n = Number(t);
  return n > 0 ? new Date(n * 1000).toISOString().replace(".000Z", "Z") : "";
}
