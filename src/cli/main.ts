import { Command, CommanderError } from "commander";
import pkg from "../../package.json";
import { CovenantError, ExitCode, explain } from "../sdk/errors";
import { registerAgreement } from "./commands/agreement";
import { registerClaim } from "./commands/claim";
import { registerCouncil } from "./commands/council";
import { registerDemo } from "./commands/demo";
import { registerDeploy } from "./commands/deploy";
import { registerHistory } from "./commands/history";
import { registerIp } from "./commands/ip";
import { registerLicense } from "./commands/license";
import { registerMember } from "./commands/member";
import { registerProject } from "./commands/project";
import { registerStatus } from "./commands/status";
import { registerTreasury } from "./commands/treasury";
import { addGlobalOptions } from "./program";

/** The `covenant` command tree. */
export function buildProgram(): Command {
  const program = new Command("covenant")
    .description(
      "Covenant: on-chain collaboration agreements for industrial technology innovation alliances.\n" +
        "Exit codes: 0 ok, 1 a check failed, 2 bad input or refused by the contract, 3 chain/RPC problem.",
    )
    .version(pkg.version)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // commander's own usage errors: one line, as every other error
      outputError: (str, write) => write(str.replace(/\s*\n\s*/g, " ").trim() + "\n"),
    });
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
  registerDeploy(program);
  registerDemo(program);
  // every subcommand exits through the top level too
  const walk = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ outputError: (str, write) => write(str.replace(/\s*\n\s*/g, " ").trim() + "\n") });
    c.configureHelp({ showGlobalOptions: true });
    c.commands.forEach(walk);
  };
  program.commands.forEach(walk);
  return program;
}

/** Prints the one line for `err` on stderr and returns the exit code. */
export function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // help and version are not failures; commander already printed its line for the others
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return 0;
    if (err.code === "commander.help" || err.code === "commander.executeSubCommandAsync")
      return ExitCode.INPUT;
    return ExitCode.INPUT;
  }
  const e: CovenantError = explain(err);
  process.stderr.write(`error: ${e.message}\n`);
  if (process.env.COVENANT_DEBUG === "1" && err instanceof Error && err.stack) {
    process.stderr.write(err.stack + "\n");
  }
  return e.code;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    return report(err);
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
