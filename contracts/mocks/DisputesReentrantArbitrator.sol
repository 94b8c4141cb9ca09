// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title DisputesReentrantArbitrator
/// @notice Test-only hostile ERC-792 arbitrator: inside `createDispute` it calls back `rule` on the
/// arbitrable, before the arbitrable has linked the dispute to its claim.
contract DisputesReentrantArbitrator is IArbitrator {
    function createDispute(uint256, bytes calldata) external payable returns (uint256 disputeId) {
        disputeId = 7;
        IArbitrable(msg.sender).rule(disputeId, 1);
    }

    function arbitrationCost(bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function appeal(uint256, bytes calldata) external payable {}

    function appealCost(uint256, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function appealPeriod(uint256) external pure returns (uint256, uint256) {
        return (0, 0);
    }

    function disputeStatus(uint256) external pure returns (DisputeStatus) {
        return DisputeStatus.Waiting;
    }

    function currentRuling(uint256) external pure returns (uint256) {
        return 1;
    }
}
