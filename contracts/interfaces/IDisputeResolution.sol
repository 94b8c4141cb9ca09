// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbitrable} from "./IArbitrable.sol";
import {IArbitrator} from "./IArbitrator.sol";
import {IEvidence} from "./IEvidence.sol";
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

/// @notice What never changes about a claim once filed. Storage keeps only a hash of it (in the
/// claim's state word); every later call supplies it back, as the `ClaimFiled` event gave it, and the
/// contract checks it against the hash (`DisputeResolutionRecordMismatch` otherwise). Statement,
/// evidence, the agreement version and the time of filing live in events.
struct ClaimRecord {
    /// The claim's id (from 1).
    uint256 claimId;
    address claimant;
    address respondent;
    /// The arbitrator in use when the claim was filed; the only one that may rule on it (C2).
    IArbitrator arbitrator;
    uint256 agreementId;
    bytes32 clauseId;
    /// SHA-256 of the statement of claim.
    bytes32 statementHash;
    /// Requested remedies (bit flags of `Remedies`).
    uint8 remedies;
    /// The claimant is the secretariat acting for the alliance: damages go to the alliance fund.
    bool forAlliance;
    /// End (inclusive) of the respondent's cure period.
    uint48 cureEndsAt;
    /// End (inclusive) of the respondent's answer period (after the cure period).
    uint48 answerEndsAt;
    uint256 damages;
    uint256 licenseId;
    /// Claim bond posted for this claim (what arrived, M3): released to the party it is awarded to
    /// when the claim closes (the treasury keeps the claim bonds' total).
    uint256 bond;
}

/// @notice What changes about a claim, as `claimStateOf` reports it.
struct ClaimState {
    ClaimStatus status;
    /// The arbitrator's final ruling (0 refused, 1 upheld, 2 rejected); meaningful from Ruled on.
    uint8 ruling;
    /// The ruling suspended the respondent's licence (applied at execution; B7).
    bool licenseSuspended;
    /// That suspension was lifted (the claimant's waiver or the council's decision), once.
    bool suspensionLifted;
    /// An Executed claim still owes its claimant money (`ClaimPayoutOwed`) not yet pulled.
    bool payoutOwed;
    /// What the respondent paid voluntarily (settlement payments).
    uint256 paid;
}

/// @title IDisputeResolution
/// @notice Breach claims, their evidence and arbitration (ERC-792 arbitrable, ERC-1497 events) (F5,
/// P2): the address claimants, respondents and arbitrators talk to. Every step of a claim is written
/// to the breach history (`IBreachHistory`, its own contract); the remedies of an upheld ruling are
/// carried out by `IRemedyExecution`. Storage keeps a hash of each claim's record (`ClaimRecord`), not
/// the record: every call about a claim supplies `r`, its record as `ClaimFiled` gave it, and is
/// refused with `DisputeResolutionRecordMismatch` if it is not that record (nothing changes).
interface IDisputeResolution is IArbitrable, IEvidence {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor or setter argument is the zero address.
    error DisputeResolutionZeroAddress();
    /// @dev `account` may not file: it is neither the secretariat nor bound by the agreement (a party
    /// or, for the charter, a member that acceded to it: B9); a member must be in good standing.
    error DisputeResolutionIneligibleClaimant(address account);
    /// @dev The respondent is the claimant, the zero address or not bound by the agreement (a party
    /// or, for the charter, an acceder: B9).
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
    /// @dev B10: licence `licenseId` was granted under agreement `licenseAgreementId` (0: a public
    /// offer), not under the claim's agreement `agreementId`; a licence remedy reaches only a licence
    /// granted under the agreement the claim is about.
    error DisputeResolutionLicenseOutsideAgreement(
        uint256 licenseId,
        uint256 licenseAgreementId,
        uint256 agreementId
    );
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
    /// @dev The ETH sent is below the arbitrator's fee `required` (ERC-792: at least the fee; all of
    /// what is sent is forwarded).
    error DisputeResolutionWrongFee(uint256 required, uint256 sent);
    /// @dev The caller is not an arbitrator with dispute `disputeId` from this contract (C2).
    error DisputeResolutionUnknownDispute(address arbitrator, uint256 disputeId);
    /// @dev A ruling above the number of choices (2).
    error DisputeResolutionInvalidRuling(uint256 ruling);
    /// @dev The arbitrator's appeal window for the dispute is still open until `end` (C2).
    error DisputeResolutionAppealWindowOpen(uint256 disputeId, uint256 end);
    /// @dev The arbitrator does not allow an appeal of the dispute now.
    error DisputeResolutionNotAppealable(uint256 disputeId);
    /// @dev Claim `claimId` has no licence suspension in force to lift (none requested, skipped at
    /// execution, or already lifted).
    error DisputeResolutionNoSuspension(uint256 claimId);
    /// @dev Licence `licenseId` is `status`, no longer Suspended (revoked or expired since).
    error DisputeResolutionLicenseNotSuspended(uint256 licenseId, LicenseStatus status);
    /// @dev The arbitrator reports a ruling on dispute `disputeId` not yet delivered to this claim
    /// (Appealable, or Solved while the claim is still in arbitration): it is appealed or executed
    /// through the arbitrator, and the claim cannot be closed as unresolved.
    error DisputeResolutionRulingPending(uint256 claimId, uint256 disputeId);
    /// @dev Executed claim `claimId` owes nothing (already pulled, or nothing was owed).
    error DisputeResolutionNothingOwed(uint256 claimId);
    /// @dev The record supplied for claim `claimId` is not the one filed (or, for an Executed claim,
    /// the amount owed given is not the one it owes), or a later claim on the same claimant,
    /// respondent, agreement and clause has replaced it; nothing changed.
    error DisputeResolutionRecordMismatch(uint256 claimId);
    /// @dev More than 2^32 - 1 claims: the state word keeps a claim id in 32 bits; nothing was filed.
    error DisputeResolutionTooManyClaims(uint256 claimId);

    // ------------------------------------------------------------------ events
    /// @dev Claim `claimId` was filed: its record (what every later call supplies back), the agreement
    /// version the claimant relied on, and where its statement can be read.
    event ClaimFiled(
        uint256 indexed claimId,
        address indexed claimant,
        address indexed respondent,
        ClaimRecord record,
        uint32 agreementVersion,
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
    /// @dev Executed claim `claimId` owes `amount` to `payee` (its claimant: the claim bond back plus
    /// the slash, held in the treasury) until it is pulled with `claimPayout`.
    event ClaimPayoutOwed(uint256 indexed claimId, address indexed payee, uint256 amount);
    /// @dev `by` pulled claim `claimId`'s money: `amount` paid to `payee` (its claimant).
    event ClaimPayoutPulled(uint256 indexed claimId, address indexed payee, address by, uint256 amount);
    event ClaimDismissed(uint256 indexed claimId, uint256 ruling);
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
    event ArbitratorSet(IArbitrator indexed arbitrator);
    event LicenseManagerSet(address indexed licenseManager);

    // ------------------------------------------------------------------ claims
    /// @notice Files a breach claim (C1, C4). The caller is the claimant: the secretariat (acting for
    /// the alliance), or an account bound by the agreement (a party, or a member that acceded to the
    /// charter: B9; a member must be in good standing; a licensee party need not be a member). The
    /// respondent must be bound by it too. A licence remedy names a licence of the respondent granted
    /// under this agreement (B10). Posts the charter's `claimBond` from the caller through
    /// `ITreasury.postClaimBond` (the treasury must be approved for it); its `Filed` entry counts the
    /// claim open against the respondent in the breach history, which Membership reads (B6: it cannot
    /// withdraw or take its bond back until the claim closes). Emits `ClaimFiled` (it carries the
    /// claim's record with the bond that arrived) and `Evidence` + `EvidenceSubmitted` (the
    /// agreement's ERC-1497 `MetaEvidence` comes with the dispute, in `refer`). The claim does not
    /// count against the respondent until it is referred (B11).
    /// @return claimId The new claim's id (from 1).
    function fileClaim(ClaimRequest calldata request) external returns (uint256 claimId);

    /// @notice Claimant or respondent: adds evidence (SHA-256 + URI) while the claim is Filed,
    /// Answered or in Arbitration. Only events (ERC-1497 `Evidence`, `EvidenceSubmitted`, C3):
    /// nothing is stored and no history entry is appended.
    /// @param r The claim's record (`ClaimFiled`).
    function submitEvidence(ClaimRecord calldata r, bytes32 evidenceHash, string calldata uri) external;

    /// @notice Respondent: answers a Filed claim with its response (SHA-256 + URI), until
    /// `answerEndsAt` inclusive.
    /// @param r The claim's record (`ClaimFiled`).
    function answer(ClaimRecord calldata r, bytes32 responseHash, string calldata uri) external;

    /// @notice Respondent: pays `amount` voluntarily to the claimant (for a secretariat claim, to the
    /// alliance fund: B12) through `ITreasury.receiveSettlement`, while Filed or Answered. When the
    /// claim asks for damages only and the payments reach them, it closes Settled and the claim bond
    /// goes back to the claimant; otherwise the payment counts against the damages of a later ruling.
    /// @param r The claim's record (`ClaimFiled`).
    function paySettlement(ClaimRecord calldata r, uint256 amount) external;

    /// @notice Claimant: accepts that the breach was cured (or the payments made suffice); the claim
    /// closes Cured and the claim bond goes back to the claimant. While Filed or Answered.
    /// @param r The claim's record (`ClaimFiled`).
    function acceptCure(ClaimRecord calldata r) external;

    /// @notice Claimant: withdraws a Filed or Answered claim. The claim bond goes back to the
    /// claimant if the respondent had not answered, to the respondent if it had. The history shows
    /// the claim as withdrawn; it never counts against the respondent (B11).
    /// @param r The claim's record (`ClaimFiled`).
    function withdrawClaim(ClaimRecord calldata r) external;

    /// @notice Claimant or respondent: sends the claim to its arbitrator (`createDispute`, 2 choices:
    /// 1 upheld, 2 rejected, 0 refused). An Answered claim after the cure period; an unanswered one
    /// after the answer period. `msg.value` must be at least the arbitrator's `arbitrationCost`; all
    /// of it is forwarded (ERC-792). From now on the claim counts against the respondent (B11). Emits
    /// ERC-1497 `MetaEvidence` (the agreement's URI, with every dispute) and then `Dispute` with
    /// meta-evidence id = agreement id and evidence group = claim id, and
    /// `ClaimReferred` with the dispute id that `appeal`, `executeRuling` and `closeUnresolved` take.
    /// @param r The claim's record (`ClaimFiled`).
    function refer(ClaimRecord calldata r) external payable returns (uint256 disputeId);

    /// @notice Claimant or respondent: appeals the arbitrator's current ruling, inside the
    /// arbitrator's appeal window, paying at least its `appealCost` in `msg.value`; all of it is
    /// forwarded (ERC-792: an arbitrator may ask more than its quote, as Kleros' reference one does).
    /// @param r The claim's record (`ClaimFiled`).
    /// @param disputeId The claim's dispute (`ClaimReferred`).
    function appeal(ClaimRecord calldata r, uint256 disputeId) external payable;

    /// @notice Anyone: applies the ruling the arbitrator gave on the claim's dispute (`rule` keeps it
    /// with the dispute; this call, which supplies the record, appends the `Ruled` entry).
    /// Upheld (1): the requested remedies through
    /// `IRemedyExecution` (bond slash up to the damages requested, less what was paid voluntarily,
    /// never above the bond (M8), to the claimant or for a secretariat claim to the alliance fund
    /// (B12); licence suspension whatever the licence's state (B7) or revocation; membership
    /// suspension; an expulsion proposal to the council (B8)). No token moves: the slash and the
    /// claim bond are held in the treasury, owed to the claimant (`ClaimPayoutOwed`), who pulls them
    /// with `claimPayout`. Rejected (2): Dismissed, claim bond to the respondent's withdrawable
    /// balance. Refused (0): Dismissed, claim bond back to the claimant's.
    /// @param r The claim's record (`ClaimFiled`).
    /// @param disputeId The claim's dispute (`ClaimReferred`).
    function executeRuling(ClaimRecord calldata r, uint256 disputeId) external;

    /// @notice Anyone: pays an Executed claim's money (`owed`, as `ClaimPayoutOwed` gave it: the claim
    /// bond back plus the slash of its upheld ruling) to its claimant, always the recorded payee, by
    /// one treasury transfer (`ITreasury.payClaim`); what is owed is cleared first, so a second pull
    /// reverts (M9). A claimant the token refuses fails only its own pull, which can be repeated (M1).
    /// Returns the amount paid.
    /// @param r The claim's record (`ClaimFiled`).
    /// @param owed What the claim owes (`ClaimPayoutOwed`); any other amount is a record mismatch.
    function claimPayout(ClaimRecord calldata r, uint256 owed) external returns (uint256 amount);

    /// @notice Claimant or respondent: closes a claim in Arbitration as Unresolved once its ruling
    /// deadline (`rulingDeadlineOf`: `RULING_PERIOD` after the referral or the last appeal) has
    /// passed and the arbitrator still reports `Waiting` (a status view that reverts counts as
    /// `Waiting`). Refused while it reports a ruling not yet delivered (`Appealable`, or `Solved`
    /// while the claim is still in arbitration: execute or appeal it there). The claim bond goes back
    /// to the claimant (no finding against anyone); the (claimant, respondent, agreement, clause)
    /// slot is freed, so the claim can be filed again (under the arbitrator then in use). A later
    /// `rule` for the dispute reverts with `DisputeResolutionUnexpectedStatus`.
    /// @param r The claim's record (`ClaimFiled`).
    /// @param disputeId The claim's dispute (`ClaimReferred`).
    function closeUnresolved(ClaimRecord calldata r, uint256 disputeId) external;

    /// @notice Claimant of an Executed claim: lifts the licence suspension its own ruling applied, once
    /// (a waiver, e.g. after a settlement; B7: never another claim's suspension). `reasonHash`: SHA-256
    /// of the waiver (may be 0). The licence is Active again unless another ruling's suspension or a
    /// suspension for non-payment remains; royalty periods that began while it was suspended are
    /// waived. Appends a `SuspensionLifted` history entry.
    /// @param r The claim's record (`ClaimFiled`).
    /// @param owed What the claim still owes its claimant (`ClaimPayoutOwed`), 0 once pulled.
    function liftSuspension(ClaimRecord calldata r, uint256 owed, bytes32 reasonHash) external;

    // ------------------------------------------------------------------ council
    /// @notice Council: lifts the licence suspension of Executed claim `claimId` (the alliance
    /// decides the breach is remedied) as `liftSuspension` does: that claim's own suspension, once;
    /// `decisionHash`: SHA-256 of the council's decision (may be 0). Cannot undo a slash, a
    /// revocation or a ruling, nor lift another claim's suspension or one for non-payment.
    /// @param r The claim's record (`ClaimFiled`).
    /// @param owed What the claim still owes its claimant (`ClaimPayoutOwed`), 0 once pulled.
    function liftSuspensionByCouncil(ClaimRecord calldata r, uint256 owed, bytes32 decisionHash) external;

    /// @notice Council: the arbitrator for claims filed from now on (claims already filed keep theirs).
    function setArbitrator(IArbitrator newArbitrator) external;

    /// @notice Council: the licence manager that licence remedies act through.
    function setLicenseManager(address newLicenseManager) external;

    // ------------------------------------------------------------------ views
    /// @notice The state of the claim whose record is `r` (and, once Executed with money owed, `owed`):
    /// reverts `DisputeResolutionUnknownClaim` if no claim was filed for its claimant, respondent,
    /// agreement and clause, `DisputeResolutionRecordMismatch` if `r` is not the filed record or has
    /// been replaced by a later claim on the same four. A claim in Arbitration whose arbitrator has
    /// ruled stays in Arbitration here until `executeRuling` (`ClaimRuled` tells the ruling).
    function claimStateOf(ClaimRecord calldata r, uint256 owed) external view returns (ClaimState memory);
    /// @notice How many claims were filed (ids run from 1 to this).
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
    /// @notice The arbitrator claims filed from now on go to.
    function arbitrator() external view returns (IArbitrator);
    /// @notice Seconds the arbitrator has to rule after a referral or an appeal (180 days, the
    /// six months arbitration rules such as CIETAC's give a tribunal for its award).
    function RULING_PERIOD() external view returns (uint256);
    /// @notice Last second (inclusive) the claim of `arbitrator_`'s dispute `disputeId` waits for its
    /// ruling; 0 for a dispute of no claim.
    function rulingDeadlineOf(IArbitrator arbitrator_, uint256 disputeId) external view returns (uint256);
    /// @notice The licence manager licence remedies act through.
    function licenseManager() external view returns (address);
}
