// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title DisputesSilentArbitrator
/// @notice Test-only ERC-792 arbitrator that never rules: its `disputeStatus` reports whatever a
/// test sets, or reverts. Plays the broken outside arbitrator a claim's ruling deadline guards
/// against. Every setter is open: never deploy outside tests.
contract DisputesSilentArbitrator is IArbitrator {
    error DisputesSilentArbitratorBroken(uint256 disputeId);

    uint256 private _count;
    DisputeStatus public status;
    bool public broken;

    function setStatus(DisputeStatus status_, bool broken_) external {
        status = status_;
        broken = broken_;
    }

    function createDispute(uint256, bytes calldata) external payable returns (uint256 disputeId) {
        disputeId = _count++;
        emit DisputeCreation(disputeId, IArbitrable(msg.sender));
    }

    function arbitrationCost(bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function appeal(uint256, bytes calldata) external payable {}

    function appealCost(uint256, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function appealPeriod(uint256) external pure returns (uint256 start, uint256 end) {
        return (0, 0);
    }

    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus) {
        if (broken) revert DisputesSilentArbitratorBroken(disputeId);
        return status;
    }

    function currentRuling(uint256) external pure returns (uint256) {
        return 0;
    }
}
