import type {
  AgreementInputStruct,
  CharterParamsStruct,
} from "../../../typechain-types/contracts/agreements/AgreementRegistry";
import type { CovenantClient, TxResult } from "../client";
import { SignatureMethod } from "../generated/enums";

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
