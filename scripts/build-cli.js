#!/usr/bin/env node
// `npm run build:ts`: the shipped `covenant` CLI as bundled CommonJS in dist/cli/ (what bin/covenant.js
// runs). esbuild bundles src/cli/main.ts with the packages it uses (ethers, zod, commander, ...) into
// dist/cli/main.js and one file per lazily loaded part (each noun's commands, deploy, the demo, the
// portal server, the TypeChain factories with their bytecode), plus the chunks those share, so that
// `covenant --help` and `covenant member list` parse only what they run; tree shaking keeps only the
// parts of zod and ethers that are used (none of zod's locales). esbuild splits code only in ES module
// output, so the first pass writes ES modules in memory and the second turns each into CommonJS
// (`import()` of a part becomes `require()` at the same place), with the source maps of both passes
// chained: an internal error's stack trace (exit 70) names src/ files. `@nomicfoundation/ignition-core`
// stays a run-time dependency (it loads a native module of its own) that only `deploy` and the demo
// require. See docs/performance.md.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const outdir = path.join(root, "dist", "cli");
/** Run-time dependencies left out of the bundle, loaded from node_modules when a command needs them. */
const EXTERNAL = ["@nomicfoundation/ignition-core"];

async function main() {
  const t0 = Date.now();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "covenant-cli-esm-"));
  try {
    // pass 1: ES modules, split at every import()
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: "src/cli/main.ts" },
      outdir: stage,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      external: EXTERNAL,
      chunkNames: "chunks/[name]-[hash]",
      sourcemap: "linked",
      sourcesContent: false,
      legalComments: "none",
      logLevel: "warning",
    });
    // pass 2: each file to CommonJS, reading the first pass's source maps
    const files = [];
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".js")) files.push(p);
      }
    };
    walk(stage);
    // written beside dist/cli/ and swapped in, so that a CLI started meanwhile finds a whole build
    const fresh = `${outdir}.new-${process.pid}`;
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: files,
      outbase: stage,
      outdir: fresh,
      bundle: false,
      format: "cjs",
      platform: "node",
      target: "node20",
      // import() of a part becomes a require() (Node's CommonJS loader, not its ES module one)
      supported: { "dynamic-import": false },
      sourcemap: "linked",
      sourcesContent: false,
      legalComments: "none",
      logLevel: "warning",
    });
    const old = `${outdir}.old-${process.pid}`;
    if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
    fs.renameSync(fresh, outdir);
    fs.rmSync(old, { recursive: true, force: true });
    const size = files.reduce((n, f) => n + fs.statSync(path.join(outdir, path.relative(stage, f))).size, 0);
    const mainSize = fs.statSync(path.join(outdir, "main.js")).size;
    console.log(
      `build:cli: dist/cli/ ${files.length} files, ${(size / 1024).toFixed(0)} KiB ` +
        `(main.js ${(mainSize / 1024).toFixed(0)} KiB) in ${Date.now() - t0} ms`,
    );
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
