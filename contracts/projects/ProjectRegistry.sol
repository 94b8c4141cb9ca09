// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
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
    Milestone,
    Review
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
contract ProjectRegistry is AccessManaged, IProjectRegistry {
    // ------------------------------------------------------------------ constants
    /// @notice Most participants in one project (bounds proposal checks and activation's party check).
    uint256 public constant MAX_PARTICIPANTS = 64;
    /// @notice A joint project has at least two participants (R2).
    uint256 public constant MIN_PARTICIPANTS = 2;
    /// @notice Most budget lines (the grant's allowed lines are a uint32 bit mask).
    uint256 public constant MAX_BUDGET_LINES = 32;
    uint256 public constant MAX_MILESTONES = 32;
    uint256 public constant MAX_INSTALLMENTS = 24;
    uint256 public constant MAX_TITLE_BYTES = 200;
    uint8 public constant MAX_SCORE = 100;
    uint256 internal constant BPS = 10_000;

    // ------------------------------------------------------------------ storage
    IMembership public immutable MEMBERSHIP;
    /// @notice The AgreementRegistry, which is also the charter (ICharter).
    IAgreementRegistry public immutable AGREEMENTS;

    uint256 private _projectCount;
    mapping(uint256 projectId => Project) private _projects;
    mapping(uint256 projectId => address[]) private _participantList;
    mapping(uint256 projectId => mapping(address account => Participant)) private _participants;
    mapping(uint256 projectId => BudgetLine[]) private _budgetLines;
    mapping(uint256 projectId => Milestone[]) private _milestones;
    mapping(uint256 projectId => uint48[]) private _installmentDueDates;
    mapping(uint256 projectId => Review[]) private _reviews;
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
        _storeSchedule(projectId, p.milestones, p.installmentDueDates);

        Project storage pr = _projects[projectId];
        pr.status = ProjectStatus.Proposed;
        pr.proposer = msg.sender;
        pr.lead = p.lead;
        pr.grantFunder = p.grantFunder;
        pr.proposedAt = uint48(block.timestamp); // uint48 seconds last far beyond any chain's life
        pr.grantLinesMask = p.grantLinesMask;
        pr.documentHash = p.documentHash;
        pr.termsHash = p.termsHash;
        pr.contributionClauseId = p.contributionClauseId;
        pr.budget = budget;
        pr.grantAmount = p.grantAmount;
        pr.title = p.title;
        emit ProjectProposed(
            projectId,
            msg.sender,
            p.lead,
            budget,
            p.grantAmount,
            p.documentHash,
            p.termsHash,
            p.title
        );
    }

    // ------------------------------------------------------------------ screening (R1)
    /// @inheritdoc IProjectRegistry
    function submitReview(uint256 projectId, uint8 score, bytes32 opinionHash) external {
        _requireStatus(projectId, _bit(ProjectStatus.Proposed));
        if (!_isExpert(msg.sender)) revert ProjectRegistryNotExpert(msg.sender);
        if (_isOwnProject(projectId, msg.sender)) revert ProjectRegistryOwnProject(projectId, msg.sender);
        if (_reviewed[projectId][msg.sender]) revert ProjectRegistryAlreadyReviewed(projectId, msg.sender);
        if (score > MAX_SCORE) revert ProjectRegistryInvalidScore(score);
        if (opinionHash == bytes32(0)) revert ProjectRegistryEmptyField("opinionHash");
        _reviewed[projectId][msg.sender] = true;
        _reviews[projectId].push(Review(msg.sender, score, uint48(block.timestamp), opinionHash));
        ++_projects[projectId].reviewCount;
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
        Project storage pr = _requireStatus(projectId, _bit(ProjectStatus.Approved));
        if (!AGREEMENTS.isEffective(agreementId)) revert ProjectRegistryAgreementNotEffective(agreementId);
        uint256 usedBy = _projectOfAgreement[agreementId];
        if (usedBy != 0) revert ProjectRegistryAgreementInUse(agreementId, usedBy);
        Agreement memory a = AGREEMENTS.agreementOf(agreementId);
        if (a.kind != AgreementKind.Project) revert ProjectRegistryAgreementMismatch(agreementId, "kind");
        if (a.termsHash != pr.termsHash) revert ProjectRegistryAgreementMismatch(agreementId, "termsHash");
        address[] storage list = _participantList[projectId];
        uint256 n = list.length;
        if (a.partyCount != n) revert ProjectRegistryAgreementMismatch(agreementId, "parties");
        // Bounded by MAX_PARTICIPANTS (64): equal counts and every participant a party = same set.
        for (uint256 i = 0; i < n; ++i) {
            if (!AGREEMENTS.isParty(agreementId, list[i]))
                revert ProjectRegistryAgreementMismatch(agreementId, "parties");
        }
        try AGREEMENTS.clauseOf(agreementId, pr.contributionClauseId) returns (Clause memory c) {
            if (c.clauseId != pr.contributionClauseId)
                revert ProjectRegistryUnknownClause(agreementId, pr.contributionClauseId);
        } catch {
            revert ProjectRegistryUnknownClause(agreementId, pr.contributionClauseId);
        }
        CharterParams memory cp = AGREEMENTS.charterParams();
        pr.status = ProjectStatus.Active;
        pr.agreementId = agreementId;
        pr.activatedAt = uint48(block.timestamp); // see proposedAt
        pr.latePenaltyBps = cp.latePenaltyBps;
        pr.gracePeriod = cp.gracePeriod;
        _projectOfAgreement[agreementId] = projectId;
        emit ProjectActivated(projectId, agreementId, cp.latePenaltyBps, cp.gracePeriod);
    }

    // ------------------------------------------------------------------ milestones
    /// @inheritdoc IProjectRegistry
    function reportMilestone(uint256 projectId, uint256 index, bytes32 deliverableHash) external {
        Project storage pr = _requireStatus(projectId, _bit(ProjectStatus.Active));
        if (msg.sender != pr.lead) revert ProjectRegistryNotLead(projectId, msg.sender);
        if (deliverableHash == bytes32(0)) revert ProjectRegistryEmptyField("deliverableHash");
        Milestone storage m = _milestone(projectId, index, MilestoneStatus.Pending);
        m.status = MilestoneStatus.Reported;
        m.reportedAt = uint48(block.timestamp); // see proposedAt
        m.deliverableHash = deliverableHash;
        emit MilestoneReported(projectId, index, deliverableHash);
    }

    /// @inheritdoc IProjectRegistry
    function acceptMilestone(uint256 projectId, uint256 index) external {
        Project storage pr = _requireAcceptor(projectId);
        Milestone storage m = _milestone(projectId, index, MilestoneStatus.Reported);
        m.status = MilestoneStatus.Accepted;
        m.acceptedAt = uint48(block.timestamp); // see proposedAt
        m.acceptedBy = msg.sender;
        ++pr.milestonesAccepted;
        emit MilestoneAccepted(projectId, index, msg.sender);
    }

    /// @inheritdoc IProjectRegistry
    function rejectMilestone(uint256 projectId, uint256 index, bytes32 reasonHash) external {
        _requireAcceptor(projectId);
        Milestone storage m = _milestone(projectId, index, MilestoneStatus.Reported);
        m.status = MilestoneStatus.Pending;
        emit MilestoneRejected(projectId, index, msg.sender, reasonHash);
    }

    // ------------------------------------------------------------------ close
    /// @inheritdoc IProjectRegistry
    function completeProject(uint256 projectId) external {
        Project storage pr = _requireStatus(projectId, _bit(ProjectStatus.Active));
        if (msg.sender != pr.lead) revert ProjectRegistryNotLead(projectId, msg.sender);
        uint256 total = _milestones[projectId].length;
        if (pr.milestonesAccepted != total)
            revert ProjectRegistryMilestonesOpen(projectId, pr.milestonesAccepted, total);
        pr.status = ProjectStatus.Completed;
        pr.closedAt = uint48(block.timestamp); // see proposedAt
        emit ProjectCompleted(projectId, msg.sender);
    }

    /// @inheritdoc IProjectRegistry
    function cancelProject(uint256 projectId, bytes32 reasonHash) external restricted {
        Project storage pr = _requireStatus(
            projectId,
            _bit(ProjectStatus.Approved) | _bit(ProjectStatus.Active)
        );
        pr.status = ProjectStatus.Cancelled;
        pr.closedAt = uint48(block.timestamp); // see proposedAt
        emit ProjectCancelled(projectId, msg.sender, reasonHash);
    }

    // ------------------------------------------------------------------ views
    /// @inheritdoc IProjectRegistry
    function projectStatus(uint256 projectId) external view returns (ProjectStatus) {
        return _projects[projectId].status;
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
        return _projects[projectId].agreementId;
    }

    /// @inheritdoc IProjectRegistry
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IProjectRegistry
    function projectOf(uint256 projectId) external view returns (Project memory) {
        return _projects[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function participantsOf(uint256 projectId) external view returns (address[] memory) {
        return _participantList[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function participantOf(uint256 projectId, address account) external view returns (Participant memory) {
        return _participants[projectId][account];
    }

    /// @inheritdoc IProjectRegistry
    function participantIndexOf(
        uint256 projectId,
        address account
    ) external view returns (ProjectStatus status, bool participates, uint8 index) {
        Participant storage pt = _participants[projectId][account];
        return (_projects[projectId].status, pt.isParticipant, pt.index);
    }

    /// @inheritdoc IProjectRegistry
    function costShareOf(
        uint256 projectId,
        address account
    ) external view returns (uint16 costShareBps, address lead) {
        return (_participants[projectId][account].costShareBps, _projects[projectId].lead);
    }

    /// @inheritdoc IProjectRegistry
    function budgetLinesOf(uint256 projectId) external view returns (BudgetLine[] memory) {
        return _budgetLines[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function budgetLineOf(
        uint256 projectId,
        uint256 line
    ) external view returns (uint256 amount, bool grantAllowed) {
        if (line >= _budgetLines[projectId].length) revert ProjectRegistryUnknownBudgetLine(projectId, line);
        amount = _budgetLines[projectId][line].amount;
        grantAllowed = (_projects[projectId].grantLinesMask >> line) & 1 == 1;
    }

    /// @inheritdoc IProjectRegistry
    function milestonesOf(uint256 projectId) external view returns (Milestone[] memory) {
        return _milestones[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function installmentDueDatesOf(uint256 projectId) external view returns (uint48[] memory) {
        return _installmentDueDates[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function installmentOf(
        uint256 projectId,
        address participant,
        uint256 index
    ) external view returns (uint48 dueDate, uint256 amount) {
        uint48[] storage dates = _installmentDueDates[projectId];
        uint256 n = dates.length;
        if (index >= n) revert ProjectRegistryUnknownInstallment(projectId, index);
        Participant storage pt = _participants[projectId][participant];
        if (!pt.isParticipant) revert ProjectRegistryNotParticipant(projectId, participant);
        uint256 each = pt.costDue / n;
        dueDate = dates[index];
        // The last installment takes the remainder of the floor split, so the installments sum to costDue.
        amount = index == n - 1 ? pt.costDue - each * (n - 1) : each;
    }

    /// @inheritdoc IProjectRegistry
    function reviewsOf(
        uint256 projectId,
        uint256 offset,
        uint256 limit
    ) external view returns (Review[] memory page) {
        Review[] storage all = _reviews[projectId];
        uint256 n = offset >= all.length ? 0 : all.length - offset;
        if (limit < n) n = limit;
        page = new Review[](n);
        for (uint256 i = 0; i < n; ++i) page[i] = all[offset + i];
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
    ) internal view returns (Project storage pr) {
        pr = _projects[projectId];
        if (_bit(pr.status) & expectedMask == 0)
            revert ProjectRegistryUnexpectedStatus(projectId, pr.status, expectedMask);
    }

    function _bit(ProjectStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }

    function _isExpert(address account) internal view returns (bool isMember) {
        (isMember, ) = IAccessManager(authority()).hasRole(Roles.EXPERT, account);
    }

    /// @dev Approval or rejection, by the council (any budget) or the secretariat (budget below the limit).
    function _decide(uint256 projectId, bool approve, bool bySecretariat, bytes32 reasonHash) internal {
        Project storage pr = _requireStatus(projectId, _bit(ProjectStatus.Proposed));
        CharterParams memory cp = AGREEMENTS.charterParams();
        if (pr.reviewCount < cp.minReviews)
            revert ProjectRegistryNotEnoughReviews(projectId, pr.reviewCount, cp.minReviews);
        if (bySecretariat && pr.budget >= cp.secretariatBudgetLimit)
            revert ProjectRegistryBudgetAboveSecretariatLimit(pr.budget, cp.secretariatBudgetLimit);
        // B13: nobody decides its own proposal (the council's timelock is never a proposer or participant).
        if (_isOwnProject(projectId, msg.sender)) revert ProjectRegistryOwnProject(projectId, msg.sender);
        pr.status = approve ? ProjectStatus.Approved : ProjectStatus.Rejected;
        pr.decidedAt = uint48(block.timestamp); // see proposedAt
        if (approve) emit ProjectApproved(projectId, msg.sender, bySecretariat);
        else emit ProjectRejected(projectId, msg.sender, bySecretariat, reasonHash);
    }

    /// @dev B13: a participant other than the lead accepts as a participant; anyone else only as an
    /// expert who did not propose the project. The lead is refused whatever role it holds.
    function _requireAcceptor(uint256 projectId) internal view returns (Project storage pr) {
        pr = _requireStatus(projectId, _bit(ProjectStatus.Active));
        bool ok =
            _participants[projectId][msg.sender].isParticipant
                ? msg.sender != pr.lead
                : msg.sender != pr.proposer && _isExpert(msg.sender);
        if (!ok) revert ProjectRegistryNotAcceptor(projectId, msg.sender);
    }

    /// @dev Whether `account` proposed project `projectId` or participates in it (B13).
    function _isOwnProject(uint256 projectId, address account) internal view returns (bool) {
        return account == _projects[projectId].proposer || _participants[projectId][account].isParticipant;
    }

    function _milestone(
        uint256 projectId,
        uint256 index,
        MilestoneStatus expected
    ) internal view returns (Milestone storage m) {
        if (index >= _milestones[projectId].length) revert ProjectRegistryUnknownMilestone(projectId, index);
        m = _milestones[projectId][index];
        if (m.status != expected)
            revert ProjectRegistryUnexpectedMilestoneStatus(projectId, index, m.status, expected);
    }

    function _storeBudget(uint256 projectId, BudgetLine[] calldata lines) internal returns (uint256 budget) {
        if (lines.length == 0 || lines.length > MAX_BUDGET_LINES)
            revert ProjectRegistryCountOutOfRange("budgetLines", lines.length, 1, MAX_BUDGET_LINES);
        BudgetLine[] storage stored = _budgetLines[projectId];
        for (uint256 i = 0; i < lines.length; ++i) {
            if (lines[i].amount == 0) revert ProjectRegistryEmptyField("budgetLine.amount");
            budget += lines[i].amount;
            stored.push(lines[i]);
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
        mapping(address account => Participant) storage stored = _participants[projectId];
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
            // i < MAX_PARTICIPANTS (64), so it fits uint8.
            stored[pi.account] = Participant(
                true,
                uint8(i),
                pi.costShareBps,
                pi.ipShareBps,
                pi.taskHash,
                due
            );
            list.push(pi.account);
        }
        if (costSum != BPS) revert ProjectRegistrySharesSum(false, costSum);
        if (ipSum != BPS) revert ProjectRegistrySharesSum(true, ipSum);
        if (!stored[lead].isParticipant) revert ProjectRegistryLeadNotParticipant(lead);
        // Shares sum to 10000, so assigned <= net; the lead absorbs the (< n wei) remainder.
        stored[lead].costDue += net - assigned;
    }

    function _storeSchedule(
        uint256 projectId,
        MilestoneInput[] calldata ms,
        uint48[] calldata dates
    ) internal {
        if (ms.length == 0 || ms.length > MAX_MILESTONES)
            revert ProjectRegistryCountOutOfRange("milestones", ms.length, 1, MAX_MILESTONES);
        if (dates.length == 0 || dates.length > MAX_INSTALLMENTS)
            revert ProjectRegistryCountOutOfRange("installments", dates.length, 1, MAX_INSTALLMENTS);
        Milestone[] storage stored = _milestones[projectId];
        for (uint256 i = 0; i < ms.length; ++i) {
            if (ms[i].dueDate <= block.timestamp)
                revert ProjectRegistryInvalidDueDate("milestones", i, ms[i].dueDate);
            if (ms[i].specHash == bytes32(0)) revert ProjectRegistryEmptyField("milestone.specHash");
            Milestone storage m = stored.push();
            m.dueDate = ms[i].dueDate;
            m.specHash = ms[i].specHash;
        }
        uint48 previous = uint48(block.timestamp); // see proposedAt
        for (uint256 i = 0; i < dates.length; ++i) {
            if (dates[i] <= previous) revert ProjectRegistryInvalidDueDate("installments", i, dates[i]);
            previous = dates[i];
        }
        _installmentDueDates[projectId] = dates;
    }
}
