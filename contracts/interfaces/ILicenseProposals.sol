// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LicenseTerms, PriceClass} from "./ILicenseManager.sol";
import {AssetStatus} from "./IIPRegistry.sol";

/// @notice A public offer (standard terms anyone of its class accepts) or a negotiated licence
/// (granted under a License agreement of the AgreementRegistry).
enum ProposalKind {
    Offer,
    Negotiated
}

/// @notice Offer: Pending -> Published (co-owners holding the charter's approval share approved) ->
/// accepted any number of times until its end. Negotiated: Pending -> Approved -> Executed.
/// Pending | Approved -> Cancelled by the proposer.
enum ProposalStatus {
    None,
    Pending,
    Approved,
    Published,
    Executed,
    Cancelled
}

/// @notice A licence offer or a negotiated licence awaiting the co-owners' approvals.
struct Proposal {
    ProposalKind kind;
    ProposalStatus status;
    /// Sum of the approving co-owners' shares (counted without a loop).
    uint16 approvedBps;
    /// The asset's share version the approvals are counted at; any share sale voids them.
    uint32 shareVersion;
    address proposer;
    /// Negotiated: the licensee. Offer: 0.
    address licensee;
    uint256 assetId;
    /// Negotiated: the Effective License agreement. Offer: 0.
    uint256 agreementId;
    LicenseTerms terms;
}

/// @notice A co-owner's proposal to change an asset's legal status (B5): applied in the IPRegistry
/// once co-owners holding the charter's `approvalShareBps` of the asset approved it, all at share
/// version `shareVersion` (a share sale voids the approvals) and while the asset is still in `from`.
struct StatusChange {
    uint256 assetId;
    AssetStatus from;
    AssetStatus to;
    bool applied;
    /// Sum of the approving co-owners' shares (counted without a loop).
    uint16 approvedBps;
    /// The asset's share version the approvals are counted at.
    uint32 shareVersion;
    address proposer;
    /// SHA-256 of the document proving the new status (e.g. the patent office's decision).
    bytes32 evidenceHash;
}

/// @title ILicenseProposals
/// @notice The alliance's technology-transfer marketplace (F6, Macro 3) and the co-owners' approval
/// of licences (F5): public offers, FRAND offers for standard-essential IP (R4), negotiated licences
/// under a License agreement. A proposal approved by co-owners holding the charter's
/// `approvalShareBps` (every co-owner for an exclusive or sole licence) becomes a licence in
/// `LicenseManager`. The co-owners' other joint decision, an asset's legal status (B5), is proposed and
/// approved here the same way and applied in the `IPRegistry`.
interface ILicenseProposals {
    // ------------------------------------------------------------------ errors
    /// @dev An address given at construction is the zero address.
    error LicenseProposalsZeroAddress();
    /// @dev A term is out of range (`field` names it).
    error LicenseProposalsInvalidTerms(string field);
    /// @dev No IP asset has id `assetId`.
    error LicenseProposalsUnknownAsset(uint256 assetId);
    /// @dev The asset is Lapsed or Abandoned (`status`): no new licence.
    error LicenseProposalsAssetNotLicensable(uint256 assetId, uint8 status);
    /// @dev `account` holds no share of asset `assetId`: only its co-owners act on it.
    error LicenseProposalsNotCoOwner(uint256 assetId, address account);
    /// @dev No licence proposal has id `proposalId`.
    error LicenseProposalsUnknownProposal(uint256 proposalId);
    /// @dev The proposal is `current` where `expected` is needed.
    error LicenseProposalsUnexpectedStatus(
        uint256 proposalId,
        ProposalStatus current,
        ProposalStatus expected
    );
    /// @dev Co-owner `owner` already approved proposal `proposalId`: an approval counts once.
    error LicenseProposalsAlreadyApproved(uint256 proposalId, address owner);
    /// @dev A share sale since the proposal changed who holds what: approvals counted at version
    /// `approvedAt` are void; propose again.
    error LicenseProposalsSharesChanged(uint256 proposalId, uint32 approvedAt, uint32 current);
    /// @dev `account` is not the one who may do this: the proposer cancels a proposal, the named licensee executes it.
    error LicenseProposalsUnauthorized(address account);
    /// @dev The agreement is not an Effective License agreement with `licensee` as a party.
    error LicenseProposalsInvalidAgreement(uint256 agreementId, address licensee);
    /// @dev R4: a standard-essential asset is licensable only through non-exclusive offers.
    error LicenseProposalsStandardEssential(uint256 assetId);
    /// @dev R4: a standard-essential asset's terms for this price class are fixed; these differ.
    error LicenseProposalsFrandViolation(uint256 assetId, PriceClass priceClass);
    /// @dev The offer's end has passed.
    error LicenseProposalsOfferClosed(uint256 proposalId);
    /// @dev B5: the asset is `current` and co-owners cannot make it `requested`: they move a status
    /// between Filed, Granted, Lapsed and Abandoned (never to the one it has); a Contested asset
    /// keeps its status.
    error LicenseProposalsStatusRefused(uint256 assetId, AssetStatus current, AssetStatus requested);
    /// @dev B5: a status change field is invalid (`field` names it: evidenceHash, externalId).
    error LicenseProposalsInvalidStatusChange(string field);
    /// @dev B5: no status change with this id.
    error LicenseProposalsUnknownStatusChange(uint256 changeId);
    /// @dev B5: the status change was already applied.
    error LicenseProposalsStatusChangeApplied(uint256 changeId);
    /// @dev B5: `owner` already approved this status change.
    error LicenseProposalsStatusChangeApproved(uint256 changeId, address owner);
    /// @dev B5: a share sale since the status change was proposed changed who holds what: approvals
    /// counted at version `proposedAt` are void (now `current`); propose again.
    error LicenseProposalsStatusSharesChanged(uint256 changeId, uint32 proposedAt, uint32 current);

    // ------------------------------------------------------------------ events
    event LicenseProposed(
        uint256 indexed proposalId,
        uint256 indexed assetId,
        ProposalKind kind,
        address indexed proposer,
        address licensee,
        uint256 agreementId,
        LicenseTerms terms
    );
    event ProposalApproved(uint256 indexed proposalId, address indexed owner, uint16 bps, uint16 approvedBps);
    event ProposalStatusChanged(uint256 indexed proposalId, ProposalStatus status);
    /// @dev R4: the first published offer of a standard-essential asset fixes its class's terms.
    event FrandTermsFixed(uint256 indexed assetId, PriceClass priceClass, bytes32 termsHash);
    /// @dev B5: a co-owner proposed a status change; its own share counts as its approval. `externalId`
    /// (text, in this event only) becomes the asset's external id when the change is applied, if not
    /// empty.
    event StatusChangeProposed(
        uint256 indexed changeId,
        uint256 indexed assetId,
        address indexed proposer,
        AssetStatus from,
        AssetStatus to,
        string externalId,
        bytes32 evidenceHash
    );
    /// @dev B5: co-owner `owner` approved with `bps`; `approvedBps` is the running sum.
    event StatusChangeApproved(
        uint256 indexed changeId,
        address indexed owner,
        uint16 bps,
        uint16 approvedBps
    );
    /// @dev B5: the approvals reached the charter's approval share; the IPRegistry applied the change
    /// (its `AssetStatusChanged` carries the statuses and evidence; `StatusChangeProposed` the external id).
    event StatusChangeApplied(uint256 indexed changeId, uint256 indexed assetId);

    // ------------------------------------------------------------------ actions
    /// @notice A co-owner proposes a public offer (Macro 3, F6); its own share counts as approval.
    /// It is Published once co-owners holding the charter's `approvalShareBps` approved (all co-owners
    /// for an exclusive or sole offer). Member-class offers are for members in good standing only,
    /// Outsider-class offers for anyone. Standard-essential assets (R4): non-exclusive only, and the
    /// terms of the first published offer of a price class bind every later offer of that class.
    function proposeOffer(uint256 assetId, LicenseTerms calldata terms) external returns (uint256 proposalId);

    /// @notice A licensee proposes a negotiated licence under License agreement `agreementId`
    /// (Effective, the caller a party). Not for standard-essential assets (R4). The terms must be those
    /// of the agreement's terms JSON: co-owners check them before approving.
    function proposeLicense(
        uint256 assetId,
        uint256 agreementId,
        LicenseTerms calldata terms
    ) external returns (uint256 proposalId);

    /// @notice A co-owner approves a Pending proposal with its share (counted once, O(1)).
    function approve(uint256 proposalId) external;

    /// @notice The proposer cancels a Pending or Approved proposal.
    function cancelProposal(uint256 proposalId) external;

    /// @notice Accepts a published offer: the caller becomes licensee (from now, or the offer's start
    /// if later, to its end) and pays the upfront fee (approve Treasury for it).
    function acceptOffer(uint256 proposalId) external returns (uint256 licenseId);

    /// @notice The licensee executes an Approved negotiated licence, paying the upfront fee. The
    /// licence runs from now (or the terms' start if later: B15, it never starts before it is granted)
    /// to the terms' end. Reverts `LicenseProposalsSharesChanged` when a share sale since the proposal
    /// changed who holds the asset: co-owners who bought in never approved it (their consent lapses
    /// with the share version, exclusive and sole licences included); propose again.
    function executeLicense(uint256 proposalId) external returns (uint256 licenseId);

    /// @notice B5: a co-owner proposes a change of the asset's legal status (Filed, Granted, Lapsed,
    /// Abandoned; any of them to any other, so a wrong status is corrected the same way) with the
    /// SHA-256 of the document proving it. Its own share counts as approval; the change is applied in
    /// the IPRegistry (`applyStatusChange`) once co-owners holding the charter's `approvalShareBps`
    /// approved at the same share version, the asset still in the status it was proposed from.
    /// @param externalId Becomes the asset's external id (e.g. the patent number) when the change is
    /// applied, if not empty; at most 64 bytes. Text: `StatusChangeProposed` carries it, storage does not.
    /// @return changeId The proposal.
    function proposeStatusChange(
        uint256 assetId,
        AssetStatus newStatus,
        string calldata externalId,
        bytes32 evidenceHash
    ) external returns (uint256 changeId);

    /// @notice B5: a co-owner approves a pending status change with its current share (counted once,
    /// O(1)); the approval that reaches the charter's approval share applies it.
    function approveStatusChange(uint256 changeId) external;

    // ------------------------------------------------------------------ views
    function proposalOf(uint256 proposalId) external view returns (Proposal memory);
    function proposalCount() external view returns (uint256);
    /// @notice Whether co-owner `owner` approved proposal `proposalId`.
    function hasApproved(uint256 proposalId, address owner) external view returns (bool);
    /// @notice B5: a status change proposal; reverts `LicenseProposalsUnknownStatusChange` for an unknown id.
    function statusChangeOf(uint256 changeId) external view returns (StatusChange memory);
    function statusChangeCount() external view returns (uint256);
    /// @notice B5: whether co-owner `owner` approved status change `changeId`.
    function hasApprovedStatusChange(uint256 changeId, address owner) external view returns (bool);
    /// @notice R4: the fixed FRAND terms hash of a standard-essential asset's price class (0 if none yet).
    function frandTermsOf(uint256 assetId, PriceClass priceClass) external view returns (bytes32);
}
