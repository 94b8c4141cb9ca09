// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasury
/// @notice The alliance's one vault (F4, P2). Every coin of the settlement token the alliance holds
/// sits here, on exactly one sub-ledger: the alliance fund, a project account, a grant account, a
/// member's performance bond, a claim bond, a royalty pool, or an account's withdrawable balance.
/// Modules move money only through the functions below, each restricted (AccessManager) to the
/// module that owns that ledger. Payouts to many parties are pulled, never pushed in a loop.
/// @dev Invariant I2: `token.balanceOf(treasury) >= totalLiabilities()`, and `totalLiabilities()`
/// equals the sum of every sub-ledger. Incoming money is credited by balance delta, so a
/// fee-on-transfer token credits only what arrived (M3).
interface ITreasury {
    // ------------------------------------------------------------------ errors
    error TreasuryZeroAddress();
    error TreasuryZeroAmount();
    /// @dev A ledger holds `available` where `requested` was asked of it.
    error TreasuryInsufficientLedger(bytes32 ledger, uint256 available, uint256 requested);
    /// @dev The caller has nothing to withdraw.
    error TreasuryNothingToWithdraw(address account);

    // ------------------------------------------------------------------ events
    event BondPosted(address indexed member, address indexed payer, uint256 amount);
    event BondReleased(address indexed member, address indexed to, uint256 amount);
    event BondSlashed(address indexed member, address indexed to, uint256 amount, uint256 claimId);
    event DuesPaid(address indexed member, uint256 amount);
    event AllianceFundSpent(address indexed to, uint256 amount, bytes32 purposeHash);
    event ProjectFunded(uint256 indexed projectId, address indexed from, uint256 amount);
    event ProjectPaid(uint256 indexed projectId, address indexed to, uint256 amount);
    event ProjectRefunded(uint256 indexed projectId, address indexed to, uint256 amount);
    event GrantDeposited(uint256 indexed projectId, address indexed funder, uint256 amount);
    event GrantPaid(uint256 indexed projectId, address indexed to, uint256 amount);
    event GrantRefunded(uint256 indexed projectId, address indexed to, uint256 amount);
    event ClaimBondPosted(uint256 indexed claimId, address indexed payer, uint256 amount);
    event ClaimBondReleased(uint256 indexed claimId, address indexed to, uint256 amount);
    event RoyaltyReceived(uint256 indexed assetId, address indexed payer, uint256 received, uint256 levy);
    event RoyaltyPaid(uint256 indexed assetId, address indexed to, uint256 amount);
    event SettlementReceived(
        uint256 indexed ref,
        address indexed payer,
        address indexed beneficiary,
        uint256 amount
    );
    event Withdrawn(address indexed account, uint256 amount);

    // ------------------------------------------------------------------ membership module
    /// @notice Pulls `amount` from `payer` onto `member`'s bond ledger. Returns what arrived.
    function postBond(address member, address payer, uint256 amount) external returns (uint256 received);
    /// @notice Moves `member`'s whole bond to `to`'s withdrawable balance. Returns the amount.
    function releaseBond(address member, address to) external returns (uint256 amount);
    /// @notice Pulls `amount` of dues from `member` into the alliance fund.
    function payDues(address member, uint256 amount) external returns (uint256 received);

    // ------------------------------------------------------------------ council
    /// @notice Council: pays `amount` of the alliance fund to `to`'s withdrawable balance.
    function spendAllianceFund(address to, uint256 amount, bytes32 purposeHash) external;

    // ------------------------------------------------------------------ projects module
    /// @notice Pulls `amount` from `from` into project `projectId`'s account. Returns what arrived.
    function fundProject(uint256 projectId, address from, uint256 amount) external returns (uint256 received);
    /// @notice Pays `amount` from the project account to `to` (an executed spend).
    function payFromProject(uint256 projectId, address to, uint256 amount) external;
    /// @notice Moves `amount` from the project account to `to`'s withdrawable balance (close-out refund).
    function refundFromProject(uint256 projectId, address to, uint256 amount) external;
    /// @notice Pulls a government grant of `amount` from `funder` into the project's grant account.
    function depositGrant(
        uint256 projectId,
        address funder,
        uint256 amount
    ) external returns (uint256 received);
    /// @notice Pays `amount` of grant money to `to` (an executed, unvetoed grant spend).
    function payFromGrant(uint256 projectId, address to, uint256 amount) external;
    /// @notice Moves `amount` of unspent grant money to `to`'s withdrawable balance (the funder).
    function refundFromGrant(uint256 projectId, address to, uint256 amount) external;

    // ------------------------------------------------------------------ licensing module
    /// @notice Pulls `amount` from `payer` for asset `assetId`: `levyBps` of what arrived goes to the
    /// alliance fund, the rest to the asset's royalty pool. Returns (received, levy).
    function receiveRoyalty(
        uint256 assetId,
        address payer,
        uint256 amount,
        uint16 levyBps
    ) external returns (uint256 received, uint256 levy);
    /// @notice Pays `amount` from asset `assetId`'s royalty pool to `to` (a co-owner or beneficiary claiming).
    function payRoyalty(uint256 assetId, address to, uint256 amount) external;

    // ------------------------------------------------------------------ disputes module
    /// @notice Pulls the claim bond from `payer` onto claim `claimId`'s ledger.
    function postClaimBond(
        uint256 claimId,
        address payer,
        uint256 amount
    ) external returns (uint256 received);
    /// @notice Moves claim `claimId`'s bond to `to`'s withdrawable balance.
    function releaseClaimBond(uint256 claimId, address to) external returns (uint256 amount);
    /// @notice Moves `amount` of `member`'s bond to `to`'s withdrawable balance (`to` == this
    /// contract credits the alliance fund). Never more than the bond (M8).
    function slashBond(address member, uint256 amount, address to, uint256 claimId) external;
    /// @notice Pulls a voluntary settlement payment from `payer`, credited to `beneficiary`'s withdrawable balance.
    function receiveSettlement(
        uint256 ref,
        address payer,
        address beneficiary,
        uint256 amount
    ) external returns (uint256 received);

    // ------------------------------------------------------------------ anyone
    /// @notice Pays the caller its whole withdrawable balance.
    function withdraw() external returns (uint256 amount);

    // ------------------------------------------------------------------ views
    function token() external view returns (address);
    function allianceFund() external view returns (uint256);
    function projectBalance(uint256 projectId) external view returns (uint256);
    function grantBalance(uint256 projectId) external view returns (uint256);
    function bondOf(address member) external view returns (uint256);
    function claimBondOf(uint256 claimId) external view returns (uint256);
    function royaltyPool(uint256 assetId) external view returns (uint256);
    function withdrawableOf(address account) external view returns (uint256);
    /// @notice Sum of every sub-ledger (I2: never above the token balance).
    function totalLiabilities() external view returns (uint256);
}
