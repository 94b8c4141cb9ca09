// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Safe{Wallet} 1.4.1 (npm package `@safe-global/safe-contracts`, exactly 1.4.1), compiled with the
// project's compiler so that Hardhat and TypeChain generate their factories: the demo deploys a real
// Safe as a member's corporate wallet, and the tests prove the SDK's Safe signing against it (S8).
// Development and test use only (like contracts/mocks/): never part of a suite deployment.
// solhint-disable no-unused-import, max-line-length
import {Safe} from "@safe-global/safe-contracts/contracts/Safe.sol";
import {SafeProxyFactory} from "@safe-global/safe-contracts/contracts/proxies/SafeProxyFactory.sol";
import {CompatibilityFallbackHandler} from "@safe-global/safe-contracts/contracts/handler/CompatibilityFallbackHandler.sol";
import {SignMessageLib} from "@safe-global/safe-contracts/contracts/libraries/SignMessageLib.sol";
