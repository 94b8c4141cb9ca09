// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title MembershipTreasuryStub
/// @notice Test-only stand-in for `Treasury`'s bond ledger (postBond / releaseBond / bondOf /
/// withdrawableOf / withdraw), used by the membership tests only while the real Treasury is not on
/// the branch. `test/helpers/suite.ts` deploys the real `Treasury` whenever it exists.
contract MembershipTreasuryStub is AccessManaged {
    using SafeERC20 for IERC20;

    error TreasuryZeroAmount();
    error TreasuryNothingToWithdraw(address account);

    event BondPosted(address indexed member, address indexed payer, uint256 amount);
    event BondReleased(address indexed member, address indexed to, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    IERC20 public immutable TOKEN;
    mapping(address member => uint256 amount) public bondOf;
    mapping(address account => uint256 amount) public withdrawableOf;

    constructor(address authority, IERC20 token_) AccessManaged(authority) {
        TOKEN = token_;
    }

    function postBond(
        address member,
        address payer,
        uint256 amount
    ) external restricted returns (uint256 received) {
        if (amount == 0) revert TreasuryZeroAmount();
        uint256 before = TOKEN.balanceOf(address(this));
        TOKEN.safeTransferFrom(payer, address(this), amount);
        received = TOKEN.balanceOf(address(this)) - before;
        bondOf[member] += received;
        emit BondPosted(member, payer, received);
    }

    function releaseBond(address member, address to) external restricted returns (uint256 amount) {
        amount = bondOf[member];
        if (amount == 0) revert TreasuryZeroAmount();
        bondOf[member] = 0;
        withdrawableOf[to] += amount;
        emit BondReleased(member, to, amount);
    }

    function withdraw() external returns (uint256 amount) {
        amount = withdrawableOf[msg.sender];
        if (amount == 0) revert TreasuryNothingToWithdraw(msg.sender);
        withdrawableOf[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        TOKEN.safeTransfer(msg.sender, amount);
    }
}
