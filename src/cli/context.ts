import fs from "node:fs";
import type { Command } from "commander";
import { CovenantClient, looksLikePrivateKey } from "../sdk/client";
import { inputError } from "../sdk/errors";
import { sha256Hex } from "../sdk/hash";
import { Output, type Format } from "./output";

/** The global options every command accepts (see docs/cli.md). */
export interface GlobalOptions {
  network?: string;
  rpc?: string;
  from?: string;
  keystore?: string;
  json?: boolean;
  csv?: boolean;
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
}

/** What a command's action works with: its output, and the client on first use. */
export class Context {
  readonly out: Output;
  private clientPromise?: Promise<CovenantClient>;
  private connected?: CovenantClient;

  constructor(
    readonly globals: GlobalOptions,
    opts: { csvAllowed?: boolean } = {},
  ) {
    checkGlobals(globals);
    if (globals.csv && !opts.csvAllowed) throw inputError("--csv is not offered by this command");
    const format: Format = globals.json ? "json" : globals.csv ? "csv" : "table";
    this.out = new Output(format);
  }

  static of(cmd: Command, opts: { csvAllowed?: boolean } = {}): Context {
    return new Context(cmd.optsWithGlobals<GlobalOptions>(), opts);
  }

  /**
   * Connects on first use (probing the RPC, loading the address book). `allowMissingBook`: a chain
   * without an address book yet gets an empty one (only `deploy suite` wants that).
   */
  client(opts: { allowMissingBook?: boolean } = {}): Promise<CovenantClient> {
    this.clientPromise ??= CovenantClient.connect({
      network: this.globals.network,
      rpc: this.globals.rpc,
      from: this.globals.from,
      keystore: this.globals.keystore,
      allowMissingBook: opts.allowMissingBook,
    }).then((c) => (this.connected = c));
    return this.clientPromise;
  }

  /** Releases the connection so the process can end. */
  close(): void {
    this.connected?.provider.destroy();
  }
}

/** Reads a local file the user named; an input error if it is missing, a folder or (unless allowed) empty. */
export function readUserFile(file: string, what: string, allowEmpty = false): Buffer {
  let data: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw inputError(`the ${what} ${file} is a folder, not a file`);
    data = fs.readFileSync(file);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") throw inputError(`the ${what} ${file} does not exist`);
    if (e instanceof Error && e.name === "CovenantError") throw e;
    throw inputError(`cannot read the ${what} ${file}`);
  }
  if (!allowEmpty && data.length === 0) throw inputError(`the ${what} ${file} is empty`);
  return data;
}

/** SHA-256 of a local file's bytes, 0x-hex (equal to `sha256sum <file>`). */
export function sha256File(file: string, what: string): string {
  return sha256Hex(readUserFile(file, what));
}
