import type { IAgreementRegistryFull } from "../../typechain-types";
import { sha256Hex } from "./hash";
import {
  CHARTER_PARAM_FIELDS,
  bitsToRemedies,
  charterParamsToJson,
  clauseIdToText,
  penaltyScheduleOf,
  remediesToBits,
  termsHash,
  type AgreementTerms,
  type CharterParamsStruct,
  type RemedyName,
} from "./terms";
import { AgreementKind, AgreementStatus, SignatureMethod } from "./generated/enums";
import { signatureTimes, type SignatureTime } from "./actions/agreementEvents";

export const AGREEMENT_KINDS = AgreementKind;
export const AGREEMENT_STATUSES = AgreementStatus;
export const SIGNATURE_METHODS = SignatureMethod;

/** One difference between what is on chain and what the verifier holds. */
export interface Mismatch {
  /** `documentHash`, `termsHash`, `parameters.<name>`, `clauses[<id>]` or `clauses[<id>].<field>`. */
  field: string;
  onChain: string;
  local: string;
}

export interface AgreementInfo {
  id: bigint;
  kind: (typeof AGREEMENT_KINDS)[number];
  status: (typeof AGREEMENT_STATUSES)[number];
  parentId: bigint;
  version: number;
  partyCount: number;
  signedCount: number;
  creator: string;
  createdAt: number;
  effectiveAt: number;
  documentHash: string;
  termsHash: string;
  uri: string;
}

export interface PartySignature {
  address: string;
  signed: boolean;
  method: (typeof SIGNATURE_METHODS)[number];
  block: number;
  timestamp: number;
  accession: boolean;
}

export interface VerifyResult {
  ok: boolean;
  mismatches: Mismatch[];
  agreement: AgreementInfo;
  parties: PartySignature[];
  /** Members that acceded (charter in force only; empty otherwise). */
  acceders: PartySignature[];
  /** The version chain the agreement belongs to, original first. */
  versions: AgreementInfo[];
}

const PAGE = 100n;
const MISSING = "(missing)";

type AgreementStructOutput = Awaited<ReturnType<IAgreementRegistryFull["agreementOf"]>>;
type PartyRecordOutput = Awaited<ReturnType<IAgreementRegistryFull["partiesOf"]>>[number];

function info(id: bigint, a: AgreementStructOutput): AgreementInfo {
  return {
    id,
    kind: AGREEMENT_KINDS[Number(a.kind)],
    status: AGREEMENT_STATUSES[Number(a.status)],
    parentId: a.parentId,
    version: Number(a.version),
    partyCount: Number(a.partyCount),
    signedCount: Number(a.signedCount),
    creator: a.creator,
    createdAt: Number(a.createdAt),
    effectiveAt: Number(a.effectiveAt),
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    uri: a.uri,
  };
}

function party(r: PartyRecordOutput, when: Map<string, SignatureTime>): PartySignature {
  const method = Number(r.signature.method);
  return {
    address: r.account,
    signed: method !== 0,
    method: SIGNATURE_METHODS[method],
    block: when.get(r.account)?.block ?? 0,
    timestamp: when.get(r.account)?.timestamp ?? 0,
    accession: r.signature.accession,
  };
}

/** Every page at once (the provider sends them in one JSON-RPC batch), in order. */
async function allPages<T>(count: bigint, page: (offset: bigint) => Promise<T[]>): Promise<T[]> {
  const offsets: bigint[] = [];
  for (let offset = 0n; offset < count; offset += PAGE) offsets.push(offset);
  return (await Promise.all(offsets.map(page))).flat();
}

function paramText(v: unknown): string {
  return v === undefined ? MISSING : typeof v === "boolean" ? String(v) : String(v);
}

/**
 * Checks that `documentBytes` and `termsJson` are exactly what agreement `id` binds on chain, and
 * names every difference: the document hash, the terms hash, each charter parameter (for a
 * charter-line agreement) against `parameters` of the JSON, and each clause of the on-chain
 * penalty schedule against `liability.penaltySchedule`. Also returns the signature records of
 * every party (and acceder), with the block and time of their events (scanned from `fromBlock`), and
 * the version chain.
 */
export async function verifyAgreement(
  registry: IAgreementRegistryFull,
  id: bigint,
  documentBytes: Uint8Array | string,
  termsJson: AgreementTerms | string,
  fromBlock = 0,
): Promise<VerifyResult> {
  const terms: AgreementTerms = typeof termsJson === "string" ? JSON.parse(termsJson) : termsJson;
  const agreement = info(id, await registry.agreementOf(id));
  const mismatches: Mismatch[] = [];

  const localDoc = sha256Hex(documentBytes);
  if (localDoc !== agreement.documentHash) {
    mismatches.push({ field: "documentHash", onChain: agreement.documentHash, local: localDoc });
  }
  const localTerms = termsHash(terms);
  if (localTerms !== agreement.termsHash) {
    mismatches.push({ field: "termsHash", onChain: agreement.termsHash, local: localTerms });
  }

  const rootId = await registry.rootOf(id);
  const root = rootId === id ? agreement : info(rootId, await registry.agreementOf(rootId));
  if (root.kind === "Charter") {
    const onChain = charterParamsToJson(
      (await registry.charterParamsOf(id)) as unknown as CharterParamsStruct,
    ) as unknown as Record<string, unknown>;
    const local = (terms.parameters ?? {}) as unknown as Record<string, unknown>;
    for (const [name] of CHARTER_PARAM_FIELDS) {
      const chainText = String(onChain[name]);
      const localText = paramText(local[name]);
      if (chainText !== localText)
        mismatches.push({ field: `parameters.${name}`, onChain: chainText, local: localText });
    }
  }

  const chainClauses = await registry.clausesOf(id);
  const localClauses = new Map(penaltyScheduleOf(terms).map((c) => [c.id, c]));
  for (const c of chainClauses) {
    const cid = clauseIdToText(c.clauseId);
    const mine = localClauses.get(cid);
    localClauses.delete(cid);
    if (!mine) {
      const text = `damagesCap=${c.damagesCap} remedies=${bitsToRemedies(c.remedies).join("|")}`;
      mismatches.push({ field: `clauses[${cid}]`, onChain: text, local: MISSING });
      continue;
    }
    if (String(c.damagesCap) !== String(mine.damagesCap)) {
      mismatches.push({
        field: `clauses[${cid}].damagesCap`,
        onChain: String(c.damagesCap),
        local: String(mine.damagesCap),
      });
    }
    let localBits: string;
    try {
      localBits = remediesToBits(mine.remedies as RemedyName[]).toString();
    } catch {
      localBits = "invalid";
    }
    if (BigInt(c.remedies).toString() !== localBits) {
      mismatches.push({
        field: `clauses[${cid}].remedies`,
        onChain: bitsToRemedies(c.remedies).join("|"),
        local: (mine.remedies ?? []).join("|"),
      });
    }
  }
  for (const [cid, mine] of localClauses) {
    mismatches.push({
      field: `clauses[${cid}]`,
      onChain: MISSING,
      local: `damagesCap=${mine.damagesCap} remedies=${(mine.remedies ?? []).join("|")}`,
    });
  }

  const when = await signatureTimes(registry, id, fromBlock);
  const parties = (await allPages(BigInt(agreement.partyCount), (o) => registry.partiesOf(id, o, PAGE))).map(
    (r) => party(r, when),
  );
  const acceders = (
    await allPages(await registry.accederCount(id), (o) => registry.accedersOf(id, o, PAGE))
  ).map((r) => party(r, when));
  const chainIds = await allPages(await registry.versionCount(id), (o) => registry.versionChain(id, o, PAGE));
  const versions: AgreementInfo[] = [];
  for (const vid of chainIds)
    versions.push(vid === id ? agreement : info(vid, await registry.agreementOf(vid)));

  return { ok: mismatches.length === 0, mismatches, agreement, parties, acceders, versions };
}
