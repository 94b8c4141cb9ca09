/**
 * Company wallets that are Safes (Safe{Wallet} 1.4.1 with its `CompatibilityFallbackHandler`): the
 * registry checks such a member's signature by EIP-1271 (S8). A Safe does not accept a signature of
 * the registry's digest itself (GS026): its owners sign the Safe's `SafeMessage` typed data over
 * the digest, under the Safe's own EIP-712 domain, and the Safe checks that enough of them did,
 * their signatures concatenated in ascending owner order. Or the owners approve the message on
 * chain: a Safe transaction delegate-calls `SignMessageLib.signMessage(digest)`, after which the
 * empty signature is valid. Browser-safe: no I/O; the chain is read through any ethers runner.
 */
import {
  AbiCoder,
  concat,
  Contract,
  getAddress,
  Interface,
  isAddress,
  recoverAddress,
  TypedDataEncoder,
  ZeroAddress,
  zeroPadValue,
  type ContractRunner,
  type Provider,
  type Signer,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";
import { inputError } from "./errors";

/** The Safe version the SDK speaks (`VERSION()` of the singleton). */
export const SAFE_VERSION = "1.4.1";

/**
 * The canonical deployments of Safe 1.4.1 (the same address on every chain where it is deployed;
 * safe-global/safe-deployments). A local development chain has none: deploy them first (the demo
 * and the tests do) and pass the address.
 */
export const SAFE_141_CANONICAL = {
  safeSingleton: "0x41675C099F32341bf84BFc5382aF534df5C7461a",
  safeProxyFactory: "0x4e1DCf7AD4e460CfD30791CCC4F9c8a4f820ec67",
  compatibilityFallbackHandler: "0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99",
  signMessageLib: "0xd53cd0aB83D845Ac265BE939c57F53AD838012c9",
} as const;

/** The Safe's EIP-712 message type (`SAFE_MSG_TYPEHASH` of CompatibilityFallbackHandler). */
export const SAFE_MESSAGE_TYPES: Record<string, TypedDataField[]> = {
  SafeMessage: [{ name: "message", type: "bytes" }],
};

/** The Safe's EIP-712 transaction type (`SAFE_TX_TYPEHASH` of Safe 1.4.1). */
export const SAFE_TX_TYPES: Record<string, TypedDataField[]> = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/** The part of Safe 1.4.1's ABI the SDK uses. */
export const SAFE_ABI = [
  "function VERSION() view returns (string)",
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
  "function domainSeparator() view returns (bytes32)",
  "function signedMessages(bytes32) view returns (uint256)",
  "function approvedHashes(address, bytes32) view returns (uint256)",
  "function approveHash(bytes32 hashToApprove)",
  "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool success)",
  "event ApproveHash(bytes32 indexed approvedHash, address indexed owner)",
  "event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)",
  "event ExecutionFailure(bytes32 indexed txHash, uint256 payment)",
] as const;

/** `SignMessageLib` of Safe 1.4.1 (called by delegatecall from the Safe). */
export const SIGN_MESSAGE_LIB_ABI = [
  "function signMessage(bytes _data)",
  "event SignMsg(bytes32 indexed msgHash)",
] as const;

/** The Safe's EIP-712 domain: chain id and the Safe's address (no name, no version). */
export function safeDomain(chainId: bigint | number, safe: string): TypedDataDomain {
  return { chainId, verifyingContract: getAddress(safe) };
}

/**
 * The hash a Safe's owners sign so that the Safe accepts `digest` (e.g. an agreement's EIP-712
 * digest) by EIP-1271: the EIP-712 hash of `SafeMessage { message: digest }` under the Safe's
 * domain (`getMessageHashForSafe(safe, abi.encode(digest))` of CompatibilityFallbackHandler).
 */
export function safeMessageHash(chainId: bigint | number, safe: string, digest: string): string {
  return TypedDataEncoder.hash(safeDomain(chainId, safe), SAFE_MESSAGE_TYPES, { message: digest });
}

/**
 * The typed data an owner's wallet signs for `digest` (the `eth_signTypedData_v4` payload a web page
 * hands to a wallet): the Safe's domain, `SafeMessage` and `{ message: digest }`.
 */
export function safeMessageTypedData(
  chainId: bigint | number,
  safe: string,
  digest: string,
): {
  domain: TypedDataDomain;
  types: Record<string, TypedDataField[]>;
  primaryType: "SafeMessage";
  message: { message: string };
} {
  return {
    domain: safeDomain(chainId, safe),
    types: SAFE_MESSAGE_TYPES,
    primaryType: "SafeMessage",
    message: { message: digest },
  };
}

/** An owner signs the Safe's `SafeMessage` over `digest` (EIP-712 `eth_signTypedData_v4`). */
export async function signSafeMessage(
  owner: Signer,
  chainId: bigint | number,
  safe: string,
  digest: string,
): Promise<string> {
  return owner.signTypedData(safeDomain(chainId, safe), SAFE_MESSAGE_TYPES, { message: digest });
}

/** A Safe as read from the chain. */
export interface SafeInfo {
  address: string;
  version: string;
  /** Checksummed, in the Safe's order. */
  owners: string[];
  threshold: number;
  nonce: bigint;
}

/** The Safe at `address` as an ethers contract over `runner`. */
export function safeContract(address: string, runner: ContractRunner): Contract {
  return new Contract(getAddress(address), SAFE_ABI, runner);
}

/** Reads the Safe at `address`: an input error when there is no Safe 1.4.1 there. */
export async function readSafe(provider: Provider, address: string): Promise<SafeInfo> {
  if (!isAddress(address)) throw inputError(`the Safe must be an address, got "${address}"`);
  const safe = getAddress(address);
  if ((await provider.getCode(safe)) === "0x")
    throw inputError(`no contract at ${safe}: the Safe's address is wrong, or it is on another chain`);
  const c = safeContract(safe, provider);
  let version: string;
  let owners: string[];
  let threshold: bigint;
  let nonce: bigint;
  try {
    [version, owners, threshold, nonce] = await Promise.all([
      c.VERSION() as Promise<string>,
      c.getOwners() as Promise<string[]>,
      c.getThreshold() as Promise<bigint>,
      c.nonce() as Promise<bigint>,
    ]);
  } catch {
    throw inputError(`${safe} is not a Safe: it does not answer VERSION(), getOwners() and getThreshold()`);
  }
  if (version !== SAFE_VERSION)
    throw inputError(`${safe} is a Safe ${version}; the SDK signs for Safe ${SAFE_VERSION}`);
  return {
    address: safe,
    version,
    owners: owners.map((o) => getAddress(o)),
    threshold: Number(threshold),
    nonce,
  };
}

/** One owner's signature of a Safe message. */
export interface OwnerSignature {
  owner: string;
  signature: string;
}

/**
 * The Safe's signature of `messageHash` (see {@link safeMessageHash}) from owners' signatures:
 * each is checked to recover to its owner and the owner to be one of the Safe's; one owner counts
 * once; fewer than the threshold is refused (the Safe would revert GS020). The signatures are
 * concatenated in ascending owner address order, as the Safe requires (GS026 otherwise).
 */
export function combineSafeSignatures(
  safe: Pick<SafeInfo, "address" | "owners" | "threshold">,
  messageHash: string,
  parts: OwnerSignature[],
): string {
  const owners = new Set(safe.owners.map((o) => getAddress(o)));
  const byOwner = new Map<string, string>();
  for (const p of parts) {
    const owner = getAddress(p.owner);
    if (!owners.has(owner))
      throw inputError(
        `${owner} is not an owner of the Safe ${safe.address}; its signature counts for nothing`,
      );
    let recovered: string;
    try {
      recovered = recoverAddress(messageHash, p.signature);
    } catch {
      throw inputError(`the signature of ${owner} is not a 65-byte ECDSA signature`);
    }
    if (recovered !== owner)
      throw inputError(
        `the signature of ${owner} is not its signature of this Safe message (it recovers to ${recovered})`,
      );
    if (byOwner.has(owner)) throw inputError(`${owner} signed twice: an owner counts once`);
    byOwner.set(owner, p.signature);
  }
  if (byOwner.size < safe.threshold)
    throw inputError(
      `${byOwner.size} of the ${safe.threshold} owner signatures the Safe ${safe.address} needs; nothing was sent`,
    );
  const sorted = [...byOwner.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return concat(sorted.map((o) => byOwner.get(o)!));
}

// ------------------------------------------------------------------ the on-chain approval route

/** A Safe transaction (Safe 1.4.1 `execTransaction` arguments without the signatures). */
export interface SafeTx {
  to: string;
  value: bigint;
  data: string;
  /** 0 call, 1 delegatecall. */
  operation: number;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
}

/** The Safe transaction that marks `digest` as signed: a delegatecall of `SignMessageLib.signMessage(digest)`. */
export function signMessageSafeTx(signMessageLib: string, digest: string, nonce: bigint): SafeTx {
  return {
    to: getAddress(signMessageLib),
    value: 0n,
    data: new Interface(SIGN_MESSAGE_LIB_ABI).encodeFunctionData("signMessage", [digest]),
    operation: 1,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce,
  };
}

/** The hash the owners approve for `tx` (`getTransactionHash` of Safe 1.4.1). */
export function safeTxHash(chainId: bigint | number, safe: string, tx: SafeTx): string {
  return TypedDataEncoder.hash(safeDomain(chainId, safe), SAFE_TX_TYPES, tx);
}

/**
 * The Safe's "approved hash" signature of `owner` (v = 1, r = the owner): valid when the owner
 * approved the hash on chain (`approveHash`) or is the one who executes the transaction.
 */
export function approvedHashSignature(owner: string): string {
  const r = zeroPadValue(getAddress(owner), 32);
  const s = AbiCoder.defaultAbiCoder().encode(["uint256"], [0]);
  return concat([r, s, "0x01"]);
}

/** The `execTransaction` signatures of owners who approved on chain (ascending owner order). */
export function approvedHashSignatures(owners: string[]): string {
  const sorted = owners.map((o) => getAddress(o)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return concat(sorted.map(approvedHashSignature));
}
