// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TreasuryFeeToken
/// @notice Test-only fee-on-transfer token (M3): every transfer burns `feeBps` of the amount, so the
/// recipient gets less than was sent. Mints are not charged.
contract TreasuryFeeToken is ERC20 {
    uint16 public feeBps;

    constructor(uint16 feeBps_) ERC20("Fee Token", "FEE") {
        feeBps = feeBps_;
    }

    /// @notice Test-only: anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Test-only: sets the fee (10000 = everything is burnt).
    function setFeeBps(uint16 feeBps_) external {
        feeBps = feeBps_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * feeBps) / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
