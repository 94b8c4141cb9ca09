import { getAddress, Interface, type Provider } from "ethers";
import type { CovenantClient, TxResult } from "../client";
import { inputError, refusedError } from "../errors";
import {
  approvedHashSignatures,
  readSafe,
  safeContract,
  safeMessageHash,
  safeTxHash,
  SAFE_ABI,
  SIGN_MESSAGE_LIB_ABI,
  signMessageSafeTx,
  type SafeInfo,
} from "../safe";

/**
 * Safe actions (S8): the on-chain approval route of a Safe's signature. The owners mark a digest
 * as signed by the Safe with a Safe transaction that delegate-calls `SignMessageLib.signMessage`;
 * each owner runs {@link approveSafeMessage} with its own key: it approves the Safe transaction's
 * hash on chain (`approveHash`) until the threshold is reached with the caller, who then executes
 * it. After that the Safe accepts the empty signature for the digest (EIP-1271).
 */

export type SafeApproval =
  /** The Safe had already signed the message: nothing was sent. */
  | { state: "signed-already"; safe: SafeInfo; messageHash: string }
  /** The caller had approved already and the threshold is not reached: nothing was sent. */
  | { state: "waiting"; safe: SafeInfo; messageHash: string; safeTxHash: string; approvals: string[] }
  /** The caller approved on chain; `approvals` (the caller included) are fewer than the threshold. */
  | (TxResult & {
      state: "approved";
      safe: SafeInfo;
      messageHash: string;
      safeTxHash: string;
      approvals: string[];
    })
  /** The caller executed the Safe transaction: the Safe has signed the message. */
  | (TxResult & {
      state: "executed";
      safe: SafeInfo;
      messageHash: string;
      safeTxHash: string;
      approvals: string[];
    });

/** Where the approval route of `digest` stands (reads only). */
export interface SafeApprovalsSeen {
  messageHash: string;
  /** The Safe has signed the message (SignMessageLib ran): the empty signature is valid. */
  signed: boolean;
  /** The Safe transaction the owners approve (at the Safe's current nonce). */
  safeTxHash: string;
  /** The owners who approved that transaction on chain, in the Safe's owner order. */
  approvals: string[];
}

/**
 * Reads where the approval route of `digest` stands for `safe` (as {@link readSafe} read it): whether
 * the Safe has signed the message, and which owners approved the Safe transaction on chain.
 */
export async function safeApprovals(
  provider: Provider,
  chainId: bigint,
  safe: Pick<SafeInfo, "address" | "owners" | "nonce">,
  p: { digest: string; signMessageLib: string },
): Promise<SafeApprovalsSeen> {
  const messageHash = safeMessageHash(chainId, safe.address, p.digest);
  const reader = safeContract(safe.address, provider);
  const hash = safeTxHash(chainId, safe.address, signMessageSafeTx(p.signMessageLib, p.digest, safe.nonce));
  const [signed, approved] = await Promise.all([
    reader.signedMessages(messageHash) as Promise<bigint>,
    Promise.all(safe.owners.map((o) => reader.approvedHashes(o, hash) as Promise<bigint>)),
  ]);
  return {
    messageHash,
    signed: signed !== 0n,
    safeTxHash: hash,
    approvals: safe.owners.filter((_, i) => approved[i] !== 0n),
  };
}

/**
 * One owner's step of the approval route for `digest`: approve the Safe transaction on chain, or
 * execute it once the owners who approved, with the caller, reach the threshold. The caller must
 * be an owner; `signMessageLib` must hold code (Safe 1.4.1's `SignMessageLib`).
 */
export async function approveSafeMessage(
  client: CovenantClient,
  p: { safe: string; digest: string; signMessageLib: string },
): Promise<SafeApproval> {
  const safe = await readSafe(client.provider, p.safe);
  const me = await client.signerAddress();
  if (!safe.owners.includes(me))
    throw inputError(`${me} is not an owner of the Safe ${safe.address} (owners: ${safe.owners.join(", ")})`);
  if ((await client.provider.getCode(p.signMessageLib)) === "0x")
    throw inputError(
      `no SignMessageLib at ${getAddress(p.signMessageLib)} on chain ${client.chainId}: give the address of Safe 1.4.1's SignMessageLib`,
    );
  const seen = await safeApprovals(client.provider, client.chainId, safe, p);
  const { messageHash, safeTxHash: hash, approvals: approvedOnChain } = seen;
  if (seen.signed) return { state: "signed-already", safe, messageHash };
  const tx = signMessageSafeTx(p.signMessageLib, p.digest, safe.nonce);
  const approvals = approvedOnChain.includes(me) ? approvedOnChain : [...approvedOnChain, me];
  const decodeWith = [new Interface(SAFE_ABI), new Interface(SIGN_MESSAGE_LIB_ABI)];
  const writable = safeContract(safe.address, await client.signer());
  if (approvals.length >= safe.threshold) {
    // The caller counts as the executor (v = 1, msg.sender); the others by their approved hash.
    const signers = [me, ...approvals.filter((o) => o !== me).slice(0, safe.threshold - 1)];
    const args = [
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      approvedHashSignatures(signers),
    ];
    const r = await client.send(writable.getFunction("execTransaction"), args, decodeWith);
    if (!r.events.some((e) => e.name === "SignMsg"))
      throw refusedError(`the Safe transaction ${r.hash} did not sign the message (ExecutionFailure)`);
    return { ...r, state: "executed", safe, messageHash, safeTxHash: hash, approvals };
  }
  if (approvedOnChain.includes(me))
    return { state: "waiting", safe, messageHash, safeTxHash: hash, approvals };
  const r = await client.send(writable.getFunction("approveHash"), [hash], decodeWith);
  return { ...r, state: "approved", safe, messageHash, safeTxHash: hash, approvals };
}
