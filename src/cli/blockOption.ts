/** The `--block` option of the reads that matter (verification, history, balances). */
/** The help text of `--block` on the commands that take it. */
export const BLOCK_HELP =
  "read at this block: latest, finalized, safe or a number (default: finalized where the node has it, else latest less confirmations - 1)";

const TAGS = ["latest", "finalized", "safe", "earliest"] as const;

/** Checks a `--block` value (an input error otherwise) before the chain is touched: a tag or a block number. */
export async function parseBlockOption(text: string): Promise<string | number> {
  const t = text.trim().toLowerCase();
  if ((TAGS as readonly string[]).includes(t)) return t;
  if (/^\d+$/.test(t) && Number.isSafeInteger(Number(t))) return Number(t);
  if (/^0x[0-9a-f]+$/.test(t) && Number.isSafeInteger(Number(t))) return Number(t);
  // loaded only on bad input, so that `covenant --help` does not load the SDK's errors
  const { inputError } = await import("../sdk/errors");
  throw inputError(`--block takes latest, finalized, safe, earliest or a block number, got "${text}"`);
}
