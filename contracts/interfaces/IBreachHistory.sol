// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBreachRecorder, DefaultKind} from "./IBreachRecorder.sol";

/// @notice What a breach-history entry records. `Evidence` is no longer appended (C3: evidence is
/// an event only, ERC-1497 `Evidence` and `EvidenceSubmitted`); it keeps its number so that the
/// numbers of the other kinds stay as they were.
enum EntryKind {
    Filed,
    Cured,
    Settled,
    Answered,
    Evidence,
    Referred,
    Ruled,
    Appealed,
    Executed,
    Dismissed,
    Withdrawn,
    DefaultRecorded,
    PenaltyApplied,
    SettlementPaid,
    ExpulsionProposed,
    SuspensionLifted,
    ClosedUnresolved
}

/// @notice One append-only breach-history entry (C3, I8). Nothing edits or deletes it.
struct HistoryEntry {
    EntryKind kind;
    /// Remedy flag for PenaltyApplied, the `DefaultKind` for DefaultRecorded, the ruling for Ruled.
    uint8 detailKind;
    uint48 recordedAt;
    /// Who caused the entry (a party, the arbitrator, the module that recorded a default, the executor).
    address actor;
    /// The claimant; address(0) for a default.
    address claimant;
    /// The respondent, or the member / licensee in default.
    address respondent;
    /// The claim, or for a default the project / licence id it concerns.
    uint256 claimId;
    uint256 agreementId;
    bytes32 clauseId;
    /// Evidence or response SHA-256, statement hash, proposal id, or for a default its installment / period.
    bytes32 data;
    /// Damages, a payment, a slashed amount, or for a default the amount due.
    uint128 amount;
    /// For a default: its late penalty; otherwise 0.
    uint128 penalty;
}

/// @notice What the disputes module records for one entry of a claim: the entry and the claim's
/// parties, agreement and clause (fixed at filing; the first entry of a claim is its `Filed`).
struct ClaimEntry {
    EntryKind kind;
    uint8 detailKind;
    /// Who caused it (the caller of the disputes module, or the arbitrator for a ruling).
    address actor;
    uint256 claimId;
    address claimant;
    address respondent;
    uint256 agreementId;
    bytes32 clauseId;
    bytes32 data;
    uint256 amount;
}

/// @notice A running hash chain (C3, I8): `head` folds every entry appended so far, in order
/// (`head = bytes24(keccak256(abi.encode(head, keccak256(abi.encode(entry)))))`, from 0), and `count`
/// is the chain's length. In a member's chain `openClaims` is the number of open claims against it
/// (B6): a `Filed` entry adds one, a closing entry (`Cured`, `Settled`, `Executed`, `Dismissed`,
/// `Withdrawn`, `ClosedUnresolved`) takes one off; in a clause's chain it is always 0. The three
/// share one storage word.
struct HistoryHead {
    bytes24 head;
    uint32 count;
    uint32 openClaims;
}

/// @title IBreachHistory
/// @notice The alliance's append-only breach history (C3, I8): every step of every claim (written by
/// the disputes module) and every objective default (written by the projects and licensing modules,
/// `IBreachRecorder`). Each entry is emitted whole in one `HistoryAppended` event and folded into two
/// running hash chains in storage (`HistoryHead`): its respondent's (`memberHead`) and its clause's
/// (`clauseHead`). Storage keeps only those heads and the number of entries: a reader rebuilds the
/// entries (and any count or page of them) from the events and checks them against the heads, so a
/// node that hides or alters one is detected.
interface IBreachHistory is IBreachRecorder {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor argument, or the claimant or respondent of an entry, is the zero address.
    error BreachHistoryZeroAddress();
    /// @dev `account` holds neither PROJECTS_MODULE nor LICENSING_MODULE and may not record a default.
    error BreachHistoryNotRecorder(address account);
    /// @dev `recordClaimEntries` takes 1 to `max` entries; `count` were passed.
    error BreachHistoryBatchSize(uint256 count, uint256 max);
    /// @dev A closing entry of claim `claimId` names `respondent`, against which no claim is open.
    error BreachHistoryNoOpenClaim(uint256 claimId, address respondent);

    // ------------------------------------------------------------------ events
    /// @dev Entry `entryId` was appended, whole (`entry`), and folded into the heads of its respondent
    /// (as the `memberHead(entry.respondent).count`-th entry of its respondent's chain) and of its clause.
    event HistoryAppended(
        uint256 indexed entryId,
        EntryKind kind,
        uint256 indexed claimId,
        address indexed respondent,
        HistoryEntry entry
    );
    /// @dev A default was recorded as entry `entryId` (its `HistoryAppended` carries the same facts).
    event DefaultRecorded(
        uint256 indexed entryId,
        DefaultKind kind,
        address indexed respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    );

    // ------------------------------------------------------------------ writing
    /// @notice Disputes module (DISPUTES_MODULE): appends entry `e` of a claim, with the claim's
    /// parties, agreement and clause as the disputes module holds them (fixed at filing). A claim's
    /// first entry is its `Filed`; it counts against the respondent from its `Referred` on (B11).
    /// Returns the entry id (from 1).
    function recordClaimEntry(ClaimEntry calldata e) external returns (uint256 entryId);
    /// @notice Disputes module (DISPUTES_MODULE): appends `entries` in their order, each exactly as
    /// `recordClaimEntry` would (one event each, folded into its heads): the entries of one step, e.g.
    /// a ruling's execution and its penalties, in one call. 1 to `MAX_ENTRIES_PER_CALL` entries.
    /// Returns the first entry's id.
    function recordClaimEntries(ClaimEntry[] calldata entries) external returns (uint256 firstEntryId);

    // ------------------------------------------------------------------ views (O(1))
    /// @notice How many entries the history holds (ids run from 1 to this).
    function historyLength() external view returns (uint256);
    /// @notice The running head of `member`'s history as respondent (the claims against it, from
    /// their filing, and its defaults): I8, what a reader of the `HistoryAppended` events checks;
    /// with the number of open claims against it (B6).
    function memberHead(address member) external view returns (HistoryHead memory);
    /// @notice How many claims against `member` are open (filed and not yet closed): while any is,
    /// it cannot complete a withdrawal or take back its bond (B6).
    function openClaimsAgainst(address member) external view returns (uint256);
    /// @notice The running head of the history of clause `clauseId` of agreement `agreementId`.
    function clauseHead(uint256 agreementId, bytes32 clauseId) external view returns (HistoryHead memory);
}
