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

/// @notice What a panel dispute fixes at its creation and storage keeps only as a hash (the `record`
/// of `PanelDispute`): the parties (from `createDispute`'s extraData; no one who is, or is affiliated
/// with, them sits) and the voting period and first panel's size (odd; the appeal panel is 2n + 1) in
/// force then. The values are `DisputeParties`'s; `appointPanel` and `vote` take them back.
struct PanelParties {
    address claimant;
    address respondent;
    uint32 votingPeriod;
    uint16 panelSize;
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
    /// Seconds of the appeal window, fixed when the dispute was created.
    uint32 appealWindow;
    /// keccak256(abi.encode(parties, panel)): the dispute's `PanelParties` (its `DisputeParties`
    /// event) with the list of the latest panel appointed (its `PanelAppointed` event; empty before
    /// the first appointment, the first round's panel after an appeal until the appeal panel's).
    bytes32 record;
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
    /// @dev The parties and panel given are not the dispute's: keccak256(abi.encode(parties, panel)) is
    /// `given` where the dispute's record is `recorded` (the parties are its `DisputeParties` event, the
    /// panel its latest `PanelAppointed` event, empty before the first).
    error PanelArbitratorRecordMismatch(uint256 disputeId, bytes32 recorded, bytes32 given);
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
    /// @notice Dispute `disputeId`'s parties and the voting period and first panel's size in force at
    /// its creation (with `DisputeCreation`): the one record of the values (storage keeps a hash).
    event DisputeParties(
        uint256 indexed disputeId,
        address indexed claimant,
        address indexed respondent,
        uint32 votingPeriod,
        uint16 panelSize
    );
    /// @notice Round `round`'s panel of dispute `disputeId`, in the order appointed (a panellist's seat
    /// is its index): the one record of the list (storage keeps a hash of it, `PanelDispute.record`).
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
    /// neither a party nor affiliated with one (recusal). `parties` (the `DisputeParties` event) and
    /// `sitting`, the latest panel appointed (empty for the first round, the first round's panel for
    /// the appeal), are checked against the dispute's record, which then becomes the hash of `parties`
    /// with `panel` (the list is the `PanelAppointed` event; each vote hands it back). Opens the voting
    /// window.
    function appointPanel(
        uint256 disputeId,
        PanelParties calldata parties,
        address[] calldata sitting,
        address[] calldata panel
    ) external;

    /// @notice A panellist: votes `choice` (1..choices) with the SHA-256 of its reasons, once, until
    /// `votingEndsAt` inclusive. `parties` (the `DisputeParties` event) and `panel`, the round's list
    /// as appointed (its `PanelAppointed` event), are checked against the dispute's record; the
    /// caller's seat is its place in the list. A panellist
    /// affiliated with a party since its appointment is recused. The vote that gives a choice a
    /// majority of the whole panel fixes the ruling (`PanelRuled`); the last panellist's vote ends the
    /// vote at once (`VotingEnded`).
    function vote(
        uint256 disputeId,
        PanelParties calldata parties,
        address[] calldata panel,
        uint256 choice,
        bytes32 reasonsHash
    ) external;

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
    /// @notice Round `round`'s vote of each of the 31 seats, in the order of its `PanelAppointed` list
    /// (0: no vote, or no such seat: the panel's size is its list's length); empty for a round not reached.
    function votesOf(uint256 disputeId, uint8 round) external view returns (uint256[] memory choices);
    function isAffiliated(address expert, address organisation) external view returns (bool);
    function affiliationsOf(address expert) external view returns (address[] memory);
    function disputeCount() external view returns (uint256);
    function panelParams() external view returns (uint16 panelSize, uint32 votingPeriod, uint32 appealWindow);
}
