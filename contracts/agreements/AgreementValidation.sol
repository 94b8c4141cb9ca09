// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CharterParams} from "../interfaces/ICharter.sol";
import {IAgreementRegistry, AgreementInput, Clause, Remedies} from "../interfaces/IAgreementRegistry.sol";

/// @title AgreementValidation
/// @notice Input checks of `AgreementRegistry`, kept apart so the registry reads as its state machine.
/// Every check reverts with the registry's own custom error and changes nothing.
library AgreementValidation {
    /// @dev Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @notice Reverts unless every charter parameter is in range: supermajority strictly above half
    /// and at most 10000 bps; quorum and approval share in 1..10000 bps; grant cap, late penalty and
    /// levy at most 10000 bps; room for at least two members (F1: several legal entities); cure and
    /// answer periods non-zero (a respondent always gets time).
    function checkCharterParams(CharterParams memory p) internal pure {
        if (p.supermajorityBps <= BPS / 2 || p.supermajorityBps > BPS) _invalid("supermajorityBps");
        if (p.quorumBps == 0 || p.quorumBps > BPS) _invalid("quorumBps");
        if (p.approvalShareBps == 0 || p.approvalShareBps > BPS) _invalid("approvalShareBps");
        if (p.maxMembers < 2) _invalid("maxMembers");
        if (p.grantCapBps > BPS) _invalid("grantCapBps");
        if (p.latePenaltyBps > BPS) _invalid("latePenaltyBps");
        if (p.levyBps > BPS) _invalid("levyBps");
        if (p.curePeriod == 0) _invalid("curePeriod");
        if (p.answerPeriod == 0) _invalid("answerPeriod");
    }

    /// @notice Reverts unless both hashes are non-zero, the URI is not empty, and the party and clause
    /// counts are within their caps. Uniqueness is checked while storing (see `AgreementRegistry`).
    function checkInput(AgreementInput calldata input, uint256 maxParties, uint256 maxClauses) internal pure {
        if (input.documentHash == bytes32(0))
            revert IAgreementRegistry.AgreementRegistryInvalidInput("documentHash");
        if (input.termsHash == bytes32(0))
            revert IAgreementRegistry.AgreementRegistryInvalidInput("termsHash");
        if (bytes(input.uri).length == 0) revert IAgreementRegistry.AgreementRegistryInvalidInput("uri");
        uint256 count = input.parties.length;
        if (count == 0 || count > maxParties) {
            revert IAgreementRegistry.AgreementRegistryInvalidPartyCount(count, maxParties);
        }
        if (input.clauses.length > maxClauses) {
            revert IAgreementRegistry.AgreementRegistryTooManyClauses(input.clauses.length, maxClauses);
        }
    }

    /// @notice Reverts unless the clause has a non-zero id and remedies that are non-empty and within
    /// `Remedies.ALL`.
    function checkClause(Clause calldata clause) internal pure {
        if (clause.clauseId == bytes32(0) || clause.remedies == 0 || clause.remedies & ~Remedies.ALL != 0) {
            revert IAgreementRegistry.AgreementRegistryInvalidClause(clause.clauseId, clause.remedies);
        }
    }

    function _invalid(string memory field) private pure {
        revert IAgreementRegistry.AgreementRegistryInvalidCharterParam(field);
    }
}
