/**
 * Offline signature files: what `covenant agreement sign --offline` writes, `covenant agreement
 * submit` reads and the demo relays. Presentation over the SDK (its schema is
 * `SignatureFileSchema` of src/sdk/schemas.ts), free of Node: a web page can write and read them too.
 */
import { getAddress, type TypedDataDomain } from "ethers";
import type { z } from "zod";
import { inputError } from "../sdk/errors";
import type { SplitConsentValue } from "../sdk/eip712";
import {
  checkWith,
  SIGNATURE_FILE_TYPE,
  SignatureFileSchema,
  SPLIT_CONSENT_FILE_TYPE,
  SplitConsentFileSchema,
} from "../sdk/schemas";

export { SIGNATURE_FILE_TYPE, SPLIT_CONSENT_FILE_TYPE };

/**
 * An EIP-712 agreement signature made offline (`agreement sign --offline`, `agreement accede
 * --offline`) for anyone to relay with `agreement submit` (type of `SignatureFileSchema`).
 */
export type SignatureFile = z.infer<typeof SignatureFileSchema>;

/** The file's content for a signature made under `domain`. */
export function signatureFile(
  action: "sign" | "accede",
  domain: TypedDataDomain,
  value: {
    agreementId: bigint;
    documentHash: string;
    termsHash: string;
    version: bigint;
    signer: string;
    deadline: bigint;
  },
  signature: string,
): SignatureFile {
  return {
    type: SIGNATURE_FILE_TYPE,
    action,
    chainId: String(domain.chainId),
    registry: getAddress(String(domain.verifyingContract)),
    agreementId: value.agreementId.toString(),
    documentHash: value.documentHash,
    termsHash: value.termsHash,
    version: Number(value.version),
    signer: getAddress(value.signer),
    deadline: value.deadline.toString(),
    signature,
  };
}

/** Parses and checks the shape of a signature file; an input error naming the first problem. */
export function parseSignatureFile(text: string, file: string): SignatureFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`malformed signature file ${file}: not valid JSON`);
  }
  return checkWith(SignatureFileSchema, raw, `malformed signature file ${file}`);
}

/** An owner's consent to a result's split, made offline (`ip consent`), type of `SplitConsentFileSchema` (B4). */
export type SplitConsentFile = z.infer<typeof SplitConsentFileSchema>;

/** The consent file's content for a `SplitConsent` signed under `domain`. */
export function splitConsentFile(
  domain: TypedDataDomain,
  value: SplitConsentValue,
  digest: string,
  signature: string,
): SplitConsentFile {
  return {
    type: SPLIT_CONSENT_FILE_TYPE,
    chainId: String(domain.chainId),
    registry: getAddress(String(domain.verifyingContract)),
    account: getAddress(value.account),
    projectId: value.projectId.toString(),
    amendmentId: value.amendmentId.toString(),
    contentHash: value.contentHash,
    owners: value.owners.map((o) => getAddress(o)),
    shares: value.shares,
    deadline: value.deadline.toString(),
    digest,
    signature,
  };
}

/** Parses and checks the shape of a split consent file; an input error naming the first problem. */
export function parseSplitConsentFile(text: string, file: string): SplitConsentFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`malformed consent file ${file}: not valid JSON`);
  }
  return checkWith(SplitConsentFileSchema, raw, `malformed consent file ${file}`);
}
