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
import {CharterParams} from "../interfaces/ICharter.sol";
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
/// This contract must hold DISPUTES_MODULE so that the treasury (claim bonds, settlements),
/// Membership (`onClaimAgainst`, B6), the arbitrator (`createDispute` of the PanelArbitrator), the
/// breach history (`recordClaimEntry`) and `RemedyExecution` accept its calls. It holds no other
/// role: the slash, the licence remedies and the membership suspension are `RemedyExecution`'s calls.
/// Invariant (B6): `Membership.onClaimAgainst(respondent, true)` is called once when a claim is filed
/// and `(respondent, false)` once when it closes, by whichever path (`_close`).
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

    /// @dev A claim as stored: the fields of `Claim`, narrowed so that they pack into 8 words, 6 of
    /// them written at filing (`paid` at a settlement, `disputeId` at the referral). Agreement and
    /// licence ids are the registry's and the licence manager's counters; damages and the bond are
    /// token amounts below 2^96 (SafeCast reverts rather than wrap).
    struct StoredClaim {
        address claimant;
        ClaimStatus status;
        uint8 remedies;
        bool forAlliance;
        uint8 ruling;
        uint48 filedAt;
        bool licenseSuspended;
        bool suspensionLifted;
        address respondent;
        uint48 cureEndsAt;
        uint48 answerEndsAt;
        IArbitrator arbitrator;
        uint32 agreementVersion;
        uint64 agreementId;
        bytes32 clauseId;
        bytes32 statementHash;
        uint96 damages;
        uint96 bond;
        uint64 licenseId;
        uint128 paid;
        uint256 disputeId;
    }

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
    mapping(uint256 claimId => StoredClaim) private _claims;
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
        (bool forAlliance, string memory agreementUri) = ClaimValidation.validate(
            ClaimValidation.Context(authority(), address(REGISTRY), address(MEMBERSHIP), _licenseManager),
            request,
            msg.sender
        );
        bytes32 key = _claimKey(msg.sender, request.respondent, request.agreementId, request.clauseId);
        if (_openClaims[key] != 0) revert DisputeResolutionDuplicateClaim(_openClaims[key]);

        CharterParams memory params = REGISTRY.charterParams();
        claimId = ++_claimCount;
        _storeClaim(claimId, request, forAlliance, params.curePeriod, params.answerPeriod);
        _openClaims[key] = claimId;

        // ERC-1497: the agreement's meta-evidence with every claim under it (an event is cheaper than
        // a stored "already emitted" flag; readers take the latest for an id).
        emit MetaEvidence(request.agreementId, agreementUri);
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
        StoredClaim storage c = _claims[claimId];
        _record(c, claimId, EntryKind.Filed, 0, request.statementHash, request.damages);
        _evidence(c, claimId, request.evidenceHash, request.evidenceURI);
        // B6: the respondent cannot complete a withdrawal or take its bond back while this is open.
        // Membership is a trusted suite module; this function is nonReentrant.
        MEMBERSHIP.onClaimAgainst(request.respondent, true);

        if (params.claimBond > 0) {
            // Credited by what arrived (M3, at most the charter's bond); the treasury is a trusted
            // suite module and this call is guarded by nonReentrant.
            c.bond = TREASURY.postClaimBond(claimId, msg.sender, params.claimBond).toUint96();
        }
    }

    /// @inheritdoc IDisputeResolution
    function submitEvidence(uint256 claimId, bytes32 evidenceHash, string calldata uri) external {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(
            claimId,
            c,
            _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered) | _mask(ClaimStatus.Arbitration)
        );
        _requireParty(claimId, c);
        if (evidenceHash == bytes32(0)) revert DisputeResolutionInvalidInput("evidenceHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("evidenceURI");
        _evidence(c, claimId, evidenceHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function answer(uint256 claimId, bytes32 responseHash, string calldata uri) external {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Filed));
        _requireRespondent(claimId, c);
        if (block.timestamp > c.answerEndsAt) revert DisputeResolutionWindowClosed(claimId, c.answerEndsAt);
        if (responseHash == bytes32(0)) revert DisputeResolutionInvalidInput("responseHash");
        if (bytes(uri).length == 0) revert DisputeResolutionInvalidInput("responseURI");
        c.status = ClaimStatus.Answered;
        emit ClaimAnswered(claimId, msg.sender, responseHash);
        _record(c, claimId, EntryKind.Answered, 0, responseHash, 0);
        _evidence(c, claimId, responseHash, uri);
    }

    /// @inheritdoc IDisputeResolution
    function paySettlement(uint256 claimId, uint256 amount) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireRespondent(claimId, c);
        if (amount == 0) revert DisputeResolutionInvalidInput("amount");
        // B12: a secretariat claim's settlement goes to the alliance fund (the treasury credits its
        // fund when the beneficiary is itself), never to the secretariat account's balance.
        address beneficiary = c.forAlliance ? address(TREASURY) : c.claimant;
        // The treasury call comes first because what arrived (M3) decides whether the claim closes;
        // the treasury is a trusted suite module and this function is nonReentrant.
        uint256 received = TREASURY.receiveSettlement(claimId, msg.sender, beneficiary, amount);
        c.paid += received.toUint128();
        emit SettlementPaid(claimId, msg.sender, beneficiary, received);
        _record(c, claimId, EntryKind.SettlementPaid, 0, bytes32(0), received);
        if (c.remedies == Remedies.DAMAGES && c.paid >= c.damages) {
            _close(c, ClaimStatus.Settled);
            emit ClaimSettled(claimId, c.paid);
            _record(c, claimId, EntryKind.Settled, 0, bytes32(0), c.paid);
            _awardBond(claimId, c, c.claimant);
        }
    }

    /// @inheritdoc IDisputeResolution
    function acceptCure(uint256 claimId) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireClaimant(claimId, c);
        _close(c, ClaimStatus.Cured);
        emit ClaimCured(claimId);
        _record(c, claimId, EntryKind.Cured, 0, bytes32(0), c.paid);
        _awardBond(claimId, c, c.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function withdrawClaim(uint256 claimId) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireClaimant(claimId, c);
        address bondTo = c.status == ClaimStatus.Answered ? c.respondent : c.claimant;
        _close(c, ClaimStatus.Withdrawn);
        emit ClaimWithdrawn(claimId);
        _record(c, claimId, EntryKind.Withdrawn, 0, bytes32(0), 0);
        _awardBond(claimId, c, bondTo);
    }

    /// @inheritdoc IDisputeResolution
    function refer(uint256 claimId) external payable nonReentrant returns (uint256 disputeId) {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Filed) | _mask(ClaimStatus.Answered));
        _requireParty(claimId, c);
        uint256 opensAfter = c.status == ClaimStatus.Answered ? c.cureEndsAt : c.answerEndsAt;
        if (block.timestamp <= opensAfter) revert DisputeResolutionWindowNotOpen(claimId, opensAfter);
        IArbitrator arb = c.arbitrator;
        bytes memory extraData = abi.encode(c.claimant, c.respondent);
        uint256 cost = arb.arbitrationCost(extraData);
        // ERC-792: at least the quote; everything sent is forwarded.
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        c.status = ClaimStatus.Arbitration;

        disputeId = arb.createDispute{value: msg.value}(RULING_CHOICES, extraData);
        // Written after the call because the arbitrator assigns the id; a re-entrant `rule` before
        // this line finds no claim for the dispute and reverts.
        c.disputeId = disputeId;
        // Narrowing is safe: claim ids are a counter (< 2^64) and timestamps fit in 48 bits.
        _disputeClaims[arb][disputeId] = DisputeLink(
            uint64(claimId),
            uint48(block.timestamp + RULING_PERIOD)
        );
        emit Dispute(arb, disputeId, c.agreementId, claimId);
        emit ClaimReferred(claimId, arb, disputeId);
        // B11: from here on the claim counts against the respondent (the history counts `Referred`).
        _record(c, claimId, EntryKind.Referred, 0, bytes32(disputeId), 0);
    }

    /// @inheritdoc IDisputeResolution
    function appeal(uint256 claimId) external payable nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Arbitration));
        _requireParty(claimId, c);
        IArbitrator arb = c.arbitrator;
        uint256 disputeId = c.disputeId;
        if (arb.disputeStatus(disputeId) != IArbitrator.DisputeStatus.Appealable)
            revert DisputeResolutionNotAppealable(disputeId);
        (uint256 start, uint256 end) = arb.appealPeriod(disputeId);
        if (block.timestamp < start) revert DisputeResolutionWindowNotOpen(claimId, start);
        if (block.timestamp > end) revert DisputeResolutionWindowClosed(claimId, end);
        bytes memory extraData = abi.encode(c.claimant, c.respondent);
        uint256 cost = arb.appealCost(disputeId, extraData);
        // ERC-792: at least the quote; everything sent is forwarded (an arbitrator may ask more than
        // its quote, as Kleros' reference arbitrator does: twice its appeal cost).
        if (msg.value < cost) revert DisputeResolutionWrongFee(cost, msg.value);
        // Narrowing is safe: timestamps fit in 48 bits. The appeal round gets a full ruling period.
        _disputeClaims[arb][disputeId].rulingDueBy = uint48(block.timestamp + RULING_PERIOD);
        emit ClaimAppealed(claimId, msg.sender, disputeId);
        _record(c, claimId, EntryKind.Appealed, 0, bytes32(disputeId), 0);
        arb.appeal{value: msg.value}(disputeId, extraData);
    }

    /// @inheritdoc IArbitrable
    function rule(uint256 disputeId, uint256 ruling) external {
        IArbitrator arb = IArbitrator(msg.sender);
        uint256 claimId = _disputeClaims[arb][disputeId].claimId;
        if (claimId == 0) revert DisputeResolutionUnknownDispute(msg.sender, disputeId);
        StoredClaim storage c = _claims[claimId];
        _requireStatus(claimId, c, _mask(ClaimStatus.Arbitration));
        if (ruling > RULING_CHOICES) revert DisputeResolutionInvalidRuling(ruling);
        (, uint256 end) = arb.appealPeriod(disputeId);
        if (end != 0 && block.timestamp <= end) revert DisputeResolutionAppealWindowOpen(disputeId, end);
        c.status = ClaimStatus.Ruled;
        // Narrowing is safe: ruling <= RULING_CHOICES (2) was checked above.
        c.ruling = uint8(ruling);
        emit Ruling(arb, disputeId, ruling);
        emit ClaimRuled(claimId, ruling);
        _record(c, claimId, EntryKind.Ruled, uint8(ruling), bytes32(disputeId), 0);
    }

    /// @inheritdoc IDisputeResolution
    function executeRuling(uint256 claimId) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Ruled));
        uint256 ruling = c.ruling;
        if (ruling != RULING_UPHELD) {
            _close(c, ClaimStatus.Dismissed);
            emit ClaimDismissed(claimId, ruling);
            _record(c, claimId, EntryKind.Dismissed, uint8(ruling), bytes32(0), 0);
            _awardBond(claimId, c, ruling == RULING_REJECTED ? c.respondent : c.claimant);
            return;
        }
        RemedyOrder memory order = _order(claimId, c);
        // B7: record, before any state-changing call, that this claim's ruling suspends the licence
        // (a view of what `execute` does in this same transaction).
        // It does when the licence is live (Active or Suspended), as `RemedyExecution.planOf` decides.
        if (c.remedies & Remedies.LICENSE_SUSPENSION != 0) {
            (LicenseStatus st, , , ) = ILicenseManager(_licenseManager).licenseSummary(c.licenseId);
            c.licenseSuspended = st == LicenseStatus.Active || st == LicenseStatus.Suspended;
        }
        _close(c, ClaimStatus.Executed);
        emit ClaimExecuted(claimId);
        // The remedy executor records the Executed entry with the penalties (one history call), then
        // applies them and slashes the bond into the claim money held (no token moves). It and the
        // treasury are trusted suite modules; this function is nonReentrant.
        RemedyPlan memory plan = REMEDIES.execute(order);
        // Pulled, not pushed: what the claimant is owed (its bond back, plus the slash unless it went
        // to the alliance fund, B12) is kept in the claim's bond word until `claimPayout`. Written
        // after the call because the plan is decided there (a live word: one cheap rewrite).
        uint256 owed = c.bond;
        if (!order.forAlliance) owed += plan.slash;
        if (owed > 0) {
            if (owed != c.bond) c.bond = owed.toUint96();
            emit ClaimPayoutOwed(claimId, order.claimant, owed);
        }
    }

    /// @inheritdoc IDisputeResolution
    function claimPayout(uint256 claimId) external nonReentrant returns (uint256 amount) {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Executed));
        amount = c.bond;
        if (amount == 0) revert DisputeResolutionNothingOwed(claimId);
        address payee = c.claimant;
        // Checks, effects, interactions: zeroed before the treasury pays (M9: a second pull finds 0).
        c.bond = 0;
        emit ClaimPayoutPulled(claimId, payee, msg.sender, amount);
        // The treasury is a trusted suite module; it transfers to the payee last (nonReentrant both).
        TREASURY.payClaim(claimId, payee, amount);
    }

    /// @inheritdoc IDisputeResolution
    function closeUnresolved(uint256 claimId) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireStatus(claimId, c, _mask(ClaimStatus.Arbitration));
        _requireParty(claimId, c);
        IArbitrator arb = c.arbitrator;
        uint256 disputeId = c.disputeId;
        uint256 due = _disputeClaims[arb][disputeId].rulingDueBy;
        if (block.timestamp <= due) revert DisputeResolutionWindowNotOpen(claimId, due);
        ClaimValidation.requireNoPendingRuling(address(arb), claimId, disputeId);
        _close(c, ClaimStatus.Unresolved);
        emit ClaimClosedUnresolved(claimId, msg.sender, disputeId);
        _record(c, claimId, EntryKind.ClosedUnresolved, 0, bytes32(disputeId), 0);
        _awardBond(claimId, c, c.claimant);
    }

    /// @inheritdoc IDisputeResolution
    function liftSuspension(uint256 claimId, bytes32 reasonHash) external nonReentrant {
        StoredClaim storage c = _claim(claimId);
        _requireClaimant(claimId, c);
        _lift(claimId, c, reasonHash);
    }

    // ================================================================== council

    /// @inheritdoc IDisputeResolution
    function liftSuspensionByCouncil(uint256 claimId, bytes32 decisionHash) external restricted nonReentrant {
        _lift(claimId, _claim(claimId), decisionHash);
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
        StoredClaim storage c = _claim(claimId);
        return
            Claim({
                claimant: c.claimant,
                status: c.status,
                remedies: c.remedies,
                forAlliance: c.forAlliance,
                ruling: c.ruling,
                filedAt: c.filedAt,
                licenseSuspended: c.licenseSuspended,
                suspensionLifted: c.suspensionLifted,
                respondent: c.respondent,
                cureEndsAt: c.cureEndsAt,
                answerEndsAt: c.answerEndsAt,
                arbitrator: c.arbitrator,
                agreementVersion: c.agreementVersion,
                agreementId: c.agreementId,
                clauseId: c.clauseId,
                statementHash: c.statementHash,
                damages: c.damages,
                licenseId: c.licenseId,
                bond: c.bond,
                paid: c.paid,
                disputeId: c.disputeId
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
        StoredClaim storage c = _claim(claimId);
        DisputeLink storage link = _disputeClaims[c.arbitrator][c.disputeId];
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

    function _storeClaim(
        uint256 claimId,
        ClaimRequest calldata r,
        bool forAlliance,
        uint256 curePeriod,
        uint256 answerPeriod
    ) private {
        StoredClaim storage c = _claims[claimId];
        // Narrowing is safe: timestamps fit in 48 bits for millions of years; ids and amounts are
        // checked by SafeCast.
        (c.claimant, c.status, c.remedies, c.forAlliance, c.filedAt) = (
            msg.sender,
            ClaimStatus.Filed,
            r.remedies,
            forAlliance,
            uint48(block.timestamp)
        );
        (c.respondent, c.cureEndsAt, c.answerEndsAt) = (
            r.respondent,
            uint48(block.timestamp + curePeriod),
            uint48(block.timestamp + curePeriod + answerPeriod)
        );
        (c.arbitrator, c.agreementVersion, c.agreementId) = (
            _arbitrator,
            r.agreementVersion,
            r.agreementId.toUint64()
        );
        c.clauseId = r.clauseId;
        c.statementHash = r.statementHash;
        (c.damages, c.licenseId) = (r.damages.toUint96(), r.licenseId.toUint64());
    }

    /// @dev What `RemedyExecution` needs to carry out claim `claimId`'s upheld ruling.
    function _order(uint256 claimId, StoredClaim storage c) private view returns (RemedyOrder memory) {
        return
            RemedyOrder({
                claimId: claimId,
                claimant: c.claimant,
                respondent: c.respondent,
                forAlliance: c.forAlliance,
                remedies: c.remedies,
                damages: c.damages,
                paid: c.paid,
                licenseId: c.licenseId,
                agreementId: c.agreementId,
                clauseId: c.clauseId,
                statementHash: c.statementHash,
                licenseManager: _licenseManager,
                actor: msg.sender
            });
    }

    /// @dev Lifts the licence suspension claim `claimId`'s own ruling applied, once (B7; the caller
    /// was checked).
    function _lift(uint256 claimId, StoredClaim storage c, bytes32 reasonHash) private {
        _requireStatus(claimId, c, _mask(ClaimStatus.Executed));
        if (!c.licenseSuspended || c.suspensionLifted) revert DisputeResolutionNoSuspension(claimId);
        uint256 licenseId = c.licenseId;
        ClaimValidation.requireSuspended(_licenseManager, licenseId);
        c.suspensionLifted = true;
        emit LicenseSuspensionLifted(claimId, licenseId, msg.sender, reasonHash);
        _record(c, claimId, EntryKind.SuspensionLifted, Remedies.LICENSE_SUSPENSION, reasonHash, 0);
        // The remedy executor and the licence manager are trusted suite modules.
        REMEDIES.liftSuspension(_licenseManager, licenseId, claimId);
    }

    /// @dev C3: evidence (and a response, which is evidence too) lives in events only: ERC-1497
    /// `Evidence` with its URI and `EvidenceSubmitted` with its SHA-256; nothing is stored and no
    /// history entry is appended (readers take it from these events).
    function _evidence(
        StoredClaim storage c,
        uint256 claimId,
        bytes32 evidenceHash,
        string calldata uri
    ) private {
        emit Evidence(c.arbitrator, claimId, msg.sender, uri);
        emit EvidenceSubmitted(claimId, msg.sender, evidenceHash, uri);
    }

    /// @dev Appends an entry of claim `claimId` caused by the caller to the breach history (a
    /// trusted suite module).
    function _record(
        StoredClaim storage c,
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
                c.claimant,
                c.respondent,
                c.agreementId,
                c.clauseId,
                data,
                amount
            )
        );
    }

    /// @dev Closes a claim: final status, frees the (claimant, respondent, agreement, clause) slot,
    /// and tells Membership the claim against the respondent is closed (B6; once per claim, as every
    /// closing path goes through here exactly once from an open status).
    function _close(StoredClaim storage c, ClaimStatus status) private {
        c.status = status;
        delete _openClaims[_claimKey(c.claimant, c.respondent, c.agreementId, c.clauseId)];
        MEMBERSHIP.onClaimAgainst(c.respondent, false);
    }

    /// @dev Returns claim `claimId`'s bond to `to` (the treasury's `ClaimBondReleased` names the claim,
    /// the payee and the amount: no event of its own here).
    function _awardBond(uint256 claimId, StoredClaim storage c, address to) private {
        uint256 amount = c.bond;
        if (amount == 0) return;
        TREASURY.releaseClaimBond(claimId, to, amount);
    }

    function _claim(uint256 claimId) private view returns (StoredClaim storage c) {
        c = _claims[claimId];
        if (c.status == ClaimStatus.None) revert DisputeResolutionUnknownClaim(claimId);
    }

    function _requireStatus(uint256 claimId, StoredClaim storage c, uint256 expectedMask) private view {
        if (_mask(c.status) & expectedMask == 0)
            revert DisputeResolutionUnexpectedStatus(claimId, c.status, expectedMask);
    }

    function _requireClaimant(uint256 claimId, StoredClaim storage c) private view {
        if (msg.sender != c.claimant) revert DisputeResolutionUnauthorizedParty(claimId, msg.sender);
    }

    function _requireRespondent(uint256 claimId, StoredClaim storage c) private view {
        if (msg.sender != c.respondent) revert DisputeResolutionUnauthorizedParty(claimId, msg.sender);
    }

    function _requireParty(uint256 claimId, StoredClaim storage c) private view {
        if (msg.sender != c.claimant && msg.sender != c.respondent)
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
