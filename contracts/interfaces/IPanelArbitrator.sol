// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrator} from "./IArbitrator.sol";

/// @notice A panel dispute's phase. Appointing -> Voting -> (round 0) Appealable -> Solved, or
/// Appealable -> Appointing (round 1, the appeal) -> Voting -> Final -> Solved. Appealable and Final
/// follow from the time: a round's vote ends at `votingEndsAt` (or with its last vote), with no call.
/// Final: the appeal panel's vote ended; its ruling is final and `executeRuling` gives it.
enum PanelPhase {
    None,
    Appointing,
    Voting,
    Appealable,
    Solved,
    Final
}

/// @notice One dispute at the panel.
struct PanelDispute {
    address arbitrable;
    PanelPhase phase;
    /// 0 for the first panel, 1 for the appeal panel.
    uint8 round;
    uint8 choices;
    /// The current round's ruling: the choice with a majority of the whole panel, 0 while none (at
    /// the end of the vote: refused).
    uint8 ruling;
    /// The end of the current round's vote (inclusive); the time of its last vote if every panellist
    /// voted before it.
    uint48 votingEndsAt;
    /// The first round's appeal window [votingEndsAt + 1, votingEndsAt + appealWindow], from its
    /// appointment (0 before it, and in the appeal round).
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
    /// keccak256(abi.encodePacked(panel)) of the current round's panel (0 before its appointment):
    /// the list itself is the `panel` of the round's `PanelAppointed` event.
    bytes32 panelHash;
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
    /// @dev The panel given is not the dispute's current panel: its keccak256 differs from the hash
    /// recorded at the appointment (the list is that round's `PanelAppointed` event).
    error PanelArbitratorPanelMismatch(uint256 disputeId);
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
    /// @dev Voting is still open until `deadline` (inclusive) and not every panellist has voted.
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
    /// @notice Round `round`'s panel of dispute `disputeId`, in the order appointed (a panellist's seat
    /// is its index): the one record of the list (storage keeps its hash, `PanelDispute.panelHash`).
    event PanelAppointed(uint256 indexed disputeId, uint8 round, address[] panel, uint256 votingEndsAt);
    event VoteCast(
        uint256 indexed disputeId,
        uint8 round,
        address indexed expert,
        uint256 choice,
        bytes32 reasonsHash
    );
    /// @notice The vote that gave `ruling` a majority of the whole panel: it fixes round `round`'s
    /// ruling (votes are final), and its reasons are the ruling's. A round whose vote ends without a
    /// majority rules 0 (refused) and has no PanelRuled.
    event PanelRuled(uint256 indexed disputeId, uint8 round, uint256 ruling, bytes32 reasonsHash);
    /// @notice Every panellist of round `round` voted before the window's end: the vote ended at `endedAt`.
    event VotingEnded(uint256 indexed disputeId, uint8 round, uint256 endedAt);
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
    /// neither a party nor affiliated with one (recusal). Keeps the hash of the list (the list is the
    /// `PanelAppointed` event; each vote hands it back) and opens the voting window.
    function appointPanel(uint256 disputeId, address[] calldata panel) external;

    /// @notice A panellist: votes `choice` (1..choices) with the SHA-256 of its reasons, once, until
    /// `votingEndsAt` inclusive. `panel` is the round's list as appointed (its `PanelAppointed`
    /// event), checked against the stored hash; the caller's seat is its place in it. A panellist
    /// affiliated with a party since its appointment is recused. The vote that gives a choice a
    /// majority of the whole panel fixes the ruling (`PanelRuled`); the last panellist's vote ends the
    /// vote at once (`VotingEnded`).
    function vote(uint256 disputeId, address[] calldata panel, uint256 choice, bytes32 reasonsHash) external;

    /// @notice Anyone: gives the ruling to the arbitrable (`IArbitrable.rule`) once it is final: after
    /// the first round's appeal window passed without appeal (`votingEndsAt + appealWindow + 1`), or
    /// once the appeal panel's vote ended. The ruling is the choice of a majority of the whole panel,
    /// else 0 (refused).
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
    /// @notice Dispute `disputeId` with its phase, ruling and appeal window as they are now.
    function disputeOf(uint256 disputeId) external view returns (PanelDispute memory);
    /// @notice Votes cast for `choice` in `round`.
    function votesFor(uint256 disputeId, uint8 round, uint256 choice) external view returns (uint256);
    /// @notice Round `round`'s vote of each seat, in the order of its `PanelAppointed` list (0: no vote);
    /// empty for a round not reached.
    function votesOf(uint256 disputeId, uint8 round) external view returns (uint256[] memory choices);
    function isAffiliated(address expert, address organisation) external view returns (bool);
    function affiliationsOf(address expert) external view returns (address[] memory);
    function disputeCount() external view returns (uint256);
    function panelParams() external view returns (uint16 panelSize, uint32 votingPeriod, uint32 appealWindow);
}
