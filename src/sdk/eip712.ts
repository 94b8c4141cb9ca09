import { getAddress, TypedDataEncoder, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";
import { safeDomain, safeMessageHash, SAFE_MESSAGE_TYPES } from "./safe";
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

/**
 * What a signer should see before signing (the values `agreement sign --offline` prints): the
 * domain separator, the struct hash of the `AgreementSignature` and the digest signed.
 */
export function agreementSigningHashes(
  domain: TypedDataDomain,
  value: AgreementSignatureValue,
): { domainSeparator: string; structHash: string; digest: string } {
  const d = describeTypedData(domain, AGREEMENT_SIGNATURE_TYPES, { ...value });
  return { domainSeparator: d.domainSeparator, structHash: d.structHash, digest: d.digest };
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

// ------------------------------------------------------------------ a result's split (B4)

/** The EIP-712 types of an owner's consent to a result's split (IPRegistry `hashSplitConsent`). */
export const SPLIT_CONSENT_TYPES: Record<string, TypedDataField[]> = {
  SplitConsent: [
    { name: "account", type: "address" },
    { name: "projectId", type: "uint256" },
    { name: "amendmentId", type: "uint256" },
    { name: "contentHash", type: "bytes32" },
    { name: "owners", type: "address[]" },
    { name: "shares", type: "uint16[]" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The values of one `SplitConsent`. */
export interface SplitConsentValue {
  account: string;
  projectId: bigint;
  amendmentId: bigint;
  contentHash: string;
  owners: string[];
  shares: number[];
  deadline: bigint;
}

/** The digest `value.account` signs (ethers `TypedDataEncoder.hash`; equal to `hashSplitConsent`). */
export function splitConsentDigest(domain: TypedDataDomain, value: SplitConsentValue): string {
  return TypedDataEncoder.hash(domain, SPLIT_CONSENT_TYPES, value);
}

// ------------------------------------------------------------------ what a careful signer checks

/** A value of typed data as text (bigint and number in decimal, bytes and addresses as given). */
function fieldText(v: unknown): string {
  if (typeof v === "bigint" || typeof v === "number") return v.toString();
  if (Array.isArray(v)) return `[${v.map(fieldText).join(", ")}]`;
  return String(v);
}

/** Everything a signer checks before signing typed data; what `agreement sign --offline` prints and a web page shows. */
export interface TypedDataDescription {
  primaryType: string;
  /** The domain's fields as text (those it has). */
  domain: { name?: string; version?: string; chainId?: string; verifyingContract?: string };
  /** The decoded fields of the primary type, in the type's order. */
  fields: { name: string; type: string; value: string }[];
  /** `hashDomain(domain)`: the EIP-712 domain separator. */
  domainSeparator: string;
  /** `hashStruct(primaryType, value)`. */
  structHash: string;
  /** `keccak256(0x1901 ‖ domainSeparator ‖ structHash)`: what the contract checks. */
  digest: string;
  /**
   * For a Safe (S8): the `SafeMessage { message: digest }` its owners sign under the Safe's domain,
   * with that domain's separator and the message's struct hash; `safeMessageHash` is what each owner signs.
   */
  safe?: { address: string; domainSeparator: string; structHash: string; safeMessageHash: string };
}

/**
 * Describes typed data `value` of `types` under `domain`: decoded fields, domain separator, struct
 * hash and digest; with `safe`, also the SafeMessage its owners sign over the digest. One function
 * for the CLI and the portal, so both show the same values.
 */
export function describeTypedData(
  domain: TypedDataDomain,
  types: Record<string, TypedDataField[]>,
  value: Record<string, unknown>,
  opts: { safe?: string } = {},
): TypedDataDescription {
  const encoder = TypedDataEncoder.from(types);
  const primaryType = encoder.primaryType;
  const domainSeparator = TypedDataEncoder.hashDomain(domain);
  const structHash = encoder.hash(value);
  const d: TypedDataDescription = {
    primaryType,
    domain: Object.fromEntries(
      (["name", "version", "chainId", "verifyingContract"] as const)
        .filter((k) => domain[k] !== undefined && domain[k] !== null)
        .map((k) => [k, k === "verifyingContract" ? getAddress(String(domain[k])) : fieldText(domain[k])]),
    ),
    fields: types[primaryType].map((f) => ({ name: f.name, type: f.type, value: fieldText(value[f.name]) })),
    domainSeparator,
    structHash,
    digest: TypedDataEncoder.hash(domain, types, value),
  };
  if (opts.safe !== undefined) {
    if (domain.chainId === undefined || domain.chainId === null)
      throw new Error("a Safe message needs the domain's chain id");
    const safeD = safeDomain(BigInt(domain.chainId), opts.safe);
    d.safe = {
      address: getAddress(opts.safe),
      domainSeparator: TypedDataEncoder.hashDomain(safeD),
      structHash: TypedDataEncoder.from(SAFE_MESSAGE_TYPES).hash({ message: d.digest }),
      safeMessageHash: safeMessageHash(BigInt(domain.chainId), opts.safe, d.digest),
    };
  }
  return d;
}
