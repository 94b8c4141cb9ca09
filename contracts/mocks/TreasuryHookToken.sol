// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TreasuryHookToken
/// @notice Test-only malicious token (M2): when tokens move to or from the Treasury, the token calls back
/// into the Treasury with preset calldata (e.g. `withdraw()` or `payRoyalty(...)`) to attempt
/// reentrancy. The token itself can be the payee (its `callTreasury` makes it `msg.sender`) and can
/// be granted a module role. A failed reentry is recorded, not propagated, so the outer call
/// completes and the test can check that nothing extra left the vault.
contract TreasuryHookToken is ERC20 {
    address public treasury;
    bytes public hookData;
    bool public armed;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    bytes public lastRevertData;

    constructor() ERC20("Hook Token", "HOOK") {}

    /// @notice Test-only: anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Test-only: names the Treasury to call back into.
    function setTreasury(address treasury_) external {
        treasury = treasury_;
    }

    /// @notice Test-only: arms a one-shot callback of `data` into the Treasury on the next transfer
    /// to or from it.
    function arm(bytes calldata data) external {
        hookData = data;
        armed = true;
    }

    /// @notice Test-only: calls the Treasury as this contract (e.g. `withdraw()` for its own balance).
    function callTreasury(bytes calldata data) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = treasury.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    /// @notice Test-only: approves `spender` on behalf of this contract.
    function approveFromSelf(address spender, uint256 amount) external {
        _approve(address(this), spender, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed && treasury != address(0) && (from == treasury || to == treasury)) {
            armed = false;
            reentryAttempts += 1;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = treasury.call(hookData);
            if (ok) {
                reentrySuccesses += 1;
            } else {
                lastRevertData = ret;
            }
        }
    }
}
