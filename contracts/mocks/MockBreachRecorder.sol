// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";

/// @title MockBreachRecorder
/// @notice Test-only stand-in for `DisputeResolution`'s default ledger: records what it is told and
/// emits it, so module tests can assert the default that would enter the breach history.
contract MockBreachRecorder is IBreachRecorder {
    event DefaultRecorded(
        uint256 indexed entryId,
        DefaultKind kind,
        address indexed respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    );

    uint256 public entries;

    function recordDefault(
        DefaultKind kind,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    ) external returns (uint256 entryId) {
        entryId = ++entries;
        emit DefaultRecorded(
            entryId,
            kind,
            respondent,
            agreementId,
            clauseId,
            ref,
            detail,
            amountDue,
            penalty
        );
    }
}
