// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Project, ProjectStatus} from "../interfaces/IProjectRegistry.sol";

/// @title MockProjectRegistry
/// @notice Test-only stand-in for `ProjectRegistry`'s read side (IP shares, participants, the project
/// agreement), for unit tests of IPRegistry and LicenseManager. Every setter is open: never deploy
/// outside tests. Implements only the functions IPRegistry calls (same ABI as IProjectRegistry).
contract MockProjectRegistry {
    mapping(uint256 projectId => ProjectStatus) private _status;
    mapping(uint256 projectId => address[]) private _participants;
    mapping(uint256 projectId => uint16[]) private _shares;
    mapping(uint256 projectId => mapping(address account => bool)) private _isParticipant;
    mapping(uint256 projectId => uint256 agreementId) private _agreement;
    mapping(uint256 projectId => uint48 activatedAt) private _activatedAt;

    /// @notice Sets a project's status, participants with their IP shares, and project agreement; an
    /// Active project's activation time is now.
    function setProject(
        uint256 projectId,
        ProjectStatus status,
        address[] calldata participants,
        uint16[] calldata ipSharesBps,
        uint256 agreementId
    ) external {
        _status[projectId] = status;
        _participants[projectId] = participants;
        _shares[projectId] = ipSharesBps;
        for (uint256 i = 0; i < participants.length; ++i) _isParticipant[projectId][participants[i]] = true;
        _agreement[projectId] = agreementId;
        if (status == ProjectStatus.Active) _activatedAt[projectId] = uint48(block.timestamp);
    }

    function setStatus(uint256 projectId, ProjectStatus status) external {
        _status[projectId] = status;
    }

    function setActivatedAt(uint256 projectId, uint48 activatedAt) external {
        _activatedAt[projectId] = activatedAt;
    }

    /// @notice The project's header: status, activation time and agreement (other fields empty).
    function projectOf(uint256 projectId) external view returns (Project memory p) {
        p.status = _status[projectId];
        p.activatedAt = _activatedAt[projectId];
        p.agreementId = _agreement[projectId];
    }

    function projectStatus(uint256 projectId) external view returns (ProjectStatus) {
        return _status[projectId];
    }

    function ipSharesOf(
        uint256 projectId
    ) external view returns (address[] memory participants, uint16[] memory ipSharesBps) {
        return (_participants[projectId], _shares[projectId]);
    }

    function isParticipant(uint256 projectId, address account) external view returns (bool) {
        return _isParticipant[projectId][account];
    }

    function projectAgreementOf(uint256 projectId) external view returns (uint256 agreementId) {
        return _agreement[projectId];
    }
}
