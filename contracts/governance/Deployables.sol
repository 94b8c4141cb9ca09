// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Makes Hardhat compile the OpenZeppelin contracts a suite deploys as they are (AccessManager, the
// permission hub; TimelockController, the council's executor), so their artifacts exist for the
// Ignition module, the scripts and the tests. This is the only such shim: tests and scripts deploy
// these same artifacts ("AccessManager", "TimelockController"), no test-only copy.
// solhint-disable no-unused-import
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
