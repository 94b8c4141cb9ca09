/**
 * `npm run bench:cli`: start-up time of the compiled CLI against the floor of loading ethers, in one
 * run on this machine. Each command runs 10 times after one warm-up; the median is reported with
 * its ratio to `node -e 'require("ethers")'`. The target (docs/performance.md): `covenant --help`
 * and `covenant member list` against a local node each within 2x of that floor.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "bin", "covenant.js");
const RUNS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const runOnce = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
    const dt = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    return dt;
  };
  runOnce();
  return median(Array.from({ length: RUNS }, runOnce));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, "dist", "src", "cli", "main.js"))) {
    throw new Error("dist/ is missing: run `npm run build:ts` first");
  }
  const port = 18645 + Math.floor(Math.random() * 1000);
  const rpc = `http://127.0.0.1:${port}`;
  const node = spawn(
    path.join(ROOT, "node_modules", ".bin", "anvil"),
    ["--host", "127.0.0.1", "--port", String(port)],
    {
      stdio: "ignore",
    },
  );
  try {
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(rpc, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        });
        if (res.ok) break;
      } catch {
        if (i > 200) throw new Error(`anvil did not answer on ${rpc}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cli-"));
    // its own address book and Ignition journal: nothing left over from another run is reused
    const env = { ...process.env, COVENANT_DEPLOYMENTS_DIR: dir, COVENANT_IGNITION_DIR: dir, NO_COLOR: "1" };
    const deployed = spawnSync(process.execPath, [BIN, "--rpc", rpc, "--json", "deploy", "suite"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    if (deployed.status !== 0) throw new Error(`deploy suite exited ${deployed.status}: ${deployed.stderr}`);

    const floor = time("ethers", ["-e", 'require("ethers")']);
    const rows: [string, number][] = [
      ["node -e 'require(\"ethers\")'", floor],
      ["covenant --help", time("--help", [BIN, "--help"], env)],
      ["covenant member list (local node)", time("member list", [BIN, "--rpc", rpc, "member", "list"], env)],
    ];
    console.log(
      `CLI start-up, median of ${RUNS} runs (ms) on ${os.cpus().length} cores, node ${process.version}`,
    );
    console.log("| command | median ms | ratio to ethers |");
    console.log("| --- | ---: | ---: |");
    for (const [label, ms] of rows)
      console.log(`| ${label} | ${ms.toFixed(0)} | ${(ms / floor).toFixed(2)} |`);
  } finally {
    node.kill();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
