// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {TreasuryLedger} from "./TreasuryLedger.sol";

/// @title Treasury
/// @notice The alliance's one vault (F4, P2): every coin of the settlement token sits on exactly one
/// sub-ledger — the alliance fund, a project account, a grant account, a member's performance bond,
/// a claim bond, a royalty pool, or an account's withdrawable balance.
///
/// Powers and non-powers (each restricted function is mapped, at deployment, to ONE role in the
/// AccessManager; the mapping can only be changed by its ADMIN, the council's timelock):
/// - MEMBERSHIP_MODULE: `postBond`, `releaseBond`. Can pull a bond only from a
///   payer who approved this contract, and release a member's whole bond to one account's
///   withdrawable balance. Cannot touch project, grant, royalty, claim-bond money or the fund.
/// - PROJECTS_MODULE: `fundProject`, `payFromProject`, `refundFromProject`, `depositGrant`,
///   `payFromGrant`, `refundFromGrant`. Moves a project's or grant's money only within that
///   project's own balance (never more than it holds). Cannot touch bonds, royalties or the fund.
/// - LICENSING_MODULE: `receiveRoyalty`, `payRoyalty`. The levy goes to the alliance fund, the rest to
///   the asset's pool; pays out of one asset's pool only. Cannot touch any other ledger.
/// - DISPUTES_MODULE: `postClaimBond`, `releaseClaimBond`, `slashToClaim`, `payClaim`,
///   `receiveSettlement`. Slashes at most the member's bond (M8), never project, grant or royalty
///   money; pays out of the claim money held only (an executed claim's pull, `payClaim`).
/// - COUNCIL (the timelock): `spendAllianceFund`, `sweepSurplus`. Spends the alliance fund only.
///   Cannot move project, grant, bond, claim-bond or royalty money, to itself or anyone.
/// - SUPERVISOR: `setGrantFrozen`. Freezes a grant account (stops grant spends). Cannot move any
///   money, to itself or anyone: it has no paying function.
/// - Anyone: `withdraw` — pulls the caller's own withdrawable balance, nothing else.
/// The AccessManager decides every module call (`restricted`, no exception in code): closing the
/// Treasury as a target (`AccessManager.setTargetClosed(treasury, true)`, ADMIN: the council's
/// timelock, by a reserved vote) stops every restricted function, so every payout a module triggers
/// (a royalty claim, a spend, a refund, a bond release, a slash, a contribution) — the emergency brake.
/// `withdraw` is not restricted: balances already credited stay withdrawable by their owners.
/// No role, ADMIN included, can edit a ledger except through the functions above, and no function
/// moves money out of the vault to an address other than the payee its caller names. The vault's
/// AccessManager is fixed at deployment (`setAuthority` reverts): no one can re-point it to another hub.
///
/// @dev Invariants kept by every function (checked after every step of the tests):
/// - I2: `totalLiabilities()` == alliance fund + Σ bonds + Σ claim bonds + Σ project accounts +
///   Σ grant accounts + Σ royalty pools + Σ withdrawable, and `token.balanceOf(this) >= totalLiabilities()`.
///   Money in is credited by balance delta (what arrived, M3); money out is debited before it leaves.
/// - I3: per project (and grant, royalty pool) account, `balance == credited - paid - refunded` (a
///   royalty pool stores balance and credited in one word; its paid is credited - balance, it is
///   never refunded).
/// - I7: per member, `held == posted - slashed - released`.
/// Every money-moving function is `nonReentrant` (M2); payouts to many parties are pulled (`withdraw`,
/// M1); an executed spend, a royalty claim or an executed claim's pull (`payClaim`) pays its one
/// named payee directly.
contract Treasury is ITreasury, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using TreasuryLedger for TreasuryLedger.Bond;
    using TreasuryLedger for TreasuryLedger.Account;
    using TreasuryLedger for TreasuryLedger.Pool;

    // ------------------------------------------------------------------ constants
    uint16 private constant _MAX_BPS = 10_000;

    // ------------------------------------------------------------------ storage
    /// @dev The settlement token.
    IERC20 private immutable _TOKEN;
    /// @dev The AccessManager, fixed for the vault's life: `restricted` reads it from code, not from
    /// storage (a cold storage read less on every restricted call; see `authority`).
    address private immutable _AUTHORITY;

    uint256 private _allianceFund;
    /// @dev The members' bonds and the claims' bonds held, in one word: a claim bond posted while any
    /// member bond is held rewrites a live word instead of setting a fresh one (SafeCast reverts
    /// rather than wrap; 2^128 token units is beyond any supply).
    BondTotals private _bondTotals;
    uint256 private _totalProjects;
    uint256 private _totalGrants;
    uint256 private _totalRoyalties;
    uint256 private _totalWithdrawable;

    struct BondTotals {
        uint128 members;
        uint128 claims;
    }

    mapping(address member => TreasuryLedger.Bond bond) private _bonds;
    mapping(uint256 projectId => TreasuryLedger.Account account) private _projects;
    mapping(uint256 projectId => TreasuryLedger.Account account) private _grants;
    mapping(uint256 projectId => bool frozen) private _grantFrozen;
    mapping(uint256 assetId => TreasuryLedger.Pool pool) private _royalties;
    mapping(address account => uint256 amount) private _withdrawable;

    /// @param authority_ The AccessManager of the suite.
    /// @param token_ The settlement ERC-20.
    constructor(address authority_, address token_) AccessManaged(authority_) {
        if (authority_ == address(0) || token_ == address(0)) revert TreasuryZeroAddress();
        _TOKEN = IERC20(token_);
        _AUTHORITY = authority_;
    }

    // ================================================================== authority
    /// @notice The suite's AccessManager, fixed at deployment: the one source of truth for every
    /// restricted function of the vault. No one, its ADMIN included, can re-point the vault to another
    /// authority (`setAuthority` reverts), so no new hub can be slipped under the money.
    function authority() public view override returns (address) {
        return _AUTHORITY;
    }

    /// @notice Always reverts: the vault's AccessManager cannot be changed (see `authority`).
    function setAuthority(address) public view override {
        revert TreasuryAuthorityFixed(_AUTHORITY);
    }

    // ================================================================== membership module
    /// @inheritdoc ITreasury
    /// @dev Role: MEMBERSHIP_MODULE.
    function postBond(
        address member,
        address payer,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 received) {
        if (member == address(0)) revert TreasuryZeroAddress();
        received = _pull(payer, amount);
        _bonds[member].post(received);
        _bondTotals.members = (_bondTotals.members + received).toUint128();
        emit BondPosted(member, payer, received);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: MEMBERSHIP_MODULE. A member with no bond releases 0: nothing changes, no event.
    function releaseBond(
        address member,
        address to
    ) external restricted nonReentrant returns (uint256 amount) {
        if (member == address(0)) revert TreasuryZeroAddress();
        _checkRecipient(to);
        amount = _bonds[member].releaseAll();
        if (amount == 0) return 0;
        _bondTotals.members -= amount.toUint128();
        _creditWithdrawable(to, amount);
        emit BondReleased(member, to, amount);
    }

    // ================================================================== council
    /// @inheritdoc ITreasury
    /// @dev Role: COUNCIL. Pays into `to`'s withdrawable balance (pull payment).
    function spendAllianceFund(
        address to,
        uint256 amount,
        bytes32 purposeHash
    ) external restricted nonReentrant {
        _checkRecipient(to);
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 fund = _allianceFund;
        if (fund < amount) revert TreasuryInsufficientLedger(TreasuryLedger.ALLIANCE_FUND, fund, amount);
        // unchecked: amount <= fund was checked just above.
        unchecked {
            _allianceFund = fund - amount;
        }
        _creditWithdrawable(to, amount);
        emit AllianceFundSpent(to, amount, purposeHash);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: COUNCIL.
    function sweepSurplus() external restricted nonReentrant returns (uint256 amount) {
        uint256 balance = _TOKEN.balanceOf(address(this));
        uint256 liabilities = totalLiabilities();
        if (balance <= liabilities) revert TreasuryNoSurplus();
        // unchecked: balance > liabilities was checked just above.
        unchecked {
            amount = balance - liabilities;
        }
        _allianceFund += amount;
        emit SurplusSwept(amount);
    }

    // ================================================================== projects module
    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE.
    function fundProject(
        uint256 projectId,
        address from,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 received) {
        received = _pull(from, amount);
        _projects[projectId].credit(received);
        _totalProjects += received;
        emit ProjectFunded(projectId, from, received);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE. Pays `to` directly (one payee per executed spend).
    function payFromProject(uint256 projectId, address to, uint256 amount) external restricted nonReentrant {
        _checkRecipient(to);
        _projects[projectId].spend(TreasuryLedger.PROJECT, amount);
        _totalProjects -= amount;
        emit ProjectPaid(projectId, to, amount);
        _TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE.
    function refundFromProject(
        uint256 projectId,
        address to,
        uint256 amount
    ) external restricted nonReentrant {
        _checkRecipient(to);
        _projects[projectId].refund(TreasuryLedger.PROJECT, amount);
        _totalProjects -= amount;
        _creditWithdrawable(to, amount);
        emit ProjectRefunded(projectId, to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE.
    function depositGrant(
        uint256 projectId,
        address funder,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 received) {
        received = _pull(funder, amount);
        _grants[projectId].credit(received);
        _totalGrants += received;
        emit GrantDeposited(projectId, funder, received);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE. Reverts while the supervisor holds the grant account frozen.
    function payFromGrant(uint256 projectId, address to, uint256 amount) external restricted nonReentrant {
        if (_grantFrozen[projectId]) revert TreasuryGrantFrozen(projectId);
        _checkRecipient(to);
        _grants[projectId].spend(TreasuryLedger.GRANT, amount);
        _totalGrants -= amount;
        emit GrantPaid(projectId, to, amount);
        _TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: PROJECTS_MODULE. Allowed while frozen: unspent grant money goes back to the funder.
    function refundFromGrant(uint256 projectId, address to, uint256 amount) external restricted nonReentrant {
        _checkRecipient(to);
        _grants[projectId].refund(TreasuryLedger.GRANT, amount);
        _totalGrants -= amount;
        _creditWithdrawable(to, amount);
        emit GrantRefunded(projectId, to, amount);
    }

    // ================================================================== supervisor
    /// @inheritdoc ITreasury
    /// @dev Role: SUPERVISOR.
    function setGrantFrozen(uint256 projectId, bool frozen) external restricted {
        if (_grantFrozen[projectId] == frozen) revert TreasuryGrantFreezeUnchanged(projectId, frozen);
        _grantFrozen[projectId] = frozen;
        emit GrantFreezeSet(projectId, frozen);
    }

    // ================================================================== licensing module
    /// @inheritdoc ITreasury
    /// @dev Role: LICENSING_MODULE. `levy = received * levyBps / 10000`, rounded down; the rounding
    /// remainder stays in the pool.
    function receiveRoyalty(
        uint256 assetId,
        address payer,
        uint256 amount,
        uint16 levyBps
    ) external restricted nonReentrant returns (uint256 received, uint256 levy) {
        if (levyBps > _MAX_BPS) revert TreasuryLevyTooHigh(levyBps);
        received = _pull(payer, amount);
        levy = (received * levyBps) / _MAX_BPS;
        uint256 toPool = received - levy;
        _allianceFund += levy;
        _royalties[assetId].credit(toPool);
        _totalRoyalties += toPool;
        emit RoyaltyReceived(assetId, payer, received, levy);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: LICENSING_MODULE. Pays `to` directly (the claimant of this call).
    function payRoyalty(uint256 assetId, address to, uint256 amount) external restricted nonReentrant {
        _checkRecipient(to);
        _royalties[assetId].pay(amount);
        _totalRoyalties -= amount;
        emit RoyaltyPaid(assetId, to, amount);
        _TOKEN.safeTransfer(to, amount);
    }

    // ================================================================== disputes module
    /// @inheritdoc ITreasury
    /// @dev Role: DISPUTES_MODULE. The vault keeps the claim bonds' total only: the disputes module
    /// records each claim's bond (what arrived, returned here) in its claim and names it on release.
    function postClaimBond(
        uint256 claimId,
        address payer,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 received) {
        received = _pull(payer, amount);
        _bondTotals.claims = (_bondTotals.claims + received).toUint128();
        emit ClaimBondPosted(claimId, payer, received);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: DISPUTES_MODULE. `to == address(this)` forfeits the bond to the alliance fund.
    /// An amount of 0 releases nothing: nothing changes, no event. Never more than the claim bonds
    /// held (the "claimBond" ledger), so the disputes module cannot reach any other ledger. Pulled:
    /// the recipient takes it with `withdraw` (M1).
    function releaseClaimBond(uint256 claimId, address to, uint256 amount) external restricted nonReentrant {
        if (to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) return;
        _debitClaimMoney(amount);
        _creditWithdrawableOrFund(to, amount);
        emit ClaimBondReleased(claimId, to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: DISPUTES_MODULE. Touches `member`'s bond and the claim money held (or the fund)
    /// only (M8). Moves no token: the slash stays in the vault, moved from the members' bond total to
    /// the claim money held in one write of `_bondTotals` (both totals share its word), until the
    /// payee pulls it (`payClaim`, through `DisputeResolution.claimPayout`).
    function slashToClaim(
        uint256 claimId,
        address member,
        uint256 amount,
        address to
    ) external restricted nonReentrant {
        if (member == address(0) || to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        _bonds[member].slash(amount);
        uint128 a = amount.toUint128();
        BondTotals memory t = _bondTotals;
        t.members -= a;
        if (to == address(this)) {
            _allianceFund += amount;
        } else {
            t.claims += a;
        }
        _bondTotals = t;
        emit BondSlashed(member, to, amount, claimId);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: DISPUTES_MODULE. The payee's pull: the disputes module has zeroed what claim
    /// `claimId` owed before this call; the claim money held is debited, then one transfer, last
    /// (checks-effects-interactions, nonReentrant). A payee the token refuses fails only its own pull,
    /// which can be repeated (M1). Never more than the claim money held.
    function payClaim(uint256 claimId, address to, uint256 amount) external restricted nonReentrant {
        _checkRecipient(to);
        if (amount == 0) revert TreasuryZeroAmount();
        _debitClaimMoney(amount);
        emit ClaimPaid(claimId, to, amount);
        _TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Role: DISPUTES_MODULE. `beneficiary == address(this)` credits the alliance fund (B12: a
    /// secretariat claim's settlement belongs to the alliance).
    function receiveSettlement(
        uint256 ref,
        address payer,
        address beneficiary,
        uint256 amount
    ) external restricted nonReentrant returns (uint256 received) {
        if (beneficiary == address(0)) revert TreasuryZeroAddress();
        received = _pull(payer, amount);
        _creditWithdrawableOrFund(beneficiary, received);
        emit SettlementReceived(ref, payer, beneficiary, received);
    }

    // ================================================================== anyone
    /// @inheritdoc ITreasury
    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = _withdrawable[msg.sender];
        if (amount == 0) revert TreasuryNothingToWithdraw(msg.sender);
        _withdrawable[msg.sender] = 0;
        _totalWithdrawable -= amount;
        emit Withdrawn(msg.sender, amount);
        _TOKEN.safeTransfer(msg.sender, amount);
    }

    // ================================================================== views
    /// @inheritdoc ITreasury
    function token() external view returns (address) {
        return address(_TOKEN);
    }

    /// @inheritdoc ITreasury
    function allianceFund() external view returns (uint256) {
        return _allianceFund;
    }

    /// @inheritdoc ITreasury
    function projectBalance(uint256 projectId) external view returns (uint256) {
        return _projects[projectId].balance;
    }

    /// @inheritdoc ITreasury
    function grantBalance(uint256 projectId) external view returns (uint256) {
        return _grants[projectId].balance;
    }

    /// @inheritdoc ITreasury
    function bondOf(address member) external view returns (uint256) {
        return _bonds[member].held;
    }

    /// @inheritdoc ITreasury
    function royaltyPool(uint256 assetId) external view returns (uint256) {
        return _royalties[assetId].balance;
    }

    /// @inheritdoc ITreasury
    function withdrawableOf(address account) external view returns (uint256) {
        return _withdrawable[account];
    }

    /// @inheritdoc ITreasury
    function totalLiabilities() public view returns (uint256) {
        return
            _allianceFund +
            _bondTotals.members +
            _bondTotals.claims +
            _totalProjects +
            _totalGrants +
            _totalRoyalties +
            _totalWithdrawable;
    }

    /// @inheritdoc ITreasury
    function bondAccountOf(address member) external view returns (BondAccount memory) {
        return _bonds[member].toView();
    }

    /// @inheritdoc ITreasury
    function projectAccountOf(uint256 projectId) external view returns (LedgerAccount memory) {
        return _projects[projectId].toView();
    }

    /// @inheritdoc ITreasury
    function grantAccountOf(uint256 projectId) external view returns (LedgerAccount memory) {
        return _grants[projectId].toView();
    }

    /// @inheritdoc ITreasury
    function royaltyAccountOf(uint256 assetId) external view returns (LedgerAccount memory) {
        return _royalties[assetId].toView();
    }

    /// @inheritdoc ITreasury
    function isGrantFrozen(uint256 projectId) external view returns (bool) {
        return _grantFrozen[projectId];
    }

    /// @inheritdoc ITreasury
    function totalBonds() external view returns (uint256) {
        return _bondTotals.members;
    }

    /// @inheritdoc ITreasury
    function totalClaimBonds() external view returns (uint256) {
        return _bondTotals.claims;
    }

    /// @inheritdoc ITreasury
    function totalProjectBalances() external view returns (uint256) {
        return _totalProjects;
    }

    /// @inheritdoc ITreasury
    function totalGrantBalances() external view returns (uint256) {
        return _totalGrants;
    }

    /// @inheritdoc ITreasury
    function totalRoyaltyPools() external view returns (uint256) {
        return _totalRoyalties;
    }

    /// @inheritdoc ITreasury
    function totalWithdrawable() external view returns (uint256) {
        return _totalWithdrawable;
    }

    // ================================================================== internal
    /// @dev Pulls `amount` from `payer` and returns what actually arrived (balance delta, M3).
    /// The only external call before effects in this contract; every caller is `nonReentrant`.
    function _pull(address payer, uint256 amount) private returns (uint256 received) {
        if (payer == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 before = _TOKEN.balanceOf(address(this));
        _TOKEN.safeTransferFrom(payer, address(this), amount);
        received = _TOKEN.balanceOf(address(this)) - before;
        if (received == 0) revert TreasuryZeroAmount();
    }

    /// @dev Rejects the zero address and the Treasury itself as a payee.
    function _checkRecipient(address to) private view {
        if (to == address(0)) revert TreasuryZeroAddress();
        if (to == address(this)) revert TreasuryInvalidRecipient(to);
    }

    function _creditWithdrawable(address to, uint256 amount) private {
        _withdrawable[to] += amount;
        _totalWithdrawable += amount;
    }

    /// @dev Debits `amount` from the claim money held (the "claimBond" ledger: claim bonds, and
    /// slashes held for their claim's payee), never more than it holds.
    function _debitClaimMoney(uint256 amount) private {
        uint128 held = _bondTotals.claims;
        if (amount > held) revert TreasuryInsufficientLedger(TreasuryLedger.CLAIM_BOND, held, amount);
        // Narrowing is safe: amount <= held, a uint128. unchecked: amount <= held was checked above.
        unchecked {
            _bondTotals.claims = held - uint128(amount);
        }
    }

    /// @dev `to == address(this)` credits the alliance fund, anyone else its withdrawable balance.
    function _creditWithdrawableOrFund(address to, uint256 amount) private {
        if (to == address(this)) {
            _allianceFund += amount;
        } else {
            _creditWithdrawable(to, amount);
        }
    }
}
