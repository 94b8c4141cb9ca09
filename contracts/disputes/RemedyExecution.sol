// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IRemedyExecution, RemedyOrder, RemedyPlan} from "../interfaces/IRemedyExecution.sol";
import {IBreachHistory, ClaimEntry, EntryKind} from "../interfaces/IBreachHistory.sol";
import {Remedies} from "../interfaces/IAgreementRegistry.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";

/// @title RemedyExecution
/// @notice Carries out the remedies of an upheld ruling for `DisputeResolution`, kept apart from the
/// claim state machine: the slash of the respondent's performance bond, the suspension or revocation
/// of its licence (and the lifting of a ruling's suspension), the suspension of its membership and
/// the expulsion proposal to the council (F5, P2).
/// @dev Roles (AccessManager):
/// - DISPUTES_MODULE (`DisputeResolution`): `execute`, `liftSuspension`. This contract holds
///   DISPUTES_MODULE itself (for `ITreasury.slashToClaim`, the licence manager's remedies and the
///   history's `recordClaimEntry` / `recordClaimEntries`) and DISCIPLINE (for `Membership.suspend`).
/// - Nobody else can call it; it has no setter and no state but its immutables. It never decides
///   whether a claim is upheld, never picks a remedy the claimant did not request within the
///   clause's schedule (C4), never moves money but through `slashToClaim` (at most the bond, M8;
///   held in the vault for the claimant to pull, no token moves), never reinstates a member, undoes a slash or
///   a revocation, or expels anyone (an expulsion is a council vote it can only propose).
/// Checks, effects, interactions: `execute` decides the plan from views, records the ruling's
/// `Executed` entry and every penalty in the history (one call), then makes the calls, the slash last.
contract RemedyExecution is AccessManaged, IRemedyExecution {
    using Strings for uint256;
    using Strings for address;

    ITreasury public immutable TREASURY;
    IMembership public immutable MEMBERSHIP;
    IGovernor public immutable GOVERNOR;
    IBreachHistory public immutable HISTORY;

    constructor(
        address authority,
        ITreasury treasury,
        IMembership membership,
        IGovernor governor,
        IBreachHistory history
    ) AccessManaged(authority) {
        if (
            authority == address(0) ||
            address(treasury) == address(0) ||
            address(membership) == address(0) ||
            address(governor) == address(0) ||
            address(history) == address(0)
        ) revert RemedyExecutionZeroAddress();
        TREASURY = treasury;
        MEMBERSHIP = membership;
        GOVERNOR = governor;
        HISTORY = history;
    }

    // ================================================================== actions

    /// @inheritdoc IRemedyExecution
    /// @dev Role: DISPUTES_MODULE.
    function execute(RemedyOrder calldata o) external restricted returns (RemedyPlan memory plan) {
        plan = planOf(o);
        uint8 rem = o.remedies;
        // The Ruled entry (the arbitrator's upheld ruling, delivered with this execution), the
        // Executed entry, then one PenaltyApplied entry per penalty that applies (a plan applies a
        // remedy only when it was requested), appended in one call.
        ClaimEntry[] memory entries = new ClaimEntry[](
            2 +
                _count(plan.slash > 0) +
                _count(plan.suspendLicense) +
                _count(plan.revokeLicense) +
                _count(plan.suspendMember)
        );
        entries[0] = _entry(o, EntryKind.Ruled, 1, 0);
        (entries[0].actor, entries[0].data) = (o.arbitrator, bytes32(o.disputeId));
        entries[1] = _entry(o, EntryKind.Executed, 1, 0);
        uint256 n = 2;
        if (rem & Remedies.DAMAGES != 0)
            n = _penalty(o, entries, n, Remedies.DAMAGES, plan.slash > 0, plan.slash);
        if (rem & Remedies.LICENSE_SUSPENSION != 0)
            n = _penalty(o, entries, n, Remedies.LICENSE_SUSPENSION, plan.suspendLicense, 0);
        if (rem & Remedies.LICENSE_REVOCATION != 0)
            n = _penalty(o, entries, n, Remedies.LICENSE_REVOCATION, plan.revokeLicense, 0);
        if (rem & Remedies.MEMBERSHIP_SUSPENSION != 0)
            _penalty(o, entries, n, Remedies.MEMBERSHIP_SUSPENSION, plan.suspendMember, 0);
        if (rem & Remedies.EXPULSION_PROPOSAL != 0 && !plan.propose)
            emit RemedySkipped(o.claimId, Remedies.EXPULSION_PROPOSAL);
        HISTORY.recordClaimEntries(entries);

        if (plan.suspendLicense) ILicenseManager(o.licenseManager).suspendLicense(o.licenseId, o.claimId);
        if (plan.revokeLicense) ILicenseManager(o.licenseManager).revokeLicense(o.licenseId, o.claimId);
        if (plan.suspendMember) MEMBERSHIP.suspend(o.respondent, o.statementHash);
        if (plan.propose) _proposeExpulsion(o);
        // The money last. No token moves (payouts are pulled): the slash leaves the respondent's bond
        // and is held with the claim money for the claimant, who pulls it with its claim bond
        // (`DisputeResolution.claimPayout`).
        if (plan.slash > 0) {
            // B12: a secretariat claim's damages go to the alliance fund (the treasury credits its
            // fund when the recipient is itself), never to the secretariat's account.
            address to = o.forAlliance ? address(TREASURY) : o.claimant;
            TREASURY.slashToClaim(o.claimId, o.respondent, plan.slash, to);
        }
    }

    /// @inheritdoc IRemedyExecution
    /// @dev Role: DISPUTES_MODULE.
    function liftSuspension(address licenseManager, uint256 licenseId, uint256 claimId) external restricted {
        ILicenseManager(licenseManager).liftSuspension(licenseId, claimId);
    }

    // ================================================================== views

    /// @inheritdoc IRemedyExecution
    function planOf(RemedyOrder calldata o) public view returns (RemedyPlan memory p) {
        uint8 rem = o.remedies;
        if (rem & Remedies.DAMAGES != 0) {
            uint256 owed = o.damages > o.paid ? o.damages - o.paid : 0;
            uint256 bond = TREASURY.bondOf(o.respondent);
            // M8: never more than the bond, never more than the damages requested (<= the clause cap).
            p.slash = owed < bond ? owed : bond;
        }
        if (rem & (Remedies.LICENSE_SUSPENSION | Remedies.LICENSE_REVOCATION) != 0) {
            (LicenseStatus st, , , ) = ILicenseManager(o.licenseManager).licenseSummary(o.licenseId);
            // B7: a live licence is suspended (or revoked) whatever its state, an already suspended
            // one (e.g. for non-payment) included; only a revoked or expired one is skipped.
            bool live = st == LicenseStatus.Active || st == LicenseStatus.Suspended;
            if (rem & Remedies.LICENSE_SUSPENSION != 0) p.suspendLicense = live;
            else p.revokeLicense = live;
        }
        if (rem & (Remedies.MEMBERSHIP_SUSPENSION | Remedies.EXPULSION_PROPOSAL) != 0) {
            MemberStatus s = MEMBERSHIP.statusOf(o.respondent);
            p.suspendMember = rem & Remedies.MEMBERSHIP_SUSPENSION != 0 && s == MemberStatus.Active;
            p.propose =
                rem & Remedies.EXPULSION_PROPOSAL != 0 &&
                (s == MemberStatus.Active || s == MemberStatus.Suspended);
        }
    }

    /// @inheritdoc IRemedyExecution
    function expulsionProposal(
        uint256 claimId,
        address respondent,
        bytes32 statementHash,
        uint256 agreementId
    )
        public
        view
        returns (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            string memory description
        )
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(MEMBERSHIP);
        calldatas[0] = abi.encodeCall(IMembership.expel, (respondent, statementHash));
        // B8: OpenZeppelin Governor refuses a proposal whose description ends with
        // `#proposer=<address>` from anyone but that address, so nobody can take this proposal id
        // first (and cancel it while Pending).
        description = string.concat(
            "Covenant claim #",
            claimId.toString(),
            ": expel ",
            respondent.toHexString(),
            " (breach of agreement #",
            agreementId.toString(),
            " upheld by arbitration) #proposer=",
            address(this).toHexString()
        );
    }

    // ================================================================== internals

    /// @dev Puts a penalty of an upheld ruling as its history entry at `entries[n]`
    /// (returns `n + 1`), or emits `RemedySkipped` when the remedy found nothing to act on
    /// (returns `n`).
    function _penalty(
        RemedyOrder calldata o,
        ClaimEntry[] memory entries,
        uint256 n,
        uint8 remedy,
        bool applies,
        uint256 amount
    ) private returns (uint256) {
        if (!applies) {
            emit RemedySkipped(o.claimId, remedy);
            return n;
        }
        // The entry is the penalty's record and its event (`HistoryAppended`, kind PenaltyApplied).
        entries[n] = _entry(o, EntryKind.PenaltyApplied, remedy, amount);
        return n + 1;
    }

    /// @dev Puts the expulsion to the council (never automatic). A governor that refuses (e.g. a
    /// proposal threshold this contract does not meet) does not block the rest of the ruling.
    function _proposeExpulsion(RemedyOrder calldata o) private {
        (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            string memory description
        ) = expulsionProposal(o.claimId, o.respondent, o.statementHash, o.agreementId);
        try GOVERNOR.propose(targets, values, calldatas, description) returns (uint256 proposalId) {
            emit ExpulsionProposed(o.claimId, o.respondent, proposalId);
            _record(o, EntryKind.ExpulsionProposed, Remedies.EXPULSION_PROPOSAL, bytes32(proposalId), 0);
        } catch {
            emit ExpulsionProposalFailed(o.claimId, o.respondent);
        }
    }

    function _record(
        RemedyOrder calldata o,
        EntryKind kind,
        uint8 detailKind,
        bytes32 data,
        uint256 amount
    ) private {
        ClaimEntry memory e = _entry(o, kind, detailKind, amount);
        e.data = data;
        HISTORY.recordClaimEntry(e);
    }

    /// @dev The history entry of claim `o.claimId` caused by `o.actor` (no data word).
    function _entry(
        RemedyOrder calldata o,
        EntryKind kind,
        uint8 detailKind,
        uint256 amount
    ) private pure returns (ClaimEntry memory) {
        return
            ClaimEntry(
                kind,
                detailKind,
                o.actor,
                o.claimId,
                o.claimant,
                o.respondent,
                o.agreementId,
                o.clauseId,
                bytes32(0),
                amount
            );
    }

    function _count(bool b) private pure returns (uint256) {
        return b ? 1 : 0;
    }
}
