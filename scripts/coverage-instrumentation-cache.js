// Loaded by .solcover.js: solidity-coverage's instrumentation of the contracts, kept in
// cache/coverage-instrumentation/ and reused by a later `hardhat coverage` run over the same sources.
//
// Every run instruments every contract before it compiles (parsing each source twice with
// solidity-parser): in CI, where several runs share one instrumented build, that was most of each later
// run's fixed cost (measured on the shared machine: a run of no test 28 s of CPU, about 17 s of it
// instrumenting; a run from the cache wrote the same coverage-final.json, every count equal). The
// instrumentation is deterministic (the same sources in the same order give the same instrumented
// sources and the same hit hashes; Hardhat's compile cache relies on that too), so a run whose key
// matches a stored one takes the stored result: the instrumented sources, the empty coverage map and
// the hit hashes. The key covers solidity-coverage's version, its instrumentation options and every
// target's path and source; any change instruments afresh. COVERAGE_INSTRUMENTATION_CACHE=off turns
// the cache off.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const API = require("solidity-coverage/lib/api");
const { version } = require("solidity-coverage/package.json");

const DIR = path.join(__dirname, "..", "cache", "coverage-instrumentation");

function keyOf(api, targets) {
  const h = crypto.createHash("sha256");
  h.update(
    JSON.stringify({
      version,
      viaIR: api.viaIR ?? null,
      usingSolcV4: api.usingSolcV4 ?? null,
      enabled: api.instrumenter.enabled,
      modifierWhitelist: api.instrumenter.modifierWhitelist,
    }),
  );
  for (const t of targets) h.update(`\0${t.canonicalPath}\0${t.relativePath ?? ""}\0${t.source}`);
  return h.digest("hex");
}

function install() {
  if (process.env.COVERAGE_INSTRUMENTATION_CACHE === "off" || API.prototype.__covenantCached) return;
  const instrument = API.prototype.instrument;
  API.prototype.__covenantCached = true;
  API.prototype.instrument = function (targets = []) {
    const file = path.join(DIR, `${keyOf(this, targets)}.json`);
    let stored;
    try {
      stored = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      stored = undefined;
    }
    if (stored) {
      this.coverage.data = stored.data;
      this.coverage.requireData = stored.requireData;
      this.instrumenter.instrumentationData = stored.instrumentationData;
      this.log(
        `Instrumentation of ${stored.outputs.length} files reused (${path.relative(process.cwd(), file)})`,
      );
      return stored.outputs;
    }
    const outputs = instrument.call(this, targets);
    fs.mkdirSync(DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(
      tmp,
      JSON.stringify({
        outputs,
        data: this.coverage.data,
        requireData: this.coverage.requireData,
        instrumentationData: this.instrumenter.instrumentationData,
      }),
    );
    fs.renameSync(tmp, file);
    // one entry is kept: the sources' latest instrumentation
    for (const other of fs.readdirSync(DIR))
      if (other.endsWith(".json") && other !== path.basename(file))
        fs.rmSync(path.join(DIR, other), { force: true });
    return outputs;
  };
}

module.exports = { install, keyOf };
