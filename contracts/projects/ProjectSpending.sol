// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Roles} from "../access/Roles.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ICharter, CharterParams} from "../interfaces/ICharter.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {IProjectRegistry, ProjectStatus} from "../interfaces/IProjectRegistry.sol";
import {IProjectFunding} from "../interfaces/IProjectFunding.sol";
import {IProjectSpending, Spend, SpendRequest, SpendStatus} from "../interfaces/IProjectSpending.sol";

/// @title ProjectSpending
/// @notice Internal supervision of project money (F4): every spend is requested against a budget line,
/// approved by participants in good standing holding the charter's approval share of what was actually
/// paid in (B13; an O(1) sum and bitmap), for grant money left open to the supervisor's veto for the
/// charter's window, then executed in one call. Each step is an event and each request stays readable
/// per project and per line (paged). The approval rule is spelled out in `IProjectSpending`.
///
/// Powers and non-powers:
/// - The lead and SECRETARIAT role holders request spends; each withdraws only its own request. They
///   cannot approve for a participant, raise an amount, change a payee, pass a line's budget, or stop a
///   spend someone else requested.
/// - Participants in good standing approve with what they paid, once per spend; the payee never
///   approves a spend to itself, and a participant that paid nothing or has an unpaid recorded default
///   on the project does not approve at all (B13). One participant decides alone only when what it paid
///   is the charter's approval share of what everyone but the payee paid.
/// - Anyone executes a fully approved spend, but only to its approved payee, for its approved amount;
///   approvers whose default was recorded after they approved no longer count (read at execution).
/// - SUPERVISOR (`vetoSpend`, mapped to SUPERVISOR): vetoes grant spends inside the window. It freezes
///   and unfreezes a grant account at the Treasury (`setGrantFrozen`, the one vault's one freeze), which
///   stops every grant spend's execution. It cannot request, approve or execute a spend, nor move any
///   money, to itself or anyone.
/// - The council has no power here: project money moves only by the participants' approval.
///
/// Gas: an approval reads the registry (status, position), Membership (status) and ProjectFunding
/// (paid, standing) once each and updates two words of the spend; execution reads the paid-in total,
/// the payee's payments and the defaulters' bitmap in one ProjectFunding call. Only when an approver
/// has an unpaid recorded default does execution loop, over those approvers alone (at most 64).
///
/// Invariants: spentOnLine(p, l) <= the line's budget; I9: grant spent <= grant received (the Treasury's
/// grant ledger cannot go negative) and only on lines the grant allows; approvedPaid == the sum of the
/// approvers' weights (SpendApproved), and an approver's bit is set once.
contract ProjectSpending is AccessManaged, ReentrancyGuardTransient, IProjectSpending {
    using SafeCast for uint256;

    uint256 internal constant BPS = 10_000;

    IProjectRegistry public immutable REGISTRY;
    ITreasury public immutable TREASURY;
    ICharter public immutable CHARTER;
    IProjectFunding public immutable FUNDING;
    IMembership public immutable MEMBERSHIP;

    uint256 private _spendCount;
    mapping(uint256 spendId => Spend) private _spends;
    mapping(uint256 projectId => uint256[]) private _projectSpends;
    mapping(uint256 projectId => mapping(uint256 line => uint256[])) private _lineSpends;
    mapping(uint256 projectId => mapping(uint256 line => uint256)) private _spentOnLine;
    mapping(uint256 projectId => uint256) private _projectSpent;
    mapping(uint256 projectId => uint256) private _grantSpent;

    constructor(
        address authority_,
        IProjectRegistry registry_,
        ITreasury treasury_,
        ICharter charter_,
        IProjectFunding funding_,
        IMembership membership_
    ) AccessManaged(authority_) {
        if (
            authority_ == address(0) ||
            address(registry_) == address(0) ||
            address(treasury_) == address(0) ||
            address(charter_) == address(0) ||
            address(funding_) == address(0) ||
            address(membership_) == address(0)
        ) revert ProjectSpendingZeroAddress();
        REGISTRY = registry_;
        TREASURY = treasury_;
        CHARTER = charter_;
        FUNDING = funding_;
        MEMBERSHIP = membership_;
    }

    // ------------------------------------------------------------------ actions
    /// @inheritdoc IProjectSpending
    function requestSpend(SpendRequest calldata r) external returns (uint256 spendId) {
        (uint16 requiredBps, uint48 vetoEndsAt) = _checkRequest(r);
        spendId = ++_spendCount;
        Spend storage s = _spends[spendId];
        s.projectId = r.projectId;
        // The Treasury's project and grant accounts are uint128, so no payable spend is larger.
        s.amount = r.amount.toUint128();
        s.payee = r.payee;
        s.requester = msg.sender;
        s.status = SpendStatus.Requested;
        s.line = uint8(r.line); // budgetLineOf reverted unless line < MAX_BUDGET_LINES (32)
        s.fromGrant = r.fromGrant;
        s.requiredBps = requiredBps;
        s.requestedAt = uint48(block.timestamp); // uint48 seconds last far beyond any chain's life
        s.expiresAt = r.expiresAt;
        s.vetoEndsAt = vetoEndsAt;
        s.invoiceHash = r.invoiceHash;
        _projectSpends[r.projectId].push(spendId);
        _lineSpends[r.projectId][r.line].push(spendId);
        emit SpendRequested(
            spendId,
            r.projectId,
            r.line,
            r.payee,
            r.amount,
            r.fromGrant,
            r.invoiceHash,
            r.expiresAt,
            vetoEndsAt
        );
    }

    /// @inheritdoc IProjectSpending
    function approveSpend(uint256 spendId) external {
        Spend storage s = _requireSpendStatus(spendId, SpendStatus.Requested);
        uint256 projectId = s.projectId;
        (ProjectStatus st, bool isParticipant, uint8 index) = REGISTRY.participantIndexOf(
            projectId,
            msg.sender
        );
        if (st != ProjectStatus.Active)
            revert ProjectSpendingUnexpectedProjectStatus(projectId, st, ProjectStatus.Active);
        if (block.timestamp > s.expiresAt) revert ProjectSpendingExpired(spendId, s.expiresAt);
        if (!isParticipant) revert ProjectSpendingNotParticipant(projectId, msg.sender);
        // B13: nobody approves a payment to itself.
        if (msg.sender == s.payee) revert ProjectSpendingPayeeCannotApprove(spendId, msg.sender);
        // index < MAX_PARTICIPANTS (64), so the bit fits the uint64 bitmap.
        uint64 bit = uint64(1) << index;
        if (s.approvers & bit != 0) revert ProjectSpendingAlreadyApproved(spendId, msg.sender);
        MemberStatus status = MEMBERSHIP.statusOf(msg.sender);
        if (status != MemberStatus.Active)
            revert ProjectSpendingApproverNotActive(projectId, msg.sender, status);
        (uint256 paid, bool unpaidDefault) = FUNDING.standingOf(projectId, msg.sender);
        if (unpaidDefault) revert ProjectSpendingApproverInDefault(projectId, msg.sender);
        if (paid == 0) revert ProjectSpendingNothingPaid(projectId, msg.sender);
        s.approvers |= bit;
        // What a participant paid went through the Treasury's uint128 project account.
        uint128 approvedPaid = s.approvedPaid + paid.toUint128();
        s.approvedPaid = approvedPaid;
        emit SpendApproved(spendId, msg.sender, paid, approvedPaid);
    }

    /// @inheritdoc IProjectSpending
    function executeSpend(uint256 spendId, address payee, uint256 amount) external nonReentrant {
        Spend storage s = _requireSpendStatus(spendId, SpendStatus.Requested);
        uint256 projectId = s.projectId;
        _requireProjectActive(projectId);
        if (block.timestamp > s.expiresAt) revert ProjectSpendingExpired(spendId, s.expiresAt);
        if (payee != s.payee) revert ProjectSpendingPayeeNotApproved(spendId, s.payee, payee);
        if (amount != s.amount) revert ProjectSpendingAmountNotApproved(spendId, s.amount, amount);
        (uint256 approved, uint256 needed) = _approvals(s);
        if (approved < needed) revert ProjectSpendingNotEnoughApprovals(spendId, approved, needed);
        // A frozen grant account (Treasury.setGrantFrozen, SUPERVISOR) makes payFromGrant revert below.
        if (s.fromGrant && block.timestamp < s.vetoEndsAt)
            revert ProjectSpendingVetoWindowOpen(spendId, s.vetoEndsAt);
        (uint256 lineBudget, ) = REGISTRY.budgetLineOf(projectId, s.line);
        uint256 spent = _spentOnLine[projectId][s.line];
        if (spent + amount > lineBudget)
            revert ProjectSpendingLineExceeded(projectId, s.line, lineBudget - spent, amount);

        s.status = SpendStatus.Executed;
        s.decidedAt = uint48(block.timestamp); // see requestedAt
        _spentOnLine[projectId][s.line] = spent + amount;
        if (s.fromGrant) _grantSpent[projectId] += amount;
        else _projectSpent[projectId] += amount;
        emit SpendExecuted(spendId, projectId, payee, amount, s.fromGrant);
        if (s.fromGrant) TREASURY.payFromGrant(projectId, payee, amount);
        else TREASURY.payFromProject(projectId, payee, amount);
    }

    /// @inheritdoc IProjectSpending
    function cancelSpend(uint256 spendId, bytes32 reasonHash) external {
        Spend storage s = _requireSpendStatus(spendId, SpendStatus.Requested);
        // Only the requester withdraws its own request: no role stops what the approvers agreed to.
        if (msg.sender != s.requester) revert ProjectSpendingNotSpendRequester(spendId, msg.sender);
        s.status = SpendStatus.Cancelled;
        s.decidedAt = uint48(block.timestamp); // see requestedAt
        emit SpendCancelled(spendId, msg.sender, reasonHash);
    }

    /// @inheritdoc IProjectSpending
    function vetoSpend(uint256 spendId, bytes32 reasonHash) external restricted {
        Spend storage s = _requireSpendStatus(spendId, SpendStatus.Requested);
        if (!s.fromGrant) revert ProjectSpendingNotGrantSpend(spendId);
        if (block.timestamp >= s.vetoEndsAt) revert ProjectSpendingVetoWindowClosed(spendId, s.vetoEndsAt);
        s.status = SpendStatus.Vetoed;
        s.decidedAt = uint48(block.timestamp); // see requestedAt
        emit SpendVetoed(spendId, msg.sender, reasonHash);
    }

    // ------------------------------------------------------------------ views
    /// @inheritdoc IProjectSpending
    function spendCount() external view returns (uint256) {
        return _spendCount;
    }

    /// @inheritdoc IProjectSpending
    function spendOf(uint256 spendId) external view returns (Spend memory) {
        return _spends[spendId];
    }

    /// @inheritdoc IProjectSpending
    function hasApproved(uint256 spendId, address participant) external view returns (bool) {
        Spend storage s = _spends[spendId];
        (, bool isParticipant, uint8 index) = REGISTRY.participantIndexOf(s.projectId, participant);
        return isParticipant && (s.approvers >> index) & 1 == 1;
    }

    /// @inheritdoc IProjectSpending
    function approvalsOf(uint256 spendId) external view returns (uint256 approved, uint256 needed) {
        return _approvals(_spends[spendId]);
    }

    /// @inheritdoc IProjectSpending
    function spentOnLine(uint256 projectId, uint256 line) external view returns (uint256) {
        return _spentOnLine[projectId][line];
    }

    /// @inheritdoc IProjectSpending
    function spentOf(uint256 projectId) external view returns (uint256 projectSpent, uint256 grantSpent) {
        return (_projectSpent[projectId], _grantSpent[projectId]);
    }

    /// @inheritdoc IProjectSpending
    function spendCountOf(uint256 projectId) external view returns (uint256) {
        return _projectSpends[projectId].length;
    }

    /// @inheritdoc IProjectSpending
    function spendCountOfLine(uint256 projectId, uint256 line) external view returns (uint256) {
        return _lineSpends[projectId][line].length;
    }

    /// @inheritdoc IProjectSpending
    function spendsOf(
        uint256 projectId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, Spend[] memory spends) {
        return _page(_projectSpends[projectId], offset, limit);
    }

    /// @inheritdoc IProjectSpending
    function spendsOfLine(
        uint256 projectId,
        uint256 line,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, Spend[] memory spends) {
        return _page(_lineSpends[projectId][line], offset, limit);
    }

    // ------------------------------------------------------------------ internals
    /// @dev Checks a request; returns the approval share it needs and, for grant money, its veto window's end.
    function _checkRequest(
        SpendRequest calldata r
    ) internal view returns (uint16 requiredBps, uint48 vetoEndsAt) {
        _requireProjectActive(r.projectId);
        _requireRequester(r.projectId);
        if (r.amount == 0) revert ProjectSpendingZeroAmount();
        if (r.payee == address(0)) revert ProjectSpendingZeroAddress();
        (uint256 lineBudget, bool grantAllowed) = REGISTRY.budgetLineOf(r.projectId, r.line);
        if (r.fromGrant && !grantAllowed) revert ProjectSpendingLineNotGrantFunded(r.projectId, r.line);
        uint256 available = lineBudget - _spentOnLine[r.projectId][r.line];
        if (r.amount > available)
            revert ProjectSpendingLineExceeded(r.projectId, r.line, available, r.amount);
        CharterParams memory cp = CHARTER.charterParams();
        // uint48 seconds last far beyond any chain's life.
        if (r.fromGrant) vetoEndsAt = uint48(block.timestamp + cp.vetoWindow);
        uint256 earliest = r.fromGrant ? vetoEndsAt : block.timestamp + 1;
        if (r.expiresAt < earliest) revert ProjectSpendingInvalidDeadline(r.expiresAt, earliest);
        requiredBps = cp.approvalShareBps;
    }

    /// @dev The approval rule at this moment (B13): the approvers' sum less what the approvers that now
    /// have an unpaid recorded default have paid (floored at 0: such an approver takes off at least the
    /// weight it brought), and ceil(requiredBps x (paid in - paid by the payee) / 10000), at least 1.
    function _approvals(Spend storage s) internal view returns (uint256 approved, uint256 needed) {
        uint256 projectId = s.projectId;
        (uint256 contributed, uint256 payeePaid, uint64 defaulters) = FUNDING.approvalBaseOf(
            projectId,
            s.payee
        );
        approved = s.approvedPaid;
        uint64 lapsed = s.approvers & defaulters;
        if (lapsed != 0) {
            uint256 off = _paidBy(projectId, lapsed);
            approved = off >= approved ? 0 : approved - off;
        }
        // The payee is a participant counted in `contributed`, or paid nothing: no underflow.
        needed = Math.mulDiv(contributed - payeePaid, s.requiredBps, BPS, Math.Rounding.Ceil);
        if (needed == 0) needed = 1;
    }

    /// @dev What the participants at the positions set in `positions` have paid. Runs only when an
    /// approver has an unpaid recorded default: at most MAX_PARTICIPANTS (64) iterations.
    function _paidBy(uint256 projectId, uint64 positions) internal view returns (uint256 total) {
        address[] memory participants = REGISTRY.participantsOf(projectId);
        for (uint256 i = 0; positions >> i != 0; ++i) {
            if ((positions >> i) & 1 == 1) total += FUNDING.contributedBy(projectId, participants[i]);
        }
    }

    function _requireProjectActive(uint256 projectId) internal view {
        ProjectStatus st = REGISTRY.projectStatus(projectId);
        if (st != ProjectStatus.Active)
            revert ProjectSpendingUnexpectedProjectStatus(projectId, st, ProjectStatus.Active);
    }

    /// @dev The one spend state check: reverts unless spend `spendId` is in `expected`.
    function _requireSpendStatus(
        uint256 spendId,
        SpendStatus expected
    ) internal view returns (Spend storage s) {
        s = _spends[spendId];
        if (s.status != expected) revert ProjectSpendingUnexpectedStatus(spendId, s.status, expected);
    }

    /// @dev The lead of the project or a SECRETARIAT role holder.
    function _requireRequester(uint256 projectId) internal view {
        (, address lead) = REGISTRY.costShareOf(projectId, msg.sender);
        if (msg.sender == lead) return;
        (bool isSecretariat, ) = IAccessManager(authority()).hasRole(Roles.SECRETARIAT, msg.sender);
        if (!isSecretariat) revert ProjectSpendingNotRequester(projectId, msg.sender);
    }

    function _page(
        uint256[] storage all,
        uint256 offset,
        uint256 limit
    ) internal view returns (uint256[] memory ids, Spend[] memory spends) {
        uint256 n = offset >= all.length ? 0 : all.length - offset;
        if (limit < n) n = limit;
        ids = new uint256[](n);
        spends = new Spend[](n);
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = all[offset + i];
            spends[i] = _spends[ids[i]];
        }
    }
}
