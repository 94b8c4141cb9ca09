import hre from "hardhat";

/**
 * True while solidity-coverage runs the tests on instrumented contracts: every call is many times
 * slower and costs extra gas, so run counts may shrink (with the same lines and branches covered)
 * and gas figures mean nothing there.
 */
export const INSTRUMENTED =
  (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
