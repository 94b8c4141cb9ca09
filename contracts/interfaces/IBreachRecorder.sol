// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Objective defaults that the chain itself can see (P2): a missed contribution, an unpaid
/// royalty period. They are self-executing breaches: no claim, no ruling, straight into the breach
/// history next to the arbitrated ones.
enum DefaultKind {
    LateContribution,
    UnpaidRoyalty
}

/// @title IBreachRecorder
/// @notice Implemented by `DisputeResolution`; called by `ProjectRegistry` and `LicenseManager`
/// (restricted to those modules) when anyone records a default.
interface IBreachRecorder {
    /// @notice Appends a default to `respondent`'s breach history and returns the history entry id.
    /// @param respondent The member or licensee in default.
    /// @param agreementId The agreement whose clause was breached (the project or licence agreement).
    /// @param clauseId The clause breached.
    /// @param ref The project id or licence id.
    /// @param detail The installment index or royalty period.
    /// @param amountDue What was not paid.
    /// @param penalty The pre-agreed late penalty recorded with it.
    function recordDefault(
        DefaultKind kind,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    ) external returns (uint256 entryId);
}
