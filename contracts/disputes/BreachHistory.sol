// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {
    IBreachHistory,
    ClaimEntry,
    HistoryEntry,
    HistoryRole,
    HistoryHead,
    EntryKind,
    MemberCounts
} from "../interfaces/IBreachHistory.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";
import {Roles} from "../access/Roles.sol";

/// @title BreachHistory
/// @notice The alliance's append-only breach history (C3, I8): one global log of entries, each
/// emitted whole and folded into two running hash chains (its respondent's and its clause's), two id
/// indexes over it (per member as claimant, per member as respondent) and running counts per member.
/// The disputes module writes every step of every claim; the projects and licensing modules write
/// objective defaults (`recordDefault`).
/// @dev Roles (AccessManager):
/// - DISPUTES_MODULE (`DisputeResolution`, `RemedyExecution`): `recordClaimEntry`. Can only append.
/// - PROJECTS_MODULE, LICENSING_MODULE: `recordDefault` (checked here: an AccessManager maps a
///   function to one role only, and two modules record defaults). Can only append.
/// - Nobody (the council and ADMIN included) can edit, reorder or delete an entry or lower a count:
///   no function does.
/// Invariant (I8): `_entries` only ever grows by `push` in `_append`; no function writes to an
/// existing element or pops, every index only grows by `push` in the same function, and each head
/// only folds in the entry appended there (its count grows by one). So the
/// history's length never decreases and an entry never changes once written, whether or not its
/// claim is closed. A claim's context (parties, agreement, clause) is written once, with its `Filed`
/// entry; a default's once, with its entry. Counts only grow. Views read one bounded page
/// (`MAX_PAGE`) by index, so their gas does not grow with the history's length.
contract BreachHistory is AccessManaged, IBreachHistory {
    using SafeCast for uint256;

    /// @inheritdoc IBreachHistory
    uint256 public constant MAX_PAGE = 100;

    /// @dev What is stored per entry (4 slots). An entry's parties, agreement and clause are read
    /// from its claim's context (or its default's).
    struct StoredEntry {
        EntryKind kind;
        uint8 detailKind;
        uint48 recordedAt;
        address actor;
        uint256 ref;
        bytes32 data;
        uint128 amount;
        uint128 penalty;
    }

    /// @dev The parties, agreement and clause of a claim or of a default (3 slots).
    struct Context {
        address claimant;
        /// Narrowed from uint256 with SafeCast: agreement ids are the registry's counter.
        uint96 agreementId;
        address respondent;
        bytes32 clauseId;
    }

    StoredEntry[] private _entries;
    mapping(uint256 claimId => Context) private _claims;
    mapping(uint256 entryId => Context) private _defaults;
    mapping(address member => uint64[] entryIds) private _asClaimant;
    mapping(address member => uint64[] entryIds) private _asRespondent;
    mapping(address member => HistoryHead) private _memberHeads;
    mapping(uint256 agreementId => mapping(bytes32 clauseId => HistoryHead)) private _clauseHeads;
    mapping(address member => MemberCounts) private _counts;

    constructor(address authority) AccessManaged(authority) {
        if (authority == address(0)) revert BreachHistoryZeroAddress();
    }

    // ================================================================== writing

    /// @inheritdoc IBreachHistory
    /// @dev Role: DISPUTES_MODULE.
    function recordClaimEntry(ClaimEntry calldata e) external restricted returns (uint256 entryId) {
        if (e.kind == EntryKind.Filed) {
            if (_claims[e.claimId].respondent != address(0)) revert BreachHistoryClaimExists(e.claimId);
            if (e.claimant == address(0) || e.respondent == address(0)) revert BreachHistoryZeroAddress();
            _claims[e.claimId] = Context(e.claimant, e.agreementId.toUint96(), e.respondent, e.clauseId);
        } else if (_claims[e.claimId].respondent == address(0)) {
            revert BreachHistoryUnknownClaim(e.claimId);
        }
        Context storage ctx = _claims[e.claimId];
        _count(e.kind, ctx, e.amount);
        entryId = _append(
            StoredEntry(
                e.kind,
                e.detailKind,
                uint48(block.timestamp),
                e.actor,
                e.claimId,
                e.data,
                e.amount.toUint128(),
                0
            ),
            ctx
        );
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
        MemberCounts storage c = _counts[respondent];
        c.defaults += 1;
        c.defaultedAmount += amountDue.toUint128();
        entryId = _entries.length + 1;
        Context storage ctx = _defaults[entryId];
        (ctx.agreementId, ctx.respondent, ctx.clauseId) = (agreementId.toUint96(), respondent, clauseId);
        _append(
            StoredEntry(
                EntryKind.DefaultRecorded,
                uint8(kind),
                uint48(block.timestamp),
                msg.sender,
                ref,
                bytes32(detail),
                amountDue.toUint128(),
                penalty.toUint128()
            ),
            ctx
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
        return _entries.length;
    }

    /// @inheritdoc IBreachHistory
    function historyEntry(uint256 entryId) external view returns (HistoryEntry memory) {
        if (entryId == 0 || entryId > _entries.length) revert BreachHistoryUnknownEntry(entryId);
        return _load(entryId);
    }

    /// @inheritdoc IBreachHistory
    function historyPage(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total) {
        total = _entries.length;
        uint256 n = _pageSize(total, offset, limit);
        ids = new uint256[](n);
        entries = new HistoryEntry[](n);
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = offset + i + 1;
            entries[i] = _load(offset + i + 1);
        }
    }

    /// @inheritdoc IBreachHistory
    function memberHistory(
        address member,
        HistoryRole role,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total) {
        return
            _page(
                role == HistoryRole.AsClaimant ? _asClaimant[member] : _asRespondent[member],
                offset,
                limit
            );
    }

    /// @inheritdoc IBreachHistory
    function memberHead(address member) external view returns (HistoryHead memory) {
        return _memberHeads[member];
    }

    /// @inheritdoc IBreachHistory
    function clauseHead(uint256 agreementId, bytes32 clauseId) external view returns (HistoryHead memory) {
        return _clauseHeads[agreementId][clauseId];
    }

    /// @inheritdoc IBreachHistory
    function countsOf(address member) external view returns (MemberCounts memory) {
        return _counts[member];
    }

    // ================================================================== internals

    /// @dev The counts a claim entry moves. B11: a claim counts against its respondent from its
    /// referral on (`Referred` happens once per claim), never at filing.
    function _count(EntryKind kind, Context storage ctx, uint256 amount) private {
        if (kind == EntryKind.Filed) {
            _counts[ctx.claimant].filed += 1;
        } else if (kind == EntryKind.Referred) {
            _counts[ctx.respondent].against += 1;
        } else if (kind == EntryKind.Executed) {
            _counts[ctx.claimant].filedUpheld += 1;
            _counts[ctx.respondent].upheld += 1;
        } else if (kind == EntryKind.Dismissed) {
            _counts[ctx.claimant].filedDismissed += 1;
            _counts[ctx.respondent].dismissed += 1;
        } else if (kind == EntryKind.Withdrawn) {
            _counts[ctx.claimant].withdrawn += 1;
        } else if (kind == EntryKind.Cured || kind == EntryKind.Settled) {
            _counts[ctx.respondent].settled += 1;
        } else if (kind == EntryKind.SettlementPaid) {
            _counts[ctx.respondent].penaltiesPaid += amount.toUint128();
        } else if (kind == EntryKind.PenaltyApplied) {
            MemberCounts storage c = _counts[ctx.respondent];
            c.penalties += 1;
            c.penaltiesPaid += amount.toUint128();
        }
    }

    /// @dev Reverts unless the caller holds PROJECTS_MODULE or LICENSING_MODULE without an execution delay.
    function _requireRecorder() private view {
        IAccessManager manager = IAccessManager(authority());
        (bool isProjects, uint32 delayP) = manager.hasRole(Roles.PROJECTS_MODULE, msg.sender);
        if (isProjects && delayP == 0) return;
        (bool isLicensing, uint32 delayL) = manager.hasRole(Roles.LICENSING_MODULE, msg.sender);
        if (!isLicensing || delayL != 0) revert BreachHistoryNotRecorder(msg.sender);
    }

    /// @dev Appends `st` (with the parties, agreement and clause of `ctx`) to the log and to each
    /// index it belongs to; returns its id (from 1).
    function _append(StoredEntry memory st, Context storage ctx) private returns (uint256 entryId) {
        _entries.push(st);
        entryId = _entries.length;
        // Narrowing is safe: 2^64 entries would cost far more gas than any chain will ever see.
        uint64 id64 = uint64(entryId);
        HistoryEntry memory e = HistoryEntry(
            st.kind,
            st.detailKind,
            st.recordedAt,
            st.actor,
            ctx.claimant,
            ctx.respondent,
            st.ref,
            ctx.agreementId,
            ctx.clauseId,
            st.data,
            st.amount,
            st.penalty
        );
        if (e.claimant != address(0)) _asClaimant[e.claimant].push(id64);
        _asRespondent[e.respondent].push(id64);
        bytes32 entryHash = keccak256(abi.encode(e));
        _fold(_memberHeads[e.respondent], entryHash);
        _fold(_clauseHeads[e.agreementId][e.clauseId], entryHash);
        emit HistoryAppended(entryId, st.kind, st.ref, e.respondent, e);
    }

    /// @dev Folds one entry's hash into `h` (I8: the only write to a head).
    function _fold(HistoryHead storage h, bytes32 entryHash) private {
        HistoryHead memory cur = h;
        // 2^32 entries in one chain would cost far more gas than any chain will ever see; SafeCast
        // reverts rather than wrap.
        (h.head, h.count) = (
            bytes28(keccak256(abi.encode(cur.head, entryHash))),
            (uint256(cur.count) + 1).toUint32()
        );
    }

    /// @dev Entry `entryId` (from 1, in range) as the views return it.
    function _load(uint256 entryId) private view returns (HistoryEntry memory e) {
        StoredEntry storage st = _entries[entryId - 1];
        e.kind = st.kind;
        e.detailKind = st.detailKind;
        e.recordedAt = st.recordedAt;
        e.actor = st.actor;
        e.claimId = st.ref;
        e.data = st.data;
        e.amount = st.amount;
        e.penalty = st.penalty;
        Context storage ctx = st.kind == EntryKind.DefaultRecorded ? _defaults[entryId] : _claims[st.ref];
        (e.claimant, e.respondent, e.agreementId, e.clauseId) = (
            ctx.claimant,
            ctx.respondent,
            ctx.agreementId,
            ctx.clauseId
        );
    }

    function _page(
        uint64[] storage index,
        uint256 offset,
        uint256 limit
    ) private view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total) {
        total = index.length;
        uint256 n = _pageSize(total, offset, limit);
        ids = new uint256[](n);
        entries = new HistoryEntry[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = index[offset + i];
            ids[i] = id;
            entries[i] = _load(id);
        }
    }

    function _pageSize(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (limit > MAX_PAGE) revert BreachHistoryPageTooLarge(limit, MAX_PAGE);
        if (offset >= total) return 0;
        uint256 left = total - offset;
        return left < limit ? left : limit;
    }
}
