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

/// @notice A member's standing. Each change emits its event (the status history lives in the events).
/// Allowed transitions:
/// None -> Applicant (apply); Applicant -> None (application cancelled or rejected);
/// Applicant -> Active (admit); Active -> Suspended (suspend); Suspended -> Active (reinstate);
/// Active -> Withdrawn (withdraw after notice); Active | Suspended -> Expelled (expel);
/// Withdrawn | Expelled -> Applicant (apply again; the record is kept and re-used), and a cancelled
/// or rejected re-application returns to the Withdrawn / Expelled standing it came from.
enum MemberStatus {
    None,
    Applicant,
    Active,
    Suspended,
    Withdrawn,
    Expelled
}

/// @notice One member's record: only what a contract checks later (lean records). The display name,
/// the profile document hash and the times of application and admission live in the events
/// (`MemberApplied`, `ProfileUpdated`, `MemberAdmitted`, `MemberReinstated`), and so does the status
/// history: every status change has its event. Two storage slots: the entity id, then the rest.
struct Member {
    /// keccak256 or SHA-256 of the legal entity id (e.g. the unified social credit code); unique.
    bytes32 entityId;
    MemberKind kind;
    MemberStatus status;
    /// The standing a pending application returns to if cancelled or rejected (None, Withdrawn or
    /// Expelled); None while no application is pending.
    MemberStatus previousStatus;
    /// The charter line the member is bound by: the id of the first version of the charter it signed
    /// a version of (as a party of the first charter or by accession); 0 if none. It is bound by the
    /// charter in force iff this equals `ICharter.charterLine()`. Cleared on withdrawal and expulsion.
    uint40 boundLine;
    /// When a withdrawal notice was given; 0 if none is pending.
    uint48 noticeAt;
    /// Earliest withdrawal under the pending notice (notice time + the charter's notice period in
    /// force when notice was given); 0 if none is pending.
    uint48 withdrawableAt;
    /// When the pending withdrawal notice expires: `withdrawableAt` + the charter's `noticeValidity`
    /// when notice was given. From that second on `withdraw` is refused and a new notice may be
    /// given (B6); 0 if none is pending.
    uint48 noticeExpiresAt;
    /// The member's current seat (ERC-721 token id); 0 when it holds none.
    uint48 seatId;
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
    /// @dev A re-application must name the entity id already on the record of `account`.
    error MembershipEntityMismatch(bytes32 recorded, bytes32 given);
    /// @dev `account` does not hold the SECRETARIAT role in the AccessManager.
    error MembershipNotSecretariat(address account);
    /// @dev The member has already given a withdrawal notice (at `noticeAt`).
    error MembershipNoticeAlreadyGiven(address member, uint256 noticeAt);
    /// @dev The member has no pending withdrawal notice.
    error MembershipNoNoticePending(address member);
    /// @dev The Treasury credited less than the bond due (e.g. a fee-on-transfer token).
    error MembershipBondShortfall(uint256 due, uint256 received);
    /// @dev `member` is the respondent of `openClaims` open claims: it cannot withdraw or take back its
    /// bond until they close (B6).
    error MembershipOpenClaims(address member, uint256 openClaims);
    /// @dev The member's withdrawal notice expired at `expiredAt` (B6): it must give a new notice and
    /// wait out the notice period again.
    error MembershipNoticeExpired(address member, uint256 expiredAt);
    /// @dev An application of this account, or of this legal entity under any account, was rejected:
    /// it may apply again from `mayApplyAt` (the charter's re-application cooling-off, B8).
    error MembershipCoolingOff(address account, bytes32 entityId, uint256 mayApplyAt);
    /// @dev `member` is already bound by charter line `line`.
    error MembershipAlreadyBound(address member, uint256 line);

    // ------------------------------------------------------------------ events
    /// @dev `account` applied (status Applicant). The only record of its display name and profile hash
    /// at application: readers rebuild names and application times from these events.
    event MemberApplied(
        address indexed account,
        bytes32 indexed entityId,
        MemberKind kind,
        string name,
        bytes32 profileHash
    );
    /// @dev The applicant cancelled: a first application's record is erased (status None), a
    /// re-application returns to the Withdrawn / Expelled standing it came from.
    event ApplicationCancelled(address indexed account);
    /// @dev The council rejected the application (status as for `ApplicationCancelled`); neither the
    /// account nor its legal entity id may apply again before `mayApplyAgainAt` (B8).
    event ApplicationRejected(address indexed account, bytes32 reasonHash, uint256 mayApplyAgainAt);
    /// @dev `member` was admitted (status Active) with seat `seatId`; the block time is its admission time.
    event MemberAdmitted(address indexed member, uint256 seatId);
    /// @dev `member` was suspended (status Suspended); its seat is burnt.
    event MemberSuspended(address indexed member, bytes32 reasonHash);
    /// @dev `member` was reinstated (status Active) with the new seat `seatId`; the block time is its
    /// admission time.
    event MemberReinstated(address indexed member, uint256 seatId);
    /// @dev The member may withdraw from `earliestWithdrawal` until just before `expiresAt` (B6).
    event WithdrawalNoticeGiven(address indexed member, uint256 earliestWithdrawal, uint256 expiresAt);
    event WithdrawalNoticeCancelled(address indexed member);
    /// @dev `member` withdrew (status Withdrawn).
    event MemberWithdrew(address indexed member);
    /// @dev `member` was expelled (status Expelled).
    event MemberExpelled(address indexed member, bytes32 reasonHash);
    /// @dev `member`'s profile document is now the one hashing to `profileHash` (kept in this event only).
    event ProfileUpdated(address indexed member, bytes32 profileHash);
    event LeadUnitSet(address indexed leadUnit);
    /// @dev The lead unit stopped being active (suspended, withdrew, expelled): the alliance is not
    /// constituted until the council names a new one.
    event LeadUnitVacated(address indexed formerLeadUnit);
    event SecretariatSet(address indexed secretariat);
    event VotingActivated(address indexed member, uint256 seatId);
    /// @dev `member` signed a version of charter line `line` and is bound by it; `boundCount` members
    /// are now bound by that line. Binding ends with `MemberWithdrew` or `MemberExpelled`.
    event MemberBound(address indexed member, uint256 indexed line, uint256 boundCount);

    // ------------------------------------------------------------------ actions
    /// @notice Applies for membership (F1, F6) and brings the caller's performance bond up to the
    /// charter's `bondAmount` (P2): the difference is pulled from the caller into `Treasury`, which
    /// the caller must have approved for it. A first application binds `entityId` to the caller; a
    /// re-application (from Withdrawn or Expelled) must name the same entity id and may update name,
    /// kind and profile. Storage keeps the entity id and the kind; the name and the profile hash are
    /// emitted in `MemberApplied` (lean records).
    /// @param entityId Hash of the legal entity id (e.g. of the unified social credit code); non-zero, unique.
    /// @param displayName Display name, UTF-8, 1..`MAX_NAME_BYTES` bytes, emitted byte for byte.
    /// @param kind A `MemberKind` value (uint8 in the ABI; an out-of-range value reverts with
    /// `MembershipInvalidInput("kind")`).
    /// @param profileHash SHA-256 of the profile document; non-zero.
    function applyForMembership(
        bytes32 entityId,
        string calldata displayName,
        uint8 kind,
        bytes32 profileHash
    ) external;

    /// @notice Withdraws the caller's pending application. Its bond is released to the caller's
    /// withdrawable balance in `Treasury` (pull), unless the applicant came from Expelled, whose bond
    /// stays held for the disputes that may slash it.
    function cancelApplication() external;

    /// @notice Council: rejects a pending application; the bond is released as for `cancelApplication`.
    /// Neither the account nor its legal entity id (under any account) may apply again before now +
    /// the charter's `reapplicationCooloff` (B8: an entity id cannot be squatted by re-applying).
    /// @param reasonHash SHA-256 of the written decision (may be zero).
    function rejectApplication(address applicant, bytes32 reasonHash) external;

    /// @notice Council: admits an applicant and mints its seat. Founding members (admitted while no
    /// charter is in force) are self-delegated at once; a member admitted while a charter is in force
    /// gets voting power when it is bound by that charter: at once if it already is, otherwise when
    /// the agreements module calls `onAccession`. Reverts past `min(MEMBER_CAP, maxMembers)`
    /// active + suspended members.
    function admit(address applicant) external;

    /// @notice Council or a dispute ruling (role DISCIPLINE: timelock + DisputeResolution): suspends
    /// an active member. Its seat is burnt (its delegation is kept for reinstatement), a pending
    /// withdrawal notice is cancelled, and if it was the lead unit the post falls vacant. Its bond
    /// stays held.
    /// @param reasonHash SHA-256 of the decision or ruling (may be zero).
    function suspend(address member, bytes32 reasonHash) external;

    /// @notice Council or a dispute ruling (role DISCIPLINE): reinstates a suspended member with a new
    /// seat; voting power returns if it had been activated before the suspension.
    function reinstate(address member) external;

    /// @notice Council: expels an active or suspended member. Its seat is burnt and its voting power
    /// reset (a later re-admission must activate it again); the record and the held bond stay.
    /// @param reasonHash SHA-256 of the decision (may be zero).
    function expel(address member, bytes32 reasonHash) external;

    /// @notice An active member gives notice of withdrawal; it may withdraw `noticePeriod` seconds
    /// (the charter's value now) later, until `noticeValidity` seconds (the charter's value now) after
    /// that; then the notice has expired (B6) and a new one may be given.
    function giveWithdrawalNotice() external;

    /// @notice Cancels the caller's pending withdrawal notice.
    function cancelWithdrawalNotice() external;

    /// @notice Withdraws once the notice has run out (at `withdrawableAt` or later) and before it
    /// expires (before `noticeExpiresAt`), while no claim against the caller is open (B6): the seat is
    /// burnt, voting power reset, the charter binding ended and the whole bond released to the
    /// caller's withdrawable balance.
    function withdraw() external;

    /// @notice Updates the caller's profile document hash (an applicant, active or suspended member):
    /// emits `ProfileUpdated`, the hash's only record.
    function updateProfile(bytes32 profileHash) external;

    /// @notice Council: names the lead unit, the active member bearing the alliance's external
    /// liability (F3). The post falls vacant when that member stops being active.
    function setLeadUnit(address member) external;

    /// @notice Council: names the secretariat's address; it must hold Roles.SECRETARIAT now (and
    /// `isConstituted` checks that it still does).
    function setSecretariat(address secretariat) external;

    /// @notice Agreements module: `member` (active or suspended) signed a version of charter line
    /// `line`: by accession to the charter in force, or as a party of a first charter (then `line` is
    /// that draft's id and counts once it takes effect). Records the binding (`boundLineOf`), moves the
    /// per-line counts, changes `bindingEpoch` (`MemberBound`), and, if `member` is active, holds a
    /// seat without voting power and `line` is the charter line in force (or none is in force),
    /// self-delegates it (`VotingActivated`). Reverts when `member` is already bound by `line`.
    function onAccession(address member, uint256 line) external;

    /// @notice The charter line `account` is bound by (0 if none): see `Member.boundLine`.
    function boundLineOf(address account) external view returns (uint256);

    /// @notice How many members (active or suspended) are bound by charter line `line`.
    function boundCountOf(uint256 line) external view returns (uint256);

    /// @notice A counter that changes whenever a member's charter binding starts or ends (an accession,
    /// a first-charter signature, a bound member's withdrawal or expulsion). A charter amendment by
    /// members' signatures records it at creation and cannot take effect once it changed (B1).
    function bindingEpoch() external view returns (uint256);

    // ------------------------------------------------------------------ views
    /// @notice The record of `account` (all zero for an address that never applied). Its name, profile
    /// hash and status history are in the events (see `Member`).
    function memberOf(address account) external view returns (Member memory);
    /// @notice The account bound to `entityId`; zero if none.
    function accountOfEntity(bytes32 entityId) external view returns (address);
    /// @notice The current status of `account`.
    function statusOf(address account) external view returns (MemberStatus);
    /// @notice Whether `account` is an active member.
    function isActive(address account) external view returns (bool);
    /// @notice Active, and bound by the charter in force (or no charter in force yet).
    function isInGoodStanding(address account) external view returns (bool);
    /// @notice Reverts unless the alliance is constituted (`MembershipNotConstituted`), `account` is
    /// active (`MembershipUnexpectedStatus`) and bound by the charter in force (`MembershipNotAcceded`).
    function requireBusinessMember(address account) external view;
    /// @notice Number of active members (== seats in existence, I6).
    function activeCount() external view returns (uint256);
    /// @notice Number of records in `status` (0 for None).
    function countByStatus(MemberStatus status) external view returns (uint256);
    /// @notice Number of active members of `kind` (O(1); used by the constitution check).
    function activeCountByKind(MemberKind kind) external view returns (uint256);
    /// @notice The lead unit; zero while the post is vacant.
    function leadUnit() external view returns (address);
    /// @notice The secretariat's address; zero until named.
    function secretariat() external view returns (address);
    /// @notice Most members the alliance can ever hold: `min(MEMBER_CAP, charter maxMembers)`.
    function memberCap() external view returns (uint256);
    /// @notice F1/F3: >= 2 active members, >= 1 active enterprise, >= 1 active university or
    /// research institute, a lead unit (always active), a secretariat still holding its role, and a
    /// charter in force.
    function isConstituted() external view returns (bool);
}
