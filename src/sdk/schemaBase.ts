import { getAddress, isHexString } from "ethers";
import * as z from "zod";
import { inputError } from "./errors";

/**
 * What every file schema of ./schemas builds on, and the schema of the address book, which every
 * command reads: kept apart so that a command that reads no other file does not build the others.
 */

/** `a.b[2].c` for a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

/**
 * Checks `raw` against `schema`; on failure an input error of one line: `<prefix>: <field> <what
 * was expected>` (the first problem found).
 */
export function checkWith<S extends z.ZodType>(schema: S, raw: unknown, prefix: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = fieldPath(issue.path);
  throw inputError(`${prefix}: ${where ? `${where} ` : ""}${issue.message}`);
}

// ------------------------------------------------------------------ building blocks

/** An address, checksummed; one checksum per address (keccak256 is slow while it is cold: every command reads the address book). */
export const address = z.string({ error: "must be an address" }).transform((v, ctx) => {
  try {
    return getAddress(v);
  } catch {
    ctx.issues.push({ code: "custom", message: "must be an address", input: v });
    return z.NEVER;
  }
});
export const bytes32 = z
  .string({ error: "must be a 0x-prefixed 32-byte hex" })
  .refine((v) => Boolean(isHexString(v, 32)), { error: "must be a 0x-prefixed 32-byte hex" });
export const decimalString = z
  .string({ error: "must be a decimal string" })
  .regex(/^\d+$/, { error: "must be a decimal string" });
export const nonNegativeInt = z
  .number({ error: "must be a non-negative integer" })
  .int({ error: "must be a non-negative integer" })
  .min(0, { error: "must be a non-negative integer" })
  .max(Number.MAX_SAFE_INTEGER, { error: "must be a non-negative integer" });

// ------------------------------------------------------------------ address book

/** `deployments/<chainId>.json`: where one suite lives on one chain. */
export const AddressBookSchema = z.object(
  {
    chainId: z
      .number({ error: "must be a positive integer" })
      .int({ error: "must be a positive integer" })
      .positive({ error: "must be a positive integer" })
      .max(Number.MAX_SAFE_INTEGER, { error: "must be a positive integer" }),
    /** Contract name -> address; names this SDK does not know yet are kept (a newer deployment may add contracts). */
    contracts: z.record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: "is not a contract name" }),
      address,
      { error: "must be an object of name -> address" },
    ),
    /** ISO 8601 time of the deployment. */
    deployedAt: z.string().catch(""),
    /** The block of the deployment's first transaction (event scans start there), when known. */
    deployedBlock: z
      .number({ error: "must be a block number" })
      .int({ error: "must be a block number" })
      .min(0, { error: "must be a block number" })
      .max(Number.MAX_SAFE_INTEGER, { error: "must be a block number" })
      .optional(),
    /** The account that deployed the suite (`covenant deploy show` checks it kept no role), when known. */
    deployer: address.optional(),
    /** Blocks a transaction must be deep before a command reports it done on this network (default 1). */
    confirmations: z
      .number({ error: "must be a whole number of blocks, 1 or more" })
      .int({ error: "must be a whole number of blocks, 1 or more" })
      .min(1, { error: "must be a whole number of blocks, 1 or more" })
      .max(1000, { error: "must be a whole number of blocks, 1 or more" })
      .optional(),
  },
  { error: "must be a JSON object" },
);
