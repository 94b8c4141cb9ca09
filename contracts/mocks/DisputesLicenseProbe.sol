// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";

/// @title DisputesLicenseProbe
/// @notice Test-only stand-in for `LicenseManager` as `DisputeResolution` sees it: settable licences
/// and recorded remedy calls, with the suspension rules the licensing module keeps (B7): a ruling
/// suspends a live licence whatever its state, suspensions are counted per claim, lifting one claim's
/// suspension lifts only that one, and the licence is Active again only when no ruling's suspension
/// remains and it is not suspended for non-payment. Every setter is open: never deploy outside tests.
contract DisputesLicenseProbe is ILicenseManager {
    /// @dev The licence is `status`, where the call needs another state.
    error DisputesLicenseProbeWrongStatus(uint256 licenseId, LicenseStatus status);
    /// @dev Claim `claimId` holds no suspension of licence `licenseId` to lift.
    error DisputesLicenseProbeNotSuspendedByClaim(uint256 licenseId, uint256 claimId);

    event LicenseSuspended(uint256 indexed licenseId, uint256 indexed claimId, address caller);
    event SuspensionLifted(uint256 indexed licenseId, uint256 indexed claimId, address caller);
    event LicenseRevoked(uint256 indexed licenseId, uint256 indexed claimId, address caller);

    struct License {
        LicenseStatus status;
        address licensee;
        uint256 assetId;
        uint256 agreementId;
        bool forNonPayment;
        uint256 rulings;
    }

    mapping(uint256 licenseId => License) private _licenses;
    mapping(uint256 licenseId => mapping(uint256 claimId => bool)) private _byClaim;

    function setLicense(
        uint256 licenseId,
        LicenseStatus status,
        address licensee,
        uint256 assetId,
        uint256 agreementId
    ) external {
        _licenses[licenseId] = License(status, licensee, assetId, agreementId, false, 0);
    }

    /// @notice Suspends (or clears the suspension of) licence `licenseId` for non-payment.
    function setNonPayment(uint256 licenseId, bool suspended) external {
        License storage lic = _licenses[licenseId];
        lic.forNonPayment = suspended;
        if (suspended) lic.status = LicenseStatus.Suspended;
        else if (lic.rulings == 0 && lic.status == LicenseStatus.Suspended) lic.status = LicenseStatus.Active;
    }

    function suspendLicense(uint256 licenseId, uint256 claimId) external {
        License storage lic = _licenses[licenseId];
        if (lic.status != LicenseStatus.Active && lic.status != LicenseStatus.Suspended)
            revert DisputesLicenseProbeWrongStatus(licenseId, lic.status);
        lic.status = LicenseStatus.Suspended;
        if (!_byClaim[licenseId][claimId]) {
            _byClaim[licenseId][claimId] = true;
            lic.rulings += 1;
        }
        emit LicenseSuspended(licenseId, claimId, msg.sender);
    }

    function liftSuspension(uint256 licenseId, uint256 claimId) external {
        License storage lic = _licenses[licenseId];
        if (lic.status != LicenseStatus.Suspended)
            revert DisputesLicenseProbeWrongStatus(licenseId, lic.status);
        if (!_byClaim[licenseId][claimId]) revert DisputesLicenseProbeNotSuspendedByClaim(licenseId, claimId);
        _byClaim[licenseId][claimId] = false;
        lic.rulings -= 1;
        if (lic.rulings == 0 && !lic.forNonPayment) lic.status = LicenseStatus.Active;
        emit SuspensionLifted(licenseId, claimId, msg.sender);
    }

    function revokeLicense(uint256 licenseId, uint256 claimId) external {
        License storage lic = _licenses[licenseId];
        if (lic.status != LicenseStatus.Active && lic.status != LicenseStatus.Suspended)
            revert DisputesLicenseProbeWrongStatus(licenseId, lic.status);
        lic.status = LicenseStatus.Revoked;
        emit LicenseRevoked(licenseId, claimId, msg.sender);
    }

    function licenseSummary(
        uint256 licenseId
    ) external view returns (LicenseStatus status, address licensee, uint256 assetId, uint256 agreementId) {
        License storage lic = _licenses[licenseId];
        return (lic.status, lic.licensee, lic.assetId, lic.agreementId);
    }

    /// @notice Whether claim `claimId`'s ruling holds a suspension of licence `licenseId`.
    function suspendedByClaim(uint256 licenseId, uint256 claimId) external view returns (bool) {
        return _byClaim[licenseId][claimId];
    }
}
