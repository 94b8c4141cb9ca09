import { CovenantError, type ErrorKind } from "../sdk/errors";

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
