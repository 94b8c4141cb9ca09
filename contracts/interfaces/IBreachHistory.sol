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

/// @notice Which of a member's two histories a view reads.
enum HistoryRole {
    AsClaimant,
    AsRespondent
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

/// @notice Running counts per member (as claimant and as respondent). A claim counts against its
/// respondent only once it is referred to the arbitrator (B11): filing and withdrawing leaves no count
/// that reads as a breach.
struct MemberCounts {
    /// Claims it filed.
    uint32 filed;
    /// Claims it filed that were upheld.
    uint32 filedUpheld;
    /// Claims it filed that were dismissed.
    uint32 filedDismissed;
    /// Claims it filed and withdrew.
    uint32 withdrawn;
    /// Claims against it referred to an arbitrator (B11: not those withdrawn, cured or settled before).
    uint32 against;
    /// Claims against it upheld (breaches found).
    uint32 upheld;
    /// Claims against it dismissed.
    uint32 dismissed;
    /// Claims against it closed by settlement or cure.
    uint32 settled;
    /// Objective defaults recorded against it.
    uint32 defaults;
    /// Penalties applied to it (a slash, a licence suspension / revocation, a membership suspension).
    uint32 penalties;
    /// Amount taken from its bond by rulings, plus what it paid voluntarily in settlements.
    uint128 penaltiesPaid;
    /// Amount due in its recorded defaults.
    uint128 defaultedAmount;
}

/// @notice A running hash chain (C3, I8): `head` folds every entry appended so far, in order
/// (`head = bytes28(keccak256(abi.encode(head, keccak256(abi.encode(entry)))))`, from 0), and `count`
/// is the chain's length. Head and count share one storage word.
struct HistoryHead {
    bytes28 head;
    uint32 count;
}

/// @title IBreachHistory
/// @notice The alliance's append-only breach history (C3, I8): every step of every claim (written by
/// the disputes module) and every objective default (written by the projects and licensing modules,
/// `IBreachRecorder`). Each entry is emitted whole in one `HistoryAppended` event and folded into two
/// running hash chains in storage (`HistoryHead`): its respondent's (`memberHead`) and its clause's
/// (`clauseHead`), so a reader that rebuilds the entries from the events checks them against the
/// heads and detects a node that hides or alters one. The log also keeps two id indexes (per member
/// as claimant and as respondent) read in pages of at most `MAX_PAGE` entries, and running counts
/// per member.
interface IBreachHistory is IBreachRecorder {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor argument or the respondent of a default is the zero address.
    error BreachHistoryZeroAddress();
    /// @dev `account` holds neither PROJECTS_MODULE nor LICENSING_MODULE and may not record a default.
    error BreachHistoryNotRecorder(address account);
    /// @dev There is no history entry `entryId` (ids run from 1 to `historyLength()`).
    error BreachHistoryUnknownEntry(uint256 entryId);
    /// @dev Claim `claimId` has no `Filed` entry yet, so no other entry can be recorded for it.
    error BreachHistoryUnknownClaim(uint256 claimId);
    /// @dev Claim `claimId` already has its `Filed` entry.
    error BreachHistoryClaimExists(uint256 claimId);
    /// @dev A page larger than `max` entries was asked for.
    error BreachHistoryPageTooLarge(uint256 limit, uint256 max);

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
    /// @notice Disputes module (DISPUTES_MODULE): appends entry `e` of a claim and updates the
    /// parties' counts from its kind. A claim's first entry is its `Filed` (which fixes its parties,
    /// agreement and clause for every later entry); the respondent's `against` count grows only at
    /// `Referred` (B11). Returns the entry id (from 1).
    function recordClaimEntry(ClaimEntry calldata e) external returns (uint256 entryId);

    // ------------------------------------------------------------------ views (paged, O(page))
    /// @notice Most entries a page returns.
    function MAX_PAGE() external view returns (uint256);
    /// @notice How many entries the history holds (ids run from 1 to this).
    function historyLength() external view returns (uint256);
    /// @notice Entry `entryId` (from 1).
    function historyEntry(uint256 entryId) external view returns (HistoryEntry memory);
    /// @notice Entries `offset`.. of the whole history, at most `limit` (<= MAX_PAGE); `total` is its length.
    function historyPage(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice A page of `member`'s history as claimant or as respondent (defaults are as respondent).
    function memberHistory(
        address member,
        HistoryRole role,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice The running head of `member`'s history as respondent (the claims against it, from
    /// their filing, and its defaults): I8, what a reader of the `HistoryAppended` events checks.
    function memberHead(address member) external view returns (HistoryHead memory);
    /// @notice The running head of the history of clause `clauseId` of agreement `agreementId`.
    function clauseHead(uint256 agreementId, bytes32 clauseId) external view returns (HistoryHead memory);
    /// @notice `member`'s running counts.
    function countsOf(address member) external view returns (MemberCounts memory);
}
