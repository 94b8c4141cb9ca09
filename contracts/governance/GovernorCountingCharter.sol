// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICharter, CharterParams} from "../interfaces/ICharter.sol";
import {IMembership} from "../interfaces/IMembership.sol";
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
/// - Quorum: (For + Abstain) * 10000 >= base * `quorumBps`, where base = seats at the snapshot (the
///   seats' `getPastTotalSupply`, so members admitted after the snapshot change nothing, A2) minus
///   the recused subject's seat if it held one with voting power at the snapshot (B3).
/// - One subject per proposal (B3): the `ReservedAboutMember` calls of a proposal (suspension,
///   expulsion, reinstatement, lead unit) all name the same member, or `propose` reverts. That member
///   is recused. Admissions are plain Reserved and batch freely (an applicant holds no seat).
/// - Who votes: a vote without voting power at the snapshot reverts (no zero-weight records); while
///   a charter was in force at creation, only members bound by that charter line vote (members not
///   bound by the charter in force hold no votes; founders vote before the first charter).
/// The token must be the alliance's `Membership` (its `boundLineOf` and voting checkpoints are read).
abstract contract GovernorCountingCharter is IAllianceGovernor, GovernorCountingSimple, GovernorVotes {
    bytes4 public constant ANY_SELECTOR = bytes4(0);
    /// @notice Target of entries that reserve a selector on every target: for contracts deployed after
    /// the governor (`DisputeResolution` takes the governor in its constructor), B14.
    address public constant ANY_TARGET = address(0);
    uint256 private constant _BPS = 10_000;

    ICharter public immutable CHARTER;

    mapping(address target => mapping(bytes4 selector => ReservedKind)) private _reserved;
    mapping(uint256 proposalId => ProposalRules) private _rules;

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
        return Math.mulDiv(_quorumBase(proposalId), _rules[proposalId].quorumBps, _BPS, Math.Rounding.Ceil);
    }

    /// @inheritdoc IAllianceGovernor
    function isRecused(uint256 proposalId, address account) external view returns (bool) {
        return account != address(0) && _rules[proposalId].subject == account;
    }

    /// @notice Seats needed For + Abstain at `timepoint` under the charter's quorum now (a proposal
    /// uses the value fixed at its creation: see `proposalQuorum`).
    function quorum(uint256 timepoint) public view virtual override returns (uint256) {
        uint256 seats = token().getPastTotalSupply(timepoint);
        return Math.mulDiv(seats, CHARTER.charterParams().quorumBps, _BPS, Math.Rounding.Ceil);
    }

    /// @dev Fixes the proposal's rules: reserved or not, the charter's thresholds and charter line
    /// now, and its one subject (B3).
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
        address subject;
        // Bounded by the proposer's own proposal size (the proposer pays for it).
        for (uint256 i = 0; i < targets.length; ++i) {
            ReservedKind kind = _reservedKindOf(targets[i], calldatas[i]);
            if (kind == ReservedKind.None) continue;
            reserved = true;
            if (kind == ReservedKind.ReservedAboutMember && calldatas[i].length >= 36) {
                // The first ABI word after the selector; an address occupies its low 160 bits.
                address about = address(uint160(uint256(bytes32(Bytes.slice(calldatas[i], 4, 36)))));
                if (about == address(0) || about == subject) continue;
                if (subject != address(0)) revert AllianceGovernorSeveralSubjects(subject, about);
                subject = about;
                emit VoterRecused(proposalId, about);
            }
        }
        // Safe cast: charter lines are agreement ids, a counter that stays far below 2^56.
        uint56 line = uint56(CHARTER.charterLine());
        _rules[proposalId] = ProposalRules(reserved, p.quorumBps, p.supermajorityBps, subject, line);
        emit ProposalRulesFixed(proposalId, reserved, p.quorumBps, p.supermajorityBps);
    }

    /// @dev Refuses votes without power at the snapshot, the vote of the recused subject, and, while a
    /// charter was in force at creation, votes of members not bound by that charter line.
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
        ProposalRules storage r = _rules[proposalId];
        if (account == r.subject) revert AllianceGovernorVoterRecused(proposalId, account);
        uint256 line = r.charterLine;
        if (line != 0 && IMembership(address(token())).boundLineOf(account) != line) {
            revert AllianceGovernorNotBound(proposalId, account, line);
        }
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    /// @dev (For + Abstain) * 10000 >= quorum base * quorumBps fixed at creation. A queued proposal
    /// reached it: queueing needs Succeeded, and nothing that decides it (the votes, the seats and
    /// voting checkpoints at the snapshot, the rules fixed at creation) changes after the deadline, so
    /// executing does not count it again.
    function _quorumReached(
        uint256 proposalId
    ) internal view virtual override(Governor, GovernorCountingSimple) returns (bool) {
        if (proposalEta(proposalId) != 0) return true;
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return (forVotes + abstainVotes) * _BPS >= _quorumBase(proposalId) * _rules[proposalId].quorumBps;
    }

    /// @dev Seats at the snapshot, less the recused subject's seat if it held one with voting power
    /// then (B3): the subject's voting checkpoints say so (a seat's power is only ever delegated to
    /// its holder, so the subject's votes at the snapshot are 1 iff it held a voting seat, else 0).
    /// A seat without voting power (a member not yet bound by the charter in force) stays in the
    /// base like every other such seat; it could not have voted anyway.
    function _quorumBase(uint256 proposalId) private view returns (uint256 seats) {
        uint256 snapshot = proposalSnapshot(proposalId);
        seats = token().getPastTotalSupply(snapshot);
        address subject = _rules[proposalId].subject;
        if (subject != address(0) && seats != 0 && token().getPastVotes(subject, snapshot) != 0) {
            // unchecked: seats != 0 was checked just above.
            unchecked {
                --seats;
            }
        }
    }

    /// @dev For > Against; for a reserved proposal also round(For * 10000 / (For + Against)) >= supermajorityBps.
    /// A queued proposal succeeded (as for `_quorumReached`: it is not counted again).
    function _voteSucceeded(
        uint256 proposalId
    ) internal view virtual override(Governor, GovernorCountingSimple) returns (bool) {
        if (proposalEta(proposalId) != 0) return true;
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

    /// @dev The first entry that is not None of: (target, selector), (target, ANY_SELECTOR),
    /// (ANY_TARGET, selector). Entries only add reservations; none can lift another.
    function _reservedKindOf(address target, bytes memory data) internal view returns (ReservedKind) {
        if (_alwaysReserved(target)) return ReservedKind.Reserved;
        bytes4 selector = bytes4(data);
        ReservedKind kind = _reserved[target][selector];
        if (kind == ReservedKind.None) kind = _reserved[target][ANY_SELECTOR];
        if (kind == ReservedKind.None) kind = _reserved[ANY_TARGET][selector];
        return kind;
    }

    function _setReservedCall(address target, bytes4 selector, ReservedKind kind) private {
        if ((target == ANY_TARGET && selector == ANY_SELECTOR) || _alwaysReserved(target)) {
            revert AllianceGovernorInvalidReservedCall(target, selector);
        }
        _reserved[target][selector] = kind;
        emit ReservedCallSet(target, selector, kind);
    }
}
