// solidity-coverage: `npm run coverage` writes coverage/coverage-summary.json (istanbul json-summary).
// What runs is chosen by folder in package.json (`--testfiles`): test/contracts, test/integration,
// test/security and test/sdk. Left out: the CLI (test/cli), the demo (test/demo) and the subprocess
// smoke tests (test/e2e) test TypeScript, not the instrumented contracts; the whole-transaction gas
// bounds (test/gas: MAX_PARTIES in one transaction, 200 and 201 co-owners) mean nothing on
// instrumented contracts, which use several times the gas.
module.exports = {
  skipFiles: ["mocks/", "dev/"],
  istanbulReporter: ["json-summary", "text-summary", "html"],
  configureYulOptimizer: false,
  mocha: {
    // Instrumented contracts run several times slower.
    timeout: 600_000,
  },
};
