"use strict";
// A throw-away stack for the portal's scripts (screenshots, bench): anvil on a free port, the demo's
// story played on it by the compiled CLI, and `covenant portal` on another free port. `stop()` ends
// every process group it started.
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const cli = path.join(root, "bin", "covenant.js");

const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Builds what is missing and always the app (it is quick). */
function build() {
  const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: "inherit" }).status === 0;
  if (!fs.existsSync(path.join(root, "typechain-types")) && !run("npx", ["hardhat", "compile", "--quiet"]))
    throw new Error("compile failed");
  if (!fs.existsSync(path.join(root, "dist", "cli", "main.js")) && !run("npm", ["run", "build:ts"]))
    throw new Error("build:ts failed");
  if (!run("npm", ["run", "build:portal", "--silent"])) throw new Error("build:portal failed");
}

async function rpcCall(url, method, params = []) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const r = await res.json();
  if (r.error) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

async function startStack(opts = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-portal-stack-"));
  const env = { ...process.env, COVENANT_DEPLOYMENTS_DIR: path.join(tmp, "deployments"), NO_COLOR: "1" };
  const procs = [];
  const stop = async () => {
    for (const p of procs) {
      try {
        process.kill(-p.pid, "SIGTERM");
      } catch {
        // gone
      }
    }
    await sleep(300);
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const rpcPort = await freePort();
    const rpc = `http://127.0.0.1:${rpcPort}`;
    procs.push(
      spawn(
        path.join(root, "node_modules", ".bin", "anvil"),
        ["--host", "127.0.0.1", "--port", String(rpcPort), ...(opts.anvilArgs ?? [])],
        { detached: true, stdio: "ignore" },
      ),
    );
    for (let i = 0; ; i++) {
      try {
        await rpcCall(rpc, "eth_chainId");
        break;
      } catch (e) {
        if (i > 300) throw e;
        await sleep(200);
      }
    }
    const demo = spawnSync(
      process.execPath,
      [cli, "demo", "--rpc", rpc, "--json", "--out", path.join(tmp, "demo")],
      {
        cwd: root,
        env,
        encoding: "utf8",
        maxBuffer: 64 << 20,
      },
    );
    if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const summary = JSON.parse(demo.stdout);
    const book = JSON.parse(fs.readFileSync(path.join(env.COVENANT_DEPLOYMENTS_DIR, "31337.json"), "utf8"));
    const webPort = await freePort();
    procs.push(
      spawn(process.execPath, [cli, "portal", "--rpc", rpc, "--port", String(webPort)], {
        cwd: root,
        env,
        detached: true,
        stdio: "ignore",
      }),
    );
    const url = `http://127.0.0.1:${webPort}/`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch (e) {
        if (i > 150) throw e;
        await sleep(200);
      }
    }
    return { rpc, url, summary, book, tmp, env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

module.exports = { root, cli, CHROMIUM, freePort, sleep, build, rpcCall, startStack };
