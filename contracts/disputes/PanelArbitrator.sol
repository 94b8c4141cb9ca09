// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {Roles} from "../access/Roles.sol";
import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {IPanelArbitrator, PanelDispute, PanelPhase} from "../interfaces/IPanelArbitrator.sol";

/// @title PanelArbitrator
/// @notice The alliance's built-in ERC-792 arbitrator (F5): expert committee members sit on a panel
/// appointed per dispute; anyone who is a party, or is affiliated with one, is recused; the panel
/// rules by majority with a reasons hash; one appeal goes to an enlarged panel (2n + 1); then the
/// ruling is final and sent to the arbitrable contract.
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

    /// @dev A dispute as stored: the fields of `PanelDispute` packed into 4 words (3 written by
    /// `createDispute`).
    struct StoredDispute {
        address arbitrable;
        PanelPhase phase;
        uint8 round;
        uint8 choices;
        uint8 ruling;
        uint48 votingEndsAt;
        address claimant;
        uint48 appealStart;
        uint32 votingPeriod;
        uint16 panelSize;
        address respondent;
        uint48 appealEndsAt;
        uint32 appealWindow;
        bytes32 reasonsHash;
    }

    uint16 private _panelSize;
    uint32 private _votingPeriod;
    uint32 private _appealWindow;
    uint256 private _disputeCount;
    mapping(uint256 disputeId => StoredDispute) private _disputes;
    /// @dev An expert's seat in a round, one word written by its appointment and rewritten by its vote:
    /// 0 not on the panel, 1 on it without a vote, 1 + choice once it voted. The panel itself is
    /// not stored: `PanelAppointed` carries it (readers take it from the event) and its size follows
    /// from the dispute's panel size and round.
    mapping(uint256 disputeId => mapping(uint8 round => mapping(address expert => uint256 seat)))
        private _seats;
    /// @dev A round's count in packed words: in word 0, byte 0 holds the number of votes cast and byte
    /// 1 the choice with a majority of the whole panel (0 while none); choice c's tally is byte
    /// (c + 2) % 32 of word (c + 2) / 32. A panel has at most 31 members, so every count fits a byte
    /// and a vote writes one word (two when c > 29).
    mapping(uint256 disputeId => mapping(uint8 round => mapping(uint256 word => uint256 packed)))
        private _tallies;
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
        (d.arbitrable, d.phase, d.choices) = (msg.sender, PanelPhase.Appointing, uint8(choices));
        (d.claimant, d.votingPeriod, d.panelSize) = (claimant, _votingPeriod, _panelSize);
        (d.respondent, d.appealWindow) = (respondent, _appealWindow);
        emit DisputeCreation(disputeId, IArbitrable(msg.sender));
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
        if (block.timestamp > d.appealEndsAt) revert PanelArbitratorAppealClosed(disputeId, d.appealEndsAt);
        d.round = 1;
        d.phase = PanelPhase.Appointing;
        d.ruling = 0;
        d.reasonsHash = bytes32(0);
        emit AppealDecision(disputeId, IArbitrable(msg.sender));
    }

    /// @inheritdoc IArbitrator
    function appealCost(uint256, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    /// @inheritdoc IArbitrator
    /// @dev The first ruling's appeal window; (0, 0) before it and once the dispute was appealed.
    function appealPeriod(uint256 disputeId) external view returns (uint256 start, uint256 end) {
        StoredDispute storage d = _disputes[disputeId];
        if (d.round == 0 && (d.phase == PanelPhase.Appealable || d.phase == PanelPhase.Solved))
            return (d.appealStart, d.appealEndsAt);
        return (0, 0);
    }

    /// @inheritdoc IArbitrator
    function disputeStatus(uint256 disputeId) external view returns (DisputeStatus) {
        PanelPhase p = _dispute(disputeId).phase;
        if (p == PanelPhase.Appealable) return DisputeStatus.Appealable;
        if (p == PanelPhase.Solved) return DisputeStatus.Solved;
        return DisputeStatus.Waiting;
    }

    /// @inheritdoc IArbitrator
    function currentRuling(uint256 disputeId) external view returns (uint256) {
        return _dispute(disputeId).ruling;
    }

    // ================================================================== panel

    /// @inheritdoc IPanelArbitrator
    function appointPanel(uint256 disputeId, address[] calldata panel) external restricted {
        StoredDispute storage d = _dispute(disputeId);
        _requirePhase(disputeId, d, PanelPhase.Appointing);
        uint8 round = d.round;
        uint256 required = _sizeOf(d, round);
        if (panel.length != required) revert PanelArbitratorWrongPanelSize(panel.length, required);
        IAccessManager manager = IAccessManager(authority());
        // Bounded: at most 2 * MAX_PANEL_SIZE + 1 experts.
        for (uint256 i = 0; i < panel.length; ++i) {
            address e = panel[i];
            (bool isExpert, ) = manager.hasRole(Roles.EXPERT, e);
            if (!isExpert) revert PanelArbitratorNotExpert(e);
            if (_seats[disputeId][round][e] != 0) revert PanelArbitratorDuplicateExpert(e);
            _requireNotRecused(d, e);
            _seats[disputeId][round][e] = 1;
        }
        d.phase = PanelPhase.Voting;
        // Narrowing is safe: timestamps fit in 48 bits for millions of years.
        d.votingEndsAt = uint48(block.timestamp + d.votingPeriod);
        emit PanelAppointed(disputeId, round, panel, d.votingEndsAt);
    }

    /// @inheritdoc IPanelArbitrator
    function vote(uint256 disputeId, uint256 choice, bytes32 reasonsHash) external {
        StoredDispute storage d = _dispute(disputeId);
        _requirePhase(disputeId, d, PanelPhase.Voting);
        if (block.timestamp > d.votingEndsAt) revert PanelArbitratorVotingClosed(disputeId, d.votingEndsAt);
        uint8 round = d.round;
        uint256 seat = _seats[disputeId][round][msg.sender];
        if (seat == 0) revert PanelArbitratorNotOnPanel(disputeId, msg.sender);
        if (seat != 1) revert PanelArbitratorAlreadyVoted(disputeId, msg.sender);
        if (choice == 0 || choice > d.choices) revert PanelArbitratorInvalidChoice(choice);
        if (reasonsHash == bytes32(0)) revert PanelArbitratorZeroReasons();
        _requireNotRecused(d, msg.sender);
        _seats[disputeId][round][msg.sender] = 1 + choice;
        mapping(uint256 => uint256) storage t = _tallies[disputeId][round];
        uint256 pos = choice + 2;
        uint256 shift = (pos & 31) * 8;
        uint256 votes = ((t[pos >> 5] >> shift) & 0xff) + 1;
        // Cannot overflow a byte: at most 31 votes per round (the appeal panel's 2 * 15 + 1).
        if (pos >> 5 == 0) t[0] += 1 + (1 << shift);
        else {
            t[pos >> 5] += 1 << shift;
            t[0] += 1;
        }
        // A majority of the whole panel can be reached by one choice only, once: that vote fixes the
        // ruling and its reasons (the vote that gave the choice its majority).
        if (votes == _sizeOf(d, round) / 2 + 1) {
            t[0] |= choice << 8;
            d.reasonsHash = reasonsHash;
        }
        emit VoteCast(disputeId, round, msg.sender, choice, reasonsHash);
    }

    /// @inheritdoc IPanelArbitrator
    function closeVoting(uint256 disputeId) external {
        StoredDispute storage d = _dispute(disputeId);
        _requirePhase(disputeId, d, PanelPhase.Voting);
        uint8 round = d.round;
        uint256 packed = _tallies[disputeId][round][0];
        if (block.timestamp <= d.votingEndsAt && (packed & 0xff) < _sizeOf(d, round))
            revert PanelArbitratorVotingOpen(disputeId, d.votingEndsAt);
        uint256 ruling = (packed >> 8) & 0xff;
        // Narrowing is safe: a ruling is a choice (<= d.choices <= 255) or 0. Its reasons were
        // written by the vote that gave it its majority; with no majority none were.
        d.ruling = uint8(ruling);
        emit PanelRuled(
            disputeId,
            round,
            ruling,
            d.reasonsHash,
            ruling == 0 ? 0 : _tallyOf(disputeId, round, ruling)
        );
        if (round == 0) {
            d.phase = PanelPhase.Appealable;
            d.appealStart = uint48(block.timestamp);
            d.appealEndsAt = uint48(block.timestamp + d.appealWindow);
            emit AppealPossible(disputeId, IArbitrable(d.arbitrable));
        } else {
            _give(disputeId, d);
        }
    }

    /// @inheritdoc IPanelArbitrator
    function executeRuling(uint256 disputeId) external {
        StoredDispute storage d = _dispute(disputeId);
        _requirePhase(disputeId, d, PanelPhase.Appealable);
        if (block.timestamp <= d.appealEndsAt) revert PanelArbitratorAppealOpen(disputeId, d.appealEndsAt);
        _give(disputeId, d);
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
        return
            PanelDispute({
                arbitrable: d.arbitrable,
                phase: d.phase,
                round: d.round,
                choices: d.choices,
                ruling: d.ruling,
                votingEndsAt: d.votingEndsAt,
                appealStart: d.appealStart,
                appealEndsAt: d.appealEndsAt,
                votingPeriod: d.votingPeriod,
                appealWindow: d.appealWindow,
                panelSize: d.panelSize,
                claimant: d.claimant,
                respondent: d.respondent,
                reasonsHash: d.reasonsHash
            });
    }

    /// @inheritdoc IPanelArbitrator
    function votesFor(uint256 disputeId, uint8 round, uint256 choice) external view returns (uint256) {
        return _tallyOf(disputeId, round, choice);
    }

    /// @inheritdoc IPanelArbitrator
    function voteOf(uint256 disputeId, uint8 round, address expert) external view returns (uint256) {
        uint256 seat = _seats[disputeId][round][expert];
        return seat > 1 ? seat - 1 : 0;
    }

    /// @inheritdoc IPanelArbitrator
    function isOnPanel(uint256 disputeId, uint8 round, address expert) external view returns (bool) {
        return _seats[disputeId][round][expert] != 0;
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

    /// @dev Final: the dispute is Solved and the ruling goes to the arbitrable (last, after every effect).
    function _give(uint256 disputeId, StoredDispute storage d) private {
        d.phase = PanelPhase.Solved;
        emit RulingGiven(disputeId, d.ruling);
        IArbitrable(d.arbitrable).rule(disputeId, d.ruling);
    }

    /// @dev The size of round `round`'s panel: the dispute's panel size, 2n + 1 for the appeal round.
    function _sizeOf(StoredDispute storage d, uint8 round) private view returns (uint256) {
        return round == 0 ? d.panelSize : 2 * uint256(d.panelSize) + 1;
    }

    /// @dev Votes for `choice` in round `round` of dispute `disputeId` (see `_tallies`).
    function _tallyOf(uint256 disputeId, uint8 round, uint256 choice) private view returns (uint256) {
        if (choice > type(uint8).max) return 0;
        uint256 pos = choice + 2;
        return (_tallies[disputeId][round][pos >> 5] >> ((pos & 31) * 8)) & 0xff;
    }

    function _requireNotRecused(StoredDispute storage d, address e) private view {
        if (e == d.claimant || _affiliated[e][d.claimant]) revert PanelArbitratorRecused(e, d.claimant);
        if (e == d.respondent || _affiliated[e][d.respondent]) revert PanelArbitratorRecused(e, d.respondent);
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

    function _requirePhase(uint256 disputeId, StoredDispute storage d, PanelPhase expected) private view {
        if (d.phase != expected) revert PanelArbitratorUnexpectedPhase(disputeId, d.phase, expected);
    }
}
