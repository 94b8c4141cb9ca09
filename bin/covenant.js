#!/usr/bin/env node
// The `covenant` CLI: runs its TypeScript sources through ts-node in transpile-only mode (no type
// check at start-up; `npx tsc --noEmit` checks the types). See docs/cli.md.
"use strict";
const path = require("node:path");
require("ts-node").register({
  transpileOnly: true,
  swc: true,
  project: path.join(__dirname, "..", "tsconfig.json"),
});
require("../src/cli/main.ts").run(process.argv);
