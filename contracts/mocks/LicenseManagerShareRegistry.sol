// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title LicenseManagerShareRegistry
/// @notice Test-only stand-in for the two `IPRegistry` reads a royalty claim may make (`shareOf`,
/// `shareHook`), with setters, so a test can change a share WITHOUT telling the LicenseManager and
/// show when the LicenseManager caches a share and when it asks the registry.
contract LicenseManagerShareRegistry {
    mapping(uint256 assetId => mapping(address owner => uint16 bps)) public shareOf;
    address public shareHook;

    function setShare(uint256 assetId, address owner, uint16 bps) external {
        shareOf[assetId][owner] = bps;
    }

    function setShareHook(address hook) external {
        shareHook = hook;
    }
}
