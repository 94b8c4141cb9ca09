// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title LicenseManagerReentrantToken
/// @notice Test-only hook token (M2): when armed, every transfer to this contract calls `hookTarget` with
/// preset calldata (e.g. `LicenseManager.claim(assetId)` again) as this contract. A failed reentry is
/// recorded, not propagated, so the outer claim completes and the test can check nothing extra left.
contract LicenseManagerReentrantToken is ERC20 {
    address public hookTarget;
    bytes public hookData;
    bool public armed;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;

    constructor() ERC20("Reentrant Token", "RENT") {}

    /// @notice Test-only: anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Test-only: arms a one-shot call of `data` into `target_` on the next transfer to this contract.
    function arm(address target_, bytes calldata data) external {
        hookTarget = target_;
        hookData = data;
        armed = true;
    }

    /// @notice Test-only: calls `to` with `data` as this contract (e.g. to claim as a co-owner).
    function callAs(address to, bytes calldata data) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = to.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && to == address(this)) {
            armed = false;
            reentryAttempts += 1;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, ) = hookTarget.call(hookData);
            if (ok) reentrySuccesses += 1;
        }
    }
}
