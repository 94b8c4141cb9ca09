/**
 * Offline signature files: what `covenant agreement sign --offline` writes, `covenant agreement
 * submit` reads and the demo relays. Presentation over the SDK (its schema is
 * `SignatureFileSchema` of src/sdk/schemas.ts), free of Node: a web page can write and read them too.
 */
import { getAddress, type TypedDataDomain } from "ethers";
import type { z } from "zod";
import { inputError } from "../sdk/errors";
import {
  agreementDigest,
  AGREEMENTS_DOMAIN_NAME,
  AGREEMENTS_DOMAIN_VERSION,
  type SplitConsentValue,
  type TypedDataDescription,
} from "../sdk/eip712";
import { combineSafeSignatures, safeMessageHash, type SafeInfo } from "../sdk/safe";
import {
  checkWith,
  SAFE_OWNER_SIGNATURE_FILE_TYPE,
  SafeOwnerSignatureFileSchema,
  SIGNATURE_FILE_TYPE,
  SignatureFileSchema,
  SPLIT_CONSENT_FILE_TYPE,
  SplitConsentFileSchema,
} from "../sdk/schemas";

export { SAFE_OWNER_SIGNATURE_FILE_TYPE, SIGNATURE_FILE_TYPE, SPLIT_CONSENT_FILE_TYPE };

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

// ------------------------------------------------------------------ Safe owners' files (S8)

/** One Safe owner's signature of the Safe message over an agreement digest (type of `SafeOwnerSignatureFileSchema`). */
export type SafeOwnerSignatureFile = z.infer<typeof SafeOwnerSignatureFileSchema>;

/** The owner's file for a signature made under `domain` for the Safe `value.signer`. */
export function safeOwnerSignatureFile(
  action: "sign" | "accede",
  domain: TypedDataDomain,
  value: Parameters<typeof signatureFile>[2],
  owner: { owner: string; digest: string; safeMessageHash: string },
  signature: string,
): SafeOwnerSignatureFile {
  const { type: _type, signature: _sig, ...rest } = signatureFile(action, domain, value, signature);
  return {
    type: SAFE_OWNER_SIGNATURE_FILE_TYPE,
    ...rest,
    digest: owner.digest,
    owner: getAddress(owner.owner),
    safeMessageHash: owner.safeMessageHash,
    signature,
  };
}

/** Parses a signature file of either kind: a signature to relay, or one Safe owner's part of one. */
export function parseAnySignatureFile(
  text: string,
  file: string,
): { kind: "signature"; file: SignatureFile } | { kind: "safe-owner"; file: SafeOwnerSignatureFile } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw inputError(`malformed signature file ${file}: not valid JSON`);
  }
  if ((raw as { type?: unknown } | null)?.type === SAFE_OWNER_SIGNATURE_FILE_TYPE)
    return {
      kind: "safe-owner",
      file: checkWith(SafeOwnerSignatureFileSchema, raw, `malformed signature file ${file}`),
    };
  return { kind: "signature", file: checkWith(SignatureFileSchema, raw, `malformed signature file ${file}`) };
}

const SAME_FIELDS = [
  "action",
  "chainId",
  "registry",
  "agreementId",
  "documentHash",
  "termsHash",
  "version",
  "signer",
  "deadline",
] as const;

/**
 * Combines Safe owners' files into the Safe's signature file (S8): every file must be for the same
 * agreement signature (same Safe, hashes, version and deadline); the digest and the Safe message
 * hash are recomputed, never trusted; each signature must be its owner's and the owner one of the
 * Safe's; at least the threshold; the signatures go in ascending owner order.
 */
export function combineSafeOwnerFiles(
  parts: { name: string; file: SafeOwnerSignatureFile }[],
  safe: Pick<SafeInfo, "address" | "owners" | "threshold">,
): SignatureFile {
  if (parts.length === 0) throw inputError("no owner signature files to combine");
  const first = parts[0];
  for (const p of parts.slice(1))
    for (const k of SAME_FIELDS)
      if (String(p.file[k]) !== String(first.file[k]))
        throw inputError(
          `${p.name} and ${first.name} are for different signatures: ${k} ${String(p.file[k])} vs ${String(first.file[k])} (every owner signs the same agreement, version and --deadline)`,
        );
  const f = first.file;
  if (f.signer !== getAddress(safe.address))
    throw inputError(`${first.name} is a signature for ${f.signer}, not for the Safe ${safe.address}`);
  const domain = {
    name: AGREEMENTS_DOMAIN_NAME,
    version: AGREEMENTS_DOMAIN_VERSION,
    chainId: BigInt(f.chainId),
    verifyingContract: f.registry,
  };
  const digest = agreementDigest(domain, {
    agreementId: BigInt(f.agreementId),
    documentHash: f.documentHash,
    termsHash: f.termsHash,
    version: BigInt(f.version),
    signer: f.signer,
    deadline: BigInt(f.deadline),
  });
  const messageHash = safeMessageHash(BigInt(f.chainId), safe.address, digest);
  for (const p of parts)
    if (p.file.digest !== digest || p.file.safeMessageHash !== messageHash)
      throw inputError(`${p.name}: its digest or Safe message hash is not that of the values it names`);
  const signature = combineSafeSignatures(
    safe,
    messageHash,
    parts.map((p) => ({ owner: p.file.owner, signature: p.file.signature })),
  );
  const { digest: _d, owner: _o, safeMessageHash: _m, type: _t, signature: _s, ...rest } = f;
  return { type: SIGNATURE_FILE_TYPE, ...rest, signature };
}

/** The lines a careful signer reads before signing (see `describeTypedData`), for a terminal. */
export function describeLines(d: TypedDataDescription): string[] {
  const dom = d.domain;
  const width = Math.max(...d.fields.map((f) => f.name.length), 16);
  const lines = [
    `EIP-712 ${d.primaryType}:`,
    ...d.fields.map((f) => `  ${f.name.padEnd(width)}  ${f.value}`),
    `  ${"domain".padEnd(width)}  ${[dom.name, dom.version && `v${dom.version}`, dom.chainId && `chain ${dom.chainId}`, dom.verifyingContract].filter(Boolean).join(", ")}`,
    `  ${"domain separator".padEnd(width)}  ${d.domainSeparator}`,
    `  ${"struct hash".padEnd(width)}  ${d.structHash}`,
    `  ${"digest".padEnd(width)}  ${d.digest}`,
  ];
  if (d.safe)
    lines.push(
      `Safe ${d.safe.address}: SafeMessage { message: digest }`,
      `  ${"domain separator".padEnd(width)}  ${d.safe.domainSeparator}`,
      `  ${"struct hash".padEnd(width)}  ${d.safe.structHash}`,
      `  ${"SafeMessage hash".padEnd(width)}  ${d.safe.safeMessageHash}  (what the owner signs)`,
    );
  return lines;
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
