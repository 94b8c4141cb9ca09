// solidity-coverage: `npm run coverage` writes coverage/coverage-summary.json (istanbul json-summary).
// What runs is chosen by folder in package.json (`--testfiles`): test/contracts and test/security.
// Left out: the SDK's tests (test/sdk) test TypeScript and add no coverage of the contracts (measured:
// every contract's covered lines and branches the same with and without them, 99.42 % and 94.68 %);
// the whole-alliance tests (test/integration: the property test and the suite stories) are the
// slowest instrumented run and add no coverage (measured without them: 99.42 % of lines and 94.68 %
// of branches, the figures of the last run with them); the
// CLI (test/cli), the demo (test/demo) and the subprocess smoke tests (test/e2e) test TypeScript, not
// the instrumented contracts; the whole-transaction gas bounds (test/gas: MAX_PARTIES in one
// transaction, 200 and 201 co-owners) mean nothing on instrumented contracts, which use several times
// the gas; the scale tests (test/scale: a thousand acceptances of one offer) repeat paths that the
// contract tests cover, and were a fifth of the instrumented run. `npm test` runs every folder,
// uninstrumented.
//
// COVERAGE_DIR names the folder of the istanbul output (default coverage/): CI runs parts of the tests
// side by side in one instrumented build, each into its own folder, and merges their coverage-final.json
// (scripts/merge-coverage.js) into coverage/.
//
// A CI part (COVERAGE_DIR set) writes only what the merge reads (coverage-final.json) and its text
// summary: the merge writes the JSON summary and the HTML report of the whole once.
//
// The instrumentation is kept in cache/coverage-instrumentation/ and reused by a later run over the
// same sources (scripts/coverage-instrumentation-cache.js): CI's later coverage runs skip it.
require("./scripts/coverage-instrumentation-cache").install();

module.exports = {
  skipFiles: ["mocks/", "dev/"],
  istanbulReporter: process.env.COVERAGE_DIR
    ? ["json", "text-summary"]
    : ["json-summary", "json", "text-summary", "html"],
  istanbulFolder: process.env.COVERAGE_DIR || "./coverage",
  configureYulOptimizer: false,
  mocha: {
    // Instrumented contracts run several times slower.
    timeout: 600_000,
  },
};
