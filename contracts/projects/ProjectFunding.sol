// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";
import {IProjectRegistry, ProjectStatus, Project, DefaultTerms} from "../interfaces/IProjectRegistry.sol";
import {IProjectFunding, ProjectLedger} from "../interfaces/IProjectFunding.sol";

/// @title ProjectFunding
/// @notice Binding contributions (P2) and the project's books: installments paid through the Treasury,
/// arrears anyone can read, contribution defaults anyone can record once the grace period is over, the
/// government grant's deposits (F4), and pro-rata refunds at close.
///
/// Powers and non-powers:
/// - Participants pay their own installments and pull their own refunds; nobody pays or claims for them.
/// - Anyone records a default, but only a fact the chain sees (unpaid after due date + grace), once,
///   with the penalty fixed at activation; also after the project closed, for an installment that fell
///   due by the close, so that closing a project never erases a participant's arrears (P2). Anyone
///   returns unspent grant money, only to the funder.
/// - The grant funder deposits, up to the proposed grant; it cannot withdraw a deposit before close.
/// - No role (council, secretariat, supervisor) has a function here: nobody can move project money
///   except by the rules above and by `ProjectSpending`'s approved spends.
///
/// Refund rounding rule: the pool is the project account's balance at the first claim after close
/// (nothing else can move it then). A payer's refund is floor(pool x paid / contributed); the claim
/// that brings what the claimers paid in to `contributed` (the last payer's) receives pool - refunded
/// instead, i.e. its floor share plus the dust (< number of payers wei). Refunds sum exactly to the pool.
///
/// Standing for spend approvals (B13): the ledger keeps a bitmap of the participants (by position in
/// the participant list, at most 64) with an unpaid recorded default: set by `recordDefault`, cleared
/// (`StandingRestored`) by the payment that completes the last installment in default. `ProjectSpending`
/// reads it at execution, with the paid-in total, in one call (`approvalBaseOf`).
///
/// Invariant I3 (per project): contributed - ProjectSpending.projectSpent - ledger.refunded ==
/// Treasury.projectBalance, where contributed is the project account's `credited` tally (only
/// `contribute` credits it); and contributed == the sum of contributedBy over the participants.
///
/// Storage and gas (lean records): a participant's books are 73 bits — bitmaps of the installments paid
/// in full, paid in part and recorded as defaults, and whether it claimed its refund — three
/// participants to a word (`_books`, keyed by position / 3). Its terms (cost due, number of
/// installments) are read from the registry with the project's status in the one call every payment
/// makes anyway (`participantTermsOf`), so nothing is cached. A payment reads that call, one books word
/// and updates it; a books word is written for the first time by `openBooks` (anyone, once per project,
/// one word per three participants) or else by the first payment or default in it. An amount is stored
/// per installment only when it differs from the installment's amount (a fee-on-transfer token, M3).
/// What a participant contributed is the sum over its at most 24 installments. The project's paid-in
/// total is the Treasury's `credited` tally, so a payment writes no project-wide word here. The
/// reentrancy guard is transient (EIP-1153; the suite targets cancun).
contract ProjectFunding is AccessManaged, ReentrancyGuardTransient, IProjectFunding {
    using SafeCast for uint256;

    uint256 internal constant BPS = 10_000;
    /// @dev Participants per books word, and the bits of one participant's books in it.
    uint256 internal constant LANES = 3;
    uint256 internal constant LANE_BITS = 85;
    /// @dev Fields of a participant's books, by bit offset inside its lane: 24-bit bitmaps (one bit per
    /// installment; the registry allows at most 24) and the refund flag.
    uint256 internal constant PAID_IN_FULL = 0;
    uint256 internal constant PART_PAID = 24;
    uint256 internal constant DEFAULTED = 48;
    uint256 internal constant REFUND_CLAIMED = 72;
    uint256 internal constant BITMAP = 0xffffff;
    /// @dev The bit `openBooks` sets in a word no payment or default has written yet (above the lanes).
    uint256 internal constant OPENED = 1 << 255;

    /// @dev The project's ledger as stored: three slots. Every amount is bounded by the Treasury's
    /// uint128 project and grant accounts, which every one of them went through. `refundClaims` counts
    /// participants (at most 64). Slot 0 holds the bitmap of participants with an unpaid recorded
    /// default, so the spend module reads it in one SLOAD.
    struct Ledger {
        uint64 unpaidDefaulters;
        bool refundPoolSet;
        uint16 refundClaims;
        uint128 grantReceived;
        uint128 refunded;
        uint128 refundPool;
        uint128 refundedPaid;
        uint128 grantReturned;
    }

    /// @dev A participant's place in the books and its terms, from `participantTermsOf`.
    struct Terms {
        ProjectStatus status;
        bool participates;
        uint8 index;
        uint8 installments;
        uint256 costDue;
    }

    /// @notice The ProjectRegistry (statuses, participants, terms).
    IProjectRegistry public immutable REGISTRY;
    /// @notice The Treasury (the project and grant accounts).
    ITreasury public immutable TREASURY;
    /// @notice The breach history that records contribution defaults.
    IBreachRecorder public immutable BREACH_RECORDER;

    mapping(uint256 projectId => Ledger) private _ledgers;
    /// @dev Word w holds the books of the participants at positions 3w, 3w + 1, 3w + 2 (lane i at bit 85 i).
    mapping(uint256 projectId => mapping(uint256 word => uint256 books)) private _books;
    mapping(uint256 projectId => mapping(address participant => mapping(uint256 installment => uint256)))
        private _partPaid;

    constructor(
        address authority_,
        IProjectRegistry registry_,
        ITreasury treasury_,
        IBreachRecorder breachRecorder_
    ) AccessManaged(authority_) {
        if (
            authority_ == address(0) ||
            address(registry_) == address(0) ||
            address(treasury_) == address(0) ||
            address(breachRecorder_) == address(0)
        ) revert ProjectFundingZeroAddress();
        REGISTRY = registry_;
        TREASURY = treasury_;
        BREACH_RECORDER = breachRecorder_;
    }

    // ------------------------------------------------------------------ contributions
    /// @inheritdoc IProjectFunding
    function contribute(
        uint256 projectId,
        uint256 installment
    ) external nonReentrant returns (uint256 received) {
        Terms memory t = _terms(projectId, msg.sender);
        if (t.status != ProjectStatus.Active)
            revert ProjectFundingUnexpectedStatus(projectId, t.status, _bit(ProjectStatus.Active));
        if (!t.participates) revert ProjectFundingNotParticipant(projectId, msg.sender);
        if (installment >= t.installments)
            revert ProjectFundingUnknownInstallment(projectId, installment, t.installments);
        uint256 amount = _amountOf(t, installment);
        uint256 paid = _paidOf(projectId, msg.sender, _laneOf(projectId, t.index), installment, amount);
        if (paid >= amount) revert ProjectFundingNothingOwed(projectId, msg.sender, installment);
        // The credit is what arrived, known only after the pull: the Treasury is the suite's own vault
        // and this call is nonReentrant, so recording after the call is safe.
        received = TREASURY.fundProject(projectId, msg.sender, amount - paid);
        uint256 lane = _recordPayment(projectId, t.index, installment, amount, paid + received);
        emit ContributionPaid(projectId, msg.sender, installment, amount - paid, received);
        // B13: this payment completed an installment in default and none is left unpaid: standing restored.
        uint256 defaulted = (lane >> DEFAULTED) & BITMAP;
        if ((defaulted >> installment) & 1 != 0 && defaulted & ~(lane >> PAID_IN_FULL) & BITMAP == 0) {
            _ledgers[projectId].unpaidDefaulters &= ~(uint64(1) << t.index);
            emit StandingRestored(projectId, msg.sender);
        }
    }

    /// @inheritdoc IProjectFunding
    function openBooks(uint256 projectId) external returns (uint256 words) {
        Project memory pr = REGISTRY.projectOf(projectId);
        if (pr.status != ProjectStatus.Active)
            revert ProjectFundingUnexpectedStatus(projectId, pr.status, _bit(ProjectStatus.Active));
        uint256 count = (uint256(pr.participantCount) + LANES - 1) / LANES;
        mapping(uint256 word => uint256 books) storage all = _books[projectId];
        // Bounded by MAX_PARTICIPANTS (64) / 3: at most 22 words, each written once.
        for (uint256 w = 0; w < count; ++w) {
            if (all[w] != 0) continue;
            all[w] = OPENED;
            ++words;
        }
        if (words != 0) emit BooksOpened(projectId, words);
    }

    /// @inheritdoc IProjectFunding
    function recordDefault(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external nonReentrant returns (uint256 historyEntryId) {
        DefaultTerms memory d = REGISTRY.defaultTermsOf(projectId, participant, installment);
        uint256 missed = _markDefault(projectId, participant, installment, d);
        uint256 penalty = (missed * d.latePenaltyBps) / BPS;
        historyEntryId = BREACH_RECORDER.recordDefault(
            DefaultKind.LateContribution,
            participant,
            d.agreementId,
            d.contributionClauseId,
            projectId,
            installment,
            missed,
            penalty
        );
        // Emitted after the call because it carries the history entry id the recorder assigned.
        emit ContributionDefaultRecorded(
            projectId,
            participant,
            installment,
            missed,
            penalty,
            historyEntryId
        );
    }

    // ------------------------------------------------------------------ grant
    /// @inheritdoc IProjectFunding
    function depositGrant(
        uint256 projectId,
        uint256 amount
    ) external nonReentrant returns (uint256 received) {
        Project memory pr = _project(projectId, _bit(ProjectStatus.Approved) | _bit(ProjectStatus.Active));
        if (msg.sender != pr.grantFunder || pr.grantAmount == 0)
            revert ProjectFundingNotFunder(projectId, msg.sender);
        if (amount == 0) revert ProjectFundingZeroAmount();
        Ledger storage ledger = _ledgers[projectId];
        uint256 remaining = pr.grantAmount - ledger.grantReceived;
        if (amount > remaining) revert ProjectFundingGrantAboveRemaining(projectId, remaining, amount);
        // Credited after the pull for the same reason as in `contribute`.
        received = TREASURY.depositGrant(projectId, msg.sender, amount);
        ledger.grantReceived += received.toUint128();
        emit ProjectGrantDeposited(projectId, msg.sender, amount, received);
    }

    /// @inheritdoc IProjectFunding
    function returnGrant(uint256 projectId) external nonReentrant returns (uint256 amount) {
        Project memory pr = _project(
            projectId,
            _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled)
        );
        amount = TREASURY.grantBalance(projectId);
        if (amount == 0) revert ProjectFundingNoGrantToReturn(projectId);
        _ledgers[projectId].grantReturned += amount.toUint128();
        emit GrantReturned(projectId, pr.grantFunder, amount);
        TREASURY.refundFromGrant(projectId, pr.grantFunder, amount);
    }

    // ------------------------------------------------------------------ refunds
    /// @inheritdoc IProjectFunding
    function claimRefund(uint256 projectId) external nonReentrant returns (uint256 amount) {
        Terms memory t = _terms(projectId, msg.sender);
        uint256 closed = _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled);
        if (_bit(t.status) & closed == 0) revert ProjectFundingUnexpectedStatus(projectId, t.status, closed);
        (uint256 word, uint256 shift) = _wordOf(t.index);
        uint256 books = _books[projectId][word];
        uint256 lane = books >> shift;
        uint256 paid = t.participates ? _contributedOf(projectId, msg.sender, t, lane) : 0;
        if (paid == 0 || (lane >> REFUND_CLAIMED) & 1 != 0)
            revert ProjectFundingNothingToRefund(projectId, msg.sender);
        Ledger storage ledger = _ledgers[projectId];
        uint256 contributed = _contributed(projectId);
        if (!ledger.refundPoolSet) {
            ledger.refundPoolSet = true;
            ledger.refundPool = TREASURY.projectBalance(projectId).toUint128();
            emit RefundPoolFixed(projectId, ledger.refundPool, contributed);
        }
        amount = _refundShare(_view(ledger, contributed), paid);
        _books[projectId][word] = books | (uint256(1) << (REFUND_CLAIMED + shift));
        ++ledger.refundClaims;
        ledger.refunded += amount.toUint128();
        ledger.refundedPaid += paid.toUint128();
        emit RefundClaimed(projectId, msg.sender, amount);
        if (amount != 0) TREASURY.refundFromProject(projectId, msg.sender, amount);
    }

    // ------------------------------------------------------------------ views
    /// @inheritdoc IProjectFunding
    function ledgerOf(uint256 projectId) external view returns (ProjectLedger memory) {
        return _view(_ledgers[projectId], _contributed(projectId));
    }

    /// @inheritdoc IProjectFunding
    function contributedBy(uint256 projectId, address participant) public view returns (uint256) {
        Terms memory t = _terms(projectId, participant);
        if (!t.participates) return 0;
        return _contributedOf(projectId, participant, t, _laneOf(projectId, t.index));
    }

    /// @inheritdoc IProjectFunding
    function paidOn(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (uint256) {
        Terms memory t = _terms(projectId, participant);
        if (!t.participates || installment >= t.installments) return 0;
        uint256 lane = _laneOf(projectId, t.index);
        return _paidOf(projectId, participant, lane, installment, _amountOf(t, installment));
    }

    /// @inheritdoc IProjectFunding
    function arrearsOf(uint256 projectId, address participant) external view returns (uint256 arrears) {
        Terms memory t = _terms(projectId, participant);
        if (!t.participates) return 0;
        uint256 until = block.timestamp;
        if (t.status != ProjectStatus.Active) {
            if (t.status != ProjectStatus.Completed && t.status != ProjectStatus.Cancelled) return 0;
            Project memory pr = REGISTRY.projectOf(projectId);
            if (pr.activatedAt == 0) return 0;
            // A closed project: what fell due by the close stays owed.
            until = pr.closedAt;
        }
        uint48[] memory dates = REGISTRY.installmentDueDatesOf(projectId);
        uint256 lane = _laneOf(projectId, t.index);
        // Bounded by ProjectRegistry.MAX_INSTALLMENTS (24); a view, not a user action.
        for (uint256 i = 0; i < dates.length && dates[i] <= until; ++i) {
            uint256 amount = _amountOf(t, i);
            uint256 paid = _paidOf(projectId, participant, lane, i, amount);
            if (paid < amount) arrears += amount - paid;
        }
    }

    /// @inheritdoc IProjectFunding
    function defaultRecorded(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (bool) {
        Terms memory t = _terms(projectId, participant);
        if (!t.participates || installment >= t.installments) return false;
        return (_laneOf(projectId, t.index) >> DEFAULTED) & (1 << installment) != 0;
    }

    /// @inheritdoc IProjectFunding
    function refundableOf(uint256 projectId, address participant) external view returns (uint256) {
        Terms memory t = _terms(projectId, participant);
        if (t.status != ProjectStatus.Completed && t.status != ProjectStatus.Cancelled) return 0;
        if (!t.participates) return 0;
        uint256 lane = _laneOf(projectId, t.index);
        uint256 paid = _contributedOf(projectId, participant, t, lane);
        if (paid == 0 || (lane >> REFUND_CLAIMED) & 1 != 0) return 0;
        ProjectLedger memory ledger = _view(_ledgers[projectId], _contributed(projectId));
        if (!ledger.refundPoolSet) ledger.refundPool = TREASURY.projectBalance(projectId);
        return _refundShare(ledger, paid);
    }

    /// @inheritdoc IProjectFunding
    function refundClaimed(uint256 projectId, address participant) external view returns (bool) {
        Terms memory t = _terms(projectId, participant);
        return t.participates && (_laneOf(projectId, t.index) >> REFUND_CLAIMED) & 1 != 0;
    }

    /// @inheritdoc IProjectFunding
    function standingOf(
        uint256 projectId,
        address account
    ) external view returns (uint256 paid, bool unpaidDefault) {
        Terms memory t = _terms(projectId, account);
        if (!t.participates) return (0, false);
        uint256 lane = _laneOf(projectId, t.index);
        paid = _contributedOf(projectId, account, t, lane);
        unpaidDefault = (lane >> DEFAULTED) & ~(lane >> PAID_IN_FULL) & BITMAP != 0;
    }

    /// @inheritdoc IProjectFunding
    function approvalBaseOf(
        uint256 projectId,
        address payee
    ) external view returns (uint256 contributed, uint256 payeePaid, uint64 unpaidDefaulters) {
        contributed = _contributed(projectId);
        unpaidDefaulters = _ledgers[projectId].unpaidDefaulters;
        payeePaid = contributedBy(projectId, payee);
    }

    /// @inheritdoc IProjectFunding
    function booksOpened(uint256 projectId, address participant) external view returns (bool) {
        Terms memory t = _terms(projectId, participant);
        if (!t.participates) return false;
        (uint256 word, ) = _wordOf(t.index);
        return _books[projectId][word] != 0;
    }

    // ------------------------------------------------------------------ internals
    /// @dev Records that the caller, at position `index`, has now paid `newPaid` (<= `amount`) on
    /// `installment`: the paid-in-full bit, and the amount itself when it differs from the installment's
    /// (M3). Returns its books after the payment.
    function _recordPayment(
        uint256 projectId,
        uint256 index,
        uint256 installment,
        uint256 amount,
        uint256 newPaid
    ) internal returns (uint256 lane) {
        (uint256 word, uint256 shift) = _wordOf(index);
        uint256 books = _books[projectId][word];
        lane = books >> shift;
        uint256 bit = 1 << installment;
        uint256 set;
        if (newPaid >= amount) set = bit << PAID_IN_FULL;
        if (newPaid != amount || (lane >> PART_PAID) & bit != 0) {
            _partPaid[projectId][msg.sender][installment] = newPaid;
            set |= bit << PART_PAID;
        }
        _books[projectId][word] = books | (set << shift);
        lane |= set;
    }

    /// @dev Checks that `participant`'s default on `installment` may be recorded now, marks it in its
    /// books and in the unpaid-defaulters bitmap (B13), and returns what it missed.
    function _markDefault(
        uint256 projectId,
        address participant,
        uint256 installment,
        DefaultTerms memory d
    ) internal returns (uint256 missed) {
        // P2: a closed project's arrears stay owed (see the close date below).
        uint256 open =
            _bit(ProjectStatus.Active) | _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled);
        if (_bit(d.status) & open == 0) revert ProjectFundingUnexpectedStatus(projectId, d.status, open);
        if (d.activatedAt == 0) revert ProjectFundingNeverActivated(projectId);
        if (!d.participates) revert ProjectFundingNotParticipant(projectId, participant);
        if (installment >= d.installments)
            revert ProjectFundingUnknownInstallment(projectId, installment, d.installments);
        // closedAt is 0 while the project is active.
        if (d.closedAt != 0 && d.dueDate > d.closedAt)
            revert ProjectFundingDueAfterClose(projectId, installment, d.dueDate, d.closedAt);
        uint256 graceEndsAt = uint256(d.dueDate) + d.gracePeriod;
        if (block.timestamp <= graceEndsAt)
            revert ProjectFundingGracePeriodRunning(projectId, participant, installment, graceEndsAt);
        (uint256 word, uint256 shift) = _wordOf(d.index);
        uint256 books = _books[projectId][word];
        uint256 lane = books >> shift;
        uint256 paid = _paidOf(projectId, participant, lane, installment, d.amount);
        if (paid >= d.amount) revert ProjectFundingNothingOwed(projectId, participant, installment);
        uint256 bit = 1 << installment;
        if ((lane >> DEFAULTED) & bit != 0)
            revert ProjectFundingDefaultAlreadyRecorded(projectId, participant, installment);
        _books[projectId][word] = books | (bit << (DEFAULTED + shift));
        _ledgers[projectId].unpaidDefaulters |= uint64(1) << d.index;
        missed = d.amount - paid;
    }

    /// @dev `_requireStatus` on the registry's header, then the header.
    function _project(uint256 projectId, uint256 expectedMask) internal view returns (Project memory pr) {
        pr = REGISTRY.projectOf(projectId);
        if (_bit(pr.status) & expectedMask == 0)
            revert ProjectFundingUnexpectedStatus(projectId, pr.status, expectedMask);
    }

    function _bit(ProjectStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }

    /// @dev The project's status and `account`'s terms, in one registry call.
    function _terms(uint256 projectId, address account) internal view returns (Terms memory t) {
        (t.status, t.participates, t.index, t.installments, t.costDue) = REGISTRY.participantTermsOf(
            projectId,
            account
        );
    }

    /// @dev The books word of the participant at position `index`, and its lane's bit offset there.
    function _wordOf(uint256 index) internal pure returns (uint256 word, uint256 shift) {
        return (index / LANES, (index % LANES) * LANE_BITS);
    }

    /// @dev The books of the participant at position `index` (its lane, shifted to bit 0; the bits above
    /// its 85 belong to other lanes and are masked by every reader).
    function _laneOf(uint256 projectId, uint256 index) internal view returns (uint256) {
        (uint256 word, uint256 shift) = _wordOf(index);
        return _books[projectId][word] >> shift;
    }

    /// @dev Installment `installment`'s amount: floor(costDue / n), the last one plus the remainder
    /// (the registry's split, `installmentOf`). `installment` < n.
    function _amountOf(Terms memory t, uint256 installment) internal pure returns (uint256) {
        uint256 n = t.installments;
        uint256 each = t.costDue / n;
        return installment + 1 == n ? t.costDue - each * (n - 1) : each;
    }

    /// @dev What was paid on `installment`: the stored amount if it differs from `amount`, else
    /// `amount` if paid in full, else 0. `installment` < 24.
    function _paidOf(
        uint256 projectId,
        address participant,
        uint256 lane,
        uint256 installment,
        uint256 amount
    ) internal view returns (uint256) {
        uint256 bit = 1 << installment;
        if ((lane >> PART_PAID) & bit != 0) return _partPaid[projectId][participant][installment];
        return (lane >> PAID_IN_FULL) & bit != 0 ? amount : 0;
    }

    /// @dev What `participant` contributed: the sum of what it paid on each installment (at most 24).
    function _contributedOf(
        uint256 projectId,
        address participant,
        Terms memory t,
        uint256 lane
    ) internal view returns (uint256 total) {
        uint256 any = ((lane >> PAID_IN_FULL) | (lane >> PART_PAID)) & BITMAP;
        for (uint256 i = 0; any >> i != 0; ++i) {
            if ((any >> i) & 1 == 1) total += _paidOf(projectId, participant, lane, i, _amountOf(t, i));
        }
    }

    /// @dev What arrived from the participants: the project account's `credited` tally, which only
    /// `contribute` credits (the Treasury counts it; this contract keeps no copy).
    function _contributed(uint256 projectId) internal view returns (uint256) {
        return TREASURY.projectAccountOf(projectId).credited;
    }

    /// @dev The stored ledger as the interface's struct.
    function _view(Ledger storage stored, uint256 contributed) internal view returns (ProjectLedger memory) {
        return
            ProjectLedger({
                contributed: contributed,
                refunded: stored.refunded,
                refundPool: stored.refundPool,
                refundedPaid: stored.refundedPaid,
                refundClaims: stored.refundClaims,
                refundPoolSet: stored.refundPoolSet,
                grantReceived: stored.grantReceived,
                grantReturned: stored.grantReturned
            });
    }

    /// @dev The refund rounding rule (see the contract's NatSpec).
    function _refundShare(ProjectLedger memory ledger, uint256 paid) internal pure returns (uint256) {
        // The claim that completes the claimers' paid-in sum is the last one: it takes what is left,
        // its floor share plus the rounding dust.
        if (ledger.refundedPaid + paid == ledger.contributed) return ledger.refundPool - ledger.refunded;
        return Math.mulDiv(ledger.refundPool, paid, ledger.contributed);
    }
}
