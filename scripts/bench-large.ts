/**
 * Times the read commands of a large alliance and counts their JSON-RPC requests: for each size in
 * `--sizes` (members, default 50,500) a fresh anvil node on a free port is seeded by
 * scripts/seed-large.ts (real transactions), then `member list`, `member show`, `history <member>`,
 * `agreement verify` (the `--big-party` agreement, and the charter every member signed) and
 * `treasury report` run through the
 * CLI (in this process, `main()` of src/cli/main.ts) behind a counting proxy. Prints one table with
 * the sizes side by side (markdown, for docs/performance.md) and the JSON behind it.
 *
 * With `--history 1000,10000` (the default) the seed writes that many breach-history entries for
 * two members, and `history <member>` is measured for each.
 *
 *   npm run bench:large -- --sizes 50,500 --agreements 1000 --big-party 300 --projects 50 --ip-assets 200 --history 1000,10000
 *
 * Outside CI.
 */
import fs from "node:fs";
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
  exit: number;
}

async function measure(
  proxy: Awaited<ReturnType<typeof startProxy>>,
  env: Record<string, string>,
  label: string,
  args: string[],
): Promise<Row> {
  proxy.reset();
  const t0 = process.hrtime.bigint();
  const code = await main([process.execPath, "covenant", "--rpc", proxy.url, "--json", ...args], {
    stdout: sink,
    stderr: { write: (s: string) => (process.stderr.write(s), true) },
    env: { ...env, NO_COLOR: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rpcCalls = [...proxy.calls.values()].reduce((a, b) => a + b, 0);
  const methods = Object.fromEntries([...proxy.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { command: label, seconds, httpRequests: proxy.requests, rpcCalls, methods, exit: code };
}

const sink = { write: () => true };

async function benchSize(
  members: number,
  agreements: number,
  bigParty: number,
  history: number[],
  extra: { projects: number; ipAssets: number },
): Promise<{ rows: Row[]; seeded: Awaited<ReturnType<typeof seedLarge>> }> {
  const node = await startAnvil(["--accounts", "2"]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `covenant-large-${members}-`));
  try {
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
    const proxy = await startProxy(node.url);
    const env = { COVENANT_DEPLOYMENTS_DIR: dir, COVENANT_STATE_DIR: dir };
    const doc = path.join(dir, "agreement-0.txt");
    // the seed binds agreement n to sha256("agreement n"): the document is that text
    fs.writeFileSync(doc, "agreement 0");
    // and the charter to sha256("large alliance charter")
    const charterDoc = path.join(dir, "charter.txt");
    fs.writeFileSync(charterDoc, "large alliance charter");
    // every noun's modules loaded before the first measure (ts-node compiles them on first use)
    await buildProgram({ stdout: sink, stderr: sink, env: { ...env, NO_COLOR: "1" } });
    const rows = [
      await measure(proxy, env, "member list", ["member", "list"]),
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
    ];
    await proxy.close();
    return { rows, seeded: s };
  } finally {
    node.proc.kill("SIGTERM");
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
  const started = new Date().toISOString();
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  const extra = { projects: Number(arg("projects", "50")), ipAssets: Number(arg("ip-assets", "200")) };
  const results: Record<number, Row[]> = {};
  const seeding: string[] = [];
  for (const n of sizes) {
    const r = await benchSize(n, agreements, bigParty, history, extra);
    results[n] = r.rows;
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
      .replace(/ \(charter, \d+ parties, all signed\)/, " (charter, every member signed)"),
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
  console.log(
    `started ${started}, load average ${loadAtStart}; ended ${new Date().toISOString()}, load average ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  console.log(`seeding: ${seeding.join("; ")}`);
  console.log(lines.join("\n"));
  console.log(JSON.stringify(results, null, 2));
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
