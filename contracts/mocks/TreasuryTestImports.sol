// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test-only: makes Hardhat compile OpenZeppelin's AccessManager, so the Treasury tests and gas
// script can deploy the real permission hub (`ethers.deployContract("AccessManager", [admin])`).
// solhint-disable-next-line no-unused-import
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
