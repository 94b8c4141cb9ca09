// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What an IP asset is.
enum AssetKind {
    PatentApplication,
    Patent,
    Software,
    KnowHow,
    Standard,
    Design,
    Data,
    Other
}

/// @notice Legal status of an asset. The co-owners holding the charter's `approvalShareBps` move it
/// between Filed, Granted, Lapsed and Abandoned (B5; a wrong status is corrected the same way).
/// Contested: a background registration that a project's participants contested because the project
/// registered the same content as its result (B4); final. An asset that is neither Filed nor Granted
/// cannot be newly licensed (licences already granted keep running and paying).
enum AssetStatus {
    None,
    Filed,
    Granted,
    Lapsed,
    Abandoned,
    Contested
}

/// @notice A share sale: Open (right-of-first-refusal window running, then waiting for the named
/// buyer) -> Completed (named buyer bought) | Preempted (a co-owner exercised its right of first
/// refusal) | Cancelled (seller withdrew).
enum SaleStatus {
    None,
    Open,
    Completed,
    Preempted,
    Cancelled
}

/// @notice One registered asset (background or foreground IP): what the chain checks later. Its
/// title and external id (e.g. a patent number) are text: they live in events (`AssetRegistered`, and
/// `LicenseProposals.StatusChangeProposed` for an external id set by an applied status change), not in
/// storage.
struct Asset {
    AssetKind kind;
    AssetStatus status;
    /// R4: IP essential to an alliance standard; licensable only through FRAND offers.
    bool standardEssential;
    /// Number of co-owners holding a share (1 ..= MAX_OWNERS).
    uint16 ownerCount;
    /// Bumped by every share movement; pending licence approvals are tied to one version.
    uint32 shareVersion;
    /// Block time of registration: with `contentHash`, the proof of prior creation (Macro 4).
    uint48 registeredAt;
    /// Who registered it.
    address registrant;
    /// Originating project (0 for background IP).
    uint256 projectId;
    /// Amendment agreement that fixed a split other than the project's pre-agreed one (0 if none).
    uint256 amendmentId;
    /// SHA-256 of the asset's content (specification, source archive, data set ...); unique.
    bytes32 contentHash;
}

/// @notice What a registrant states about a new asset.
struct AssetInput {
    AssetKind kind;
    /// R4: essential to an alliance standard (licensable only through FRAND offers).
    bool standardEssential;
    /// SHA-256 of the content: the first registration of a hash is the proof of prior creation.
    bytes32 contentHash;
    /// 1 ..= 256 bytes.
    string title;
    /// 0 ..= 64 bytes, e.g. an application or patent number.
    string externalId;
}

/// @notice An offer to sell `bps` of an asset to a named buyer at `price` (settlement token).
struct ShareSale {
    uint256 assetId;
    address seller;
    uint16 bps;
    SaleStatus status;
    /// End of the co-owners' right-of-first-refusal window (exclusive).
    uint48 rofrEndsAt;
    address buyer;
    /// Who finally bought (the named buyer, or the co-owner who preempted); 0 while open.
    address purchaser;
    uint256 price;
}

/// @title IIPShareHook
/// @notice Implemented by `LicenseManager`: told of every share movement so that the income
/// accrued before it stays with the seller (M6). Called by `IPRegistry` only (IP_MODULE role).
interface IIPShareHook {
    /// @notice `bps` of asset `assetId` moved from `from` (holding `fromBefore`) to `to` (holding `toBefore`).
    function onSharesMoved(
        uint256 assetId,
        address from,
        address to,
        uint16 bps,
        uint16 fromBefore,
        uint16 toBefore
    ) external;
}

/// @title IIPRegistry
/// @notice Alliance IP (F5, R4, Macro 4): background IP (a member's own) and foreground IP (a
/// project's results), each with co-owner shares in basis points fixed in advance, a SHA-256 proof
/// of prior creation, and share transfers restricted by the co-owners' right of first refusal.
/// Shares are ERC-1155 balances: token id = asset id, balance = share in bps (sum 10000).
interface IIPRegistry {
    // ------------------------------------------------------------------ errors
    /// @dev A zero address where an address is required.
    error IPRegistryZeroAddress();
    /// @dev The co-owner list could not be written as a data contract (the transaction ran short of gas).
    error IPRegistryShareListNotWritten();
    /// @dev A text or hash field is empty or too long.
    error IPRegistryInvalidInput(string field);
    /// @dev The content hash is already registered as asset `assetId` (Macro 4).
    error IPRegistryDuplicateContent(bytes32 contentHash, uint256 assetId);
    /// @dev Owners and shares arrays differ in length or are empty.
    error IPRegistryLengthMismatch(uint256 owners, uint256 shares);
    /// @dev More co-owners than `cap` (M5).
    error IPRegistryTooManyOwners(uint256 count, uint256 cap);
    /// @dev Shares sum to `sum` instead of 10000 (M5).
    error IPRegistrySharesNotWhole(uint256 sum);
    /// @dev A zero share (M5).
    error IPRegistryZeroShare(address owner);
    /// @dev An owner listed twice (M5).
    error IPRegistryDuplicateOwner(address owner);
    /// @dev No asset with this id.
    error IPRegistryUnknownAsset(uint256 assetId);
    /// @dev The asset is in `current` status where one of `expectedMask` (bit i = AssetStatus(i)) is needed.
    error IPRegistryUnexpectedStatus(uint256 assetId, AssetStatus current, uint256 expectedMask);
    /// @dev `account` holds no share of the asset.
    error IPRegistryNotCoOwner(uint256 assetId, address account);
    /// @dev The caller is not among the owners of the background IP it registers.
    error IPRegistryRegistrantNotOwner(address registrant);
    /// @dev `owner` of background IP is not a member in good standing.
    error IPRegistryOwnerNotMember(address owner);
    /// @dev The project is `status`, not Active or Completed.
    error IPRegistryProjectNotActive(uint256 projectId, uint8 status);
    /// @dev The caller is not a participant of the project.
    error IPRegistryNotParticipant(uint256 projectId, address account);
    /// @dev The amendment is not an Effective amendment of the project agreement.
    error IPRegistryInvalidAmendment(uint256 projectId, uint256 amendmentId);
    /// @dev B4: `account` (an owner of the new split, or a participant with a pre-agreed IP share) gave
    /// no valid consent to this split: its signature is missing or invalid.
    error IPRegistryConsentMissing(address account);
    /// @dev B4: the split consents were valid until `deadline`, which has passed.
    error IPRegistryConsentExpired(uint256 deadline);
    /// @dev B4: background asset `backgroundId` cannot be contested by the result `foregroundId`: not a
    /// background registration of the same content made since the project became active, or already
    /// contested.
    error IPRegistryNotContestable(uint256 backgroundId, uint256 foregroundId);
    /// @dev B4: the window to contest a background registration after result `foregroundId` was
    /// registered ended at `endsAt`.
    error IPRegistryContestWindowClosed(uint256 foregroundId, uint256 endsAt);
    /// @dev The seller's free share (share minus shares on open sales) is `free`, below `bps`.
    error IPRegistryInsufficientShare(uint256 assetId, address seller, uint256 free, uint256 bps);
    /// @dev The buyer is not a member and the charter does not allow transfers to non-members.
    error IPRegistryBuyerNotMember(address buyer);
    /// @dev No sale with this id.
    error IPRegistryUnknownSale(uint256 saleId);
    /// @dev The sale is `current`, not Open.
    error IPRegistrySaleNotOpen(uint256 saleId, SaleStatus current);
    /// @dev The right-of-first-refusal window ends at `rofrEndsAt`: the action needs it open (or over).
    error IPRegistryRofrWindow(uint256 saleId, uint256 rofrEndsAt);
    /// @dev The caller may not do this to the sale.
    error IPRegistryUnauthorized(uint256 saleId, address account);
    /// @dev Shares move only through the right-of-first-refusal sale (offerShares ...): plain
    /// ERC-1155 transfers and approvals revert.
    error IPRegistryTransferRestricted();
    /// @dev The share hook (LicenseManager) is already set / not yet set.
    error IPRegistryHookAlreadySet(address hook);
    /// @dev The share hook (LicenseManager) is not set yet, so shares cannot move.
    error IPRegistryHookNotSet();

    // ------------------------------------------------------------------ events
    /// @dev The registration: everything stated about the asset, its title and external id included
    /// (text lives in events only); one ERC-1155 `TransferSingle` per co-owner gives the shares.
    event AssetRegistered(
        uint256 indexed assetId,
        bytes32 indexed contentHash,
        uint256 indexed projectId,
        AssetKind kind,
        bool standardEssential,
        address registrant,
        uint256 amendmentId,
        string title,
        string externalId
    );
    /// @dev B5: a status change the co-owners approved in `LicenseProposals` (its `StatusChangeProposed`
    /// carries the external id it sets, if any).
    event AssetStatusChanged(uint256 indexed assetId, AssetStatus from, AssetStatus to, bytes32 evidenceHash);
    /// @dev B4: a participant of result `foregroundId`'s project contested background asset
    /// `backgroundId` (same content, registered since the project became active): it is now Contested.
    event BackgroundContested(
        uint256 indexed backgroundId,
        uint256 indexed foregroundId,
        address indexed contestant,
        AssetStatus from
    );
    event SharesOffered(
        uint256 indexed saleId,
        uint256 indexed assetId,
        address indexed seller,
        address buyer,
        uint16 bps,
        uint256 price,
        uint256 rofrEndsAt
    );
    event ShareSaleCancelled(uint256 indexed saleId);
    event RofrExercised(uint256 indexed saleId, address indexed coOwner);
    event ShareSaleCompleted(uint256 indexed saleId, address indexed purchaser, uint16 bps, uint256 price);
    event ShareHookSet(address indexed hook);

    // ------------------------------------------------------------------ admin
    /// @notice Council (once, at deployment): names the contract told of every share movement
    /// (the LicenseManager, for its royalty accumulator). Share sales revert until it is set.
    function setShareHook(address hook) external;

    // ------------------------------------------------------------------ registration
    /// @notice Registers background IP (F5): IP the members bring in. The caller must be a member in
    /// good standing and among `owners`; every owner must be a member in good standing. Being named
    /// a co-owner gives rights (income, votes on licences) and no obligation, so co-owners need not sign.
    /// B4: background IP a participant brings into a project must be registered before the project
    /// becomes active; a registration of the same content made later can be contested by the project's
    /// participants once they register it as their result (`contestBackground`).
    /// @param input Kind, title, SHA-256 content hash (the first registration of a hash is the proof
    /// of prior creation; a hash already registered reverts, Macro 4), external id, R4 flag.
    /// @param shares Co-owner shares in bps: sum 10000, none zero, no duplicate or zero owner,
    /// at most MAX_OWNERS owners (M5).
    /// @return assetId The new asset (also the ERC-1155 token id).
    function registerBackground(
        AssetInput calldata input,
        address[] calldata owners,
        uint16[] calldata shares
    ) external returns (uint256 assetId);

    /// @notice Registers foreground IP of project `projectId` (F5): owners and shares are the
    /// project's pre-agreed IP shares (`IProjectRegistry.ipSharesOf`), the split every participant
    /// signed in the project agreement; participants with a zero IP share are left out. The project
    /// must be Active or Completed and the caller a participant. B4: if the content hash is already
    /// registered as background IP since the project became active (and the project is Active), the
    /// result is registered all the same and that background registration may be contested
    /// (`contestBackground`) within the charter's `contestWindow`; any other earlier registration of
    /// the hash reverts `IPRegistryDuplicateContent`.
    function registerForeground(
        uint256 projectId,
        AssetInput calldata input
    ) external returns (uint256 assetId);

    /// @notice Registers foreground IP of project `projectId` with a split other than the pre-agreed
    /// one (B4: only a split its participants signed). The legal document is `amendmentId`, an
    /// Effective agreement of kind Amendment whose parent is the project agreement; the chain cannot
    /// read its terms, so every owner of the new split and every participant with a non-zero
    /// pre-agreed share consents to exactly this split with its own EIP-712 `SplitConsent` signature
    /// (see `hashSplitConsent`; checked with SignatureChecker, so an EIP-1271 wallet signs like a key).
    /// The caller's own consent is its call. Duplicate content is handled as in `registerForeground`.
    /// @param deadline Last second at which the consents are valid (part of the signed data).
    /// @param signatures One per owner (`owners` order), then one per participant with a non-zero
    /// pre-agreed share who is not an owner (`ipSharesOf` order); the caller's entry may be empty.
    function registerForegroundAmended(
        uint256 projectId,
        uint256 amendmentId,
        AssetInput calldata input,
        address[] calldata owners,
        uint16[] calldata shares,
        uint256 deadline,
        bytes[] calldata signatures
    ) external returns (uint256 assetId);

    /// @notice B4: a participant of result `foregroundId`'s project contests background asset
    /// `backgroundId`, a registration of the same content made since the project became active (its
    /// participants' background IP must be declared before). Allowed from the result's registration
    /// until the charter's `contestWindow` has passed (exclusive). The background asset becomes
    /// Contested for good: no new licence, no share sale, no status change; licences already granted
    /// on it keep running (their licensees acted in good faith) and a claim settles what it earned.
    function contestBackground(uint256 backgroundId, uint256 foregroundId) external;

    /// @notice LICENSING_MODULE only (`LicenseProposals`): applies a status change that co-owners
    /// holding the charter's `approvalShareBps` approved there (B5). The asset must still be in `from`;
    /// `to` is Filed, Granted, Lapsed or Abandoned and not `from` (a wrong status is corrected the same
    /// way). Granting a PatentApplication makes it a Patent. A new external id is text: the proposal's
    /// `StatusChangeProposed` event carries it. Emits `AssetStatusChanged`.
    function applyStatusChange(
        uint256 assetId,
        AssetStatus from,
        AssetStatus to,
        bytes32 evidenceHash
    ) external;

    // ------------------------------------------------------------------ share sales
    /// @notice A co-owner offers `bps` of its share to `buyer` at `price`. For the charter's
    /// `rofrWindow` every other co-owner may buy it at that price (`exerciseRofr`); afterwards the
    /// named buyer may complete (`completeShareSale`). The offered bps are reserved until then.
    function offerShares(
        uint256 assetId,
        uint16 bps,
        address buyer,
        uint256 price
    ) external returns (uint256 saleId);

    /// @notice A co-owner (other than the seller) buys the offered share at the offered price inside
    /// the right-of-first-refusal window; the price is paid from the caller to the seller.
    function exerciseRofr(uint256 saleId) external;

    /// @notice The named buyer completes the sale after the window, paying the price to the seller.
    function completeShareSale(uint256 saleId) external;

    /// @notice The seller withdraws an open sale.
    function cancelShareSale(uint256 saleId) external;

    // ------------------------------------------------------------------ views
    function assetCount() external view returns (uint256);
    function assetOf(uint256 assetId) external view returns (Asset memory);
    /// @notice The asset registered with `contentHash`, 0 if none.
    function assetByContent(bytes32 contentHash) external view returns (uint256);
    /// @notice `owner`'s share of the asset in bps (same as ERC-1155 `balanceOf(owner, assetId)`).
    function shareOf(uint256 assetId, address owner) external view returns (uint16);
    /// @notice What LicenseManager needs to count an approval: the share and the share version.
    function approvalWeight(
        uint256 assetId,
        address owner
    ) external view returns (uint16 bps, uint32 version);
    /// @notice What LicenseManager needs to license the asset: its status and R4 flag. Reverts
    /// `IPRegistryUnknownAsset` for an unknown id.
    function licensingInfo(
        uint256 assetId
    ) external view returns (AssetStatus status, bool standardEssential);
    /// @notice Co-owners and shares, paged: the registered co-owners still holding a share in
    /// registration order, then those who bought in, in the order they did.
    function ownersOf(
        uint256 assetId,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory owners, uint16[] memory shares);
    function saleOf(uint256 saleId) external view returns (ShareSale memory);
    function saleCount() external view returns (uint256);
    /// @notice B4: the EIP-712 digest `account` signs to consent to a split for
    /// `registerForegroundAmended`: `SplitConsent(address account,uint256 projectId,uint256
    /// amendmentId,bytes32 contentHash,address[] owners,uint16[] shares,uint256 deadline)` in this
    /// registry's domain ("Covenant IPRegistry", version "1", chain id, this contract).
    function hashSplitConsent(
        address account,
        uint256 projectId,
        uint256 amendmentId,
        bytes32 contentHash,
        address[] calldata owners,
        uint16[] calldata shares,
        uint256 deadline
    ) external view returns (bytes32);
    /// @notice Bps of `owner`'s share currently offered on open sales.
    function reservedOf(uint256 assetId, address owner) external view returns (uint16);
    function shareHook() external view returns (address);
}
