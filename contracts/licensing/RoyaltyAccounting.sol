// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ILicenseManagerFull, IncomeStatement} from "../interfaces/ILicenseManager.sol";
import {IIPRegistry, IIPShareHook} from "../interfaces/IIPRegistry.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";

/// @title RoyaltyAccounting
/// @notice The income half of `LicenseManager`: a royalty-per-share accumulator per asset, per-account
/// books with debt, tiered income splits, pulls through `Treasury`.
/// @dev The accumulator `_acc[assetId]` is the asset's whole net income ever received, i.e. the
/// income of a 10000-bps share. An owner's debt is `bps x acc` at its last settlement, in units of
/// 1/10000 wei; it is owed `(bps x acc - debt) / 10000`, and a settlement keeps the sub-wei remainder
/// unsettled. No extra scaling factor is needed: every owner's cumulative rounding loss stays below
/// 1 wei (never per payment), and since the exact entitlements sum to the accumulator,
///   Σ claimed + Σ claimable + dust == Σ net received, 0 <= dust <= holders - 1 wei   (I4, M4)
/// where holders counts every account that ever held a share of the asset.
/// The dust stays in the asset's Treasury royalty pool as a carried remainder: the next payment's
/// larger accumulator turns it into whole wei for the owners whose fractions it completes.
/// A share sale settles seller and buyer at the old shares and resets their debts at the new ones,
/// so income accrued before the sale stays with the seller (M6). Invariant I5: an account never
/// receives more than its `accrued`, and `claimable` only falls by a claim.
///
/// Gas layout (I5; the bench cap: a steady-state claim under 80,000 gas). Everything a claim reads or writes
/// for its account sits in ONE word, `Book`: the cached share, the split count, the debt and the
/// owed balance. `accrued` and `claimed` are not stored: `claimed == accrued - owed`, and the gross
/// income an account's own share settled is `grossAtRebase + (debt - debtAtRebase) / 10000`, because
/// a settlement raises the debt by exactly `10000 x` what it settles. A cold second word (`Tally`)
/// changes only when a share sale re-bases the debt or a split moves income.
/// The share is cached in the book (so a claim makes no call to the IPRegistry) only while this
/// contract is the registry's share hook: the registry sets its hook once and reports every share
/// change after registration to it (`onSharesMoved`), which rewrites both sides' cached shares.
/// Bounds: an asset's lifetime net income (the accumulator) is capped at 2^104 - 1 wei (~2.0e31;
/// 2.0e13 whole tokens at 18 decimals): `_accrue` reverts above it, before any money moves. Then a
/// debt is below 10000 x 2^104 < 2^118 and every amount below 2^104, which the narrowing casts use.
abstract contract RoyaltyAccounting is
    ILicenseManagerFull,
    IIPShareHook,
    AccessManaged,
    ReentrancyGuardTransient
{
    /// @notice Most beneficiaries one co-owner may direct income to, per asset (the 4:4:2 model needs 3).
    uint256 public constant MAX_BENEFICIARIES = 8;
    uint256 internal constant _BPS = 10_000;

    IIPRegistry public immutable IP_REGISTRY;
    IMembership public immutable MEMBERSHIP;
    ITreasury public immutable TREASURY;

    /// @dev One word: all a claim touches.
    struct Book {
        /// The account's share in bps, cached from the IPRegistry; 0 = not cached (ask the registry).
        uint16 bps;
        /// Beneficiaries in force in `_splits` (<= MAX_BENEFICIARIES): 0 skips reading the split.
        uint8 splitCount;
        /// bps x accumulator already settled, in units of 1/10000 wei (the sub-wei remainder of the
        /// last settlement stays out of it, so it is paid by a later one).
        uint120 debt;
        /// Settled and not yet claimed, in wei.
        uint104 owed;
    }

    /// @dev Two cold words: written by a share sale (re-base) or a split only.
    struct Tally {
        /// Gross income the account's own share settled up to its last re-base, in wei.
        uint128 grossAtRebase;
        /// The debt set by that re-base.
        uint128 debtAtRebase;
        /// Income its share earned and it directed to its beneficiaries.
        uint128 directedOut;
        /// Income other owners directed to it as their beneficiary.
        uint128 directedIn;
    }

    struct Beneficiary {
        address account;
        uint16 bps;
    }

    mapping(uint256 assetId => uint256 accumulated) private _acc;
    mapping(uint256 assetId => mapping(address account => Book)) private _books;
    mapping(uint256 assetId => mapping(address account => Tally)) private _tallies;
    /// An owner's beneficiaries by index: the first `Book.splitCount` are in force (entries past the
    /// count are left from an earlier, longer split and never read), so no array length is stored.
    mapping(uint256 assetId => mapping(address owner => mapping(uint256 index => Beneficiary)))
        private _splits;

    constructor(IIPRegistry ipRegistry, IMembership membership, ITreasury treasury) {
        if (
            address(ipRegistry) == address(0) ||
            address(membership) == address(0) ||
            address(treasury) == address(0)
        ) revert LicenseManagerZeroAddress();
        IP_REGISTRY = ipRegistry;
        MEMBERSHIP = membership;
        TREASURY = treasury;
    }

    // ================================================================== hook

    /// @inheritdoc IIPShareHook
    /// @dev IP_MODULE only (the IPRegistry). M6: income up to now is settled at the old shares; both
    /// sides' debts are re-based and their cached shares set to the new ones.
    function onSharesMoved(
        uint256 assetId,
        address from,
        address to,
        uint16 bps,
        uint16 fromBefore,
        uint16 toBefore
    ) external restricted {
        Book storage seller = _books[assetId][from];
        Book storage buyer = _books[assetId][to];
        _settleToOwed(assetId, from, seller, fromBefore);
        _settleToOwed(assetId, to, buyer, toBefore);
        uint256 acc = _acc[assetId];
        // Each side keeps its unsettled remainder (< 10000 units, i.e. < 1 wei) across the move.
        uint256 sellerRest = uint256(fromBefore) * acc - seller.debt;
        uint256 sellerProduct = (uint256(fromBefore) - bps) * acc;
        // A seller left with (almost) nothing forfeits its remainder (< 1 wei) to the dust.
        _rebase(
            assetId,
            from,
            seller,
            sellerProduct > sellerRest ? sellerProduct - sellerRest : 0,
            fromBefore - bps
        );
        uint256 buyerRest = uint256(toBefore) * acc - buyer.debt;
        _rebase(assetId, to, buyer, (uint256(toBefore) + bps) * acc - buyerRest, toBefore + bps);
    }

    // ================================================================== income

    /// @inheritdoc ILicenseManagerFull
    function claim(uint256 assetId) external nonReentrant returns (uint256 amount) {
        if (MEMBERSHIP.statusOf(msg.sender) == MemberStatus.Suspended)
            revert LicenseManagerIncomeHeld(msg.sender);
        Book storage book = _books[assetId][msg.sender];
        (uint256 own, uint256 directed) = _settle(
            assetId,
            msg.sender,
            book,
            _shareOf(assetId, msg.sender, book),
            true
        );
        // The own part just settled is paid at once with what was owed, never stored as owed, so
        // IncomeClaimed records it; IncomeSettled is emitted only if beneficiaries were credited.
        if (directed != 0) emit IncomeSettled(assetId, msg.sender, own, directed);
        amount = book.owed + own;
        if (amount == 0) revert LicenseManagerNothingToClaim(assetId, msg.sender);
        book.owed = 0;
        emit IncomeClaimed(assetId, msg.sender, amount);
        TREASURY.payRoyalty(assetId, msg.sender, amount);
    }

    /// @inheritdoc ILicenseManagerFull
    function settle(uint256 assetId, address owner) external {
        Book storage book = _books[assetId][owner];
        _settleToOwed(assetId, owner, book, _shareOf(assetId, owner, book));
    }

    /// @inheritdoc ILicenseManagerFull
    function setIncomeSplit(
        uint256 assetId,
        address[] calldata beneficiaries,
        uint16[] calldata bps
    ) external {
        // M9: a suspended owner cannot redirect the income held for it.
        if (MEMBERSHIP.statusOf(msg.sender) == MemberStatus.Suspended)
            revert LicenseManagerIncomeHeld(msg.sender);
        Book storage book = _books[assetId][msg.sender];
        uint16 share = _shareOf(assetId, msg.sender, book);
        if (share == 0) revert LicenseManagerNotCoOwner(assetId, msg.sender);
        if (beneficiaries.length != bps.length) revert LicenseManagerInvalidSplit("length");
        if (beneficiaries.length > MAX_BENEFICIARIES) revert LicenseManagerInvalidSplit("count");
        uint256 sum;
        for (uint256 i = 0; i < beneficiaries.length; ++i) {
            address b = beneficiaries[i];
            if (b == address(0)) revert LicenseManagerInvalidSplit("zero address");
            if (b == msg.sender) revert LicenseManagerInvalidSplit("self");
            if (bps[i] == 0) revert LicenseManagerInvalidSplit("zero bps");
            for (uint256 j = 0; j < i; ++j)
                if (beneficiaries[j] == b) revert LicenseManagerInvalidSplit("duplicate");
            sum += bps[i];
        }
        if (sum > _BPS) revert LicenseManagerInvalidSplit("sum");
        _settleToOwed(assetId, msg.sender, book, share);
        mapping(uint256 => Beneficiary) storage split = _splits[assetId][msg.sender];
        for (uint256 i = 0; i < beneficiaries.length; ++i)
            split[i] = Beneficiary({account: beneficiaries[i], bps: bps[i]});
        // Narrowing: length <= MAX_BENEFICIARIES (8), checked above.
        book.splitCount = uint8(beneficiaries.length);
        emit IncomeSplitSet(assetId, msg.sender, beneficiaries, bps);
    }

    // ================================================================== views

    /// @inheritdoc ILicenseManagerFull
    function accumulatedOf(uint256 assetId) external view returns (uint256) {
        return _acc[assetId];
    }

    /// @inheritdoc ILicenseManagerFull
    function claimable(uint256 assetId, address account) external view returns (uint256) {
        return incomeOf(assetId, account).claimable;
    }

    /// @inheritdoc ILicenseManagerFull
    function incomeOf(uint256 assetId, address account) public view returns (IncomeStatement memory s) {
        Book storage book = _books[assetId][account];
        Tally storage t = _tallies[assetId][account];
        uint256 bps = book.bps != 0 ? book.bps : IP_REGISTRY.shareOf(assetId, account);
        uint256 debt = book.debt;
        uint256 pending = (bps * _acc[assetId] - debt) / _BPS;
        uint256 directed;
        uint256 n = book.splitCount;
        // M9: what a suspended owner's share earns is settled to it alone (held), never directed.
        if (n != 0 && MEMBERSHIP.statusOf(account) != MemberStatus.Suspended) {
            mapping(uint256 => Beneficiary) storage split = _splits[assetId][account];
            for (uint256 i = 0; i < n; ++i) directed += (pending * split[i].bps) / _BPS;
        }
        // Settled so far: what the own share settled, minus its beneficiaries' parts, plus parts in.
        uint256 settled = t.grossAtRebase + (debt - t.debtAtRebase) / _BPS - t.directedOut + t.directedIn;
        s.accrued = settled + pending - directed;
        s.directed = t.directedOut + directed;
        s.claimed = settled - book.owed;
        s.claimable = book.owed + pending - directed;
    }

    /// @inheritdoc ILicenseManagerFull
    function incomeSplitOf(
        uint256 assetId,
        address owner
    ) external view returns (address[] memory beneficiaries, uint16[] memory bps) {
        uint256 n = _books[assetId][owner].splitCount;
        mapping(uint256 => Beneficiary) storage split = _splits[assetId][owner];
        beneficiaries = new address[](n);
        bps = new uint16[](n);
        for (uint256 i = 0; i < n; ++i) (beneficiaries[i], bps[i]) = (split[i].account, split[i].bps);
    }

    // ================================================================== internals

    /// @dev Adds `net` to the asset's accumulator: O(1) whatever the number of co-owners. Reverts
    /// (SafeCast) if the asset's lifetime net income would pass 2^104 - 1 wei: the bound every
    /// narrowing cast of this contract relies on.
    function _accrue(uint256 assetId, uint256 net) internal {
        uint256 acc = SafeCast.toUint104(_acc[assetId] + net);
        _acc[assetId] = acc;
        emit RoyaltyAccrued(assetId, net, acc);
    }

    /// @dev `account`'s share of `assetId`: the cached one, else the registry's, cached if it is a
    /// share and this contract is the registry's share hook (set once; it then hears of every change).
    function _shareOf(uint256 assetId, address account, Book storage book) private returns (uint16 bps) {
        bps = book.bps;
        if (bps != 0) return bps;
        bps = IP_REGISTRY.shareOf(assetId, account);
        if (bps != 0 && IP_REGISTRY.shareHook() == address(this)) book.bps = bps;
    }

    /// @dev Settles `owner`'s income since its last settlement (holding `bps`): raises its debt,
    /// credits its beneficiaries' parts to their owed balances if `direct` (floored; the remainder
    /// stays with the owner) and returns the owner's own part, which the caller pays or adds to
    /// `owed`, and the beneficiaries' total. The caller emits IncomeSettled.
    function _settle(
        uint256 assetId,
        address owner,
        Book storage book,
        uint256 bps,
        bool direct
    ) private returns (uint256 own, uint256 directed) {
        uint256 debt = book.debt;
        uint256 unsettled = bps * _acc[assetId] - debt;
        uint256 pending = unsettled / _BPS;
        if (pending == 0) return (0, 0);
        // Keep the sub-wei remainder unsettled: each account's cumulative rounding loss stays < 1 wei.
        // Narrowing: the new debt is at most bps x acc < 10000 x 2^104 < 2^120 (see `_accrue`).
        book.debt = uint120(debt + pending * _BPS);
        uint256 splitCount = book.splitCount;
        if (direct && splitCount != 0) directed = _direct(assetId, owner, pending, splitCount);
        own = pending - directed;
    }

    /// @dev `_settle` outside a claim: the owner's own part is added to its owed balance. M9: while the
    /// owner is a suspended member nothing is directed to its beneficiaries (named before or after its
    /// suspension): all of it is held for the owner.
    function _settleToOwed(uint256 assetId, address owner, Book storage book, uint256 bps) private {
        bool direct = book.splitCount == 0 || MEMBERSHIP.statusOf(owner) != MemberStatus.Suspended;
        (uint256 own, uint256 directed) = _settle(assetId, owner, book, bps, direct);
        if (own == 0 && directed == 0) return;
        // Narrowing: an account's owed balance stays below the accumulator (< 2^104), I4.
        if (own != 0) book.owed = uint104(book.owed + own);
        emit IncomeSettled(assetId, owner, own, directed);
    }

    /// @dev Credits `owner`'s `n` (<= MAX_BENEFICIARIES) beneficiaries their parts of `pending`.
    function _direct(
        uint256 assetId,
        address owner,
        uint256 pending,
        uint256 n
    ) private returns (uint256 directed) {
        mapping(uint256 => Beneficiary) storage split = _splits[assetId][owner];
        for (uint256 i = 0; i < n; ++i) {
            Beneficiary memory b = split[i];
            uint256 part = (pending * b.bps) / _BPS;
            if (part == 0) continue;
            Book storage bb = _books[assetId][b.account];
            // Narrowing: every account's owed and tallies stay below the accumulator (< 2^104), I4.
            bb.owed = uint104(bb.owed + part);
            _tallies[assetId][b.account].directedIn += uint128(part);
            directed += part;
        }
        // Narrowing: directed <= pending < 2^104.
        if (directed != 0) _tallies[assetId][owner].directedOut += uint128(directed);
    }

    /// @dev After a share sale: records the gross income settled so far, sets the new debt and caches
    /// the new share (0 = ask the registry).
    function _rebase(
        uint256 assetId,
        address account,
        Book storage book,
        uint256 newDebt,
        uint256 newBps
    ) private {
        Tally storage t = _tallies[assetId][account];
        // Narrowing: gross income < 2^104; newDebt <= newBps x acc < 2^118 (see `_accrue`).
        t.grossAtRebase = uint128(t.grossAtRebase + (book.debt - t.debtAtRebase) / _BPS);
        t.debtAtRebase = uint128(newDebt);
        book.debt = uint120(newDebt);
        // Narrowing: a share is at most 10000 bps.
        book.bps = uint16(newBps);
    }
}
