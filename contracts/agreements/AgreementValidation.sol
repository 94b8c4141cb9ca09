// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CharterParams, AmendmentRule} from "../interfaces/ICharter.sol";
import {IAgreementRegistry, AgreementInput, Clause, Remedies} from "../interfaces/IAgreementRegistry.sol";

/// @title AgreementValidation
/// @notice Input checks of `AgreementRegistry`, kept apart so the registry reads as its state machine.
/// Every check reverts with the registry's own custom error and changes nothing.
library AgreementValidation {
    /// @dev Basis points in a whole.
    uint256 internal constant BPS = 10_000;

    /// @notice Floor of every window and period of the charter (B16): one day. A charter cannot switch
    /// off a protection by setting its window to zero (the supervisor's veto, a grace period, the
    /// respondent's cure and answer time, the co-owners' first refusal, a withdrawal notice).
    uint256 internal constant MIN_PERIOD = 1 days;

    /// @notice Reverts unless every charter parameter is in range: a bond below 2^248; supermajority
    /// strictly above half and at most 10000 bps; quorum and approval share in 1..10000 bps; grant
    /// cap, late penalty and levy at most 10000 bps; room for at least two members (F1: several legal
    /// entities) and, under the member-signature amendment rule, at most `maxParties` (every bound
    /// member is a party of an amendment, B1); at least one expert review (R1); every window and
    /// period at least `MIN_PERIOD` (B16).
    function checkCharterParams(CharterParams memory p, uint256 maxParties) internal pure {
        // Below 2^248: no settlement token has a supply near it, and the bound is part of the terms schema.
        if (p.bondAmount > type(uint248).max) _invalid("bondAmount");
        if (p.supermajorityBps <= BPS / 2 || p.supermajorityBps > BPS) _invalid("supermajorityBps");
        if (p.quorumBps == 0 || p.quorumBps > BPS) _invalid("quorumBps");
        if (p.approvalShareBps == 0 || p.approvalShareBps > BPS) _invalid("approvalShareBps");
        if (p.maxMembers < 2) _invalid("maxMembers");
        if (p.amendmentRule == AmendmentRule.MemberSignatures && p.maxMembers > maxParties) {
            _invalid("maxMembers");
        }
        if (p.minReviews == 0) _invalid("minReviews");
        if (p.grantCapBps > BPS) _invalid("grantCapBps");
        if (p.latePenaltyBps > BPS) _invalid("latePenaltyBps");
        if (p.levyBps > BPS) _invalid("levyBps");
        if (p.noticePeriod < MIN_PERIOD) _invalid("noticePeriod");
        if (p.noticeValidity < MIN_PERIOD) _invalid("noticeValidity");
        if (p.reapplicationCooloff < MIN_PERIOD) _invalid("reapplicationCooloff");
        if (p.amendmentPeriod < MIN_PERIOD) _invalid("amendmentPeriod");
        if (p.gracePeriod < MIN_PERIOD) _invalid("gracePeriod");
        if (p.vetoWindow < MIN_PERIOD) _invalid("vetoWindow");
        if (p.rofrWindow < MIN_PERIOD) _invalid("rofrWindow");
        if (p.royaltyGracePeriod < MIN_PERIOD) _invalid("royaltyGracePeriod");
        if (p.contestWindow < MIN_PERIOD) _invalid("contestWindow");
        if (p.curePeriod < MIN_PERIOD) _invalid("curePeriod");
        if (p.answerPeriod < MIN_PERIOD) _invalid("answerPeriod");
    }

    /// @notice Reverts unless both hashes are non-zero, the URI has 1..`maxUriBytes` bytes, and the
    /// party count is in `minParties`..`maxParties` and the clause count within its cap. Parties'
    /// uniqueness is checked while storing (see `AgreementData`). `minParties` is 0 only for a charter
    /// draft the council adopts.
    function checkInput(
        AgreementInput calldata input,
        uint256 minParties,
        uint256 maxParties,
        uint256 maxClauses,
        uint256 maxUriBytes
    ) internal pure {
        if (input.documentHash == bytes32(0))
            revert IAgreementRegistry.AgreementRegistryInvalidInput("documentHash");
        if (input.termsHash == bytes32(0))
            revert IAgreementRegistry.AgreementRegistryInvalidInput("termsHash");
        uint256 uriBytes = bytes(input.uri).length;
        if (uriBytes == 0 || uriBytes > maxUriBytes)
            revert IAgreementRegistry.AgreementRegistryInvalidInput("uri");
        uint256 count = input.parties.length;
        if (count < minParties || count > maxParties) {
            revert IAgreementRegistry.AgreementRegistryInvalidPartyCount(count, maxParties);
        }
        if (input.clauses.length > maxClauses) {
            revert IAgreementRegistry.AgreementRegistryTooManyClauses(input.clauses.length, maxClauses);
        }
    }

    /// @notice Reverts unless every clause has a non-zero id not used by an earlier clause and remedies
    /// that are non-empty and within `Remedies.ALL`. Quadratic in the clauses, bounded by MAX_CLAUSES.
    function checkClauses(Clause[] calldata clauses) internal pure {
        for (uint256 i = 0; i < clauses.length; ++i) {
            Clause calldata clause = clauses[i];
            bytes32 id = clause.clauseId;
            uint8 remedies = clause.remedies;
            if (id == bytes32(0) || remedies == 0 || remedies & ~Remedies.ALL != 0) {
                revert IAgreementRegistry.AgreementRegistryInvalidClause(id, remedies);
            }
            for (uint256 j = 0; j < i; ++j) {
                if (clauses[j].clauseId == id)
                    revert IAgreementRegistry.AgreementRegistryInvalidClause(id, remedies);
            }
        }
    }

    function _invalid(string memory field) private pure {
        revert IAgreementRegistry.AgreementRegistryInvalidCharterParam(field);
    }
}
