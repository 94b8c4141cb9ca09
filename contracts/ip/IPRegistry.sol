// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {
    IIPRegistry,
    IIPShareHook,
    Asset,
    AssetInput,
    AssetKind,
    AssetStatus,
    ShareSale,
    SaleStatus
} from "../interfaces/IIPRegistry.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ShareList} from "./ShareList.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IAgreementRegistry, Agreement, AgreementKind} from "../interfaces/IAgreementRegistry.sol";
import {IProjectRegistry, Project, ProjectStatus} from "../interfaces/IProjectRegistry.sol";

/// @title IPRegistry
/// @notice The alliance's register of results and background IP (F5, R4, Macro 4). Shares are
/// ERC-1155 balances (token id = asset id, balance = bps share, total supply 10000), so any explorer
/// shows who co-owns what; they move only through the right-of-first-refusal sale below: plain
/// ERC-1155 transfers and approvals revert.
/// @dev Powers and non-powers:
/// - ADMIN/COUNCIL: `setShareHook` once at deployment. Cannot register, edit or move any asset or share.
/// - Members in good standing: register background IP they own; project participants register
///   foreground IP with the project's pre-agreed split, or with another split that every owner and
///   every participant with a pre-agreed share signed (B4). No participant alone picks a split.
/// - Participants of a project: contest, within the charter's `contestWindow` after registering a
///   result, a background registration of the same content made since the project became active (B4).
/// - Co-owners: offer their own share for sale, exercise the right of first refusal. Cannot touch
///   another owner's share. A status change (a legal fact with its evidence hash) is theirs together:
///   proposed and approved in `LicenseProposals`, applied here once co-owners holding the charter's
///   `approvalShareBps` approved, never by one co-owner below it (B5).
/// - LICENSING_MODULE (`restricted`, held by LicenseProposals and LicenseManager; only
///   LicenseProposals calls it): `applyStatusChange`, the co-owners' approved status change. Cannot
///   register, move shares or contest.
/// - Nobody can change an asset's content hash, registration time, registrant or originating project.
/// Invariant I1: for every asset the owners' balances sum to 10000, each > 0, no owner twice,
/// at most MAX_OWNERS owners.
/// Lean records: the co-owners and shares of a registration are written once as the code of a data
/// contract (`ShareList`, 24 bytes per co-owner) instead of a storage word each; a co-owner's share is
/// stored (`Holding.moved`) only once a share sale changes it. Title and external id live in events.
contract IPRegistry is IIPRegistry, ERC1155, EIP712, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// One word per account that a share sale touched: its share once a sale moved it (`moved`; before
    /// that the registration's `ShareList` holds it), the part of it on open sales, and its 1-based
    /// position in the asset's list of co-owners who bought in (0 = not in that list).
    struct Holding {
        uint16 bps;
        uint16 reserved;
        uint32 position;
        bool moved;
    }

    /// What an asset's checks read: three words written at registration (a fourth only for an amended
    /// split). Title and external id are text, in `AssetRegistered` only.
    struct Record {
        /// The registration's co-owners and shares (`ShareList` data contract).
        address shareList;
        uint32 shareVersion;
        uint16 ownerCount;
        AssetKind kind;
        AssetStatus status;
        bool standardEssential;
        address registrant;
        uint48 registeredAt;
        uint48 projectId;
        bytes32 contentHash;
        uint256 amendmentId;
    }

    /// @notice Most co-owners of one asset. Registration is O(owners) at under 15,000 gas per co-owner
    /// (24 bytes of `ShareList` code and an ERC-1155 event each, no storage word); paying and claiming
    /// royalties is O(1) whatever the count (LicenseManager's accumulator). `ShareList` allows 255.
    uint256 public constant MAX_OWNERS = 200;
    uint256 public constant TOTAL_BPS = 10_000;
    uint256 public constant MAX_TITLE_BYTES = 256;
    uint256 public constant MAX_EXTERNAL_ID_BYTES = 64;
    /// @notice B4: EIP-712 type of an account's consent to a result's split (`registerForegroundAmended`).
    bytes32 public constant SPLIT_CONSENT_TYPEHASH = keccak256(
        "SplitConsent(address account,uint256 projectId,uint256 amendmentId,bytes32 contentHash,"
        "address[] owners,uint16[] shares,uint256 deadline)"
    );
    /// Statuses co-owners may set and leave (bit i = AssetStatus(i)): all but None and Contested.
    uint256 private constant _LIVE_MASK =
        (1 << uint8(AssetStatus.Filed)) |
            (1 << uint8(AssetStatus.Granted)) |
            (1 << uint8(AssetStatus.Lapsed)) |
            (1 << uint8(AssetStatus.Abandoned));

    IMembership public immutable MEMBERSHIP;
    IAgreementRegistry public immutable AGREEMENTS;
    IProjectRegistry public immutable PROJECTS;
    /// @notice The settlement token share prices are paid in (buyer to seller, never held here).
    IERC20 public immutable TOKEN;

    address private _hook;
    uint256 private _assetCount;
    uint256 private _saleCount;
    mapping(uint256 assetId => Record) private _assets;
    mapping(bytes32 contentHash => uint256 assetId) private _assetByContent;
    /// Co-owners who bought into the asset and are not in its registration's `ShareList`.
    mapping(uint256 assetId => address[]) private _buyers;
    mapping(uint256 assetId => mapping(address owner => Holding)) private _holdings;
    mapping(uint256 saleId => ShareSale) private _sales;

    constructor(
        address authority,
        IMembership membership,
        IAgreementRegistry agreements,
        IProjectRegistry projects,
        IERC20 token,
        string memory uri_
    ) ERC1155(uri_) EIP712("Covenant IPRegistry", "1") AccessManaged(authority) {
        if (
            authority == address(0) ||
            address(membership) == address(0) ||
            address(agreements) == address(0) ||
            address(projects) == address(0) ||
            address(token) == address(0)
        ) revert IPRegistryZeroAddress();
        MEMBERSHIP = membership;
        AGREEMENTS = agreements;
        PROJECTS = projects;
        TOKEN = token;
    }

    // ================================================================== admin

    /// @inheritdoc IIPRegistry
    function setShareHook(address hook) external restricted {
        if (hook == address(0)) revert IPRegistryZeroAddress();
        if (_hook != address(0)) revert IPRegistryHookAlreadySet(_hook);
        _hook = hook;
        emit ShareHookSet(hook);
    }

    // ================================================================== registration

    /// @inheritdoc IIPRegistry
    function registerBackground(
        AssetInput calldata input,
        address[] calldata owners,
        uint16[] calldata shares
    ) external returns (uint256 assetId) {
        MEMBERSHIP.requireBusinessMember(msg.sender);
        _checkShares(owners, shares);
        bool callerOwns;
        for (uint256 i = 0; i < owners.length; ++i) {
            if (owners[i] == msg.sender) callerOwns = true;
            if (!MEMBERSHIP.isInGoodStanding(owners[i])) revert IPRegistryOwnerNotMember(owners[i]);
        }
        if (!callerOwns) revert IPRegistryRegistrantNotOwner(msg.sender);
        assetId = _register(input, 0, 0, owners, shares);
    }

    /// @inheritdoc IIPRegistry
    function registerForeground(
        uint256 projectId,
        AssetInput calldata input
    ) external returns (uint256 assetId) {
        _checkProjectRegistrant(projectId);
        (address[] memory participants, uint16[] memory ipShares) = PROJECTS.ipSharesOf(projectId);
        if (participants.length != ipShares.length)
            revert IPRegistryLengthMismatch(participants.length, ipShares.length);
        // Participants with a zero IP share (e.g. funders only) own nothing of the result.
        uint256 n;
        for (uint256 i = 0; i < ipShares.length; ++i) if (ipShares[i] != 0) ++n;
        if (n != ipShares.length) (participants, ipShares) = _withoutZeroShares(participants, ipShares, n);
        _checkShares(participants, ipShares);
        assetId = _register(input, projectId, 0, participants, ipShares);
    }

    /// @inheritdoc IIPRegistry
    function registerForegroundAmended(
        uint256 projectId,
        uint256 amendmentId,
        AssetInput calldata input,
        address[] calldata owners,
        uint16[] calldata shares,
        uint256 deadline,
        bytes[] calldata signatures
    ) external returns (uint256 assetId) {
        _checkProjectRegistrant(projectId);
        _checkShares(owners, shares);
        uint256 projectAgreement = PROJECTS.projectAgreementOf(projectId);
        Agreement memory a = AGREEMENTS.agreementOf(amendmentId);
        if (
            projectAgreement == 0 ||
            a.kind != AgreementKind.Amendment ||
            a.parentId != projectAgreement ||
            !AGREEMENTS.isEffective(amendmentId)
        ) revert IPRegistryInvalidAmendment(projectId, amendmentId);
        if (block.timestamp > deadline) revert IPRegistryConsentExpired(deadline);
        bytes memory split = _splitData(projectId, amendmentId, input.contentHash, owners, shares, deadline);
        assetId = _register(input, projectId, amendmentId, owners, shares);
        _checkConsents(_assets[assetId].shareList, projectId, split, owners, signatures);
    }

    /// @inheritdoc IIPRegistry
    function contestBackground(uint256 backgroundId, uint256 foregroundId) external {
        Record storage b = _asset(backgroundId);
        Record storage f = _asset(foregroundId);
        // Both registered with one hash only through the path of `_register` that lets a project's
        // result through over a background registration made since the project became active.
        if (
            b.projectId != 0 ||
            f.projectId == 0 ||
            b.contentHash != f.contentHash ||
            b.status == AssetStatus.Contested
        ) revert IPRegistryNotContestable(backgroundId, foregroundId);
        MEMBERSHIP.requireBusinessMember(msg.sender);
        if (!PROJECTS.isParticipant(f.projectId, msg.sender))
            revert IPRegistryNotParticipant(f.projectId, msg.sender);
        uint256 endsAt = uint256(f.registeredAt) + AGREEMENTS.charterParams().contestWindow;
        if (block.timestamp >= endsAt) revert IPRegistryContestWindowClosed(foregroundId, endsAt);
        AssetStatus from = b.status;
        b.status = AssetStatus.Contested;
        emit BackgroundContested(backgroundId, foregroundId, msg.sender, from);
    }

    /// @inheritdoc IIPRegistry
    function applyStatusChange(
        uint256 assetId,
        AssetStatus from,
        AssetStatus to,
        bytes32 evidenceHash
    ) external restricted {
        Record storage a = _asset(assetId);
        // The asset is still in `from`, and `from` is not Contested (a contested asset keeps its status).
        _requireStatus(assetId, (1 << uint8(from)) & _LIVE_MASK);
        if (to == from || (1 << uint8(to)) & _LIVE_MASK == 0) revert IPRegistryInvalidInput("newStatus");
        a.status = to;
        if (to == AssetStatus.Granted && a.kind == AssetKind.PatentApplication) a.kind = AssetKind.Patent;
        emit AssetStatusChanged(assetId, from, to, evidenceHash);
    }

    // ================================================================== share sales

    /// @inheritdoc IIPRegistry
    function offerShares(
        uint256 assetId,
        uint16 bps,
        address buyer,
        uint256 price
    ) external returns (uint256 saleId) {
        _asset(assetId);
        _requireStatus(assetId, _LIVE_MASK);
        if (buyer == address(0)) revert IPRegistryZeroAddress();
        if (buyer == msg.sender) revert IPRegistryInvalidInput("buyer");
        if (bps == 0) revert IPRegistryInvalidInput("bps");
        Holding storage h = _holdings[assetId][msg.sender];
        (uint16 held, uint16 reserved) = (_share(_assets[assetId], h, msg.sender), h.reserved);
        if (held == 0) revert IPRegistryNotCoOwner(assetId, msg.sender);
        if (held - reserved < bps)
            revert IPRegistryInsufficientShare(assetId, msg.sender, held - reserved, bps);
        _checkBuyer(buyer);
        uint48 rofrEndsAt = uint48(block.timestamp) + AGREEMENTS.charterParams().rofrWindow;
        saleId = ++_saleCount;
        _sales[saleId] = ShareSale({
            assetId: assetId,
            seller: msg.sender,
            bps: bps,
            status: SaleStatus.Open,
            rofrEndsAt: rofrEndsAt,
            buyer: buyer,
            purchaser: address(0),
            price: price
        });
        h.reserved = reserved + bps;
        emit SharesOffered(saleId, assetId, msg.sender, buyer, bps, price, rofrEndsAt);
    }

    /// @inheritdoc IIPRegistry
    function exerciseRofr(uint256 saleId) external nonReentrant {
        ShareSale storage s = _openSale(saleId);
        if (block.timestamp >= s.rofrEndsAt) revert IPRegistryRofrWindow(saleId, s.rofrEndsAt);
        if (msg.sender == s.seller) revert IPRegistryUnauthorized(saleId, msg.sender);
        if (balanceOf(msg.sender, s.assetId) == 0) revert IPRegistryNotCoOwner(s.assetId, msg.sender);
        s.status = SaleStatus.Preempted;
        emit RofrExercised(saleId, msg.sender);
        _settleSale(saleId, s);
    }

    /// @inheritdoc IIPRegistry
    function completeShareSale(uint256 saleId) external nonReentrant {
        ShareSale storage s = _openSale(saleId);
        if (block.timestamp < s.rofrEndsAt) revert IPRegistryRofrWindow(saleId, s.rofrEndsAt);
        if (msg.sender != s.buyer) revert IPRegistryUnauthorized(saleId, msg.sender);
        _checkBuyer(msg.sender);
        s.status = SaleStatus.Completed;
        _settleSale(saleId, s);
    }

    /// @inheritdoc IIPRegistry
    function cancelShareSale(uint256 saleId) external {
        ShareSale storage s = _openSale(saleId);
        if (msg.sender != s.seller) revert IPRegistryUnauthorized(saleId, msg.sender);
        s.status = SaleStatus.Cancelled;
        _holdings[s.assetId][s.seller].reserved -= s.bps;
        emit ShareSaleCancelled(saleId);
    }

    // ================================================================== ERC-1155 restrictions

    /// @notice Shares move only through `offerShares` and the right of first refusal.
    function safeTransferFrom(address, address, uint256, uint256, bytes memory) public pure override {
        revert IPRegistryTransferRestricted();
    }

    /// @notice Shares move only through `offerShares` and the right of first refusal.
    function safeBatchTransferFrom(
        address,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public pure override {
        revert IPRegistryTransferRestricted();
    }

    /// @notice No operator can move shares.
    function setApprovalForAll(address, bool) public pure override {
        revert IPRegistryTransferRestricted();
    }

    // ================================================================== views

    /// @inheritdoc IIPRegistry
    function assetCount() external view returns (uint256) {
        return _assetCount;
    }

    /// @inheritdoc IIPRegistry
    function assetOf(uint256 assetId) external view returns (Asset memory) {
        Record storage a = _asset(assetId);
        return
            Asset({
                kind: a.kind,
                status: a.status,
                standardEssential: a.standardEssential,
                ownerCount: a.ownerCount,
                shareVersion: a.shareVersion,
                registeredAt: a.registeredAt,
                registrant: a.registrant,
                projectId: a.projectId,
                amendmentId: a.amendmentId,
                contentHash: a.contentHash
            });
    }

    /// @inheritdoc IIPRegistry
    function assetByContent(bytes32 contentHash) external view returns (uint256) {
        return _assetByContent[contentHash];
    }

    /// @inheritdoc IIPRegistry
    function shareOf(uint256 assetId, address owner) public view returns (uint16) {
        return _share(_assets[assetId], _holdings[assetId][owner], owner);
    }

    /// @notice ERC-1155 balance: `account`'s share of asset `id` in bps.
    function balanceOf(address account, uint256 id) public view override returns (uint256) {
        return shareOf(id, account);
    }

    /// @inheritdoc IIPRegistry
    function approvalWeight(
        uint256 assetId,
        address owner
    ) external view returns (uint16 bps, uint32 version) {
        Record storage a = _assets[assetId];
        return (_share(a, _holdings[assetId][owner], owner), a.shareVersion);
    }

    /// @inheritdoc IIPRegistry
    function licensingInfo(
        uint256 assetId
    ) external view returns (AssetStatus status, bool standardEssential) {
        Record storage a = _asset(assetId);
        return (a.status, a.standardEssential);
    }

    /// @inheritdoc IIPRegistry
    function ownersOf(
        uint256 assetId,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory owners, uint16[] memory shares) {
        Record storage a = _assets[assetId];
        uint256 total = a.ownerCount;
        uint256 end = offset + limit > total ? total : offset + limit;
        uint256 n = end > offset ? end - offset : 0;
        owners = new address[](n);
        shares = new uint16[](n);
        // The live co-owners in order: the registration's (skipping those that sold out), then buyers.
        uint256 live = _pageRegistered(assetId, a.shareList, owners, shares, offset);
        address[] storage buyers = _buyers[assetId];
        for (uint256 i = 0; i < buyers.length && live < end; ++i) {
            if (live >= offset) {
                owners[live - offset] = buyers[i];
                shares[live - offset] = _holdings[assetId][buyers[i]].bps;
            }
            ++live;
        }
    }

    /// @inheritdoc IIPRegistry
    function saleOf(uint256 saleId) external view returns (ShareSale memory) {
        if (_sales[saleId].status == SaleStatus.None) revert IPRegistryUnknownSale(saleId);
        return _sales[saleId];
    }

    /// @inheritdoc IIPRegistry
    function hashSplitConsent(
        address account,
        uint256 projectId,
        uint256 amendmentId,
        bytes32 contentHash,
        address[] calldata owners,
        uint16[] calldata shares,
        uint256 deadline
    ) external view returns (bytes32) {
        return
            _consentDigest(
                account,
                _splitData(projectId, amendmentId, contentHash, owners, shares, deadline)
            );
    }

    /// @inheritdoc IIPRegistry
    function saleCount() external view returns (uint256) {
        return _saleCount;
    }

    /// @inheritdoc IIPRegistry
    function reservedOf(uint256 assetId, address owner) external view returns (uint16) {
        return _holdings[assetId][owner].reserved;
    }

    /// @inheritdoc IIPRegistry
    function shareHook() external view returns (address) {
        return _hook;
    }

    // ================================================================== internals

    function _asset(uint256 assetId) private view returns (Record storage a) {
        a = _assets[assetId];
        if (a.status == AssetStatus.None) revert IPRegistryUnknownAsset(assetId);
    }

    function _requireStatus(uint256 assetId, uint256 expectedMask) private view {
        AssetStatus current = _assets[assetId].status;
        if ((1 << uint8(current)) & expectedMask == 0)
            revert IPRegistryUnexpectedStatus(assetId, current, expectedMask);
    }

    function _openSale(uint256 saleId) private view returns (ShareSale storage s) {
        s = _sales[saleId];
        if (s.status == SaleStatus.None) revert IPRegistryUnknownSale(saleId);
        if (s.status != SaleStatus.Open) revert IPRegistrySaleNotOpen(saleId, s.status);
    }

    function _checkBuyer(address buyer) private view {
        if (!MEMBERSHIP.isInGoodStanding(buyer) && !AGREEMENTS.charterParams().transfersToNonMembers)
            revert IPRegistryBuyerNotMember(buyer);
    }

    function _checkProjectRegistrant(uint256 projectId) private view {
        MEMBERSHIP.requireBusinessMember(msg.sender);
        ProjectStatus st = PROJECTS.projectStatus(projectId);
        if (st != ProjectStatus.Active && st != ProjectStatus.Completed)
            revert IPRegistryProjectNotActive(projectId, uint8(st));
        if (!PROJECTS.isParticipant(projectId, msg.sender))
            revert IPRegistryNotParticipant(projectId, msg.sender);
    }

    /// @dev Fills `owners` / `shares` from live position `offset` with the registration's co-owners that
    /// still hold a share; returns how many live ones it went past.
    function _pageRegistered(
        uint256 assetId,
        address list,
        address[] memory owners,
        uint16[] memory shares,
        uint256 offset
    ) private view returns (uint256 live) {
        uint256 registered = ShareList.length(list);
        uint256 end = offset + owners.length;
        for (uint256 i = 0; i < registered && live < end; ++i) {
            (address owner, uint16 bps) = ShareList.at(list, i);
            Holding storage h = _holdings[assetId][owner];
            if (h.moved) bps = h.bps;
            if (bps == 0) continue;
            if (live >= offset) (owners[live - offset], shares[live - offset]) = (owner, bps);
            ++live;
        }
    }

    /// @dev The `n` participants with a non-zero IP share, and their shares.
    function _withoutZeroShares(
        address[] memory participants,
        uint16[] memory ipShares,
        uint256 n
    ) private pure returns (address[] memory owners, uint16[] memory shares) {
        owners = new address[](n);
        shares = new uint16[](n);
        n = 0;
        for (uint256 i = 0; i < ipShares.length; ++i) {
            if (ipShares[i] == 0) continue;
            (owners[n], shares[n]) = (participants[i], ipShares[i]);
            ++n;
        }
    }

    /// @dev `owner`'s share: the stored one once a share sale moved it, else the registration's. An asset
    /// no sale ever completed on (`shareVersion` 0, in the word that holds the list) has no stored share.
    function _share(Record storage a, Holding storage h, address owner) private view returns (uint16) {
        if (a.shareVersion != 0 && h.moved) return h.bps;
        return ShareList.find(a.shareList, owner);
    }

    /// @dev M5: lengths, cap, zero address, zero share, sum exactly 10000. Duplicates are caught
    /// when the shares are recorded (`ShareList.write`), in the same transaction.
    function _checkShares(address[] memory owners, uint16[] memory shares) private pure {
        if (owners.length != shares.length || owners.length == 0)
            revert IPRegistryLengthMismatch(owners.length, shares.length);
        if (owners.length > MAX_OWNERS) revert IPRegistryTooManyOwners(owners.length, MAX_OWNERS);
        uint256 sum;
        for (uint256 i = 0; i < owners.length; ++i) {
            if (owners[i] == address(0)) revert IPRegistryZeroAddress();
            if (shares[i] == 0) revert IPRegistryZeroShare(owners[i]);
            sum += shares[i];
        }
        if (sum != TOTAL_BPS) revert IPRegistrySharesNotWhole(sum);
    }

    /// @dev Records the asset (three words, a fourth for an amended split), its co-owners as a
    /// `ShareList` (which rejects a duplicate owner) and one ERC-1155 mint event per co-owner.
    function _register(
        AssetInput calldata input,
        uint256 projectId,
        uint256 amendmentId,
        address[] memory owners,
        uint16[] memory shares
    ) private returns (uint256 assetId) {
        bytes32 contentHash = input.contentHash;
        if (contentHash == bytes32(0)) revert IPRegistryInvalidInput("contentHash");
        uint256 titleLength = bytes(input.title).length;
        if (titleLength == 0 || titleLength > MAX_TITLE_BYTES) revert IPRegistryInvalidInput("title");
        if (bytes(input.externalId).length > MAX_EXTERNAL_ID_BYTES)
            revert IPRegistryInvalidInput("externalId");
        uint256 existing = _assetByContent[contentHash];
        if (existing != 0 && !_supersedes(existing, projectId))
            revert IPRegistryDuplicateContent(contentHash, existing);
        assetId = ++_assetCount;
        Record storage a = _assets[assetId];
        a.shareList = ShareList.write(owners, shares);
        // owners.length <= MAX_OWNERS (200) fits uint16.
        a.ownerCount = uint16(owners.length);
        a.kind = input.kind;
        a.status = AssetStatus.Filed;
        a.standardEssential = input.standardEssential;
        a.registrant = msg.sender;
        a.registeredAt = uint48(block.timestamp);
        // Project ids are the ProjectRegistry's counter; SafeCast reverts on an id past 2^48.
        a.projectId = SafeCast.toUint48(projectId);
        a.contentHash = contentHash;
        if (amendmentId != 0) a.amendmentId = amendmentId;
        _assetByContent[contentHash] = assetId;
        _emitRegistered(assetId, input, projectId, amendmentId);
        // ERC-1155 mint events; no receiver hook: a share is a record, not a pushed asset, and no
        // owner's contract can run code (or block) during registration.
        for (uint256 i = 0; i < owners.length; ++i)
            emit TransferSingle(msg.sender, address(0), owners[i], assetId, shares[i]);
    }

    function _emitRegistered(
        uint256 assetId,
        AssetInput calldata input,
        uint256 projectId,
        uint256 amendmentId
    ) private {
        emit AssetRegistered(
            assetId,
            input.contentHash,
            projectId,
            input.kind,
            input.standardEssential,
            msg.sender,
            amendmentId,
            input.title,
            input.externalId
        );
    }

    /// @dev B4: a result of Active project `projectId` may be registered over background asset
    /// `existing` of the same content when that was registered since the project became active (a
    /// participant's background IP for a project is declared before); the participants may then
    /// contest it (`contestBackground`). Any other earlier registration is the proof of prior creation.
    function _supersedes(uint256 existing, uint256 projectId) private view returns (bool) {
        Record storage b = _assets[existing];
        if (projectId == 0 || b.projectId != 0 || b.status == AssetStatus.Contested) return false;
        Project memory p = PROJECTS.projectOf(projectId);
        return p.status == ProjectStatus.Active && b.registeredAt >= p.activatedAt;
    }

    /// @dev The `SplitConsent` fields after `account`, EIP-712 encoded: every one a 32-byte word (an
    /// array is the hash of its elements, each padded to 32 bytes: what abi.encodePacked does for
    /// array elements).
    function _splitData(
        uint256 projectId,
        uint256 amendmentId,
        bytes32 contentHash,
        address[] calldata owners,
        uint16[] calldata shares,
        uint256 deadline
    ) private pure returns (bytes memory) {
        return
            abi.encode(
                projectId,
                amendmentId,
                contentHash,
                keccak256(abi.encodePacked(owners)),
                keccak256(abi.encodePacked(shares)),
                deadline
            );
    }

    /// @dev `account`'s consent digest: the static words (type hash, account, then `split`) are the
    /// bytes abi.encode would give for the whole struct.
    function _consentDigest(address account, bytes memory split) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encodePacked(SPLIT_CONSENT_TYPEHASH, uint256(uint160(account)), split))
            );
    }

    /// @dev B4: every owner of the new split (already minted), then every participant with a non-zero
    /// pre-agreed share who is not an owner, consented to `split`: the caller by its call, anyone else
    /// by its signature at the next index. Every signature given must be used.
    function _checkConsents(
        address shareList,
        uint256 projectId,
        bytes memory split,
        address[] calldata owners,
        bytes[] calldata signatures
    ) private view {
        uint256 k;
        for (uint256 i = 0; i < owners.length; ++i) _requireConsent(owners[i], split, signatures, k++);
        (address[] memory participants, uint16[] memory ipShares) = PROJECTS.ipSharesOf(projectId);
        for (uint256 i = 0; i < participants.length; ++i) {
            if (ipShares[i] != 0 && ShareList.find(shareList, participants[i]) == 0)
                _requireConsent(participants[i], split, signatures, k++);
        }
        if (k != signatures.length) revert IPRegistryInvalidInput("signatures");
    }

    /// @dev `account`'s own signature (EIP-712 with its address in it, so one wallet's consent is never
    /// another's; an EIP-1271 wallet answers for itself), or its call.
    function _requireConsent(
        address account,
        bytes memory split,
        bytes[] calldata signatures,
        uint256 k
    ) private view {
        if (k >= signatures.length) revert IPRegistryConsentMissing(account);
        if (account == msg.sender) return;
        if (
            !SignatureChecker.isValidSignatureNowCalldata(
                account,
                _consentDigest(account, split),
                signatures[k]
            )
        ) revert IPRegistryConsentMissing(account);
    }

    /// @dev Moves the sold share, tells the hook (LicenseManager) so income accrued before the sale
    /// stays with the seller (M6), then pulls the price from the purchaser to the seller.
    function _settleSale(uint256 saleId, ShareSale storage s) private {
        if (_hook == address(0)) revert IPRegistryHookNotSet();
        address to = msg.sender;
        uint256 assetId = s.assetId;
        _requireStatus(assetId, _LIVE_MASK);
        address from = s.seller;
        uint16 bps = s.bps;
        Record storage a = _assets[assetId];
        Holding storage hf = _holdings[assetId][from];
        Holding storage ht = _holdings[assetId][to];
        uint16 fromBefore = _share(a, hf, from);
        uint16 toBefore = _share(a, ht, to);
        if (toBefore == 0) {
            if (a.ownerCount >= MAX_OWNERS) revert IPRegistryTooManyOwners(a.ownerCount + 1, MAX_OWNERS);
            // A registered co-owner that sold out comes back at its place in the ShareList.
            if (ShareList.find(a.shareList, to) == 0) {
                _buyers[assetId].push(to);
                // The buyers list never holds more than MAX_OWNERS entries: the position fits uint32.
                ht.position = uint32(_buyers[assetId].length);
            }
            ++a.ownerCount;
        }
        (ht.bps, ht.moved) = (toBefore + bps, true);
        (hf.bps, hf.moved) = (fromBefore - bps, true);
        hf.reserved -= bps;
        if (fromBefore == bps) _removeOwner(assetId, a, hf);
        ++a.shareVersion;
        s.purchaser = to;
        emit TransferSingle(to, from, to, assetId, bps);
        emit ShareSaleCompleted(saleId, to, bps, s.price);
        IIPShareHook(_hook).onSharesMoved(assetId, from, to, bps, fromBefore, toBefore);
        if (s.price != 0) TOKEN.safeTransferFrom(to, from, s.price);
    }

    /// @dev A co-owner sold out: one owner less; a buyer leaves the buyers list (swap and pop).
    function _removeOwner(uint256 assetId, Record storage a, Holding storage h) private {
        --a.ownerCount;
        uint32 pos = h.position;
        if (pos == 0) return;
        address[] storage list = _buyers[assetId];
        address last = list[list.length - 1];
        list[pos - 1] = last;
        _holdings[assetId][last].position = pos;
        list.pop();
        h.position = 0;
    }
}
