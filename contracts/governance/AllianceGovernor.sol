// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {ICharter} from "../interfaces/ICharter.sol";
import {ReservedCall, GovernorConfig} from "../interfaces/IAllianceGovernor.sol";
import {GovernorCountingCharter} from "./GovernorCountingCharter.sol";

/// @title AllianceGovernor
/// @notice The council (F3): members vote with their soulbound seats (`Membership`, one member one
/// vote, timestamp clock); passed proposals are queued in and executed by an OpenZeppelin
/// `TimelockController`, which holds the AccessManager's ADMIN and COUNCIL roles. Rules of
/// counting: see `GovernorCountingCharter`.
/// @dev Powers and non-powers:
/// - Members with voting power at a proposal's snapshot that are bound by the charter in force when
///   it was made (any seat holder before the first charter) vote once on it; the one member whose
///   standing it changes is recused and its seat leaves the quorum base (B3); a member with voting
///   power may propose (threshold: 1 seat in unit tests; 0 in a deployment, see docs/deployment.md).
/// - A proposal changes the standing of one member at most (B3); admissions may be batched.
/// - The timelock (i.e. a passed proposal) changes the voting delay, period, threshold, the reserved
///   set and the timelock itself; every call to this contract or to the timelock is reserved.
/// - Nobody (not the deployer, not the secretariat, not any role) can cast a vote without a seat,
///   change the rules of a proposal after it was created, or queue it after `QUEUE_WINDOW`.
/// - A queued proposal can be executed by anyone once the timelock delay has passed (open executor).
contract AllianceGovernor is GovernorSettings, GovernorTimelockControl, GovernorCountingCharter {
    /// @notice Seconds after the voting deadline within which a succeeded proposal must be queued.
    uint48 public immutable QUEUE_WINDOW;

    constructor(
        IVotes seats,
        TimelockController timelock,
        ICharter charter,
        GovernorConfig memory config,
        ReservedCall[] memory reserved
    )
        Governor("Covenant Council")
        GovernorVotes(seats)
        GovernorSettings(config.votingDelay, config.votingPeriod, config.proposalThreshold)
        GovernorTimelockControl(timelock)
        GovernorCountingCharter(charter, reserved)
    {
        if (address(seats) == address(0) || address(timelock) == address(0))
            revert AllianceGovernorZeroAddress();
        if (config.queueWindow == 0) revert AllianceGovernorZeroQueueWindow();
        QUEUE_WINDOW = config.queueWindow;
    }

    /// @notice As OpenZeppelin's, plus: a Succeeded proposal not queued within `QUEUE_WINDOW`
    /// seconds after its deadline is Expired (A4).
    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        ProposalState s = super.state(proposalId);
        if (s == ProposalState.Succeeded && clock() > proposalDeadline(proposalId) + QUEUE_WINDOW) {
            return ProposalState.Expired;
        }
        return s;
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorCountingCharter) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _alwaysReserved(address target) internal view override returns (bool) {
        return super._alwaysReserved(target) || target == timelock();
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
