// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Roles} from "../access/Roles.sol";
import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {IPanelArbitrator, PanelDispute, PanelParties, PanelPhase} from "../interfaces/IPanelArbitrator.sol";

/// @title PanelArbitrator
/// @notice The alliance's built-in ERC-792 arbitrator (F5): expert committee members sit on a panel
/// appointed per dispute; anyone who is a party, or is affiliated with one, is recused; the panel
/// rules by majority with a reasons hash; one appeal goes to an enlarged panel (2n + 1); then the
/// ruling is final and sent to the arbitrable contract.
/// Storage keeps what is checked later, the rest is in events: the parties, the voting period and the
/// panel's size (`DisputeParties`) and the latest panel's list (`PanelAppointed`) are one hash, the
/// dispute's record (an appointment and a panellist's vote supply them back and they are checked
/// against it, as court rounds of Kleros and Aragon keep their jurors), and a round's votes and
/// ruling are one packed word. A round's vote ends by time (or with its last vote) and needs no closing call: the
/// phase, the appeal window and whether the ruling may be given follow from `votingEndsAt`.
/// @dev Roles (AccessManager):
/// - DISPUTES_MODULE (the `DisputeResolution` contract): `createDispute`. Only the arbitrable that
///   created a dispute may appeal it (checked here, not by role).
/// - SECRETARIAT: `appointPanel` (it cannot appoint a non-expert, a party or an affiliate, and
///   cannot vote), `registerAffiliation` (it can add, never remove, an affiliation).
/// - EXPERT: may be appointed; votes only on panels it sits on, once per round, inside the window.
/// - COUNCIL: `setPanelParams` for future disputes. Cannot vote, rule, or change a dispute's panel,
///   and cannot set a voting period or an appeal window below `MIN_WINDOW` (B16).
/// Nobody can change a vote, a ruling or an affiliation once recorded; no function moves money.
contract PanelArbitrator is AccessManaged, IPanelArbitrator {
    /// @notice Largest first-round panel (the appeal panel is then 2 * 15 + 1 = 31).
    uint16 public constant MAX_PANEL_SIZE = 15;
    /// @notice B16: the floor of the voting period and of the appeal window (one day, as the
    /// charter's windows), so that no parameter switches off the panel's vote or the parties' appeal.
    uint32 public constant MIN_WINDOW = 1 days;

    /// @dev A dispute as stored, in 2 words (both written by `createDispute`; `appointPanel` rewrites
    /// the second) and one word per round of votes. `phase` is stored as Appointing, Voting or Solved;
    /// Appealable and Final follow from the time (`_phaseOf`). `record` is `_recordOf(parties, panel)`
    /// of the dispute's `PanelParties` and the latest panel appointed (empty before the first).
    /// `votes[round]`: byte i (i < 31) is the choice of the panel's i-th member (0: no vote yet),
    /// byte 31 the choice that has a majority of the whole panel (0 while none): the round's ruling.
    struct StoredDispute {
        address arbitrable;
        PanelPhase phase;
        uint8 round;
        uint8 choices;
        uint40 votingEndsAt;
        uint32 appealWindow;
        bytes32 record;
        uint256[2] votes;
    }

    uint16 private _panelSize;
    uint32 private _votingPeriod;
    uint32 private _appealWindow;
    uint256 private _disputeCount;
    mapping(uint256 disputeId => StoredDispute) private _disputes;
    mapping(address expert => mapping(address organisation => bool)) private _affiliated;
    mapping(address expert => address[] organisations) private _affiliations;

    constructor(
        address authority,
        uint16 panelSize,
        uint32 votingPeriod,
        uint32 appealWindow
    ) AccessManaged(authority) {
        if (authority == address(0)) revert PanelArbitratorZeroAddress();
        _setParams(panelSize, votingPeriod, appealWindow);
    }

    // ================================================================== ERC-792

    /// @inheritdoc IArbitrator
    /// @dev Restricted to DISPUTES_MODULE. extraData = abi.encode(claimant, respondent).
    function createDispute(
        uint256 choices,
        bytes calldata extraData
    ) external payable restricted returns (uint256 disputeId) {
        if (msg.value != 0) revert PanelArbitratorNoFees(msg.value);
        if (choices == 0 || choices > type(uint8).max) revert PanelArbitratorInvalidChoices(choices);
        if (extraData.length != 64) revert PanelArbitratorInvalidExtraData();
        (address claimant, address respondent) = abi.decode(extraData, (address, address));
        if (claimant == address(0) || respondent == address(0) || claimant == respondent)
            revert PanelArbitratorInvalidExtraData();
        disputeId = ++_disputeCount;
        StoredDispute storage d = _disputes[disputeId];
        // Narrowing is safe: choices <= 255 was checked above.
        (d.arbitrable, d.phase, d.choices, d.appealWindow) = (
            msg.sender,
            PanelPhase.Appointing,
            uint8(choices),
            _appealWindow
        );
        PanelParties memory parties = PanelParties(claimant, respondent, _votingPeriod, _panelSize);
        d.record = keccak256(abi.encode(parties, new address[](0)));
        emit DisputeCreation(disputeId, IArbitrable(msg.sender));
        emit DisputeParties(disputeId, claimant, respondent, parties.votingPeriod, parties.panelSize);
    }

    /// @inheritdoc IArbitrator
    function arbitrationCost(bytes calldata) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IArbitrator
    /// @dev Only the arbitrable that created the dispute, once, inside the appeal window (end inclusive).
    function appeal(uint256 disputeId, bytes calldata) external payable {
        if (msg.value != 0) revert PanelArbitratorNoFees(msg.value);
        StoredDispute storage d = _dispute(disputeId);
        if (msg.sender != d.arbitrable) revert PanelArbitratorNotArbitrable(disputeId, msg.sender);
        _requirePhase(disputeId, d, PanelPhase.Appealable);
        uint256 end = uint256(d.votingEndsAt) + d.appealWindow;
        if (block.timestamp > end) revert PanelArbitratorAppealClosed(disputeId, end);
        // Round 1's votes and ruling start empty in their own word; round 0's stay readable.
        (d.round, d.phase) = (1, PanelPhase.Appointing);
        emit AppealDecision(disputeId, IArbitrable(msg.sender));
    }

    /// @inheritdoc IArbitrator
    function appealCost(uint256, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IArbitrator
    /// @dev ERC-792's current or next appeal period: the first round's, [votingEndsAt + 1,
    /// votingEndsAt + appealWindow], from its appointment (it moves earlier when every panellist votes
    /// before the end); (0, 0) before the appointment and once the dispute was appealed.
    function appealPeriod(uint256 disputeId) external view returns (uint256 start, uint256 end) {
        StoredDispute storage d = _disputes[disputeId];
        if (_windowed(d)) return (uint256(d.votingEndsAt) + 1, uint256(d.votingEndsAt) + d.appealWindow);
        return (0, 0);
    }

    /// @inheritdoc IArbitrator
    /// @dev Waiting until the round's vote ends; Appealable after the first round's vote until its
    /// ruling is given; Solved once the appeal panel's vote ended (its ruling is final) or given.
    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus) {
        PanelPhase p = _phaseOf(_dispute(disputeId));
        if (p == PanelPhase.Appealable) return DisputeStatus.Appealable;
        if (p == PanelPhase.Final || p == PanelPhase.Solved) return DisputeStatus.Solved;
        return DisputeStatus.Waiting;
    }

    /// @inheritdoc IArbitrator
    function currentRuling(uint256 disputeId) external view returns (uint256) {
        StoredDispute storage d = _dispute(disputeId);
        return d.votes[d.round] >> 248;
    }

    // ================================================================== panel

    /// @inheritdoc IPanelArbitrator
    function appointPanel(
        uint256 disputeId,
        PanelParties calldata parties,
        address[] calldata sitting,
        address[] calldata panel
    ) external restricted {
        StoredDispute storage d = _dispute(disputeId);
        _requirePhase(disputeId, d, PanelPhase.Appointing);
        _requireRecord(disputeId, d, parties, sitting);
        uint8 round = d.round;
        uint256 required = round == 0 ? parties.panelSize : 2 * uint256(parties.panelSize) + 1;
        if (panel.length != required) revert PanelArbitratorWrongPanelSize(panel.length, required);
        IAccessManager manager = IAccessManager(authority());
        // Bounded: at most 2 * MAX_PANEL_SIZE + 1 experts (465 comparisons for the duplicates).
        for (uint256 i = 0; i < panel.length; ++i) {
            address e = panel[i];
            (bool isExpert, ) = manager.hasRole(Roles.EXPERT, e);
            if (!isExpert) revert PanelArbitratorNotExpert(e);
            for (uint256 j = 0; j < i; ++j) if (panel[j] == e) revert PanelArbitratorDuplicateExpert(e);
            _requireNotRecused(parties, e);
        }
        // A non-zero word rewritten: the record now commits to the parties and this panel.
        d.record = _recordOf(parties, panel);
        // Narrowing is safe: timestamps fit in 40 bits for thirty thousand years.
        uint40 end = uint40(block.timestamp + parties.votingPeriod);
        (d.phase, d.votingEndsAt) = (PanelPhase.Voting, end);
        emit PanelAppointed(disputeId, round, panel, end);
    }

    /// @inheritdoc IPanelArbitrator
    function vote(
        uint256 disputeId,
        PanelParties calldata parties,
        address[] calldata panel,
        uint256 choice,
        bytes32 reasonsHash
    ) external {
        StoredDispute storage d = _dispute(disputeId);
        // The stored phase: a vote after the window is refused as late (VotingClosed), not as misplaced.
        if (d.phase != PanelPhase.Voting)
            revert PanelArbitratorUnexpectedPhase(disputeId, d.phase, PanelPhase.Voting);
        if (block.timestamp > d.votingEndsAt) revert PanelArbitratorVotingClosed(disputeId, d.votingEndsAt);
        _requireRecord(disputeId, d, parties, panel);
        // Bounded: at most 31 seats. The appointment refused duplicates, so the seat is unique.
        uint256 seat = panel.length;
        for (uint256 i = 0; i < panel.length; ++i)
            if (panel[i] == msg.sender) {
                seat = i;
                break;
            }
        if (seat == panel.length) revert PanelArbitratorNotOnPanel(disputeId, msg.sender);
        uint8 round = d.round;
        uint256 votes = d.votes[round];
        if ((votes >> (8 * seat)) & 0xff != 0) revert PanelArbitratorAlreadyVoted(disputeId, msg.sender);
        if (choice == 0 || choice > d.choices) revert PanelArbitratorInvalidChoice(choice);
        if (reasonsHash == bytes32(0)) revert PanelArbitratorZeroReasons();
        _requireNotRecused(parties, msg.sender);
        votes |= choice << (8 * seat);
        (uint256 cast, uint256 backing) = _count(votes, panel.length, choice);
        emit VoteCast(disputeId, round, msg.sender, choice, reasonsHash);
        // A majority of the whole panel can be reached by one choice only, once: that vote fixes the
        // ruling, and its reasons are the ruling's (the event is their record).
        if (backing == panel.length / 2 + 1) {
            votes |= choice << 248;
            emit PanelRuled(disputeId, round, choice, reasonsHash);
        }
        d.votes[round] = votes;
        if (cast == panel.length && block.timestamp < d.votingEndsAt) {
            // Every panellist voted: the vote ends now (the appeal window, or the final ruling, follows).
            // Narrowing is safe: timestamps fit in 40 bits.
            d.votingEndsAt = uint40(block.timestamp);
            emit VotingEnded(disputeId, round, block.timestamp);
        }
    }

    /// @inheritdoc IPanelArbitrator
    function executeRuling(uint256 disputeId) external {
        StoredDispute storage d = _dispute(disputeId);
        PanelPhase p = _phaseOf(d);
        if (p == PanelPhase.Voting) revert PanelArbitratorVotingOpen(disputeId, d.votingEndsAt);
        if (p == PanelPhase.Appealable) {
            uint256 end = uint256(d.votingEndsAt) + d.appealWindow;
            if (block.timestamp <= end) revert PanelArbitratorAppealOpen(disputeId, end);
        } else if (p != PanelPhase.Final) {
            revert PanelArbitratorUnexpectedPhase(
                disputeId,
                p,
                d.round == 0 ? PanelPhase.Appealable : PanelPhase.Final
            );
        }
        d.phase = PanelPhase.Solved;
        uint256 ruling = d.votes[d.round] >> 248;
        emit RulingGiven(disputeId, ruling);
        // Last, after every effect: the arbitrable records the ruling.
        IArbitrable(d.arbitrable).rule(disputeId, ruling);
    }

    /// @inheritdoc IPanelArbitrator
    function declareAffiliation(address organisation) external {
        _affiliate(msg.sender, organisation);
    }

    /// @inheritdoc IPanelArbitrator
    function registerAffiliation(address expert, address organisation) external restricted {
        if (expert == address(0)) revert PanelArbitratorZeroAddress();
        _affiliate(expert, organisation);
    }

    /// @inheritdoc IPanelArbitrator
    function setPanelParams(uint16 panelSize, uint32 votingPeriod, uint32 appealWindow) external restricted {
        _setParams(panelSize, votingPeriod, appealWindow);
    }

    // ================================================================== views

    /// @inheritdoc IPanelArbitrator
    function disputeOf(uint256 disputeId) external view returns (PanelDispute memory) {
        StoredDispute storage d = _dispute(disputeId);
        bool windowed = _windowed(d);
        return
            PanelDispute({
                arbitrable: d.arbitrable,
                phase: _phaseOf(d),
                round: d.round,
                choices: d.choices,
                ruling: uint8(d.votes[d.round] >> 248),
                votingEndsAt: d.votingEndsAt,
                appealStart: windowed ? d.votingEndsAt + 1 : 0,
                appealEndsAt: windowed ? uint48(d.votingEndsAt) + d.appealWindow : 0,
                appealWindow: d.appealWindow,
                record: d.record
            });
    }

    /// @inheritdoc IPanelArbitrator
    function votesFor(uint256 disputeId, uint8 round, uint256 choice) external view returns (uint256 n) {
        if (round > 1 || choice == 0 || choice > type(uint8).max) return 0;
        (, n) = _count(_disputes[disputeId].votes[round], 31, choice);
    }

    /// @inheritdoc IPanelArbitrator
    function votesOf(uint256 disputeId, uint8 round) external view returns (uint256[] memory choices) {
        StoredDispute storage d = _dispute(disputeId);
        if (round > d.round) return choices;
        uint256 votes = d.votes[round];
        choices = new uint256[](31);
        for (uint256 i = 0; i < choices.length; ++i) choices[i] = (votes >> (8 * i)) & 0xff;
    }

    /// @inheritdoc IPanelArbitrator
    function isAffiliated(address expert, address organisation) external view returns (bool) {
        return _affiliated[expert][organisation];
    }

    /// @inheritdoc IPanelArbitrator
    function affiliationsOf(address expert) external view returns (address[] memory) {
        return _affiliations[expert];
    }

    /// @inheritdoc IPanelArbitrator
    function disputeCount() external view returns (uint256) {
        return _disputeCount;
    }

    /// @inheritdoc IPanelArbitrator
    function panelParams() external view returns (uint16, uint32, uint32) {
        return (_panelSize, _votingPeriod, _appealWindow);
    }

    // ================================================================== internals

    /// @dev The phase as it is now: a round whose vote ended (`votingEndsAt` passed) is Appealable
    /// (first round) or Final (the appeal round) until its ruling is given (Solved).
    function _phaseOf(StoredDispute storage d) private view returns (PanelPhase p) {
        p = d.phase;
        if (p == PanelPhase.Voting && block.timestamp > d.votingEndsAt)
            p = d.round == 0 ? PanelPhase.Appealable : PanelPhase.Final;
    }

    /// @dev Whether the dispute has a first-round appeal window: appointed (voting, or after it) and
    /// not appealed.
    function _windowed(StoredDispute storage d) private view returns (bool) {
        return d.round == 0 && (d.phase == PanelPhase.Voting || d.phase == PanelPhase.Solved);
    }

    /// @dev In a votes word (see `StoredDispute`), the votes cast among the first `seats` seats and those
    /// for `choice`. Bounded: at most 31 seats.
    function _count(
        uint256 votes,
        uint256 seats,
        uint256 choice
    ) private pure returns (uint256 cast, uint256 backing) {
        for (uint256 i = 0; i < seats; ++i) {
            uint256 c = (votes >> (8 * i)) & 0xff;
            if (c != 0) {
                ++cast;
                if (c == choice) ++backing;
            }
        }
    }

    /// @dev A dispute's record: its parties with the latest panel appointed (empty before the first).
    function _recordOf(
        PanelParties calldata parties,
        address[] calldata panel
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(parties, panel));
    }

    /// @dev Checks the parties and panel given against the dispute's record.
    function _requireRecord(
        uint256 disputeId,
        StoredDispute storage d,
        PanelParties calldata parties,
        address[] calldata panel
    ) private view {
        bytes32 given = _recordOf(parties, panel);
        if (given != d.record) revert PanelArbitratorRecordMismatch(disputeId, d.record, given);
    }

    function _requireNotRecused(PanelParties calldata p, address e) private view {
        if (e == p.claimant || _affiliated[e][p.claimant]) revert PanelArbitratorRecused(e, p.claimant);
        if (e == p.respondent || _affiliated[e][p.respondent]) revert PanelArbitratorRecused(e, p.respondent);
    }

    function _affiliate(address expert, address organisation) private {
        if (organisation == address(0)) revert PanelArbitratorZeroAddress();
        if (_affiliated[expert][organisation]) revert PanelArbitratorAffiliationExists(expert, organisation);
        _affiliated[expert][organisation] = true;
        _affiliations[expert].push(organisation);
        emit AffiliationDeclared(expert, organisation, msg.sender);
    }

    function _setParams(uint16 panelSize, uint32 votingPeriod, uint32 appealWindow) private {
        if (
            panelSize == 0 ||
            panelSize % 2 == 0 ||
            panelSize > MAX_PANEL_SIZE ||
            votingPeriod < MIN_WINDOW ||
            appealWindow < MIN_WINDOW
        ) revert PanelArbitratorInvalidParams(panelSize, votingPeriod, appealWindow);
        _panelSize = panelSize;
        _votingPeriod = votingPeriod;
        _appealWindow = appealWindow;
        emit PanelParamsSet(panelSize, votingPeriod, appealWindow);
    }

    function _dispute(uint256 disputeId) private view returns (StoredDispute storage d) {
        d = _disputes[disputeId];
        if (d.phase == PanelPhase.None) revert PanelArbitratorUnknownDispute(disputeId);
    }

    /// @dev Checks the phase as it is now (`_phaseOf`).
    function _requirePhase(uint256 disputeId, StoredDispute storage d, PanelPhase expected) private view {
        PanelPhase p = _phaseOf(d);
        if (p != expected) revert PanelArbitratorUnexpectedPhase(disputeId, p, expected);
    }
}
