#!/usr/bin/env node
// `node scripts/merge-coverage.js OUT_DIR SHARD_DIR...`: merges the coverage of several
// `hardhat coverage` runs over parts of the tests (CI runs them side by side, each writing its istanbul
// output to its own COVERAGE_DIR, see .solcover.js) into the reports one run over all of them writes:
// OUT_DIR/coverage-summary.json (read by `npm run coverage:check`), coverage-final.json, the text summary
// and the HTML report.
//
// The runs must come from the same instrumentation (same sources, same solidity-coverage): their maps
// of statements, branches, functions and lines are checked to be identical, and every hit count is
// summed. The lines are solidity-coverage's own line counters (`l`), summed like the rest: istanbul's
// collector would drop them when it merges two runs and derive lines from statements instead, which
// gives other figures than a single run.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const istanbul = require("sc-istanbul");

const REPORTS = ["json-summary", "json", "text-summary", "html"];
const MAPS = ["statementMap", "fnMap", "branchMap"];

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The sum of two per-file coverage objects of the same instrumentation; throws if they differ. */
function mergeFile(name, a, b) {
  for (const m of MAPS)
    if (!sameJson(a[m], b[m]))
      throw new Error(`${name}: the runs' ${m} differ (not the same instrumentation)`);
  const sumCounts = (x, y, what) => {
    if (!sameJson(Object.keys(x).sort(), Object.keys(y).sort()))
      throw new Error(`${name}: the runs count other ${what}`);
    return Object.fromEntries(Object.keys(x).map((k) => [k, x[k] + y[k]]));
  };
  const b_ = Object.fromEntries(
    Object.keys(a.b).map((k) => {
      if (!b.b[k] || b.b[k].length !== a.b[k].length)
        throw new Error(`${name}: the runs count other branches`);
      return [k, a.b[k].map((n, i) => n + b.b[k][i])];
    }),
  );
  return {
    ...a,
    s: sumCounts(a.s, b.s, "statements"),
    f: sumCounts(a.f, b.f, "functions"),
    l: sumCounts(a.l, b.l, "lines"),
    b: b_,
  };
}

/** Merges parsed coverage-final.json objects (keys: file paths). */
function merge(runs) {
  const out = {};
  for (const run of runs)
    for (const [name, file] of Object.entries(run)) {
      if (!file.l) throw new Error(`${name}: no line counts (not solidity-coverage's output)`);
      out[name] = out[name] ? mergeFile(name, out[name], file) : file;
    }
  return out;
}

function main() {
  const [outDir, ...shards] = process.argv.slice(2);
  if (!outDir || shards.length === 0) {
    console.error("usage: node scripts/merge-coverage.js OUT_DIR SHARD_DIR...");
    process.exit(2);
  }
  const runs = shards.map((dir) => {
    const file = path.join(dir, "coverage-final.json");
    if (!fs.existsSync(file)) {
      console.error(`no ${file}: that coverage run did not finish`);
      process.exit(1);
    }
    return JSON.parse(fs.readFileSync(file, "utf8"));
  });
  const merged = merge(runs);
  fs.rmSync(outDir, { recursive: true, force: true });
  const collector = new istanbul.Collector();
  collector.add(merged);
  const reporter = new istanbul.Reporter(false, outDir);
  for (const r of REPORTS) reporter.add(r);
  reporter.write(collector, true, (err) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    console.log(`merged ${shards.length} coverage runs into ${outDir}`);
  });
}

if (require.main === module) main();
module.exports = { merge };
