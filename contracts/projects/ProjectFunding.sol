// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";
import {IProjectRegistry, ProjectStatus, Project} from "../interfaces/IProjectRegistry.sol";
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
/// (nothing else can move it then). A payer's refund is floor(pool x paid / contributed); the payer whose
/// claim is the last one (claims == payers) receives pool - refunded instead, i.e. its floor share plus
/// the dust (< number of payers wei). Refunds therefore sum exactly to the pool.
///
/// Standing for spend approvals (B13): the ledger keeps a bitmap of the participants (by position in
/// the participant list, at most 64) with an unpaid recorded default: set by `recordDefault`, cleared
/// (`StandingRestored`) by the payment that completes the last installment in default. `ProjectSpending`
/// reads it at execution, with the paid-in total, in one call (`approvalBaseOf`).
///
/// Invariant I3 (per project): ledger.contributed - ProjectSpending.projectSpent - ledger.refunded ==
/// Treasury.projectBalance; and ledger.contributed == the sum of contributedBy over the participants.
///
/// Storage and gas (P2; bench cap: `contribute` <= 90,000 gas): a participant's books are one slot
/// (`Books`): the installment terms, cached from the registry (they are fixed once the project is
/// proposed) by `openBooks` for every participant once the project is active, or else at the
/// participant's own first payment, and bitmaps of the installments paid in full, paid in part and
/// recorded as defaults. A payment on open
/// books (every payment once `openBooks` ran; otherwise every one after the participant's first)
/// therefore reads one status from the registry and updates two existing slots here (the
/// participant's books and the project's ledger); an amount is stored per installment only when it
/// differs from the installment's amount (a fee-on-transfer token, M3). What a participant
/// contributed is the sum over its at most MAX_INSTALLMENTS (24) installments. The reentrancy guard
/// is transient (EIP-1153; the suite targets cancun).
contract ProjectFunding is AccessManaged, ReentrancyGuardTransient, IProjectFunding {
    using SafeCast for uint256;

    uint256 internal constant BPS = 10_000;
    /// @dev The bitmaps below have one bit per installment; the registry allows at most 24.
    uint256 internal constant MAX_INSTALLMENTS = 24;

    /// @dev A participant's books on one project, held in memory; stored as one word (`_pack`, 232 bits,
    /// the fields from the lowest bits up in this order, i.e. Solidity's own packing of this struct),
    /// read with one SLOAD and written with one SSTORE (a struct copy costs one per field).
    struct Books {
        /// floor(costDue / n): every installment but the last (cached by openBooks or the first payment).
        uint128 each;
        /// The last installment minus `each`, i.e. costDue mod n (< n <= 24).
        uint8 lastExtra;
        /// The number of installments n; 0 while the terms are not cached.
        uint8 installments;
        /// Bit i: installment i is paid in full (paid >= its amount).
        uint24 paidInFull;
        /// Bit i: what was paid on installment i is in `_partPaid` (it differs from the amount).
        uint24 partPaid;
        /// Bit i: a default on installment i is recorded.
        uint24 defaulted;
        /// Something arrived from this participant (it counts in `payers`).
        bool paidAny;
        bool refundClaimed;
    }

    /// @dev The project's ledger as stored: three slots. Every amount is bounded by the Treasury's
    /// uint128 project and grant accounts, which every one of them went through. `payers` and
    /// `refundClaims` count participants (at most 64). Slot 0 also holds the bitmap of participants with
    /// an unpaid recorded default, so the spend module reads it with the paid-in total in one SLOAD.
    struct Ledger {
        uint128 contributed;
        uint16 payers;
        uint16 refundClaims;
        bool refundPoolSet;
        uint64 unpaidDefaulters;
        uint128 refunded;
        uint128 refundPool;
        uint128 grantReceived;
        uint128 grantReturned;
    }

    IProjectRegistry public immutable REGISTRY;
    ITreasury public immutable TREASURY;
    IBreachRecorder public immutable BREACH_RECORDER;

    mapping(uint256 projectId => Ledger) private _ledgers;
    mapping(uint256 projectId => mapping(address participant => uint256 packedBooks)) private _books;
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
        _requireStatus(projectId, _bit(ProjectStatus.Active));
        Books memory b = _booksWithTerms(projectId, msg.sender, installment);
        uint256 amount = _amountOf(b, installment);
        uint256 paid = _paidOf(projectId, msg.sender, b, installment, amount);
        if (paid >= amount) revert ProjectFundingNothingOwed(projectId, msg.sender, installment);
        uint256 owed = amount - paid;
        // The credit is what arrived, known only after the pull: the Treasury is the suite's own vault
        // and this call is nonReentrant, so crediting after the call is safe.
        received = TREASURY.fundProject(projectId, msg.sender, owed);
        uint256 newPaid = paid + received;
        uint24 mask = _installmentBit(installment);
        if (newPaid >= amount) b.paidInFull |= mask;
        if (newPaid != amount || b.partPaid & mask != 0) {
            _partPaid[projectId][msg.sender][installment] = newPaid;
            b.partPaid |= mask;
        }
        Ledger storage ledger = _ledgers[projectId];
        if (!b.paidAny && received != 0) {
            b.paidAny = true;
            ++ledger.payers;
        }
        _books[projectId][msg.sender] = _pack(b);
        ledger.contributed += received.toUint128();
        emit ContributionPaid(projectId, msg.sender, installment, owed, received);
        // B13: this payment completed an installment in default and none is left unpaid: standing restored.
        // Only on that path is the participant's position read (one registry call).
        if (b.defaulted & mask != 0 && b.defaulted & ~b.paidInFull == 0) {
            (, , uint8 index) = REGISTRY.participantIndexOf(projectId, msg.sender);
            ledger.unpaidDefaulters &= ~(uint64(1) << index);
            emit StandingRestored(projectId, msg.sender);
        }
    }

    /// @inheritdoc IProjectFunding
    function openBooks(uint256 projectId, uint256 from, uint256 count) external returns (uint256 opened) {
        _requireStatus(projectId, _bit(ProjectStatus.Active));
        address[] memory participants = REGISTRY.participantsOf(projectId);
        uint256 total = participants.length;
        if (count == 0 || from >= total) revert ProjectFundingInvalidPage(projectId, from, count, total);
        // from < total, so total - from does not underflow, and the page ends at the list's end at most.
        uint256 to = count < total - from ? from + count : total;
        uint256 n = REGISTRY.installmentDueDatesOf(projectId).length;
        // Bounded by ProjectRegistry.MAX_PARTICIPANTS (64): one slot written per participant, once.
        for (uint256 i = from; i < to; ++i) {
            address participant = participants[i];
            Books memory b = _loadBooks(projectId, participant);
            if (b.installments != 0) continue;
            _cacheTerms(projectId, participant, n, b);
            _books[projectId][participant] = _pack(b);
            ++opened;
        }
        if (opened != 0) emit BooksOpened(projectId, from, to, opened);
    }

    /// @inheritdoc IProjectFunding
    function recordDefault(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external nonReentrant returns (uint256 historyEntryId) {
        // P2: a closed project's arrears stay owed (see `_missedAfterGrace` for the close date).
        Project memory pr = _project(
            projectId,
            _bit(ProjectStatus.Active) | _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled)
        );
        if (pr.activatedAt == 0) revert ProjectFundingNeverActivated(projectId);
        Books memory b = _loadBooks(projectId, participant);
        (uint256 missed, uint8 index) = _missedAfterGrace(projectId, participant, installment, pr, b);
        uint24 mask = _installmentBit(installment);
        if (b.defaulted & mask != 0)
            revert ProjectFundingDefaultAlreadyRecorded(projectId, participant, installment);
        b.defaulted |= mask;
        _books[projectId][participant] = _pack(b);
        _ledgers[projectId].unpaidDefaulters |= uint64(1) << index;
        uint256 penalty = (missed * pr.latePenaltyBps) / BPS;
        historyEntryId = BREACH_RECORDER.recordDefault(
            DefaultKind.LateContribution,
            participant,
            pr.agreementId,
            pr.contributionClauseId,
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
        _requireStatus(projectId, _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled));
        Books memory b = _loadBooks(projectId, msg.sender);
        uint256 paid = _contributedOf(projectId, msg.sender, b);
        if (paid == 0 || b.refundClaimed) revert ProjectFundingNothingToRefund(projectId, msg.sender);
        Ledger storage ledger = _ledgers[projectId];
        if (!ledger.refundPoolSet) {
            ledger.refundPoolSet = true;
            ledger.refundPool = TREASURY.projectBalance(projectId).toUint128();
            emit RefundPoolFixed(projectId, ledger.refundPool, ledger.contributed);
        }
        amount = _refundShare(_view(ledger), paid);
        b.refundClaimed = true;
        _books[projectId][msg.sender] = _pack(b);
        ++ledger.refundClaims;
        ledger.refunded += amount.toUint128();
        emit RefundClaimed(projectId, msg.sender, amount);
        if (amount != 0) TREASURY.refundFromProject(projectId, msg.sender, amount);
    }

    // ------------------------------------------------------------------ views
    /// @inheritdoc IProjectFunding
    function ledgerOf(uint256 projectId) external view returns (ProjectLedger memory) {
        return _view(_ledgers[projectId]);
    }

    /// @inheritdoc IProjectFunding
    function contributedBy(uint256 projectId, address participant) external view returns (uint256) {
        return _contributedOf(projectId, participant, _loadBooks(projectId, participant));
    }

    /// @inheritdoc IProjectFunding
    function paidOn(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (uint256) {
        Books memory b = _loadBooks(projectId, participant);
        if (installment >= b.installments) return 0;
        return _paidOf(projectId, participant, b, installment, _amountOf(b, installment));
    }

    /// @inheritdoc IProjectFunding
    function arrearsOf(uint256 projectId, address participant) external view returns (uint256 arrears) {
        ProjectStatus status = REGISTRY.projectStatus(projectId);
        uint256 until = block.timestamp;
        if (status != ProjectStatus.Active) {
            if (status != ProjectStatus.Completed && status != ProjectStatus.Cancelled) return 0;
            Project memory pr = REGISTRY.projectOf(projectId);
            if (pr.activatedAt == 0) return 0;
            // A closed project: what fell due by the close stays owed.
            until = pr.closedAt;
        }
        if (!REGISTRY.isParticipant(projectId, participant)) return 0;
        uint48[] memory dates = REGISTRY.installmentDueDatesOf(projectId);
        Books memory b = _loadBooks(projectId, participant);
        // Bounded by ProjectRegistry.MAX_INSTALLMENTS (24); a view, not a user action.
        for (uint256 i = 0; i < dates.length && dates[i] <= until; ++i) {
            (, uint256 amount) = REGISTRY.installmentOf(projectId, participant, i);
            uint256 paid = _paidOf(projectId, participant, b, i, amount);
            if (paid < amount) arrears += amount - paid;
        }
    }

    /// @inheritdoc IProjectFunding
    function defaultRecorded(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (bool) {
        if (installment >= MAX_INSTALLMENTS) return false;
        return _loadBooks(projectId, participant).defaulted & _installmentBit(installment) != 0;
    }

    /// @inheritdoc IProjectFunding
    function refundableOf(uint256 projectId, address participant) external view returns (uint256) {
        ProjectStatus s = REGISTRY.projectStatus(projectId);
        if (s != ProjectStatus.Completed && s != ProjectStatus.Cancelled) return 0;
        Books memory b = _loadBooks(projectId, participant);
        uint256 paid = _contributedOf(projectId, participant, b);
        if (paid == 0 || b.refundClaimed) return 0;
        ProjectLedger memory ledger = _view(_ledgers[projectId]);
        if (!ledger.refundPoolSet) ledger.refundPool = TREASURY.projectBalance(projectId);
        return _refundShare(ledger, paid);
    }

    /// @inheritdoc IProjectFunding
    function refundClaimed(uint256 projectId, address participant) external view returns (bool) {
        return _loadBooks(projectId, participant).refundClaimed;
    }

    /// @inheritdoc IProjectFunding
    function standingOf(
        uint256 projectId,
        address account
    ) external view returns (uint256 paid, bool unpaidDefault) {
        Books memory b = _loadBooks(projectId, account);
        paid = _contributedOf(projectId, account, b);
        unpaidDefault = b.defaulted & ~b.paidInFull != 0;
    }

    /// @inheritdoc IProjectFunding
    function approvalBaseOf(
        uint256 projectId,
        address payee
    ) external view returns (uint256 contributed, uint256 payeePaid, uint64 unpaidDefaulters) {
        Ledger storage ledger = _ledgers[projectId];
        contributed = ledger.contributed;
        unpaidDefaulters = ledger.unpaidDefaulters;
        payeePaid = _contributedOf(projectId, payee, _loadBooks(projectId, payee));
    }

    /// @inheritdoc IProjectFunding
    function booksOpened(uint256 projectId, address participant) external view returns (bool) {
        return _loadBooks(projectId, participant).installments != 0;
    }

    // ------------------------------------------------------------------ internals
    /// @dev The one state check: reverts unless the project's status is in `expectedMask`.
    function _requireStatus(uint256 projectId, uint256 expectedMask) internal view {
        ProjectStatus s = REGISTRY.projectStatus(projectId);
        if (_bit(s) & expectedMask == 0) revert ProjectFundingUnexpectedStatus(projectId, s, expectedMask);
    }

    /// @dev `_requireStatus`, then the project's header.
    function _project(uint256 projectId, uint256 expectedMask) internal view returns (Project memory) {
        _requireStatus(projectId, expectedMask);
        return REGISTRY.projectOf(projectId);
    }

    function _requireParticipant(uint256 projectId, address account) internal view {
        if (!REGISTRY.isParticipant(projectId, account))
            revert ProjectFundingNotParticipant(projectId, account);
    }

    function _bit(ProjectStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }

    /// @dev What `participant` still owes on `installment`, checked to be positive, past the grace period
    /// and, on a closed project, due at or before the close; and the participant's position in the list.
    function _missedAfterGrace(
        uint256 projectId,
        address participant,
        uint256 installment,
        Project memory pr,
        Books memory b
    ) internal view returns (uint256, uint8 index) {
        bool isParticipant;
        (, isParticipant, index) = REGISTRY.participantIndexOf(projectId, participant);
        if (!isParticipant) revert ProjectFundingNotParticipant(projectId, participant);
        (uint48 dueDate, uint256 amount) = REGISTRY.installmentOf(projectId, participant, installment);
        // closedAt is 0 while the project is active.
        if (pr.closedAt != 0 && dueDate > pr.closedAt)
            revert ProjectFundingDueAfterClose(projectId, installment, dueDate, pr.closedAt);
        uint256 graceEndsAt = uint256(dueDate) + pr.gracePeriod;
        if (block.timestamp <= graceEndsAt)
            revert ProjectFundingGracePeriodRunning(projectId, participant, installment, graceEndsAt);
        uint256 paid = _paidOf(projectId, participant, b, installment, amount);
        if (paid >= amount) revert ProjectFundingNothingOwed(projectId, participant, installment);
        return (amount - paid, index);
    }

    /// @dev `account`'s books with the installment terms cached: when nobody opened them (`openBooks`)
    /// and it has not paid yet, it checks participation and caches the terms (`_cacheTerms`). Reverts
    /// (with the registry's error) for an installment index >= n.
    function _booksWithTerms(
        uint256 projectId,
        address account,
        uint256 installment
    ) internal view returns (Books memory b) {
        b = _loadBooks(projectId, account);
        if (b.installments == 0) {
            _requireParticipant(projectId, account);
            _cacheTerms(projectId, account, REGISTRY.installmentDueDatesOf(projectId).length, b);
        }
        // The registry's own check and error for an unknown index.
        if (installment >= b.installments) REGISTRY.installmentOf(projectId, account, installment);
    }

    /// @dev Sets participant `account`'s installment terms in `b` from the registry (fixed since the
    /// proposal): `n` installments, the first (every one but the last) and the last one's remainder.
    /// The one place both `openBooks` and the first payment take them from.
    function _cacheTerms(uint256 projectId, address account, uint256 n, Books memory b) internal view {
        (, uint256 first) = REGISTRY.installmentOf(projectId, account, 0);
        (, uint256 last) = REGISTRY.installmentOf(projectId, account, n - 1);
        // The registry keeps 1 <= n <= 24 and last - first == costDue mod n < n (or 0 when n == 1).
        b.each = first.toUint128();
        b.lastExtra = (last - first).toUint8();
        b.installments = n.toUint8();
    }

    function _loadBooks(uint256 projectId, address participant) internal view returns (Books memory) {
        return _unpack(_books[projectId][participant]);
    }

    /// @dev `b` as one word: each | lastExtra << 128 | installments << 136 | paidInFull << 144 |
    /// partPaid << 168 | defaulted << 192 | paidAny << 216 | refundClaimed << 224.
    function _pack(Books memory b) internal pure returns (uint256) {
        return
            uint256(b.each) |
            (uint256(b.lastExtra) << 128) |
            (uint256(b.installments) << 136) |
            (uint256(b.paidInFull) << 144) |
            (uint256(b.partPaid) << 168) |
            (uint256(b.defaulted) << 192) |
            (b.paidAny ? 1 << 216 : 0) |
            (b.refundClaimed ? 1 << 224 : 0);
    }

    /// @dev The inverse of `_pack`.
    function _unpack(uint256 word) internal pure returns (Books memory b) {
        // Each narrowing cast keeps exactly the field's bits as `_pack` placed them.
        b.each = uint128(word);
        b.lastExtra = uint8(word >> 128);
        b.installments = uint8(word >> 136);
        b.paidInFull = uint24(word >> 144);
        b.partPaid = uint24(word >> 168);
        b.defaulted = uint24(word >> 192);
        b.paidAny = uint8(word >> 216) != 0;
        b.refundClaimed = uint8(word >> 224) != 0;
    }

    /// @dev Installment `installment`'s amount from cached terms (`installment` < n).
    function _amountOf(Books memory b, uint256 installment) internal pure returns (uint256) {
        return installment + 1 == b.installments ? uint256(b.each) + b.lastExtra : b.each;
    }

    /// @dev What was paid on `installment`: the stored amount if it differs from `amount`, else
    /// `amount` if paid in full, else 0. `installment` < MAX_INSTALLMENTS.
    function _paidOf(
        uint256 projectId,
        address participant,
        Books memory b,
        uint256 installment,
        uint256 amount
    ) internal view returns (uint256) {
        uint24 mask = _installmentBit(installment);
        if (b.partPaid & mask != 0) return _partPaid[projectId][participant][installment];
        return b.paidInFull & mask != 0 ? amount : 0;
    }

    /// @dev What `participant` contributed: the sum of what it paid on each installment (at most 24).
    function _contributedOf(
        uint256 projectId,
        address participant,
        Books memory b
    ) internal view returns (uint256 total) {
        uint256 any = uint256(b.paidInFull) | b.partPaid;
        for (uint256 i = 0; any >> i != 0; ++i) {
            if ((any >> i) & 1 == 1) total += _paidOf(projectId, participant, b, i, _amountOf(b, i));
        }
    }

    /// @dev The bit of `installment` in a Books bitmap; the registry keeps indexes below 24.
    function _installmentBit(uint256 installment) internal pure returns (uint24) {
        // Narrowing is safe: installment < MAX_INSTALLMENTS (24), so the bit fits in 24 bits.
        return uint24(1 << installment);
    }

    /// @dev The stored ledger as the interface's struct.
    function _view(Ledger storage stored) internal view returns (ProjectLedger memory) {
        return
            ProjectLedger({
                contributed: stored.contributed,
                refunded: stored.refunded,
                refundPool: stored.refundPool,
                payers: stored.payers,
                refundClaims: stored.refundClaims,
                refundPoolSet: stored.refundPoolSet,
                grantReceived: stored.grantReceived,
                grantReturned: stored.grantReturned
            });
    }

    /// @dev The refund rounding rule (see the contract's NatSpec).
    function _refundShare(ProjectLedger memory ledger, uint256 paid) internal pure returns (uint256) {
        // The last payer to claim takes what is left: its floor share plus the rounding dust.
        if (ledger.refundClaims + 1 == ledger.payers) return ledger.refundPool - ledger.refunded;
        return Math.mulDiv(ledger.refundPool, paid, ledger.contributed);
    }
}
