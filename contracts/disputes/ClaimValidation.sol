// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Roles} from "../access/Roles.sol";
import {IDisputeResolution, ClaimRequest} from "../interfaces/IDisputeResolution.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {
    IAgreementRegistry,
    AgreementStatus,
    ClaimTerms,
    Remedies
} from "../interfaces/IAgreementRegistry.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";

/// @title ClaimValidation
/// @notice The checks a claim must pass before it is filed (C1, C4, B9, B10) and the checks of its
/// rarer later steps (closing it unresolved, lifting its licence suspension), as a linked library so
/// that `DisputeResolution` stays small. View only: it changes nothing.
/// @dev Deploy once and link it into `DisputeResolution` (`libraries: {ClaimValidation: address}`).
/// Reverts with the errors of `IDisputeResolution`.
library ClaimValidation {
    /// @notice The suite's modules the checks read.
    struct Context {
        address authority;
        /// The `IAgreementRegistry` (plain addresses keep the library's ABI free of contract types).
        address registry;
        /// The `IMembership`.
        address membership;
        address licenseManager;
    }

    /// @notice What filing takes from the checks: whether the claimant is the secretariat (acting
    /// for the alliance) and the charter's claim parameters read with them.
    struct Filing {
        bool forAlliance;
        uint256 claimBond;
        uint32 curePeriod;
        uint32 answerPeriod;
    }

    /// @notice Checks claimant, respondent, agreement, clause, remedies and documents of `r` filed
    /// by `claimant`; returns the `Filing` (so the caller reads no charter parameters itself). The
    /// registry is read once (`claimTermsOf`); the errors come in the order of the checks below.
    function validate(
        Context memory ctx,
        ClaimRequest calldata r,
        address claimant
    ) internal view returns (Filing memory f) {
        (bool forAlliance, ) = IAccessManager(ctx.authority).hasRole(Roles.SECRETARIAT, claimant);
        // The secretariat's own binding is not checked (it claims for the alliance): the zero address
        // skips that search.
        ClaimTerms memory terms = IAgreementRegistry(ctx.registry).claimTermsOf(
            r.agreementId,
            r.clauseId,
            forAlliance ? address(0) : claimant,
            r.respondent
        );
        _checkParties(ctx, r, claimant, forAlliance, terms);
        _checkAgreement(r, terms);
        _checkRemedy(ctx, r, terms);
        if (r.statementHash == bytes32(0))
            revert IDisputeResolution.DisputeResolutionInvalidInput("statementHash");
        if (r.evidenceHash == bytes32(0))
            revert IDisputeResolution.DisputeResolutionInvalidInput("evidenceHash");
        if (bytes(r.evidenceURI).length == 0)
            revert IDisputeResolution.DisputeResolutionInvalidInput("evidenceURI");
        return Filing(forAlliance, terms.claimBond, terms.curePeriod, terms.answerPeriod);
    }

    /// @notice Reverts with `DisputeResolutionRulingPending` unless `arbitrator` still reports
    /// dispute `disputeId` as `Waiting` (no ruling). `Appealable` is a ruling in its appeal stage;
    /// `Solved` while the claim is still in arbitration is a final ruling not yet delivered (Kleros'
    /// reference arbitrator reports it as soon as its appeal window ends, before its `executeRuling`
    /// calls `rule`): either is executed or appealed through the arbitrator, never bypassed. An
    /// arbitrator whose status view reverts counts as one that never ruled (otherwise a broken
    /// arbitrator would keep the claim, its bond and the respondent's B6 lock open forever).
    function requireNoPendingRuling(address arbitrator, uint256 claimId, uint256 disputeId) external view {
        try IArbitrator(arbitrator).disputeStatus(disputeId) returns (IArbitrator.DisputeStatus st) {
            if (st != IArbitrator.DisputeStatus.Waiting)
                revert IDisputeResolution.DisputeResolutionRulingPending(claimId, disputeId);
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @notice Reverts with `DisputeResolutionLicenseNotSuspended` unless licence `licenseId` is Suspended.
    function requireSuspended(address licenseManager, uint256 licenseId) external view {
        (LicenseStatus st, , , ) = ILicenseManager(licenseManager).licenseSummary(licenseId);
        if (st != LicenseStatus.Suspended)
            revert IDisputeResolution.DisputeResolutionLicenseNotSuspended(licenseId, st);
    }

    /// @dev Claimant eligibility and respondent checks (the secretariat claims for the alliance).
    /// B9: "bound by the agreement" is `isBoundBy` (a listed party, or a member that acceded to the
    /// charter), so an acceder claims and is claimed against exactly like a founding signatory. An
    /// unknown agreement binds nobody, so its claimant (or respondent) fails here first.
    function _checkParties(
        Context memory ctx,
        ClaimRequest calldata r,
        address claimant,
        bool forAlliance,
        ClaimTerms memory terms
    ) private view {
        if (!forAlliance) {
            if (!terms.claimantBound) revert IDisputeResolution.DisputeResolutionIneligibleClaimant(claimant);
            MemberStatus s = IMembership(ctx.membership).statusOf(claimant);
            bool isMember =
                s == MemberStatus.Applicant || s == MemberStatus.Active || s == MemberStatus.Suspended;
            if (isMember && !IMembership(ctx.membership).isInGoodStanding(claimant))
                revert IDisputeResolution.DisputeResolutionIneligibleClaimant(claimant);
        }
        if (r.respondent == address(0) || r.respondent == claimant || !terms.respondentBound)
            revert IDisputeResolution.DisputeResolutionInvalidRespondent(r.agreementId, r.respondent);
    }

    function _checkAgreement(ClaimRequest calldata r, ClaimTerms memory terms) private pure {
        AgreementStatus status = terms.status;
        if (status == AgreementStatus.None)
            revert IDisputeResolution.DisputeResolutionUnknownAgreement(r.agreementId);
        if (status == AgreementStatus.Pending)
            revert IDisputeResolution.DisputeResolutionAgreementNotInForce(r.agreementId, status);
        if (terms.version != r.agreementVersion)
            revert IDisputeResolution.DisputeResolutionVersionMismatch(
                r.agreementId,
                terms.version,
                r.agreementVersion
            );
    }

    /// @dev C4: the requested remedies lie within the clause's penalty schedule.
    function _checkRemedy(
        Context memory ctx,
        ClaimRequest calldata r,
        ClaimTerms memory clause
    ) private view {
        if (!clause.clauseFound || r.clauseId == bytes32(0))
            revert IDisputeResolution.DisputeResolutionUnknownClause(r.agreementId, r.clauseId);
        uint8 rem = r.remedies;
        uint8 licenceBoth = Remedies.LICENSE_SUSPENSION | Remedies.LICENSE_REVOCATION;
        if (
            rem == 0 ||
            rem & ~Remedies.ALL != 0 ||
            rem & ~clause.remedies != 0 ||
            rem & licenceBoth == licenceBoth
        ) revert IDisputeResolution.DisputeResolutionRemedyNotAllowed(r.clauseId, rem, clause.remedies);
        if (rem & Remedies.DAMAGES != 0) {
            if (r.damages == 0) revert IDisputeResolution.DisputeResolutionInvalidInput("damages");
            if (r.damages > clause.damagesCap)
                revert IDisputeResolution.DisputeResolutionDamagesAboveCap(r.damages, clause.damagesCap);
        } else if (r.damages != 0) revert IDisputeResolution.DisputeResolutionInvalidInput("damages");
        if (rem & licenceBoth != 0) {
            if (ctx.licenseManager == address(0))
                revert IDisputeResolution.DisputeResolutionNoLicenseManager();
            (LicenseStatus st, address licensee, , uint256 licenseAgreementId) = ILicenseManager(
                ctx.licenseManager
            ).licenseSummary(r.licenseId);
            if (licensee != r.respondent || (st != LicenseStatus.Active && st != LicenseStatus.Suspended))
                revert IDisputeResolution.DisputeResolutionLicenseMismatch(r.licenseId, licensee);
            // B10: only a licence granted under the claim's agreement (a public offer's licence has
            // agreement id 0, so no claim under an agreement reaches it).
            if (licenseAgreementId != r.agreementId)
                revert IDisputeResolution.DisputeResolutionLicenseOutsideAgreement(
                    r.licenseId,
                    licenseAgreementId,
                    r.agreementId
                );
        } else if (r.licenseId != 0) revert IDisputeResolution.DisputeResolutionInvalidInput("licenseId");
        if (rem & (Remedies.MEMBERSHIP_SUSPENSION | Remedies.EXPULSION_PROPOSAL) != 0) {
            MemberStatus s = IMembership(ctx.membership).statusOf(r.respondent);
            if (s != MemberStatus.Active && s != MemberStatus.Suspended)
                revert IDisputeResolution.DisputeResolutionRespondentNotMember(r.respondent);
        }
    }
}
