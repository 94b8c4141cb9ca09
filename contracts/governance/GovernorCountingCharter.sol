// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICharter, CharterParams} from "../interfaces/ICharter.sol";
import {
    IAllianceGovernor,
    ReservedKind,
    ReservedCall,
    ProposalRules
} from "../interfaces/IAllianceGovernor.sol";

/// @title GovernorCountingCharter
/// @notice Counting module: GovernorCountingSimple's Against / For / Abstain votes, with the
/// alliance charter's thresholds fixed per proposal when it is created.
/// - Votes cast = For + Against. Abstentions count toward quorum only.
/// - Ordinary proposal: passes iff For > Against.
/// - Reserved proposal (any call in the reserved set at creation): passes iff For > Against AND the
///   For share of votes cast, in basis points rounded half up, is >= `supermajorityBps`. With the
///   member cap (5000) and 6667 bps this is exactly "at least two thirds of votes cast": 2 of 3
///   passes, 3 of 5 fails.
/// - Quorum: (For + Abstain) * 10000 >= seats at the snapshot * `quorumBps` (the seats'
///   `getPastTotalSupply`, so members admitted after the snapshot change nothing, A2).
/// - A vote without voting power at the snapshot reverts (no zero-weight records), and the member a
///   reserved call is about (its first argument, for `ReservedAboutMember` entries) is recused.
abstract contract GovernorCountingCharter is IAllianceGovernor, GovernorCountingSimple, GovernorVotes {
    bytes4 public constant ANY_SELECTOR = bytes4(0);
    uint256 private constant _BPS = 10_000;

    ICharter public immutable CHARTER;

    mapping(address target => mapping(bytes4 selector => ReservedKind)) private _reserved;
    mapping(uint256 proposalId => ProposalRules) private _rules;
    mapping(uint256 proposalId => mapping(address account => bool)) private _recused;

    constructor(ICharter charter, ReservedCall[] memory reserved) {
        if (address(charter) == address(0)) revert AllianceGovernorZeroAddress();
        CHARTER = charter;
        for (uint256 i = 0; i < reserved.length; ++i) {
            _setReservedCall(reserved[i].target, reserved[i].selector, reserved[i].kind);
        }
    }

    /// @inheritdoc IAllianceGovernor
    function setReservedCall(address target, bytes4 selector, ReservedKind kind) external onlyGovernance {
        _setReservedCall(target, selector, kind);
    }

    /// @inheritdoc IAllianceGovernor
    function reservedKindOf(address target, bytes calldata data) external view returns (ReservedKind) {
        return _reservedKindOf(target, data);
    }

    /// @inheritdoc IAllianceGovernor
    function reservedEntry(address target, bytes4 selector) external view returns (ReservedKind) {
        return _reserved[target][selector];
    }

    /// @inheritdoc IAllianceGovernor
    function proposalRules(uint256 proposalId) external view returns (ProposalRules memory) {
        return _rules[proposalId];
    }

    /// @inheritdoc IAllianceGovernor
    function proposalQuorum(uint256 proposalId) public view returns (uint256) {
        uint256 seats = token().getPastTotalSupply(proposalSnapshot(proposalId));
        return Math.mulDiv(seats, _rules[proposalId].quorumBps, _BPS, Math.Rounding.Ceil);
    }

    /// @inheritdoc IAllianceGovernor
    function isRecused(uint256 proposalId, address account) external view returns (bool) {
        return _recused[proposalId][account];
    }

    /// @notice Seats needed For + Abstain at `timepoint` under the charter's quorum now (a proposal
    /// uses the value fixed at its creation: see `proposalQuorum`).
    function quorum(uint256 timepoint) public view virtual override returns (uint256) {
        uint256 seats = token().getPastTotalSupply(timepoint);
        return Math.mulDiv(seats, CHARTER.charterParams().quorumBps, _BPS, Math.Rounding.Ceil);
    }

    /// @dev Fixes the proposal's rules: reserved or not, the charter's thresholds now, recusals.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        CharterParams memory p = CHARTER.charterParams();
        if (p.quorumBps > _BPS || p.supermajorityBps > _BPS) {
            revert AllianceGovernorInvalidThreshold(p.quorumBps, p.supermajorityBps);
        }
        bool reserved;
        // Bounded by the proposer's own proposal size (the proposer pays for it).
        for (uint256 i = 0; i < targets.length; ++i) {
            ReservedKind kind = _reservedKindOf(targets[i], calldatas[i]);
            if (kind == ReservedKind.None) continue;
            reserved = true;
            if (kind == ReservedKind.ReservedAboutMember && calldatas[i].length >= 36) {
                // The first ABI word after the selector; an address occupies its low 160 bits.
                address subject = address(uint160(uint256(bytes32(Bytes.slice(calldatas[i], 4, 36)))));
                if (!_recused[proposalId][subject]) {
                    _recused[proposalId][subject] = true;
                    emit VoterRecused(proposalId, subject);
                }
            }
        }
        _rules[proposalId] = ProposalRules(reserved, p.quorumBps, p.supermajorityBps);
        emit ProposalRulesFixed(proposalId, reserved, p.quorumBps, p.supermajorityBps);
    }

    /// @dev Refuses votes without power at the snapshot and votes of a recused member.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override(Governor, GovernorCountingSimple) returns (uint256) {
        if (totalWeight == 0) {
            revert AllianceGovernorNoVotingPower(proposalId, account, proposalSnapshot(proposalId));
        }
        if (_recused[proposalId][account]) revert AllianceGovernorVoterRecused(proposalId, account);
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    /// @dev (For + Abstain) * 10000 >= seats at the snapshot * quorumBps fixed at creation.
    function _quorumReached(
        uint256 proposalId
    ) internal view virtual override(Governor, GovernorCountingSimple) returns (bool) {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 seats = token().getPastTotalSupply(proposalSnapshot(proposalId));
        return (forVotes + abstainVotes) * _BPS >= seats * _rules[proposalId].quorumBps;
    }

    /// @dev For > Against; for a reserved proposal also round(For * 10000 / (For + Against)) >= supermajorityBps.
    function _voteSucceeded(
        uint256 proposalId
    ) internal view virtual override(Governor, GovernorCountingSimple) returns (bool) {
        (uint256 againstVotes, uint256 forVotes, ) = proposalVotes(proposalId);
        if (forVotes <= againstVotes) return false;
        ProposalRules storage r = _rules[proposalId];
        if (!r.reserved) return true;
        uint256 cast = forVotes + againstVotes; // > 0, as forVotes > againstVotes >= 0
        uint256 shareBps = (forVotes * 2 * _BPS + cast) / (2 * cast);
        return shareBps >= r.supermajorityBps;
    }

    /// @dev True for the governor itself; the assembled governor adds its timelock.
    function _alwaysReserved(address target) internal view virtual returns (bool) {
        return target == address(this);
    }

    function _reservedKindOf(address target, bytes memory data) internal view returns (ReservedKind) {
        if (_alwaysReserved(target)) return ReservedKind.Reserved;
        ReservedKind kind = _reserved[target][bytes4(data)];
        return kind != ReservedKind.None ? kind : _reserved[target][ANY_SELECTOR];
    }

    function _setReservedCall(address target, bytes4 selector, ReservedKind kind) private {
        if (target == address(0)) revert AllianceGovernorZeroAddress();
        if (_alwaysReserved(target)) revert AllianceGovernorInvalidReservedCall(target, selector);
        _reserved[target][selector] = kind;
        emit ReservedCallSet(target, selector, kind);
    }
}
