// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {RoyaltyAccounting} from "./RoyaltyAccounting.sol";
import {
    ILicenseManager,
    ILicenseManagerFull,
    License,
    LicenseKind,
    LicenseStatus,
    LicenseTerms
} from "../interfaces/ILicenseManager.sol";
import {IIPRegistry} from "../interfaces/IIPRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IAgreementRegistry} from "../interfaces/IAgreementRegistry.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";

/// @title LicenseManager
/// @notice Licences of alliance IP (F5, F6, R4, Macro 3): public offers anyone (or members) accept,
/// FRAND offers for standard-essential IP, licences negotiated under a License agreement, conflict
/// checks for exclusive and sole licences, royalty reports and payments, income to co-owners
/// (`RoyaltyAccounting`), suspension and revocation.
/// @dev Powers and non-powers:
/// - Co-owners: propose offers, approve proposals with their share (exclusive and sole need all),
///   set their own income split, claim. Cannot grant alone below the charter's approval share, cannot
///   change a granted licence's terms, cannot take another owner's income.
/// - Licensees: propose negotiated licences under an Effective License agreement they signed, accept
///   offers, report and pay royalties. Cannot pay below max(rate x revenue, minimum).
/// - Anyone: record a royalty default after the grace period (suspends the licence for non-payment),
///   expire an ended licence, settle an owner's income into its beneficiaries' balances.
/// - DISPUTES_MODULE (`restricted`): suspend, lift, revoke licences as a ruling's remedy; each claim's
///   suspension is counted and lifted on its own (B7). Cannot move money, cannot change terms, cannot
///   touch any income already accrued, cannot lift another claim's suspension or a non-payment one.
/// - IP_MODULE (`restricted`): `onSharesMoved` only (the IPRegistry reporting a share sale).
/// - Nobody, not even the council, can edit a licence's terms, erase a licence or take royalty money.
/// Conflicts: a licence is keyed by asset x field x territory; an exclusive or sole licence may not
/// overlap any live licence of the key in time, a non-exclusive one may not overlap an exclusive or
/// sole one. B8: a key holds at most MAX_LICENSES_PER_KEY live entries (checked in one bounded loop),
/// each one its co-owners approved: a licence granted on its own (negotiated, or an exclusive or sole
/// acceptance), or ALL live non-exclusive acceptances of one offer together, whose window is the
/// union of theirs (they share the offer's end and start no earlier than it). So accepting an offer
/// any number of times never fills a key, and an acceptance that joins its offer's entry is O(1). A
/// full key evicts an entry whose window has ended before it refuses a new one.
/// Licences granted through LicenseProposals start no earlier than they are granted, so an offer's
/// entry overlaps a new licence exactly when one of its live acceptances does.
/// Lean records: a licence is three storage words at grant (`License`); its full terms are in
/// `LicenseGranted`, and the licences of an asset or a licensee are found from that event's indexed
/// topics, not from lists in storage.
contract LicenseManager is RoyaltyAccounting {
    /// @notice B8: most live entries per asset x field x territory key (a licence approved on its own,
    /// or all live non-exclusive acceptances of one offer). A new entry is checked against each in one
    /// loop; revocation and `expireLicense` free the entry of a licence (of an offer, its last one),
    /// and a full key evicts an entry whose window has ended.
    uint256 public constant MAX_LICENSES_PER_KEY = 100;
    /// @notice Clause id recorded with a royalty default (chapter 6, income from IP).
    bytes32 public constant ROYALTY_CLAUSE_ID = bytes32("6.4");

    IAgreementRegistry public immutable AGREEMENTS;
    IBreachRecorder public immutable BREACH_RECORDER;

    struct Pause {
        uint48 from;
        uint48 to;
    }

    /// B8: one entry of a key's conflict list: the window it covers, its kind, its live licences, its
    /// 1-based position in the key's list (0 once it left it; MAX_LICENSES_PER_KEY fits uint8) and its
    /// first licence (`lead`, the id views and errors report).
    struct KeyEntry {
        uint48 start;
        uint48 end;
        LicenseKind kind;
        uint32 live;
        uint8 position;
        uint64 lead;
    }

    uint256 private _licenseCount;
    mapping(uint256 licenseId => License) private _licenses;
    mapping(uint256 licenseId => mapping(uint256 index => Pause)) private _pauses;
    /// Live entries per key, by reference: a licence approved on its own is referenced by its id, the
    /// acceptances of a non-exclusive offer by `_offerRef(key, offer)` (so finding an offer's entry
    /// needs no mapping of its own).
    mapping(bytes32 key => uint256[] refs) private _keyEntries;
    mapping(uint256 ref => KeyEntry) private _entries;
    /// B7: the claims whose suspension of a licence is in force.
    mapping(uint256 licenseId => mapping(uint256 claimId => bool)) private _suspendedBy;

    constructor(
        address authority,
        IMembership membership,
        IAgreementRegistry agreements,
        IIPRegistry ipRegistry,
        ITreasury treasury,
        IBreachRecorder breachRecorder
    ) AccessManaged(authority) RoyaltyAccounting(ipRegistry, membership, treasury) {
        if (
            authority == address(0) ||
            address(agreements) == address(0) ||
            address(breachRecorder) == address(0)
        ) revert LicenseManagerZeroAddress();
        AGREEMENTS = agreements;
        BREACH_RECORDER = breachRecorder;
    }

    // ================================================================== grants

    /// @inheritdoc ILicenseManagerFull
    function grantLicense(
        uint256 assetId,
        address licensee,
        uint256 proposalId,
        uint256 agreementId,
        LicenseTerms calldata terms,
        uint48 start
    ) external restricted nonReentrant returns (uint256 licenseId) {
        licenseId = ++_licenseCount;
        _enterKey(
            _key(assetId, terms.fieldId, terms.territoryId),
            licenseId,
            _offerOf(terms.kind, proposalId, agreementId),
            terms.kind,
            start,
            terms.end
        );
        uint16 levyBps = AGREEMENTS.charterParams().levyBps;
        _store(_licenses[licenseId], assetId, licensee, proposalId, agreementId, terms, start, levyBps);
        emit LicenseGranted(licenseId, assetId, licensee, proposalId, agreementId, start, levyBps, terms);
        if (terms.upfrontFee != 0) {
            (uint256 received, uint256 levy) = TREASURY.receiveRoyalty(
                assetId,
                licensee,
                terms.upfrontFee,
                levyBps
            );
            emit UpfrontFeePaid(licenseId, received, levy);
            _accrue(assetId, received - levy);
        }
    }

    // ================================================================== royalties

    /// @inheritdoc ILicenseManagerFull
    function payRoyalty(
        uint256 licenseId,
        uint256 revenue,
        uint256 amount
    ) external nonReentrant returns (uint256 received) {
        License storage lic = _licenses[licenseId];
        if (msg.sender != lic.licensee) {
            if (lic.status == LicenseStatus.None) revert LicenseManagerUnknownLicense(licenseId);
            revert LicenseManagerNotLicensee(licenseId, msg.sender);
        }
        (, uint256 pEnd) = _owedPeriod(licenseId, lic);
        if (block.timestamp < pEnd) revert LicenseManagerPeriodNotEnded(licenseId, pEnd);
        uint256 due = (revenue * lic.royaltyBps) / _BPS;
        if (due < lic.minRoyalty) due = lic.minRoyalty;
        if (amount < due) revert LicenseManagerRoyaltyBelowDue(licenseId, amount, due);
        uint32 period = lic.nextPeriod;
        lic.nextPeriod = period + 1;
        _advancePeriod(licenseId, lic, pEnd);
        // A period with nothing due (no revenue, no minimum) is reported without moving money.
        uint256 levy;
        if (amount != 0)
            (received, levy) = TREASURY.receiveRoyalty(lic.assetId, msg.sender, amount, lic.levyBps);
        emit RoyaltyPaid(licenseId, period, revenue, due, received, levy);
        if (received != levy) _accrue(lic.assetId, received - levy);
    }

    /// @inheritdoc ILicenseManagerFull
    function recordRoyaltyDefault(uint256 licenseId) external returns (uint256 entryId) {
        License storage lic = _license(licenseId);
        (, uint256 pEnd) = _owedPeriod(licenseId, lic);
        uint256 deadline = pEnd + AGREEMENTS.charterParams().royaltyGracePeriod;
        if (block.timestamp <= deadline) revert LicenseManagerNotOverdue(licenseId, deadline);
        uint32 period = lic.nextPeriod;
        if (lic.defaultedPeriod == period + 1) revert LicenseManagerDefaultAlreadyRecorded(licenseId, period);
        lic.defaultedPeriod = period + 1;
        if (lic.status == LicenseStatus.Active || lic.status == LicenseStatus.Suspended) {
            if (lic.status == LicenseStatus.Active) {
                lic.status = LicenseStatus.Suspended;
                lic.suspendedAt = uint48(block.timestamp);
                emit LicenseSuspended(licenseId, 0);
            }
            lic.suspendedForNonPayment = true;
        }
        entryId = BREACH_RECORDER.recordDefault(
            DefaultKind.UnpaidRoyalty,
            lic.licensee,
            lic.agreementId,
            ROYALTY_CLAUSE_ID,
            licenseId,
            period,
            lic.minRoyalty,
            0
        );
        emit RoyaltyDefaultRecorded(licenseId, period, entryId, lic.minRoyalty);
    }

    /// @inheritdoc ILicenseManagerFull
    function expireLicense(uint256 licenseId) external {
        License storage lic = _license(licenseId);
        _requireStatus(licenseId, _ACTIVE_OR_SUSPENDED);
        if (block.timestamp < lic.end) revert LicenseManagerNotEnded(licenseId, lic.end);
        // B15: a licence that ends suspended ends at its suspension, as a revoked one does: the periods
        // that began while it was suspended stay waived.
        if (lic.status == LicenseStatus.Suspended) _cutEnd(lic, lic.suspendedAt);
        lic.status = LicenseStatus.Expired;
        _leaveKey(licenseId, lic);
        emit LicenseExpired(licenseId);
    }

    // ================================================================== disputes module

    /// @inheritdoc ILicenseManager
    function suspendLicense(uint256 licenseId, uint256 claimId) external restricted {
        License storage lic = _license(licenseId);
        _requireStatus(licenseId, _ACTIVE_OR_SUSPENDED);
        if (claimId == 0) revert LicenseManagerZeroClaim();
        if (_suspendedBy[licenseId][claimId])
            revert LicenseManagerAlreadySuspendedByClaim(licenseId, claimId);
        _suspendedBy[licenseId][claimId] = true;
        ++lic.rulingSuspensions;
        // B7: whatever the state; a licence already suspended keeps the start of its suspension.
        if (lic.status == LicenseStatus.Active) {
            lic.status = LicenseStatus.Suspended;
            lic.suspendedAt = uint48(block.timestamp);
        }
        emit LicenseSuspended(licenseId, claimId);
    }

    /// @inheritdoc ILicenseManager
    function liftSuspension(uint256 licenseId, uint256 claimId) external restricted {
        License storage lic = _license(licenseId);
        if (!_suspendedBy[licenseId][claimId]) revert LicenseManagerNotSuspendedByRuling(licenseId, claimId);
        _suspendedBy[licenseId][claimId] = false;
        uint16 remaining = lic.rulingSuspensions - 1;
        lic.rulingSuspensions = remaining;
        // B7: Active again only when no ruling's suspension remains and no period is in arrears.
        if (remaining == 0 && !lic.suspendedForNonPayment && lic.status == LicenseStatus.Suspended)
            _reactivate(licenseId, lic);
        emit SuspensionLifted(licenseId, claimId);
    }

    /// @inheritdoc ILicenseManager
    function revokeLicense(uint256 licenseId, uint256 claimId) external restricted {
        License storage lic = _license(licenseId);
        _requireStatus(licenseId, _ACTIVE_OR_SUSPENDED);
        _cutEnd(lic, lic.status == LicenseStatus.Suspended ? lic.suspendedAt : uint48(block.timestamp));
        lic.status = LicenseStatus.Revoked;
        _leaveKey(licenseId, lic);
        emit LicenseRevoked(licenseId, claimId);
    }

    // ================================================================== views

    /// @inheritdoc ILicenseManager
    function licenseSummary(
        uint256 licenseId
    ) external view returns (LicenseStatus status, address licensee, uint256 assetId, uint256 agreementId) {
        License storage lic = _license(licenseId);
        return (lic.status, lic.licensee, lic.assetId, lic.agreementId);
    }

    /// @inheritdoc ILicenseManagerFull
    function licenseOf(uint256 licenseId) external view returns (License memory) {
        return _license(licenseId);
    }

    /// @inheritdoc ILicenseManagerFull
    function licenseCount() external view returns (uint256) {
        return _licenseCount;
    }

    /// @inheritdoc ILicenseManagerFull
    function nextPeriodOf(
        uint256 licenseId
    ) external view returns (uint256 index, uint256 start, uint256 end, bool payableNow) {
        License storage lic = _license(licenseId);
        index = lic.nextPeriod;
        start = lic.periodStart;
        end = start + lic.periodLength < lic.end ? start + lic.periodLength : lic.end;
        payableNow =
            lic.periodLength != 0 &&
            start < lic.end &&
            !(lic.status == LicenseStatus.Suspended && start >= lic.suspendedAt) &&
            block.timestamp >= end;
    }

    /// @inheritdoc ILicenseManagerFull
    function pauseOf(uint256 licenseId, uint256 index) external view returns (uint256 from, uint256 to) {
        Pause storage p = _pauses[licenseId][index];
        return (p.from, p.to);
    }

    /// @inheritdoc ILicenseManagerFull
    function licensesOfKey(
        uint256 assetId,
        uint32 fieldId,
        uint32 territoryId
    ) external view returns (uint256[] memory leads) {
        uint256[] storage refs = _keyEntries[_key(assetId, fieldId, territoryId)];
        leads = new uint256[](refs.length);
        for (uint256 i = 0; i < refs.length; ++i) leads[i] = _entries[refs[i]].lead;
    }

    /// @inheritdoc ILicenseManagerFull
    function keyEntryOf(
        uint256 entryId
    ) external view returns (uint256 start, uint256 end, LicenseKind kind, uint256 live) {
        License storage lic = _licenses[entryId];
        if (lic.status == LicenseStatus.None) return (0, 0, LicenseKind.Exclusive, 0);
        KeyEntry storage e = _entries[_refOf(entryId, lic)];
        return (e.start, e.end, e.kind, e.live);
    }

    /// @inheritdoc ILicenseManagerFull
    function suspendedByClaim(uint256 licenseId, uint256 claimId) external view returns (bool) {
        return _suspendedBy[licenseId][claimId];
    }

    // ================================================================== internals

    uint256 private constant _ACTIVE_OR_SUSPENDED =
        (1 << uint8(LicenseStatus.Active)) | (1 << uint8(LicenseStatus.Suspended));

    function _license(uint256 licenseId) private view returns (License storage lic) {
        lic = _licenses[licenseId];
        if (lic.status == LicenseStatus.None) revert LicenseManagerUnknownLicense(licenseId);
    }

    function _requireStatus(uint256 licenseId, uint256 expectedMask) private view {
        LicenseStatus current = _licenses[licenseId].status;
        if ((1 << uint8(current)) & expectedMask == 0)
            revert LicenseManagerUnexpectedStatus(licenseId, current, expectedMask);
    }

    function _key(uint256 assetId, uint32 fieldId, uint32 territoryId) private pure returns (bytes32) {
        return keccak256(abi.encode(assetId, fieldId, territoryId));
    }

    /// @dev B8: the offer whose non-exclusive acceptances share one key entry (1 + offer id), or 0 for
    /// a licence that is an entry of its own (negotiated, or exclusive or sole).
    function _offerOf(
        LicenseKind kind,
        uint256 proposalId,
        uint256 agreementId
    ) private pure returns (uint256) {
        return kind == LicenseKind.NonExclusive && agreementId == 0 ? proposalId + 1 : 0;
    }

    /// @dev B8: the reference of the entry of offer `offer`'s non-exclusive acceptances on `key`.
    function _offerRef(bytes32 key, uint256 offer) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(key, offer)));
    }

    /// @dev B8: the reference of the entry licence `licenseId` belongs to (its offer's, or its own).
    function _refOf(uint256 licenseId, License storage lic) private view returns (uint256) {
        uint256 offer = _offerOf(lic.kind, lic.proposalId, lic.agreementId);
        if (offer == 0) return licenseId;
        return _offerRef(_key(lic.assetId, lic.fieldId, lic.territoryId), offer);
    }

    /// @dev B8: puts licence `licenseId` [start, end) on its key: into its offer's live entry if it has
    /// one (checked again only if it widens the entry's window), else as a new entry after the
    /// conflict check and the cap.
    function _enterKey(
        bytes32 key,
        uint256 licenseId,
        uint256 offer,
        LicenseKind kind,
        uint48 start,
        uint48 end
    ) private {
        uint256 ref = licenseId;
        if (offer != 0) {
            ref = _offerRef(key, offer);
            KeyEntry storage e = _entries[ref];
            if (e.position != 0) {
                if (start < e.start || end > e.end) {
                    _checkConflicts(key, kind, start, end);
                    if (start < e.start) e.start = start;
                    if (end > e.end) e.end = end;
                }
                ++e.live;
                return;
            }
        }
        _checkConflicts(key, kind, start, end);
        uint256[] storage refs = _keyEntries[key];
        if (refs.length >= MAX_LICENSES_PER_KEY && !_evictEnded(refs))
            revert LicenseManagerKeyFull(key, MAX_LICENSES_PER_KEY);
        refs.push(ref);
        // refs.length <= MAX_LICENSES_PER_KEY (100) fits uint8; licence ids are a counter far below 2^64.
        _entries[ref] = KeyEntry({
            start: start,
            end: end,
            kind: kind,
            live: 1,
            position: uint8(refs.length),
            lead: uint64(licenseId)
        });
    }

    /// @dev Conflict rule over the key's live entries (<= MAX_LICENSES_PER_KEY): time windows
    /// [start, end) overlap and at least one of the two is exclusive or sole.
    function _checkConflicts(bytes32 key, LicenseKind kind, uint48 start, uint48 end) private view {
        uint256[] storage refs = _keyEntries[key];
        uint256 n = refs.length;
        for (uint256 i = 0; i < n; ++i) {
            KeyEntry storage o = _entries[refs[i]];
            if (kind == LicenseKind.NonExclusive && o.kind == LicenseKind.NonExclusive) continue;
            if (start < o.end && o.start < end) revert LicenseManagerConflict(o.lead);
        }
    }

    /// @dev Writes the licence's first three words (the fourth only for a negotiated licence's agreement):
    /// fields that are zero at grant are not written.
    function _store(
        License storage lic,
        uint256 assetId,
        address licensee,
        uint256 proposalId,
        uint256 agreementId,
        LicenseTerms calldata terms,
        uint48 start,
        uint16 levyBps
    ) private {
        lic.licensee = licensee;
        lic.status = LicenseStatus.Active;
        lic.kind = terms.kind;
        lic.royaltyBps = terms.royaltyBps;
        lic.levyBps = levyBps;
        lic.start = start;
        lic.end = terms.end;
        lic.periodStart = start;
        lic.periodLength = terms.periodLength;
        // Asset, proposal and agreement ids are counters; SafeCast reverts past 2^64.
        lic.proposalId = SafeCast.toUint64(proposalId);
        lic.minRoyalty = terms.minRoyalty;
        lic.assetId = SafeCast.toUint64(assetId);
        lic.fieldId = terms.fieldId;
        lic.territoryId = terms.territoryId;
        if (agreementId != 0) lic.agreementId = SafeCast.toUint64(agreementId);
    }

    /// @dev Takes a revoked or expired licence off its key: its own entry, or one live licence of its
    /// offer's entry (the entry leaves with the last one). Nothing to do if its entry was evicted.
    function _leaveKey(uint256 licenseId, License storage lic) private {
        uint256 ref = _refOf(licenseId, lic);
        KeyEntry storage e = _entries[ref];
        if (e.position == 0) return;
        uint32 live = e.live - 1;
        e.live = live;
        if (live == 0) _dropEntry(_keyEntries[_key(lic.assetId, lic.fieldId, lic.territoryId)], ref);
    }

    /// @dev B8: on a full key, evicts one entry whose window has ended (its licences can never overlap
    /// a licence granted from now on, which starts no earlier than now); false if there is none. The
    /// licences of an evicted entry keep their status until revoked or expired.
    function _evictEnded(uint256[] storage refs) private returns (bool) {
        uint256 n = refs.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 ref = refs[i];
            KeyEntry storage e = _entries[ref];
            if (e.end > block.timestamp) continue;
            e.live = 0;
            _dropEntry(refs, ref);
            return true;
        }
        return false;
    }

    /// @dev Swap-and-pop of `ref` from its key list.
    function _dropEntry(uint256[] storage refs, uint256 ref) private {
        KeyEntry storage e = _entries[ref];
        uint8 pos = e.position;
        uint256 last = refs[refs.length - 1];
        refs[pos - 1] = last;
        _entries[last].position = pos;
        refs.pop();
        e.position = 0;
    }

    /// @dev Ends the licence at `stop` (not before its start) if that is earlier than its end.
    function _cutEnd(License storage lic, uint48 stop) private {
        if (stop < lic.start) stop = lic.start;
        if (stop < lic.end) lic.end = stop;
    }

    /// @dev The next unpaid period [start, end) if one is owed now; reverts otherwise. A period that
    /// begins at or after a current suspension is not owed (M9).
    function _owedPeriod(
        uint256 licenseId,
        License storage lic
    ) private view returns (uint256 pStart, uint256 pEnd) {
        if (lic.periodLength == 0) revert LicenseManagerNoRunningRoyalty(licenseId);
        pStart = lic.periodStart;
        uint256 end = lic.end;
        if (pStart >= end) revert LicenseManagerNoPeriodDue(licenseId);
        if (lic.status == LicenseStatus.Suspended && pStart >= lic.suspendedAt)
            revert LicenseManagerLicenseSuspended(licenseId, lic.suspendedAt);
        pEnd = pStart + lic.periodLength;
        if (pEnd > end) pEnd = end;
    }

    /// @dev After the period ending at `pEnd` is paid: lifts a non-payment suspension once every period
    /// that began before it is paid; otherwise passes every recorded suspension window the new period
    /// start has reached, and a period that would begin inside one starts at its lift instead (B15:
    /// periods that begin while suspended are waived, the second of two windows included). The loop
    /// passes each window once in the licence's life; a window is still ahead only if a ruling's
    /// suspension was lifted while an earlier period was unpaid, so there is at most one per claim.
    function _advancePeriod(uint256 licenseId, License storage lic, uint256 pEnd) private {
        // Period ends are bounded by `end`, a uint48.
        lic.periodStart = uint48(pEnd);
        if (lic.suspendedForNonPayment && pEnd >= lic.suspendedAt) {
            lic.suspendedForNonPayment = false;
            // B7: paying arrears never lifts a ruling's suspension.
            if (lic.rulingSuspensions == 0) _reactivate(licenseId, lic);
            emit SuspensionLifted(licenseId, 0);
            return;
        }
        while (lic.pauseAhead) {
            uint32 cursor = lic.pauseCursor;
            Pause storage w = _pauses[licenseId][cursor];
            uint48 next = lic.periodStart;
            if (next < w.from) return;
            if (next < w.to) lic.periodStart = w.to;
            lic.pauseCursor = cursor + 1;
            lic.pauseAhead = cursor + 1 < lic.pauseCount;
        }
    }

    /// @dev Suspended -> Active: records the window [suspendedAt, now) in which periods are waived.
    /// If the next unpaid period began inside it, the next period starts now.
    function _reactivate(uint256 licenseId, License storage lic) private {
        lic.status = LicenseStatus.Active;
        uint32 n = lic.pauseCount;
        _pauses[licenseId][n] = Pause({from: lic.suspendedAt, to: uint48(block.timestamp)});
        lic.pauseCount = n + 1;
        if (lic.periodStart >= lic.suspendedAt) {
            lic.periodStart = uint48(block.timestamp);
            lic.pauseCursor = n + 1;
        }
        lic.pauseAhead = lic.pauseCursor < n + 1;
    }
}
