// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {
    IBreachHistory,
    ClaimEntry,
    HistoryEntry,
    HistoryHead,
    EntryKind
} from "../interfaces/IBreachHistory.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";
import {Roles} from "../access/Roles.sol";

/// @title BreachHistory
/// @notice The alliance's append-only breach history (C3, I8) as a verifiable log: each entry is
/// emitted whole (`HistoryAppended`) and folded into two running hash chains, its respondent's and
/// its clause's. Storage keeps those heads (head + length, one word each; a member's word also counts
/// the open claims against it, B6, which Membership reads) and the number of entries, nothing else:
/// the entries, and any count or page of them, are read from the events and checked against the
/// heads. The disputes module writes every step of every claim; the projects and licensing modules
/// write objective defaults (`recordDefault`).
/// @dev Roles (AccessManager):
/// - DISPUTES_MODULE (`DisputeResolution`, `RemedyExecution`): `recordClaimEntry`,
///   `recordClaimEntries`. Can only append.
/// - PROJECTS_MODULE, LICENSING_MODULE: `recordDefault` (checked here: an AccessManager maps a
///   function to one role only, and two modules record defaults). Can only append.
/// - Nobody (the council and ADMIN included) can edit, reorder or delete an entry or rewind a head:
///   no function does.
/// Invariant (I8): the only writes are in `_append`: the entry count grows by one and each of the two
/// heads folds in the entry appended there (its length grows by one), in the same call that emits the
/// entry. So the history's length never decreases and an emitted entry can never be changed or
/// dropped without the heads exposing it. Every function is O(1): nothing grows with the history.
/// Invariant (B6): `openClaimsAgainst(m)` is the number of `Filed` entries against `m` less the number
/// of closing entries against it (`Cured`, `Settled`, `Executed`, `Dismissed`, `Withdrawn`,
/// `ClosedUnresolved`); the disputes module appends exactly one `Filed` when a claim opens and exactly
/// one closing entry when it closes, so it is the number of open claims against `m`. A closing entry
/// with no claim open against its respondent reverts.
contract BreachHistory is AccessManaged, IBreachHistory {
    using SafeCast for uint256;

    /// @notice The most entries `recordClaimEntries` takes in one call (an executed ruling and its
    /// four penalties at most).
    uint256 public constant MAX_ENTRIES_PER_CALL = 5;

    /// @dev The `EntryKind` bit of a `Filed` entry, which opens a claim against its respondent (B6).
    uint256 private constant _FILED = 1 << uint256(EntryKind.Filed);
    /// @dev The `EntryKind` bits of the entries that close a claim (B6).
    uint256 private constant _CLOSING =
        (1 << uint256(EntryKind.Cured)) |
            (1 << uint256(EntryKind.Settled)) |
            (1 << uint256(EntryKind.Executed)) |
            (1 << uint256(EntryKind.Dismissed)) |
            (1 << uint256(EntryKind.Withdrawn)) |
            (1 << uint256(EntryKind.ClosedUnresolved));

    uint256 private _length;
    mapping(address member => HistoryHead) private _memberHeads;
    mapping(uint256 agreementId => mapping(bytes32 clauseId => HistoryHead)) private _clauseHeads;

    constructor(address authority) AccessManaged(authority) {
        if (authority == address(0)) revert BreachHistoryZeroAddress();
    }

    // ================================================================== writing

    /// @inheritdoc IBreachHistory
    /// @dev Role: DISPUTES_MODULE.
    function recordClaimEntry(ClaimEntry calldata e) external restricted returns (uint256 entryId) {
        entryId = _appendClaimEntry(e);
    }

    /// @inheritdoc IBreachHistory
    /// @dev Role: DISPUTES_MODULE. Bounded by `MAX_ENTRIES_PER_CALL`.
    function recordClaimEntries(
        ClaimEntry[] calldata entries
    ) external restricted returns (uint256 firstEntryId) {
        uint256 n = entries.length;
        if (n == 0 || n > MAX_ENTRIES_PER_CALL) revert BreachHistoryBatchSize(n, MAX_ENTRIES_PER_CALL);
        firstEntryId = _appendClaimEntry(entries[0]);
        for (uint256 i = 1; i < n; ++i) _appendClaimEntry(entries[i]);
    }

    /// @inheritdoc IBreachRecorder
    /// @dev Only holders of PROJECTS_MODULE or LICENSING_MODULE (checked in the AccessManager; an
    /// AccessManager maps a function to one role only, and two modules record defaults).
    function recordDefault(
        DefaultKind kind,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    ) external returns (uint256 entryId) {
        _requireRecorder();
        if (respondent == address(0)) revert BreachHistoryZeroAddress();
        entryId = _append(
            HistoryEntry(
                EntryKind.DefaultRecorded,
                uint8(kind),
                uint48(block.timestamp),
                msg.sender,
                address(0),
                respondent,
                ref,
                agreementId,
                clauseId,
                bytes32(detail),
                amountDue.toUint128(),
                penalty.toUint128()
            )
        );
        emit DefaultRecorded(
            entryId,
            kind,
            respondent,
            agreementId,
            clauseId,
            ref,
            detail,
            amountDue,
            penalty
        );
    }

    // ================================================================== views

    /// @inheritdoc IBreachHistory
    function historyLength() external view returns (uint256) {
        return _length;
    }

    /// @inheritdoc IBreachHistory
    function memberHead(address member) external view returns (HistoryHead memory) {
        return _memberHeads[member];
    }

    /// @inheritdoc IBreachHistory
    function openClaimsAgainst(address member) external view returns (uint256) {
        return _memberHeads[member].openClaims;
    }

    /// @inheritdoc IBreachHistory
    function clauseHead(uint256 agreementId, bytes32 clauseId) external view returns (HistoryHead memory) {
        return _clauseHeads[agreementId][clauseId];
    }

    // ================================================================== internals

    /// @dev Reverts unless the caller holds PROJECTS_MODULE or LICENSING_MODULE without an execution delay.
    function _requireRecorder() private view {
        IAccessManager manager = IAccessManager(authority());
        (bool isProjects, uint32 delayP) = manager.hasRole(Roles.PROJECTS_MODULE, msg.sender);
        if (isProjects && delayP == 0) return;
        (bool isLicensing, uint32 delayL) = manager.hasRole(Roles.LICENSING_MODULE, msg.sender);
        if (!isLicensing || delayL != 0) revert BreachHistoryNotRecorder(msg.sender);
    }

    /// @dev Appends claim entry `e` (either party zero reverts).
    function _appendClaimEntry(ClaimEntry calldata e) private returns (uint256 entryId) {
        if (e.claimant == address(0) || e.respondent == address(0)) revert BreachHistoryZeroAddress();
        entryId = _append(
            HistoryEntry(
                e.kind,
                e.detailKind,
                uint48(block.timestamp),
                e.actor,
                e.claimant,
                e.respondent,
                e.claimId,
                e.agreementId,
                e.clauseId,
                e.data,
                e.amount.toUint128(),
                0
            )
        );
    }

    /// @dev Appends `e`: counts it, folds it into its respondent's and its clause's heads (a `Filed`
    /// or closing entry also moves its respondent's open-claims count, B6) and emits it whole; returns
    /// its id (from 1). The only write of this contract (I8).
    function _append(HistoryEntry memory e) private returns (uint256 entryId) {
        entryId = ++_length;
        bytes32 entryHash = keccak256(abi.encode(e));
        HistoryHead storage mh = _memberHeads[e.respondent];
        HistoryHead memory cur = mh;
        uint256 bit = 1 << uint256(e.kind);
        // 2^32 entries (or open claims) against one member would cost far more gas than any chain
        // will ever see; SafeCast reverts rather than wrap.
        if (bit & (_FILED | _CLOSING) == 0) {
            (mh.head, mh.count) = (_next(cur.head, entryHash), _inc(cur.count));
        } else {
            uint256 open = cur.openClaims;
            if (bit == _FILED) {
                ++open;
            } else {
                if (open == 0) revert BreachHistoryNoOpenClaim(e.claimId, e.respondent);
                // unchecked: open != 0 was checked just above.
                unchecked {
                    --open;
                }
            }
            (mh.head, mh.count, mh.openClaims) = (
                _next(cur.head, entryHash),
                _inc(cur.count),
                open.toUint32()
            );
        }
        HistoryHead storage ch = _clauseHeads[e.agreementId][e.clauseId];
        HistoryHead memory cc = ch;
        (ch.head, ch.count) = (_next(cc.head, entryHash), _inc(cc.count));
        emit HistoryAppended(entryId, e.kind, e.claimId, e.respondent, e);
    }

    /// @dev One more entry folded into a head (I8).
    function _next(bytes24 head, bytes32 entryHash) private pure returns (bytes24) {
        return bytes24(keccak256(abi.encode(head, entryHash)));
    }

    /// @dev A chain's length plus one (SafeCast reverts rather than wrap).
    function _inc(uint32 count) private pure returns (uint32) {
        return (uint256(count) + 1).toUint32();
    }
}
