import type { Command } from "commander";
import type { CovenantClient } from "../sdk/client";
import { inputError } from "../sdk/errors";
import { connect, looksLikePrivateKey } from "../node/connect";
import { colorsWanted, Output, type Format, type Progress } from "./output";
import { ioOf, type CliIo } from "./io";

export { readUserFile } from "../node/files";
export { sha256UserFile as sha256File } from "../node/files";

/** The global options every command accepts (see docs/cli.md). */
export interface GlobalOptions {
  network?: string;
  rpc?: string;
  from?: string;
  keystore?: string;
  json?: boolean;
  csv?: boolean;
  /** Blocks a transaction must be deep before it is reported (text, checked by `checkGlobals`). */
  confirmations?: string;
  /** Seconds to wait for a receipt (text, checked by `checkGlobals`). */
  timeout?: string;
}

function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text)))
    throw inputError(`${option} must be a whole number, 1 or more, got "${text}"`);
  return Number(text);
}

/** Checks the global options that need no chain, so bad input fails before any connection. */
export function checkGlobals(g: GlobalOptions): void {
  if (g.from !== undefined && looksLikePrivateKey(g.from)) {
    throw inputError(
      "--from takes an account index or address, never a private key; use COVENANT_PRIVATE_KEY or --keystore",
    );
  }
  if (g.network !== undefined && g.rpc !== undefined)
    throw inputError("give either --network or --rpc, not both");
  if (g.json && g.csv) throw inputError("give either --json or --csv, not both");
  wholeNumber(g.confirmations, "--confirmations");
  wholeNumber(g.timeout, "--timeout");
}

const mul1000 = (n: number | undefined) => (n === undefined ? undefined : n * 1000);

/** What a command's action works with: its output, its streams and environment, and the client on first use. */
export class Context {
  readonly out: Output;
  private clientPromise?: Promise<CovenantClient>;
  private connected?: CovenantClient;

  constructor(
    readonly globals: GlobalOptions,
    opts: { csvAllowed?: boolean } = {},
    readonly io: CliIo = ioOf(),
  ) {
    checkGlobals(globals);
    if (globals.csv && !opts.csvAllowed) throw inputError("--csv is not offered by this command");
    const format: Format = globals.json ? "json" : globals.csv ? "csv" : "table";
    this.out = new Output(format, io.stdout, io.stderr, colorsWanted(io.stdout, io.env));
  }

  static of(cmd: Command, opts: { csvAllowed?: boolean } = {}): Context {
    return new Context(cmd.optsWithGlobals<GlobalOptions>(), opts, ioOf(cmd));
  }

  /** The `COVENANT_*` variables of this run. */
  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  /**
   * Connects on first use (probing the RPC, loading the address book). `allowMissingBook`: a chain
   * without an address book yet gets an empty one (only `deploy suite` wants that).
   */
  client(opts: { allowMissingBook?: boolean } = {}): Promise<CovenantClient> {
    this.clientPromise ??= connect({
      network: this.globals.network,
      rpc: this.globals.rpc,
      from: this.globals.from,
      keystore: this.globals.keystore,
      allowMissingBook: opts.allowMissingBook,
      env: this.io.env,
      provider: this.io.provider,
      confirmations: wholeNumber(this.globals.confirmations, "--confirmations"),
      txTimeoutMs: mul1000(wholeNumber(this.globals.timeout, "--timeout")),
      onProgress: (text) => this.progress(text),
    }).then((c) => (this.connected = c));
    return this.clientPromise;
  }

  /** Releases the connection so the process can end (not a provider the caller gave). */
  close(): void {
    this.progress(undefined);
    if (!this.io.provider) this.connected?.provider.destroy();
  }

  private spinner?: Progress;

  /** What a send waits for, on a spinner on stderr (a TTY only, never with --json); `undefined` stops it. */
  progress(text: string | undefined): void {
    if (text === undefined) {
      this.spinner?.stop();
      this.spinner = undefined;
    } else if (this.spinner) this.spinner.text = text;
    else this.spinner = this.out.spinner(text);
  }
}
