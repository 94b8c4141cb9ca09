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
/// ledgers with debt, tiered income splits, pulls through `Treasury`.
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
/// receives more than its ledger `accrued`, and `claimable` only falls by a claim.
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

    /// @dev Two words touched by a claim (debt+owed, accrued+claimed), a third only by a split.
    struct Ledger {
        /// bps x accumulator already settled, in units of 1/10000 wei (the sub-wei remainder of the
        /// last settlement stays out of it, so it is paid by a later one).
        uint128 debt;
        uint128 owed;
        uint128 accrued;
        uint128 claimed;
        uint128 directed;
    }

    struct Beneficiary {
        address account;
        uint16 bps;
    }

    mapping(uint256 assetId => uint256 accumulated) internal _acc;
    mapping(uint256 assetId => mapping(address account => Ledger)) private _ledgers;
    mapping(uint256 assetId => mapping(address owner => Beneficiary[])) private _splits;

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
    /// @dev IP_MODULE only (the IPRegistry). M6: income up to now is settled at the old shares.
    function onSharesMoved(
        uint256 assetId,
        address from,
        address to,
        uint16 bps,
        uint16 fromBefore,
        uint16 toBefore
    ) external restricted {
        _settle(assetId, from, fromBefore);
        _settle(assetId, to, toBefore);
        uint256 acc = _acc[assetId];
        Ledger storage seller = _ledgers[assetId][from];
        Ledger storage buyer = _ledgers[assetId][to];
        // Each side keeps its unsettled remainder (< 10000 units, i.e. < 1 wei) across the move.
        uint256 sellerRest = uint256(fromBefore) * acc - seller.debt;
        uint256 sellerProduct = (uint256(fromBefore) - bps) * acc;
        // A seller left with (almost) nothing forfeits its remainder (< 1 wei) to the dust.
        seller.debt = SafeCast.toUint128(sellerProduct > sellerRest ? sellerProduct - sellerRest : 0);
        uint256 buyerRest = uint256(toBefore) * acc - buyer.debt;
        buyer.debt = SafeCast.toUint128((uint256(toBefore) + bps) * acc - buyerRest);
    }

    // ================================================================== income

    /// @inheritdoc ILicenseManagerFull
    function claim(uint256 assetId) external nonReentrant returns (uint256 amount) {
        if (MEMBERSHIP.statusOf(msg.sender) == MemberStatus.Suspended)
            revert LicenseManagerIncomeHeld(msg.sender);
        _settle(assetId, msg.sender, IP_REGISTRY.shareOf(assetId, msg.sender));
        Ledger storage led = _ledgers[assetId][msg.sender];
        amount = led.owed;
        if (amount == 0) revert LicenseManagerNothingToClaim(assetId, msg.sender);
        led.owed = 0;
        // amount <= owed (uint128), so the sum stays below the accrued total, itself a uint128.
        led.claimed += uint128(amount);
        emit IncomeClaimed(assetId, msg.sender, amount);
        TREASURY.payRoyalty(assetId, msg.sender, amount);
    }

    /// @inheritdoc ILicenseManagerFull
    function settle(uint256 assetId, address owner) external {
        _settle(assetId, owner, IP_REGISTRY.shareOf(assetId, owner));
    }

    /// @inheritdoc ILicenseManagerFull
    function setIncomeSplit(
        uint256 assetId,
        address[] calldata beneficiaries,
        uint16[] calldata bps
    ) external {
        uint16 share = IP_REGISTRY.shareOf(assetId, msg.sender);
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
        _settle(assetId, msg.sender, share);
        Beneficiary[] storage split = _splits[assetId][msg.sender];
        while (split.length != 0) split.pop(); // at most MAX_BENEFICIARIES
        for (uint256 i = 0; i < beneficiaries.length; ++i)
            split.push(Beneficiary({account: beneficiaries[i], bps: bps[i]}));
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
        Ledger storage led = _ledgers[assetId][account];
        uint256 pending = (uint256(IP_REGISTRY.shareOf(assetId, account)) * _acc[assetId] - led.debt) / _BPS;
        uint256 directed;
        Beneficiary[] storage split = _splits[assetId][account];
        for (uint256 i = 0; i < split.length; ++i) directed += (pending * split[i].bps) / _BPS;
        s.accrued = led.accrued + pending - directed;
        s.directed = led.directed + directed;
        s.claimed = led.claimed;
        s.claimable = led.owed + pending - directed;
    }

    /// @inheritdoc ILicenseManagerFull
    function incomeSplitOf(
        uint256 assetId,
        address owner
    ) external view returns (address[] memory beneficiaries, uint16[] memory bps) {
        Beneficiary[] storage split = _splits[assetId][owner];
        beneficiaries = new address[](split.length);
        bps = new uint16[](split.length);
        for (uint256 i = 0; i < split.length; ++i)
            (beneficiaries[i], bps[i]) = (split[i].account, split[i].bps);
    }

    // ================================================================== internals

    /// @dev Adds `net` to the asset's accumulator: O(1) whatever the number of co-owners.
    function _accrue(uint256 assetId, uint256 net) internal {
        uint256 acc = _acc[assetId] + net;
        _acc[assetId] = acc;
        emit RoyaltyAccrued(assetId, net, acc);
    }

    /// @dev Moves `owner`'s income since its last settlement (holding `bps`) into its own and its
    /// beneficiaries' owed balances. Beneficiary parts are floored; the remainder stays with the owner.
    function _settle(uint256 assetId, address owner, uint16 bps) internal {
        Ledger storage led = _ledgers[assetId][owner];
        uint256 product = uint256(bps) * _acc[assetId];
        uint256 unsettled = product - led.debt;
        uint256 pending = unsettled / _BPS;
        if (pending == 0) return;
        // Keep the sub-wei remainder unsettled: each account's cumulative rounding loss stays < 1 wei.
        // SafeCast: bps x accumulator passes 2^128 only for incomes above ~3.4e34 wei; it reverts then.
        led.debt = SafeCast.toUint128(product - (unsettled % _BPS));
        uint256 directed;
        Beneficiary[] storage split = _splits[assetId][owner];
        uint256 n = split.length;
        for (uint256 i = 0; i < n; ++i) {
            Beneficiary memory b = split[i];
            uint256 part = (pending * b.bps) / _BPS;
            if (part == 0) continue;
            Ledger storage bl = _ledgers[assetId][b.account];
            // SafeCast: a token whose supply passes 2^128 reverts here instead of truncating.
            uint128 part128 = SafeCast.toUint128(part);
            bl.owed += part128;
            bl.accrued += part128;
            directed += part;
        }
        uint256 own = pending - directed;
        uint128 own128 = SafeCast.toUint128(own);
        led.owed += own128;
        led.accrued += own128;
        if (directed != 0) led.directed += SafeCast.toUint128(directed);
        emit IncomeSettled(assetId, owner, own, directed);
    }
}
