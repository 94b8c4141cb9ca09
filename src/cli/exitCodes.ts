import type { CovenantError, ErrorKind } from "../sdk/errors";

/**
 * Exit codes of the `covenant` CLI (docs/cli.md, "Errors and exit codes"):
 * - 0 OK: done, also a re-run that finds the action already done (it says so and sends nothing);
 * - 1 CHECK: a check ran and failed (e.g. `agreement verify` found a difference);
 * - 2 INPUT: bad usage or input, an unknown id included; nothing was sent;
 * - 3 CHAIN: the chain or its RPC could not be used, a dropped or replaced transaction included;
 * - 4 REFUSED: refused by the contract, in simulation (nothing sent) or a sent transaction that
 *   reverted (its hash printed);
 * - 70 INTERNAL: a bug in this tool (never reported as an RPC problem).
 */
export enum ExitCode {
  OK = 0,
  CHECK = 1,
  INPUT = 2,
  CHAIN = 3,
  REFUSED = 4,
  INTERNAL = 70,
}

/** What each exit code means: the table of docs/cli.md is generated from this record (`npm run docs:cli`). */
export const EXIT_CODE_MEANINGS: Record<ExitCode, string> = {
  [ExitCode.OK]:
    "done (also `--help`, `--version`), including a re-run that finds the action already done: it says so and sends nothing",
  [ExitCode.CHECK]:
    "a check ran and failed (e.g. `agreement verify` found a difference, `ip verify` a different hash)",
  [ExitCode.INPUT]:
    "bad usage or input (unknown command or option, missing file, malformed file, a private key on `--from`, …), an unknown id included (also when the contract is the one that does not know it); nothing was sent",
  [ExitCode.CHAIN]:
    "the chain could not be used: RPC unreachable or not JSON-RPC, wrong chain id (no address book, or not `COVENANT_CHAIN_ID`), no code where the address book says, a transaction dropped or replaced after it was sent",
  [ExitCode.REFUSED]:
    "refused by the contract: in simulation (nothing was sent), or a sent transaction that reverted (its hash is in the line); the custom error is worded from its NatSpec with its arguments",
  [ExitCode.INTERNAL]:
    "an internal error of `covenant` itself (a bug; never reported as an RPC problem): please report it with the output of `COVENANT_DEBUG=1`",
};

const BY_KIND: Record<ErrorKind, ExitCode> = {
  check: ExitCode.CHECK,
  input: ExitCode.INPUT,
  chain: ExitCode.CHAIN,
  refused: ExitCode.REFUSED,
  internal: ExitCode.INTERNAL,
};

/** The exit code for an error of the SDK. */
export function exitCodeOf(err: CovenantError): ExitCode {
  return BY_KIND[err.kind];
}
