import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ContractFactory, JsonRpcProvider, type Signer } from "ethers";
import { findArtifact, REPO_ROOT } from "../../src/sdk/artifacts";

export const BIN = path.join(REPO_ROOT, "bin", "covenant.js");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A `hardhat node` subprocess on a free port; resolves once it answers JSON-RPC. */
export async function startHardhatNode(): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "node_modules", "hardhat", "internal", "cli", "cli.js"),
      "node",
      "--port",
      String(port),
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Started HTTP")) resolve();
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    proc.once("exit", (code) => reject(new Error(`hardhat node exited (${code}): ${out.slice(-500)}`)));
  });
  proc.stdout!.resume();
  proc.stderr!.resume();
  return { url: `http://127.0.0.1:${port}`, proc };
}

export function stopNode(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

/**
 * A fake JSON-RPC node for chains we cannot start here (a "real" chain id): answers eth_chainId,
 * eth_blockNumber, eth_getCode and eth_accounts; `html: true` answers a web page instead.
 */
export async function startFakeRpc(
  chainId: number,
  opts: { html?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      if (opts.html) {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html><body>not a node</body></html>");
        return;
      }
      const reply = (msg: { id: unknown; method: string }) => {
        const results: Record<string, unknown> = {
          eth_chainId: `0x${chainId.toString(16)}`,
          net_version: String(chainId),
          eth_blockNumber: "0x10",
          eth_getCode: "0x",
          eth_accounts: [],
        };
        return msg.method in results
          ? { jsonrpc: "2.0", id: msg.id, result: results[msg.method] }
          : { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "method not found" } };
      };
      const parsed = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(reply) : reply(parsed)));
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Deploys a compiled contract of this project by artifact name. */
export async function deployArtifact(name: string, signer: Signer, ...args: unknown[]) {
  const a = findArtifact(name);
  if (!a?.bytecode) throw new Error(`no artifact for ${name}`);
  const f = new ContractFactory(a.abi, a.bytecode, signer);
  const c = await f.deploy(...args);
  await c.waitForDeployment();
  return c;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `covenant-${prefix}-`));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/covenant.js ...args` with a clean environment (no COVENANT_* from the caller) plus `env`. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const base: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("COVENANT_")) base[k] = v;
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Nonce and block number: what must not change when a command is refused. */
export async function chainState(provider: JsonRpcProvider, accounts: string[]): Promise<string> {
  const block = await provider.getBlockNumber();
  const nonces = await Promise.all(accounts.map((a) => provider.getTransactionCount(a)));
  return JSON.stringify({ block, nonces });
}
