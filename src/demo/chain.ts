/**
 * Dev-chain plumbing of the demo: the chain-id guard, moving time (`evm_increaseTime` + `evm_mine`,
 * which Hardhat and anvil both offer), giving the demo's keys gas money (`hardhat_setBalance`, also
 * answered by anvil), and sending a transaction with its evidence and decoded errors.
 */
import type { Provider, TransactionResponse } from "ethers";
import { explain } from "../sdk/errors";
import type { Eip1193 } from "./deploy";
import type { TxEvidence } from "./narrator";

/** The only chain id the demo runs on: Hardhat's and anvil's default dev chain. */
export const DEV_CHAIN_ID = 31337n;

/** Refuses anything but a dev chain, before any dev-only method is called. */
export function requireDevChain(chainId: bigint): void {
  if (chainId !== DEV_CHAIN_ID) {
    throw new Error(
      `the demo runs only on a development chain (chain id ${DEV_CHAIN_ID}: Hardhat, anvil); this node reports chain id ${chainId}. ` +
        "It moves time with evm_increaseTime and mints test tokens, which a real chain must never allow.",
    );
  }
}

export class DevChain {
  /** Transactions sent by the story (for the summary). */
  transactions = 0;

  constructor(
    readonly rpc: Eip1193,
    readonly provider: Provider,
  ) {}

  /** The latest block's timestamp. */
  async now(): Promise<number> {
    const b = await this.provider.getBlock("latest");
    if (!b) throw new Error("the node has no latest block");
    return b.timestamp;
  }

  /** Moves the chain's clock forward by `seconds` and mines a block. */
  async advance(seconds: number): Promise<void> {
    if (seconds > 0) await this.rpc.request({ method: "evm_increaseTime", params: [seconds] });
    await this.rpc.request({ method: "evm_mine", params: [] });
  }

  /** Moves the clock to at least `timestamp` (a block at or after it is mined). */
  async advanceTo(timestamp: number | bigint): Promise<void> {
    const target = Number(timestamp);
    const now = await this.now();
    await this.advance(Math.max(0, target - now));
  }

  /** Gives `address` `wei` of the chain's native coin (gas money). */
  async setBalance(address: string, wei: bigint): Promise<void> {
    await this.rpc.request({ method: "hardhat_setBalance", params: [address, "0x" + wei.toString(16)] });
  }

  /**
   * Sends a transaction, waits for it, and returns its evidence; a revert is decoded into words
   * (the SDK's error decoder knows every custom error of the suite) and names the step.
   */
  /**
   * Runs an SDK action (the one the CLI command calls; it simulates, sends and waits) and counts its
   * transaction; a refusal names the step.
   */
  async act<T extends TxEvidence>(what: string, action: Promise<T>): Promise<T> {
    try {
      const r = await action;
      this.transactions += 1;
      return r;
    } catch (e) {
      throw new Error(`${what}: ${explain(e).message}`);
    }
  }

  async send(what: string, tx: Promise<TransactionResponse>): Promise<TxEvidence> {
    try {
      const sent = await tx;
      const receipt = await sent.wait();
      if (!receipt || receipt.status !== 1) throw new Error(`transaction ${sent.hash} failed`);
      this.transactions += 1;
      return { hash: sent.hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
    } catch (e) {
      throw new Error(`${what}: ${explain(e).message}`);
    }
  }
}
