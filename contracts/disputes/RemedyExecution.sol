// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Claim} from "../interfaces/IDisputeResolution.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ILicenseManager} from "../interfaces/ILicenseManager.sol";

/// @title RemedyExecution
/// @notice The calls that carry out an upheld ruling, kept apart from the claim state machine.
/// @dev `DisputeResolution` decides a `Plan` from views, records its history entries and counts,
/// and only then calls `applyPlan` (checks, effects, interactions). Money moves only through
/// `ITreasury.slashBond`, which never takes more than the member's performance bond and never
/// touches project, grant or royalty ledgers (M8).
library RemedyExecution {
    using Strings for uint256;
    using Strings for address;

    /// @notice What an upheld ruling does.
    struct Plan {
        /// Amount to slash from the respondent's performance bond (0: none).
        uint256 slash;
        bool suspendLicense;
        bool revokeLicense;
        bool suspendMember;
        bool propose;
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

    /// @notice The council proposal that would expel the respondent: one call to
    /// `Membership.expel(respondent, statementHash)`, described with the claim id so it is unique.
    function expulsionProposal(
        uint256 claimId,
        Claim storage c,
        IMembership membership
    )
        internal
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
        targets[0] = address(membership);
        calldatas[0] = abi.encodeCall(IMembership.expel, (c.respondent, c.statementHash));
        description = string.concat(
            "Covenant claim #",
            claimId.toString(),
            ": expel ",
            c.respondent.toHexString(),
            " (breach of agreement #",
            c.agreementId.toString(),
            " upheld by arbitration)"
        );
    }
}
