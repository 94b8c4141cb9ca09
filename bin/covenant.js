#!/usr/bin/env node
// The `covenant` CLI: the bundled CommonJS of `npm run build` (dist/cli/, scripts/build-cli.js). See docs/cli.md.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("error: covenant is not built: run `npm run build` in its folder first\n");
  process.exit(70);
}
// with COVENANT_DEBUG=1 an error's stack trace is printed: mapped to the src/ files (dist/cli/*.js.map)
if (process.env.COVENANT_DEBUG === "1") process.setSourceMapsEnabled(true);
require(main).run(process.argv);
