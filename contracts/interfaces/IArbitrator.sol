// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "./IArbitrable.sol";

/// @title IArbitrator (ERC-792)
/// @notice An arbitrator that arbitrable contracts send disputes to. Covenant pays arbitration
/// costs in the settlement token outside this interface, so `arbitrationCost` is normally 0.
interface IArbitrator {
    enum DisputeStatus {
        Waiting,
        Appealable,
        Solved
    }

    event DisputeCreation(uint256 indexed disputeId, IArbitrable indexed arbitrable);
    event AppealPossible(uint256 indexed disputeId, IArbitrable indexed arbitrable);
    event AppealDecision(uint256 indexed disputeId, IArbitrable indexed arbitrable);

    function createDispute(
        uint256 choices,
        bytes calldata extraData
    ) external payable returns (uint256 disputeId);
    function arbitrationCost(bytes calldata extraData) external view returns (uint256 cost);
    function appeal(uint256 disputeId, bytes calldata extraData) external payable;
    function appealCost(uint256 disputeId, bytes calldata extraData) external view returns (uint256 cost);
    function appealPeriod(uint256 disputeId) external view returns (uint256 start, uint256 end);
    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus status);
    function currentRuling(uint256 disputeId) external view returns (uint256 ruling);
}
