import type { Command } from "commander";
import type { Eip1193Provider, JsonRpcApiProvider } from "ethers";

/** A stream the CLI writes to (process.stdout, or a buffer in tests). */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Where one run of the CLI reads and writes: its output streams, its environment (`COVENANT_*`)
 * and, in tests, a provider that replaces any RPC URL (Hardhat's in-process chain).
 */
export interface CliIo {
  stdout: Sink;
  stderr: Sink;
  env: Record<string, string | undefined>;
  provider?: Eip1193Provider | JsonRpcApiProvider;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

const ios = new WeakMap<Command, CliIo>();

/** Binds `io` to a command tree (its root). */
export function bindIo(root: Command, io: CliIo): void {
  ios.set(root, io);
}

/** The io of the tree `cmd` belongs to; the process's own when none was bound. */
export function ioOf(cmd?: Command): CliIo {
  let c: Command | null | undefined = cmd;
  while (c) {
    const io = ios.get(c);
    if (io) return io;
    c = c.parent;
  }
  return processIo();
}
