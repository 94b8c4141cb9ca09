import { Command, Option } from "commander";
import type { Context } from "./context";

/** Adds the global options to a command (the root; subcommands inherit them through optsWithGlobals). */
export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        "--network <name>",
        "localhost (8545), anvil (8546) or consortium (COVENANT_RPC_URL)",
      ).conflicts("rpc"),
    )
    .option("--rpc <url>", "JSON-RPC URL of the node (http or https)")
    .option(
      "--from <account>",
      "dev chain: index (or address) of an unlocked node account, default 0; elsewhere the address the key must have",
    )
    .option(
      "--keystore <file>",
      "encrypted JSON keystore to sign with (password from COVENANT_KEYSTORE_PASSWORD)",
    )
    .option(
      "--confirmations <n>",
      "blocks a transaction must be deep before it is reported done (default: the address book's, else 1)",
    )
    .option("--timeout <seconds>", "how long to wait for a transaction's receipt (default 120)")
    .option("--json", "machine output: one JSON document on stdout, nothing else")
    .option("--csv", "CSV output, where a command offers it");
}

/**
 * Wraps a command action: builds its {@link Context} from the global options, runs it, and
 * releases the connection. Errors propagate to the top level, which prints them.
 */
export function act<A extends unknown[]>(
  fn: (ctx: Context, ...args: A) => Promise<void>,
  opts: { csvAllowed?: boolean } = {},
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    // the context (and the connection, output and file modules under it) loads when a command runs
    const { Context } = await import("./context");
    const ctx = Context.of(cmd, opts);
    try {
      await fn(ctx, ...(args.slice(0, -1) as A));
    } finally {
      ctx.close();
    }
  };
}
