// solidity-coverage: `npm run coverage` writes coverage/coverage-summary.json (istanbul json-summary).
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["json-summary", "text-summary", "html"],
  configureYulOptimizer: false,
};
