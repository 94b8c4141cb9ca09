/**
 * The block the reads that matter (verification, history, balances) are made at. A block that a
 * reorg may still replace is no ground for a legal team's or an auditor's answer, so by default
 * these reads use the node's `finalized` block where the node has one, else the latest block less
 * `confirmations − 1`. Dev chains (chain id 31337: Hardhat, anvil) have no finality (anvil's
 * `finalized` is a fixed 64 blocks behind), so there it is always the second rule.
 */
import type { CovenantClient } from "./client";
import { chainError, explain, inputError } from "./errors";

/** How {@link readBlock} chose its block. */
export interface ReadBlock {
  block: number;
  /** "named" (the block the caller named), "finalized" (the node's), or "confirmations" (latest less confirmations − 1). */
  rule: "named" | "finalized" | "confirmations";
}

/**
 * The block number to read at: `named` (a tag or number the caller names) when given, else the
 * default rule above. A named block beyond the latest one, or a tag the node does not know, is
 * bad input.
 */
export async function readBlock(client: CovenantClient, named?: string | number): Promise<ReadBlock> {
  const p = client.provider;
  try {
    const latest = await p.getBlockNumber();
    if (named !== undefined) {
      if (typeof named === "number") {
        if (named > latest) throw inputError(`block ${named} is beyond the latest block ${latest}`);
        return { block: named, rule: "named" };
      }
      if (named === "latest") return { block: latest, rule: "named" };
      if (named === "earliest") return { block: 0, rule: "named" };
      const b = await p.getBlock(named).catch((e: unknown) => {
        throw inputError(`the node at ${client.rpcUrl} has no "${named}" block (${explain(e).message})`);
      });
      if (!b) throw inputError(`the node at ${client.rpcUrl} has no "${named}" block`);
      return { block: b.number, rule: "named" };
    }
    if (!client.isDevChain) {
      const f = await p.getBlock("finalized").catch(() => null);
      if (f) return { block: f.number, rule: "finalized" };
    }
    return { block: Math.max(0, latest - (client.confirmations - 1)), rule: "confirmations" };
  } catch (e) {
    if (e instanceof Error && e.name === "CovenantError") throw e;
    throw chainError(`cannot read the block number at ${client.rpcUrl}: ${explain(e).message}`, e);
  }
}

/** A client whose reads are all made at the block {@link readBlock} picks (and that block). */
export async function clientForReads(
  client: CovenantClient,
  named?: string | number,
): Promise<{ client: CovenantClient; at: ReadBlock }> {
  const at = await readBlock(client, named);
  return { client: client.at(at.block), at };
}
