// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What `DisputeResolution` hands over when a claim's ruling is upheld: the claim's fields a
/// remedy needs (fixed at filing, except `paid`) and who executes it.
struct RemedyOrder {
    uint256 claimId;
    address claimant;
    address respondent;
    /// The claimant is the secretariat acting for the alliance: damages go to the alliance fund (B12).
    bool forAlliance;
    /// Requested remedies (bit flags of `Remedies`), within the clause's schedule (C4).
    uint8 remedies;
    uint256 damages;
    /// What the respondent paid voluntarily (counts against the damages).
    uint256 paid;
    uint256 licenseId;
    uint256 agreementId;
    bytes32 clauseId;
    bytes32 statementHash;
    /// The licence manager licence remedies act through (`DisputeResolution.licenseManager()`).
    address licenseManager;
    /// Who executes the ruling (recorded as the actor of the penalty entries).
    address actor;
    /// The dispute whose upheld ruling this is, and the arbitrator that gave it: the `Ruled` entry
    /// (the arbitrator its actor, the dispute id its data) comes first.
    uint256 disputeId;
    address arbitrator;
}

/// @notice What an upheld ruling does, decided from views before anything is written.
struct RemedyPlan {
    /// Amount to slash from the respondent's performance bond (0: none).
    uint256 slash;
    bool suspendLicense;
    bool revokeLicense;
    bool suspendMember;
    bool propose;
}

/// @title IRemedyExecution
/// @notice Carries out the remedies of an upheld ruling for `DisputeResolution` (F5, P2): slashes the
/// respondent's performance bond to the injured party (the alliance fund for a secretariat claim,
/// B12), suspends or revokes its licence, suspends its membership, and puts its expulsion to the
/// council as a Governor proposal that only this contract can create (B8); lifts a ruling's licence
/// suspension. Money moves only through `ITreasury.slashToClaim` (never more than the bond, M8), and
/// no token moves: the slash is held for the claimant to pull (`DisputeResolution.claimPayout`).
interface IRemedyExecution {
    // ------------------------------------------------------------------ errors
    /// @dev A constructor argument is the zero address.
    error RemedyExecutionZeroAddress();

    // ------------------------------------------------------------------ events
    /// @dev A remedy of the ruling found nothing to act on (licence revoked or expired, member no
    /// longer active, bond empty) and was skipped.
    event RemedySkipped(uint256 indexed claimId, uint8 remedy);
    /// @dev The expulsion of `respondent` was put to the council as proposal `proposalId`.
    event ExpulsionProposed(uint256 indexed claimId, address indexed respondent, uint256 proposalId);
    /// @dev The governor refused the proposal (e.g. a proposal threshold); the council can still propose it.
    event ExpulsionProposalFailed(uint256 indexed claimId, address indexed respondent);

    // ------------------------------------------------------------------ actions (DISPUTES_MODULE)
    /// @notice Disputes module: applies the upheld ruling described by `o`: records the claim's
    /// `Executed` entry and each penalty (a `PenaltyApplied` entry; a remedy that found nothing to
    /// act on emits `RemedySkipped`) in one history call, then suspends or revokes the licence,
    /// suspends the member, proposes the expulsion, and last slashes the bond into the claim money
    /// held for the claimant (the alliance fund for a secretariat claim, B12) in one treasury call
    /// (`slashToClaim`, no token moves; the claimant pulls it with `DisputeResolution.claimPayout`).
    /// Returns the plan it applied (`planOf(o)` at that moment).
    function execute(RemedyOrder calldata o) external returns (RemedyPlan memory plan);

    /// @notice Disputes module: lifts the suspension that claim `claimId`'s ruling put on licence
    /// `licenseId` (`ILicenseManager.liftSuspension`; only that claim's suspension, B7).
    function liftSuspension(address licenseManager, uint256 licenseId, uint256 claimId) external;

    // ------------------------------------------------------------------ views
    /// @notice What `execute(o)` would do now: each requested remedy that still has something to act
    /// on. A licence suspension applies to a live licence whatever its state (Active, or already
    /// Suspended, e.g. for non-payment: B7); a revoked or expired licence is skipped.
    function planOf(RemedyOrder calldata o) external view returns (RemedyPlan memory plan);

    /// @notice The council proposal that would expel `respondent` for claim `claimId`: one call to
    /// `Membership.expel(respondent, statementHash)`, described with the claim id and ending with
    /// OpenZeppelin Governor's `#proposer=<this contract>` suffix, so that nobody else can create (and
    /// cancel) a proposal with that id (B8).
    function expulsionProposal(
        uint256 claimId,
        address respondent,
        bytes32 statementHash,
        uint256 agreementId
    )
        external
        view
        returns (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            string memory description
        );
}
