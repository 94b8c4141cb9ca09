// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title TreasuryFalseToken
/// @notice Test-only token (M3) that returns `false` instead of reverting when a transfer cannot be
/// made (short balance or allowance), and always while `failAll` is set. SafeERC20 must turn a
/// `false` into a revert, so no ledger is credited for money that did not move.
contract TreasuryFalseToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    mapping(address account => uint256 balance) public balanceOf;
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;
    uint256 public totalSupply;
    bool public failAll;

    /// @notice Test-only: anyone may mint.
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Test-only: makes every transfer return false.
    function setFailAll(bool failAll_) external {
        failAll = failAll_;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (failAll || allowed < amount) return false;
        if (!_move(from, to, amount)) return false;
        allowance[from][msg.sender] = allowed - amount;
        return true;
    }

    function _move(address from, address to, uint256 amount) private returns (bool) {
        if (failAll || balanceOf[from] < amount) return false;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}
