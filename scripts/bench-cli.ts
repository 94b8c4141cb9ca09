/**
 * `npm run bench:cli`: start-up time of the compiled CLI against the floor of loading ethers, in one
 * run on this machine. The commands run in turn, 10 rounds after one warm-up round (a load that
 * comes and goes weighs on all alike); the median wall time is reported with its ratio to
 * `node -e 'require("ethers")'`, and beside it the median CPU time (user + system, from
 * /proc/self/stat), which a busy machine disturbs less. The target (docs/performance.md): `covenant --help`
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

/** CPU seconds (user + system) of the children this process has waited for (Linux: /proc/self/stat). */
function childCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 16 and 17 of proc(5) (cutime, cstime), counted here from field 3: in clock ticks of 10 ms
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

interface Timing {
  wall: number[];
  cpu: number[];
}

function runOnce(label: string, args: string[], env: NodeJS.ProcessEnv, into: Timing): void {
  const c0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
  const dt = performance.now() - t0;
  const c1 = childCpuMs();
  if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
  into.wall.push(dt);
  if (c0 !== undefined && c1 !== undefined) into.cpu.push(c1 - c0);
}

/**
 * Times the commands round by round (each once per round, after one warm-up round), so that a load
 * that comes and goes on a shared machine weighs on all of them alike.
 */
function timeAll(cmds: { label: string; args: string[]; env: NodeJS.ProcessEnv }[]): Timing[] {
  const out = cmds.map(() => ({ wall: [], cpu: [] }) as Timing);
  const warm = { wall: [], cpu: [] } as Timing;
  for (const c of cmds) runOnce(c.label, c.args, c.env, warm);
  for (let i = 0; i < RUNS; i++) cmds.forEach((c, j) => runOnce(c.label, c.args, c.env, out[j]));
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
    throw new Error("dist/cli/ is missing: run `npm run build:ts` first");
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

    const cmds = [
      { label: "node -e 'require(\"ethers\")'", args: ["-e", 'require("ethers")'], env: process.env },
      { label: "covenant --help", args: [BIN, "--help"], env },
      { label: "covenant member list (local node)", args: [BIN, "--rpc", rpc, "member", "list"], env },
    ];
    const timings = timeAll(cmds);
    const floor = median(timings[0].wall);
    const cpuFloor = timings[0].cpu.length ? median(timings[0].cpu) : undefined;
    const [load1] = os.loadavg();
    console.log(
      `CLI start-up, median of ${RUNS} runs (ms) on ${os.cpus().length} cores, node ${process.version}, ` +
        `load average ${load1.toFixed(2)} at the end`,
    );
    console.log("| command | median ms | ratio to ethers | CPU ms (user+sys) | CPU ratio |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    cmds.forEach((c, i) => {
      const ms = median(timings[i].wall);
      const cpu = timings[i].cpu.length ? median(timings[i].cpu) : undefined;
      const cpuCols =
        cpu === undefined || cpuFloor === undefined
          ? "| - | -"
          : `| ${cpu.toFixed(0)} | ${(cpu / cpuFloor).toFixed(2)}`;
      console.log(`| ${c.label} | ${ms.toFixed(0)} | ${(ms / floor).toFixed(2)} ${cpuCols} |`);
    });
  } finally {
    node.kill();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
