// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {Roles} from "../access/Roles.sol";
import {ICharter, CharterParams} from "../interfaces/ICharter.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {IBreachHistory} from "../interfaces/IBreachHistory.sol";
import {IMembership, Member, MemberKind, MemberStatus} from "../interfaces/IMembership.sol";

/// @title Membership
/// @notice The alliance's member register (F1, F6), its lead unit and secretariat (F3), the
/// constitution check, and the soulbound council seats (one ERC-721 per active member, ERC721Votes
/// with a timestamp clock) that `AllianceGovernor` counts: one member, one vote.
/// @dev Roles (AccessManager, mapped at deployment):
/// - COUNCIL (the timelock) may `admit`, `rejectApplication`, `suspend`, `reinstate`, `expel`,
///   `setLeadUnit`, `setSecretariat`. It can NOT edit a record's history, move a bond (bonds move only
///   through `Treasury`: released on cancel / reject / withdrawal, held on expulsion), give anyone a
///   second seat, bind a member to the charter, or give a vote to a member not bound by the charter
///   in force. Its decisions about a member's standing are reserved (supermajority, subject
///   recused, one member per proposal: B3) by the Governor's reserved set.
/// - DISCIPLINE (held by the timelock and by `DisputeResolution`) may `suspend` and `reinstate`
///   (a council decision or the remedy of a ruling); nothing else here.
/// - AGREEMENTS_MODULE (the `AgreementRegistry`) may call `onAccession` when a member signs a version
///   of the charter line (accession, or a first-charter signature): it records the binding and
///   activates the voting power of an active member bound by the charter in force. It can NOT admit,
///   mint or move a seat, change a status, or unbind anyone (binding ends only with the member's own
///   withdrawal or its expulsion).
/// - SECRETARIAT, EXPERT, SUPERVISOR, ARBITRATOR have no power here: they cannot admit, suspend or
///   expel, and cannot vote unless they are themselves members (a seat is the only vote).
/// - Members: apply, cancel their application, give / cancel notice, withdraw, update their profile.
///   Seats cannot be transferred, approved or delegated by anyone.
/// Votes: a seat's voting power is activated (self-delegated) only for a founder (admitted while no
/// charter is in force) or a member bound by the charter in force; the Governor further counts a vote
/// only from a member bound by the charter line in force when the proposal was made, so a member
/// not bound by the charter in force holds no vote. An amendment never unbinds anyone (line binding).
/// Lean records: storage keeps what this contract or another checks later (entity id, kind, status,
/// notice times, charter line, seat, per-status and per-kind counts, the seats' voting checkpoints);
/// names, profile hashes, application and admission times and the status history live in the events,
/// from which the SDK rebuilds them (`src/sdk/members.ts`). No list of members is kept on chain.
/// Invariants: I6 `activeCount() == countByStatus(Active) == seats in existence (totalSupply of
/// votes units)`; an account holds at most one seat, and holds one iff it is Active; the lead unit is
/// zero or an active member; every status change emits its event, so the status history (the events)
/// only grows; `boundCountOf(line)` is the number of active or suspended members whose `boundLine` is
/// `line`.
contract Membership is IMembership, AccessManaged, ERC721Votes, ReentrancyGuardTransient {
    /// @notice Hard cap on members (active + suspended), whatever the charter says. Keeps paged
    /// off-chain scans and the council's size bounded; the charter's `maxMembers` may only lower it.
    uint256 public constant MEMBER_CAP = 5000;
    /// @notice Longest display name in bytes (UTF-8: 85 CJK characters).
    uint256 public constant MAX_NAME_BYTES = 256;

    ICharter public immutable CHARTER;
    ITreasury public immutable TREASURY;
    /// @notice The breach history, whose member heads count the open claims against each member
    /// (B6: read at withdrawal, which is also when the bond is taken back).
    IBreachHistory public immutable HISTORY;

    mapping(address account => Member) private _members;
    mapping(bytes32 entityId => address account) private _entityHolder;
    mapping(uint256 line => uint256 count) private _boundCount;
    /// @dev When an account whose application was rejected may apply again (B8).
    mapping(address account => uint48 mayApplyAt) private _accountCooloff;
    /// @dev When a legal entity whose application was rejected may apply again, under any account (B8).
    mapping(bytes32 entityId => uint48 mayApplyAt) private _entityCooloff;
    address private _leadUnit;
    address private _secretariat;
    uint256 private _bindingEpoch;
    /// @dev Records per status, one slot: 48 bits per status at bit `48 * (status - 1)` (None is not
    /// counted). A field cannot overflow (2^48 records) and cannot go below zero (a record is counted
    /// in exactly the status it is in).
    uint256 private _statusCounts;
    /// @dev Active members per kind, 16 bits per kind at bit `16 * kind` (active <= MEMBER_CAP < 2^16),
    /// and the last seat id at bit `_SEAT_SHIFT` (48 bits), one slot.
    uint256 private _kindCountsAndSeat;

    uint256 private constant _MASK_APPLICANT = 1 << uint8(MemberStatus.Applicant);
    uint256 private constant _MASK_ACTIVE = 1 << uint8(MemberStatus.Active);
    uint256 private constant _MASK_SUSPENDED = 1 << uint8(MemberStatus.Suspended);
    uint256 private constant _MASK_CAN_APPLY =
        (1 << uint8(MemberStatus.None)) |
            (1 << uint8(MemberStatus.Withdrawn)) |
            (1 << uint8(MemberStatus.Expelled));
    uint256 private constant _SEAT_SHIFT = 160;

    constructor(
        address authority,
        ICharter charter,
        ITreasury treasury,
        IBreachHistory history
    ) AccessManaged(authority) ERC721("Covenant Seat", "SEAT") EIP712("Covenant Seat", "1") {
        if (
            authority == address(0) ||
            address(charter) == address(0) ||
            address(treasury) == address(0) ||
            address(history) == address(0)
        ) {
            revert MembershipZeroAddress();
        }
        CHARTER = charter;
        TREASURY = treasury;
        HISTORY = history;
    }

    // ================================================================== applications

    /// @inheritdoc IMembership
    function applyForMembership(
        bytes32 entityId,
        string calldata displayName,
        uint8 kind,
        bytes32 profileHash
    ) external nonReentrant {
        if (entityId == bytes32(0)) revert MembershipInvalidInput("entityId");
        if (bytes(displayName).length == 0 || bytes(displayName).length > MAX_NAME_BYTES)
            revert MembershipInvalidInput("name");
        if (kind > uint8(type(MemberKind).max)) revert MembershipInvalidInput("kind");
        if (profileHash == bytes32(0)) revert MembershipInvalidInput("profileHash");
        Member storage m = _members[msg.sender];
        MemberStatus current = m.status;
        _requireStatus(msg.sender, _MASK_CAN_APPLY);
        uint48 mayApplyAt = _accountCooloff[msg.sender];
        uint48 entityMayApplyAt = _entityCooloff[entityId];
        if (entityMayApplyAt > mayApplyAt) mayApplyAt = entityMayApplyAt;
        if (Time.timestamp() < mayApplyAt) revert MembershipCoolingOff(msg.sender, entityId, mayApplyAt);
        address holder = _entityHolder[entityId];
        if (holder != address(0) && holder != msg.sender) revert MembershipDuplicateEntity(entityId, holder);
        if (current != MemberStatus.None && m.entityId != entityId) {
            revert MembershipEntityMismatch(m.entityId, entityId);
        }

        // The kind is checked against the enum's range above, so the conversion cannot fail.
        MemberKind newKind = MemberKind(kind);
        if (current == MemberStatus.None) {
            _entityHolder[entityId] = msg.sender;
            m.entityId = entityId;
        }
        m.kind = newKind;
        m.previousStatus = current;
        _setStatus(msg.sender, MemberStatus.Applicant);
        emit MemberApplied(msg.sender, entityId, newKind, displayName, profileHash);

        uint256 bond = CHARTER.charterParams().bondAmount;
        uint256 held = TREASURY.bondOf(msg.sender);
        if (bond > held) {
            uint256 due = bond - held;
            uint256 received = TREASURY.postBond(msg.sender, msg.sender, due);
            if (received < due) revert MembershipBondShortfall(due, received);
        }
    }

    /// @inheritdoc IMembership
    function cancelApplication() external nonReentrant {
        _requireStatus(msg.sender, _MASK_APPLICANT);
        bool release = _closeApplication(msg.sender);
        emit ApplicationCancelled(msg.sender);
        if (release) _releaseBond(msg.sender);
    }

    /// @inheritdoc IMembership
    function rejectApplication(address applicant, bytes32 reasonHash) external restricted nonReentrant {
        if (applicant == address(0)) revert MembershipZeroAddress();
        _requireStatus(applicant, _MASK_APPLICANT);
        uint48 mayApplyAt = Time.timestamp() + CHARTER.charterParams().reapplicationCooloff;
        _accountCooloff[applicant] = mayApplyAt;
        _entityCooloff[_members[applicant].entityId] = mayApplyAt;
        bool release = _closeApplication(applicant);
        emit ApplicationRejected(applicant, reasonHash, mayApplyAt);
        if (release) _releaseBond(applicant);
    }

    // ================================================================== council decisions

    /// @inheritdoc IMembership
    function admit(address applicant) external restricted {
        if (applicant == address(0)) revert MembershipZeroAddress();
        _requireStatus(applicant, _MASK_APPLICANT);
        uint256 cap = memberCap();
        uint256 counts = _statusCounts;
        if (_countOf(counts, MemberStatus.Active) + _countOf(counts, MemberStatus.Suspended) >= cap) {
            revert MembershipCapReached(cap);
        }
        _members[applicant].previousStatus = MemberStatus.None;
        _setStatus(applicant, MemberStatus.Active);
        uint256 seatId = _mintSeat(applicant);
        emit MemberAdmitted(applicant, seatId);
        _activateVotingIfEligible(applicant, seatId);
    }

    /// @inheritdoc IMembership
    function suspend(address member, bytes32 reasonHash) external restricted {
        if (member == address(0)) revert MembershipZeroAddress();
        _requireStatus(member, _MASK_ACTIVE);
        _leaveActive(member, false);
        _setStatus(member, MemberStatus.Suspended);
        emit MemberSuspended(member, reasonHash);
    }

    /// @inheritdoc IMembership
    function reinstate(address member) external restricted {
        if (member == address(0)) revert MembershipZeroAddress();
        _requireStatus(member, _MASK_SUSPENDED);
        _setStatus(member, MemberStatus.Active);
        uint256 seatId = _mintSeat(member);
        emit MemberReinstated(member, seatId);
        _activateVotingIfEligible(member, seatId);
    }

    /// @inheritdoc IMembership
    function expel(address member, bytes32 reasonHash) external restricted {
        if (member == address(0)) revert MembershipZeroAddress();
        _requireStatus(member, _MASK_ACTIVE | _MASK_SUSPENDED);
        if (_members[member].status == MemberStatus.Active) {
            _leaveActive(member, true);
        } else {
            // A suspended member's seat is already burnt; only its kept delegation is reset.
            _delegate(member, address(0));
        }
        _unbind(member);
        _setStatus(member, MemberStatus.Expelled);
        emit MemberExpelled(member, reasonHash);
    }

    /// @inheritdoc IMembership
    function setLeadUnit(address member) external restricted {
        if (member == address(0)) revert MembershipZeroAddress();
        _requireStatus(member, _MASK_ACTIVE);
        _leadUnit = member;
        emit LeadUnitSet(member);
    }

    /// @inheritdoc IMembership
    function setSecretariat(address secretariat_) external restricted {
        if (secretariat_ == address(0)) revert MembershipZeroAddress();
        if (!_holdsSecretariatRole(secretariat_)) revert MembershipNotSecretariat(secretariat_);
        _secretariat = secretariat_;
        emit SecretariatSet(secretariat_);
    }

    /// @inheritdoc IMembership
    /// @dev Role: AGREEMENTS_MODULE (the registry calls it on a signature of the charter line).
    function onAccession(address member, uint256 line) external restricted {
        if (member == address(0)) revert MembershipZeroAddress();
        if (line == 0 || line > type(uint40).max) revert MembershipInvalidInput("line");
        _requireStatus(member, _MASK_ACTIVE | _MASK_SUSPENDED);
        Member storage m = _members[member];
        uint256 previous = m.boundLine;
        if (previous == line) revert MembershipAlreadyBound(member, line);
        // A member binds to one line at a time: re-signing a new first charter moves it.
        if (previous != 0) --_boundCount[previous];
        // Safe cast: line <= type(uint40).max was checked above.
        m.boundLine = uint40(line);
        uint256 count = ++_boundCount[line];
        ++_bindingEpoch;
        emit MemberBound(member, line, count);
        if (m.status == MemberStatus.Active) _activateVotingIfEligible(member, m.seatId);
    }

    /// @inheritdoc IMembership
    function boundLineOf(address account) external view returns (uint256) {
        return _members[account].boundLine;
    }

    /// @inheritdoc IMembership
    function boundCountOf(uint256 line) external view returns (uint256) {
        return _boundCount[line];
    }

    /// @inheritdoc IMembership
    function bindingEpoch() external view returns (uint256) {
        return _bindingEpoch;
    }

    // ================================================================== members' own actions

    /// @inheritdoc IMembership
    function giveWithdrawalNotice() external {
        _requireStatus(msg.sender, _MASK_ACTIVE);
        Member storage m = _members[msg.sender];
        uint48 now_ = Time.timestamp();
        // An expired notice (B6) is replaced by the new one.
        if (m.noticeAt != 0 && now_ < m.noticeExpiresAt) {
            revert MembershipNoticeAlreadyGiven(msg.sender, m.noticeAt);
        }
        CharterParams memory p = CHARTER.charterParams();
        uint48 earliest = now_ + p.noticePeriod;
        uint48 expiresAt = earliest + p.noticeValidity;
        m.noticeAt = now_;
        m.withdrawableAt = earliest;
        m.noticeExpiresAt = expiresAt;
        emit WithdrawalNoticeGiven(msg.sender, earliest, expiresAt);
    }

    /// @inheritdoc IMembership
    function cancelWithdrawalNotice() external {
        _requireStatus(msg.sender, _MASK_ACTIVE);
        if (_members[msg.sender].noticeAt == 0) revert MembershipNoNoticePending(msg.sender);
        _clearNotice(msg.sender);
    }

    /// @inheritdoc IMembership
    function withdraw() external nonReentrant {
        _requireStatus(msg.sender, _MASK_ACTIVE);
        Member storage m = _members[msg.sender];
        if (m.noticeAt == 0) revert MembershipNoNoticePending(msg.sender);
        uint48 now_ = Time.timestamp();
        if (now_ < m.withdrawableAt) revert MembershipNoticePending(msg.sender, m.withdrawableAt);
        if (now_ >= m.noticeExpiresAt) revert MembershipNoticeExpired(msg.sender, m.noticeExpiresAt);
        // B6: the breach history (a trusted suite module) counts the claims against it still open.
        uint256 openClaims = HISTORY.openClaimsAgainst(msg.sender);
        if (openClaims != 0) revert MembershipOpenClaims(msg.sender, openClaims);
        m.noticeAt = 0;
        m.withdrawableAt = 0;
        m.noticeExpiresAt = 0;
        _leaveActive(msg.sender, true);
        _unbind(msg.sender);
        _setStatus(msg.sender, MemberStatus.Withdrawn);
        emit MemberWithdrew(msg.sender);
        _releaseBond(msg.sender);
    }

    /// @inheritdoc IMembership
    function updateProfile(bytes32 profileHash) external {
        if (profileHash == bytes32(0)) revert MembershipInvalidInput("profileHash");
        _requireStatus(msg.sender, _MASK_APPLICANT | _MASK_ACTIVE | _MASK_SUSPENDED);
        emit ProfileUpdated(msg.sender, profileHash);
    }

    // ================================================================== views

    /// @inheritdoc IMembership
    function memberOf(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @inheritdoc IMembership
    function accountOfEntity(bytes32 entityId) external view returns (address) {
        return _entityHolder[entityId];
    }

    /// @inheritdoc IMembership
    function statusOf(address account) external view returns (MemberStatus) {
        return _members[account].status;
    }

    /// @inheritdoc IMembership
    function isActive(address account) public view returns (bool) {
        return _members[account].status == MemberStatus.Active;
    }

    /// @inheritdoc IMembership
    function isInGoodStanding(address account) public view returns (bool) {
        if (!isActive(account)) return false;
        uint256 line = CHARTER.charterLine();
        return line == 0 || _members[account].boundLine == line;
    }

    /// @inheritdoc IMembership
    function requireBusinessMember(address account) external view {
        uint256 line = CHARTER.charterLine();
        if (!_isConstituted(line != 0)) revert MembershipNotConstituted();
        _requireStatus(account, _MASK_ACTIVE);
        // A constituted alliance has a charter in force, so binding is what remains to check.
        if (_members[account].boundLine != line) revert MembershipNotAcceded(account);
    }

    /// @inheritdoc IMembership
    function activeCount() public view returns (uint256) {
        return _countOf(_statusCounts, MemberStatus.Active);
    }

    /// @inheritdoc IMembership
    function countByStatus(MemberStatus status) external view returns (uint256) {
        return status == MemberStatus.None ? 0 : _countOf(_statusCounts, status);
    }

    /// @inheritdoc IMembership
    function activeCountByKind(MemberKind kind) public view returns (uint256) {
        return _kindCountOf(_kindCountsAndSeat, kind);
    }

    /// @inheritdoc IMembership
    function leadUnit() external view returns (address) {
        return _leadUnit;
    }

    /// @inheritdoc IMembership
    function secretariat() external view returns (address) {
        return _secretariat;
    }

    /// @inheritdoc IMembership
    function memberCap() public view returns (uint256) {
        uint256 charterCap = CHARTER.charterParams().maxMembers;
        return charterCap < MEMBER_CAP ? charterCap : MEMBER_CAP;
    }

    /// @inheritdoc IMembership
    function isConstituted() public view returns (bool) {
        return _isConstituted(CHARTER.charterEffective());
    }

    // ================================================================== seat token (ERC-721, ERC-5805)

    /// @notice The seats' clock is the block timestamp (ERC-6372), so Governor snapshots are times.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode: timestamps.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Seats are soulbound: approvals always revert.
    function approve(address, uint256) public pure override {
        revert MembershipSeatNotTransferable();
    }

    /// @notice Seats are soulbound: operator approvals always revert.
    function setApprovalForAll(address, bool) public pure override {
        revert MembershipSeatNotTransferable();
    }

    /// @notice Voting power is managed by this contract (admission, accession); delegation reverts.
    function delegate(address) public pure override {
        revert MembershipSeatNotTransferable();
    }

    /// @notice Voting power is managed by this contract; delegation by signature reverts.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) public pure override {
        revert MembershipSeatNotTransferable();
    }

    /// @dev Only mints and burns: a transfer between two addresses reverts (A6).
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert MembershipSeatNotTransferable();
        return super._update(to, tokenId, auth);
    }

    // ================================================================== internals

    /// @dev Reverts unless `account`'s status is one of `expectedMask` (bit i = MemberStatus(i)).
    function _requireStatus(address account, uint256 expectedMask) private view {
        MemberStatus current = _members[account].status;
        if ((1 << uint8(current)) & expectedMask == 0) {
            revert MembershipUnexpectedStatus(account, current, expectedMask);
        }
    }

    /// @dev The one place a status changes: the record, the per-status counts and the active-per-kind
    /// counts. The caller emits the change's event (the status history lives in the events).
    function _setStatus(address account, MemberStatus next) private {
        Member storage m = _members[account];
        MemberStatus prev = m.status;
        uint256 counts = _statusCounts;
        // unchecked: each field stays within its 48 bits (see `_statusCounts`): `prev`'s count holds
        // this record, and no count reaches 2^48.
        unchecked {
            if (prev != MemberStatus.None) counts -= 1 << (48 * (uint8(prev) - 1));
            if (next != MemberStatus.None) counts += 1 << (48 * (uint8(next) - 1));
        }
        _statusCounts = counts;
        if (prev == MemberStatus.Active || next == MemberStatus.Active) {
            uint256 unit = 1 << (16 * uint8(m.kind));
            // unchecked: an Active record is counted under its kind (the kind changes only on
            // application, never while Active), and at most MEMBER_CAP < 2^16 are Active.
            unchecked {
                if (prev == MemberStatus.Active) _kindCountsAndSeat -= unit;
                else _kindCountsAndSeat += unit;
            }
        }
        m.status = next;
    }

    /// @dev The number of records in `status` (not None) in the packed `counts`.
    function _countOf(uint256 counts, MemberStatus status) private pure returns (uint256) {
        return (counts >> (48 * (uint8(status) - 1))) & type(uint48).max;
    }

    /// @dev The number of active members of `kind` in the packed `packed`.
    function _kindCountOf(uint256 packed, MemberKind kind) private pure returns (uint256) {
        return (packed >> (16 * uint8(kind))) & type(uint16).max;
    }

    /// @dev Ends a pending application. A first application is erased (entity id freed, so a squatter
    /// cannot keep a real entity's id); a re-application returns to its Withdrawn / Expelled record.
    /// Returns whether the bond is to be released (not for an applicant coming from Expelled).
    function _closeApplication(address account) private returns (bool release) {
        Member storage m = _members[account];
        MemberStatus back = m.previousStatus;
        release = back != MemberStatus.Expelled;
        if (back == MemberStatus.None) {
            delete _entityHolder[m.entityId];
            _setStatus(account, MemberStatus.None);
            delete _members[account];
        } else {
            m.previousStatus = MemberStatus.None;
            _setStatus(account, back);
        }
    }

    /// @dev Everything that happens when an active member stops being active: its notice lapses,
    /// the lead unit post falls vacant, its seat is burnt. `resetVoting` clears its delegation, so
    /// a later re-admission must activate voting power again (not on suspension).
    function _leaveActive(address member, bool resetVoting) private {
        Member storage m = _members[member];
        if (m.noticeAt != 0) _clearNotice(member);
        if (_leadUnit == member) {
            _leadUnit = address(0);
            emit LeadUnitVacated(member);
        }
        if (resetVoting) _delegate(member, address(0));
        uint256 seatId = m.seatId;
        m.seatId = 0;
        _burn(seatId);
    }

    function _clearNotice(address member) private {
        Member storage m = _members[member];
        m.noticeAt = 0;
        m.withdrawableAt = 0;
        m.noticeExpiresAt = 0;
        emit WithdrawalNoticeCancelled(member);
    }

    /// @dev A withdrawing or expelled member stops being bound by the charter: the line's count falls
    /// and the binding epoch changes, so a pending charter amendment by signatures goes stale (B1).
    function _unbind(address member) private {
        Member storage m = _members[member];
        uint256 line = m.boundLine;
        if (line == 0) return;
        --_boundCount[line];
        m.boundLine = 0;
        ++_bindingEpoch;
    }

    /// @dev F1/F3 with `charterInForce` read by the caller.
    function _isConstituted(bool charterInForce) private view returns (bool) {
        uint256 kinds = _kindCountsAndSeat;
        return
            charterInForce &&
            activeCount() >= 2 &&
            _kindCountOf(kinds, MemberKind.Enterprise) >= 1 &&
            _kindCountOf(kinds, MemberKind.University) + _kindCountOf(kinds, MemberKind.ResearchInstitute) >=
                1 &&
            _leadUnit != address(0) &&
            _secretariat != address(0) &&
            _holdsSecretariatRole(_secretariat);
    }

    function _mintSeat(address member) private returns (uint256 seatId) {
        uint256 packed = _kindCountsAndSeat;
        seatId = (packed >> _SEAT_SHIFT) + 1;
        // Safe cast: a seat is minted per admission or reinstatement, far fewer than 2^48.
        _members[member].seatId = uint48(seatId);
        _kindCountsAndSeat = (packed & ((1 << _SEAT_SHIFT) - 1)) | (seatId << _SEAT_SHIFT);
        _mint(member, seatId);
    }

    /// @dev Founding members (no charter in force) and members bound by the charter in force vote.
    function _activateVotingIfEligible(address member, uint256 seatId) private {
        if (delegates(member) != address(0)) return;
        uint256 line = CHARTER.charterLine();
        if (line != 0 && _members[member].boundLine != line) return;
        _delegate(member, member);
        emit VotingActivated(member, seatId);
    }

    function _releaseBond(address member) private {
        if (TREASURY.bondOf(member) != 0) TREASURY.releaseBond(member, member);
    }

    function _holdsSecretariatRole(address account) private view returns (bool isMember) {
        (isMember, ) = IAccessManager(authority()).hasRole(Roles.SECRETARIAT, account);
    }
}
