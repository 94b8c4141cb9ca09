// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockMembership} from "./MockMembership.sol";

/// @title AgreementsMembershipProbe
/// @notice Test-only `MockMembership` that also takes `onAccession` (restricted to AGREEMENTS_MODULE
/// in the real Membership) and records who called it, so agreement tests can observe the call.
contract AgreementsMembershipProbe is MockMembership {
    event AccessionNotified(address indexed member, address indexed caller);

    mapping(address member => uint256) public accessionCalls;

    function onAccession(address member) external {
        ++accessionCalls[member];
        emit AccessionNotified(member, msg.sender);
    }
}
