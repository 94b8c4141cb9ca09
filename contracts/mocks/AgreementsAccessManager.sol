// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/// @title AgreementsAccessManager
/// @notice OpenZeppelin's `AccessManager` as is, compiled for the agreement tests and gas script
/// (the deployment uses OpenZeppelin's own contract).
contract AgreementsAccessManager is AccessManager {
    constructor(address initialAdmin) AccessManager(initialAdmin) {}
}
