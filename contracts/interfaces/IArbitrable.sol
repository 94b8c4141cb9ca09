// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrator} from "./IArbitrator.sol";

/// @title IArbitrable (ERC-792)
/// @notice A contract whose disputes an ERC-792 arbitrator rules on.
interface IArbitrable {
    /// @dev Raised when a ruling is given.
    event Ruling(IArbitrator indexed arbitrator, uint256 indexed disputeId, uint256 ruling);

    /// @notice Gives a ruling for a dispute. Only the arbitrator that created the dispute may call.
    function rule(uint256 disputeId, uint256 ruling) external;
}
