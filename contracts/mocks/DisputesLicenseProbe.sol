// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";

/// @title DisputesLicenseProbe
/// @notice Test-only stand-in for `LicenseManager` as `DisputeResolution` sees it: settable licences
/// and recorded remedy calls. Every setter is open: never deploy outside tests.
contract DisputesLicenseProbe is ILicenseManager {
    error DisputesLicenseProbeWrongStatus(uint256 licenseId, LicenseStatus status);

    event LicenseSuspended(uint256 indexed licenseId, uint256 indexed claimId, address caller);
    event SuspensionLifted(uint256 indexed licenseId, uint256 indexed claimId, address caller);
    event LicenseRevoked(uint256 indexed licenseId, uint256 indexed claimId, address caller);

    struct License {
        LicenseStatus status;
        address licensee;
        uint256 assetId;
        uint256 agreementId;
    }

    mapping(uint256 licenseId => License) private _licenses;

    function setLicense(
        uint256 licenseId,
        LicenseStatus status,
        address licensee,
        uint256 assetId,
        uint256 agreementId
    ) external {
        _licenses[licenseId] = License(status, licensee, assetId, agreementId);
    }

    function suspendLicense(uint256 licenseId, uint256 claimId) external {
        License storage lic = _licenses[licenseId];
        if (lic.status != LicenseStatus.Active) revert DisputesLicenseProbeWrongStatus(licenseId, lic.status);
        lic.status = LicenseStatus.Suspended;
        emit LicenseSuspended(licenseId, claimId, msg.sender);
    }

    function liftSuspension(uint256 licenseId, uint256 claimId) external {
        License storage lic = _licenses[licenseId];
        if (lic.status != LicenseStatus.Suspended)
            revert DisputesLicenseProbeWrongStatus(licenseId, lic.status);
        lic.status = LicenseStatus.Active;
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
}
