/**
 * Times the read commands of a large alliance and counts their JSON-RPC requests: for each size in
 * `--sizes` (members, default 50,500) a fresh anvil node on a free port is seeded by
 * scripts/seed-large.ts (real transactions), then `member list`, `member show`, `history <member>`,
 * `agreement verify` (the `--big-party` agreement, and the charter every member signed),
 * `treasury report`, `agreement list`, `project list`, `ip list` and `ip show` of the asset with the
 * most co-owners run through the CLI behind a counting proxy. Each command runs as a user runs it:
 * the bundled CLI (dist/cli/main.js, built first) in a new Node process (`--in-process`: `main()` of
 * src/cli/main.ts in this process instead). Prints one table with the sizes side by side (markdown,
 * for docs/performance.md), a second with where the time went (the node's answers, summed over the
 * HTTP requests, and the CLI process's CPU time), and the JSON behind them; `--profile-dir <dir>`
 * writes a V8 CPU profile of each command there.
 *
 * With `--history 1000,10000` (the default) the seed writes that many breach-history entries for
 * two members, and `history <member>` is measured for each.
 *
 *   npm run bench:large -- --sizes 50,500 --agreements 1000 --big-party 300 --projects 50 --ip-assets 200 --history 1000,10000
 *
 * Outside CI.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { buildProgram, main } from "../src/cli/main";
import { startAnvil, startProxy } from "../test/e2e/chainTools";
import { seedLarge } from "./seed-large";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

interface Row {
  command: string;
  seconds: number;
  httpRequests: number;
  rpcCalls: number;
  /** The JSON-RPC calls by method. */
  methods: Record<string, number>;
  /** Time the node took to answer, summed over the HTTP requests (they may overlap), and the slowest one. */
  nodeSeconds: number;
  /**
   * Time during which the node was answering at least one request (the union of the requests'
   * intervals): `nodeSeconds` counts overlapping requests once each, so it can exceed the wall time.
   */
  nodeBusySeconds: number;
  /** Each HTTP request: sent at (s after the command started), the node's answer time (s), its calls. */
  requests: { at: number; seconds: number; calls: number }[];
  /** What failed in the proxy itself, with its cause (see RpcProxy.failures). */
  proxyFailures: Awaited<ReturnType<typeof startProxy>>["failures"];
  slowestRequest: { seconds: number; methods: Record<string, number>; bytes: number } | null;
  /** CPU time of this process during the command (the CLI's own work: decoding, checking, printing). */
  cpuSeconds: number;
  exit: number;
}

/** With `--profile-dir <dir>`: a V8 CPU profile of each command (open it in Chrome's DevTools). */
const profileDir = process.argv.includes("--profile-dir") ? path.resolve(arg("profile-dir", "")) : "";
let session: Session | undefined;
/**
 * Each command runs as a user runs it: the bundled CLI (dist/cli/main.js, built at the start) in a
 * new Node process. With `--in-process`, `main()` of src/cli/main.ts runs in this process instead
 * (after the seeding, in the same heap).
 */
const inProcess = process.argv.includes("--in-process");
/**
 * With `--compare-in-process`: `member list` is also run by `main()` in this process, after the
 * seeding and in its heap (how the bench ran every command before), beside the new-process figure.
 */
const compareInProcess = process.argv.includes("--compare-in-process");
const CLI = path.join(__dirname, "..", "dist", "cli", "main.js");
/** Preloaded into each CLI process: writes its CPU time (user and system) where the bench reads it. */
const CPU_HOOK =
  'process.on("exit", () => require("node:fs").writeFileSync(process.env.COVENANT_BENCH_CPU_FILE, JSON.stringify(process.cpuUsage())));';

/** Runs the bundled CLI in a new process; its exit code and CPU seconds. */
async function runChild(argv: string[], env: Record<string, string>, label: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-bench-"));
  try {
    const hook = path.join(dir, "cpu-hook.js");
    const cpuFile = path.join(dir, "cpu.json");
    fs.writeFileSync(hook, CPU_HOOK);
    const prof = profileDir
      ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${Date.now()}-${label}.cpuprofile`]
      : [];
    const child = spawn(process.execPath, [...prof, "--require", hook, CLI, ...argv], {
      env: { ...process.env, ...env, NO_COLOR: "1", COVENANT_BENCH_CPU_FILE: cpuFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 70)));
    const u = JSON.parse(fs.readFileSync(cpuFile, "utf8")) as { user: number; system: number };
    return { code, cpuSeconds: (u.user + u.system) / 1e6 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  proxy: Awaited<ReturnType<typeof startProxy>>,
  env: Record<string, string>,
  label: string,
  args: string[],
  here = inProcess,
): Promise<Row> {
  proxy.reset();
  const file = label.replace(/[^a-z0-9]+/gi, "-");
  if (!here) {
    const t0 = process.hrtime.bigint();
    const r = await runChild(["--rpc", proxy.url, "--json", ...args], env, file);
    return row(proxy, label, Number(process.hrtime.bigint() - t0) / 1e9, r.cpuSeconds, r.code);
  }
  if (profileDir && !session) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
  }
  if (session) await session.post("Profiler.start");
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const code = await main([process.execPath, "covenant", "--rpc", proxy.url, "--json", ...args], {
    stdout: sink,
    stderr: { write: (s: string) => (process.stderr.write(s), true) },
    env: { ...env, NO_COLOR: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (session) {
    const { profile } = await session.post("Profiler.stop");
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `${Date.now()}-${file}.cpuprofile`), JSON.stringify(profile));
  }
  return row(proxy, label, seconds, (cpu.user + cpu.system) / 1e6, code);
}

/** One command's figures from the proxy's counts. */
function row(
  proxy: Awaited<ReturnType<typeof startProxy>>,
  label: string,
  seconds: number,
  cpuSeconds: number,
  code: number,
): Row {
  const slowest = proxy.timings.reduce<(typeof proxy.timings)[number] | null>(
    (a, t) => (a === null || t.ms > a.ms ? t : a),
    null,
  );
  const rpcCalls = [...proxy.calls.values()].reduce((a, b) => a + b, 0);
  // the union of the requests' intervals
  let busy = 0;
  let end = -Infinity;
  for (const t of [...proxy.timings].sort((a, b) => a.start - b.start)) {
    const from = Math.max(t.start, end);
    const to = t.start + t.ms;
    if (to > from) busy += to - from;
    end = Math.max(end, to);
  }
  if (proxy.failures.length)
    process.stderr.write(`${label}: the proxy failed: ${JSON.stringify(proxy.failures)}\n`);
  const methods = Object.fromEntries([...proxy.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    command: label,
    seconds,
    httpRequests: proxy.requests,
    rpcCalls,
    methods,
    nodeSeconds: proxy.timings.reduce((a, t) => a + t.ms, 0) / 1000,
    nodeBusySeconds: busy / 1000,
    requests: proxy.timings.map((t) => ({
      at: Number((t.start / 1000).toFixed(3)),
      seconds: Number((t.ms / 1000).toFixed(3)),
      calls: Object.values(t.methods).reduce((a, b) => a + b, 0),
    })),
    proxyFailures: proxy.failures,
    slowestRequest: slowest && { seconds: slowest.ms / 1000, methods: slowest.methods, bytes: slowest.bytes },
    cpuSeconds,
    exit: code,
  };
}

const sink = { write: () => true };

type Seeded = {
  node: Awaited<ReturnType<typeof startAnvil>>;
  dir: string;
  s: Awaited<ReturnType<typeof seedLarge>>;
};

/** A fresh anvil node seeded with `members` members (the sizes are seeded side by side). */
async function seedSize(
  members: number,
  agreements: number,
  bigParty: number,
  history: number[],
  extra: { projects: number; ipAssets: number },
  nodes: Seeded["node"][],
): Promise<Seeded> {
  // base fee 0: a seed transaction priced before a run of full blocks (IP assets with 200 co-owners)
  // is not left below the base fee, unmined, on an automining node that mines no empty blocks
  // No block states written to disk: anvil keeps older states in ~/.foundry/anvil/tmp and leaves
  // them there when it is stopped (gigabytes per seeded node); the commands read at the latest block.
  const node = await startAnvil([
    "--accounts",
    "2",
    "--block-base-fee-per-gas",
    "0",
    "--max-persisted-states",
    "0",
  ]);
  nodes.push(node);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `covenant-large-${members}-`));
  const s = await seedLarge({
    rpc: node.url,
    members,
    agreements,
    bigParty,
    history,
    projects: extra.projects,
    ipAssets: extra.ipAssets,
    out: dir,
    log: (t) => process.stderr.write(`[${members}] ${t}\n`),
  });
  process.stderr.write(`[${members}] seeded: ${JSON.stringify(s)}\n`);
  return { node, dir, s };
}

/** Runs every command against one seeded node, one at a time. */
async function benchSize({ node, dir, s }: Seeded): Promise<Row[]> {
  {
    const proxy = await startProxy(node.url);
    const env = { COVENANT_DEPLOYMENTS_DIR: dir, COVENANT_STATE_DIR: dir };
    const doc = path.join(dir, "agreement-0.txt");
    // the seed binds agreement n to sha256("agreement n"): the document is that text
    fs.writeFileSync(doc, "agreement 0");
    // and the charter to sha256("large alliance charter")
    const charterDoc = path.join(dir, "charter.txt");
    fs.writeFileSync(charterDoc, "large alliance charter");
    // every noun's modules loaded before the first measure (ts-node compiles them on first use)
    if (inProcess || compareInProcess)
      await buildProgram({ stdout: sink, stderr: sink, env: { ...env, NO_COLOR: "1" } });
    const rows = [
      await measure(proxy, env, "member list", ["member", "list"]),
      ...(compareInProcess && !inProcess
        ? [await measure(proxy, env, "member list (in the bench process)", ["member", "list"], true)]
        : []),
      await measure(proxy, env, "member show", ["member", "show", s.firstMember]),
      ...(s.histories.length
        ? []
        : [await measure(proxy, env, "history <member>", ["history", s.firstMember])]),
      ...(await (async () => {
        const out: Row[] = [];
        for (const h of s.histories)
          out.push(
            await measure(proxy, env, `history <member> (${h.entries} entries)`, ["history", h.member]),
          );
        return out;
      })()),
      await measure(proxy, env, `agreement verify (${s.bigAgreementParties} parties)`, [
        "agreement",
        "verify",
        String(s.bigAgreementId || 1),
        "--document",
        doc,
      ]),
      ...(s.charter
        ? [
            await measure(proxy, env, `agreement verify (charter, ${s.members} parties, all signed)`, [
              "agreement",
              "verify",
              String(s.charter.agreementId),
              "--document",
              charterDoc,
            ]),
          ]
        : []),
      await measure(proxy, env, "treasury report", ["treasury", "report"]),
      await measure(proxy, env, `agreement list (${s.agreements} agreements)`, ["agreement", "list"]),
      await measure(proxy, env, `project list (${s.projects.count} projects)`, ["project", "list"]),
      await measure(proxy, env, `ip list (${s.ipAssets.count} assets)`, ["ip", "list"]),
      ...(s.ipAssets.count > 0
        ? [
            // the last asset has the most co-owners (seedIpAssets)
            await measure(proxy, env, `ip show (${s.ipAssets.maxOwners} co-owners)`, [
              "ip",
              "show",
              String(s.ipAssets.count),
            ]),
          ]
        : []),
    ];
    await proxy.close();
    process.stderr.write(`[${s.members}] measured: ${JSON.stringify(rows)}\n`);
    return rows;
  }
}

async function run(): Promise<void> {
  const sizes = arg("sizes", "50,500")
    .split(",")
    .map((x) => Number(x));
  const agreements = Number(arg("agreements", "1000"));
  const bigParty = Number(arg("big-party", "300"));
  const history = arg("history", "1000,10000")
    .split(",")
    .map((x) => Number(x));
  // the CLI as shipped (npm run build:ts)
  if (!inProcess)
    execFileSync(process.execPath, [path.join(__dirname, "build-cli.js")], { stdio: "inherit" });
  const started = new Date().toISOString();
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  const extra = { projects: Number(arg("projects", "50")), ipAssets: Number(arg("ip-assets", "200")) };
  const results: Record<number, Row[]> = {};
  const seeding: string[] = [];
  // the sizes are seeded at once (each on its own node), then measured one after the other
  const nodes: Seeded["node"][] = [];
  const seeded: Seeded[] = [];
  try {
    seeded.push(
      ...(await Promise.all(sizes.map((n) => seedSize(n, agreements, bigParty, history, extra, nodes)))),
    );
    for (const x of seeded) results[x.s.members] = await benchSize(x);
  } finally {
    for (const node of nodes) node.proc.kill("SIGTERM");
  }
  for (const { s: seed } of seeded) {
    const n = seed.members;
    const r = { seeded: seed };
    seeding.push(
      `${n} members: ${r.seeded.transactions} transactions in ${r.seeded.seconds} s (charter ${r.seeded.charter?.seconds ?? 0} s; ` +
        `${r.seeded.projects.count} projects ${r.seeded.projects.seconds} s; ${r.seeded.ipAssets.count} IP assets, ` +
        `up to ${r.seeded.ipAssets.maxOwners} co-owners, ${r.seeded.ipAssets.ownerRecords} co-owner records, ${r.seeded.ipAssets.seconds} s; history entries ${r.seeded.histories
          .map((h) => `${h.entries} in ${h.seconds} s`)
          .join(", ")})`,
    );
  }
  const head = `| command | ${sizes.map((n) => `${n} members: time / HTTP requests / JSON-RPC calls`).join(" | ")} |`;
  const lines = [head, `|---|${sizes.map(() => "---|").join("")}`];
  const commands = results[sizes[0]].map((r) =>
    r.command
      .replace(/ \(\d+ parties\)/, "")
      .replace(/ \(charter, \d+ parties, all signed\)/, " (charter, every member signed)")
      .replace(/ \(\d+ co-owners\)/, " (the asset with the most co-owners)"),
  );
  commands.forEach((c, i) => {
    lines.push(
      `| ${c} | ${sizes
        .map((n) => {
          const r = results[n][i];
          return `${r.seconds.toFixed(2)} s / ${r.httpRequests} / ${r.rpcCalls}${r.exit ? ` (exit ${r.exit})` : ""}`;
        })
        .join(" | ")} |`,
    );
  });
  // where the time went: the node's answers (summed over requests) and this process's CPU
  const split = [
    `| command | ${sizes.map((n) => `${n} members: wall / node summed / node busy / CLI CPU (s)`).join(" | ")} |`,
    `|---|${sizes.map(() => "---|").join("")}`,
    ...commands.map(
      (c, i) =>
        `| ${c} | ${sizes
          .map((n) => {
            const r = results[n][i];
            return `${r.seconds.toFixed(2)} / ${r.nodeSeconds.toFixed(2)} / ${r.nodeBusySeconds.toFixed(2)} / ${r.cpuSeconds.toFixed(2)}`;
          })
          .join(" | ")} |`,
    ),
  ];
  console.log(
    `started ${started}, load average ${loadAtStart}; ended ${new Date().toISOString()}, load average ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  console.log(`seeding: ${seeding.join("; ")}`);
  console.log(lines.join("\n"));
  console.log(split.join("\n"));
  const failed = sizes.flatMap((n) =>
    results[n]
      .filter((r) => r.exit !== 0)
      .map(
        (r) =>
          `${n} members, ${r.command}: exit ${r.exit}, proxy failures ${JSON.stringify(r.proxyFailures)}`,
      ),
  );
  if (failed.length) console.log(`failed cells:\n${failed.join("\n")}`);
  console.log(JSON.stringify(results, null, 2));
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
