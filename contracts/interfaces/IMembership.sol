// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The kind of legal entity a member is (F1).
enum MemberKind {
    Enterprise,
    University,
    ResearchInstitute,
    Government,
    Intermediary,
    Financial,
    Other
}

/// @notice A member's standing. Allowed transitions:
/// None -> Applicant (apply); Applicant -> None (application cancelled or rejected);
/// Applicant -> Active (admit); Active -> Suspended (suspend); Suspended -> Active (reinstate);
/// Active -> Withdrawn (withdraw after notice); Active | Suspended -> Expelled (expel);
/// Withdrawn | Expelled -> Applicant (apply again; the record is kept and re-used).
enum MemberStatus {
    None,
    Applicant,
    Active,
    Suspended,
    Withdrawn,
    Expelled
}

/// @notice One member's record. Nothing in it is ever deleted; a status change only appends to the
/// member's status checkpoints.
struct Member {
    /// keccak256 or SHA-256 of the legal entity id (e.g. the unified social credit code); unique.
    bytes32 entityId;
    /// SHA-256 of the member's profile document (registration certificate, contacts, ...).
    bytes32 profileHash;
    /// Display name, UTF-8 (e.g. 中国钢研科技集团); returned byte for byte as given.
    string name;
    MemberKind kind;
    MemberStatus status;
    /// When the current application was filed.
    uint48 appliedAt;
    /// When the member was last admitted or reinstated; 0 if never.
    uint48 admittedAt;
    /// When a withdrawal notice was given; 0 if none is pending.
    uint48 noticeAt;
    /// The member's current seat (ERC-721 token id); 0 when it holds none.
    uint256 seatId;
}

/// @title IMembership
/// @notice Who the members are, of what kind, in what standing (F1, F3, F6), and the soulbound
/// voting seats the council votes with (one member, one vote).
interface IMembership {
    // ------------------------------------------------------------------ errors
    /// @dev `account` is the zero address where an address is required.
    error MembershipZeroAddress();
    /// @dev The entity id is already held by another record.
    error MembershipDuplicateEntity(bytes32 entityId, address holder);
    /// @dev The entity id, name or kind given is empty or out of range.
    error MembershipInvalidInput(string field);
    /// @dev `account` is in `current` standing where one of `expectedMask` (bit i = MemberStatus(i)) is needed.
    error MembershipUnexpectedStatus(address account, MemberStatus current, uint256 expectedMask);
    /// @dev Admitting one more would pass the charter's member cap.
    error MembershipCapReached(uint256 cap);
    /// @dev The withdrawal notice period has not run out yet.
    error MembershipNoticePending(address member, uint256 earliest);
    /// @dev Seats are soulbound: they cannot be transferred, approved or delegated elsewhere.
    error MembershipSeatNotTransferable();
    /// @dev The alliance is not constituted (F1, F3): business is refused.
    error MembershipNotConstituted();
    /// @dev The member must accede to (sign) the charter in force before doing alliance business.
    error MembershipNotAcceded(address member);

    // ------------------------------------------------------------------ events
    event MemberApplied(
        address indexed account,
        bytes32 indexed entityId,
        MemberKind kind,
        string name,
        bytes32 profileHash
    );
    event ApplicationCancelled(address indexed account);
    event ApplicationRejected(address indexed account, bytes32 reasonHash);
    event MemberAdmitted(address indexed member, uint256 seatId);
    event MemberSuspended(address indexed member, bytes32 reasonHash);
    event MemberReinstated(address indexed member, uint256 seatId);
    event WithdrawalNoticeGiven(address indexed member, uint256 earliestWithdrawal);
    event WithdrawalNoticeCancelled(address indexed member);
    event MemberWithdrew(address indexed member);
    event MemberExpelled(address indexed member, bytes32 reasonHash);
    event ProfileUpdated(address indexed member, bytes32 profileHash);
    event LeadUnitSet(address indexed leadUnit);
    event SecretariatSet(address indexed secretariat);
    event VotingActivated(address indexed member, uint256 seatId);

    // ------------------------------------------------------------------ actions
    /// @notice Applies for membership and posts the charter's performance bond (pulled from the
    /// caller into `Treasury`, which must be approved for it).
    function applyForMembership(
        bytes32 entityId,
        string calldata name,
        MemberKind kind,
        bytes32 profileHash
    ) external;

    /// @notice Withdraws a pending application; the bond becomes withdrawable from `Treasury`.
    function cancelApplication() external;

    /// @notice Council: rejects a pending application; the bond becomes withdrawable.
    function rejectApplication(address applicant, bytes32 reasonHash) external;

    /// @notice Council: admits an applicant, mints its seat. Founding members (admitted before the
    /// charter is in force) get voting power at once; later members when they accede to the charter.
    function admit(address applicant) external;

    /// @notice Council or a dispute ruling: suspends an active member; its seat is burnt.
    function suspend(address member, bytes32 reasonHash) external;

    /// @notice Council: reinstates a suspended member with a new seat.
    function reinstate(address member) external;

    /// @notice Council: expels an active or suspended member. The record, bond and accrued income stay.
    function expel(address member, bytes32 reasonHash) external;

    /// @notice An active member gives notice of withdrawal; it may withdraw after the notice period.
    function giveWithdrawalNotice() external;

    /// @notice Cancels the caller's pending withdrawal notice.
    function cancelWithdrawalNotice() external;

    /// @notice Withdraws after the notice period; the seat is burnt and the bond becomes withdrawable.
    function withdraw() external;

    /// @notice Updates the caller's profile document hash.
    function updateProfile(bytes32 profileHash) external;

    /// @notice Council: names the lead unit, the active member bearing the alliance's external liability (F3).
    function setLeadUnit(address member) external;

    /// @notice Council: names the secretariat's address (it must hold the SECRETARIAT role).
    function setSecretariat(address secretariat) external;

    /// @notice Agreements module: `member` acceded to the charter in force; activates its voting power.
    function onAccession(address member) external;

    // ------------------------------------------------------------------ views
    function memberOf(address account) external view returns (Member memory);
    function accountOfEntity(bytes32 entityId) external view returns (address);
    function statusOf(address account) external view returns (MemberStatus);
    /// @notice `account`'s status at `timestamp` (inclusive), from its status checkpoints.
    function statusAt(address account, uint48 timestamp) external view returns (MemberStatus);
    function isActive(address account) external view returns (bool);
    /// @notice Active, and acceded to the charter in force (or no charter in force yet).
    function isInGoodStanding(address account) external view returns (bool);
    /// @notice Reverts unless the alliance is constituted and `account` is in good standing.
    function requireBusinessMember(address account) external view;
    function activeCount() external view returns (uint256);
    function countByStatus(MemberStatus status) external view returns (uint256);
    function activeCountByKind(MemberKind kind) external view returns (uint256);
    function membersByStatus(
        MemberStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory);
    function membersByKind(
        MemberKind kind,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory);
    function leadUnit() external view returns (address);
    function secretariat() external view returns (address);
    /// @notice F1/F3: >= 2 active members, >= 1 enterprise, >= 1 university or research institute,
    /// an active lead unit, a secretariat holding its role, and a charter in force.
    function isConstituted() external view returns (bool);
}
