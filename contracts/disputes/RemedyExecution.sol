// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Claim} from "../interfaces/IDisputeResolution.sol";
import {Remedies} from "../interfaces/IAgreementRegistry.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";

/// @title RemedyExecution
/// @notice The calls that carry out an upheld ruling, kept apart from the claim state machine.
/// @dev `DisputeResolution` decides a `Plan` from views, records its history entries and counts,
/// and only then calls `applyPlan` (checks, effects, interactions). Money moves only through
/// `ITreasury.slashBond`, which never takes more than the member's performance bond and never
/// touches project, grant or royalty ledgers (M8).
library RemedyExecution {
    /// @notice What an upheld ruling does.
    struct Plan {
        /// Amount to slash from the respondent's performance bond (0: none).
        uint256 slash;
        bool suspendLicense;
        bool revokeLicense;
        bool suspendMember;
        bool propose;
    }

    /// @notice Decides what the upheld ruling of claim `c` does, from views only, before any state
    /// is written: each requested remedy that still has something to act on.
    function planOf(
        Claim storage c,
        ITreasury treasury,
        IMembership membership,
        address licenseManager
    ) internal view returns (Plan memory p) {
        uint8 rem = c.remedies;
        MemberStatus s = membership.statusOf(c.respondent);
        if (rem & Remedies.DAMAGES != 0) {
            uint256 owed = c.damages > c.paid ? c.damages - c.paid : 0;
            uint256 bond = treasury.bondOf(c.respondent);
            // M8: never more than the bond, never more than the damages requested (<= the clause cap).
            p.slash = owed < bond ? owed : bond;
        }
        if (rem & (Remedies.LICENSE_SUSPENSION | Remedies.LICENSE_REVOCATION) != 0) {
            (LicenseStatus st, , , ) = ILicenseManager(licenseManager).licenseSummary(c.licenseId);
            if (rem & Remedies.LICENSE_SUSPENSION != 0) p.suspendLicense = st == LicenseStatus.Active;
            else p.revokeLicense = st == LicenseStatus.Active || st == LicenseStatus.Suspended;
        }
        p.suspendMember = rem & Remedies.MEMBERSHIP_SUSPENSION != 0 && s == MemberStatus.Active;
        p.propose =
            rem & Remedies.EXPULSION_PROPOSAL != 0 &&
            (s == MemberStatus.Active || s == MemberStatus.Suspended);
    }

    /// @notice Applies the slash, licence and membership remedies of `plan` for claim `claimId`.
    function applyPlan(
        Plan memory plan,
        uint256 claimId,
        Claim storage c,
        ITreasury treasury,
        IMembership membership,
        address licenseManager
    ) internal {
        if (plan.slash > 0) {
            address to = c.forAlliance ? address(treasury) : c.claimant;
            treasury.slashBond(c.respondent, plan.slash, to, claimId);
        }
        if (plan.suspendLicense) ILicenseManager(licenseManager).suspendLicense(c.licenseId, claimId);
        if (plan.revokeLicense) ILicenseManager(licenseManager).revokeLicense(c.licenseId, claimId);
        if (plan.suspendMember) membership.suspend(c.respondent, c.statementHash);
    }
}
