// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {
    IDisputeResolution,
    ClaimRequest,
    ClaimRecord,
    ClaimState,
    ClaimStatus
} from "../interfaces/IDisputeResolution.sol";
import {IBreachHistory, ClaimEntry, EntryKind} from "../interfaces/IBreachHistory.sol";
import {IRemedyExecution, RemedyOrder, RemedyPlan} from "../interfaces/IRemedyExecution.sol";
import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {IAgreementRegistry, Remedies} from "../interfaces/IAgreementRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {ITreasury} from "../interfaces/ITreasury.sol";
import {ILicenseManager, LicenseStatus} from "../interfaces/ILicenseManager.sol";
import {ClaimValidation} from "./ClaimValidation.sol";

/// @title DisputeResolution
/// @notice Breach claims over the clauses of the alliance's agreements, their evidence and their
/// arbitration by an ERC-792 arbitrator (F5, P2): the address claimants, respondents and arbitrators
/// talk to. Each step is written to the breach history (`BreachHistory`); the remedies of an upheld
/// ruling are carried out by `RemedyExecution`.
/// @dev Roles (AccessManager):
/// - COUNCIL: `setArbitrator` (for claims filed afterwards), `setLicenseManager`, and
///   `liftSuspensionByCouncil` (ends one ruling's licence suspension). Cannot rule, cannot re-impose a
///   suspension, undo a slash or a revocation, edit or delete a claim or a history entry, or move money.
/// - SECRETARIAT: may file claims for the alliance (damages and settlements then go to the alliance
///   fund, B12). Has no other power here.
/// - The arbitrator a claim was filed under: `rule` on its own disputes, once, after its appeal
///   window (C2). Cannot move money or pick remedies beyond those the claimant requested within the
///   clause's schedule (C4).
/// - Anyone: `executeRuling` of a claim whose arbitrator has ruled. Parties: file, answer, evidence, settle, cure,
///   withdraw, refer, appeal, close unresolved after the ruling deadline, and (claimant) lift its own
///   ruling's licence suspension, as documented per function.
/// This contract must hold DISPUTES_MODULE so that the treasury (claim bonds, settlements), the
/// arbitrator (`createDispute` of the PanelArbitrator), the breach history (`recordClaimEntry`) and
/// `RemedyExecution` accept its calls. It holds no other role: the slash, the licence remedies and
/// the membership suspension are `RemedyExecution`'s calls.
/// Invariant (B6): a claim's `Filed` entry is appended once, when it is filed, and exactly one closing
/// entry (`Cured`, `Settled`, `Withdrawn`, `Dismissed`, `ClosedUnresolved` here, `Executed` by
/// `RemedyExecution` in `executeRuling`) once, when it closes, by whichever path: the breach
/// history counts the open claims against the respondent from them, and Membership reads that count.
contract DisputeResolution is AccessManaged, IDisputeResolution, ReentrancyGuardTransient {
    uint256 public constant RULING_REFUSED = 0;
    uint256 public constant RULING_UPHELD = 1;
    uint256 public constant RULING_REJECTED = 2;
    uint256 public constant RULING_CHOICES = 2;
    /// @inheritdoc IDisputeResolution
    uint256 public constant RULING_PERIOD = 180 days;

    /// @dev Where a referred dispute stands: open, ruled (the ruling waits here until
    /// `executeRuling`, which supplies the claim's record), or closed unresolved.
    enum LinkState {
        None,
        Pending,
        Ruled,
        Closed
    }

    /// @dev A referred dispute: its claim, the last second its ruling is waited for (`appeal` moves
    /// it), where it stands and the ruling once given (one slot, written by `refer`).
    struct DisputeLink {
        uint64 claimId;
        uint48 rulingDueBy;
        LinkState state;
        uint8 ruling;
    }

    /// @dev What changes about a claim, in one storage word keyed by its (claimant, respondent,
    /// agreement, clause): the first 24 bytes of `keccak256(abi.encode(record, owed))` (the record is
    /// supplied back by every call and checked against it; `owed` is 0 except for an Executed claim
    /// whose money is not pulled yet), its status, ruling, flags and id. The key is also the
    /// duplicate check (C1: one open claim per four), so a claim needs no word of its own for it.
    /// A closed claim's word stays until the same four file again; an Executed claim that still owes
    /// money or holds a live licence suspension is then moved to `_executed` first.
    struct Word {
        bytes24 hash;
        ClaimStatus status;
        uint8 ruling;
        uint8 flags;
        uint32 claimId;
    }

    /// @dev `Word.flags`: the ruling suspended the respondent's licence (B7); that suspension was
    /// lifted; an Executed claim owes its claimant money not yet pulled.
    uint8 private constant _SUSPENDED = 1;
    uint8 private constant _LIFTED = 2;
    uint8 private constant _OWED = 4;

    IAgreementRegistry public immutable REGISTRY;
    IMembership public immutable MEMBERSHIP;
    ITreasury public immutable TREASURY;
    /// @notice The breach history every step of a claim is written to.
    IBreachHistory public immutable HISTORY;
    /// @notice The contract that carries out an upheld ruling's remedies.
    IRemedyExecution public immutable REMEDIES;

    /// @dev The arbitrator and the claim counter share a slot (both are read at every filing).
    IArbitrator private _arbitrator;
    uint64 private _claimCount;
    address private _licenseManager;
    mapping(bytes32 claimKey => Word) private _claims;
    mapping(uint256 claimId => Word) private _executed;
    mapping(uint256 claimId => uint256 paid) private _paid;
    mapping(IArbitrator arbitrator => mapping(uint256 disputeId => DisputeLink)) private _disputeClaims;

    constructor(
        address authority,
        IAgreementRegistry registry,
        IMembership membership,
        ITreasury treasury,
        IBreachHistory history,
        IRemedyExecution remedies,
        IArbitrator arbitrator_
    ) AccessManaged(authority) {
        if (
            authority == address(0) ||
            address(registry) == address(0) ||
            address(membership) == address(0) ||
            address(treasury) == address(0) ||
            address(history) == address(0) ||
            address(remedies) == address(0) ||
            address(arbitrator_) == address(0)
        ) revert DisputeResolutionZeroAddress();
        REGISTRY = registry;
        MEMBERSHIP = membership;
        TREASURY = treasury;
        HISTORY = history;
        REMEDIES = remedies;
        _arbitrator = arbitrator_;
        emit ArbitratorSet(arbitrator_);
    }

    // ================================================================== claims

    /// @inheritdoc IDisputeResolution
    function fileClaim(ClaimRequest calldata request) external nonReentrant returns (uint256 claimId) {
        ClaimValidation.Filing memory filing = ClaimValidation.validate(
            ClaimValidation.Context(authority(), address(REGISTRY), address(MEMBERSHIP), _licenseManager),
            request,
            msg.sender
        );
        Word storage w = _claims[
            _claimKey(msg.sender, request.respondent, request.agreementId, request.clauseId)
        ];
        ClaimStatus previous = w.status;
        if (_isOpen(previous)) revert DisputeResolutionDuplicateClaim(w.claimId);
        // An Executed claim on the same four that still owes money or holds a live suspension keeps
        // its word under its id (its claimant may still pull or lift).
        if (
            previous == ClaimStatus.Executed &&
            (w.flags & _OWED != 0 || w.flags & (_SUSPENDED | _LIFTED) == _SUSPENDED)
        ) _executed[w.claimId] = w;

        claimId = ++_claimCount;
        if (claimId > type(uint32).max) revert DisputeResolutionTooManyClaims(claimId);
        ClaimRecord memory r = _newRecord(claimId, request, filing);
        // The claim is open before the bond is pulled; its hash is completed with what arrived.
        (w.status, w.ruling, w.flags, w.claimId) = (ClaimStatus.Filed, 0, 0, uint32(claimId));
        if (filing.claimBond > 0) {
            // Credited by what arrived (M3, at most the charter's bond); the treasury is a trusted
            // suite module and this call is guarded by nonReentrant.
            r.bond = TREASURY.postClaimBond(claimId, msg.sender, filing.claimBond);
        }
        w.hash = _hash(r, 0);

        emit ClaimFiled(
            claimId,
            msg.sender,
            request.respondent,
            r,
            request.agreementVersion,
            request.statementURI
        );
        _record(r, EntryKind.Filed, 0, request.statementHash, request.damages);
        _evidence(r, request.evidenceHash, request.evidenceURI);
    }

    /// @inheritdoc IDisputeResolution
    function submitEvidence(ClaimRecord calldata r, bytes32 evidenceHash, string calldata uri) external {
        Word storage w = _load(r, 0);
        _requireStatus(
            r.claimId,
            w.status,
            _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered) | _mask(ClaimStatus.Arbitration)
        );
        _requireParty(r);
        if (evidenceHash == bytes32(0)) revert DisputeResolutionInvalidInput("evidenceHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("evidenceURI");
        _evidence(r, evidenceHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function answer(ClaimRecord calldata r, bytes32 responseHash, string calldata uri) external {
        Word storage w = _load(r, 0);
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Filed));
        _requireRespondent(r);
        if (block.timestamp > r.answerEndsAt) revert DisputeResolutionWindowClosed(r.claimId, r.answerEndsAt);
        if (responseHash == bytes32(0)) revert DisputeResolutionInvalidInput("responseHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("responseURI");
        w.status = ClaimStatus.Answered;
        emit ClaimAnswered(r.claimId, msg.sender, responseHash);
        _record(r, EntryKind.Answered, 0, responseHash, 0);
        _evidence(r, responseHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function paySettlement(ClaimRecord calldata r, uint256 amount) external nonReentrant {
        Word storage w = _load(r, 0);
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireRespondent(r);
        if (amount == 0) revert DisputeResolutionInvalidInput("amount");
        uint256 claimId = r.claimId;
        // B12: a secretariat claim's settlement goes to the alliance fund (the treasury credits its
        // fund when the beneficiary is itself), never to the secretariat account's balance.
        address beneficiary = r.forAlliance ? address(TREASURY) : r.claimant;
        // The treasury call comes first because what arrived (M3) decides whether the claim closes;
        // the treasury is a trusted suite module and this function is nonReentrant.
        uint256 received = TREASURY.receiveSettlement(claimId, msg.sender, beneficiary, amount);
        uint256 paid = _paid[claimId] + received;
        _paid[claimId] = paid;
        emit SettlementPaid(claimId, msg.sender, beneficiary, received);
        _record(r, EntryKind.SettlementPaid, 0, bytes32(0), received);
        if (r.remedies == Remedies.DAMAGES && paid >= r.damages) {
            w.status = ClaimStatus.Settled;
            emit ClaimSettled(claimId, paid);
            _record(r, EntryKind.Settled, 0, bytes32(0), paid);
            _awardBond(r, r.claimant);
        }
    }

    /// @inheritdoc IDisputeResolution
    function acceptCure(ClaimRecord calldata r) external nonReentrant {
        Word storage w = _load(r, 0);
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireClaimant(r);
        w.status = ClaimStatus.Cured;
        emit ClaimCured(r.claimId);
        _record(r, EntryKind.Cured, 0, bytes32(0), _paid[r.claimId]);
        _awardBond(r, r.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function withdrawClaim(ClaimRecord calldata r) external nonReentrant {
        Word storage w = _load(r, 0);
        ClaimStatus status = w.status;
        _requireStatus(r.claimId, status, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireClaimant(r);
        w.status = ClaimStatus.Withdrawn;
        emit ClaimWithdrawn(r.claimId);
        _record(r, EntryKind.Withdrawn, 0, bytes32(0), 0);
        _awardBond(r, status == ClaimStatus.Answered ? r.respondent : r.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function refer(ClaimRecord calldata r) external payable nonReentrant returns (uint256 disputeId) {
        Word storage w = _load(r, 0);
        ClaimStatus status = w.status;
        _requireStatus(r.claimId, status, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireParty(r);
        uint256 opensAfter = status == ClaimStatus.Answered ? r.cureEndsAt : r.answerEndsAt;
        if (block.timestamp <= opensAfter) revert DisputeResolutionWindowNotOpen(r.claimId, opensAfter);
        IArbitrator arb = r.arbitrator;
        bytes memory extraData = abi.encode(r.claimant, r.respondent);
        uint256 cost = arb.arbitrationCost(extraData);
        // ERC-792: at least the quote; everything sent is forwarded.
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        w.status = ClaimStatus.Arbitration;

        disputeId = arb.createDispute{value: msg.value}(RULING_CHOICES, extraData);
        // Written after the call because the arbitrator assigns the id; a re-entrant `rule` before
        // this line finds no claim for the dispute and reverts. Narrowing is safe: claim ids are
        // below 2^32 and timestamps fit in 48 bits.
        _disputeClaims[arb][disputeId] = DisputeLink(
            uint64(r.claimId),
            uint48(block.timestamp + RULING_PERIOD),
            LinkState.Pending,
            0
        );
        // ERC-1497: the agreement's meta-evidence before the dispute that names it (once per dispute,
        // not with every claim: an event is cheaper than a stored "already emitted" flag, and readers
        // take the latest for an id). The registry is a trusted suite module (a view).
        emit MetaEvidence(r.agreementId, REGISTRY.agreementOf(r.agreementId).uri);
        emit Dispute(arb, disputeId, r.agreementId, r.claimId);
        emit ClaimReferred(r.claimId, arb, disputeId);
        // B11: from here on the claim counts against the respondent (the history counts `Referred`).
        _record(r, EntryKind.Referred, 0, bytes32(disputeId), 0);
    }

    /// @inheritdoc IDisputeResolution
    function appeal(ClaimRecord calldata r, uint256 disputeId) external payable nonReentrant {
        Word storage w = _load(r, 0);
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Arbitration));
        _requireParty(r);
        IArbitrator arb = r.arbitrator;
        DisputeLink storage link = _link(r, disputeId);
        if (arb.disputeStatus(disputeId) != IArbitrator.DisputeStatus.Appealable)
            revert DisputeResolutionNotAppealable(disputeId);
        (uint256 start, uint256 end) = arb.appealPeriod(disputeId);
        if (block.timestamp < start) revert DisputeResolutionWindowNotOpen(r.claimId, start);
        if (block.timestamp > end) revert DisputeResolutionWindowClosed(r.claimId, end);
        bytes memory extraData = abi.encode(r.claimant, r.respondent);
        uint256 cost = arb.appealCost(disputeId, extraData);
        // ERC-792: at least the quote; everything sent is forwarded (an arbitrator may ask more than
        // its quote, as Kleros' reference arbitrator does: twice its appeal cost).
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        // Narrowing is safe: timestamps fit in 48 bits. The appeal round gets a full ruling period.
        link.rulingDueBy = uint48(block.timestamp + RULING_PERIOD);
        emit ClaimAppealed(r.claimId, msg.sender, disputeId);
        _record(r, EntryKind.Appealed, 0, bytes32(disputeId), 0);
        arb.appeal{value: msg.value}(disputeId, extraData);
    }

    /// @inheritdoc IArbitrable
    /// @dev The ruling is kept in the dispute's link; `executeRuling`, which supplies the claim's
    /// record, appends the `Ruled` entry with the entry that closes the claim.
    function rule(uint256 disputeId, uint256 ruling) external {
        IArbitrator arb = IArbitrator(msg.sender);
        DisputeLink storage link = _disputeClaims[arb][disputeId];
        uint256 claimId = link.claimId;
        if (claimId == 0) revert DisputeResolutionUnknownDispute(msg.sender, disputeId);
        LinkState state = link.state;
        if (state != LinkState.Pending)
            revert DisputeResolutionUnexpectedStatus(
                claimId,
                state == LinkState.Ruled ? ClaimStatus.Ruled : ClaimStatus.Unresolved,
                _mask(ClaimStatus.Arbitration)
            );
        if (ruling > RULING_CHOICES) revert DisputeResolutionInvalidRuling(ruling);
        (, uint256 end) = arb.appealPeriod(disputeId);
        if (end != 0 && block.timestamp <= end) revert DisputeResolutionAppealWindowOpen(disputeId, end);
        // Narrowing is safe: ruling <= RULING_CHOICES (2) was checked above.
        (link.state, link.ruling) = (LinkState.Ruled, uint8(ruling));
        emit Ruling(arb, disputeId, ruling);
        emit ClaimRuled(claimId, ruling);
    }

    /// @inheritdoc IDisputeResolution
    function executeRuling(ClaimRecord calldata r, uint256 disputeId) external nonReentrant {
        Word storage w = _load(r, 0);
        uint256 claimId = r.claimId;
        _requireStatus(claimId, w.status, _mask(ClaimStatus.Arbitration));
        DisputeLink storage link = _link(r, disputeId);
        if (link.state != LinkState.Ruled)
            revert DisputeResolutionUnexpectedStatus(
                claimId,
                ClaimStatus.Arbitration,
                _mask(ClaimStatus.Ruled)
            );
        uint8 ruling = link.ruling;
        w.ruling = ruling;
        if (ruling != RULING_UPHELD) {
            _dismiss(w, r, ruling, disputeId);
            return;
        }
        RemedyOrder memory order = _order(r, _paid[claimId], disputeId);
        // B7: record, before any state-changing call, that this claim's ruling suspends the licence
        // (a view of what `execute` does in this same transaction).
        // It does when the licence is live (Active or Suspended), as `RemedyExecution.planOf` decides.
        uint8 flags;
        if (r.remedies & Remedies.LICENSE_SUSPENSION != 0) {
            (LicenseStatus ls, , , ) = ILicenseManager(_licenseManager).licenseSummary(r.licenseId);
            if (ls == LicenseStatus.Active || ls == LicenseStatus.Suspended) flags = _SUSPENDED;
        }
        w.status = ClaimStatus.Executed;
        emit ClaimExecuted(claimId);
        // The remedy executor records the Ruled and Executed entries with the penalties (one history
        // call), then
        // applies them and slashes the bond into the claim money held (no token moves). It and the
        // treasury are trusted suite modules; this function is nonReentrant.
        RemedyPlan memory plan = REMEDIES.execute(order);
        // Pulled, not pushed: what the claimant is owed (its bond back, plus the slash unless it went
        // to the alliance fund, B12) is committed to in the word's hash until `claimPayout`. Written
        // after the call because the plan is decided there (a live word: one cheap rewrite).
        uint256 owed = r.bond;
        if (!order.forAlliance) owed += plan.slash;
        if (owed > 0) {
            flags |= _OWED;
            w.hash = _hash(r, owed);
            emit ClaimPayoutOwed(claimId, order.claimant, owed);
        }
        w.flags = flags;
    }

    /// @inheritdoc IDisputeResolution
    function claimPayout(
        ClaimRecord calldata r,
        uint256 owed
    ) external nonReentrant returns (uint256 amount) {
        Word storage w = _load(r, owed);
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Executed));
        if (w.flags & _OWED == 0) revert DisputeResolutionNothingOwed(r.claimId);
        amount = owed;
        // Checks, effects, interactions: cleared before the treasury pays (M9: a second pull finds
        // nothing owed).
        w.flags &= ~_OWED;
        w.hash = _hash(r, 0);
        emit ClaimPayoutPulled(r.claimId, r.claimant, msg.sender, amount);
        // The treasury is a trusted suite module; it transfers to the payee last (nonReentrant both).
        TREASURY.payClaim(r.claimId, r.claimant, amount);
    }

    /// @inheritdoc IDisputeResolution
    function closeUnresolved(ClaimRecord calldata r, uint256 disputeId) external nonReentrant {
        Word storage w = _load(r, 0);
        uint256 claimId = r.claimId;
        _requireStatus(claimId, w.status, _mask(ClaimStatus.Arbitration));
        _requireParty(r);
        DisputeLink storage link = _link(r, disputeId);
        if (link.state == LinkState.Ruled)
            revert DisputeResolutionUnexpectedStatus(
                claimId,
                ClaimStatus.Ruled,
                _mask(ClaimStatus.Arbitration)
            );
        uint256 due = link.rulingDueBy;
        if (block.timestamp <= due) revert DisputeResolutionWindowNotOpen(claimId, due);
        ClaimValidation.requireNoPendingRuling(address(r.arbitrator), claimId, disputeId);
        w.status = ClaimStatus.Unresolved;
        link.state = LinkState.Closed;
        emit ClaimClosedUnresolved(claimId, msg.sender, disputeId);
        _record(r, EntryKind.ClosedUnresolved, 0, bytes32(disputeId), 0);
        _awardBond(r, r.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function liftSuspension(ClaimRecord calldata r, uint256 owed, bytes32 reasonHash) external nonReentrant {
        Word storage w = _load(r, owed);
        _requireClaimant(r);
        _lift(w, r, reasonHash);
    }

    // ================================================================== council

    /// @inheritdoc IDisputeResolution
    function liftSuspensionByCouncil(
        ClaimRecord calldata r,
        uint256 owed,
        bytes32 decisionHash
    ) external restricted nonReentrant {
        _lift(_load(r, owed), r, decisionHash);
    }

    /// @inheritdoc IDisputeResolution
    function setArbitrator(IArbitrator newArbitrator) external restricted {
        if (address(newArbitrator) == address(0)) revert DisputeResolutionZeroAddress();
        _arbitrator = newArbitrator;
        emit ArbitratorSet(newArbitrator);
    }

    /// @inheritdoc IDisputeResolution
    function setLicenseManager(address newLicenseManager) external restricted {
        if (newLicenseManager == address(0)) revert DisputeResolutionZeroAddress();
        _licenseManager = newLicenseManager;
        emit LicenseManagerSet(newLicenseManager);
    }

    // ================================================================== views

    /// @inheritdoc IDisputeResolution
    function claimStateOf(ClaimRecord calldata r, uint256 owed) external view returns (ClaimState memory) {
        Word storage w = _load(r, owed);
        uint8 flags = w.flags;
        return
            ClaimState({
                status: w.status,
                ruling: w.ruling,
                licenseSuspended: flags & _SUSPENDED != 0,
                suspensionLifted: flags & _LIFTED != 0,
                payoutOwed: flags & _OWED != 0,
                paid: _paid[r.claimId]
            });
    }

    /// @inheritdoc IDisputeResolution
    function claimCount() external view returns (uint256) {
        return _claimCount;
    }

    /// @inheritdoc IDisputeResolution
    function openClaimOf(
        address claimant,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId
    ) external view returns (uint256) {
        Word storage w = _claims[_claimKey(claimant, respondent, agreementId, clauseId)];
        return _isOpen(w.status) ? w.claimId : 0;
    }

    /// @inheritdoc IDisputeResolution
    function claimOfDispute(IArbitrator arbitrator_, uint256 disputeId) external view returns (uint256) {
        return _disputeClaims[arbitrator_][disputeId].claimId;
    }

    /// @inheritdoc IDisputeResolution
    function rulingDeadlineOf(IArbitrator arbitrator_, uint256 disputeId) external view returns (uint256) {
        return _disputeClaims[arbitrator_][disputeId].rulingDueBy;
    }

    /// @inheritdoc IDisputeResolution
    function arbitrator() external view returns (IArbitrator) {
        return _arbitrator;
    }

    /// @inheritdoc IDisputeResolution
    function licenseManager() external view returns (address) {
        return _licenseManager;
    }

    // ================================================================== internals

    /// @dev The word of the claim whose record is `r`, checked against `r` and `owed` (its key's word,
    /// or the word an Executed claim was moved to when the same four filed again).
    function _load(ClaimRecord calldata r, uint256 owed) private view returns (Word storage w) {
        w = _claims[_claimKey(r.claimant, r.respondent, r.agreementId, r.clauseId)];
        if (w.status == ClaimStatus.None) revert DisputeResolutionUnknownClaim(r.claimId);
        if (w.claimId != r.claimId) {
            w = _executed[r.claimId];
            if (w.status == ClaimStatus.None) revert DisputeResolutionRecordMismatch(r.claimId);
        }
        if (w.hash != _hash(r, owed)) revert DisputeResolutionRecordMismatch(r.claimId);
    }

    /// @dev Closes the claim `r` as Dismissed by ruling `ruling` (rejected or refused) of dispute
    /// `disputeId`: the Ruled entry (the arbitrator its actor), the Dismissed entry, the bond awarded.
    function _dismiss(Word storage w, ClaimRecord calldata r, uint8 ruling, uint256 disputeId) private {
        w.status = ClaimStatus.Dismissed;
        // The Ruled entry names the arbitrator that ruled as its actor, as the upheld path does.
        HISTORY.recordClaimEntry(
            ClaimEntry(
                EntryKind.Ruled,
                ruling,
                address(r.arbitrator),
                r.claimId,
                r.claimant,
                r.respondent,
                r.agreementId,
                r.clauseId,
                bytes32(disputeId),
                0
            )
        );
        emit ClaimDismissed(r.claimId, ruling);
        _record(r, EntryKind.Dismissed, ruling, bytes32(0), 0);
        _awardBond(r, ruling == RULING_REJECTED ? r.respondent : r.claimant);
    }

    /// @dev The record of claim `claimId` filed now by the caller with `q` (its bond is set once it
    /// has arrived).
    function _newRecord(
        uint256 claimId,
        ClaimRequest calldata q,
        ClaimValidation.Filing memory filing
    ) private view returns (ClaimRecord memory) {
        // Narrowing is safe: timestamps fit in 48 bits for millions of years.
        return
            ClaimRecord({
                claimId: claimId,
                claimant: msg.sender,
                respondent: q.respondent,
                arbitrator: _arbitrator,
                agreementId: q.agreementId,
                clauseId: q.clauseId,
                statementHash: q.statementHash,
                remedies: q.remedies,
                forAlliance: filing.forAlliance,
                cureEndsAt: uint48(block.timestamp + filing.curePeriod),
                answerEndsAt: uint48(block.timestamp + filing.curePeriod + filing.answerPeriod),
                damages: q.damages,
                licenseId: q.licenseId,
                bond: 0
            });
    }

    /// @dev The link of dispute `disputeId` of `r`'s arbitrator, which must belong to `r`'s claim.
    function _link(
        ClaimRecord calldata r,
        uint256 disputeId
    ) private view returns (DisputeLink storage link) {
        link = _disputeClaims[r.arbitrator][disputeId];
        if (link.claimId != r.claimId)
            revert DisputeResolutionUnknownDispute(address(r.arbitrator), disputeId);
    }

    /// @dev The word's commitment to a record and what it owes (24 bytes of keccak256: 2^96 work to
    /// find two records with one commitment).
    function _hash(ClaimRecord memory r, uint256 owed) private pure returns (bytes24) {
        return bytes24(keccak256(abi.encode(r, owed)));
    }

    /// @dev What `RemedyExecution` needs to carry out the upheld ruling of the claim `r`.
    function _order(
        ClaimRecord calldata r,
        uint256 paid,
        uint256 disputeId
    ) private view returns (RemedyOrder memory) {
        return
            RemedyOrder({
                claimId: r.claimId,
                claimant: r.claimant,
                respondent: r.respondent,
                forAlliance: r.forAlliance,
                remedies: r.remedies,
                damages: r.damages,
                paid: paid,
                licenseId: r.licenseId,
                agreementId: r.agreementId,
                clauseId: r.clauseId,
                statementHash: r.statementHash,
                licenseManager: _licenseManager,
                actor: msg.sender,
                disputeId: disputeId,
                arbitrator: address(r.arbitrator)
            });
    }

    /// @dev Lifts the licence suspension the claim's own ruling applied, once (B7; the caller was
    /// checked).
    function _lift(Word storage w, ClaimRecord calldata r, bytes32 reasonHash) private {
        _requireStatus(r.claimId, w.status, _mask(ClaimStatus.Executed));
        uint8 flags = w.flags;
        if (flags & (_SUSPENDED | _LIFTED) != _SUSPENDED) revert DisputeResolutionNoSuspension(r.claimId);
        uint256 licenseId = r.licenseId;
        ClaimValidation.requireSuspended(_licenseManager, licenseId);
        w.flags = flags | _LIFTED;
        emit LicenseSuspensionLifted(r.claimId, licenseId, msg.sender, reasonHash);
        _record(r, EntryKind.SuspensionLifted, Remedies.LICENSE_SUSPENSION, reasonHash, 0);
        // The remedy executor and the licence manager are trusted suite modules.
        REMEDIES.liftSuspension(_licenseManager, licenseId, r.claimId);
    }

    /// @dev C3: evidence (and a response, which is evidence too) lives in events only: ERC-1497
    /// `Evidence` with its URI and `EvidenceSubmitted` with its SHA-256; nothing is stored and no
    /// history entry is appended (readers take it from these events).
    function _evidence(ClaimRecord memory r, bytes32 evidenceHash, string calldata uri) private {
        emit Evidence(r.arbitrator, r.claimId, msg.sender, uri);
        emit EvidenceSubmitted(r.claimId, msg.sender, evidenceHash, uri);
    }

    /// @dev Appends an entry of the claim `r` caused by the caller to the breach history (a trusted
    /// suite module). B6: every closing path appends the claim's one closing entry, which ends its
    /// count against the respondent.
    function _record(
        ClaimRecord memory r,
        EntryKind kind,
        uint8 detailKind,
        bytes32 data,
        uint256 amount
    ) private {
        HISTORY.recordClaimEntry(
            ClaimEntry(
                kind,
                detailKind,
                msg.sender,
                r.claimId,
                r.claimant,
                r.respondent,
                r.agreementId,
                r.clauseId,
                data,
                amount
            )
        );
    }

    /// @dev Returns the claim's bond to `to` (the treasury's `ClaimBondReleased` names the claim, the
    /// payee and the amount: no event of its own here).
    function _awardBond(ClaimRecord calldata r, address to) private {
        if (r.bond == 0) return;
        TREASURY.releaseClaimBond(r.claimId, to, r.bond);
    }

    function _isOpen(ClaimStatus s) private pure returns (bool) {
        return s == ClaimStatus.Filed || s == ClaimStatus.Answered || s == ClaimStatus.Arbitration;
    }

    function _requireStatus(uint256 claimId, ClaimStatus status, uint256 expectedMask) private pure {
        if (_mask(status) & expectedMask == 0)
            revert DisputeResolutionUnexpectedStatus(claimId, status, expectedMask);
    }

    function _requireClaimant(ClaimRecord calldata r) private view {
        if (msg.sender != r.claimant) revert DisputeResolutionUnauthorizedParty(r.claimId, msg.sender);
    }

    function _requireRespondent(ClaimRecord calldata r) private view {
        if (msg.sender != r.respondent) revert DisputeResolutionUnauthorizedParty(r.claimId, msg.sender);
    }

    function _requireParty(ClaimRecord calldata r) private view {
        if (msg.sender != r.claimant && msg.sender != r.respondent)
            revert DisputeResolutionUnauthorizedParty(r.claimId, msg.sender);
    }

    function _mask(ClaimStatus s) private pure returns (uint256) {
        return 1 << uint8(s);
    }

    function _claimKey(
        address claimant,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(claimant, respondent, agreementId, clauseId));
    }
}
