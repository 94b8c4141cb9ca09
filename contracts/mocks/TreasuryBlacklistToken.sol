// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TreasuryBlacklistToken
/// @notice Test-only USDC-like token with a blacklist (M1): any transfer from or to a blacklisted
/// address reverts.
contract TreasuryBlacklistToken is ERC20 {
    error TreasuryBlacklistTokenBlocked(address account);

    mapping(address account => bool blocked) public blacklisted;

    constructor() ERC20("Blacklist Token", "BLK") {}

    /// @notice Test-only: anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Test-only: anyone may (un)blacklist.
    function setBlacklisted(address account, bool blocked) external {
        blacklisted[account] = blocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blacklisted[from]) revert TreasuryBlacklistTokenBlocked(from);
        if (blacklisted[to]) revert TreasuryBlacklistTokenBlocked(to);
        super._update(from, to, value);
    }
}
