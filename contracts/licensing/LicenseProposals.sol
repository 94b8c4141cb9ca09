// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ILicenseProposals,
    Proposal,
    ProposalKind,
    ProposalStatus,
    StatusChange
} from "../interfaces/ILicenseProposals.sol";
import {ILicenseManagerFull, LicenseKind, LicenseTerms, PriceClass} from "../interfaces/ILicenseManager.sol";
import {IIPRegistry, AssetStatus} from "../interfaces/IIPRegistry.sol";
import {IMembership} from "../interfaces/IMembership.sol";
import {IAgreementRegistry, Agreement, AgreementKind} from "../interfaces/IAgreementRegistry.sol";

/// @title LicenseProposals
/// @notice How a licence comes to be (F5, F6, R4, Macro 3): public offers published by co-owners and
/// accepted by anyone (or members only), FRAND offers for standard-essential IP, and negotiated
/// licences under a License agreement, each approved by co-owners holding the charter's
/// `approvalShareBps` (every co-owner for exclusive and sole licences); and the co-owners' changes of
/// an asset's legal status (B5), approved the same way and applied in the IPRegistry. Approvals are
/// counted with a running sum of the approvers' shares (O(1) per approval, no loop over co-owners).
/// @dev Holds no money and grants nothing itself: `LicenseManager.grantLicense` (restricted to the
/// LICENSING_MODULE role, which this contract holds) creates the licence and collects the fee;
/// `IPRegistry.applyStatusChange` (same role) records an approved status change.
/// Powers and non-powers:
/// - Co-owners: propose offers and status changes, approve proposals and status changes with their
///   current share. Cannot publish an offer or change a status alone below the approval share (B5),
///   cannot approve twice or after a share sale changed the shares; a negotiated licence approved
///   before a share sale cannot be executed after it (its approvals lapse with the share version).
/// - Licensees: propose negotiated licences under an Effective License agreement they are party to,
///   execute them once approved, accept offers. Cannot accept a Member-class offer unless a member in
///   good standing.
/// - Nobody can change a proposal's terms, withdraw a published offer (a public promise: it stands
///   until its end) or publish different terms for a standard-essential asset's price class (R4).
contract LicenseProposals is ILicenseProposals {
    uint256 private constant _BPS = 10_000;

    IIPRegistry public immutable IP_REGISTRY;
    IMembership public immutable MEMBERSHIP;
    IAgreementRegistry public immutable AGREEMENTS;
    ILicenseManagerFull public immutable LICENSE_MANAGER;

    /// Statuses co-owners may set and leave (bit i = AssetStatus(i)): all but None and Contested.
    uint256 private constant _LIVE_STATUS_MASK =
        (1 << uint8(AssetStatus.Filed)) |
            (1 << uint8(AssetStatus.Granted)) |
            (1 << uint8(AssetStatus.Lapsed)) |
            (1 << uint8(AssetStatus.Abandoned));
    uint256 private constant _MAX_EXTERNAL_ID_BYTES = 64;

    uint256 private _proposalCount;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address owner => bool)) private _approved;
    /// R4: hash of the FRAND terms of a standard-essential asset per price class, fixed by the first
    /// published offer of that class.
    mapping(uint256 assetId => mapping(PriceClass priceClass => bytes32 termsHash)) private _frand;
    uint256 private _statusChangeCount;
    mapping(uint256 changeId => StatusChange) private _statusChanges;
    mapping(uint256 changeId => mapping(address owner => bool)) private _statusApproved;

    constructor(
        IIPRegistry ipRegistry,
        IMembership membership,
        IAgreementRegistry agreements,
        ILicenseManagerFull licenseManager
    ) {
        if (
            address(ipRegistry) == address(0) ||
            address(membership) == address(0) ||
            address(agreements) == address(0) ||
            address(licenseManager) == address(0)
        ) revert LicenseProposalsZeroAddress();
        IP_REGISTRY = ipRegistry;
        MEMBERSHIP = membership;
        AGREEMENTS = agreements;
        LICENSE_MANAGER = licenseManager;
    }

    // ================================================================== actions

    /// @inheritdoc ILicenseProposals
    function proposeOffer(
        uint256 assetId,
        LicenseTerms calldata terms
    ) external returns (uint256 proposalId) {
        bool sep = _licensableAsset(assetId);
        (uint16 bps, uint32 version) = IP_REGISTRY.approvalWeight(assetId, msg.sender);
        if (bps == 0) revert LicenseProposalsNotCoOwner(assetId, msg.sender);
        _validateTerms(terms);
        if (sep) {
            if (terms.kind != LicenseKind.NonExclusive) revert LicenseProposalsStandardEssential(assetId);
            bytes32 fixedHash = _frand[assetId][terms.priceClass];
            if (fixedHash != bytes32(0) && fixedHash != _frandHash(terms))
                revert LicenseProposalsFrandViolation(assetId, terms.priceClass);
        }
        proposalId = _newProposal(ProposalKind.Offer, assetId, address(0), 0, version, terms);
        _countApproval(proposalId, msg.sender, bps);
    }

    /// @inheritdoc ILicenseProposals
    function proposeLicense(
        uint256 assetId,
        uint256 agreementId,
        LicenseTerms calldata terms
    ) external returns (uint256 proposalId) {
        if (_licensableAsset(assetId)) revert LicenseProposalsStandardEssential(assetId);
        _validateTerms(terms);
        _checkAgreement(agreementId, msg.sender);
        if (terms.priceClass == PriceClass.Member) MEMBERSHIP.requireBusinessMember(msg.sender);
        (, uint32 version) = IP_REGISTRY.approvalWeight(assetId, msg.sender);
        proposalId = _newProposal(ProposalKind.Negotiated, assetId, msg.sender, agreementId, version, terms);
        _checkThreshold(proposalId, _proposals[proposalId]);
    }

    /// @inheritdoc ILicenseProposals
    function approve(uint256 proposalId) external {
        Proposal storage p = _proposal(proposalId);
        _requireStatus(proposalId, ProposalStatus.Pending);
        (uint16 bps, uint32 version) = IP_REGISTRY.approvalWeight(p.assetId, msg.sender);
        if (bps == 0) revert LicenseProposalsNotCoOwner(p.assetId, msg.sender);
        if (version != p.shareVersion)
            revert LicenseProposalsSharesChanged(proposalId, p.shareVersion, version);
        if (_approved[proposalId][msg.sender]) revert LicenseProposalsAlreadyApproved(proposalId, msg.sender);
        _countApproval(proposalId, msg.sender, bps);
    }

    /// @inheritdoc ILicenseProposals
    function cancelProposal(uint256 proposalId) external {
        Proposal storage p = _proposal(proposalId);
        if (msg.sender != p.proposer) revert LicenseProposalsUnauthorized(msg.sender);
        if (p.status != ProposalStatus.Approved) _requireStatus(proposalId, ProposalStatus.Pending);
        p.status = ProposalStatus.Cancelled;
        emit ProposalStatusChanged(proposalId, ProposalStatus.Cancelled);
    }

    /// @inheritdoc ILicenseProposals
    function acceptOffer(uint256 proposalId) external returns (uint256 licenseId) {
        Proposal storage p = _proposal(proposalId);
        _requireStatus(proposalId, ProposalStatus.Published); // only offers are ever Published
        if (block.timestamp >= p.terms.end) revert LicenseProposalsOfferClosed(proposalId);
        if (p.terms.priceClass == PriceClass.Member) MEMBERSHIP.requireBusinessMember(msg.sender);
        _stillLicensable(p.assetId);
        // block.timestamp < terms.end, a uint48, so the cast is exact.
        uint48 start = p.terms.start > block.timestamp ? p.terms.start : uint48(block.timestamp);
        licenseId = LICENSE_MANAGER.grantLicense(p.assetId, msg.sender, proposalId, 0, p.terms, start);
    }

    /// @inheritdoc ILicenseProposals
    function executeLicense(uint256 proposalId) external returns (uint256 licenseId) {
        Proposal storage p = _proposal(proposalId);
        _requireStatus(proposalId, ProposalStatus.Approved);
        if (msg.sender != p.licensee) revert LicenseProposalsUnauthorized(msg.sender);
        if (block.timestamp >= p.terms.end) revert LicenseProposalsInvalidTerms("end");
        _checkAgreement(p.agreementId, msg.sender);
        _stillLicensable(p.assetId);
        // B5: the approvals bind only the co-owners of the share version they were given at.
        (, uint32 version) = IP_REGISTRY.approvalWeight(p.assetId, msg.sender);
        if (version != p.shareVersion)
            revert LicenseProposalsSharesChanged(proposalId, p.shareVersion, version);
        p.status = ProposalStatus.Executed;
        emit ProposalStatusChanged(proposalId, ProposalStatus.Executed);
        // B15: never before it is granted. block.timestamp < terms.end, a uint48: the cast is exact.
        uint48 start = p.terms.start > block.timestamp ? p.terms.start : uint48(block.timestamp);
        licenseId = LICENSE_MANAGER.grantLicense(
            p.assetId,
            msg.sender,
            proposalId,
            p.agreementId,
            p.terms,
            start
        );
    }

    /// @inheritdoc ILicenseProposals
    function proposeStatusChange(
        uint256 assetId,
        AssetStatus newStatus,
        string calldata externalId,
        bytes32 evidenceHash
    ) external returns (uint256 changeId) {
        if (assetId == 0 || assetId > IP_REGISTRY.assetCount()) revert LicenseProposalsUnknownAsset(assetId);
        (uint16 bps, uint32 version) = IP_REGISTRY.approvalWeight(assetId, msg.sender);
        if (bps == 0) revert LicenseProposalsNotCoOwner(assetId, msg.sender);
        if (evidenceHash == bytes32(0)) revert LicenseProposalsInvalidStatusChange("evidenceHash");
        if (bytes(externalId).length > _MAX_EXTERNAL_ID_BYTES)
            revert LicenseProposalsInvalidStatusChange("externalId");
        (AssetStatus from, ) = IP_REGISTRY.licensingInfo(assetId);
        if (
            newStatus == from ||
            (1 << uint8(from)) & _LIVE_STATUS_MASK == 0 ||
            (1 << uint8(newStatus)) & _LIVE_STATUS_MASK == 0
        ) revert LicenseProposalsStatusRefused(assetId, from, newStatus);
        changeId = ++_statusChangeCount;
        StatusChange storage c = _statusChanges[changeId];
        c.assetId = assetId;
        c.from = from;
        c.to = newStatus;
        c.shareVersion = version;
        c.proposer = msg.sender;
        c.evidenceHash = evidenceHash;
        // The external id is text: the event carries it, storage does not.
        emit StatusChangeProposed(changeId, assetId, msg.sender, from, newStatus, externalId, evidenceHash);
        _countStatusApproval(changeId, c, bps);
    }

    /// @inheritdoc ILicenseProposals
    function approveStatusChange(uint256 changeId) external {
        StatusChange storage c = _statusChanges[changeId];
        if (c.proposer == address(0)) revert LicenseProposalsUnknownStatusChange(changeId);
        if (c.applied) revert LicenseProposalsStatusChangeApplied(changeId);
        (uint16 bps, uint32 version) = IP_REGISTRY.approvalWeight(c.assetId, msg.sender);
        if (bps == 0) revert LicenseProposalsNotCoOwner(c.assetId, msg.sender);
        if (version != c.shareVersion)
            revert LicenseProposalsStatusSharesChanged(changeId, c.shareVersion, version);
        if (_statusApproved[changeId][msg.sender])
            revert LicenseProposalsStatusChangeApproved(changeId, msg.sender);
        _countStatusApproval(changeId, c, bps);
    }

    // ================================================================== views

    /// @inheritdoc ILicenseProposals
    function proposalOf(uint256 proposalId) external view returns (Proposal memory) {
        return _proposal(proposalId);
    }

    /// @inheritdoc ILicenseProposals
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    /// @inheritdoc ILicenseProposals
    function hasApproved(uint256 proposalId, address owner) external view returns (bool) {
        return _approved[proposalId][owner];
    }

    /// @inheritdoc ILicenseProposals
    function statusChangeOf(uint256 changeId) external view returns (StatusChange memory) {
        if (_statusChanges[changeId].proposer == address(0))
            revert LicenseProposalsUnknownStatusChange(changeId);
        return _statusChanges[changeId];
    }

    /// @inheritdoc ILicenseProposals
    function statusChangeCount() external view returns (uint256) {
        return _statusChangeCount;
    }

    /// @inheritdoc ILicenseProposals
    function hasApprovedStatusChange(uint256 changeId, address owner) external view returns (bool) {
        return _statusApproved[changeId][owner];
    }

    /// @inheritdoc ILicenseProposals
    function frandTermsOf(uint256 assetId, PriceClass priceClass) external view returns (bytes32) {
        return _frand[assetId][priceClass];
    }

    // ================================================================== internals

    function _proposal(uint256 proposalId) private view returns (Proposal storage p) {
        p = _proposals[proposalId];
        if (p.status == ProposalStatus.None) revert LicenseProposalsUnknownProposal(proposalId);
    }

    function _requireStatus(uint256 proposalId, ProposalStatus expected) private view {
        ProposalStatus current = _proposals[proposalId].status;
        if (current != expected) revert LicenseProposalsUnexpectedStatus(proposalId, current, expected);
    }

    /// @dev Reverts unless the asset exists and is Filed or Granted; returns its R4 flag.
    function _licensableAsset(uint256 assetId) private view returns (bool standardEssential) {
        if (assetId == 0 || assetId > IP_REGISTRY.assetCount()) revert LicenseProposalsUnknownAsset(assetId);
        return _stillLicensable(assetId);
    }

    /// @dev Reverts unless the asset (known: a proposal names it) is Filed or Granted; returns its R4 flag.
    function _stillLicensable(uint256 assetId) private view returns (bool standardEssential) {
        AssetStatus status;
        (status, standardEssential) = IP_REGISTRY.licensingInfo(assetId);
        if (status != AssetStatus.Filed && status != AssetStatus.Granted)
            revert LicenseProposalsAssetNotLicensable(assetId, uint8(status));
    }

    function _validateTerms(LicenseTerms calldata t) private view {
        if (t.start >= t.end) revert LicenseProposalsInvalidTerms("start");
        if (t.end <= block.timestamp) revert LicenseProposalsInvalidTerms("end");
        if (t.royaltyBps > _BPS) revert LicenseProposalsInvalidTerms("royaltyBps");
        if (t.periodLength == 0 && (t.royaltyBps != 0 || t.minRoyalty != 0))
            revert LicenseProposalsInvalidTerms("periodLength");
    }

    function _checkAgreement(uint256 agreementId, address licensee) private view {
        Agreement memory a = AGREEMENTS.agreementOf(agreementId);
        if (
            a.kind != AgreementKind.License ||
            !AGREEMENTS.isEffective(agreementId) ||
            !AGREEMENTS.isParty(agreementId, licensee)
        ) revert LicenseProposalsInvalidAgreement(agreementId, licensee);
    }

    /// @dev FRAND terms: everything but the offer's window (start and end may differ between offers
    /// of the same class; price and scope may not).
    function _frandHash(LicenseTerms memory t) private pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    t.kind,
                    t.priceClass,
                    t.sublicensable,
                    t.royaltyBps,
                    t.fieldId,
                    t.territoryId,
                    t.periodLength,
                    t.upfrontFee,
                    t.minRoyalty
                )
            );
    }

    function _newProposal(
        ProposalKind kind,
        uint256 assetId,
        address licensee,
        uint256 agreementId,
        uint32 version,
        LicenseTerms calldata terms
    ) private returns (uint256 proposalId) {
        proposalId = ++_proposalCount;
        Proposal storage p = _proposals[proposalId];
        p.kind = kind;
        p.status = ProposalStatus.Pending;
        p.shareVersion = version;
        p.proposer = msg.sender;
        p.licensee = licensee;
        p.assetId = assetId;
        p.agreementId = agreementId;
        p.terms = terms;
        emit LicenseProposed(proposalId, assetId, kind, msg.sender, licensee, agreementId, terms);
    }

    function _countApproval(uint256 proposalId, address owner, uint16 bps) private {
        Proposal storage p = _proposals[proposalId];
        _approved[proposalId][owner] = true;
        // Approvals come from distinct owners of one share version, whose shares sum to 10000.
        uint16 approvedBps = p.approvedBps + bps;
        p.approvedBps = approvedBps;
        emit ProposalApproved(proposalId, owner, bps, approvedBps);
        _checkThreshold(proposalId, p);
    }

    /// @dev B5: counts `bps` of the caller; the approval reaching the charter's approval share has the
    /// IPRegistry apply the change (which reverts unless the asset is still in the status `from`).
    function _countStatusApproval(uint256 changeId, StatusChange storage c, uint16 bps) private {
        _statusApproved[changeId][msg.sender] = true;
        // Approvals come from distinct owners of one share version, whose shares sum to 10000.
        uint16 approvedBps = c.approvedBps + bps;
        c.approvedBps = approvedBps;
        emit StatusChangeApproved(changeId, msg.sender, bps, approvedBps);
        if (approvedBps < AGREEMENTS.charterParams().approvalShareBps) return;
        c.applied = true;
        emit StatusChangeApplied(changeId, c.assetId);
        IP_REGISTRY.applyStatusChange(c.assetId, c.from, c.to, c.evidenceHash);
    }

    /// @dev Pending -> Published (offer) or Approved (negotiated) once approvals reach the charter's
    /// approval share, or all 10000 bps for an exclusive or sole licence.
    function _checkThreshold(uint256 proposalId, Proposal storage p) private {
        uint256 required =
            p.terms.kind == LicenseKind.NonExclusive ? AGREEMENTS.charterParams().approvalShareBps : _BPS;
        if (p.approvedBps < required) return;
        if (p.kind == ProposalKind.Offer) {
            (, bool standardEssential) = IP_REGISTRY.licensingInfo(p.assetId);
            if (standardEssential) {
                bytes32 h = _frandHash(p.terms);
                bytes32 fixedHash = _frand[p.assetId][p.terms.priceClass];
                if (fixedHash == bytes32(0)) {
                    _frand[p.assetId][p.terms.priceClass] = h;
                    emit FrandTermsFixed(p.assetId, p.terms.priceClass, h);
                } else if (fixedHash != h) {
                    revert LicenseProposalsFrandViolation(p.assetId, p.terms.priceClass);
                }
            }
            p.status = ProposalStatus.Published;
        } else {
            p.status = ProposalStatus.Approved;
        }
        emit ProposalStatusChanged(proposalId, p.status);
    }
}
