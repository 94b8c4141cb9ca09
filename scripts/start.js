#!/usr/bin/env node
// `npm start`: the newcomer's one command after `npm ci`. Builds what is missing (contracts and their
// TypeChain types, the compiled CLI, the portal), starts a local JSON-RPC node (anvil, from the
// @foundry-rs/anvil package) on a free port, plays the demo's narrated story on it (`covenant demo`),
// serves the portal (`covenant portal`) and prints its URL. Ctrl-C (or SIGTERM) stops the portal and
// the node and leaves nothing running.
//   COVENANT_START_RPC_PORT   the node's port (default: a free one; never 8545/8546 by chance)
//   COVENANT_START_PORT       the portal's port (default 4173, or a free one if it is taken)
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const cli = path.join(root, "bin", "covenant.js");
const children = [];
let stopping = false;

const say = (s) => process.stdout.write(`[start] ${s}\n`);

/** Runs a build or the demo in the foreground (its output shown); stops everything if it fails. */
function step(what, cmd, args) {
  if (stopping) return Promise.resolve();
  say(what);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], detached: true });
    const entry = { name: what, child };
    children.push(entry);
    child.on("exit", (code, signal) => {
      children.splice(children.indexOf(entry), 1);
      if (stopping) return resolve();
      if (code !== 0) {
        say(`${what} failed (exit ${code ?? signal})`);
        shutdown(1);
        return resolve();
      }
      say(`${what}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      resolve();
    });
  });
}

function port(preferred) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => (preferred ? resolve(port(0)) : resolve(0)));
    s.listen(preferred, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

function background(name, cmd, args, out) {
  // own process group, so stopping it stops what it started too
  const child = spawn(cmd, args, {
    cwd: root,
    detached: true,
    stdio: ["ignore", out ?? "pipe", "inherit"],
  });
  children.push({ name, child });
  say(`${name} started (pid ${child.pid})`);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      say(`${name} stopped unexpectedly (${code ?? signal})`);
      shutdown(1);
    }
  });
  return child;
}

async function waitRpc(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopping) {
    try {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the node at ${url} did not answer within ${ms / 1000} s`);
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say("stopping the portal and the node");
  for (const { child } of children.reverse()) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  // wait until every process group is gone (the node's wrapper and the node itself), then leave
  const groupAlive = (pid) => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const t0 = Date.now();
  const wait = () => {
    const alive = children.filter(({ child }) => child.pid && groupAlive(child.pid));
    if (alive.length === 0 || Date.now() - t0 > 5000) {
      for (const { child } of alive) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone
        }
      }
      setTimeout(
        () => {
          say("stopped; nothing left running");
          process.exit(code);
        },
        alive.length ? 300 : 0,
      );
      return;
    }
    setTimeout(wait, 100);
  };
  wait();
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

(async () => {
  const t0 = Date.now();
  if (!fs.existsSync(path.join(root, "typechain-types")) || !fs.existsSync(path.join(root, "artifacts")))
    await step("compiling the contracts (npx hardhat compile)", process.execPath, [
      bin("hardhat"),
      "compile",
      "--quiet",
    ]);
  if (!fs.existsSync(path.join(root, "dist", "cli", "main.js")))
    await step("building the CLI and SDK (npm run build:ts)", "npm", ["run", "build:ts", "--silent"]);
  if (!fs.existsSync(path.join(root, "portal", "dist", "index.html")))
    await step("building the portal (npm run build:portal)", "npm", ["run", "build:portal", "--silent"]);
  if (stopping) return;

  const rpcPort = Number(process.env.COVENANT_START_RPC_PORT) || (await port(0));
  const rpc = `http://127.0.0.1:${rpcPort}`;
  fs.mkdirSync(path.join(root, "out"), { recursive: true });
  const log = path.join(root, "out", "start-node.log");
  background(
    "node (anvil)",
    bin("anvil"),
    ["--host", "127.0.0.1", "--port", String(rpcPort)],
    fs.openSync(log, "w"),
  );
  say(`node log: ${path.relative(process.cwd(), log)}`);
  await waitRpc(rpc, 60_000);
  say(`node answers on ${rpc}`);

  await step(`playing the demo's story on ${rpc} (covenant demo)`, process.execPath, [
    cli,
    "demo",
    "--rpc",
    rpc,
  ]);
  if (stopping) return;

  const webPort = await port(Number(process.env.COVENANT_START_PORT) || 4173);
  const portal = background("portal", process.execPath, [
    cli,
    "portal",
    "--rpc",
    rpc,
    "--port",
    String(webPort),
  ]);
  let buf = "";
  portal.stdout.on("data", (d) => {
    buf += d.toString();
    const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(buf);
    if (m && !buf.includes("\u0000")) {
      buf += "\u0000";
      say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      process.stdout.write(
        `\n  Covenant portal:  ${m[1]}\n  JSON-RPC node:    ${rpc}  (try: node bin/covenant.js member list --rpc ${rpc})\n\n  Ctrl-C stops both.\n\n`,
      );
    }
  });
})().catch((e) => {
  say(`failed: ${e.message}`);
  shutdown(1);
});
