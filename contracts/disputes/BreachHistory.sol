// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {
    IDisputeResolution,
    Claim,
    HistoryEntry,
    HistoryRole,
    EntryKind,
    MemberCounts
} from "../interfaces/IDisputeResolution.sol";
import {Roles} from "../access/Roles.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";

/// @title BreachHistory
/// @notice The append-only breach history of `DisputeResolution` (C3, I8): one global log of
/// entries and four id indexes over it (per member as claimant, per member as respondent, per
/// agreement, per clause), plus running counts per member. Objective defaults enter it through
/// `recordDefault`, restricted to the projects and licensing modules.
/// @dev Invariant (I8): `_entries` only ever grows by `push` in `_append`; no function writes to an
/// existing element or pops, and every index only grows by `push` in the same function. So the
/// history's length never decreases and an entry never changes once written, whether or not its
/// claim is closed. `_defaults[entryId]` is written once, in the same `_append`, and the claim
/// fields an entry shows (claimant, respondent, agreement, clause) are never written after filing.
/// Views read one bounded page (`MAX_PAGE`) by index, so their gas does not grow with the history's
/// length.
abstract contract BreachHistory is AccessManaged, IDisputeResolution {
    using SafeCast for uint256;

    /// @inheritdoc IDisputeResolution
    uint256 public constant MAX_PAGE = 100;

    /// @dev What is stored per entry (4 slots). A claim entry's claimant, respondent, agreement and
    /// clause are read from the claim (fixed at filing, never changed), a default's from `_defaults`.
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

    /// @dev The parties of a default entry (a default has no claim to read them from).
    struct DefaultContext {
        address respondent;
        uint256 agreementId;
        bytes32 clauseId;
    }

    StoredEntry[] private _entries;
    mapping(uint256 entryId => DefaultContext) private _defaults;
    mapping(address member => uint64[] entryIds) private _asClaimant;
    mapping(address member => uint64[] entryIds) private _asRespondent;
    mapping(uint256 agreementId => uint64[] entryIds) private _byAgreement;
    mapping(uint256 agreementId => mapping(bytes32 clauseId => uint64[] entryIds)) private _byClause;
    mapping(address member => MemberCounts) internal _counts;

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
        if (respondent == address(0)) revert DisputeResolutionZeroAddress();
        MemberCounts storage c = _counts[respondent];
        c.defaults += 1;
        c.defaultedAmount += amountDue.toUint128();
        entryId = _append(
            HistoryEntry({
                kind: EntryKind.DefaultRecorded,
                detailKind: uint8(kind),
                recordedAt: uint48(block.timestamp),
                actor: msg.sender,
                claimant: address(0),
                respondent: respondent,
                claimId: ref,
                agreementId: agreementId,
                clauseId: clauseId,
                data: bytes32(detail),
                amount: amountDue.toUint128(),
                penalty: penalty.toUint128()
            })
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

    /// @inheritdoc IDisputeResolution
    function historyLength() external view returns (uint256) {
        return _entries.length;
    }

    /// @inheritdoc IDisputeResolution
    function historyEntry(uint256 entryId) external view returns (HistoryEntry memory) {
        if (entryId == 0 || entryId > _entries.length) revert DisputeResolutionInvalidInput("entryId");
        return _load(entryId);
    }

    /// @inheritdoc IDisputeResolution
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

    /// @inheritdoc IDisputeResolution
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

    /// @inheritdoc IDisputeResolution
    function agreementHistory(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total) {
        return _page(_byAgreement[agreementId], offset, limit);
    }

    /// @inheritdoc IDisputeResolution
    function clauseHistory(
        uint256 agreementId,
        bytes32 clauseId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total) {
        return _page(_byClause[agreementId][clauseId], offset, limit);
    }

    /// @inheritdoc IDisputeResolution
    function countsOf(address member) external view returns (MemberCounts memory) {
        return _counts[member];
    }

    /// @dev Reverts unless the caller holds PROJECTS_MODULE or LICENSING_MODULE without an execution delay.
    function _requireRecorder() private view {
        IAccessManager manager = IAccessManager(authority());
        (bool isProjects, uint32 delayP) = manager.hasRole(Roles.PROJECTS_MODULE, msg.sender);
        if (isProjects && delayP == 0) return;
        (bool isLicensing, uint32 delayL) = manager.hasRole(Roles.LICENSING_MODULE, msg.sender);
        if (!isLicensing || delayL != 0) revert DisputeResolutionNotRecorder(msg.sender);
    }

    /// @dev Appends an entry of claim `claimId` (its parties, agreement and clause are read from
    /// the claim when the entry is viewed) caused by the caller.
    function _record(
        Claim storage c,
        uint256 claimId,
        EntryKind kind,
        uint8 detailKind,
        bytes32 data,
        uint256 amount
    ) internal {
        _append(
            HistoryEntry({
                kind: kind,
                detailKind: detailKind,
                recordedAt: uint48(block.timestamp),
                actor: msg.sender,
                claimant: c.claimant,
                respondent: c.respondent,
                claimId: claimId,
                agreementId: c.agreementId,
                clauseId: c.clauseId,
                data: data,
                amount: amount.toUint128(),
                penalty: 0
            })
        );
    }

    /// @dev Counts and records a penalty of an upheld ruling, or emits `RemedySkipped` when the
    /// remedy found nothing to act on.
    function _penalty(uint256 claimId, Claim storage c, uint8 remedy, bool applies, uint256 amount) internal {
        if (!applies) {
            emit RemedySkipped(claimId, remedy);
            return;
        }
        MemberCounts storage counts = _counts[c.respondent];
        counts.penalties += 1;
        counts.penaltiesPaid += amount.toUint128();
        emit PenaltyApplied(claimId, c.respondent, remedy, amount);
        _record(c, claimId, EntryKind.PenaltyApplied, remedy, bytes32(0), amount);
    }

    /// @dev Appends `e` to the log and to each index it belongs to; returns its id (from 1).
    function _append(HistoryEntry memory e) internal returns (uint256 entryId) {
        _entries.push(
            StoredEntry(e.kind, e.detailKind, e.recordedAt, e.actor, e.claimId, e.data, e.amount, e.penalty)
        );
        entryId = _entries.length;
        if (e.kind == EntryKind.DefaultRecorded)
            _defaults[entryId] = DefaultContext(e.respondent, e.agreementId, e.clauseId);
        // Narrowing is safe: 2^64 entries would cost far more gas than any chain will ever see.
        uint64 id64 = uint64(entryId);
        if (e.claimant != address(0)) _asClaimant[e.claimant].push(id64);
        _asRespondent[e.respondent].push(id64);
        _byAgreement[e.agreementId].push(id64);
        _byClause[e.agreementId][e.clauseId].push(id64);
        emit HistoryAppended(entryId, e.kind, e.claimId, e.respondent);
    }

    /// @dev The parties, agreement and clause of claim `claimId` (immutable once filed).
    function _claimContext(
        uint256 claimId
    )
        internal
        view
        virtual
        returns (address claimant, address respondent, uint256 agreementId, bytes32 clauseId);

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
        if (st.kind == EntryKind.DefaultRecorded) {
            DefaultContext storage d = _defaults[entryId];
            (e.respondent, e.agreementId, e.clauseId) = (d.respondent, d.agreementId, d.clauseId);
        } else {
            (e.claimant, e.respondent, e.agreementId, e.clauseId) = _claimContext(st.ref);
        }
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
        if (limit > MAX_PAGE) revert DisputeResolutionPageTooLarge(limit, MAX_PAGE);
        if (offset >= total) return 0;
        uint256 left = total - offset;
        return left < limit ? left : limit;
    }
}
