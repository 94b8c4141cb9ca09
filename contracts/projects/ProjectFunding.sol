// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
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
///   with the penalty fixed at activation; anyone returns unspent grant money, only to the funder.
/// - The grant funder deposits, up to the proposed grant; it cannot withdraw a deposit before close.
/// - No role (council, secretariat, supervisor) has a function here: nobody can move project money
///   except by the rules above and by `ProjectSpending`'s approved spends.
///
/// Refund rounding rule: the pool is the project account's balance at the first claim after close
/// (nothing else can move it then). A payer's refund is floor(pool x paid / contributed); the payer whose
/// claim is the last one (claims == payers) receives pool - refunded instead, i.e. its floor share plus
/// the dust (< number of payers wei). Refunds therefore sum exactly to the pool.
///
/// Invariant I3 (per project): ledger.contributed - ProjectSpending.projectSpent - ledger.refunded ==
/// Treasury.projectBalance.
contract ProjectFunding is AccessManaged, ReentrancyGuardTransient, IProjectFunding {
    uint256 internal constant BPS = 10_000;

    IProjectRegistry public immutable REGISTRY;
    ITreasury public immutable TREASURY;
    IBreachRecorder public immutable BREACH_RECORDER;

    mapping(uint256 projectId => ProjectLedger) private _ledgers;
    mapping(uint256 projectId => mapping(address participant => uint256)) private _contributed;
    mapping(uint256 projectId => mapping(address participant => mapping(uint256 installment => uint256)))
        private _paid;
    mapping(uint256 projectId => mapping(address participant => mapping(uint256 installment => bool)))
        private _defaults;
    mapping(uint256 projectId => mapping(address participant => bool)) private _refundClaimed;

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
        _requireParticipant(projectId, msg.sender);
        (, uint256 amount) = REGISTRY.installmentOf(projectId, msg.sender, installment);
        uint256 paid = _paid[projectId][msg.sender][installment];
        if (paid >= amount) revert ProjectFundingNothingOwed(projectId, msg.sender, installment);
        uint256 owed = amount - paid;
        // The credit is what arrived, known only after the pull: the Treasury is the suite's own vault
        // and this call is nonReentrant, so crediting after the call is safe.
        received = TREASURY.fundProject(projectId, msg.sender, owed);
        _paid[projectId][msg.sender][installment] = paid + received;
        ProjectLedger storage ledger = _ledgers[projectId];
        if (_contributed[projectId][msg.sender] == 0 && received != 0) ++ledger.payers;
        _contributed[projectId][msg.sender] += received;
        ledger.contributed += received;
        emit ContributionPaid(projectId, msg.sender, installment, owed, received);
    }

    /// @inheritdoc IProjectFunding
    function recordDefault(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external nonReentrant returns (uint256 historyEntryId) {
        Project memory pr = _project(projectId, _bit(ProjectStatus.Active));
        uint256 missed = _missedAfterGrace(projectId, participant, installment, pr.gracePeriod);
        if (_defaults[projectId][participant][installment])
            revert ProjectFundingDefaultAlreadyRecorded(projectId, participant, installment);
        _defaults[projectId][participant][installment] = true;
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
        ProjectLedger storage ledger = _ledgers[projectId];
        uint256 remaining = pr.grantAmount - ledger.grantReceived;
        if (amount > remaining) revert ProjectFundingGrantAboveRemaining(projectId, remaining, amount);
        // Credited after the pull for the same reason as in `contribute`.
        received = TREASURY.depositGrant(projectId, msg.sender, amount);
        ledger.grantReceived += received;
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
        _ledgers[projectId].grantReturned += amount;
        emit GrantReturned(projectId, pr.grantFunder, amount);
        TREASURY.refundFromGrant(projectId, pr.grantFunder, amount);
    }

    // ------------------------------------------------------------------ refunds
    /// @inheritdoc IProjectFunding
    function claimRefund(uint256 projectId) external nonReentrant returns (uint256 amount) {
        _requireStatus(projectId, _bit(ProjectStatus.Completed) | _bit(ProjectStatus.Cancelled));
        uint256 paid = _contributed[projectId][msg.sender];
        if (paid == 0 || _refundClaimed[projectId][msg.sender])
            revert ProjectFundingNothingToRefund(projectId, msg.sender);
        ProjectLedger storage ledger = _ledgers[projectId];
        if (!ledger.refundPoolSet) {
            ledger.refundPoolSet = true;
            ledger.refundPool = TREASURY.projectBalance(projectId);
            emit RefundPoolFixed(projectId, ledger.refundPool, ledger.contributed);
        }
        amount = _refundShare(ledger, paid);
        _refundClaimed[projectId][msg.sender] = true;
        ++ledger.refundClaims;
        ledger.refunded += amount;
        emit RefundClaimed(projectId, msg.sender, amount);
        if (amount != 0) TREASURY.refundFromProject(projectId, msg.sender, amount);
    }

    // ------------------------------------------------------------------ views
    /// @inheritdoc IProjectFunding
    function ledgerOf(uint256 projectId) external view returns (ProjectLedger memory) {
        return _ledgers[projectId];
    }

    /// @inheritdoc IProjectFunding
    function contributedBy(uint256 projectId, address participant) external view returns (uint256) {
        return _contributed[projectId][participant];
    }

    /// @inheritdoc IProjectFunding
    function paidOn(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (uint256) {
        return _paid[projectId][participant][installment];
    }

    /// @inheritdoc IProjectFunding
    function arrearsOf(uint256 projectId, address participant) external view returns (uint256 arrears) {
        if (REGISTRY.projectStatus(projectId) != ProjectStatus.Active) return 0;
        if (!REGISTRY.isParticipant(projectId, participant)) return 0;
        uint48[] memory dates = REGISTRY.installmentDueDatesOf(projectId);
        // Bounded by ProjectRegistry.MAX_INSTALLMENTS (24); a view, not a user action.
        for (uint256 i = 0; i < dates.length && dates[i] <= block.timestamp; ++i) {
            (, uint256 amount) = REGISTRY.installmentOf(projectId, participant, i);
            uint256 paid = _paid[projectId][participant][i];
            if (paid < amount) arrears += amount - paid;
        }
    }

    /// @inheritdoc IProjectFunding
    function defaultRecorded(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (bool) {
        return _defaults[projectId][participant][installment];
    }

    /// @inheritdoc IProjectFunding
    function refundableOf(uint256 projectId, address participant) external view returns (uint256) {
        ProjectStatus s = REGISTRY.projectStatus(projectId);
        if (s != ProjectStatus.Completed && s != ProjectStatus.Cancelled) return 0;
        uint256 paid = _contributed[projectId][participant];
        if (paid == 0 || _refundClaimed[projectId][participant]) return 0;
        ProjectLedger memory ledger = _ledgers[projectId];
        if (!ledger.refundPoolSet) ledger.refundPool = TREASURY.projectBalance(projectId);
        return _refundShare(ledger, paid);
    }

    /// @inheritdoc IProjectFunding
    function refundClaimed(uint256 projectId, address participant) external view returns (bool) {
        return _refundClaimed[projectId][participant];
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

    /// @dev What `participant` still owes on `installment`, checked to be positive and past the grace period.
    function _missedAfterGrace(
        uint256 projectId,
        address participant,
        uint256 installment,
        uint256 gracePeriod
    ) internal view returns (uint256) {
        _requireParticipant(projectId, participant);
        (uint48 dueDate, uint256 amount) = REGISTRY.installmentOf(projectId, participant, installment);
        uint256 graceEndsAt = uint256(dueDate) + gracePeriod;
        if (block.timestamp <= graceEndsAt)
            revert ProjectFundingGracePeriodRunning(projectId, participant, installment, graceEndsAt);
        uint256 paid = _paid[projectId][participant][installment];
        if (paid >= amount) revert ProjectFundingNothingOwed(projectId, participant, installment);
        return amount - paid;
    }

    /// @dev The refund rounding rule (see the contract's NatSpec).
    function _refundShare(ProjectLedger memory ledger, uint256 paid) internal pure returns (uint256) {
        // The last payer to claim takes what is left: its floor share plus the rounding dust.
        if (ledger.refundClaims + 1 == ledger.payers) return ledger.refundPool - ledger.refunded;
        return Math.mulDiv(ledger.refundPool, paid, ledger.contributed);
    }
}
