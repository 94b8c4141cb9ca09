// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Member, MemberKind, MemberStatus} from "../interfaces/IMembership.sol";

/// @title MockMembership
/// @notice Test-only stand-in for `Membership`'s read side, for unit tests of modules that only ask
/// who is a member in what standing. Every setter is open: never deploy outside tests.
contract MockMembership {
    error MembershipNotConstituted();
    error MembershipNotAcceded(address member);
    error MembershipUnexpectedStatus(address account, MemberStatus current, uint256 expectedMask);

    bool public isConstituted = true;
    mapping(address account => Member) private _members;
    mapping(address account => bool) private _goodStanding;
    mapping(MemberStatus status => uint256 count) private _countByStatus;
    address public leadUnit;
    address public secretariat;

    function setConstituted(bool constituted) external {
        isConstituted = constituted;
    }

    /// @notice Sets `account`'s kind and status; an Active member is in good standing unless told otherwise.
    function setMember(address account, MemberKind kind, MemberStatus status) external {
        _setMember(account, kind, status);
    }

    /// @notice Number of accounts set in `status` (as `Membership.countByStatus`).
    function countByStatus(MemberStatus status) external view returns (uint256) {
        return _countByStatus[status];
    }

    function _setMember(address account, MemberKind kind, MemberStatus status) internal {
        Member storage m = _members[account];
        if (m.status != MemberStatus.None) --_countByStatus[m.status];
        if (status != MemberStatus.None) ++_countByStatus[status];
        m.kind = kind;
        m.status = status;
        m.entityId = keccak256(abi.encode(account));
        _goodStanding[account] = status == MemberStatus.Active;
    }

    function setGoodStanding(address account, bool good) external {
        _goodStanding[account] = good;
    }

    function setLeadUnit(address lead) external {
        leadUnit = lead;
    }

    function setSecretariat(address secretariat_) external {
        secretariat = secretariat_;
    }

    function memberOf(address account) external view returns (Member memory) {
        return _members[account];
    }

    function statusOf(address account) external view returns (MemberStatus) {
        return _members[account].status;
    }

    function isActive(address account) external view returns (bool) {
        return _members[account].status == MemberStatus.Active;
    }

    function isInGoodStanding(address account) external view returns (bool) {
        return _goodStanding[account];
    }

    function requireBusinessMember(address account) external view {
        if (!isConstituted) revert MembershipNotConstituted();
        if (_members[account].status != MemberStatus.Active) {
            revert MembershipUnexpectedStatus(
                account,
                _members[account].status,
                1 << uint8(MemberStatus.Active)
            );
        }
        if (!_goodStanding[account]) revert MembershipNotAcceded(account);
    }
}
