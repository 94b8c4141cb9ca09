#!/usr/bin/env node
// The `covenant` CLI, compiled JavaScript from `npm run build` (dist/). See docs/cli.md.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("error: covenant is not built: run `npm run build` in its folder first\n");
  process.exit(70);
}
require(main).run(process.argv);
