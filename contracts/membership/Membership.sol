// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {Roles} from "../access/Roles.sol";
import {ICharter, CharterParams} from "../interfaces/ICharter.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
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
/// - DISPUTES_MODULE may call `onClaimAgainst`, which only counts the open claims against an
///   account; while one is open the member cannot withdraw or take back its bond (B6). It can NOT
///   change anyone's status.
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
/// Invariants: I6 `activeCount() == countByStatus(Active) == seats in existence (totalSupply of
/// votes units)`; an account holds at most one seat, and holds one iff it is Active; the lead unit is
/// zero or an active member; the status history of an account only grows; `boundCountOf(line)` is the
/// number of active or suspended members whose `boundLine` is `line`.
contract Membership is IMembership, AccessManaged, ERC721Votes, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Hard cap on members (active + suspended), whatever the charter says. Keeps paged
    /// off-chain scans and the council's size bounded; the charter's `maxMembers` may only lower it.
    uint256 public constant MEMBER_CAP = 5000;
    /// @notice Longest display name in bytes (UTF-8: 85 CJK characters).
    uint256 public constant MAX_NAME_BYTES = 256;

    ICharter public immutable CHARTER;
    ITreasury public immutable TREASURY;

    mapping(address account => Member) private _members;
    mapping(bytes32 entityId => address account) private _entityHolder;
    mapping(address account => Checkpoints.Trace208) private _statusHistory;
    mapping(MemberStatus status => EnumerableSet.AddressSet) private _byStatus;
    mapping(MemberKind kind => EnumerableSet.AddressSet) private _byKind;
    mapping(MemberKind kind => uint256 count) private _activeByKind;
    mapping(address account => uint256 count) private _openClaimsAgainst;
    mapping(uint256 line => uint256 count) private _boundCount;
    /// @dev When an account whose application was rejected may apply again (B8).
    mapping(address account => uint48 mayApplyAt) private _accountCooloff;
    /// @dev When a legal entity whose application was rejected may apply again, under any account (B8).
    mapping(bytes32 entityId => uint48 mayApplyAt) private _entityCooloff;
    address private _leadUnit;
    address private _secretariat;
    uint256 private _lastSeatId;
    uint256 private _bindingEpoch;

    uint256 private constant _MASK_APPLICANT = 1 << uint8(MemberStatus.Applicant);
    uint256 private constant _MASK_ACTIVE = 1 << uint8(MemberStatus.Active);
    uint256 private constant _MASK_SUSPENDED = 1 << uint8(MemberStatus.Suspended);
    uint256 private constant _MASK_CAN_APPLY =
        (1 << uint8(MemberStatus.None)) |
            (1 << uint8(MemberStatus.Withdrawn)) |
            (1 << uint8(MemberStatus.Expelled));

    constructor(
        address authority,
        ICharter charter,
        ITreasury treasury
    ) AccessManaged(authority) ERC721("Covenant Seat", "SEAT") EIP712("Covenant Seat", "1") {
        if (authority == address(0) || address(charter) == address(0) || address(treasury) == address(0)) {
            revert MembershipZeroAddress();
        }
        CHARTER = charter;
        TREASURY = treasury;
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
        if (current != MemberStatus.None) _byKind[m.kind].remove(msg.sender);
        _byKind[newKind].add(msg.sender);
        _entityHolder[entityId] = msg.sender;
        m.entityId = entityId;
        m.profileHash = profileHash;
        m.name = displayName;
        m.kind = newKind;
        m.previousStatus = current;
        m.appliedAt = Time.timestamp();
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
        if (_byStatus[MemberStatus.Active].length() + _byStatus[MemberStatus.Suspended].length() >= cap) {
            revert MembershipCapReached(cap);
        }
        Member storage m = _members[applicant];
        m.previousStatus = MemberStatus.None;
        m.admittedAt = Time.timestamp();
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
        _members[member].admittedAt = Time.timestamp();
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
    /// @dev Role: DISPUTES_MODULE.
    function onClaimAgainst(address respondent, bool opened) external restricted {
        uint256 count = _openClaimsAgainst[respondent];
        if (opened) {
            ++count;
        } else if (count != 0) {
            // unchecked: count != 0 was checked just above.
            unchecked {
                --count;
            }
        } else {
            return;
        }
        _openClaimsAgainst[respondent] = count;
        emit OpenClaimsChanged(respondent, count);
    }

    /// @inheritdoc IMembership
    function openClaimsAgainst(address account) external view returns (uint256) {
        return _openClaimsAgainst[account];
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
        uint256 openClaims = _openClaimsAgainst[msg.sender];
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
        _members[msg.sender].profileHash = profileHash;
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
    function statusAt(address account, uint48 timestamp) external view returns (MemberStatus) {
        // Only MemberStatus values (< 6) are ever pushed, so the narrowing cast is exact.
        return MemberStatus(uint8(_statusHistory[account].upperLookupRecent(timestamp)));
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
        return _byStatus[MemberStatus.Active].length();
    }

    /// @inheritdoc IMembership
    function countByStatus(MemberStatus status) external view returns (uint256) {
        return _byStatus[status].length();
    }

    /// @inheritdoc IMembership
    function activeCountByKind(MemberKind kind) public view returns (uint256) {
        return _activeByKind[kind];
    }

    /// @inheritdoc IMembership
    function membersByStatus(
        MemberStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory) {
        return _page(_byStatus[status], offset, limit);
    }

    /// @inheritdoc IMembership
    function membersByKind(
        MemberKind kind,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory) {
        return _page(_byKind[kind], offset, limit);
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

    /// @dev The one place a status changes: record, per-status sets, active-per-kind counts, checkpoints.
    function _setStatus(address account, MemberStatus next) private {
        Member storage m = _members[account];
        MemberStatus prev = m.status;
        if (prev != MemberStatus.None) _byStatus[prev].remove(account);
        if (next != MemberStatus.None) _byStatus[next].add(account);
        if (prev == MemberStatus.Active) --_activeByKind[m.kind];
        if (next == MemberStatus.Active) ++_activeByKind[m.kind];
        m.status = next;
        _statusHistory[account].push(Time.timestamp(), uint208(uint8(next)));
    }

    /// @dev Ends a pending application. A first application is erased (entity id freed, so a squatter
    /// cannot keep a real entity's id); a re-application returns to its Withdrawn / Expelled record.
    /// Returns whether the bond is to be released (not for an applicant coming from Expelled).
    function _closeApplication(address account) private returns (bool release) {
        Member storage m = _members[account];
        MemberStatus back = m.previousStatus;
        release = back != MemberStatus.Expelled;
        if (back == MemberStatus.None) {
            _byKind[m.kind].remove(account);
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
        return
            charterInForce &&
            activeCount() >= 2 &&
            _activeByKind[MemberKind.Enterprise] >= 1 &&
            _activeByKind[MemberKind.University] + _activeByKind[MemberKind.ResearchInstitute] >= 1 &&
            _leadUnit != address(0) &&
            _secretariat != address(0) &&
            _holdsSecretariatRole(_secretariat);
    }

    function _mintSeat(address member) private returns (uint256 seatId) {
        seatId = ++_lastSeatId;
        _members[member].seatId = seatId;
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

    function _page(
        EnumerableSet.AddressSet storage set,
        uint256 offset,
        uint256 limit
    ) private view returns (address[] memory out) {
        uint256 len = set.length();
        if (offset >= len) return new address[](0);
        uint256 end = len - offset < limit ? len : offset + limit;
        out = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) out[i - offset] = set.at(i);
    }
}
