// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice How a (target, selector) pair counts in a proposal.
/// None: ordinary (simple majority). Reserved: needs the charter's supermajority.
/// ReservedAboutMember: reserved, and the call's first argument (an address) names the member whose
/// standing the decision changes (suspension, expulsion, reinstatement, lead unit). A proposal names
/// at most one such member (B3), who is recused from voting on it and whose seat leaves its quorum
/// base. Admissions are plain Reserved: an applicant holds no seat, so admissions may be batched.
enum ReservedKind {
    None,
    Reserved,
    ReservedAboutMember
}

/// @notice One entry of the reserved set given at construction.
struct ReservedCall {
    /// `ANY_TARGET` (the zero address) reserves `selector` on every target.
    address target;
    /// `ANY_SELECTOR` (0x00000000) reserves every call to `target`.
    bytes4 selector;
    ReservedKind kind;
}

/// @notice The governor's initial settings (seconds; threshold in seats).
struct GovernorConfig {
    /// Seconds between proposing and the snapshot / start of voting.
    uint48 votingDelay;
    /// Seconds voting stays open after the snapshot.
    uint32 votingPeriod;
    /// Votes a proposer needs (1 = any member with voting power).
    uint256 proposalThreshold;
    /// Seconds after the deadline within which a succeeded proposal must be queued.
    uint48 queueWindow;
}

/// @notice The rules a proposal is decided by, fixed when it is created.
struct ProposalRules {
    /// Whether any of its calls is in the reserved set (at creation).
    bool reserved;
    /// Charter `quorumBps` at creation.
    uint16 quorumBps;
    /// Charter `supermajorityBps` at creation (applies only if `reserved`).
    uint16 supermajorityBps;
    /// The member whose standing the proposal changes (its `ReservedAboutMember` calls), recused and,
    /// if it held a seat at the snapshot, left out of the quorum base; zero if none (B3).
    address subject;
    /// `ICharter.charterLine()` at creation: when non-zero, only members bound by that charter line
    /// vote (a member not bound by the charter in force holds no vote); 0 = no charter was in force,
    /// every seat with voting power votes (founders before the first charter).
    uint56 charterLine;
}

/// @title IAllianceGovernor
/// @notice The council's decision rules on top of OpenZeppelin's Governor (F3, Outlook 6): one
/// member one vote, quorum and supermajority from the charter, fixed per proposal at creation.
interface IAllianceGovernor {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor address (the seats, the timelock or the charter) is the zero address.
    error AllianceGovernorZeroAddress();
    /// @dev The charter's thresholds cannot be met (a bps value above 10000).
    error AllianceGovernorInvalidThreshold(uint16 quorumBps, uint16 supermajorityBps);
    /// @dev `account` held no voting power at the proposal's snapshot (A2).
    error AllianceGovernorNoVotingPower(uint256 proposalId, address account, uint256 snapshot);
    /// @dev `account` is the member the proposal is about and may not vote on it.
    error AllianceGovernorVoterRecused(uint256 proposalId, address account);
    /// @dev A proposal may change the standing of one member only (B3): it names `first` and `second`.
    error AllianceGovernorSeveralSubjects(address first, address second);
    /// @dev `account` is not bound by the charter in force when the proposal was made (charter line
    /// `charterLine`), so it holds no vote on it; it accedes to the charter to vote on later proposals.
    error AllianceGovernorNotBound(uint256 proposalId, address account, uint256 charterLine);
    /// @dev The governor and its timelock are always reserved, so their entries cannot be changed; an
    /// entry for every selector of every target (ANY_TARGET, ANY_SELECTOR) is refused.
    error AllianceGovernorInvalidReservedCall(address target, bytes4 selector);
    /// @dev The queue window must be longer than zero.
    error AllianceGovernorZeroQueueWindow();

    // ------------------------------------------------------------------ events
    event ReservedCallSet(address indexed target, bytes4 indexed selector, ReservedKind kind);
    event ProposalRulesFixed(
        uint256 indexed proposalId,
        bool reserved,
        uint16 quorumBps,
        uint16 supermajorityBps
    );
    event VoterRecused(uint256 indexed proposalId, address indexed member);

    // ------------------------------------------------------------------ governance
    /// @notice Governance only (a passed, queued, executed proposal, itself reserved): sets how calls
    /// of `selector` on `target` count. `ANY_SELECTOR` sets the whole target; `ANY_TARGET` (the zero
    /// address) sets `selector` on every target.
    function setReservedCall(address target, bytes4 selector, ReservedKind kind) external;

    // ------------------------------------------------------------------ views
    /// @notice Seconds after the voting deadline within which a succeeded proposal must be queued;
    /// afterwards it is Expired and can never be queued or executed.
    // solhint-disable-next-line func-name-mixedcase
    function QUEUE_WINDOW() external view returns (uint48);

    /// @notice How a call with `data` to `target` counts now. Calls to the governor itself and to its
    /// timelock are always Reserved; otherwise the first entry that is not None of (target,
    /// selector), (target, `ANY_SELECTOR`), (`ANY_TARGET`, selector); calldata shorter than 4 bytes
    /// counts as selector 0x00000000.
    function reservedKindOf(address target, bytes calldata data) external view returns (ReservedKind);

    /// @notice The stored entry for (`target`, `selector`), without the always-reserved rule.
    function reservedEntry(address target, bytes4 selector) external view returns (ReservedKind);

    /// @notice The rules `proposalId` is decided by (fixed at creation).
    function proposalRules(uint256 proposalId) external view returns (ProposalRules memory);

    /// @notice Seats needed For + Abstain for `proposalId` to reach quorum: ceil(base * quorumBps /
    /// 10000), where base = seats at the snapshot minus the recused subject's seat if it held one then (B3).
    function proposalQuorum(uint256 proposalId) external view returns (uint256);

    /// @notice Whether `account` is recused from voting on `proposalId` (it is what the proposal is about).
    function isRecused(uint256 proposalId, address account) external view returns (bool);
}
