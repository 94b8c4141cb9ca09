// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MemberStatus} from "../interfaces/IMembership.sol";

/// @title DisputesMembershipProbe
/// @notice Test-only stand-in for `Membership` as `DisputeResolution` uses it: settable standing and
/// a recorded `suspend`. Every setter is open: never deploy outside tests.
contract DisputesMembershipProbe {
    error MembershipUnexpectedStatus(address account, MemberStatus current, uint256 expectedMask);

    event MemberSuspended(address indexed member, bytes32 reasonHash);
    event MemberExpelled(address indexed member, bytes32 reasonHash);

    mapping(address account => MemberStatus) private _status;
    mapping(address account => bool) private _goodStanding;

    /// @notice Sets `account`'s status; an Active member is in good standing unless told otherwise.
    function setMember(address account, MemberStatus status) external {
        _status[account] = status;
        _goodStanding[account] = status == MemberStatus.Active;
    }

    function setGoodStanding(address account, bool good) external {
        _goodStanding[account] = good;
    }

    function suspend(address member, bytes32 reasonHash) external {
        if (_status[member] != MemberStatus.Active)
            revert MembershipUnexpectedStatus(member, _status[member], 1 << uint8(MemberStatus.Active));
        _status[member] = MemberStatus.Suspended;
        _goodStanding[member] = false;
        emit MemberSuspended(member, reasonHash);
    }

    function expel(address member, bytes32 reasonHash) external {
        _status[member] = MemberStatus.Expelled;
        _goodStanding[member] = false;
        emit MemberExpelled(member, reasonHash);
    }

    function statusOf(address account) external view returns (MemberStatus) {
        return _status[account];
    }

    function isActive(address account) external view returns (bool) {
        return _status[account] == MemberStatus.Active;
    }

    function isInGoodStanding(address account) external view returns (bool) {
        return _goodStanding[account];
    }
}
