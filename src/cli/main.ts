import { Command, CommanderError } from "commander";
import pkg from "../../package.json";
import { ExitCode, exitCodeOf } from "./exitCodes";
import { bindIo, processIo, type CliIo } from "./io";
import { NOUN_DESCRIPTIONS, type NounName } from "./nouns";
import { addGlobalOptions } from "./program";
import { registerDemo } from "./commands/demo";
import { registerHistory } from "./commands/history";
import { registerPortal } from "./commands/portal";
import { registerStatus } from "./commands/status";

type Register = (program: Command) => void;

/**
 * The nouns of `covenant`, in the order of its help. The nouns with subcommands are loaded only
 * when they run (or when the whole tree is wanted: the docs and the tests), so that `covenant
 * --help` and `covenant member list` load neither the other nouns' modules nor the SDK, zod,
 * TypeChain and table modules those import; until then the top-level help shows their line from
 * {@link NOUN_DESCRIPTIONS}. `status`, `history` and `demo` take options and arguments of their own,
 * so they are always registered (their modules load what they use when they run).
 */
const NOUNS: { name: string; register?: Register; load?: () => Promise<Register> }[] = [
  { name: "status", register: registerStatus },
  { name: "member", load: async () => (await import("./commands/member")).registerMember },
  { name: "council", load: async () => (await import("./commands/council")).registerCouncil },
  { name: "agreement", load: async () => (await import("./commands/agreement")).registerAgreement },
  { name: "project", load: async () => (await import("./commands/project")).registerProject },
  { name: "treasury", load: async () => (await import("./commands/treasury")).registerTreasury },
  { name: "ip", load: async () => (await import("./commands/ip")).registerIp },
  { name: "license", load: async () => (await import("./commands/license")).registerLicense },
  { name: "claim", load: async () => (await import("./commands/claim")).registerClaim },
  { name: "history", register: registerHistory },
  { name: "deploy", load: async () => (await import("./commands/deploy")).registerDeploy },
  { name: "terms", load: async () => (await import("./commands/terms")).registerTerms },
  { name: "demo", register: registerDemo },
  { name: "portal", register: registerPortal },
];

/** The global options that take a value (`--rpc <url>`), so that their value is not taken for a noun. */
function globalsWithValue(): Set<string> {
  const probe = addGlobalOptions(new Command());
  return new Set(probe.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long!, o.short!]));
}

/**
 * The noun a command line runs (`covenant --rpc <url> member list` → `member`; `covenant help
 * member` → `member`), or undefined (`covenant --help`).
 */
export function nounOf(args: string[]): string | undefined {
  const withValue = globalsWithValue();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return args[i + 1];
    if (a.startsWith("-")) {
      if (!a.includes("=") && withValue.has(a)) i++;
      continue;
    }
    if (a !== "help") return a;
  }
  return undefined;
}

/**
 * The `covenant` command tree; `only`: the nouns to load whole (default every noun), the others
 * get their line in the top-level help and no subcommands.
 */
export async function buildProgram(io: CliIo = processIo(), only?: string[]): Promise<Command> {
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
  for (const noun of NOUNS) {
    if (noun.register) noun.register(program);
    else if (!only || only.includes(noun.name)) (await noun.load!())(program);
    else program.command(noun.name).description(NOUN_DESCRIPTIONS[noun.name as NounName]);
  }
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
export async function report(err: unknown, io: CliIo = processIo()): Promise<number> {
  if (err instanceof CommanderError) {
    // help and version are not failures; commander already printed its line for the others
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return ExitCode.OK;
    return ExitCode.INPUT;
  }
  const { explain } = await import("../sdk/errors");
  const e = explain(err);
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
    const noun = nounOf(argv.slice(2));
    await (await buildProgram(full, noun ? [noun] : [])).parseAsync(argv);
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
