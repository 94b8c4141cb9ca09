import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chainError } from "../sdk/errors";
import { processEnv, type Env } from "./env";

/** The CLI's state folder: `$COVENANT_STATE_DIR`, else `~/.covenant`. */
export function stateDir(env: Env = processEnv()): string {
  return path.resolve(env.COVENANT_STATE_DIR ?? path.join(os.homedir(), ".covenant"));
}

/** The lock file of one key on one chain. */
export function lockPath(dir: string, chainId: bigint | number, account: string): string {
  return path.join(dir, "locks", `${chainId.toString()}-${account.toLowerCase()}.lock`);
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();
let exitHook = false;

/**
 * Takes the exclusive lock of `account` on `chainId` (a file created with O_EXCL under the state
 * folder, holding the owner's pid), so two commands with the same key never pick the same nonce:
 * the second waits until the first's transaction is mined (telling `onWait` whom it waits for), up
 * to `waitMs`, then says so and sends nothing (a chain error). A lock whose process is gone is
 * taken over. Returns the release function.
 */
export async function acquireSendLock(opts: {
  dir: string;
  chainId: bigint | number;
  account: string;
  waitMs: number;
  onWait?: (text: string | undefined) => void;
}): Promise<() => void> {
  const file = lockPath(opts.dir, opts.chainId, opts.account);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(file, "utf8").trim());
    } catch {
      continue; // released meanwhile
    }
    if (!alive(owner)) {
      // its process is gone: the lock is stale
      try {
        if (Number(fs.readFileSync(file, "utf8").trim()) === owner) fs.unlinkSync(file);
      } catch {
        /* someone else took it over first */
      }
      continue;
    }
    if (Date.now() - started >= opts.waitMs) {
      if (told) opts.onWait?.(undefined);
      throw chainError(
        `another covenant command (pid ${owner}) is sending with ${opts.account} on chain ${opts.chainId.toString()}; nothing was sent: run this one again when it is done (lock ${file})`,
      );
    }
    if (!told) {
      told = true;
      opts.onWait?.(`waiting for another covenant command (pid ${owner}) sending with ${opts.account}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (told) opts.onWait?.(undefined);
  held.add(file);
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const f of held) release(f);
    });
  }
  return () => {
    if (held.delete(file)) release(file);
  };
}

function release(file: string): void {
  try {
    if (Number(fs.readFileSync(file, "utf8").trim()) === process.pid) fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}
