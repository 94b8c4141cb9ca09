import type {
  AgreementInputStruct,
  CharterParamsStruct,
} from "../../../typechain-types/contracts/agreements/AgreementRegistry";
import { scanStart } from "../claims";
import type { CovenantClient, TxResult } from "../client";
import { inputError } from "../errors";
import { SignatureMethod } from "../generated/enums";
import { bitsToRemedies, clauseIdToText } from "../terms";
import { agreementIdsOf, signatureTimes } from "./agreementEvents";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, SIGNATURE_METHODS } from "../verify";

export type AgreementKindName = (typeof AGREEMENT_KINDS)[number];

/**
 * Agreement actions (F2, F6, P1): create an agreement (or a charter, or an amendment in a charter's
 * line with its parameters), sign or accede on chain, and relay an offline EIP-712 / EIP-1271
 * signature. Each is `(client, params) => result` over the client's send path.
 */

/** Creates an agreement; a charter (or an amendment in a charter's line) takes its parameters too. */
export async function createAgreement(
  client: CovenantClient,
  p: { input: AgreementInputStruct; charterParams?: CharterParamsStruct },
): Promise<TxResult & { agreementId: bigint | null }> {
  const w = await client.writable(client.agreements());
  const r = p.charterParams
    ? await client.send(w.createCharter, [p.input, p.charterParams])
    : await client.send(w.createAgreement, [p.input]);
  const ev = r.events.find((e) => e.name === "AgreementCreated");
  return { ...r, agreementId: ev ? BigInt(ev.args.agreementId as bigint) : null };
}

/** Signs (a party) or accedes to (a member joining the charter in force) an agreement on chain. */
export async function signAgreementOnChain(
  client: CovenantClient,
  p: { agreementId: bigint; documentHash: string; termsHash: string; action: "sign" | "accede" },
): Promise<TxResult> {
  const w = await client.writable(client.agreements());
  return p.action === "sign"
    ? client.send(w.sign, [p.agreementId, p.documentHash, p.termsHash])
    : client.send(w.accede, [p.agreementId, p.documentHash, p.termsHash]);
}

/** An offline signature to relay: what `agreement sign --offline` writes. */
export interface OfflineSignature {
  action: "sign" | "accede";
  agreementId: bigint;
  documentHash: string;
  termsHash: string;
  signer: string;
  deadline: bigint;
  signature: string;
}

/** Relays an offline signature (anyone may; the signer pays nothing); `method` is how the registry verified it. */
export async function submitSignature(
  client: CovenantClient,
  s: OfflineSignature,
): Promise<TxResult & { method: string }> {
  const w = await client.writable(client.agreements());
  const args = [s.agreementId, s.documentHash, s.termsHash, s.signer, s.deadline, s.signature] as const;
  const r =
    s.action === "sign"
      ? await client.send(w.signWithSignature, [...args])
      : await client.send(w.accedeWithSignature, [...args]);
  const ev = r.events.find((e) => e.name === "AgreementSigned" || e.name === "CharterAcceded");
  return { ...r, method: ev ? (SignatureMethod[Number(ev.args.method)] ?? "") : "" };
}

/**
 * Withdraws a pending amendment or the pending charter draft (B2): its creator at any time; once it
 * has lapsed, also a party of its parent (a member bound by the charter in force for a charter
 * amendment). It becomes Terminated and no longer blocks a new amendment.
 */
export async function withdrawAmendment(
  client: CovenantClient,
  p: { agreementId: bigint },
): Promise<TxResult & { lapsed: boolean }> {
  const w = await client.writable(client.agreements());
  const r = await client.send(w.withdrawAmendment, [p.agreementId]);
  const ev = r.events.find((e) => e.name === "AmendmentWithdrawn");
  return { ...r, lapsed: ev ? Boolean(ev.args.lapsed) : false };
}

// ------------------------------------------------------------------ reads

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
export async function agreementView(
  client: CovenantClient,
  p: { agreementId: bigint },
): Promise<AgreementView> {
  return (await agreementViews(client, [p.agreementId]))[0];
}

/**
 * Reads the agreements `ids` (in that order): the count and the charter in force once, then each
 * one's record, root and clauses, all asked at once (one JSON-RPC batch per hundred calls); an input
 * error naming the first id that does not exist.
 */
export async function agreementViews(client: CovenantClient, ids: bigint[]): Promise<AgreementView[]> {
  const registry = client.agreements();
  const [count, current] = await Promise.all([registry.agreementCount(), registry.currentCharterId()]);
  for (const id of ids)
    if (id < 1n || id > count) throw inputError(`no agreement ${id} (there are ${count})`);
  const reads = await Promise.all(
    ids.map((id) => Promise.all([registry.agreementOf(id), registry.rootOf(id), registry.clausesOf(id)])),
  );
  return ids.map((id, i) => {
    const [a, rootId, clauses] = reads[i];
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
  });
}

/**
 * Parties (or acceders) of `id` with their signature records, walking the paged view; the block and
 * time of each signature come from its `AgreementSigned` / `CharterAcceded` event (lean records),
 * scanned in bounded ranges from `fromBlock` (default: the suite's deployment block).
 */
export async function partiesOf(
  client: CovenantClient,
  p: {
    agreementId: bigint;
    nameOf: (address: string) => Promise<string>;
    which?: "parties" | "acceders";
    fromBlock?: number;
  },
): Promise<PartyView[]> {
  const registry = client.agreements();
  const { agreementId: id, nameOf } = p;
  const which = p.which ?? "parties";
  const when = await signatureTimes(registry, id, p.fromBlock ?? scanStart(client));
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

/**
 * Agreement ids: of one account (newest first, from its `PartyListed` / `CharterAcceded` events
 * scanned from `fromBlock`, default the suite's deployment block) or all (1..count).
 */
export async function agreementIds(
  client: CovenantClient,
  p: { account?: string; fromBlock?: number } = {},
): Promise<bigint[]> {
  const registry = client.agreements();
  const { account } = p;
  if (account === undefined) {
    const n = await registry.agreementCount();
    return Array.from({ length: Number(n) }, (_, i) => BigInt(i + 1));
  }
  return agreementIdsOf(registry, account, p.fromBlock ?? scanStart(client));
}
