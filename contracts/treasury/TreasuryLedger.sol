// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";

/// @title TreasuryLedger
/// @notice The bookkeeping of the Treasury's keyed sub-ledgers: a member's bond and a project, grant
/// or royalty account, each a balance with its running tallies, packed two amounts to a slot.
/// @dev Amounts are stored as uint128 (up to 3.4e38 token units; 3.4e20 whole tokens at 18
/// decimals). An amount coming in is narrowed with `SafeCast` (reverts above that bound); an amount
/// going out is checked against a stored uint128 balance first, which makes its narrowing safe.
/// Invariants kept here: per account `balance == credited - paid - refunded` (I3); per bond
/// `held == posted - slashed - released` (I7).
library TreasuryLedger {
    using SafeCast for uint256;

    /// @dev Readable ledger tags for `TreasuryInsufficientLedger`.
    bytes32 internal constant BOND = "bond";
    bytes32 internal constant PROJECT = "project";
    bytes32 internal constant GRANT = "grant";
    bytes32 internal constant ROYALTY = "royalty";
    bytes32 internal constant CLAIM_BOND = "claimBond";
    bytes32 internal constant ALLIANCE_FUND = "allianceFund";

    /// @dev A member's performance bond. Slot 0: held, posted (written by a post and by a slash);
    /// slot 1: released. What was slashed is derived (`posted - held - released`), not stored, so a
    /// slash writes one word and `held == posted - slashed - released` holds by construction.
    struct Bond {
        uint128 held;
        uint128 posted;
        uint128 released;
    }

    /// @dev A project, grant or royalty account. Slot 0: balance, credited (written by a deposit);
    /// slot 1: paid, refunded.
    struct Account {
        uint128 balance;
        uint128 credited;
        uint128 paid;
        uint128 refunded;
    }

    /// @dev A royalty pool: one slot, so a royalty claim reads and writes one word. A pool is only
    /// credited (royalties in) and paid (claims out), never refunded, so `paid == credited - balance`
    /// is derived rather than stored, and I3 (`balance == credited - paid - refunded`) holds by
    /// construction.
    struct Pool {
        uint128 balance;
        uint128 credited;
    }

    // ------------------------------------------------------------------ bonds
    /// @dev Adds `amount` to the bond (held and posted).
    function post(Bond storage bond, uint256 amount) internal {
        uint128 value = amount.toUint128();
        bond.held += value;
        bond.posted += value;
    }

    /// @dev Takes `amount` (> 0, <= held) off the bond as slashed, or reverts with the "bond" ledger.
    function slash(Bond storage bond, uint256 amount) internal {
        uint128 held = bond.held;
        if (amount > held) revert ITreasury.TreasuryInsufficientLedger(BOND, held, amount);
        // Narrowing is safe: amount <= held, a uint128. unchecked: amount <= held was checked above.
        uint128 value = uint128(amount);
        unchecked {
            bond.held = held - value;
        }
    }

    /// @dev Empties the bond as released and returns what it held (0 if nothing).
    function releaseAll(Bond storage bond) internal returns (uint256 amount) {
        uint128 held = bond.held;
        if (held == 0) return 0;
        bond.held = 0;
        bond.released += held;
        return held;
    }

    function toView(Bond storage bond) internal view returns (ITreasury.BondAccount memory) {
        (uint128 held, uint128 posted, uint128 released) = (bond.held, bond.posted, bond.released);
        // posted - held - released is what was slashed: held only falls by a slash or a release.
        return ITreasury.BondAccount(held, posted, posted - held - released, released);
    }

    // ------------------------------------------------------------------ accounts
    /// @dev Adds `amount` to the account (balance and credited).
    function credit(Account storage account, uint256 amount) internal {
        uint128 value = amount.toUint128();
        account.balance += value;
        account.credited += value;
    }

    /// @dev Takes `amount` off the account as paid, or reverts naming `ledger`.
    function spend(Account storage account, bytes32 ledger, uint256 amount) internal {
        account.paid += _debit(account, ledger, amount);
    }

    /// @dev Takes `amount` off the account as refunded, or reverts naming `ledger`.
    function refund(Account storage account, bytes32 ledger, uint256 amount) internal {
        account.refunded += _debit(account, ledger, amount);
    }

    function toView(Account storage account) internal view returns (ITreasury.LedgerAccount memory) {
        return ITreasury.LedgerAccount(account.balance, account.credited, account.paid, account.refunded);
    }

    // ------------------------------------------------------------------ royalty pools
    /// @dev Adds `amount` to the pool (balance and credited).
    function credit(Pool storage pool, uint256 amount) internal {
        uint128 value = amount.toUint128();
        pool.balance += value;
        pool.credited += value;
    }

    /// @dev Takes `amount` (> 0, <= balance) off the pool as paid, or reverts with the "royalty" ledger.
    function pay(Pool storage pool, uint256 amount) internal {
        if (amount == 0) revert ITreasury.TreasuryZeroAmount();
        uint128 balance = pool.balance;
        if (amount > balance) revert ITreasury.TreasuryInsufficientLedger(ROYALTY, balance, amount);
        // Narrowing is safe: amount <= balance, a uint128. unchecked: same check.
        unchecked {
            pool.balance = balance - uint128(amount);
        }
    }

    function toView(Pool storage pool) internal view returns (ITreasury.LedgerAccount memory) {
        (uint128 balance, uint128 credited) = (pool.balance, pool.credited);
        // unchecked: balance <= credited (balance only grows with credited and falls by payouts).
        unchecked {
            return ITreasury.LedgerAccount(balance, credited, credited - balance, 0);
        }
    }

    /// @dev Takes `amount` (> 0, <= balance) off the balance and returns it narrowed.
    function _debit(Account storage account, bytes32 ledger, uint256 amount) private returns (uint128 value) {
        if (amount == 0) revert ITreasury.TreasuryZeroAmount();
        uint128 balance = account.balance;
        if (amount > balance) revert ITreasury.TreasuryInsufficientLedger(ledger, balance, amount);
        // Narrowing is safe: amount <= balance, a uint128. unchecked: same check.
        value = uint128(amount);
        unchecked {
            account.balance = balance - value;
        }
    }
}
