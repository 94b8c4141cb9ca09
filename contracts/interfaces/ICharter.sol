// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice How the charter in force is amended (B1). Either way the secretariat only drafts.
enum AmendmentRule {
    /// Every member bound by the charter in force signs the draft; its party list is exactly those
    /// members (never a non-member), so the charter's `maxMembers` may not exceed `MAX_PARTIES`.
    MemberSignatures,
    /// The council adopts the draft by a reserved (supermajority) vote of a Governor proposal; the
    /// members bound by the charter in force stay bound by the adopted version.
    CouncilVote
}

/// @notice The alliance charter's parameters: what every module reads. They live on chain with the
/// charter agreement (`AgreementRegistry`) and the charter's terms JSON carries the same values
/// under the same names, so `verifyAgreement` can compare them one by one.
/// @dev Basis points (bps) are parts of 10000. Durations are seconds. Every window and period has a
/// floor of `AgreementValidation.MIN_PERIOD` (one day) that the parameter check enforces (B16).
struct CharterParams {
    // --- Members (chapter 2) ---
    /// Performance bond an applicant posts in the settlement token (P2). Returned on clean withdrawal.
    uint256 bondAmount;
    /// Most members the alliance admits (active + suspended); never above `Membership.MEMBER_CAP`.
    uint32 maxMembers;
    /// Seconds between a withdrawal notice and the earliest withdrawal.
    uint32 noticePeriod;
    /// Seconds after the notice period ends during which the member may withdraw; after that the
    /// notice has expired and a new one must be given (B6).
    uint32 noticeValidity;
    /// Seconds after a rejected application before the same account or legal entity may apply
    /// again (B8: an entity id cannot be squatted by re-applying at once).
    uint32 reapplicationCooloff;
    // --- Organisation (chapter 3) ---
    /// Share of votes cast needed for reserved decisions (admission, suspension, expulsion,
    /// charter-level changes), in bps; 6667 = two thirds.
    uint16 supermajorityBps;
    /// Quorum: share of all seats at the proposal snapshot that must vote For or Abstain, in bps.
    uint16 quorumBps;
    /// How the charter is amended: every bound member's signature, or the council's reserved vote (B1).
    AmendmentRule amendmentRule;
    /// Seconds a pending amendment (of the charter or of any agreement) may wait for its last
    /// signature; after it the amendment has lapsed and any party of its parent may withdraw it (B2).
    uint32 amendmentPeriod;
    // --- Funds (chapter 5) ---
    /// Largest government grant as a share of a project's budget, in bps (3000 = the article's ~30%).
    uint16 grantCapBps;
    /// Project budgets strictly below this may be approved by the secretariat instead of the council.
    uint256 secretariatBudgetLimit;
    /// Expert reviews a project needs before it can be approved (R1).
    uint16 minReviews;
    /// Participants' cost/IP share (bps) that must approve a spend or a negotiated licence.
    uint16 approvalShareBps;
    /// Seconds after an installment's due date before anyone may record a default.
    uint32 gracePeriod;
    /// Late penalty recorded with a contribution default, in bps of the missed installment.
    uint16 latePenaltyBps;
    /// Seconds the supervisor has to veto a grant spend before it can execute.
    uint32 vetoWindow;
    // --- Intellectual property (chapter 6) ---
    /// Alliance levy on licence fees and royalties, in bps, paid into the alliance fund.
    uint16 levyBps;
    /// Seconds the other co-owners have to exercise their right of first refusal on a share sale.
    uint32 rofrWindow;
    /// Whether an IP share may be transferred to a non-member.
    bool transfersToNonMembers;
    /// Seconds after a royalty period ends before an unpaid period counts as a default.
    uint32 royaltyGracePeriod;
    /// Seconds after a participant of an active project registers a result as foreground IP during
    /// which it may contest an earlier background registration of the same content hash (B4).
    uint32 contestWindow;
    // --- Liability and disputes (chapters 8, 9) ---
    /// Bond a claimant posts to file a breach claim.
    uint256 claimBond;
    /// Seconds the respondent has to cure or settle after a claim is filed.
    uint32 curePeriod;
    /// Seconds the respondent has to answer after the cure period.
    uint32 answerPeriod;
}

/// @title ICharter
/// @notice The alliance's charter as the other modules see it: its parameters, whether it is in
/// force, and whether a member is bound by it.
/// @dev Implemented by `AgreementRegistry`. Before the first charter takes effect the genesis
/// parameters given at deployment apply, and nobody is bound.
///
/// Binding follows the charter line (B1): the original charter and every amendment of it form one
/// line, named by the original's id (`charterLine`). A member that signed a version of the line (as
/// a party of the first charter or by accession) is bound by every later version of it, whichever
/// amendment rule adopted that version, until it withdraws or is expelled. `Membership` records who
/// is bound (`IMembership.boundLineOf`); this registry tells it of each signature.
interface ICharter {
    /// @notice The parameters of the charter in force, or the genesis parameters before one is.
    function charterParams() external view returns (CharterParams memory);

    /// @notice Whether a charter agreement is in force (signed or adopted, not superseded or terminated).
    function charterEffective() external view returns (bool);

    /// @notice Id of the charter agreement in force; 0 before one is.
    function currentCharterId() external view returns (uint256);

    /// @notice Id of the first version (the root) of the charter line in force; 0 while no charter is
    /// in force. A member is bound by the charter in force iff its `IMembership.boundLineOf` is this.
    function charterLine() external view returns (uint256);

    /// @notice Whether `member` is bound by the charter in force: it signed a version of that
    /// charter's line (as a party of the first charter or by accession) and has not withdrawn or been
    /// expelled since. An amendment never undoes it (B1). False while no charter is in force.
    function hasAcceded(address member) external view returns (bool);
}
