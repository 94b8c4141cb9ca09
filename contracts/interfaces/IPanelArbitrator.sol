// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrator} from "./IArbitrator.sol";

/// @notice A panel dispute's phase. Appointing -> Voting -> (round 0) Appealable -> Solved, or
/// Appealable -> Appointing (round 1, the appeal) -> Voting -> Solved.
enum PanelPhase {
    None,
    Appointing,
    Voting,
    Appealable,
    Solved
}

/// @notice One dispute at the panel.
struct PanelDispute {
    address arbitrable;
    PanelPhase phase;
    /// 0 for the first panel, 1 for the appeal panel.
    uint8 round;
    uint8 choices;
    /// The current (or final) ruling: 0 refused / no majority, else the choice with most votes.
    uint8 ruling;
    uint48 votingEndsAt;
    uint48 appealStart;
    uint48 appealEndsAt;
    /// Seconds of voting and of the appeal window, fixed when the dispute was created.
    uint32 votingPeriod;
    uint32 appealWindow;
    /// The first panel's size (odd); the appeal panel is 2n + 1.
    uint16 panelSize;
    /// The parties (from `createDispute`'s extraData): no one who is, or is affiliated with, them sits.
    address claimant;
    address respondent;
    /// The reasons of the ruling: the reasons hash of the vote that gave the winning choice its
    /// majority of the whole panel (written by that vote; 0 while no choice has one).
    bytes32 reasonsHash;
}

/// @title IPanelArbitrator
/// @notice The alliance's built-in ERC-792 arbitrator: a panel of expert committee members (EXPERT
/// role), appointed per dispute by the secretariat, votes; the majority rules, with a reasons hash;
/// one appeal to an enlarged panel (2n + 1); then the ruling is final and is sent to the arbitrable.
interface IPanelArbitrator is IArbitrator {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor argument, an expert or an organisation is the zero address.
    error PanelArbitratorZeroAddress();
    /// @dev A panel size that is even, zero or above MAX_PANEL_SIZE, or a voting period or appeal
    /// window below the one-day floor MIN_WINDOW (B16).
    error PanelArbitratorInvalidParams(uint16 panelSize, uint32 votingPeriod, uint32 appealWindow);
    /// @dev Arbitration and appeals cost no ETH here; `sent` was sent.
    error PanelArbitratorNoFees(uint256 sent);
    /// @dev `choices` is 0 or above 255.
    error PanelArbitratorInvalidChoices(uint256 choices);
    /// @dev extraData is not `abi.encode(address claimant, address respondent)` of two distinct non-zero addresses.
    error PanelArbitratorInvalidExtraData();
    /// @dev No dispute `disputeId` at this arbitrator.
    error PanelArbitratorUnknownDispute(uint256 disputeId);
    /// @dev The dispute is in `current` phase where `expected` is needed.
    error PanelArbitratorUnexpectedPhase(uint256 disputeId, PanelPhase current, PanelPhase expected);
    /// @dev A panel of `given` where `required` experts are needed.
    error PanelArbitratorWrongPanelSize(uint256 given, uint256 required);
    /// @dev `account` does not hold the EXPERT role.
    error PanelArbitratorNotExpert(address account);
    /// @dev `expert` appears twice in the panel.
    error PanelArbitratorDuplicateExpert(address expert);
    /// @dev `expert` is, or is affiliated with, `party`, and is recused.
    error PanelArbitratorRecused(address expert, address party);
    /// @dev `account` does not sit on the dispute's current panel.
    error PanelArbitratorNotOnPanel(uint256 disputeId, address account);
    /// @dev `expert` already voted in the dispute's current round.
    error PanelArbitratorAlreadyVoted(uint256 disputeId, address expert);
    /// @dev A choice outside 1..choices.
    error PanelArbitratorInvalidChoice(uint256 choice);
    /// @dev A vote needs the SHA-256 of its reasons; zero was given.
    error PanelArbitratorZeroReasons();
    /// @dev The voting window closed at `deadline` (inclusive).
    error PanelArbitratorVotingClosed(uint256 disputeId, uint256 deadline);
    /// @dev Voting is still open until `deadline` and not every panellist has voted.
    error PanelArbitratorVotingOpen(uint256 disputeId, uint256 deadline);
    /// @dev The appeal window closed at `deadline` (inclusive).
    error PanelArbitratorAppealClosed(uint256 disputeId, uint256 deadline);
    /// @dev The appeal window is open until `deadline`.
    error PanelArbitratorAppealOpen(uint256 disputeId, uint256 deadline);
    /// @dev Only the arbitrable that created the dispute may appeal it.
    error PanelArbitratorNotArbitrable(uint256 disputeId, address account);
    /// @dev `expert` already declared `organisation`.
    error PanelArbitratorAffiliationExists(address expert, address organisation);

    // ------------------------------------------------------------------ events
    /// @notice Round `round`'s panel of dispute `disputeId`, in the order appointed: the one record of
    /// the list (storage keeps each expert's seat only, `isOnPanel`).
    event PanelAppointed(uint256 indexed disputeId, uint8 round, address[] panel, uint256 votingEndsAt);
    event VoteCast(
        uint256 indexed disputeId,
        uint8 round,
        address indexed expert,
        uint256 choice,
        bytes32 reasonsHash
    );
    event PanelRuled(
        uint256 indexed disputeId,
        uint8 round,
        uint256 ruling,
        bytes32 reasonsHash,
        uint256 votes
    );
    event RulingGiven(uint256 indexed disputeId, uint256 ruling);
    event AffiliationDeclared(
        address indexed expert,
        address indexed organisation,
        address indexed declaredBy
    );
    event PanelParamsSet(uint16 panelSize, uint32 votingPeriod, uint32 appealWindow);

    // ------------------------------------------------------------------ actions
    /// @notice Secretariat: appoints the panel of the dispute's current round: `panelSize` experts for
    /// the first round, `2 * panelSize + 1` for the appeal. Each must hold EXPERT, appear once, and be
    /// neither a party nor affiliated with one (recusal). Opens the voting window.
    function appointPanel(uint256 disputeId, address[] calldata panel) external;

    /// @notice A panellist: votes `choice` (1..choices) with the SHA-256 of its reasons, once, until
    /// `votingEndsAt` inclusive. A panellist affiliated with a party since its appointment is recused.
    function vote(uint256 disputeId, uint256 choice, bytes32 reasonsHash) external;

    /// @notice Anyone: closes voting after the window (or once every panellist voted). The choice with
    /// the most votes wins; a tie or no votes gives 0 (refused). First round: opens the appeal
    /// window. Appeal round: final, sent to the arbitrable.
    function closeVoting(uint256 disputeId) external;

    /// @notice Anyone: after the appeal window passed without appeal, makes the ruling final and
    /// sends it to the arbitrable (`IArbitrable.rule`).
    function executeRuling(uint256 disputeId) external;

    /// @notice An expert declares that it is affiliated with `organisation` (e.g. the member it
    /// works for). Declarations are permanent.
    function declareAffiliation(address organisation) external;

    /// @notice Secretariat: registers that `expert` is affiliated with `organisation`. Permanent.
    function registerAffiliation(address expert, address organisation) external;

    /// @notice Council: panel size (odd), voting period and appeal window (each at least MIN_WINDOW,
    /// one day: B16) for disputes created from now on.
    function setPanelParams(uint16 panelSize, uint32 votingPeriod, uint32 appealWindow) external;

    // ------------------------------------------------------------------ views
    function disputeOf(uint256 disputeId) external view returns (PanelDispute memory);
    /// @notice Whether `expert` sits on round `round`'s panel of dispute `disputeId`. The panel's list
    /// is not stored: it is the `panel` of that round's `PanelAppointed` event.
    function isOnPanel(uint256 disputeId, uint8 round, address expert) external view returns (bool);
    /// @notice Votes cast for `choice` in `round`.
    function votesFor(uint256 disputeId, uint8 round, uint256 choice) external view returns (uint256);
    /// @notice The choice `expert` voted in `round` (0: none).
    function voteOf(uint256 disputeId, uint8 round, address expert) external view returns (uint256);
    function isAffiliated(address expert, address organisation) external view returns (bool);
    function affiliationsOf(address expert) external view returns (address[] memory);
    function disputeCount() external view returns (uint256);
    function panelParams() external view returns (uint16 panelSize, uint32 votingPeriod, uint32 appealWindow);
}
