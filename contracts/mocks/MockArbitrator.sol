// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";

/// @title MockArbitrator
/// @notice Test-only outside ERC-792 arbitrator (an arbitration commission's contract, Kleros-like):
/// fees in ETH, a ruling that is appealable for `appealDuration` seconds, any number of appeals
/// (each reopens the dispute), then `executeRuling` sends the final ruling. `forceRule` lets a test
/// play a misbehaving arbitrator. Every setter is open: never deploy outside tests.
contract MockArbitrator is IArbitrator {
    error MockArbitratorFee(uint256 required, uint256 sent);
    error MockArbitratorWrongStatus(uint256 disputeId, DisputeStatus status);
    error MockArbitratorAppealClosed(uint256 disputeId, uint256 end);
    error MockArbitratorAppealOpen(uint256 disputeId, uint256 end);

    struct MockDispute {
        IArbitrable arbitrable;
        uint256 choices;
        uint256 ruling;
        DisputeStatus status;
        uint256 appealStart;
        uint256 appealEnd;
        uint256 appeals;
    }

    uint256 public fee;
    uint256 public appealFee;
    uint256 public appealDuration = 3 days;
    MockDispute[] private _disputes;

    function setFees(uint256 fee_, uint256 appealFee_) external {
        fee = fee_;
        appealFee = appealFee_;
    }

    function setAppealDuration(uint256 duration) external {
        appealDuration = duration;
    }

    /// @dev Dispute ids start at 0, like Kleros's.
    function createDispute(uint256 choices, bytes calldata) external payable returns (uint256 disputeId) {
        // ERC-792: at least the fee.
        if (msg.value < fee) revert MockArbitratorFee(fee, msg.value);
        disputeId = _disputes.length;
        _disputes.push(MockDispute(IArbitrable(msg.sender), choices, 0, DisputeStatus.Waiting, 0, 0, 0));
        emit DisputeCreation(disputeId, IArbitrable(msg.sender));
    }

    function arbitrationCost(bytes calldata) external view returns (uint256) {
        return fee;
    }

    /// @notice The commission gives a (provisional) ruling; it can be appealed for `appealDuration`.
    function giveRuling(uint256 disputeId, uint256 ruling) external {
        MockDispute storage d = _disputes[disputeId];
        if (d.status != DisputeStatus.Waiting) revert MockArbitratorWrongStatus(disputeId, d.status);
        d.ruling = ruling;
        d.status = DisputeStatus.Appealable;
        d.appealStart = block.timestamp;
        d.appealEnd = block.timestamp + appealDuration;
        emit AppealPossible(disputeId, d.arbitrable);
    }

    function appeal(uint256 disputeId, bytes calldata) external payable {
        MockDispute storage d = _disputes[disputeId];
        if (msg.value < appealFee) revert MockArbitratorFee(appealFee, msg.value);
        if (d.status != DisputeStatus.Appealable) revert MockArbitratorWrongStatus(disputeId, d.status);
        if (block.timestamp > d.appealEnd) revert MockArbitratorAppealClosed(disputeId, d.appealEnd);
        d.status = DisputeStatus.Waiting;
        d.appeals += 1;
        emit AppealDecision(disputeId, d.arbitrable);
    }

    function appealCost(uint256, bytes calldata) external view returns (uint256) {
        return appealFee;
    }

    /// @notice After the appeal window: the ruling is final and sent to the arbitrable.
    function executeRuling(uint256 disputeId) external {
        MockDispute storage d = _disputes[disputeId];
        if (d.status != DisputeStatus.Appealable) revert MockArbitratorWrongStatus(disputeId, d.status);
        if (block.timestamp <= d.appealEnd) revert MockArbitratorAppealOpen(disputeId, d.appealEnd);
        d.status = DisputeStatus.Solved;
        d.arbitrable.rule(disputeId, d.ruling);
    }

    /// @notice A misbehaving arbitrator: calls `rule` whenever told, whatever the state.
    function forceRule(uint256 disputeId, uint256 ruling) external {
        _disputes[disputeId].arbitrable.rule(disputeId, ruling);
    }

    /// @notice Calls `rule` on any arbitrable (to test that unknown disputes are refused).
    function ruleOn(IArbitrable arbitrable, uint256 disputeId, uint256 ruling) external {
        arbitrable.rule(disputeId, ruling);
    }

    function appealPeriod(uint256 disputeId) external view returns (uint256 start, uint256 end) {
        MockDispute storage d = _disputes[disputeId];
        if (d.status == DisputeStatus.Waiting) return (0, 0);
        return (d.appealStart, d.appealEnd);
    }

    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus) {
        return _disputes[disputeId].status;
    }

    function currentRuling(uint256 disputeId) external view returns (uint256) {
        return _disputes[disputeId].ruling;
    }

    function appealsOf(uint256 disputeId) external view returns (uint256) {
        return _disputes[disputeId].appeals;
    }
}
