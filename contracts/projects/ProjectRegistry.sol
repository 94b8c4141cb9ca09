// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Roles} from "../access/Roles.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IAgreementRegistry, Agreement, AgreementKind, Clause} from "../interfaces/IAgreementRegistry.sol";
import {CharterParams} from "../interfaces/ICharter.sol";
import {
    IProjectRegistry,
    ProjectStatus,
    MilestoneStatus,
    ParticipantInput,
    BudgetLine,
    MilestoneInput,
    ProjectProposal,
    Project,
    Participant,
    DefaultTerms
} from "../interfaces/IProjectRegistry.sol";

/// @title ProjectRegistry
/// @notice The record of the alliance's joint R&D projects (R1, R2, F2, F5): who takes part, with which
/// cost and IP shares and tasks, on which budget lines, milestones and installment dates, screened by
/// experts, approved, and run under a signed project agreement. It holds no money: contributions,
/// defaults, refunds and grant deposits are in `ProjectFunding`, spends in `ProjectSpending`.
///
/// Powers and non-powers:
/// - A business member (IMembership.requireBusinessMember) proposes. It cannot approve, review or
///   accept its proposal, and its proposal binds no participant until each signed the project agreement.
/// - EXPERT role holders file one review each, and may accept or reject reported deliverables. An
///   expert who proposed a project or participates in it cannot review it, nor accept or reject its
///   deliverables as an expert (B13: nobody reviews or accepts its own; a participant other than the
///   lead accepts as a participant). They cannot approve a project or move money.
/// - COUNCIL (`approveProject`, `rejectProject`, `cancelProject`, mapped to COUNCIL): decides any
///   reviewed proposal; cancels an approved or active project. It cannot edit a proposal or shares.
/// - SECRETARIAT (`approveSmallProject`, `rejectSmallProject`, mapped to SECRETARIAT): decides reviewed
///   proposals whose budget is strictly below the charter's `secretariatBudgetLimit`, nothing else, and
///   never a project it proposed or participates in (B13).
/// - The lead reports deliverables and completes the project once every milestone is accepted. It
///   never accepts or rejects its own deliverables, whatever role it holds (B13); participants other
///   than the lead, and experts outside the project, do.
/// - Anyone may activate an approved project with a matching, effective project agreement: every
///   condition is a fact the chain checks.
/// Nothing here edits a proposal once filed: shares, budget, schedule and grant are fixed (F5).
///
/// Storage (lean records): a project is seven packed words (`Record`), a participant one word, two
/// budget lines one word, five installment dates one word, all the milestones' states two bits each in
/// the lead's word. The title, the plan document's hash, the tasks, the budget categories and the
/// milestones' specs and due dates are checked here and then live only in `ProjectProposed`; reviews
/// live in `ProjectReviewed`, deliverables in `MilestoneReported`.
contract ProjectRegistry is AccessManaged, IProjectRegistry {
    using SafeCast for uint256;

    // ------------------------------------------------------------------ constants
    /// @notice Most participants in one project (bounds proposal checks and activation's party check).
    uint256 public constant MAX_PARTICIPANTS = 64;
    /// @notice A joint project has at least two participants (R2).
    uint256 public constant MIN_PARTICIPANTS = 2;
    /// @notice Most budget lines (the grant's allowed lines are a uint32 bit mask).
    uint256 public constant MAX_BUDGET_LINES = 32;
    /// @notice Most milestones (their states are two bits each in one uint64).
    uint256 public constant MAX_MILESTONES = 32;
    /// @notice Most installments (ProjectFunding keeps one bit per installment in 24-bit bitmaps).
    uint256 public constant MAX_INSTALLMENTS = 24;
    /// @notice Longest title, in UTF-8 bytes.
    uint256 public constant MAX_TITLE_BYTES = 200;
    /// @notice Highest review score.
    uint8 public constant MAX_SCORE = 100;
    uint256 internal constant BPS = 10_000;

    /// @dev A project as stored: seven words (the comment names each word's fields, lowest bits first).
    /// Amounts are uint128 like the Treasury's project and grant accounts (`propose` checks the bound).
    struct Record {
        // word 0: the state and counters every module reads
        ProjectStatus status;
        uint8 participantCount;
        uint8 budgetLineCount;
        uint8 milestoneCount;
        uint8 milestonesAccepted;
        uint8 installmentCount;
        uint16 reviewCount;
        uint16 latePenaltyBps;
        uint32 gracePeriod;
        uint32 grantLinesMask;
        uint48 activatedAt;
        uint48 closedAt;
        // word 1
        address proposer;
        /// Narrowed from uint256 with SafeCast: agreement ids are the AgreementRegistry's counter.
        uint96 agreementId;
        // word 2
        address lead;
        /// Milestone i's `MilestoneStatus` in bits 2i..2i+1 (at most 32 milestones).
        uint64 milestoneStates;
        // word 3
        address grantFunder;
        uint48 proposedBlock;
        // word 4
        uint128 budget;
        uint128 grantAmount;
        // word 5
        bytes32 termsHash;
        // word 6
        bytes32 contributionClauseId;
    }

    /// @dev A participant as stored: one word.
    struct ParticipantRecord {
        bool isParticipant;
        uint8 index;
        uint16 costShareBps;
        uint16 ipShareBps;
        uint128 costDue;
    }

    // ------------------------------------------------------------------ storage
    /// @notice The Membership contract (business-member checks).
    IMembership public immutable MEMBERSHIP;
    /// @notice The AgreementRegistry, which is also the charter (ICharter).
    IAgreementRegistry public immutable AGREEMENTS;

    uint256 private _projectCount;
    mapping(uint256 projectId => Record) private _records;
    mapping(uint256 projectId => address[]) private _participantList;
    mapping(uint256 projectId => mapping(address account => ParticipantRecord)) private _participants;
    /// @dev Line i's budget; only the first `budgetLineCount` are written (two per word).
    mapping(uint256 projectId => uint128[MAX_BUDGET_LINES]) private _lineBudgets;
    /// @dev Installment i's due date; only the first `installmentCount` are written (five per word).
    mapping(uint256 projectId => uint48[MAX_INSTALLMENTS]) private _dueDates;
    mapping(uint256 projectId => mapping(address expert => bool)) private _reviewed;
    mapping(uint256 agreementId => uint256 projectId) private _projectOfAgreement;

    constructor(
        address authority_,
        IMembership membership_,
        IAgreementRegistry agreements_
    ) AccessManaged(authority_) {
        if (
            authority_ == address(0) ||
            address(membership_) == address(0) ||
            address(agreements_) == address(0)
        ) revert ProjectRegistryZeroAddress();
        MEMBERSHIP = membership_;
        AGREEMENTS = agreements_;
    }

    // ------------------------------------------------------------------ proposal
    /// @inheritdoc IProjectRegistry
    function propose(ProjectProposal calldata p) external returns (uint256 projectId) {
        MEMBERSHIP.requireBusinessMember(msg.sender);
        if (bytes(p.title).length == 0) revert ProjectRegistryEmptyField("title");
        if (bytes(p.title).length > MAX_TITLE_BYTES)
            revert ProjectRegistryCountOutOfRange("title", bytes(p.title).length, 1, MAX_TITLE_BYTES);
        if (p.documentHash == bytes32(0)) revert ProjectRegistryEmptyField("documentHash");
        if (p.termsHash == bytes32(0)) revert ProjectRegistryEmptyField("termsHash");
        if (p.contributionClauseId == bytes32(0)) revert ProjectRegistryEmptyField("contributionClauseId");

        projectId = ++_projectCount;
        uint256 budget = _storeBudget(projectId, p.budgetLines);
        _checkGrant(budget, p.grantAmount, p.grantFunder, p.grantLinesMask, p.budgetLines.length);
        _storeParticipants(projectId, p.participants, p.lead, budget - p.grantAmount);
        _checkMilestones(p.milestones);
        _storeDueDates(projectId, p.installmentDueDates);

        // Every count below was checked against its MAX_* (at most 64), so each narrowing is exact;
        // budget (checked <= uint128 max) bounds the grant (<= its cap <= budget). uint48 seconds and
        // blocks last far beyond any chain's life.
        _records[projectId] = Record({
            status: ProjectStatus.Proposed,
            participantCount: uint8(p.participants.length),
            budgetLineCount: uint8(p.budgetLines.length),
            milestoneCount: uint8(p.milestones.length),
            milestonesAccepted: 0,
            installmentCount: uint8(p.installmentDueDates.length),
            reviewCount: 0,
            latePenaltyBps: 0,
            gracePeriod: 0,
            grantLinesMask: p.grantLinesMask,
            activatedAt: 0,
            closedAt: 0,
            proposer: msg.sender,
            agreementId: 0,
            lead: p.lead,
            milestoneStates: 0,
            grantFunder: p.grantFunder,
            proposedBlock: uint48(block.number),
            budget: uint128(budget),
            grantAmount: uint128(p.grantAmount),
            termsHash: p.termsHash,
            contributionClauseId: p.contributionClauseId
        });
        emit ProjectProposed(projectId, msg.sender, p.lead, budget, p);
    }

    // ------------------------------------------------------------------ screening (R1)
    /// @inheritdoc IProjectRegistry
    function submitReview(uint256 projectId, uint8 score, bytes32 opinionHash) external {
        Record storage r = _requireStatus(projectId, _bit(ProjectStatus.Proposed));
        if (!_isExpert(msg.sender)) revert ProjectRegistryNotExpert(msg.sender);
        if (_isOwnProject(projectId, msg.sender)) revert ProjectRegistryOwnProject(projectId, msg.sender);
        if (_reviewed[projectId][msg.sender]) revert ProjectRegistryAlreadyReviewed(projectId, msg.sender);
        if (score > MAX_SCORE) revert ProjectRegistryInvalidScore(score);
        if (opinionHash == bytes32(0)) revert ProjectRegistryEmptyField("opinionHash");
        _reviewed[projectId][msg.sender] = true;
        ++r.reviewCount;
        emit ProjectReviewed(projectId, msg.sender, score, opinionHash);
    }

    /// @inheritdoc IProjectRegistry
    function approveProject(uint256 projectId) external restricted {
        _decide(projectId, true, false, bytes32(0));
    }

    /// @inheritdoc IProjectRegistry
    function rejectProject(uint256 projectId, bytes32 reasonHash) external restricted {
        _decide(projectId, false, false, reasonHash);
    }

    /// @inheritdoc IProjectRegistry
    function approveSmallProject(uint256 projectId) external restricted {
        _decide(projectId, true, true, bytes32(0));
    }

    /// @inheritdoc IProjectRegistry
    function rejectSmallProject(uint256 projectId, bytes32 reasonHash) external restricted {
        _decide(projectId, false, true, reasonHash);
    }

    // ------------------------------------------------------------------ activation
    /// @inheritdoc IProjectRegistry
    function activate(uint256 projectId, uint256 agreementId) external {
        Record storage r = _requireStatus(projectId, _bit(ProjectStatus.Approved));
        if (!AGREEMENTS.isEffective(agreementId)) revert ProjectRegistryAgreementNotEffective(agreementId);
        uint256 usedBy = _projectOfAgreement[agreementId];
        if (usedBy != 0) revert ProjectRegistryAgreementInUse(agreementId, usedBy);
        Agreement memory a = AGREEMENTS.agreementOf(agreementId);
        if (a.kind != AgreementKind.Project) revert ProjectRegistryAgreementMismatch(agreementId, "kind");
        if (a.termsHash != r.termsHash) revert ProjectRegistryAgreementMismatch(agreementId, "termsHash");
        address[] storage list = _participantList[projectId];
        uint256 n = list.length;
        if (a.partyCount != n) revert ProjectRegistryAgreementMismatch(agreementId, "parties");
        // Bounded by MAX_PARTICIPANTS (64): equal counts and every participant a party = same set.
        for (uint256 i = 0; i < n; ++i) {
            if (!AGREEMENTS.isParty(agreementId, list[i]))
                revert ProjectRegistryAgreementMismatch(agreementId, "parties");
        }
        bytes32 clauseId = r.contributionClauseId;
        try AGREEMENTS.clauseOf(agreementId, clauseId) returns (Clause memory c) {
            if (c.clauseId != clauseId) revert ProjectRegistryUnknownClause(agreementId, clauseId);
        } catch {
            revert ProjectRegistryUnknownClause(agreementId, clauseId);
        }
        CharterParams memory cp = AGREEMENTS.charterParams();
        r.status = ProjectStatus.Active;
        // An Effective agreement exists, so its id is below the registry's counter: it fits 96 bits.
        r.agreementId = agreementId.toUint96();
        r.activatedAt = uint48(block.timestamp); // see proposedBlock
        r.latePenaltyBps = cp.latePenaltyBps;
        r.gracePeriod = cp.gracePeriod;
        _projectOfAgreement[agreementId] = projectId;
        emit ProjectActivated(projectId, agreementId, cp.latePenaltyBps, cp.gracePeriod);
    }

    // ------------------------------------------------------------------ milestones
    /// @inheritdoc IProjectRegistry
    function reportMilestone(uint256 projectId, uint256 index, bytes32 deliverableHash) external {
        Record storage r = _requireStatus(projectId, _bit(ProjectStatus.Active));
        if (msg.sender != r.lead) revert ProjectRegistryNotLead(projectId, msg.sender);
        if (deliverableHash == bytes32(0)) revert ProjectRegistryEmptyField("deliverableHash");
        _moveMilestone(r, projectId, index, MilestoneStatus.Pending, MilestoneStatus.Reported);
        emit MilestoneReported(projectId, index, deliverableHash);
    }

    /// @inheritdoc IProjectRegistry
    function acceptMilestone(uint256 projectId, uint256 index) external {
        Record storage r = _requireAcceptor(projectId);
        _moveMilestone(r, projectId, index, MilestoneStatus.Reported, MilestoneStatus.Accepted);
        ++r.milestonesAccepted;
        emit MilestoneAccepted(projectId, index, msg.sender);
    }

    /// @inheritdoc IProjectRegistry
    function rejectMilestone(uint256 projectId, uint256 index, bytes32 reasonHash) external {
        Record storage r = _requireAcceptor(projectId);
        _moveMilestone(r, projectId, index, MilestoneStatus.Reported, MilestoneStatus.Pending);
        emit MilestoneRejected(projectId, index, msg.sender, reasonHash);
    }

    // ------------------------------------------------------------------ close
    /// @inheritdoc IProjectRegistry
    function completeProject(uint256 projectId) external {
        Record storage r = _requireStatus(projectId, _bit(ProjectStatus.Active));
        if (msg.sender != r.lead) revert ProjectRegistryNotLead(projectId, msg.sender);
        if (r.milestonesAccepted != r.milestoneCount)
            revert ProjectRegistryMilestonesOpen(projectId, r.milestonesAccepted, r.milestoneCount);
        r.status = ProjectStatus.Completed;
        r.closedAt = uint48(block.timestamp); // see proposedBlock
        emit ProjectCompleted(projectId, msg.sender);
    }

    /// @inheritdoc IProjectRegistry
    function cancelProject(uint256 projectId, bytes32 reasonHash) external restricted {
        Record storage r = _requireStatus(
            projectId,
            _bit(ProjectStatus.Approved) | _bit(ProjectStatus.Active)
        );
        r.status = ProjectStatus.Cancelled;
        r.closedAt = uint48(block.timestamp); // see proposedBlock
        emit ProjectCancelled(projectId, msg.sender, reasonHash);
    }

    // ------------------------------------------------------------------ views other modules call
    /// @inheritdoc IProjectRegistry
    function projectStatus(uint256 projectId) external view returns (ProjectStatus) {
        return _records[projectId].status;
    }

    /// @inheritdoc IProjectRegistry
    function ipSharesOf(
        uint256 projectId
    ) external view returns (address[] memory participants, uint16[] memory ipSharesBps) {
        participants = _participantList[projectId];
        ipSharesBps = new uint16[](participants.length);
        for (uint256 i = 0; i < participants.length; ++i) {
            ipSharesBps[i] = _participants[projectId][participants[i]].ipShareBps;
        }
    }

    /// @inheritdoc IProjectRegistry
    function isParticipant(uint256 projectId, address account) external view returns (bool) {
        return _participants[projectId][account].isParticipant;
    }

    /// @inheritdoc IProjectRegistry
    function projectAgreementOf(uint256 projectId) external view returns (uint256) {
        return _records[projectId].agreementId;
    }

    // ------------------------------------------------------------------ views of the projects module
    /// @inheritdoc IProjectRegistry
    function participantTermsOf(
        uint256 projectId,
        address account
    )
        external
        view
        returns (ProjectStatus status, bool participates, uint8 index, uint8 installments, uint256 costDue)
    {
        Record storage r = _records[projectId];
        ParticipantRecord storage pt = _participants[projectId][account];
        return (r.status, pt.isParticipant, pt.index, r.installmentCount, pt.costDue);
    }

    /// @inheritdoc IProjectRegistry
    function spendTermsOf(
        uint256 projectId,
        uint256 line
    ) external view returns (ProjectStatus status, address lead, uint256 lineBudget, bool grantAllowed) {
        Record storage r = _records[projectId];
        if (line < r.budgetLineCount) {
            lineBudget = _lineBudgets[projectId][line];
            grantAllowed = (r.grantLinesMask >> line) & 1 == 1;
        }
        return (r.status, r.lead, lineBudget, grantAllowed);
    }

    /// @inheritdoc IProjectRegistry
    function defaultTermsOf(
        uint256 projectId,
        address participant,
        uint256 installment
    ) external view returns (DefaultTerms memory t) {
        Record storage r = _records[projectId];
        ParticipantRecord storage pt = _participants[projectId][participant];
        uint256 n = r.installmentCount;
        t.status = r.status;
        t.participates = pt.isParticipant;
        t.index = pt.index;
        t.installments = r.installmentCount;
        t.activatedAt = r.activatedAt;
        t.closedAt = r.closedAt;
        t.gracePeriod = r.gracePeriod;
        t.latePenaltyBps = r.latePenaltyBps;
        t.agreementId = r.agreementId;
        t.contributionClauseId = r.contributionClauseId;
        if (installment < n) {
            t.dueDate = _dueDates[projectId][installment];
            t.amount = _installmentAmount(pt.costDue, n, installment);
        }
    }

    // ------------------------------------------------------------------ other views
    /// @inheritdoc IProjectRegistry
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IProjectRegistry
    function projectOf(uint256 projectId) external view returns (Project memory p) {
        Record storage r = _records[projectId];
        p.status = r.status;
        p.proposer = r.proposer;
        p.lead = r.lead;
        p.grantFunder = r.grantFunder;
        p.proposedBlock = r.proposedBlock;
        p.activatedAt = r.activatedAt;
        p.closedAt = r.closedAt;
        p.grantLinesMask = r.grantLinesMask;
        p.reviewCount = r.reviewCount;
        p.participantCount = r.participantCount;
        p.budgetLineCount = r.budgetLineCount;
        p.milestoneCount = r.milestoneCount;
        p.milestonesAccepted = r.milestonesAccepted;
        p.installmentCount = r.installmentCount;
        p.latePenaltyBps = r.latePenaltyBps;
        p.gracePeriod = r.gracePeriod;
        p.termsHash = r.termsHash;
        p.contributionClauseId = r.contributionClauseId;
        p.budget = r.budget;
        p.grantAmount = r.grantAmount;
        p.agreementId = r.agreementId;
    }

    /// @inheritdoc IProjectRegistry
    function participantsOf(uint256 projectId) external view returns (address[] memory) {
        return _participantList[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function participantOf(uint256 projectId, address account) external view returns (Participant memory) {
        ParticipantRecord storage pt = _participants[projectId][account];
        return Participant(pt.isParticipant, pt.index, pt.costShareBps, pt.ipShareBps, pt.costDue);
    }

    /// @inheritdoc IProjectRegistry
    function budgetLineOf(
        uint256 projectId,
        uint256 line
    ) external view returns (uint256 amount, bool grantAllowed) {
        return _line(_records[projectId], projectId, line);
    }

    /// @inheritdoc IProjectRegistry
    function milestoneStatusesOf(
        uint256 projectId
    ) external view returns (MilestoneStatus[] memory statuses) {
        Record storage r = _records[projectId];
        uint256 states = r.milestoneStates;
        statuses = new MilestoneStatus[](r.milestoneCount);
        for (uint256 i = 0; i < statuses.length; ++i) statuses[i] = MilestoneStatus((states >> (2 * i)) & 3);
    }

    /// @inheritdoc IProjectRegistry
    function installmentDueDatesOf(uint256 projectId) external view returns (uint48[] memory dates) {
        dates = new uint48[](_records[projectId].installmentCount);
        uint48[MAX_INSTALLMENTS] storage stored = _dueDates[projectId];
        for (uint256 i = 0; i < dates.length; ++i) dates[i] = stored[i];
    }

    /// @inheritdoc IProjectRegistry
    function installmentOf(
        uint256 projectId,
        address participant,
        uint256 index
    ) external view returns (uint48 dueDate, uint256 amount) {
        uint256 n = _records[projectId].installmentCount;
        if (index >= n) revert ProjectRegistryUnknownInstallment(projectId, index);
        ParticipantRecord storage pt = _participants[projectId][participant];
        if (!pt.isParticipant) revert ProjectRegistryNotParticipant(projectId, participant);
        return (_dueDates[projectId][index], _installmentAmount(pt.costDue, n, index));
    }

    /// @inheritdoc IProjectRegistry
    function hasReviewed(uint256 projectId, address expert) external view returns (bool) {
        return _reviewed[projectId][expert];
    }

    /// @inheritdoc IProjectRegistry
    function projectOfAgreement(uint256 agreementId) external view returns (uint256) {
        return _projectOfAgreement[agreementId];
    }

    // ------------------------------------------------------------------ internals
    /// @dev The one state check: reverts unless the project's status is in `expectedMask`.
    function _requireStatus(
        uint256 projectId,
        uint256 expectedMask
    ) internal view returns (Record storage r) {
        r = _records[projectId];
        if (_bit(r.status) & expectedMask == 0)
            revert ProjectRegistryUnexpectedStatus(projectId, r.status, expectedMask);
    }

    function _bit(ProjectStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }

    function _isExpert(address account) internal view returns (bool isMember) {
        (isMember, ) = IAccessManager(authority()).hasRole(Roles.EXPERT, account);
    }

    /// @dev Installment `index` of `n` of a cost due: floor(costDue / n), the last one plus the remainder,
    /// so the installments sum to the cost due.
    function _installmentAmount(uint256 costDue, uint256 n, uint256 index) internal pure returns (uint256) {
        uint256 each = costDue / n;
        return index == n - 1 ? costDue - each * (n - 1) : each;
    }

    /// @dev Budget line `line`'s amount and whether the grant may pay it; reverts for an unknown line.
    function _line(
        Record storage r,
        uint256 projectId,
        uint256 line
    ) internal view returns (uint256 amount, bool grantAllowed) {
        if (line >= r.budgetLineCount) revert ProjectRegistryUnknownBudgetLine(projectId, line);
        amount = _lineBudgets[projectId][line];
        grantAllowed = (r.grantLinesMask >> line) & 1 == 1;
    }

    /// @dev Approval or rejection, by the council (any budget) or the secretariat (budget below the limit).
    function _decide(uint256 projectId, bool approve, bool bySecretariat, bytes32 reasonHash) internal {
        Record storage r = _requireStatus(projectId, _bit(ProjectStatus.Proposed));
        CharterParams memory cp = AGREEMENTS.charterParams();
        if (r.reviewCount < cp.minReviews)
            revert ProjectRegistryNotEnoughReviews(projectId, r.reviewCount, cp.minReviews);
        if (bySecretariat && r.budget >= cp.secretariatBudgetLimit)
            revert ProjectRegistryBudgetAboveSecretariatLimit(r.budget, cp.secretariatBudgetLimit);
        // B13: nobody decides its own proposal (the council's timelock is never a proposer or participant).
        if (_isOwnProject(projectId, msg.sender)) revert ProjectRegistryOwnProject(projectId, msg.sender);
        r.status = approve ? ProjectStatus.Approved : ProjectStatus.Rejected;
        if (approve) emit ProjectApproved(projectId, msg.sender, bySecretariat);
        else emit ProjectRejected(projectId, msg.sender, bySecretariat, reasonHash);
    }

    /// @dev B13: a participant other than the lead accepts as a participant; anyone else only as an
    /// expert who did not propose the project. The lead is refused whatever role it holds.
    function _requireAcceptor(uint256 projectId) internal view returns (Record storage r) {
        r = _requireStatus(projectId, _bit(ProjectStatus.Active));
        bool ok =
            _participants[projectId][msg.sender].isParticipant
                ? msg.sender != r.lead
                : msg.sender != r.proposer && _isExpert(msg.sender);
        if (!ok) revert ProjectRegistryNotAcceptor(projectId, msg.sender);
    }

    /// @dev Whether `account` proposed project `projectId` or participates in it (B13).
    function _isOwnProject(uint256 projectId, address account) internal view returns (bool) {
        return account == _records[projectId].proposer || _participants[projectId][account].isParticipant;
    }

    /// @dev Moves milestone `index` from `expected` to `next`, or reverts naming its current state.
    function _moveMilestone(
        Record storage r,
        uint256 projectId,
        uint256 index,
        MilestoneStatus expected,
        MilestoneStatus next
    ) internal {
        if (index >= r.milestoneCount) revert ProjectRegistryUnknownMilestone(projectId, index);
        uint256 shift = 2 * index;
        uint256 states = r.milestoneStates;
        MilestoneStatus current = MilestoneStatus((states >> shift) & 3);
        if (current != expected)
            revert ProjectRegistryUnexpectedMilestoneStatus(projectId, index, current, expected);
        // index < MAX_MILESTONES (32), so both bits lie inside the uint64: the narrowing keeps them all.
        r.milestoneStates = uint64((states & ~(uint256(3) << shift)) | (uint256(uint8(next)) << shift));
    }

    /// @dev Checks the lines and stores their amounts; returns the budget (their sum).
    function _storeBudget(uint256 projectId, BudgetLine[] calldata lines) internal returns (uint256 budget) {
        if (lines.length == 0 || lines.length > MAX_BUDGET_LINES)
            revert ProjectRegistryCountOutOfRange("budgetLines", lines.length, 1, MAX_BUDGET_LINES);
        uint128[MAX_BUDGET_LINES] storage stored = _lineBudgets[projectId];
        for (uint256 i = 0; i < lines.length; ++i) {
            uint256 amount = lines[i].amount;
            if (amount == 0) revert ProjectRegistryEmptyField("budgetLine.amount");
            budget += amount;
            if (budget > type(uint128).max) revert ProjectRegistryAmountTooLarge(budget, type(uint128).max);
            // amount <= budget <= uint128 max, checked just above.
            stored[i] = uint128(amount);
        }
    }

    function _checkGrant(
        uint256 budget,
        uint256 grant,
        address funder,
        uint32 mask,
        uint256 lineCount
    ) internal view {
        if (grant == 0) {
            if (funder != address(0) || mask != 0) revert ProjectRegistryInvalidGrant(grant, funder, mask);
            return;
        }
        if (funder == address(0) || mask == 0 || (lineCount < 32 && mask >> lineCount != 0))
            revert ProjectRegistryInvalidGrant(grant, funder, mask);
        uint256 cap = (budget * AGREEMENTS.charterParams().grantCapBps) / BPS;
        if (grant > cap) revert ProjectRegistryGrantAboveCap(grant, cap);
    }

    /// @dev Checks and stores the participants; costDue_i = floor(share_i x net / 10000), and the lead
    /// also takes the remainder, so the dues sum exactly to `net` (budget - grant).
    function _storeParticipants(
        uint256 projectId,
        ParticipantInput[] calldata ps,
        address lead,
        uint256 net
    ) internal {
        uint256 n = ps.length;
        if (n < MIN_PARTICIPANTS || n > MAX_PARTICIPANTS)
            revert ProjectRegistryCountOutOfRange("participants", n, MIN_PARTICIPANTS, MAX_PARTICIPANTS);
        mapping(address account => ParticipantRecord) storage stored = _participants[projectId];
        address[] storage list = _participantList[projectId];
        uint256 costSum;
        uint256 ipSum;
        uint256 assigned;
        for (uint256 i = 0; i < n; ++i) {
            ParticipantInput calldata pi = ps[i];
            if (pi.account == address(0) || stored[pi.account].isParticipant)
                revert ProjectRegistryInvalidParticipant(pi.account);
            if (pi.costShareBps == 0 || pi.ipShareBps == 0) revert ProjectRegistryZeroShare(pi.account);
            if (pi.taskHash == bytes32(0)) revert ProjectRegistryEmptyField("taskHash");
            MEMBERSHIP.requireBusinessMember(pi.account);
            costSum += pi.costShareBps;
            ipSum += pi.ipShareBps;
            uint256 due = (net * pi.costShareBps) / BPS;
            assigned += due;
            // i < MAX_PARTICIPANTS (64) fits uint8; due <= net <= budget <= uint128 max (`_storeBudget`).
            stored[pi.account] = ParticipantRecord(
                true,
                uint8(i),
                pi.costShareBps,
                pi.ipShareBps,
                uint128(due)
            );
            list.push(pi.account);
        }
        if (costSum != BPS) revert ProjectRegistrySharesSum(false, costSum);
        if (ipSum != BPS) revert ProjectRegistrySharesSum(true, ipSum);
        if (!stored[lead].isParticipant) revert ProjectRegistryLeadNotParticipant(lead);
        // Shares sum to 10000, so assigned <= net; the lead absorbs the (< n wei) remainder, and its
        // due stays <= net <= uint128 max.
        stored[lead].costDue += uint128(net - assigned);
    }

    /// @dev Checks the milestones (stored only as states; their dates and specs are in the event).
    function _checkMilestones(MilestoneInput[] calldata ms) internal view {
        if (ms.length == 0 || ms.length > MAX_MILESTONES)
            revert ProjectRegistryCountOutOfRange("milestones", ms.length, 1, MAX_MILESTONES);
        for (uint256 i = 0; i < ms.length; ++i) {
            if (ms[i].dueDate <= block.timestamp)
                revert ProjectRegistryInvalidDueDate("milestones", i, ms[i].dueDate);
            if (ms[i].specHash == bytes32(0)) revert ProjectRegistryEmptyField("milestone.specHash");
        }
    }

    /// @dev Checks the installment dates (strictly increasing, in the future) and stores them.
    function _storeDueDates(uint256 projectId, uint48[] calldata dates) internal {
        if (dates.length == 0 || dates.length > MAX_INSTALLMENTS)
            revert ProjectRegistryCountOutOfRange("installments", dates.length, 1, MAX_INSTALLMENTS);
        uint48[MAX_INSTALLMENTS] storage stored = _dueDates[projectId];
        uint256 previous = block.timestamp;
        for (uint256 i = 0; i < dates.length; ++i) {
            if (dates[i] <= previous) revert ProjectRegistryInvalidDueDate("installments", i, dates[i]);
            previous = dates[i];
            stored[i] = dates[i];
        }
    }
}
