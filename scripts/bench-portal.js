#!/usr/bin/env node
// `npm run bench:portal`: the portal's figures, measured (never by timed tests):
//   1. initial JavaScript of the built app, gzip (cap 350 KB);
//   2. first render of the overview on the demo's state over localhost (cap 1 s): from navigation start
//      to the frame that first draws the charter card's "in force" value read from the chain (a
//      MutationObserver in the page sees the element; the next animation frame paints it), in
//      Debian's Chromium (median of 5 cold loads, each in a new browser context);
//   3. a member page's first page of history with 10,000 history entries for that member (cap 1.5 s):
//      the same clock, to the frame that first draws a row of the history table (the page shows a
//      page only once its 50 entries are all read). By default the generator below appends the
//      entries on an anvil node of its own (impersonating the projects module, the recorder
//      BreachHistory trusts for defaults) after the demo's story.
// Usage: npm run bench:portal [-- --rpc <url> --member <address> [--deployments <dir>]]
//   Without --rpc: starts its own anvil on a free port, plays the demo, generates the entries, and
//   stops it all at the end. With --rpc: serves the portal for the node at <url> (its address book
//   from <dir>, default ./deployments: what `npm run seed:large -- --history 10000` writes) and
//   times the overview and <address>'s member page there; nothing is written to that node.
// Prints a table (saying which it used); exits 1 if a cap fails.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { Interface, JsonRpcProvider, Network, encodeBytes32String } = require("ethers");
const { chromium } = require("@playwright/test");

const { spawn } = require("node:child_process");
const { build, CHROMIUM, cli, freePort, root, sleep, startStack } = require("./lib/portal-stack");
const CAPS = { jsGzipKB: 350, overviewMs: 1000, memberPageMs: 1500 };
const ENTRIES = Number(process.env.BENCH_PORTAL_ENTRIES ?? 10_000);

/** `--name value` from the command line. */
function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`--${name} needs a value`);
  return v;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Initial JavaScript: the entry script of index.html and every module it preloads, gzip. */
function initialJs() {
  const dist = path.join(root, "portal", "dist");
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = fs.readFileSync(path.join(dist, f));
    raw += b.length;
    gz += zlib.gzipSync(b, { level: 9 }).length;
  }
  return { files: files.length, rawKB: raw / 1024, gzipKB: gz / 1024 };
}

async function rpcBatch(url, calls) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((c, i) => ({ jsonrpc: "2.0", id: i, method: c[0], params: c[1] }))),
  });
  const out = await res.json();
  for (const r of out) if (r.error) throw new Error(`${calls[r.id][0]}: ${r.error.message}`);
  return out;
}

/** Appends `n` DefaultRecorded entries for `member` (as the projects module), mined in full blocks. */
async function generateHistory(rpc, book, member, n) {
  const iface = new Interface([
    "function recordDefault(uint8 kind,address respondent,uint256 agreementId,bytes32 clauseId,uint256 ref,uint256 detail,uint256 amountDue,uint256 penalty) returns (uint256)",
  ]);
  const recorder = book.contracts.ProjectFunding;
  const to = book.contracts.BreachHistory;
  await rpcBatch(rpc, [
    ["anvil_impersonateAccount", [recorder]],
    ["anvil_setBalance", [recorder, "0x56BC75E2D63100000"]],
    ["evm_setAutomine", [false]],
  ]);
  const clause = encodeBytes32String("5.2");
  const [first] = await rpcBatch(rpc, [["eth_getTransactionCount", [recorder, "pending"]]]);
  let nonce = Number(BigInt(first.result));
  for (let done = 0; done < n;) {
    const k = Math.min(500, n - done);
    const calls = [];
    for (let i = 0; i < k; i++) {
      const data = iface.encodeFunctionData("recordDefault", [
        0,
        member,
        2,
        clause,
        1,
        done + i,
        1_000_000n + BigInt(done + i),
        10_000n,
      ]);
      calls.push([
        "eth_sendTransaction",
        [{ from: recorder, to, data, gas: "0x60000", nonce: "0x" + (nonce++).toString(16) }],
      ]);
    }
    await rpcBatch(rpc, calls);
    await rpcBatch(rpc, [["evm_mine", []]]);
    done += k;
  }
  for (let i = 0; i < 200; i++) {
    const [status] = await rpcBatch(rpc, [["txpool_status", []]]);
    if (Number(status.result.pending) === 0) break;
    await rpcBatch(rpc, [["evm_mine", []]]);
  }
  await rpcBatch(rpc, [
    ["evm_setAutomine", [true]],
    ["anvil_stopImpersonatingAccount", [recorder]],
  ]);
}

/**
 * Milliseconds from navigation start to the first frame that draws `selector`, in `runs` cold loads
 * (a new browser context each): a MutationObserver installed before the page's own scripts sees the
 * element when React puts it in the document, and the next animation frame (the one that paints it)
 * stamps the time. The page's later work (other sections, the rest of a history) does not count.
 */
async function timeTo(browser, url, selector, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ locale: "en-US" });
    /* eslint-disable no-undef -- runs in the page */
    await ctx.addInitScript((sel) => {
      const seen = () => {
        if (!document.querySelector(sel)) return;
        obs.disconnect();
        requestAnimationFrame(() => (window.__benchFirstRender = performance.now()));
      };
      const obs = new MutationObserver(seen);
      obs.observe(document, { childList: true, subtree: true });
    }, selector);
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__benchFirstRender !== undefined, null, { timeout: 120_000 });
    const ms = await page.evaluate(() => window.__benchFirstRender);
    /* eslint-enable no-undef */
    times.push(ms);
    await ctx.close();
  }
  return { median: median(times), runs: times.map((t) => Math.round(t)) };
}

/** `covenant portal` for an existing node, on a free port; resolves with its URL and a stop function. */
async function servePortal(rpc, deploymentsDir) {
  const port = await freePort();
  const proc = spawn(process.execPath, [cli, "portal", "--rpc", rpc, "--port", String(port)], {
    cwd: root,
    env: { ...process.env, COVENANT_DEPLOYMENTS_DIR: path.resolve(deploymentsDir), NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  proc.stderr.on("data", (d) => (err += d));
  const stop = async () => {
    try {
      process.kill(-proc.pid, "SIGTERM");
    } catch {
      // gone
    }
    await sleep(200);
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      if (proc.exitCode !== null || i > 150) {
        await stop();
        throw new Error(`covenant portal did not start: ${err.trim() || `exit ${proc.exitCode}`}`);
      }
      await sleep(200);
    }
  }
}

async function historyLength(rpc, breachHistory, member) {
  const head = await new JsonRpcProvider(rpc, Network.from(31337), { staticNetwork: true }).call({
    to: breachHistory,
    data: new Interface([
      "function memberHead(address) view returns (bytes28 head, uint64 count)",
    ]).encodeFunctionData("memberHead", [member]),
  });
  return Number(BigInt("0x" + head.slice(2 + 64, 2 + 128)));
}

(async () => {
  const external = arg("rpc");
  const externalMember = arg("member");
  if (external && !/^0x[0-9a-fA-F]{40}$/.test(externalMember ?? "")) {
    console.error("bench:portal: --rpc needs --member <address> (the member whose history page is timed)");
    process.exit(2);
  }
  build();
  const js = initialJs();
  let code = 0;
  let stack;
  try {
    let source;
    let overview;
    let memberPage;
    let count;
    let genSeconds;
    const browser = await chromium.launch(CHROMIUM);
    if (external) {
      const dir = arg("deployments") ?? "deployments";
      const res = await fetch(external, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      const chainId = Number(BigInt((await res.json()).result));
      const book = JSON.parse(fs.readFileSync(path.join(dir, `${chainId}.json`), "utf8"));
      stack = await servePortal(external, dir);
      source = `the node at ${external} (address book ${path.join(dir, `${chainId}.json`)}), member ${externalMember}`;
      overview = await timeTo(browser, stack.url, "[data-testid=charter-in-force]", 5);
      count = await historyLength(external, book.contracts.BreachHistory, externalMember);
      memberPage = await timeTo(
        browser,
        `${stack.url}member/${externalMember}`,
        "[data-testid=history-table] tbody tr",
        3,
      );
    } else {
      // No block states on disk (anvil leaves them in ~/.foundry/anvil/tmp, gigabytes for 10,000
      // entries); the page reads at the latest block.
      stack = await startStack({ anvilArgs: ["--gas-limit", "300000000", "--max-persisted-states", "0"] });
      const { rpc, url, summary, book } = stack;
      overview = await timeTo(browser, url, "[data-testid=charter-in-force]", 5);
      const smeAddr = summary.members.find((m) => m.key === "sme").address;
      const t0 = Date.now();
      await generateHistory(rpc, book, smeAddr, ENTRIES);
      genSeconds = (Date.now() - t0) / 1000;
      count = await historyLength(rpc, book.contracts.BreachHistory, smeAddr);
      source = `the demo's state on its own anvil, then the generator: ${ENTRIES} entries for the SME in ${genSeconds.toFixed(1)} s`;
      memberPage = await timeTo(
        browser,
        `${url}member/${smeAddr}`,
        "[data-testid=history-table] tbody tr",
        3,
      );
    }
    await browser.close();
    const rows = [
      [
        "initial JavaScript (gzip)",
        `${js.gzipKB.toFixed(1)} KB (${js.files} file, ${js.rawKB.toFixed(0)} KB raw)`,
        `${CAPS.jsGzipKB} KB`,
        js.gzipKB <= CAPS.jsGzipKB,
      ],
      [
        `overview, first render (${external ? "that node's state" : "demo state"})`,
        `${Math.round(overview.median)} ms (runs ${overview.runs.join(", ")})`,
        `${CAPS.overviewMs} ms`,
        overview.median <= CAPS.overviewMs,
      ],
      [
        `member page, first page (${count} history entries)`,
        `${Math.round(memberPage.median)} ms (runs ${memberPage.runs.join(", ")})`,
        `${CAPS.memberPageMs} ms`,
        memberPage.median <= CAPS.memberPageMs,
      ],
    ];
    console.log(
      `\nportal figures on ${source} (load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(", ")})`,
    );
    for (const [what, value, cap, ok] of rows)
      console.log(`  ${ok ? "ok  " : "OVER"}  ${what.padEnd(48)} ${value.padEnd(44)} cap ${cap}`);
    fs.mkdirSync(path.join(root, "out"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "out", "bench-portal.json"),
      JSON.stringify(
        {
          source,
          js,
          overview,
          memberPage,
          entries: count,
          generatorSeconds: genSeconds,
          load: os.loadavg(),
        },
        null,
        2,
      ),
    );
    if (rows.some((r) => !r[3])) code = 1;
  } catch (e) {
    console.error(`bench:portal failed: ${e.message}`);
    code = 1;
  } finally {
    await stack?.stop();
  }
  process.exit(code);
})().catch((e) => {
  console.error(`bench:portal: ${e.message}`);
  process.exit(2);
});
