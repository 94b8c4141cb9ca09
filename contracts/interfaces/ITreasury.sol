// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasury
/// @notice The alliance's one vault (F4, P2). Every coin of the settlement token the alliance holds
/// sits here, on exactly one sub-ledger: the alliance fund, a project account, a grant account, a
/// member's performance bond, a claim bond, a royalty pool, or an account's withdrawable balance.
/// Modules move money only through the functions below, each restricted (AccessManager) to the
/// module that owns that ledger; closing the Treasury at the AccessManager stops them all, while
/// `withdraw` (not restricted) keeps paying out balances already credited. Payouts to many parties
/// are pulled, never pushed in a loop.
/// @dev Invariant I2: `token.balanceOf(treasury) >= totalLiabilities()`, and `totalLiabilities()`
/// equals the sum of every sub-ledger. Incoming money is credited by balance delta, so a
/// fee-on-transfer token credits only what arrived (M3).
interface ITreasury {
    // ------------------------------------------------------------------ structs
    /// @notice A member's performance-bond account (I7: `held == posted - slashed - released`).
    struct BondAccount {
        uint256 held;
        uint256 posted;
        uint256 slashed;
        uint256 released;
    }

    /// @notice A money account with its running tallies: a project account, a grant account or a
    /// royalty pool. I3: `balance == credited - paid - refunded` (for a royalty pool `refunded` is 0).
    struct LedgerAccount {
        uint256 balance;
        /// Everything that arrived: contributions, grant deposits, royalties after the levy.
        uint256 credited;
        /// Executed spends (project, grant) or royalties paid out (royalty pool).
        uint256 paid;
        /// Close-out refunds (project, grant).
        uint256 refunded;
    }

    // ------------------------------------------------------------------ errors
    /// @dev An address (a constructor argument, a payer, a member, a payee) is zero.
    error TreasuryZeroAddress();
    /// @dev The amount is zero, or nothing arrived from a pull.
    error TreasuryZeroAmount();
    /// @dev A ledger holds `available` where `requested` was asked of it. `ledger` is a readable
    /// tag: "bond", "project", "grant", "royalty", "claimBond", "allianceFund".
    error TreasuryInsufficientLedger(bytes32 ledger, uint256 available, uint256 requested);
    /// @dev The caller has nothing to withdraw.
    error TreasuryNothingToWithdraw(address account);
    /// @dev A royalty levy above 10000 bps (100%) was asked for.
    error TreasuryLevyTooHigh(uint16 levyBps);
    /// @dev `recipient` cannot receive money here (the Treasury itself, except as a slash target).
    error TreasuryInvalidRecipient(address recipient);
    /// @dev Project `projectId`'s grant account is frozen by the supervisor: no grant spend.
    error TreasuryGrantFrozen(uint256 projectId);
    /// @dev The grant account is already in the requested frozen state.
    error TreasuryGrantFreezeUnchanged(uint256 projectId, bool frozen);
    /// @dev There is no surplus (token balance above `totalLiabilities()`) to sweep.
    error TreasuryNoSurplus();
    /// @dev The Treasury's AccessManager is fixed at deployment; `setAuthority` always reverts.
    error TreasuryAuthorityFixed(address authority);

    // ------------------------------------------------------------------ events
    event BondPosted(address indexed member, address indexed payer, uint256 amount);
    event BondReleased(address indexed member, address indexed to, uint256 amount);
    event BondSlashed(address indexed member, address indexed to, uint256 amount, uint256 claimId);
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
    /// @notice `amount` of the claim money held for claim `claimId` (its bond back and the slash of
    /// its upheld ruling) was paid to its payee `to`, who pulled it (`DisputeResolution.claimPayout`).
    event ClaimPaid(uint256 indexed claimId, address indexed to, uint256 amount);
    /// @dev The supervisor froze (`frozen` true) or unfroze a project's grant account.
    event GrantFreezeSet(uint256 indexed projectId, bool frozen);
    /// @dev Tokens that arrived outside any ledger (plain transfers) were credited to the alliance fund.
    event SurplusSwept(uint256 amount);

    // ------------------------------------------------------------------ membership module
    /// @notice Pulls `amount` from `payer` onto `member`'s bond ledger. Returns what arrived.
    function postBond(address member, address payer, uint256 amount) external returns (uint256 received);
    /// @notice Moves `member`'s whole bond to `to`'s withdrawable balance. Returns the amount.
    function releaseBond(address member, address to) external returns (uint256 amount);

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
    /// @notice Pulls the claim bond of claim `claimId` from `payer` into the claim bonds held; returns
    /// what arrived (the disputes module records it in the claim).
    function postClaimBond(
        uint256 claimId,
        address payer,
        uint256 amount
    ) external returns (uint256 received);
    /// @notice Moves claim `claimId`'s bond, `amount` (what its post returned), from the claim bonds
    /// held to `to`'s withdrawable balance (`to` == this contract credits the alliance fund).
    function releaseClaimBond(uint256 claimId, address to, uint256 amount) external;
    /// @notice The slash of claim `claimId`'s upheld ruling: moves `amount` of `member`'s bond into
    /// the claim money held, owed to `to` until it pulls it (`payClaim`); `to` == this contract
    /// credits the alliance fund instead (B12). Moves no token. Never more than the bond (M8).
    function slashToClaim(uint256 claimId, address member, uint256 amount, address to) external;
    /// @notice The pull of claim `claimId`'s money: pays `amount` of the claim money held to `to` by
    /// one transfer (`ClaimPaid`). Never more than the claim money held; never to this contract.
    function payClaim(uint256 claimId, address to, uint256 amount) external;
    /// @notice Pulls a voluntary settlement payment from `payer`, credited to `beneficiary`'s withdrawable
    /// balance (`beneficiary` == this contract credits the alliance fund).
    function receiveSettlement(
        uint256 ref,
        address payer,
        address beneficiary,
        uint256 amount
    ) external returns (uint256 received);

    // ------------------------------------------------------------------ supervisor
    /// @notice Supervisor: freezes (`frozen` true) or unfreezes project `projectId`'s grant account.
    /// While frozen, `payFromGrant` reverts; deposits and refunds to the funder still work.
    function setGrantFrozen(uint256 projectId, bool frozen) external;

    // ------------------------------------------------------------------ council (housekeeping)
    /// @notice Council: credits the alliance fund with tokens sent here outside any ledger
    /// (`token.balanceOf(this) - totalLiabilities()`). Returns the amount swept.
    function sweepSurplus() external returns (uint256 amount);

    // ------------------------------------------------------------------ anyone
    /// @notice Pays the caller its whole withdrawable balance.
    function withdraw() external returns (uint256 amount);

    // ------------------------------------------------------------------ views
    function token() external view returns (address);
    function allianceFund() external view returns (uint256);
    function projectBalance(uint256 projectId) external view returns (uint256);
    function grantBalance(uint256 projectId) external view returns (uint256);
    function bondOf(address member) external view returns (uint256);
    function royaltyPool(uint256 assetId) external view returns (uint256);
    function withdrawableOf(address account) external view returns (uint256);
    /// @notice Sum of every sub-ledger (I2: never above the token balance).
    function totalLiabilities() external view returns (uint256);
    /// @notice `member`'s bond account: held, and the running totals posted, slashed, released (I7).
    function bondAccountOf(address member) external view returns (BondAccount memory);
    /// @notice Project `projectId`'s account with its tallies (I3).
    function projectAccountOf(uint256 projectId) external view returns (LedgerAccount memory);
    /// @notice Project `projectId`'s grant account with its tallies (I9 counts `paid`).
    function grantAccountOf(uint256 projectId) external view returns (LedgerAccount memory);
    /// @notice Asset `assetId`'s royalty pool with its tallies (`refunded` is always 0).
    function royaltyAccountOf(uint256 assetId) external view returns (LedgerAccount memory);
    /// @notice Whether project `projectId`'s grant account is frozen by the supervisor.
    function isGrantFrozen(uint256 projectId) external view returns (bool);
    /// @notice Sum of all members' bonds (the "bond" sub-ledger as a whole).
    function totalBonds() external view returns (uint256);
    /// @notice Sum of all claim bonds.
    function totalClaimBonds() external view returns (uint256);
    /// @notice Sum of all project accounts.
    function totalProjectBalances() external view returns (uint256);
    /// @notice Sum of all grant accounts.
    function totalGrantBalances() external view returns (uint256);
    /// @notice Sum of all royalty pools.
    function totalRoyaltyPools() external view returns (uint256);
    /// @notice Sum of all withdrawable balances.
    function totalWithdrawable() external view returns (uint256);
}
