// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Active -> Suspended (ruling or non-payment) -> Active (lifted); Active | Suspended ->
/// Revoked | Expired. A suspended licence cannot start a new royalty period; money owed to a
/// penalised party is held, not lost (M9).
enum LicenseStatus {
    None,
    Active,
    Suspended,
    Revoked,
    Expired
}

/// @title ILicenseManager
/// @notice Licensing and royalties (F5, F6, R4). The functions below are the part other modules
/// (`DisputeResolution`) call; `LicenseManager` documents the rest.
interface ILicenseManager {
    /// @notice Disputes module: suspends licence `licenseId` as the remedy of claim `claimId`.
    function suspendLicense(uint256 licenseId, uint256 claimId) external;

    /// @notice Disputes module: lifts a suspension; the licence is Active again.
    function liftSuspension(uint256 licenseId, uint256 claimId) external;

    /// @notice Disputes module: revokes licence `licenseId` as the remedy of claim `claimId`.
    function revokeLicense(uint256 licenseId, uint256 claimId) external;

    /// @notice The licence's status, licensee and the agreement it was granted under (0 for a public offer).
    function licenseSummary(
        uint256 licenseId
    ) external view returns (LicenseStatus status, address licensee, uint256 assetId, uint256 agreementId);
}
