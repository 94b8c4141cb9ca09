// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MemberKind, MemberStatus} from "../interfaces/IMembership.sol";
import {MockMembership} from "./MockMembership.sol";

/// @title AgreementsMembershipProbe
/// @notice Test-only `MockMembership` that also keeps the charter binding as the real `Membership`
/// does (`onAccession`, restricted to AGREEMENTS_MODULE there; `boundLineOf`, `boundCountOf`,
/// `bindingEpoch`) and records who called `onAccession`, so agreement tests can observe the call.
contract AgreementsMembershipProbe is MockMembership {
    error MembershipAlreadyBound(address member, uint256 line);

    event AccessionNotified(address indexed member, address indexed caller, uint256 line);

    mapping(address member => uint256) public accessionCalls;
    mapping(address member => uint256) private _boundLine;
    mapping(uint256 line => uint256) private _boundCount;
    uint256 public bindingEpoch;

    function onAccession(address member, uint256 line) external {
        uint256 previous = _boundLine[member];
        if (previous == line) revert MembershipAlreadyBound(member, line);
        if (previous != 0) --_boundCount[previous];
        _boundLine[member] = line;
        ++_boundCount[line];
        ++bindingEpoch;
        ++accessionCalls[member];
        emit AccessionNotified(member, msg.sender, line);
    }

    /// @notice Sets `member`'s status as a withdrawal or expulsion does, which ends its binding.
    function leave(address member, MemberKind kind, MemberStatus status) external {
        _setMember(member, kind, status);
        uint256 line = _boundLine[member];
        if (line != 0) {
            --_boundCount[line];
            _boundLine[member] = 0;
            ++bindingEpoch;
        }
    }

    function boundLineOf(address account) external view returns (uint256) {
        return _boundLine[account];
    }

    function boundCountOf(uint256 line) external view returns (uint256) {
        return _boundCount[line];
    }
}
