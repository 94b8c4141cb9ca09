#!/usr/bin/env node
// `npm run bench:portal`: the portal's figures, measured (never by timed tests):
//   1. initial JavaScript of the built app, gzip (cap 350 KB);
//   2. first render of the overview on the demo's state over localhost (cap 1 s): from navigation start
//      to the charter card read from the chain, in Debian's Chromium (median of 5 cold loads);
//   3. a member page's first page of history with 10,000 history entries for that member (cap 1.5 s):
//      the generator below appends them on an anvil node (impersonating the projects module, the
//      recorder BreachHistory trusts for defaults) after the demo's story.
// Starts its own anvil on a free port and stops it at the end. Prints a table; exits 1 if a cap fails.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { Interface, JsonRpcProvider, Network, encodeBytes32String } = require("ethers");
const { chromium } = require("@playwright/test");

const { build, CHROMIUM, root, startStack } = require("./lib/portal-stack");
const CAPS = { jsGzipKB: 350, overviewMs: 1000, memberPageMs: 1500 };
const ENTRIES = Number(process.env.BENCH_PORTAL_ENTRIES ?? 10_000);

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

async function timeTo(browser, url, selector, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(selector, { timeout: 120_000 });
    // eslint-disable-next-line no-undef -- runs in the page
    const ms = await page.evaluate(() => performance.now());
    times.push(ms);
    await ctx.close();
  }
  return { median: median(times), runs: times.map((t) => Math.round(t)) };
}

(async () => {
  build();
  const js = initialJs();
  let code = 0;
  let stack;
  try {
    stack = await startStack({ anvilArgs: ["--gas-limit", "300000000"] });
    const { rpc, url, summary, book } = stack;
    const browser = await chromium.launch(CHROMIUM);
    const overview = await timeTo(browser, url, "[data-testid=charter-in-force]", 5);
    const smeAddr = summary.members.find((m) => m.key === "sme").address;
    const t0 = Date.now();
    await generateHistory(rpc, book, smeAddr, ENTRIES);
    const genSeconds = (Date.now() - t0) / 1000;
    const head = await new JsonRpcProvider(rpc, Network.from(31337), { staticNetwork: true }).call({
      to: book.contracts.BreachHistory,
      data: new Interface([
        "function memberHead(address) view returns (bytes28 head, uint64 count)",
      ]).encodeFunctionData("memberHead", [smeAddr]),
    });
    const count = Number(BigInt("0x" + head.slice(2 + 64, 2 + 128)));
    const memberPage = await timeTo(
      browser,
      `${url}member/${smeAddr}`,
      "[data-testid=history-table] tbody tr",
      3,
    );
    await browser.close();
    const rows = [
      [
        "initial JavaScript (gzip)",
        `${js.gzipKB.toFixed(1)} KB (${js.files} file, ${js.rawKB.toFixed(0)} KB raw)`,
        `${CAPS.jsGzipKB} KB`,
        js.gzipKB <= CAPS.jsGzipKB,
      ],
      [
        "overview, first render (demo state)",
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
    console.log(`\nportal figures (generator: ${ENTRIES} entries in ${genSeconds.toFixed(1)} s)`);
    for (const [what, value, cap, ok] of rows)
      console.log(`  ${ok ? "ok  " : "OVER"}  ${what.padEnd(48)} ${value.padEnd(44)} cap ${cap}`);
    fs.mkdirSync(path.join(root, "out"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "out", "bench-portal.json"),
      JSON.stringify({ js, overview, memberPage, entries: count, generatorSeconds: genSeconds }, null, 2),
    );
    if (rows.some((r) => !r[3])) code = 1;
  } catch (e) {
    console.error(`bench:portal failed: ${e.message}`);
    code = 1;
  } finally {
    await stack?.stop();
  }
  process.exit(code);
})();
