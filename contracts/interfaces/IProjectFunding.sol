// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProjectStatus} from "./IProjectRegistry.sol";

/// @notice A project's money as `ProjectFunding` counts it (the Treasury holds the coins).
struct ProjectLedger {
    /// What arrived from participants' contributions (balance delta, M3): the project account's
    /// `credited` tally at the Treasury, which only `contribute` credits.
    uint256 contributed;
    /// Project money moved back to participants by `claimRefund`.
    uint256 refunded;
    /// The project account's balance when the first refund was claimed (fixed once set).
    uint256 refundPool;
    /// What the participants that claimed a refund had paid in: the claim that brings it to
    /// `contributed` is the last one and takes the rounding dust.
    uint256 refundedPaid;
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
    /// @dev A constructor address is zero.
    error ProjectFundingZeroAddress();
    /// @dev Project `projectId` is in `current` where one of `expectedMask` (bit i = ProjectStatus(i)) is needed.
    error ProjectFundingUnexpectedStatus(uint256 projectId, ProjectStatus current, uint256 expectedMask);
    /// @dev `account` is not a participant of the project.
    error ProjectFundingNotParticipant(uint256 projectId, address account);
    /// @dev The project has `installments` installments, so there is no installment `installment`.
    error ProjectFundingUnknownInstallment(uint256 projectId, uint256 installment, uint256 installments);
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
    /// @dev Only the project's grant funder deposits the grant, and only for a project with a grant.
    error ProjectFundingNotFunder(uint256 projectId, address account);
    /// @dev The amount is zero.
    error ProjectFundingZeroAmount();
    /// @dev A grant deposit above what is left of the proposed grant.
    error ProjectFundingGrantAboveRemaining(uint256 projectId, uint256 remaining, uint256 requested);
    /// @dev `account` paid nothing into the project, or already claimed its refund.
    error ProjectFundingNothingToRefund(uint256 projectId, address account);
    /// @dev The project's grant account is empty.
    error ProjectFundingNoGrantToReturn(uint256 projectId);
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
    /// @notice A default on an installment was recorded in the breach history (entry `historyEntryId`).
    event ContributionDefaultRecorded(
        uint256 indexed projectId,
        address indexed participant,
        uint256 indexed installment,
        uint256 amountDue,
        uint256 penalty,
        uint256 historyEntryId
    );
    /// @notice The funder deposited grant money (`received` is what arrived).
    event ProjectGrantDeposited(
        uint256 indexed projectId,
        address indexed funder,
        uint256 requested,
        uint256 received
    );
    /// @notice `openBooks` wrote `words` books words of the project (each holds the books of three
    /// participants); the others were written already.
    event BooksOpened(uint256 indexed projectId, uint256 words);
    /// @notice `participant` paid every installment on which a default was recorded: it has no unpaid
    /// recorded default on the project any more, so its spend approvals count again (B13). The defaults
    /// stay in the breach history.
    event StandingRestored(uint256 indexed projectId, address indexed participant);
    /// @notice The first refund claim fixed the refund pool (the project account's balance then).
    event RefundPoolFixed(uint256 indexed projectId, uint256 pool, uint256 contributed);
    /// @notice `participant` claimed its refund (to its withdrawable balance at the Treasury).
    event RefundClaimed(uint256 indexed projectId, address indexed participant, uint256 amount);
    /// @notice The unspent grant went back to its funder (to its withdrawable balance at the Treasury).
    event GrantReturned(uint256 indexed projectId, address indexed funder, uint256 amount);

    // ------------------------------------------------------------------ actions
    /// @notice A participant pays what is still owed on installment `installment` of an active project
    /// (pulled by the Treasury, which must be approved). Credits what arrived; a short credit stays in
    /// arrears. Installments may be paid early and in any order. Returns what arrived.
    function contribute(uint256 projectId, uint256 installment) external returns (uint256 received);

    /// @notice Anyone, once the project is active: writes the project's books words (one per three
    /// participants, at most 22) once, so that every payment, a participant's first included, updates an
    /// existing word (the first write of a word costs 17,100 gas more than an update). Idempotent: a
    /// word already written (by an earlier call, a payment or a default) is skipped. Changes nothing a
    /// view reports; `contribute` works on books nobody opened. Returns how many words it wrote.
    function openBooks(uint256 projectId) external returns (uint256 words);

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
    /// money: floor(pool x paid / contributed); the claim that completes the refunds (the claimers have
    /// then paid in `contributed` together) takes pool - refunded, i.e. its share plus the dust.
    function claimRefund(uint256 projectId) external returns (uint256 amount);

    /// @notice Anyone: returns a completed or cancelled project's unspent grant money to its funder
    /// (to the funder's withdrawable balance in the Treasury).
    function returnGrant(uint256 projectId) external returns (uint256 amount);

    // ------------------------------------------------------------------ views
    /// @notice The project's ledger (see `ProjectLedger`).
    function ledgerOf(uint256 projectId) external view returns (ProjectLedger memory);

    /// @notice What `participant` has paid into the project in total.
    function contributedBy(uint256 projectId, address participant) external view returns (uint256);

    /// @notice What `participant` has paid on installment `installment` (0 for an unknown one).
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

    /// @notice Whether a default is recorded on `participant`'s installment `installment`.
    function defaultRecorded(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (bool);

    /// @notice The refund `participant` would get by claiming now (0 if it cannot claim).
    function refundableOf(uint256 projectId, address participant) external view returns (uint256);

    /// @notice Whether `participant` claimed its refund.
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

    /// @notice Whether `participant`'s books word is written (by `openBooks`, or by a payment or a
    /// default of it or of a participant sharing its word), so that its next payment is an update.
    function booksOpened(uint256 projectId, address participant) external view returns (bool);
}
