// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProjectStatus} from "./IProjectRegistry.sol";

/// @notice A project's money as `ProjectFunding` counts it (the Treasury holds the coins).
struct ProjectLedger {
    /// What arrived from participants' contributions (balance delta, M3).
    uint256 contributed;
    /// Project money moved back to participants by `claimRefund`.
    uint256 refunded;
    /// The project account's balance when the first refund was claimed (fixed once set).
    uint256 refundPool;
    /// Participants that paid anything (the refund's last claimer is the one that makes claims == payers).
    uint32 payers;
    /// Refunds claimed so far.
    uint32 refundClaims;
    bool refundPoolSet;
    /// Grant money that arrived from the funder.
    uint256 grantReceived;
    /// Unspent grant money returned to the funder at close.
    uint256 grantReturned;
}

/// @title IProjectFunding
/// @notice A project's contributions, arrears, contribution defaults (P2), grant deposits (F4) and
/// close-out refunds. Reads the project record from `ProjectRegistry`; moves money only through
/// `ITreasury` (fundProject, depositGrant, refundFromProject, refundFromGrant).
interface IProjectFunding {
    // ------------------------------------------------------------------ errors
    error ProjectFundingZeroAddress();
    /// @dev Project `projectId` is in `current` where one of `expectedMask` (bit i = ProjectStatus(i)) is needed.
    error ProjectFundingUnexpectedStatus(uint256 projectId, ProjectStatus current, uint256 expectedMask);
    error ProjectFundingNotParticipant(uint256 projectId, address account);
    /// @dev The installment is paid in full: nothing to contribute, nothing in default.
    error ProjectFundingNothingOwed(uint256 projectId, address participant, uint256 installment);
    /// @dev A default can be recorded only after the due date plus the grace period (`graceEndsAt`).
    error ProjectFundingGracePeriodRunning(
        uint256 projectId,
        address participant,
        uint256 installment,
        uint256 graceEndsAt
    );
    /// @dev A default is recorded once per (participant, installment).
    error ProjectFundingDefaultAlreadyRecorded(uint256 projectId, address participant, uint256 installment);
    error ProjectFundingNotFunder(uint256 projectId, address account);
    error ProjectFundingZeroAmount();
    /// @dev A grant deposit above what is left of the proposed grant.
    error ProjectFundingGrantAboveRemaining(uint256 projectId, uint256 remaining, uint256 requested);
    /// @dev `account` paid nothing into the project, or already claimed its refund.
    error ProjectFundingNothingToRefund(uint256 projectId, address account);
    /// @dev The project's grant account is empty.
    error ProjectFundingNoGrantToReturn(uint256 projectId);
    /// @dev `openBooks` needs 0 < `count` and `from` < the project's `participantCount`.
    error ProjectFundingInvalidPage(uint256 projectId, uint256 from, uint256 count, uint256 participantCount);
    /// @dev The project was cancelled before it was ever active: none of its installments was ever owed.
    error ProjectFundingNeverActivated(uint256 projectId);
    /// @dev The installment fell due (`dueDate`) after the project closed (`closedAt`): it was never
    /// owed, so no default can be recorded on it.
    error ProjectFundingDueAfterClose(
        uint256 projectId,
        uint256 installment,
        uint256 dueDate,
        uint256 closedAt
    );

    // ------------------------------------------------------------------ events
    /// @param owed What the installment still needed; `received` what arrived (less for a fee-on-transfer token).
    event ContributionPaid(
        uint256 indexed projectId,
        address indexed participant,
        uint256 indexed installment,
        uint256 owed,
        uint256 received
    );
    event ContributionDefaultRecorded(
        uint256 indexed projectId,
        address indexed participant,
        uint256 indexed installment,
        uint256 amountDue,
        uint256 penalty,
        uint256 historyEntryId
    );
    event ProjectGrantDeposited(
        uint256 indexed projectId,
        address indexed funder,
        uint256 requested,
        uint256 received
    );
    /// @notice `opened` participants among positions [`from`, `to`) of the project's participant list had
    /// their books opened (their installment terms cached); the others' were open already.
    event BooksOpened(uint256 indexed projectId, uint256 from, uint256 to, uint256 opened);
    /// @notice `participant` paid every installment on which a default was recorded: it has no unpaid
    /// recorded default on the project any more, so its spend approvals count again (B13). The defaults
    /// stay in the breach history.
    event StandingRestored(uint256 indexed projectId, address indexed participant);
    event RefundPoolFixed(uint256 indexed projectId, uint256 pool, uint256 contributed);
    event RefundClaimed(uint256 indexed projectId, address indexed participant, uint256 amount);
    event GrantReturned(uint256 indexed projectId, address indexed funder, uint256 amount);

    // ------------------------------------------------------------------ actions
    /// @notice A participant pays what is still owed on installment `installment` of an active project
    /// (pulled by the Treasury, which must be approved). Credits what arrived; a short credit stays in
    /// arrears. Installments may be paid early and in any order. Returns what arrived.
    function contribute(uint256 projectId, uint256 installment) external returns (uint256 received);

    /// @notice Anyone, once the project is active: opens the books of the participants at positions
    /// [`from`, min(`from` + `count`, participantCount)) of the project's participant list, i.e. caches
    /// each one's installment terms (fixed since the proposal) in its one-slot books, so that every
    /// installment it pays, its first included, costs what a later one costs (P2; the bench cap: contribute under
    /// 90,000 gas). Idempotent: books already open (by an earlier call or a payment) are skipped. Changes
    /// nothing a view reports; `contribute` opens a participant's books itself when nobody did. O(page)
    /// by design, at most MAX_PARTICIPANTS (64) per project. Returns how many books it opened.
    function openBooks(uint256 projectId, uint256 from, uint256 count) external returns (uint256 opened);

    /// @notice Anyone, strictly after the installment's due date + the project's grace period: records the
    /// participant's default on it in the breach history (`IBreachRecorder.recordDefault`, LateContribution)
    /// with the pre-agreed penalty floor(missed x latePenaltyBps / 10000). Once per (participant, installment).
    /// On an active project, and also after it closed (completed or cancelled) for an installment that
    /// fell due at or before the close: closing never wipes out arrears (P2). The participant then has an
    /// unpaid recorded default on the project until it pays that installment in full (B13: no spend
    /// approvals meanwhile).
    function recordDefault(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external returns (uint256 historyEntryId);

    /// @notice The project's grant funder deposits up to the rest of the proposed grant (approved or
    /// active project). Returns what arrived.
    function depositGrant(uint256 projectId, uint256 amount) external returns (uint256 received);

    /// @notice A participant of a completed or cancelled project pulls its refund of unspent project
    /// money: floor(pool x paid / contributed); the last payer to claim takes pool - refunded (the dust).
    function claimRefund(uint256 projectId) external returns (uint256 amount);

    /// @notice Anyone: returns a completed or cancelled project's unspent grant money to its funder
    /// (to the funder's withdrawable balance in the Treasury).
    function returnGrant(uint256 projectId) external returns (uint256 amount);

    // ------------------------------------------------------------------ views
    function ledgerOf(uint256 projectId) external view returns (ProjectLedger memory);

    /// @notice What `participant` has paid into the project in total.
    function contributedBy(uint256 projectId, address participant) external view returns (uint256);

    /// @notice What `participant` has paid on installment `installment`.
    function paidOn(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (uint256);

    /// @notice Unpaid amounts of `participant`'s installments already due (due date <= now) of an active
    /// project; for a closed project (completed or cancelled after activation), of the installments that
    /// fell due at or before the close (they stay owed and can still be recorded as defaults; later ones
    /// were never owed); 0 otherwise. Loops over <= 24 installments.
    function arrearsOf(uint256 projectId, address participant) external view returns (uint256);

    function defaultRecorded(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (bool);

    /// @notice The refund `participant` would get by claiming now (0 if it cannot claim).
    function refundableOf(uint256 projectId, address participant) external view returns (uint256);

    function refundClaimed(uint256 projectId, address participant) external view returns (bool);

    /// @notice What `account` has paid into the project, and whether it has an unpaid recorded default on
    /// it (a default recorded on an installment not yet paid in full): the weight and the standing of its
    /// spend approvals (B13).
    function standingOf(
        uint256 projectId,
        address account
    ) external view returns (uint256 paid, bool unpaidDefault);

    /// @notice The base of a spend's approvals (B13), in one read: what arrived from all participants,
    /// what `payee` paid (0 for a non-participant), and the participants with an unpaid recorded default
    /// (bit i = position i of the participant list).
    function approvalBaseOf(
        uint256 projectId,
        address payee
    ) external view returns (uint256 contributed, uint256 payeePaid, uint64 unpaidDefaulters);

    /// @notice Whether `participant`'s books on the project are open (its installment terms cached, by
    /// `openBooks` or by its first payment).
    function booksOpened(uint256 projectId, address participant) external view returns (bool);
}
