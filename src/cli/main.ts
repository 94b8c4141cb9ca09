import { Command, CommanderError } from "commander";
import pkg from "../../package.json";
import { CovenantError, explain } from "../sdk/errors";
import { ExitCode, exitCodeOf } from "./exitCodes";
import { bindIo, processIo, type CliIo } from "./io";
import { registerAgreement } from "./commands/agreement";
import { registerClaim } from "./commands/claim";
import { registerCouncil } from "./commands/council";
import { registerDemo } from "./commands/demo";
import { registerDeploy } from "./commands/deploy";
import { registerHistory } from "./commands/history";
import { registerIp } from "./commands/ip";
import { registerLicense } from "./commands/license";
import { registerMember } from "./commands/member";
import { registerPortal } from "./commands/portal";
import { registerProject } from "./commands/project";
import { registerStatus } from "./commands/status";
import { registerTerms } from "./commands/terms";
import { registerTreasury } from "./commands/treasury";
import { addGlobalOptions } from "./program";

/** The `covenant` command tree. */
export function buildProgram(io: CliIo = processIo()): Command {
  const oneLine = (str: string, write: (s: string) => void) =>
    write(str.replace(/\s*\n\s*/g, " ").trim() + "\n");
  const output = {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    // commander's own usage errors: one line, as every other error
    outputError: oneLine,
    getOutHelpWidth: () => (io.stdout as { columns?: number }).columns ?? 80,
    getErrHelpWidth: () => (io.stderr as { columns?: number }).columns ?? 80,
  };
  const program = new Command("covenant")
    .description(
      "Covenant: on-chain collaboration agreements for industrial technology innovation alliances.\n" +
        "Exit codes: 0 ok, 1 a check failed, 2 bad usage or input, 3 chain/RPC problem, 4 refused by the contract, 70 internal error.",
    )
    .version(pkg.version)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output);
  bindIo(program, io);
  addGlobalOptions(program);
  registerStatus(program);
  registerMember(program);
  registerCouncil(program);
  registerAgreement(program);
  registerProject(program);
  registerTreasury(program);
  registerIp(program);
  registerLicense(program);
  registerClaim(program);
  registerHistory(program);
  registerTerms(program);
  registerDeploy(program);
  registerDemo(program);
  registerPortal(program);
  // every subcommand exits through the top level too
  const walk = (c: Command) => {
    c.exitOverride();
    c.configureOutput(output);
    c.configureHelp({ showGlobalOptions: true });
    c.commands.forEach(walk);
  };
  program.commands.forEach(walk);
  return program;
}

/** Prints the one line for `err` on `io.stderr` (a sent transaction's hash included) and returns the exit code. */
export function report(err: unknown, io: CliIo = processIo()): number {
  if (err instanceof CommanderError) {
    // help and version are not failures; commander already printed its line for the others
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return ExitCode.OK;
    return ExitCode.INPUT;
  }
  const e: CovenantError = explain(err);
  io.stderr.write(`error: ${e.message}\n`);
  if (io.env.COVENANT_DEBUG === "1" && err instanceof Error && err.stack) {
    io.stderr.write(err.stack + "\n");
  }
  return exitCodeOf(e);
}

/**
 * Runs one command line (`argv` as in process.argv: node, script, args...) with `io` (default: the
 * process's streams and environment) and returns its exit code. Tests call it in-process.
 */
export async function main(argv: string[] = process.argv, io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...processIo(), ...io };
  try {
    await buildProgram(full).parseAsync(argv);
    return ExitCode.OK;
  } catch (err) {
    return report(err, full);
  }
}

/** Runs the CLI as a process: prints, sets the exit code, and lets the process end. */
export function run(argv: string[] = process.argv): void {
  // `covenant member list | head`: a closed pipe is not an error
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  void main(argv).then((code) => {
    process.exitCode = code;
    // nothing should keep the process alive; if something does, leave anyway
    setTimeout(() => process.exit(code), 3000).unref();
  });
}

if (require.main === module) run();
