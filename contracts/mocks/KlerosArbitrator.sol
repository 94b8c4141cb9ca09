// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test only: brings Kleros' reference ERC-792 arbitrator, `CentralizedArbitratorWithAppeal` from the
// npm package `@kleros/erc-792` 8.0.0 (MIT, pragma ^0.8.9), into the build as shipped, so the disputes
// tests run the claim lifecycle against it (docs/disputes.md).
// solhint-disable-next-line no-unused-import
import {CentralizedArbitratorWithAppeal} from "@kleros/erc-792/contracts/examples/CentralizedArbitratorWithAppeal.sol";
