// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Proposed -> Screening (reviews) -> Approved | Rejected; Approved -> Active (project
/// agreement in force) -> Completed | Cancelled. Approved -> Cancelled too.
enum ProjectStatus {
    None,
    Proposed,
    Approved,
    Rejected,
    Active,
    Completed,
    Cancelled
}

/// @notice Budget line categories (chapter 5 of a project agreement).
enum BudgetCategory {
    Equipment,
    Materials,
    Personnel,
    Testing,
    Travel,
    Outsourcing,
    Other
}

/// @notice Pending -> Reported (the lead filed a deliverable) -> Accepted; Reported -> Pending when
/// a participant or an expert rejects the deliverable.
enum MilestoneStatus {
    Pending,
    Reported,
    Accepted
}

/// @notice One participant as proposed: its cost share, its pre-agreed share of the project's IP
/// (F5) and the hash of its task description (the division of tasks, F2).
struct ParticipantInput {
    address account;
    uint16 costShareBps;
    uint16 ipShareBps;
    bytes32 taskHash;
}

/// @notice One budget line: a category and the most that may be spent on it (project and grant money together).
struct BudgetLine {
    BudgetCategory category;
    uint256 amount;
}

/// @notice One milestone as proposed: when it is due and the hash of the deliverable's description.
struct MilestoneInput {
    uint48 dueDate;
    bytes32 specHash;
}

/// @notice Everything a proposal fixes. `termsHash` is SHA-256 of the RFC 8785 canonical JSON that
/// `src/sdk/projectTerms.ts` builds from exactly these fields; the project agreement must carry the
/// same terms hash for the project to activate.
struct ProjectProposal {
    string title;
    /// SHA-256 of the project plan document.
    bytes32 documentHash;
    /// SHA-256 of the canonical project terms JSON (see above).
    bytes32 termsHash;
    /// The participant that leads the project (reports milestones, requests spends).
    address lead;
    ParticipantInput[] participants;
    BudgetLine[] budgetLines;
    MilestoneInput[] milestones;
    /// Due dates of the contribution installments, strictly increasing and in the future.
    uint48[] installmentDueDates;
    /// Optional government grant (0 = none), at most the charter's `grantCapBps` of the budget.
    uint256 grantAmount;
    /// The grant's funder (address(0) when there is no grant).
    address grantFunder;
    /// Bit i set = budget line i may be paid from the grant (0 when there is no grant).
    uint32 grantLinesMask;
    /// The project agreement's clause on contributions; recorded defaults cite it.
    bytes32 contributionClauseId;
}

/// @notice A project's header as stored.
struct Project {
    ProjectStatus status;
    address proposer;
    address lead;
    address grantFunder;
    uint48 proposedAt;
    uint48 decidedAt;
    uint48 activatedAt;
    uint48 closedAt;
    uint32 grantLinesMask;
    uint16 reviewCount;
    uint16 milestonesAccepted;
    /// Late penalty (bps of a missed installment), fixed from the charter at activation.
    uint16 latePenaltyBps;
    /// Grace period (seconds) after an installment's due date, fixed from the charter at activation.
    uint32 gracePeriod;
    bytes32 documentHash;
    bytes32 termsHash;
    bytes32 contributionClauseId;
    /// Sum of the budget lines.
    uint256 budget;
    uint256 grantAmount;
    /// The project agreement (AgreementRegistry id); 0 before activation.
    uint256 agreementId;
    string title;
}

/// @notice A participant as stored.
struct Participant {
    bool isParticipant;
    /// Position in the project's participant list.
    uint8 index;
    uint16 costShareBps;
    uint16 ipShareBps;
    bytes32 taskHash;
    /// What the participant owes in total: floor(costShareBps x (budget - grant) / 10000), plus, for
    /// the lead, the remainder of that split.
    uint256 costDue;
}

/// @notice A milestone as stored.
struct Milestone {
    MilestoneStatus status;
    uint48 dueDate;
    uint48 reportedAt;
    uint48 acceptedAt;
    address acceptedBy;
    bytes32 specHash;
    /// SHA-256 of the deliverable the lead reported last; 0 before a report.
    bytes32 deliverableHash;
}

/// @notice An expert's review of a proposal (R1).
struct Review {
    address expert;
    uint8 score;
    uint48 filedAt;
    bytes32 opinionHash;
}

/// @title IProjectRegistry
/// @notice Joint R&D projects (R1, R2, F2, F5): proposal, expert screening, approval, activation under
/// a signed project agreement, milestones and close. Money (contributions, defaults, refunds, grant
/// deposits) is handled by `ProjectFunding`, spends by `ProjectSpending`; both read this registry.
/// The first four functions are the part other modules (IPRegistry, LicenseManager) call.
interface IProjectRegistry {
    // ------------------------------------------------------------------ errors
    error ProjectRegistryZeroAddress();
    /// @dev Project `projectId` is in `current` where one of `expectedMask` (bit i = ProjectStatus(i)) is needed.
    error ProjectRegistryUnexpectedStatus(uint256 projectId, ProjectStatus current, uint256 expectedMask);
    /// @dev A proposal field is empty or zero where a value is required (`field` names it).
    error ProjectRegistryEmptyField(string field);
    /// @dev `field` holds `count` entries where `min`..`max` are allowed.
    error ProjectRegistryCountOutOfRange(string field, uint256 count, uint256 min, uint256 max);
    /// @dev A participant is address(0) or listed twice.
    error ProjectRegistryInvalidParticipant(address account);
    /// @dev A participant has a zero cost share or a zero IP share.
    error ProjectRegistryZeroShare(address account);
    /// @dev The cost shares (`ip` false) or IP shares (`ip` true) sum to `sum` instead of 10000.
    error ProjectRegistrySharesSum(bool ip, uint256 sum);
    /// @dev The lead is not one of the participants.
    error ProjectRegistryLeadNotParticipant(address lead);
    /// @dev A due date (milestone or installment `index`) is in the past or out of order.
    error ProjectRegistryInvalidDueDate(string field, uint256 index, uint256 dueDate);
    /// @dev The grant is above the charter's cap (`cap` = grantCapBps of the budget).
    error ProjectRegistryGrantAboveCap(uint256 grant, uint256 cap);
    /// @dev Grant amount, funder and allowed lines are inconsistent (e.g. a funder without a grant,
    /// a grant without lines, a line bit beyond the budget lines).
    error ProjectRegistryInvalidGrant(uint256 grant, address funder, uint32 linesMask);
    /// @dev The caller does not hold the EXPERT role.
    error ProjectRegistryNotExpert(address account);
    error ProjectRegistryAlreadyReviewed(uint256 projectId, address expert);
    /// @dev Scores run from 0 to `MAX_SCORE`.
    error ProjectRegistryInvalidScore(uint8 score);
    /// @dev The proposal has `have` reviews where the charter asks `need`.
    error ProjectRegistryNotEnoughReviews(uint256 projectId, uint256 have, uint256 need);
    /// @dev The secretariat decides only budgets strictly below the charter's `secretariatBudgetLimit`.
    error ProjectRegistryBudgetAboveSecretariatLimit(uint256 budget, uint256 limit);
    error ProjectRegistryAgreementNotEffective(uint256 agreementId);
    /// @dev The agreement is not a Project agreement, or its terms hash or parties differ from the proposal's.
    error ProjectRegistryAgreementMismatch(uint256 agreementId, string what);
    /// @dev The agreement already governs project `projectId`.
    error ProjectRegistryAgreementInUse(uint256 agreementId, uint256 projectId);
    /// @dev The project agreement has no clause `clauseId` in its penalty schedule.
    error ProjectRegistryUnknownClause(uint256 agreementId, bytes32 clauseId);
    error ProjectRegistryNotLead(uint256 projectId, address account);
    /// @dev Only a participant other than the lead, or an expert who neither proposed the project nor
    /// participates in it, accepts or rejects a deliverable: the lead never accepts its own (B13).
    error ProjectRegistryNotAcceptor(uint256 projectId, address account);
    /// @dev `account` proposed the project or participates in it, so it cannot review or decide it (B13).
    error ProjectRegistryOwnProject(uint256 projectId, address account);
    error ProjectRegistryUnknownMilestone(uint256 projectId, uint256 index);
    error ProjectRegistryUnexpectedMilestoneStatus(
        uint256 projectId,
        uint256 index,
        MilestoneStatus current,
        MilestoneStatus expected
    );
    /// @dev Completion needs every milestone accepted.
    error ProjectRegistryMilestonesOpen(uint256 projectId, uint256 accepted, uint256 total);
    error ProjectRegistryUnknownInstallment(uint256 projectId, uint256 index);
    error ProjectRegistryUnknownBudgetLine(uint256 projectId, uint256 line);
    error ProjectRegistryNotParticipant(uint256 projectId, address account);

    // ------------------------------------------------------------------ events
    event ProjectProposed(
        uint256 indexed projectId,
        address indexed proposer,
        address indexed lead,
        uint256 budget,
        uint256 grantAmount,
        bytes32 documentHash,
        bytes32 termsHash,
        string title
    );
    event ProjectReviewed(
        uint256 indexed projectId,
        address indexed expert,
        uint8 score,
        bytes32 opinionHash
    );
    /// @param bySecretariat True when the secretariat approved a small project, false for the council.
    event ProjectApproved(uint256 indexed projectId, address indexed by, bool bySecretariat);
    event ProjectRejected(
        uint256 indexed projectId,
        address indexed by,
        bool bySecretariat,
        bytes32 reasonHash
    );
    event ProjectActivated(
        uint256 indexed projectId,
        uint256 indexed agreementId,
        uint16 latePenaltyBps,
        uint32 gracePeriod
    );
    event MilestoneReported(uint256 indexed projectId, uint256 indexed index, bytes32 deliverableHash);
    event MilestoneAccepted(uint256 indexed projectId, uint256 indexed index, address indexed by);
    event MilestoneRejected(
        uint256 indexed projectId,
        uint256 indexed index,
        address indexed by,
        bytes32 reasonHash
    );
    event ProjectCompleted(uint256 indexed projectId, address indexed by);
    event ProjectCancelled(uint256 indexed projectId, address indexed by, bytes32 reasonHash);

    // ------------------------------------------------------------------ actions
    /// @notice A business member proposes a project. Checks every field (see the errors), computes each
    /// participant's cost due and stores the proposal. Returns the new project id (counter from 1).
    function propose(ProjectProposal calldata proposal) external returns (uint256 projectId);

    /// @notice An EXPERT files its one review of a proposed project (R1). An expert who proposed the
    /// project or is one of its participants cannot review it (B13: nobody reviews its own proposal).
    function submitReview(uint256 projectId, uint8 score, bytes32 opinionHash) external;

    /// @notice COUNCIL: approves a proposed project that has the charter's `minReviews` reviews. Approval
    /// binds nobody: the project starts only under a project agreement every participant signed.
    function approveProject(uint256 projectId) external;

    /// @notice COUNCIL: rejects a proposed project that has the charter's `minReviews` reviews.
    function rejectProject(uint256 projectId, bytes32 reasonHash) external;

    /// @notice SECRETARIAT: approves a reviewed project whose budget is below `secretariatBudgetLimit`.
    /// A secretariat account that proposed the project or participates in it cannot decide it (B13).
    function approveSmallProject(uint256 projectId) external;

    /// @notice SECRETARIAT: rejects a reviewed project whose budget is below `secretariatBudgetLimit`,
    /// under the same conditions as `approveSmallProject`.
    function rejectSmallProject(uint256 projectId, bytes32 reasonHash) external;

    /// @notice Anyone: activates an approved project under project agreement `agreementId`, which must be
    /// Effective, of kind Project, carry the proposal's terms hash, have exactly the participants as
    /// parties and hold the contribution clause. Fixes the charter's grace period and late penalty.
    function activate(uint256 projectId, uint256 agreementId) external;

    /// @notice The lead reports the deliverable of a pending milestone.
    function reportMilestone(uint256 projectId, uint256 index, bytes32 deliverableHash) external;

    /// @notice A participant other than the lead, or an EXPERT who neither proposed the project nor
    /// participates in it, accepts a reported deliverable. The lead never accepts its own deliverable,
    /// whatever role it holds (B13).
    function acceptMilestone(uint256 projectId, uint256 index) external;

    /// @notice The same acceptors as `acceptMilestone` reject a reported deliverable: the milestone is
    /// pending again.
    function rejectMilestone(uint256 projectId, uint256 index, bytes32 reasonHash) external;

    /// @notice The lead closes an active project once every milestone is accepted (by acceptors other
    /// than the lead). Installments due by the close stay owed: `ProjectFunding.recordDefault` still
    /// records a default on one of them after the close.
    function completeProject(uint256 projectId) external;

    /// @notice COUNCIL: cancels an approved or active project.
    function cancelProject(uint256 projectId, bytes32 reasonHash) external;

    // ------------------------------------------------------------------ views other modules call
    /// @notice The project's status; None for an unknown id.
    function projectStatus(uint256 projectId) external view returns (ProjectStatus);

    /// @notice The participants and their pre-agreed IP shares (bps, summing to 10000) of the
    /// project's results (F5): foreground IP is registered with exactly these owners and shares.
    function ipSharesOf(
        uint256 projectId
    ) external view returns (address[] memory participants, uint16[] memory ipSharesBps);

    /// @notice Whether `account` participates in the project.
    function isParticipant(uint256 projectId, address account) external view returns (bool);

    /// @notice The project agreement (AgreementRegistry id) in force for the project; 0 before activation.
    function projectAgreementOf(uint256 projectId) external view returns (uint256 agreementId);

    // ------------------------------------------------------------------ other views
    /// @notice Number of projects proposed so far (ids run 1..projectCount).
    function projectCount() external view returns (uint256);

    /// @notice The project's header (all-zero for an unknown id).
    function projectOf(uint256 projectId) external view returns (Project memory);

    /// @notice The project's participants in proposal order.
    function participantsOf(uint256 projectId) external view returns (address[] memory);

    /// @notice `account`'s participant record (all-zero when it does not participate).
    function participantOf(uint256 projectId, address account) external view returns (Participant memory);

    /// @notice The project's status, whether `account` participates and its position in the participant
    /// list (0 when it does not participate): one call for the spend and funding modules (B13 approvals
    /// are kept as a bitmap of positions).
    function participantIndexOf(
        uint256 projectId,
        address account
    ) external view returns (ProjectStatus status, bool participates, uint8 index);

    /// @notice The lead and `account`'s cost share (0 when it does not participate): one call for the spend module.
    function costShareOf(
        uint256 projectId,
        address account
    ) external view returns (uint16 costShareBps, address lead);

    function budgetLinesOf(uint256 projectId) external view returns (BudgetLine[] memory);

    /// @notice Budget line `line`'s amount, and whether the grant may pay it. Reverts for an unknown line.
    function budgetLineOf(
        uint256 projectId,
        uint256 line
    ) external view returns (uint256 amount, bool grantAllowed);

    function milestonesOf(uint256 projectId) external view returns (Milestone[] memory);

    function installmentDueDatesOf(uint256 projectId) external view returns (uint48[] memory);

    /// @notice Installment `index` of `participant`: its due date and amount. Every installment is
    /// floor(costDue / n); the last one also takes the remainder. Reverts for an unknown index.
    function installmentOf(
        uint256 projectId,
        address participant,
        uint256 index
    ) external view returns (uint48 dueDate, uint256 amount);

    /// @notice A page of the project's reviews, in filing order.
    function reviewsOf(
        uint256 projectId,
        uint256 offset,
        uint256 limit
    ) external view returns (Review[] memory);

    /// @notice The project governed by agreement `agreementId` (0 if none).
    function projectOfAgreement(uint256 agreementId) external view returns (uint256 projectId);
}
