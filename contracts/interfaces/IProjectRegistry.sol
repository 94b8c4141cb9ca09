// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Proposed -> Screening (reviews) -> Approved | Rejected; Approved -> Active (project
/// agreement in force) -> Completed | Cancelled. Approved -> Cancelled too.
enum ProjectStatus {
    None,
    Proposed,
    Approved,
    Rejected,
    Active,
    Completed,
    Cancelled
}

/// @title IProjectRegistry
/// @notice Joint R&D projects (R1, R2, F2, F5). The functions below are the part other modules
/// call; `ProjectRegistry` documents the rest.
interface IProjectRegistry {
    /// @notice The project's status; None for an unknown id.
    function projectStatus(uint256 projectId) external view returns (ProjectStatus);

    /// @notice The participants and their pre-agreed IP shares (bps, summing to 10000) of the
    /// project's results (F5): foreground IP is registered with exactly these owners and shares.
    function ipSharesOf(
        uint256 projectId
    ) external view returns (address[] memory participants, uint16[] memory ipSharesBps);

    /// @notice Whether `account` participates in the project.
    function isParticipant(uint256 projectId, address account) external view returns (bool);

    /// @notice The project agreement (AgreementRegistry id) in force for the project; 0 before activation.
    function projectAgreementOf(uint256 projectId) external view returns (uint256 agreementId);
}
