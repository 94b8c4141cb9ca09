import { TypedDataEncoder, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";
import type { IAgreementRegistryFull } from "../../typechain-types";

/** The EIP-712 types of an agreement signature (must match `SIGNATURE_TYPEHASH` in AgreementRegistry). */
export const AGREEMENT_SIGNATURE_TYPES: Record<string, TypedDataField[]> = {
  AgreementSignature: [
    { name: "agreementId", type: "uint256" },
    { name: "documentHash", type: "bytes32" },
    { name: "termsHash", type: "bytes32" },
    { name: "version", type: "uint32" },
    { name: "signer", type: "address" },
    { name: "deadline", type: "uint256" },
  ],
};

/** Domain name and version the registry uses (EIP-712). */
export const AGREEMENTS_DOMAIN_NAME = "Covenant Agreements";
export const AGREEMENTS_DOMAIN_VERSION = "1";

/** The values of one `AgreementSignature`. */
export interface AgreementSignatureValue {
  agreementId: bigint;
  documentHash: string;
  termsHash: string;
  version: bigint;
  signer: string;
  deadline: bigint;
}

/** The registry's EIP-712 domain as it reports it (EIP-5267 `eip712Domain()`). */
export async function agreementsDomain(registry: IAgreementRegistryFull): Promise<TypedDataDomain> {
  const d = await registry.eip712Domain();
  return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
}

/** The digest a signer signs (ethers `TypedDataEncoder.hash`). */
export function agreementDigest(domain: TypedDataDomain, value: AgreementSignatureValue): string {
  return TypedDataEncoder.hash(domain, AGREEMENT_SIGNATURE_TYPES, value);
}

/** Signs `value` under `domain` with `signer` (EIP-712 `eth_signTypedData_v4`). */
export async function signAgreementTypedData(
  signer: Signer,
  domain: TypedDataDomain,
  value: AgreementSignatureValue,
): Promise<string> {
  return signer.signTypedData(domain, AGREEMENT_SIGNATURE_TYPES, value);
}

export interface SignAgreementOptions {
  /** The signing account on chain when it differs from `signer` (an EIP-1271 wallet the key owns). */
  onBehalfOf?: string;
  /** Use this domain instead of asking the registry (e.g. to sign offline). */
  domain?: TypedDataDomain;
}

/**
 * Signs agreement `agreementId` as it is stored on chain (its hashes and version) with a deadline.
 * The result goes to `signWithSignature` (a party) or `accedeWithSignature` (an acceding member).
 */
export async function signAgreement(
  signer: Signer,
  registry: IAgreementRegistryFull,
  agreementId: bigint,
  deadline: bigint,
  options: SignAgreementOptions = {},
): Promise<{ signature: string; value: AgreementSignatureValue; domain: TypedDataDomain }> {
  const a = await registry.agreementOf(agreementId);
  const domain = options.domain ?? (await agreementsDomain(registry));
  const value: AgreementSignatureValue = {
    agreementId,
    documentHash: a.documentHash,
    termsHash: a.termsHash,
    version: a.version,
    signer: options.onBehalfOf ?? (await signer.getAddress()),
    deadline,
  };
  return { signature: await signAgreementTypedData(signer, domain, value), value, domain };
}
