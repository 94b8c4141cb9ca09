// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDisputeResolution, ClaimRequest, Claim, ClaimStatus} from "../interfaces/IDisputeResolution.sol";
import {IBreachHistory, ClaimEntry, EntryKind} from "../interfaces/IBreachHistory.sol";
import {IRemedyExecution, RemedyOrder, RemedyPlan} from "../interfaces/IRemedyExecution.sol";
import {IArbitrable} from "../interfaces/IArbitrable.sol";
import {IArbitrator} from "../interfaces/IArbitrator.sol";
import {IAgreementRegistry, Remedies} from "../interfaces/IAgreementRegistry.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
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
/// - Anyone: `executeRuling` of a Ruled claim. Parties: file, answer, evidence, settle, cure,
///   withdraw, refer, appeal, close unresolved after the ruling deadline, and (claimant) lift its own
///   ruling's licence suspension, as documented per function.
/// This contract must hold DISPUTES_MODULE so that the treasury (claim bonds, settlements), the
/// arbitrator (`createDispute` of the PanelArbitrator), the breach history (`recordClaimEntry`) and
/// `RemedyExecution` accept its calls. It holds no other role: the slash, the licence remedies and
/// the membership suspension are `RemedyExecution`'s calls.
/// Invariant (B6): a claim's `Filed` entry is appended once, when it is filed, and exactly one closing
/// entry (`Cured`, `Settled`, `Withdrawn`, `Dismissed`, `ClosedUnresolved` here, `Executed` by
/// `RemedyExecution` in `executeRuling`) once, when it closes, by whichever path (`_close`): the breach
/// history counts the open claims against the respondent from them, and Membership reads that count.
contract DisputeResolution is AccessManaged, IDisputeResolution, ReentrancyGuardTransient {
    using SafeCast for uint256;

    uint256 public constant RULING_REFUSED = 0;
    uint256 public constant RULING_UPHELD = 1;
    uint256 public constant RULING_REJECTED = 2;
    uint256 public constant RULING_CHOICES = 2;
    /// @inheritdoc IDisputeResolution
    uint256 public constant RULING_PERIOD = 180 days;

    /// @dev A referred dispute: its claim and the last second its ruling is waited for (one slot,
    /// written once by `refer`; `appeal` moves the deadline).
    struct DisputeLink {
        uint64 claimId;
        uint48 rulingDueBy;
    }

    /// @dev What changes about a claim: one storage word, written at filing (status and bond), then
    /// rewritten in place by later steps (the dispute id at the referral; the bond word holds what an
    /// Executed claim owes its claimant). Bonds are token amounts below 2^96 and dispute ids below
    /// 2^128 (SafeCast reverts rather than wrap). What the respondent paid in settlements is a word of
    /// its own (`_paid`), written by settlements only.
    struct ClaimState {
        ClaimStatus status;
        uint8 ruling;
        bool licenseSuspended;
        bool suspensionLifted;
        uint96 bond;
        uint128 disputeId;
    }

    /// @dev What never changes about a claim once filed, written once as the code of a data contract
    /// (the SSTORE2 pattern: 200 gas a byte of code, where a storage word costs 22,100), as six words:
    /// claimant | remedies | forAlliance | filedAt | agreementVersion; respondent | cureEndsAt |
    /// answerEndsAt; arbitrator | agreementId; clauseId; statementHash; damages | licenseId. The
    /// data contract of claim `n` is this contract's `n`-th creation (it creates nothing else), so its
    /// address is derived, not stored (`_recordAt`).
    struct ClaimRecord {
        address claimant;
        uint8 remedies;
        bool forAlliance;
        uint48 filedAt;
        uint32 agreementVersion;
        address respondent;
        uint48 cureEndsAt;
        uint48 answerEndsAt;
        IArbitrator arbitrator;
        uint64 agreementId;
        bytes32 clauseId;
        bytes32 statementHash;
        uint96 damages;
        uint64 licenseId;
    }

    /// @dev Bytes of a claim record's data contract: a STOP byte and the six words.
    uint256 private constant _RECORD_CODE = 1 + 6 * 32;

    IAgreementRegistry public immutable REGISTRY;
    IMembership public immutable MEMBERSHIP;
    ITreasury public immutable TREASURY;
    /// @notice The breach history every step of a claim is written to.
    IBreachHistory public immutable HISTORY;
    /// @notice The contract that carries out an upheld ruling's remedies.
    IRemedyExecution public immutable REMEDIES;

    IArbitrator private _arbitrator;
    address private _licenseManager;
    uint256 private _claimCount;
    mapping(uint256 claimId => ClaimState) private _states;
    mapping(uint256 claimId => uint256 paid) private _paid;
    mapping(bytes32 claimKey => uint256 claimId) private _openClaims;
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
        bytes32 key = _claimKey(msg.sender, request.respondent, request.agreementId, request.clauseId);
        if (_openClaims[key] != 0) revert DisputeResolutionDuplicateClaim(_openClaims[key]);

        claimId = ++_claimCount;
        ClaimRecord memory r = _writeRecord(
            claimId,
            request,
            filing.forAlliance,
            filing.curePeriod,
            filing.answerPeriod
        );
        _states[claimId].status = ClaimStatus.Filed;
        _openClaims[key] = claimId;

        emit ClaimFiled(
            claimId,
            msg.sender,
            request.respondent,
            request.agreementId,
            request.clauseId,
            request.remedies,
            request.damages,
            request.statementHash,
            request.statementURI
        );
        _record(r, claimId, EntryKind.Filed, 0, request.statementHash, request.damages);
        _evidence(r, claimId, request.evidenceHash, request.evidenceURI);

        if (filing.claimBond > 0) {
            // Credited by what arrived (M3, at most the charter's bond); the treasury is a trusted
            // suite module and this call is guarded by nonReentrant.
            _states[claimId].bond = TREASURY.postClaimBond(claimId, msg.sender, filing.claimBond).toUint96();
        }
    }

    /// @inheritdoc IDisputeResolution
    function submitEvidence(uint256 claimId, bytes32 evidenceHash, string calldata uri) external {
        ClaimState storage st = _claim(claimId);
        _requireStatus(
            claimId,
            st,
            _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered) | _mask(ClaimStatus.Arbitration)
        );
        ClaimRecord memory r = _readRecord(claimId);
        _requireParty(claimId, r);
        if (evidenceHash == bytes32(0)) revert DisputeResolutionInvalidInput("evidenceHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("evidenceURI");
        _evidence(r, claimId, evidenceHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function answer(uint256 claimId, bytes32 responseHash, string calldata uri) external {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Filed));
        ClaimRecord memory r = _readRecord(claimId);
        _requireRespondent(claimId, r);
        if (block.timestamp > r.answerEndsAt) revert DisputeResolutionWindowClosed(claimId, r.answerEndsAt);
        if (responseHash == bytes32(0)) revert DisputeResolutionInvalidInput("responseHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("responseURI");
        st.status = ClaimStatus.Answered;
        emit ClaimAnswered(claimId, msg.sender, responseHash);
        _record(r, claimId, EntryKind.Answered, 0, responseHash, 0);
        _evidence(r, claimId, responseHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function paySettlement(uint256 claimId, uint256 amount) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        ClaimRecord memory r = _readRecord(claimId);
        _requireRespondent(claimId, r);
        if (amount == 0) revert DisputeResolutionInvalidInput("amount");
        // B12: a secretariat claim's settlement goes to the alliance fund (the treasury credits its
        // fund when the beneficiary is itself), never to the secretariat account's balance.
        address beneficiary = r.forAlliance ? address(TREASURY) : r.claimant;
        // The treasury call comes first because what arrived (M3) decides whether the claim closes;
        // the treasury is a trusted suite module and this function is nonReentrant.
        uint256 received = TREASURY.receiveSettlement(claimId, msg.sender, beneficiary, amount);
        uint256 paid = _paid[claimId] + received;
        _paid[claimId] = paid;
        emit SettlementPaid(claimId, msg.sender, beneficiary, received);
        _record(r, claimId, EntryKind.SettlementPaid, 0, bytes32(0), received);
        if (r.remedies == Remedies.DAMAGES && paid >= r.damages) {
            _close(st, r, ClaimStatus.Settled);
            emit ClaimSettled(claimId, paid);
            _record(r, claimId, EntryKind.Settled, 0, bytes32(0), paid);
            _awardBond(claimId, st, r.claimant);
        }
    }

    /// @inheritdoc IDisputeResolution
    function acceptCure(uint256 claimId) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        ClaimRecord memory r = _readRecord(claimId);
        _requireClaimant(claimId, r);
        _close(st, r, ClaimStatus.Cured);
        emit ClaimCured(claimId);
        _record(r, claimId, EntryKind.Cured, 0, bytes32(0), _paid[claimId]);
        _awardBond(claimId, st, r.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function withdrawClaim(uint256 claimId) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        ClaimRecord memory r = _readRecord(claimId);
        _requireClaimant(claimId, r);
        address bondTo = st.status == ClaimStatus.Answered ? r.respondent : r.claimant;
        _close(st, r, ClaimStatus.Withdrawn);
        emit ClaimWithdrawn(claimId);
        _record(r, claimId, EntryKind.Withdrawn, 0, bytes32(0), 0);
        _awardBond(claimId, st, bondTo);
    }

    /// @inheritdoc IDisputeResolution
    function refer(uint256 claimId) external payable nonReentrant returns (uint256 disputeId) {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        ClaimRecord memory r = _readRecord(claimId);
        _requireParty(claimId, r);
        uint256 opensAfter = st.status == ClaimStatus.Answered ? r.cureEndsAt : r.answerEndsAt;
        if (block.timestamp <= opensAfter) revert DisputeResolutionWindowNotOpen(claimId, opensAfter);
        IArbitrator arb = r.arbitrator;
        bytes memory extraData = abi.encode(r.claimant, r.respondent);
        uint256 cost = arb.arbitrationCost(extraData);
        // ERC-792: at least the quote; everything sent is forwarded.
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        st.status = ClaimStatus.Arbitration;

        disputeId = arb.createDispute{value: msg.value}(RULING_CHOICES, extraData);
        // Written after the call because the arbitrator assigns the id; a re-entrant `rule` before
        // this line finds no claim for the dispute and reverts.
        // In the claim's state word, warm from the status write above (an arbitrator whose ids
        // reach 2^128 is refused: SafeCast reverts and nothing is referred).
        st.disputeId = disputeId.toUint128();
        // Narrowing is safe: claim ids are a counter (< 2^64) and timestamps fit in 48 bits.
        _disputeClaims[arb][disputeId] = DisputeLink(
            uint64(claimId),
            uint48(block.timestamp + RULING_PERIOD)
        );
        // ERC-1497: the agreement's meta-evidence before the dispute that names it (once per dispute,
        // not with every claim: an event is cheaper than a stored "already emitted" flag, and readers
        // take the latest for an id). The registry is a trusted suite module (a view).
        emit MetaEvidence(r.agreementId, REGISTRY.agreementOf(r.agreementId).uri);
        emit Dispute(arb, disputeId, r.agreementId, claimId);
        emit ClaimReferred(claimId, arb, disputeId);
        // B11: from here on the claim counts against the respondent (the history counts `Referred`).
        _record(r, claimId, EntryKind.Referred, 0, bytes32(disputeId), 0);
    }

    /// @inheritdoc IDisputeResolution
    function appeal(uint256 claimId) external payable nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Arbitration));
        ClaimRecord memory r = _readRecord(claimId);
        _requireParty(claimId, r);
        IArbitrator arb = r.arbitrator;
        uint256 disputeId = st.disputeId;
        if (arb.disputeStatus(disputeId) != IArbitrator.DisputeStatus.Appealable)
            revert DisputeResolutionNotAppealable(disputeId);
        (uint256 start, uint256 end) = arb.appealPeriod(disputeId);
        if (block.timestamp < start) revert DisputeResolutionWindowNotOpen(claimId, start);
        if (block.timestamp > end) revert DisputeResolutionWindowClosed(claimId, end);
        bytes memory extraData = abi.encode(r.claimant, r.respondent);
        uint256 cost = arb.appealCost(disputeId, extraData);
        // ERC-792: at least the quote; everything sent is forwarded (an arbitrator may ask more than
        // its quote, as Kleros' reference arbitrator does: twice its appeal cost).
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        // Narrowing is safe: timestamps fit in 48 bits. The appeal round gets a full ruling period.
        _disputeClaims[arb][disputeId].rulingDueBy = uint48(block.timestamp + RULING_PERIOD);
        emit ClaimAppealed(claimId, msg.sender, disputeId);
        _record(r, claimId, EntryKind.Appealed, 0, bytes32(disputeId), 0);
        arb.appeal{value: msg.value}(disputeId, extraData);
    }

    /// @inheritdoc IArbitrable
    function rule(uint256 disputeId, uint256 ruling) external {
        IArbitrator arb = IArbitrator(msg.sender);
        uint256 claimId = _disputeClaims[arb][disputeId].claimId;
        if (claimId == 0) revert DisputeResolutionUnknownDispute(msg.sender, disputeId);
        ClaimState storage st = _states[claimId];
        _requireStatus(claimId, st, _mask(ClaimStatus.Arbitration));
        if (ruling > RULING_CHOICES) revert DisputeResolutionInvalidRuling(ruling);
        (, uint256 end) = arb.appealPeriod(disputeId);
        if (end != 0 && block.timestamp <= end) revert DisputeResolutionAppealWindowOpen(disputeId, end);
        // Narrowing is safe: ruling <= RULING_CHOICES (2) was checked above.
        (st.status, st.ruling) = (ClaimStatus.Ruled, uint8(ruling));
        emit Ruling(arb, disputeId, ruling);
        emit ClaimRuled(claimId, ruling);
        _record(_readRecord(claimId), claimId, EntryKind.Ruled, uint8(ruling), bytes32(disputeId), 0);
    }

    /// @inheritdoc IDisputeResolution
    function executeRuling(uint256 claimId) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Ruled));
        ClaimRecord memory r = _readRecord(claimId);
        uint256 ruling = st.ruling;
        if (ruling != RULING_UPHELD) {
            _close(st, r, ClaimStatus.Dismissed);
            emit ClaimDismissed(claimId, ruling);
            _record(r, claimId, EntryKind.Dismissed, uint8(ruling), bytes32(0), 0);
            _awardBond(claimId, st, ruling == RULING_REJECTED ? r.respondent : r.claimant);
            return;
        }
        RemedyOrder memory order = _order(claimId, r, _paid[claimId]);
        // B7: record, before any state-changing call, that this claim's ruling suspends the licence
        // (a view of what `execute` does in this same transaction).
        // It does when the licence is live (Active or Suspended), as `RemedyExecution.planOf` decides.
        if (r.remedies & Remedies.LICENSE_SUSPENSION != 0) {
            (LicenseStatus ls, , , ) = ILicenseManager(_licenseManager).licenseSummary(r.licenseId);
            st.licenseSuspended = ls == LicenseStatus.Active || ls == LicenseStatus.Suspended;
        }
        _close(st, r, ClaimStatus.Executed);
        emit ClaimExecuted(claimId);
        // The remedy executor records the Executed entry with the penalties (one history call), then
        // applies them and slashes the bond into the claim money held (no token moves). It and the
        // treasury are trusted suite modules; this function is nonReentrant.
        RemedyPlan memory plan = REMEDIES.execute(order);
        // Pulled, not pushed: what the claimant is owed (its bond back, plus the slash unless it went
        // to the alliance fund, B12) is kept in the claim's bond word until `claimPayout`. Written
        // after the call because the plan is decided there (a live word: one cheap rewrite).
        uint256 bond = st.bond;
        uint256 owed = bond;
        if (!order.forAlliance) owed += plan.slash;
        if (owed > 0) {
            if (owed != bond) st.bond = owed.toUint96();
            emit ClaimPayoutOwed(claimId, order.claimant, owed);
        }
    }

    /// @inheritdoc IDisputeResolution
    function claimPayout(uint256 claimId) external nonReentrant returns (uint256 amount) {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Executed));
        amount = st.bond;
        if (amount == 0) revert DisputeResolutionNothingOwed(claimId);
        address payee = _readRecord(claimId).claimant;
        // Checks, effects, interactions: zeroed before the treasury pays (M9: a second pull finds 0).
        st.bond = 0;
        emit ClaimPayoutPulled(claimId, payee, msg.sender, amount);
        // The treasury is a trusted suite module; it transfers to the payee last (nonReentrant both).
        TREASURY.payClaim(claimId, payee, amount);
    }

    /// @inheritdoc IDisputeResolution
    function closeUnresolved(uint256 claimId) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        _requireStatus(claimId, st, _mask(ClaimStatus.Arbitration));
        ClaimRecord memory r = _readRecord(claimId);
        _requireParty(claimId, r);
        IArbitrator arb = r.arbitrator;
        uint256 disputeId = st.disputeId;
        uint256 due = _disputeClaims[arb][disputeId].rulingDueBy;
        if (block.timestamp <= due) revert DisputeResolutionWindowNotOpen(claimId, due);
        ClaimValidation.requireNoPendingRuling(address(arb), claimId, disputeId);
        _close(st, r, ClaimStatus.Unresolved);
        emit ClaimClosedUnresolved(claimId, msg.sender, disputeId);
        _record(r, claimId, EntryKind.ClosedUnresolved, 0, bytes32(disputeId), 0);
        _awardBond(claimId, st, r.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function liftSuspension(uint256 claimId, bytes32 reasonHash) external nonReentrant {
        ClaimState storage st = _claim(claimId);
        ClaimRecord memory r = _readRecord(claimId);
        _requireClaimant(claimId, r);
        _lift(claimId, st, r, reasonHash);
    }

    // ================================================================== council

    /// @inheritdoc IDisputeResolution
    function liftSuspensionByCouncil(uint256 claimId, bytes32 decisionHash) external restricted nonReentrant {
        ClaimState storage st = _claim(claimId);
        _lift(claimId, st, _readRecord(claimId), decisionHash);
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
    function claimOf(uint256 claimId) external view returns (Claim memory) {
        ClaimState storage st = _claim(claimId);
        ClaimRecord memory r = _readRecord(claimId);
        return
            Claim({
                claimant: r.claimant,
                status: st.status,
                remedies: r.remedies,
                forAlliance: r.forAlliance,
                ruling: st.ruling,
                filedAt: r.filedAt,
                licenseSuspended: st.licenseSuspended,
                suspensionLifted: st.suspensionLifted,
                respondent: r.respondent,
                cureEndsAt: r.cureEndsAt,
                answerEndsAt: r.answerEndsAt,
                arbitrator: r.arbitrator,
                agreementVersion: r.agreementVersion,
                agreementId: r.agreementId,
                clauseId: r.clauseId,
                statementHash: r.statementHash,
                damages: r.damages,
                licenseId: r.licenseId,
                bond: st.bond,
                paid: _paid[claimId],
                disputeId: st.disputeId
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
        return _openClaims[_claimKey(claimant, respondent, agreementId, clauseId)];
    }

    /// @inheritdoc IDisputeResolution
    function claimOfDispute(IArbitrator arbitrator_, uint256 disputeId) external view returns (uint256) {
        return _disputeClaims[arbitrator_][disputeId].claimId;
    }

    /// @inheritdoc IDisputeResolution
    function rulingDeadlineOf(uint256 claimId) external view returns (uint256) {
        uint256 disputeId = _claim(claimId).disputeId;
        DisputeLink storage link = _disputeClaims[_readRecord(claimId).arbitrator][disputeId];
        return link.claimId == claimId ? link.rulingDueBy : 0;
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

    /// @dev Writes claim `claimId`'s record as the code of a new data contract (its address is derived
    /// from `claimId`, `_recordAt`) and returns it.
    function _writeRecord(
        uint256 claimId,
        ClaimRequest calldata q,
        bool forAlliance,
        uint256 curePeriod,
        uint256 answerPeriod
    ) private returns (ClaimRecord memory r) {
        // Narrowing is safe: timestamps fit in 48 bits for millions of years; ids and amounts are
        // checked by SafeCast.
        r = ClaimRecord({
            claimant: msg.sender,
            remedies: q.remedies,
            forAlliance: forAlliance,
            filedAt: uint48(block.timestamp),
            agreementVersion: q.agreementVersion,
            respondent: q.respondent,
            cureEndsAt: uint48(block.timestamp + curePeriod),
            answerEndsAt: uint48(block.timestamp + curePeriod + answerPeriod),
            arbitrator: _arbitrator,
            agreementId: q.agreementId.toUint64(),
            clauseId: q.clauseId,
            statementHash: q.statementHash,
            damages: q.damages.toUint96(),
            licenseId: q.licenseId.toUint64()
        });
        // `_recordAt` encodes nonces of up to 4 bytes (4 billion claims: more than any chain can file).
        if (claimId > type(uint32).max) revert DisputeResolutionRecordNotWritten(claimId);
        // Init code (10 bytes: copy the runtime that follows and return it), then the runtime: a STOP
        // byte and the six words.
        bytes memory code = abi.encodePacked(
            hex"61",
            uint16(_RECORD_CODE),
            hex"80600a3d393df3",
            hex"00",
            abi.encodePacked(r.claimant, r.remedies, r.forAlliance, r.filedAt, r.agreementVersion),
            abi.encodePacked(r.respondent, r.cureEndsAt, r.answerEndsAt),
            abi.encodePacked(address(r.arbitrator), r.agreementId, uint32(0)),
            r.clauseId,
            r.statementHash,
            abi.encodePacked(r.damages, r.licenseId, uint96(0))
        );
        address created;
        // Solidity creates contracts only from compiled types; CREATE takes the init code built here.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            created := create(0, add(code, 32), mload(code))
        }
        if (created == address(0) || created != _recordAt(claimId))
            revert DisputeResolutionRecordNotWritten(claimId);
    }

    /// @dev Claim `claimId`'s record, read from its data contract's code (one EXTCODECOPY).
    function _readRecord(uint256 claimId) private view returns (ClaimRecord memory r) {
        address data = _recordAt(claimId);
        uint256 w0;
        uint256 w1;
        uint256 w2;
        bytes32 w3;
        bytes32 w4;
        uint256 w5;
        // The six words after the STOP byte of another contract's code: EXTCODECOPY has no Solidity
        // form. They are copied to free memory, which is not claimed (only read back here).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let p := mload(0x40)
            extcodecopy(data, p, 1, 192)
            w0 := mload(p)
            w1 := mload(add(p, 32))
            w2 := mload(add(p, 64))
            w3 := mload(add(p, 96))
            w4 := mload(add(p, 128))
            w5 := mload(add(p, 160))
        }
        r.claimant = address(uint160(w0 >> 96));
        r.remedies = uint8(w0 >> 88);
        r.forAlliance = uint8(w0 >> 80) != 0;
        r.filedAt = uint48(w0 >> 32);
        r.agreementVersion = uint32(w0);
        r.respondent = address(uint160(w1 >> 96));
        r.cureEndsAt = uint48(w1 >> 48);
        r.answerEndsAt = uint48(w1);
        r.arbitrator = IArbitrator(address(uint160(w2 >> 96)));
        r.agreementId = uint64(w2 >> 32);
        r.clauseId = w3;
        r.statementHash = w4;
        r.damages = uint96(w5 >> 160);
        r.licenseId = uint64(w5 >> 96);
    }

    /// @dev The address of claim `claimId`'s data contract: this contract's creation with nonce
    /// `claimId` (a contract's nonce starts at 1 and only `_writeRecord` creates), by the CREATE rule
    /// `keccak256(rlp([this, nonce]))`. Claim ids are a counter below 2^32 (a larger one reverts at
    /// filing, where the created address is also compared with this).
    function _recordAt(uint256 claimId) private view returns (address) {
        bytes memory rlp;
        if (claimId < 0x80) rlp = abi.encodePacked(hex"d694", address(this), uint8(claimId));
        else if (claimId <= type(uint8).max)
            rlp = abi.encodePacked(hex"d794", address(this), hex"81", uint8(claimId));
        else if (claimId <= type(uint16).max)
            rlp = abi.encodePacked(hex"d894", address(this), hex"82", uint16(claimId));
        else if (claimId <= type(uint24).max)
            rlp = abi.encodePacked(hex"d994", address(this), hex"83", uint24(claimId));
            // Narrowing is safe: `_writeRecord` files no claim id above 2^32 - 1.
        else rlp = abi.encodePacked(hex"da94", address(this), hex"84", uint32(claimId));
        return address(uint160(uint256(keccak256(rlp))));
    }

    /// @dev What `RemedyExecution` needs to carry out claim `claimId`'s upheld ruling.
    function _order(
        uint256 claimId,
        ClaimRecord memory r,
        uint256 paid
    ) private view returns (RemedyOrder memory) {
        return
            RemedyOrder({
                claimId: claimId,
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
                actor: msg.sender
            });
    }

    /// @dev Lifts the licence suspension claim `claimId`'s own ruling applied, once (B7; the caller
    /// was checked).
    function _lift(uint256 claimId, ClaimState storage st, ClaimRecord memory r, bytes32 reasonHash) private {
        _requireStatus(claimId, st, _mask(ClaimStatus.Executed));
        if (!st.licenseSuspended || st.suspensionLifted) revert DisputeResolutionNoSuspension(claimId);
        uint256 licenseId = r.licenseId;
        ClaimValidation.requireSuspended(_licenseManager, licenseId);
        st.suspensionLifted = true;
        emit LicenseSuspensionLifted(claimId, licenseId, msg.sender, reasonHash);
        _record(r, claimId, EntryKind.SuspensionLifted, Remedies.LICENSE_SUSPENSION, reasonHash, 0);
        // The remedy executor and the licence manager are trusted suite modules.
        REMEDIES.liftSuspension(_licenseManager, licenseId, claimId);
    }

    /// @dev C3: evidence (and a response, which is evidence too) lives in events only: ERC-1497
    /// `Evidence` with its URI and `EvidenceSubmitted` with its SHA-256; nothing is stored and no
    /// history entry is appended (readers take it from these events).
    function _evidence(
        ClaimRecord memory r,
        uint256 claimId,
        bytes32 evidenceHash,
        string calldata uri
    ) private {
        emit Evidence(r.arbitrator, claimId, msg.sender, uri);
        emit EvidenceSubmitted(claimId, msg.sender, evidenceHash, uri);
    }

    /// @dev Appends an entry of claim `claimId` caused by the caller to the breach history (a
    /// trusted suite module).
    function _record(
        ClaimRecord memory r,
        uint256 claimId,
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
                claimId,
                r.claimant,
                r.respondent,
                r.agreementId,
                r.clauseId,
                data,
                amount
            )
        );
    }

    /// @dev Closes a claim: final status, frees the (claimant, respondent, agreement, clause) slot.
    /// Every closing path goes through here exactly once from an open status and appends the claim's
    /// one closing entry in the same call, which ends its count against the respondent (B6).
    function _close(ClaimState storage st, ClaimRecord memory r, ClaimStatus status) private {
        st.status = status;
        delete _openClaims[_claimKey(r.claimant, r.respondent, r.agreementId, r.clauseId)];
    }

    /// @dev Returns claim `claimId`'s bond to `to` (the treasury's `ClaimBondReleased` names the claim,
    /// the payee and the amount: no event of its own here).
    function _awardBond(uint256 claimId, ClaimState storage st, address to) private {
        uint256 amount = st.bond;
        if (amount == 0) return;
        TREASURY.releaseClaimBond(claimId, to, amount);
    }

    function _claim(uint256 claimId) private view returns (ClaimState storage st) {
        st = _states[claimId];
        if (st.status == ClaimStatus.None) revert DisputeResolutionUnknownClaim(claimId);
    }

    function _requireStatus(uint256 claimId, ClaimState storage st, uint256 expectedMask) private view {
        ClaimStatus status = st.status;
        if (_mask(status) & expectedMask == 0)
            revert DisputeResolutionUnexpectedStatus(claimId, status, expectedMask);
    }

    function _requireClaimant(uint256 claimId, ClaimRecord memory r) private view {
        if (msg.sender != r.claimant) revert DisputeResolutionUnauthorizedParty(claimId, msg.sender);
    }

    function _requireRespondent(uint256 claimId, ClaimRecord memory r) private view {
        if (msg.sender != r.respondent) revert DisputeResolutionUnauthorizedParty(claimId, msg.sender);
    }

    function _requireParty(uint256 claimId, ClaimRecord memory r) private view {
        if (msg.sender != r.claimant && msg.sender != r.respondent)
            revert DisputeResolutionUnauthorizedParty(claimId, msg.sender);
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
