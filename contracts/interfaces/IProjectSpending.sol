// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProjectStatus} from "./IProjectRegistry.sol";
import {MemberStatus} from "./IMembership.sol";

/// @notice Requested -> Executed | Vetoed (supervisor, grant spends, inside the window) | Cancelled
/// (lead or secretariat). An expired request stays Requested and can no longer be approved or executed.
enum SpendStatus {
    None,
    Requested,
    Executed,
    Vetoed,
    Cancelled
}

/// @notice One spend request: the internal-supervision trail F4 asks for.
struct Spend {
    uint256 projectId;
    uint128 amount;
    /// Sum of what each approver had paid into the project when it approved (B13). Execution counts it
    /// less what the approvers that have an unpaid recorded default by then have paid.
    uint128 approvedPaid;
    address payee;
    address requester;
    SpendStatus status;
    /// Budget line index in the project's budget.
    uint8 line;
    bool fromGrant;
    /// The charter's `approvalShareBps` when the spend was requested: the share of the paid-in base
    /// (what the participants other than the payee paid) its approvals must hold.
    uint16 requiredBps;
    uint48 requestedAt;
    /// Last second at which the spend may be approved or executed.
    uint48 expiresAt;
    /// Grant spends: the supervisor may veto strictly before this time; execution from this time on.
    uint48 vetoEndsAt;
    uint48 decidedAt;
    /// Bit i set = the participant at position i of the project's participant list approved (a
    /// counter and a bitmap: no loop).
    uint64 approvers;
    /// SHA-256 of the invoice.
    bytes32 invoiceHash;
}

/// @notice What a spend request asks for.
struct SpendRequest {
    uint256 projectId;
    /// Budget line index in the project's budget.
    uint256 line;
    uint256 amount;
    address payee;
    /// SHA-256 of the invoice.
    bytes32 invoiceHash;
    /// Pay from the grant account (the line must be one the grant allows) instead of the project account.
    bool fromGrant;
    /// Last second at which the spend may be approved or executed.
    uint48 expiresAt;
}

/// @title IProjectSpending
/// @notice Spends from a project's account or its grant account (F4): requested by the lead or the
/// secretariat, approved by participants in good standing holding the charter's approval share of what
/// was actually paid in (B13), subject to the supervisor's veto window for grant money, executed in one
/// call through `ITreasury`.
///
/// The approval rule (B13), for project and grant money alike:
/// - an approver is a participant that is an active member (not suspended, expelled or withdrawn), has
///   no unpaid recorded default on the project and has paid something into it; its weight is what it
///   had paid when it approved;
/// - the payee never approves a spend to itself (a requester that names itself as payee included):
///   its weight is excluded from both sides, so the others decide;
/// - at execution the approvals must hold at least `ceil(requiredBps x base / 10000)` (and at least
///   1), where base = what all participants have paid in by then, less what the payee paid; an
///   approver that has an unpaid recorded default by then counts for nothing (what it has paid is
///   taken off the approved sum). Standing on the project is thus read at execution; an approver's
///   membership status is read when it approves.
interface IProjectSpending {
    // ------------------------------------------------------------------ errors
    error ProjectSpendingZeroAddress();
    error ProjectSpendingZeroAmount();
    /// @dev Project `projectId` is in `current` where `expected` is needed.
    error ProjectSpendingUnexpectedProjectStatus(
        uint256 projectId,
        ProjectStatus current,
        ProjectStatus expected
    );
    /// @dev Spend `spendId` is in `current` where `expected` is needed.
    error ProjectSpendingUnexpectedStatus(uint256 spendId, SpendStatus current, SpendStatus expected);
    /// @dev Only the project's lead or a SECRETARIAT role holder requests spends.
    error ProjectSpendingNotRequester(uint256 projectId, address account);
    /// @dev Only the account that requested a spend withdraws it.
    error ProjectSpendingNotSpendRequester(uint256 spendId, address account);
    /// @dev `account` is not a participant of the project, so it cannot approve its spends.
    error ProjectSpendingNotParticipant(uint256 projectId, address account);
    error ProjectSpendingAlreadyApproved(uint256 spendId, address participant);
    /// @dev The payee of a spend cannot approve it: nobody approves a payment to itself (B13).
    error ProjectSpendingPayeeCannotApprove(uint256 spendId, address payee);
    /// @dev `participant` has paid nothing into the project, so its approval would carry no weight (B13).
    error ProjectSpendingNothingPaid(uint256 projectId, address participant);
    /// @dev `participant` has an unpaid recorded default on the project, so it cannot approve its spends
    /// until it pays that installment (B13).
    error ProjectSpendingApproverInDefault(uint256 projectId, address participant);
    /// @dev `participant` is not an active member (its status is `status`: suspended, expelled,
    /// withdrawn), so it cannot approve spends (B13).
    error ProjectSpendingApproverNotActive(uint256 projectId, address participant, MemberStatus status);
    /// @dev The spend would take line `line` past its budget: `available` left, `requested` asked.
    error ProjectSpendingLineExceeded(uint256 projectId, uint256 line, uint256 available, uint256 requested);
    /// @dev The grant does not allow paying budget line `line`.
    error ProjectSpendingLineNotGrantFunded(uint256 projectId, uint256 line);
    /// @dev The deadline must lie in the future, and for a grant spend after the veto window.
    error ProjectSpendingInvalidDeadline(uint256 expiresAt, uint256 earliest);
    error ProjectSpendingExpired(uint256 spendId, uint256 expiresAt);
    /// @dev The approvals in good standing hold `approved` of the `needed` paid-in amount: the charter's
    /// approval share of what the participants other than the payee have paid (B13).
    error ProjectSpendingNotEnoughApprovals(uint256 spendId, uint256 approved, uint256 needed);
    /// @dev Execution must name exactly the approved amount.
    error ProjectSpendingAmountNotApproved(uint256 spendId, uint256 approved, uint256 requested);
    /// @dev Execution must name exactly the approved payee.
    error ProjectSpendingPayeeNotApproved(uint256 spendId, address approved, address requested);
    /// @dev A grant spend cannot execute before its veto window has passed.
    error ProjectSpendingVetoWindowOpen(uint256 spendId, uint256 vetoEndsAt);
    /// @dev The veto window has passed.
    error ProjectSpendingVetoWindowClosed(uint256 spendId, uint256 vetoEndsAt);
    /// @dev The supervisor vetoes grant spends only.
    error ProjectSpendingNotGrantSpend(uint256 spendId);
    // ------------------------------------------------------------------ events
    event SpendRequested(
        uint256 indexed spendId,
        uint256 indexed projectId,
        uint256 indexed line,
        address payee,
        uint256 amount,
        bool fromGrant,
        bytes32 invoiceHash,
        uint48 expiresAt,
        uint48 vetoEndsAt
    );
    /// @param weight What the participant had paid into the project when it approved.
    /// @param approvedPaid The spend's approved sum after this approval.
    event SpendApproved(
        uint256 indexed spendId,
        address indexed participant,
        uint256 weight,
        uint256 approvedPaid
    );
    event SpendExecuted(
        uint256 indexed spendId,
        uint256 indexed projectId,
        address indexed payee,
        uint256 amount,
        bool fromGrant
    );
    event SpendCancelled(uint256 indexed spendId, address indexed by, bytes32 reasonHash);
    event SpendVetoed(uint256 indexed spendId, address indexed supervisor, bytes32 reasonHash);
    // ------------------------------------------------------------------ actions
    /// @notice The lead or a SECRETARIAT holder requests a spend of an active project on a budget line,
    /// from the grant account when `fromGrant` (the line must be one the grant allows), payable until
    /// `expiresAt` (for a grant spend no earlier than the end of the veto window). Fixes the charter's
    /// `approvalShareBps` and, for grant money, `vetoWindow`.
    function requestSpend(SpendRequest calldata request) external returns (uint256 spendId);

    /// @notice A participant in good standing (an active member with no unpaid recorded default on the
    /// project) other than the payee approves a requested spend, once, with what it has paid into the
    /// project as its weight (B13).
    function approveSpend(uint256 spendId) external;

    /// @notice Anyone executes an approved spend in one call, naming its payee and amount (M7): they must
    /// be exactly the approved ones, the approvals in good standing must reach the charter's approval share
    /// of the paid-in base as it stands now (B13, see above), the deadline must not have passed, the line
    /// must have room, and a grant spend needs its veto window over and the grant account unfrozen
    /// (Treasury.setGrantFrozen). Pays through `ITreasury.payFromProject` / `payFromGrant`.
    function executeSpend(uint256 spendId, address payee, uint256 amount) external;

    /// @notice The account that requested a spend withdraws it. Nobody else can stop a spend its
    /// approvers agreed to, except the supervisor's veto on grant money.
    function cancelSpend(uint256 spendId, bytes32 reasonHash) external;

    /// @notice SUPERVISOR: vetoes a requested grant spend strictly before its veto window ends.
    function vetoSpend(uint256 spendId, bytes32 reasonHash) external;

    // ------------------------------------------------------------------ views
    function spendCount() external view returns (uint256);

    function spendOf(uint256 spendId) external view returns (Spend memory);

    function hasApproved(uint256 spendId, address participant) external view returns (bool);

    /// @notice What execution would count now (B13): the approved sum in good standing and the amount it
    /// needs (see the approval rule above).
    function approvalsOf(uint256 spendId) external view returns (uint256 approved, uint256 needed);

    /// @notice Executed spends on budget line `line` (project and grant money together).
    function spentOnLine(uint256 projectId, uint256 line) external view returns (uint256);

    /// @notice Executed spends of (project money, grant money). I9: grantSpent <= grant received.
    function spentOf(uint256 projectId) external view returns (uint256 projectSpent, uint256 grantSpent);

    /// @notice Number of spend requests of the project, and of one of its lines.
    function spendCountOf(uint256 projectId) external view returns (uint256);

    function spendCountOfLine(uint256 projectId, uint256 line) external view returns (uint256);

    /// @notice A page of the project's spend requests in request order (ids and records).
    function spendsOf(
        uint256 projectId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, Spend[] memory spends);

    /// @notice A page of the spend requests on one budget line in request order.
    function spendsOfLine(
        uint256 projectId,
        uint256 line,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, Spend[] memory spends);
}
