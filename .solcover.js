// solidity-coverage: `npm run coverage` writes coverage/coverage-summary.json (istanbul json-summary).
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["json-summary", "text-summary", "html"],
  configureYulOptimizer: false,
  mocha: {
    // Left out under coverage: the CLI tests (every top-level describe "covenant ..."; some drive a
    // separate `hardhat node` process and test TypeScript, not the instrumented contracts; with them
    // in, coverage stopped being recorded for every test after them), and the tests of gas bounds
    // that instrumentation makes meaningless (MAX_PARTIES in one transaction; 200 and 201 co-owners
    // in one transaction run out of gas), and the demo's story (TypeScript narration over the same
    // contract calls the other tests make; instrumented, it outlasts its own three-minute timeout).
    grep: /^covenant |^Demo: the whole alliance lifecycle|under the 2\^24 gas cap|MAX_OWNERS \(200\) co-owners|co-owner number 201/,
    invert: true,
    // Instrumented contracts run several times slower (e.g. 200 co-owners in one transaction).
    timeout: 600_000,
  },
};
