// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "./IArbitrable.sol";
import {IArbitrator} from "./IArbitrator.sol";
import {IEvidence} from "./IEvidence.sol";
import {IBreachRecorder, DefaultKind} from "./IBreachRecorder.sol";
import {AgreementStatus} from "./IAgreementRegistry.sol";
import {LicenseStatus} from "./ILicenseManager.sol";

/// @notice A breach claim's life. Filed -> (cure period: Cured | Settled) -> Answered -> Arbitration
/// -> Ruled -> Executed | Dismissed. Filed | Answered -> Withdrawn | Cured | Settled. Filed ->
/// Arbitration when the respondent did not answer in time. Arbitration -> Unresolved when the
/// arbitrator gave no ruling by the ruling deadline. Executed, Dismissed, Settled, Cured, Withdrawn
/// and Unresolved are final (a licence suspension of an Executed claim can still be lifted: a new
/// history entry, not a status).
enum ClaimStatus {
    None,
    Filed,
    Answered,
    Arbitration,
    Ruled,
    Executed,
    Dismissed,
    Settled,
    Cured,
    Withdrawn,
    Unresolved
}

/// @notice What a breach-history entry records.
enum EntryKind {
    Filed,
    Cured,
    Settled,
    Answered,
    Evidence,
    Referred,
    Ruled,
    Appealed,
    Executed,
    Dismissed,
    Withdrawn,
    DefaultRecorded,
    PenaltyApplied,
    SettlementPaid,
    ExpulsionProposed,
    SuspensionLifted,
    ClosedUnresolved
}

/// @notice Which of a member's two histories a view reads.
enum HistoryRole {
    AsClaimant,
    AsRespondent
}

/// @notice What a claimant files (one struct, so the call stays readable and the stack shallow).
struct ClaimRequest {
    /// A party to the agreement other than the claimant.
    address respondent;
    uint256 agreementId;
    /// The agreement version the claimant relies on; must be the registry's version of that id.
    uint32 agreementVersion;
    /// A clause of the agreement's penalty schedule.
    bytes32 clauseId;
    /// SHA-256 of the statement of claim, and where to read it.
    bytes32 statementHash;
    string statementURI;
    /// SHA-256 of the first evidence bundle, and where to read it.
    bytes32 evidenceHash;
    string evidenceURI;
    /// Requested remedies, bit flags of `Remedies`; each must be allowed by the clause (C4).
    uint8 remedies;
    /// Requested liquidated damages; > 0 and <= the clause's cap iff `Remedies.DAMAGES` is requested.
    uint256 damages;
    /// The respondent's licence to suspend or revoke; 0 unless a licence remedy is requested.
    uint256 licenseId;
}

/// @notice One claim's record. Statement and evidence URIs live in events; hashes are kept here.
struct Claim {
    address claimant;
    ClaimStatus status;
    /// Requested remedies (bit flags of `Remedies`).
    uint8 remedies;
    /// The claimant is the secretariat acting for the alliance: damages go to the alliance fund.
    bool forAlliance;
    /// The arbitrator's final ruling (0 refused, 1 upheld, 2 rejected); meaningful from Ruled on.
    uint8 ruling;
    uint48 filedAt;
    /// The ruling's licence suspension is in force: applied at execution, not lifted since.
    bool suspensionInForce;
    address respondent;
    /// End (inclusive) of the respondent's cure period.
    uint48 cureEndsAt;
    /// End (inclusive) of the respondent's answer period (after the cure period).
    uint48 answerEndsAt;
    /// The arbitrator in use when the claim was filed; the only one that may rule on it (C2).
    IArbitrator arbitrator;
    uint32 agreementVersion;
    uint256 agreementId;
    bytes32 clauseId;
    bytes32 statementHash;
    uint256 damages;
    uint256 licenseId;
    /// Claim bond held by the treasury for this claim (what arrived).
    uint256 bond;
    /// What the respondent paid voluntarily (settlement payments).
    uint256 paid;
    /// The arbitrator's dispute id, once referred.
    uint256 disputeId;
}

/// @notice One append-only breach-history entry (C3, I8). Nothing edits or deletes it.
struct HistoryEntry {
    EntryKind kind;
    /// Remedy flag for PenaltyApplied, the `DefaultKind` for DefaultRecorded, the ruling for Ruled.
    uint8 detailKind;
    uint48 recordedAt;
    /// Who caused the entry (a party, the arbitrator, the module that recorded a default, the executor).
    address actor;
    /// The claimant; address(0) for a default.
    address claimant;
    /// The respondent, or the member / licensee in default.
    address respondent;
    /// The claim, or for a default the project / licence id it concerns.
    uint256 claimId;
    uint256 agreementId;
    bytes32 clauseId;
    /// Evidence or response SHA-256, statement hash, proposal id, or for a default its installment / period.
    bytes32 data;
    /// Damages, a payment, a slashed amount, or for a default the amount due.
    uint128 amount;
    /// For a default: its late penalty; otherwise 0.
    uint128 penalty;
}

/// @notice Running counts per member (as claimant and as respondent).
struct MemberCounts {
    /// Claims it filed.
    uint32 filed;
    /// Claims it filed that were upheld.
    uint32 filedUpheld;
    /// Claims it filed that were dismissed.
    uint32 filedDismissed;
    /// Claims it filed and withdrew.
    uint32 withdrawn;
    /// Claims filed against it.
    uint32 against;
    /// Claims against it upheld (breaches found).
    uint32 upheld;
    /// Claims against it dismissed.
    uint32 dismissed;
    /// Claims against it closed by settlement or cure.
    uint32 settled;
    /// Objective defaults recorded against it.
    uint32 defaults;
    /// Penalties applied to it (a slash, a licence suspension / revocation, a membership suspension).
    uint32 penalties;
    /// Amount taken from its bond by rulings, plus what it paid voluntarily in settlements.
    uint128 penaltiesPaid;
    /// Amount due in its recorded defaults.
    uint128 defaultedAmount;
}

/// @title IDisputeResolution
/// @notice Breach claims, their evidence and arbitration (ERC-792 arbitrable, ERC-1497 events),
/// the remedies of a ruling, and the append-only breach history that arbitrators and members read
/// (F5, P2). Objective defaults from the projects and licensing modules enter the same history
/// (`IBreachRecorder`).
interface IDisputeResolution is IArbitrable, IEvidence, IBreachRecorder {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor or setter argument is the zero address.
    error DisputeResolutionZeroAddress();
    /// @dev `account` may not file: it is neither the secretariat nor a party to the agreement (a
    /// member party must be in good standing).
    error DisputeResolutionIneligibleClaimant(address account);
    /// @dev The respondent is the claimant, the zero address or not a party to the agreement.
    error DisputeResolutionInvalidRespondent(uint256 agreementId, address respondent);
    /// @dev No agreement `agreementId` in the registry.
    error DisputeResolutionUnknownAgreement(uint256 agreementId);
    /// @dev The agreement never took effect (Pending) so it cannot be breached.
    error DisputeResolutionAgreementNotInForce(uint256 agreementId, AgreementStatus status);
    /// @dev The version given is not the registry's version of that agreement id.
    error DisputeResolutionVersionMismatch(uint256 agreementId, uint32 registryVersion, uint32 given);
    /// @dev The agreement's penalty schedule has no such clause.
    error DisputeResolutionUnknownClause(uint256 agreementId, bytes32 clauseId);
    /// @dev A required hash, URI or amount is empty or zero, or an amount is given where none may be.
    error DisputeResolutionInvalidInput(string field);
    /// @dev The requested remedies are not all allowed by the clause's schedule (C4), are none,
    /// or ask both to suspend and to revoke a licence.
    error DisputeResolutionRemedyNotAllowed(bytes32 clauseId, uint8 requested, uint8 allowed);
    /// @dev Requested damages above the clause's cap (C4).
    error DisputeResolutionDamagesAboveCap(uint256 requested, uint256 cap);
    /// @dev The licence is not the respondent's, or not in a state the remedy could act on.
    error DisputeResolutionLicenseMismatch(uint256 licenseId, address licensee);
    /// @dev A licence remedy was requested but no licence manager is set.
    error DisputeResolutionNoLicenseManager();
    /// @dev A membership remedy was requested against an account that is not an active or suspended member.
    error DisputeResolutionRespondentNotMember(address respondent);
    /// @dev The same claimant already has claim `openClaimId` open on that respondent, agreement and clause.
    error DisputeResolutionDuplicateClaim(uint256 openClaimId);
    /// @dev No claim `claimId`.
    error DisputeResolutionUnknownClaim(uint256 claimId);
    /// @dev Claim `claimId` is `current` where one of `expectedMask` (bit i = ClaimStatus(i)) is needed.
    error DisputeResolutionUnexpectedStatus(uint256 claimId, ClaimStatus current, uint256 expectedMask);
    /// @dev `account` is not the claim's party that may do this.
    error DisputeResolutionUnauthorizedParty(uint256 claimId, address account);
    /// @dev The window for this step closed at `deadline` (inclusive).
    error DisputeResolutionWindowClosed(uint256 claimId, uint256 deadline);
    /// @dev This step opens only after `opensAfter`.
    error DisputeResolutionWindowNotOpen(uint256 claimId, uint256 opensAfter);
    /// @dev The ETH sent is not the arbitrator's fee.
    error DisputeResolutionWrongFee(uint256 required, uint256 sent);
    /// @dev The caller is not an arbitrator with dispute `disputeId` from this contract (C2).
    error DisputeResolutionUnknownDispute(address arbitrator, uint256 disputeId);
    /// @dev A ruling above the number of choices (2).
    error DisputeResolutionInvalidRuling(uint256 ruling);
    /// @dev The arbitrator's appeal window for the dispute is still open until `end` (C2).
    error DisputeResolutionAppealWindowOpen(uint256 disputeId, uint256 end);
    /// @dev The arbitrator does not allow an appeal of the dispute now.
    error DisputeResolutionNotAppealable(uint256 disputeId);
    /// @dev `account` holds neither PROJECTS_MODULE nor LICENSING_MODULE and may not record a default.
    error DisputeResolutionNotRecorder(address account);
    /// @dev Claim `claimId` has no licence suspension in force to lift (none requested, skipped at
    /// execution, or already lifted).
    error DisputeResolutionNoSuspension(uint256 claimId);
    /// @dev Licence `licenseId` is `status`, no longer Suspended (revoked or expired since).
    error DisputeResolutionLicenseNotSuspended(uint256 licenseId, LicenseStatus status);
    /// @dev The arbitrator has given a ruling on dispute `disputeId` that can still be appealed or
    /// executed through it; the claim cannot be closed as unresolved.
    error DisputeResolutionRulingPending(uint256 claimId, uint256 disputeId);
    /// @dev A page larger than `max` entries was asked for.
    error DisputeResolutionPageTooLarge(uint256 limit, uint256 max);

    // ------------------------------------------------------------------ events
    event ClaimFiled(
        uint256 indexed claimId,
        address indexed claimant,
        address indexed respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint8 remedies,
        uint256 damages,
        bytes32 statementHash,
        string statementURI
    );
    /// @dev Every piece of evidence, with its SHA-256 (the ERC-1497 `Evidence` event carries the URI).
    event EvidenceSubmitted(uint256 indexed claimId, address indexed party, bytes32 evidenceHash, string uri);
    event ClaimAnswered(uint256 indexed claimId, address indexed respondent, bytes32 responseHash);
    event SettlementPaid(uint256 indexed claimId, address indexed payer, address beneficiary, uint256 amount);
    event ClaimSettled(uint256 indexed claimId, uint256 totalPaid);
    event ClaimCured(uint256 indexed claimId);
    event ClaimWithdrawn(uint256 indexed claimId);
    event ClaimReferred(uint256 indexed claimId, IArbitrator indexed arbitrator, uint256 disputeId);
    event ClaimAppealed(uint256 indexed claimId, address indexed party, uint256 disputeId);
    event ClaimRuled(uint256 indexed claimId, uint256 ruling);
    event ClaimExecuted(uint256 indexed claimId);
    event ClaimDismissed(uint256 indexed claimId, uint256 ruling);
    /// @dev A remedy applied on execution; `amount` is the slashed amount for damages, else 0.
    event PenaltyApplied(uint256 indexed claimId, address indexed respondent, uint8 remedy, uint256 amount);
    /// @dev A remedy of the ruling found nothing to act on (licence no longer active, member no
    /// longer active, bond empty) and was skipped.
    event RemedySkipped(uint256 indexed claimId, uint8 remedy);
    event ExpulsionProposed(uint256 indexed claimId, address indexed respondent, uint256 proposalId);
    /// @dev The governor refused the proposal (e.g. a proposal threshold); the council can still propose it.
    event ExpulsionProposalFailed(uint256 indexed claimId, address indexed respondent);
    /// @dev The licence suspension of claim `claimId` was lifted by `by` (the claimant's waiver or
    /// the council's decision), with the SHA-256 of the waiver / decision (may be 0).
    event LicenseSuspensionLifted(
        uint256 indexed claimId,
        uint256 indexed licenseId,
        address indexed by,
        bytes32 reasonHash
    );
    /// @dev No ruling reached the claim by its ruling deadline; `by` (a party) closed it.
    event ClaimClosedUnresolved(uint256 indexed claimId, address indexed by, uint256 disputeId);
    event ClaimBondAwarded(uint256 indexed claimId, address indexed to, uint256 amount);
    event ArbitratorSet(IArbitrator indexed arbitrator);
    event LicenseManagerSet(address indexed licenseManager);
    event DefaultRecorded(
        uint256 indexed entryId,
        DefaultKind kind,
        address indexed respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 ref,
        uint256 detail,
        uint256 amountDue,
        uint256 penalty
    );
    event HistoryAppended(
        uint256 indexed entryId,
        EntryKind kind,
        uint256 indexed claimId,
        address indexed respondent
    );

    // ------------------------------------------------------------------ claims
    /// @notice Files a breach claim (C1, C4). The caller is the claimant: the secretariat (acting for
    /// the alliance), or a party to the agreement (a member party must be in good standing; a
    /// licensee party need not be a member). Posts the charter's `claimBond` from the caller through
    /// `ITreasury.postClaimBond` (the treasury must be approved for it). Emits `MetaEvidence` the
    /// first time the agreement is disputed, `ClaimFiled`, and `Evidence` + `EvidenceSubmitted`.
    /// @return claimId The new claim's id (from 1).
    function fileClaim(ClaimRequest calldata request) external returns (uint256 claimId);

    /// @notice Claimant or respondent: adds evidence (SHA-256 + URI) while the claim is Filed,
    /// Answered or in Arbitration.
    function submitEvidence(uint256 claimId, bytes32 evidenceHash, string calldata uri) external;

    /// @notice Respondent: answers a Filed claim with its response (SHA-256 + URI), until
    /// `answerEndsAt` inclusive.
    function answer(uint256 claimId, bytes32 responseHash, string calldata uri) external;

    /// @notice Respondent: pays `amount` voluntarily to the claimant (for a secretariat claim, the
    /// secretariat's withdrawable balance) through `ITreasury.receiveSettlement`, while Filed or Answered. When the
    /// claim asks for damages only and the payments reach them, it closes Settled and the claim bond
    /// goes back to the claimant; otherwise the payment counts against the damages of a later ruling.
    function paySettlement(uint256 claimId, uint256 amount) external;

    /// @notice Claimant: accepts that the breach was cured (or the payments made suffice); the claim
    /// closes Cured and the claim bond goes back to the claimant. While Filed or Answered.
    function acceptCure(uint256 claimId) external;

    /// @notice Claimant: withdraws a Filed or Answered claim. The claim bond goes back to the
    /// claimant if the respondent had not answered, to the respondent if it had.
    function withdrawClaim(uint256 claimId) external;

    /// @notice Claimant or respondent: sends the claim to its arbitrator (`createDispute`, 2 choices:
    /// 1 upheld, 2 rejected, 0 refused). An Answered claim after the cure period; an unanswered one
    /// after the answer period. `msg.value` must equal the arbitrator's `arbitrationCost`. Emits
    /// ERC-1497 `Dispute` with meta-evidence id = agreement id and evidence group = claim id.
    function refer(uint256 claimId) external payable returns (uint256 disputeId);

    /// @notice Claimant or respondent: appeals the arbitrator's current ruling, inside the
    /// arbitrator's appeal window, paying its `appealCost` in `msg.value`.
    function appeal(uint256 claimId) external payable;

    /// @notice Anyone: applies a Ruled claim. Upheld (1): the requested remedies (bond slash up to
    /// the damages requested, less what was paid voluntarily, never above the bond (M8); licence
    /// suspension or revocation; membership suspension; an expulsion proposal to the council), then
    /// the claim bond to the claimant. Rejected (2): Dismissed, claim bond to the respondent.
    /// Refused (0): Dismissed, claim bond back to the claimant.
    function executeRuling(uint256 claimId) external;

    /// @notice Claimant or respondent: closes a claim in Arbitration as Unresolved once its ruling
    /// deadline (`rulingDeadlineOf`: `RULING_PERIOD` after the referral or the last appeal) has
    /// passed without a ruling. Refused while the arbitrator reports a ruling in its appeal stage
    /// (`Appealable`: execute or appeal it there). The claim bond goes back to the claimant (no
    /// finding against anyone); the (claimant, respondent, agreement, clause) slot is freed, so
    /// the claim can be filed again (under the arbitrator then in use). A later `rule` for the
    /// dispute reverts with `DisputeResolutionUnexpectedStatus`.
    function closeUnresolved(uint256 claimId) external;

    /// @notice Claimant of an Executed claim: lifts the licence suspension its ruling applied (a
    /// waiver, e.g. after a settlement). `reasonHash`: SHA-256 of the waiver (may be 0). The licence
    /// is Active again unless it is also suspended for non-payment; royalty periods that began while
    /// it was suspended are waived. Appends a `SuspensionLifted` history entry.
    function liftSuspension(uint256 claimId, bytes32 reasonHash) external;

    // ------------------------------------------------------------------ council
    /// @notice Council: lifts the licence suspension of Executed claim `claimId` (the alliance
    /// decides the breach is remedied) as `liftSuspension` does; `decisionHash`: SHA-256 of the
    /// council's decision (may be 0). Cannot undo a slash, a revocation or a ruling.
    function liftSuspensionByCouncil(uint256 claimId, bytes32 decisionHash) external;

    /// @notice Council: the arbitrator for claims filed from now on (claims already filed keep theirs).
    function setArbitrator(IArbitrator newArbitrator) external;

    /// @notice Council: the licence manager that licence remedies act through.
    function setLicenseManager(address newLicenseManager) external;

    // ------------------------------------------------------------------ views
    function claimOf(uint256 claimId) external view returns (Claim memory);
    function claimCount() external view returns (uint256);
    /// @notice The open claim of `claimant` on (respondent, agreement, clause), or 0.
    function openClaimOf(
        address claimant,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId
    ) external view returns (uint256 claimId);
    /// @notice The claim an arbitrator's dispute belongs to, or 0.
    function claimOfDispute(
        IArbitrator arbitrator_,
        uint256 disputeId
    ) external view returns (uint256 claimId);
    function arbitrator() external view returns (IArbitrator);
    /// @notice Seconds the arbitrator has to rule after a referral or an appeal (180 days, the
    /// six months arbitration rules such as CIETAC's give a tribunal for its award).
    function RULING_PERIOD() external view returns (uint256);
    /// @notice Last second (inclusive) a claim in Arbitration waits for its ruling; 0 if never referred.
    function rulingDeadlineOf(uint256 claimId) external view returns (uint256);
    function licenseManager() external view returns (address);

    // ------------------------------------------------------------------ history views (paged, O(page))
    /// @notice Most entries a page returns.
    function MAX_PAGE() external view returns (uint256);
    function historyLength() external view returns (uint256);
    /// @notice Entry `entryId` (from 1).
    function historyEntry(uint256 entryId) external view returns (HistoryEntry memory);
    /// @notice Entries `offset`.. of the whole history, at most `limit` (<= MAX_PAGE); `total` is its length.
    function historyPage(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice A page of `member`'s history as claimant or as respondent (defaults are as respondent).
    function memberHistory(
        address member,
        HistoryRole role,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice A page of the history of agreement `agreementId`.
    function agreementHistory(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice A page of the history of one clause of an agreement.
    function clauseHistory(
        uint256 agreementId,
        bytes32 clauseId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids, HistoryEntry[] memory entries, uint256 total);
    /// @notice `member`'s running counts.
    function countsOf(address member) external view returns (MemberCounts memory);
}
