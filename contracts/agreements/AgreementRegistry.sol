// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ICharter, CharterParams, AmendmentRule} from "../interfaces/ICharter.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {
    IAgreementRegistry,
    IAgreementRegistryFull,
    Agreement,
    AgreementInput,
    AgreementKind,
    AgreementStatus,
    Clause,
    ClaimTerms,
    PartyRecord,
    SignatureMethod,
    SignatureRecord
} from "../interfaces/IAgreementRegistry.sol";
import {AgreementValidation} from "./AgreementValidation.sol";
import {AgreementData} from "./AgreementData.sol";
import {AgreementBook} from "./AgreementBook.sol";
import {AgreementWriter} from "./AgreementWriter.sol";

/// @title AgreementRegistry
/// @notice Ricardian agreements of one alliance (F2, F5): the charter with its parameters, project
/// and licence agreements, their amendments, signatures, accessions and terminations.
/// @dev Powers and non-powers:
/// - SECRETARIAT (`createCharter`): drafts the charter and its amendments with their parameters.
///   It only drafts (B1): the party list is fixed by the amendment rule of the charter in force
///   (exactly the members bound by it, or none when the council adopts), so it cannot list itself or
///   any non-member, sign for anyone, make a draft effective, change a stored hash, party, clause or
///   parameter, or terminate anything. It may withdraw a draft it made (`withdrawAmendment`).
/// - COUNCIL (`terminateCharter`, `adoptCharter`; both reserved for the supermajority in the
///   Governor): terminates a charter-line agreement (draft or in force); adopts a charter draft only
///   when the charter in force says the council amends it (CouncilVote). Cannot adopt under
///   MemberSignatures, terminate project or licence agreements, sign, or edit anything.
/// - Parties: create project / licence / other agreements and their amendments (which list every
///   party of the parent, B2), sign, consent to termination, withdraw a lapsed amendment of their
///   agreement. A party cannot remove another party and cannot withdraw a signature.
/// - Anyone: submits a party's EIP-712 signature (a relayer). Gains nothing by it.
/// - Nobody (no admin, no role) can edit or delete a stored agreement, signature or parameter, and
///   no role alone makes a charter-line agreement effective.
/// Lean records: what never changes after creation (hashes, parties, clauses, parameters, URI) is
/// the code of the agreement's data contract (`AgreementData`); storage keeps one word per agreement
/// (status, signature count, data contract) and a bitmap of signatures; the parties' names for an
/// account's agreements are events (`PartyListed`, `CharterAcceded`).
/// Invariants: a signed agreement's signer set only grows, and every signer was a party (or, for
/// the charter in force, an Active member acceding) when it signed (I10); `signedCount` equals the
/// number of parties with a signature record; the charter in force is the only Effective
/// charter-line agreement; a Pending charter-line agreement is the charter draft; signing and
/// accession are O(1) in the number of parties.
contract AgreementRegistry is IAgreementRegistryFull, AccessManaged, EIP712 {
    using AgreementBook for AgreementBook.State;

    /// @notice Most parties an agreement may have: creation costs about 13,000 gas per party (20
    /// bytes of code, 2 bytes of order, one `PartyListed` event, its share of the sort and, for a
    /// charter amendment, one `boundLineOf` call), so MAX_PARTIES of them with MAX_CLAUSES clauses and
    /// the longest URI fit one transaction under the EIP-7825 cap of 2^24 gas (docs/agreements.md).
    uint256 public constant MAX_PARTIES = 1_000;
    /// @notice Most clauses in a penalty schedule.
    uint256 public constant MAX_CLAUSES = 64;
    /// @notice Longest agreement URI, in bytes.
    uint256 public constant MAX_URI_BYTES = 1_024;
    /// @notice EIP-712 type of a signature (bound to the domain's chain id and this contract).
    bytes32 public constant SIGNATURE_TYPEHASH = keccak256(
        "AgreementSignature(uint256 agreementId,bytes32 documentHash,bytes32 termsHash,uint32 version,"
        "address signer,uint256 deadline)"
    );

    AgreementBook.State private _state;

    /// @dev Creates the agreements' data contracts (its code is not part of this contract's, EIP-170).
    AgreementWriter private immutable _WRITER;

    /// @dev The membership registry asked about signers' standing and told of accessions. Bound once,
    /// after deployment, by `bindMembership`: `Membership` takes this registry (its charter) in its
    /// constructor, so one of the two must learn the other's address afterwards (see
    /// docs/deployment.md). Never changes once set.
    IMembership private _membership;

    /// @param authority The suite's `AccessManager`.
    /// @param genesis Parameters that apply while no charter is in force (validated like a charter's).
    constructor(
        address authority,
        CharterParams memory genesis
    ) AccessManaged(authority) EIP712("Covenant Agreements", "1") {
        if (authority == address(0)) revert AgreementRegistryZeroAddress();
        _WRITER = new AgreementWriter();
        _WRITER.checkCharterParams(genesis, MAX_PARTIES);
        address data = _WRITER.writeParams(abi.encode(genesis));
        _state.genesis = data;
        _state.params = data;
    }

    // ================================================================== deployment binding

    /// @inheritdoc IAgreementRegistryFull
    /// @dev Role: ADMIN (the deployer during deployment; nobody can call it a second time).
    function bindMembership(address membership) external restricted {
        if (membership == address(0)) revert AgreementRegistryZeroAddress();
        address bound = address(_membership);
        if (bound != address(0)) revert AgreementRegistryMembershipAlreadyBound(bound);
        _membership = IMembership(membership);
        emit MembershipBound(membership);
    }

    /// @inheritdoc IAgreementRegistryFull
    // solhint-disable-next-line func-name-mixedcase
    function MEMBERSHIP() external view returns (IMembership) {
        return _membership;
    }

    // ================================================================== creation

    /// @inheritdoc IAgreementRegistryFull
    function createCharter(
        AgreementInput calldata input,
        CharterParams calldata params
    ) external restricted returns (uint256 agreementId) {
        uint256 parentId = input.parentId;
        uint256 current = _state.currentCharterId;
        if (parentId == 0) {
            if (input.kind != AgreementKind.Charter) revert AgreementRegistryKindNotAllowed(input.kind, 0);
            if (current != 0) revert AgreementRegistryCharterInForce(current);
        } else {
            if (input.kind != AgreementKind.Amendment)
                revert AgreementRegistryKindNotAllowed(input.kind, parentId);
            if (parentId != current) revert AgreementRegistryNotCurrentCharter(parentId, current);
        }
        uint256 draft = _state.charterDraftId;
        if (draft != 0) {
            // A lapsed draft no longer blocks a new one (B2); it is set aside.
            AgreementBook.Entry storage old = _state.entries[draft];
            AgreementData.Header memory oh = AgreementData.header(old.data);
            if (block.timestamp < oh.lapsesAt) revert AgreementRegistryCharterDraftPending(draft);
            _withdraw(draft, old, oh, true);
        }
        _WRITER.checkCharterParams(params, MAX_PARTIES);
        bool bySignatures = _paramsOf(parentId).amendmentRule == AmendmentRule.MemberSignatures;
        _requiredCharterParties(parentId, bySignatures, input.parties.length);
        uint48 epoch;
        if (bySignatures && parentId != 0) epoch = _requireBound(input.parties, _state.currentLine);
        agreementId = _create(input, abi.encode(params), !bySignatures, epoch, false);
        // Safe cast: agreement ids are a counter; 2^64 is out of reach.
        _state.charterDraftId = uint64(agreementId);
        emit CharterParamsProposed(agreementId, params);
    }

    /// @dev B1: how many parties a charter draft amending `parentId` lists under its amendment rule:
    /// every member bound by the charter in force, every member (active or suspended) for a first
    /// charter, none when the council adopts it. Reverts unless `given` is that number.
    function _requiredCharterParties(uint256 parentId, bool bySignatures, uint256 given) private view {
        uint256 required;
        if (bySignatures) {
            IMembership membership = _requireMembership();
            required =
                parentId == 0
                    ? membership.countByStatus(MemberStatus.Active) +
                        membership.countByStatus(MemberStatus.Suspended)
                    : membership.boundCountOf(_state.currentLine);
        }
        if (given != required) revert AgreementRegistryCharterPartiesMismatch(given, required);
    }

    /// @dev B1: every party of a charter amendment is bound by charter line `line`; with the count
    /// equal to the bound count and no duplicates (checked when stored), the list is exactly the bound
    /// set. Returns the binding epoch, which must not change before the amendment takes effect.
    /// Bounded by MAX_PARTIES.
    function _requireBound(address[] calldata parties, uint256 line) private view returns (uint48) {
        IMembership membership = _membership;
        for (uint256 i = 0; i < parties.length; ++i) {
            if (membership.boundLineOf(parties[i]) != line) revert AgreementRegistryPartyNotBound(parties[i]);
        }
        // Safe cast: the epoch counts binding changes, far below 2^48.
        return uint48(membership.bindingEpoch());
    }

    /// @inheritdoc IAgreementRegistryFull
    function createAgreement(AgreementInput calldata input) external returns (uint256 agreementId) {
        AgreementKind kind = input.kind;
        uint256 parentId = input.parentId;
        if (kind == AgreementKind.Charter || (kind == AgreementKind.Amendment) != (parentId != 0)) {
            revert AgreementRegistryKindNotAllowed(kind, parentId);
        }
        if (parentId != 0) {
            AgreementBook.Entry storage parent = _state.requireStatus(parentId, AgreementBook.EFFECTIVE);
            AgreementData.Header memory ph = AgreementData.header(parent.data);
            if (_isCharterLine(ph)) revert AgreementRegistryKindNotAllowed(kind, parentId);
            (bool creatorIsParty, ) = AgreementData.find(parent.data, ph, msg.sender);
            if (!creatorIsParty) revert AgreementRegistryCreatorNotParty(msg.sender);
            // B2: every party of the parent is a party of the amendment. The parties are unique
            // (checked when stored), so counting those that are parent parties suffices. Bounded by
            // MAX_PARTIES binary searches.
            uint256 listed;
            for (uint256 i = 0; i < input.parties.length; ++i) {
                (bool found, ) = AgreementData.find(parent.data, ph, input.parties[i]);
                if (found) ++listed;
            }
            if (listed != ph.partyCount)
                revert AgreementRegistryParentPartiesMissing(parentId, listed, ph.partyCount);
        }
        agreementId = _create(input, "", false, 0, true);
    }

    /// @dev Writes a validated agreement: its data contract (header, parameters, clauses, URI, sorted
    /// parties), its storage word and signature bitmap, one `PartyListed` per party. Bounded by
    /// MAX_PARTIES and MAX_CLAUSES. For an amendment the caller has checked the parent is Effective.
    /// An amendment or a charter draft lapses after the charter's `amendmentPeriod` (B2); a lapsed
    /// pending amendment of the parent is set aside. `noParties`: a charter draft the council adopts
    /// lists none.
    function _create(
        AgreementInput calldata input,
        bytes memory params,
        bool noParties,
        uint48 boundEpoch,
        bool creatorMustBeParty
    ) private returns (uint256 id) {
        AgreementValidation.checkInput(input, noParties ? 0 : 1, MAX_PARTIES, MAX_CLAUSES, MAX_URI_BYTES);
        uint256 parentId = input.parentId;
        if (parentId != 0) _setAsidePending(parentId);
        id = ++_state.count;
        AgreementData.Header memory h = _headerOf(id, input, boundEpoch);
        (address data, address[] memory sorted) = _WRITER.write(h, params, input);
        _state.entries[id] = AgreementBook.Entry(data, AgreementStatus.Pending, 0, 0);
        _state.initSignatures(id, sorted.length);
        if (parentId != 0) _linkAmendment(id, parentId, h.rootId);

        bool callerIsParty;
        for (uint256 i = 0; i < sorted.length; ++i) {
            emit PartyListed(id, sorted[i], i);
            if (sorted[i] == msg.sender) callerIsParty = true;
        }
        if (creatorMustBeParty && !callerIsParty) revert AgreementRegistryCreatorNotParty(msg.sender);
        _announce(id, input, h.version);
    }

    /// @dev The creation events of agreement `id` (its parties are announced by `PartyListed`).
    function _announce(uint256 id, AgreementInput calldata input, uint32 version) private {
        emit AgreementCreated(
            id,
            input.kind,
            input.parentId,
            version,
            msg.sender,
            input.documentHash,
            input.termsHash,
            input.parties.length,
            input.uri
        );
        emit MetaEvidence(id, input.uri);
        emit PenaltyScheduleSet(id, input.clauses);
    }

    /// @dev The header of new agreement `id` (counts are filled when it is written).
    function _headerOf(
        uint256 id,
        AgreementInput calldata input,
        uint48 boundEpoch
    ) private view returns (AgreementData.Header memory h) {
        uint256 parentId = input.parentId;
        // Safe casts: ids are a counter far below 2^64; uint48 seconds last ~8.9 million years.
        if (parentId != 0) {
            AgreementData.Header memory ph = AgreementData.header(_state.entries[parentId].data);
            h.version = ph.version + 1;
            h.rootId = ph.rootId;
        } else {
            h.version = 1;
            h.rootId = uint64(id);
        }
        h.kind = input.kind;
        h.parentId = uint64(parentId);
        h.creator = msg.sender;
        h.createdAt = uint48(block.timestamp);
        if (parentId != 0 || input.kind == AgreementKind.Charter) {
            // The charter's period now (the genesis one before the first charter).
            h.lapsesAt = uint48(block.timestamp + AgreementData.params(_state.params).amendmentPeriod);
        }
        h.boundEpoch = boundEpoch;
        h.documentHash = input.documentHash;
        h.termsHash = input.termsHash;
    }

    /// @dev `id` is the pending amendment of `parentId` and the next version of chain `rootId`.
    function _linkAmendment(uint256 id, uint256 parentId, uint256 rootId) private {
        // Safe casts: ids are a counter far below 2^64; a chain has far fewer than 2^32 versions.
        _state.links[parentId].pendingAmendment = uint64(id);
        uint32 number = _state.links[rootId].amendmentCount + 1;
        _state.links[rootId].amendmentCount = number;
        _state.amendments[rootId][number] = id;
    }

    /// @dev Reverts while `parentId` has a pending amendment that has not lapsed; sets a lapsed one
    /// aside, so it no longer blocks a new one (B2).
    function _setAsidePending(uint256 parentId) private {
        uint256 pending = _state.links[parentId].pendingAmendment;
        if (pending == 0) return;
        AgreementBook.Entry storage old = _state.entries[pending];
        AgreementData.Header memory oh = AgreementData.header(old.data);
        if (block.timestamp < oh.lapsesAt) revert AgreementRegistryAmendmentPending(parentId, pending);
        _withdraw(pending, old, oh, true);
    }

    // ================================================================== signing

    /// @inheritdoc IAgreementRegistryFull
    function sign(uint256 agreementId, bytes32 documentHash, bytes32 termsHash) external {
        _sign(agreementId, documentHash, termsHash, msg.sender, SignatureMethod.Direct);
    }

    /// @inheritdoc IAgreementRegistryFull
    function signWithSignature(
        uint256 agreementId,
        bytes32 documentHash,
        bytes32 termsHash,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external {
        SignatureMethod method = _verify(agreementId, documentHash, termsHash, signer, deadline, signature);
        _sign(agreementId, documentHash, termsHash, signer, method);
    }

    /// @dev Records `signer`'s signature; the last one makes the agreement Effective. O(1) in the
    /// parties: the signer is found by a search of fixed length (`AgreementData.findFixed`), its
    /// method written in its bitmap word.
    function _sign(
        uint256 id,
        bytes32 documentHash,
        bytes32 termsHash,
        address signer,
        SignatureMethod method
    ) private {
        AgreementBook.Entry storage e = _state.requireStatus(id, AgreementBook.PENDING);
        AgreementData.Header memory h = AgreementData.header(e.data);
        _requireHashes(id, h, documentHash, termsHash);
        {
            (bool party, uint256 partyIndex) = AgreementData.findFixed(e.data, h, signer);
            if (!party) revert AgreementRegistryNotParty(id, signer);
            _state.recordSignature(id, partyIndex, signer, method);
        }
        (IMembership membership, bool firstCharter) = _checkSigner(id, h, signer);
        uint32 signedCount = e.signedCount + 1;
        e.signedCount = signedCount;
        emit AgreementSigned(id, signer, method, h.version, signedCount);
        if (signedCount == h.partyCount) _takeEffect(id, e, h);
        // A first-charter party is bound by the line it starts (counted once it takes effect).
        if (firstCharter) membership.onAccession(signer, id);
    }

    /// @dev The checks on a party signing `id` beyond its listing: the amendment or draft has not
    /// lapsed (B2) and its parent is still Effective; the signer is not expelled or withdrawn; a
    /// first-charter party is an active or suspended member; a charter amendment's bound set has not
    /// changed since its creation (B1). Returns the membership registry and whether `id` is a first
    /// charter.
    function _checkSigner(
        uint256 id,
        AgreementData.Header memory h,
        address signer
    ) private view returns (IMembership membership, bool firstCharter) {
        uint256 parentId = h.parentId;
        AgreementKind kind = h.kind;
        if (parentId != 0 || kind == AgreementKind.Charter) {
            if (block.timestamp >= h.lapsesAt) revert AgreementRegistryAmendmentLapsed(id, h.lapsesAt);
        }
        if (parentId != 0) _state.requireStatus(parentId, AgreementBook.EFFECTIVE);
        membership = _requireMembership();
        MemberStatus status = membership.statusOf(signer);
        if (status == MemberStatus.Expelled || status == MemberStatus.Withdrawn) {
            revert AgreementRegistrySignerExcluded(signer, status);
        }
        // A pending charter-line agreement is the charter draft (one at a time); it has parties only
        // under the member-signature rule (B1).
        firstCharter = kind == AgreementKind.Charter;
        if (firstCharter) {
            if (status != MemberStatus.Active && status != MemberStatus.Suspended) {
                revert AgreementRegistryCharterPartyNotMember(signer, status);
            }
        } else if (kind == AgreementKind.Amendment && _state.charterDraftId == id) {
            uint256 epoch = membership.bindingEpoch();
            if (epoch != h.boundEpoch) revert AgreementRegistryDraftStale(id, h.boundEpoch, epoch);
        }
    }

    /// @dev All parties signed (or the council adopted it): Effective; the parent is Superseded; a
    /// charter comes into force.
    function _takeEffect(uint256 id, AgreementBook.Entry storage e, AgreementData.Header memory h) private {
        e.status = AgreementStatus.Effective;
        e.effectiveAt = uint48(block.timestamp); // Safe: see createdAt.
        emit AgreementBecameEffective(id, h.version);
        uint256 parentId = h.parentId;
        if (parentId != 0) {
            _state.entries[parentId].status = AgreementStatus.Superseded;
            _state.links[parentId].pendingAmendment = 0;
            emit AgreementSuperseded(parentId, id);
        }
        if (_state.charterDraftId == id) {
            uint256 previous = _state.currentCharterId;
            // Safe casts: ids are a counter far below 2^64.
            _state.currentCharterId = uint64(id);
            _state.currentLine = h.rootId;
            _state.charterDraftId = 0;
            _state.params = e.data;
            emit CharterInForce(id, previous, h.version);
        }
    }

    // ================================================================== accession

    /// @inheritdoc IAgreementRegistryFull
    function accede(uint256 charterId, bytes32 documentHash, bytes32 termsHash) external {
        _accede(charterId, documentHash, termsHash, msg.sender, SignatureMethod.Direct);
    }

    /// @inheritdoc IAgreementRegistryFull
    function accedeWithSignature(
        uint256 charterId,
        bytes32 documentHash,
        bytes32 termsHash,
        address member,
        uint256 deadline,
        bytes calldata signature
    ) external {
        SignatureMethod method = _verify(charterId, documentHash, termsHash, member, deadline, signature);
        _accede(charterId, documentHash, termsHash, member, method);
    }

    /// @dev Records an accession to the charter in force, then tells Membership (interaction last),
    /// which binds `member` to the charter line. A member already bound by the line (by this version
    /// or an earlier one) cannot accede again; a re-admitted member (its binding ended when it left)
    /// can, and keeps its first record on this version.
    function _accede(
        uint256 charterId,
        bytes32 documentHash,
        bytes32 termsHash,
        address member,
        SignatureMethod method
    ) private {
        uint256 current = _state.currentCharterId;
        if (charterId == 0 || charterId != current)
            revert AgreementRegistryNotCurrentCharter(charterId, current);
        AgreementData.Header memory h = AgreementData.header(_state.entries[charterId].data);
        _requireHashes(charterId, h, documentHash, termsHash);
        IMembership membership = _requireMembership();
        uint256 line = _state.currentLine;
        if (membership.boundLineOf(member) == line) revert AgreementRegistryAlreadySigned(charterId, member);
        MemberStatus status = membership.statusOf(member);
        if (status != MemberStatus.Active) revert AgreementRegistryNotActiveMember(member, status);

        if (!_state.hasSigned(charterId, member)) {
            _state.accessions[charterId][member] = method;
            _state.acceders[charterId].push(member);
        }
        emit CharterAcceded(charterId, member, method, h.version);
        membership.onAccession(member, line);
    }

    // ================================================================== termination

    /// @inheritdoc IAgreementRegistryFull
    function consentToTermination(uint256 agreementId) external {
        AgreementBook.Entry storage e = _state.requireStatus(
            agreementId,
            AgreementBook.PENDING | AgreementBook.EFFECTIVE
        );
        AgreementData.Header memory h = AgreementData.header(e.data);
        (bool party, uint256 index) = AgreementData.find(e.data, h, msg.sender);
        if (!party) revert AgreementRegistryNotParty(agreementId, msg.sender);
        uint32 consents = _state.recordConsent(agreementId, index, msg.sender);
        emit TerminationConsented(agreementId, msg.sender, consents);
        if (consents == h.partyCount) _terminate(agreementId, e, h, false, bytes32(0));
    }

    /// @inheritdoc IAgreementRegistryFull
    function terminateCharter(uint256 agreementId, bytes32 reasonHash) external restricted {
        AgreementBook.Entry storage e = _state.requireStatus(
            agreementId,
            AgreementBook.PENDING | AgreementBook.EFFECTIVE
        );
        AgreementData.Header memory h = AgreementData.header(e.data);
        if (!_isCharterLine(h)) revert AgreementRegistryNotCharter(agreementId);
        _terminate(agreementId, e, h, true, reasonHash);
    }

    // ================================================================== adoption and withdrawal

    /// @inheritdoc IAgreementRegistryFull
    /// @dev Role: COUNCIL, reserved in the Governor (supermajority).
    function adoptCharter(uint256 draftId) external restricted {
        uint256 draft = _state.charterDraftId;
        if (draftId == 0 || draftId != draft) revert AgreementRegistryNotCharterDraft(draftId, draft);
        AgreementBook.Entry storage e = _state.entries[draftId];
        AgreementData.Header memory h = AgreementData.header(e.data);
        uint256 parentId = h.parentId;
        AmendmentRule rule = _paramsOf(parentId).amendmentRule;
        if (rule != AmendmentRule.CouncilVote) revert AgreementRegistryWrongAmendmentRule(draftId, rule);
        if (block.timestamp >= h.lapsesAt) revert AgreementRegistryAmendmentLapsed(draftId, h.lapsesAt);
        if (parentId != 0) _state.requireStatus(parentId, AgreementBook.EFFECTIVE);
        emit CharterAdopted(draftId, h.version);
        _takeEffect(draftId, e, h);
    }

    /// @inheritdoc IAgreementRegistryFull
    function withdrawAmendment(uint256 agreementId) external {
        AgreementBook.Entry storage e = _state.requireStatus(agreementId, AgreementBook.PENDING);
        AgreementData.Header memory h = AgreementData.header(e.data);
        uint256 parentId = h.parentId;
        if (parentId == 0 && h.kind != AgreementKind.Charter)
            revert AgreementRegistryNotAmendment(agreementId);
        bool lapsed = block.timestamp >= h.lapsesAt;
        if (msg.sender != h.creator) {
            // After the lapse: a party of the parent (bound by it, for the charter), or of a first
            // charter draft itself.
            bool allowed;
            if (lapsed) {
                if (parentId == 0) (allowed, ) = AgreementData.find(e.data, h, msg.sender);
                else allowed = _isBoundBy(parentId, msg.sender);
            }
            if (!allowed) revert AgreementRegistryNotWithdrawable(agreementId, msg.sender, h.lapsesAt);
        }
        _withdraw(agreementId, e, h, lapsed);
    }

    function _terminate(
        uint256 id,
        AgreementBook.Entry storage e,
        AgreementData.Header memory h,
        bool byCouncil,
        bytes32 reasonHash
    ) private {
        _close(id, e, h);
        if (_state.currentCharterId == id) {
            _state.currentCharterId = 0;
            _state.currentLine = 0;
            _state.params = _state.genesis;
        }
        emit AgreementTerminated(id, byCouncil, reasonHash);
    }

    /// @dev A pending amendment or charter draft is withdrawn or set aside (B2).
    function _withdraw(
        uint256 id,
        AgreementBook.Entry storage e,
        AgreementData.Header memory h,
        bool lapsed
    ) private {
        _close(id, e, h);
        emit AmendmentWithdrawn(id, msg.sender, lapsed);
    }

    /// @dev Terminated; no longer the pending amendment of its parent nor the charter draft.
    function _close(uint256 id, AgreementBook.Entry storage e, AgreementData.Header memory h) private {
        e.status = AgreementStatus.Terminated;
        uint256 parentId = h.parentId;
        if (parentId != 0 && _state.links[parentId].pendingAmendment == id)
            _state.links[parentId].pendingAmendment = 0;
        if (_state.charterDraftId == id) _state.charterDraftId = 0;
    }

    // ================================================================== ICharter

    /// @inheritdoc ICharter
    function charterParams() external view returns (CharterParams memory) {
        return AgreementData.params(_state.params);
    }

    /// @inheritdoc ICharter
    function charterEffective() external view returns (bool) {
        return _state.currentCharterId != 0;
    }

    /// @inheritdoc ICharter
    function currentCharterId() external view returns (uint256) {
        return _state.currentCharterId;
    }

    /// @inheritdoc ICharter
    function charterLine() external view returns (uint256) {
        return _state.currentLine;
    }

    /// @inheritdoc ICharter
    function hasAcceded(address member) external view returns (bool) {
        uint256 line = _state.currentLine;
        return line != 0 && _boundLineOf(member) == line;
    }

    // ================================================================== views

    /// @inheritdoc IAgreementRegistry
    function agreementOf(uint256 agreementId) external view returns (Agreement memory a) {
        AgreementBook.Entry storage e = _state.existing(agreementId);
        AgreementData.Header memory h = AgreementData.header(e.data);
        a.kind = h.kind;
        a.status = e.status;
        a.parentId = h.parentId;
        a.version = h.version;
        a.partyCount = h.partyCount;
        a.signedCount = e.signedCount;
        a.creator = h.creator;
        a.createdAt = h.createdAt;
        a.effectiveAt = e.effectiveAt;
        a.lapsesAt = h.lapsesAt;
        a.documentHash = h.documentHash;
        a.termsHash = h.termsHash;
        a.uri = AgreementData.uri(e.data, h);
    }

    /// @inheritdoc IAgreementRegistry
    function isParty(uint256 agreementId, address account) external view returns (bool party) {
        (party, ) = _state.findParty(agreementId, account);
    }

    /// @inheritdoc IAgreementRegistry
    function isBoundBy(uint256 agreementId, address account) external view returns (bool) {
        return _isBoundBy(agreementId, account);
    }

    /// @inheritdoc IAgreementRegistry
    function isEffective(uint256 agreementId) external view returns (bool) {
        return _state.entries[agreementId].status == AgreementStatus.Effective;
    }

    /// @inheritdoc IAgreementRegistry
    function clauseOf(uint256 agreementId, bytes32 clauseId) external view returns (Clause memory) {
        address data = _state.existing(agreementId).data;
        (bool found, uint256 damagesCap, uint8 remedies) = AgreementData.clause(
            data,
            AgreementData.header(data),
            clauseId
        );
        if (!found) revert AgreementRegistryUnknownClause(agreementId, clauseId);
        return Clause(clauseId, damagesCap, remedies);
    }

    /// @inheritdoc IAgreementRegistry
    /// @dev One storage word (the entry) and one header read for the agreement, one read of the
    /// schedule, a binary search per party (a `boundLineOf` call for the charter in force) and one
    /// read of the three parameter words.
    function claimTermsOf(
        uint256 agreementId,
        bytes32 clauseId,
        address claimant,
        address respondent
    ) external view returns (ClaimTerms memory t) {
        AgreementBook.Entry storage e = _state.entries[agreementId];
        address data = e.data;
        if (data != address(0)) {
            AgreementData.Header memory h = AgreementData.header(data);
            t.status = e.status;
            t.version = h.version;
            (t.clauseFound, t.damagesCap, t.remedies) = AgreementData.clause(data, h, clauseId);
            t.claimantBound = _bound(agreementId, data, h, claimant);
            t.respondentBound = _bound(agreementId, data, h, respondent);
        }
        (t.claimBond, t.curePeriod, t.answerPeriod) = AgreementData.claimParams(_state.params);
    }

    /// @inheritdoc IAgreementRegistryFull
    function clausesOf(uint256 agreementId) external view returns (Clause[] memory) {
        return _clauses(agreementId);
    }

    /// @inheritdoc IAgreementRegistryFull
    function charterParamsOf(uint256 agreementId) external view returns (CharterParams memory) {
        AgreementBook.Entry storage e = _state.existing(agreementId);
        if (!_isCharterLine(AgreementData.header(e.data))) revert AgreementRegistryNotCharter(agreementId);
        return AgreementData.params(e.data);
    }

    /// @inheritdoc IAgreementRegistryFull
    function signatureOf(
        uint256 agreementId,
        address account
    ) external view returns (SignatureRecord memory) {
        return _state.recordOf(agreementId, account);
    }

    /// @inheritdoc IAgreementRegistryFull
    function partyIndexOf(uint256 agreementId, address account) external view returns (uint256) {
        _state.existing(agreementId);
        (bool party, uint256 index) = _state.findParty(agreementId, account);
        if (!party) revert AgreementRegistryNotParty(agreementId, account);
        return index;
    }

    /// @inheritdoc IAgreementRegistryFull
    function partiesOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory) {
        _state.existing(agreementId);
        return _state.page(agreementId, offset, limit, false);
    }

    /// @inheritdoc IAgreementRegistryFull
    function accedersOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory) {
        _state.existing(agreementId);
        return _state.page(agreementId, offset, limit, true);
    }

    /// @inheritdoc IAgreementRegistryFull
    function accederCount(uint256 agreementId) external view returns (uint256) {
        return _state.acceders[agreementId].length;
    }

    /// @inheritdoc IAgreementRegistryFull
    function rootOf(uint256 agreementId) external view returns (uint256) {
        return AgreementData.header(_state.existing(agreementId).data).rootId;
    }

    /// @inheritdoc IAgreementRegistryFull
    function versionChain(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids) {
        uint256 root = AgreementData.header(_state.existing(agreementId).data).rootId;
        uint256 end = AgreementBook.pageEnd(1 + _state.links[root].amendmentCount, offset, limit);
        ids = new uint256[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; ++i) ids[i - offset] = i == 0 ? root : _state.amendments[root][i];
    }

    /// @inheritdoc IAgreementRegistryFull
    function versionCount(uint256 agreementId) external view returns (uint256) {
        uint256 root = AgreementData.header(_state.existing(agreementId).data).rootId;
        return 1 + _state.links[root].amendmentCount;
    }

    /// @inheritdoc IAgreementRegistryFull
    function agreementCount() external view returns (uint256) {
        return _state.count;
    }

    /// @inheritdoc IAgreementRegistryFull
    function pendingAmendmentOf(uint256 agreementId) external view returns (uint256) {
        return _state.links[agreementId].pendingAmendment;
    }

    /// @inheritdoc IAgreementRegistryFull
    function charterDraftId() external view returns (uint256) {
        return _state.charterDraftId;
    }

    /// @inheritdoc IAgreementRegistryFull
    function terminationConsents(uint256 agreementId) external view returns (uint32) {
        return _state.links[agreementId].consents;
    }

    /// @inheritdoc IAgreementRegistryFull
    function hashAgreementSignature(
        uint256 agreementId,
        bytes32 documentHash,
        bytes32 termsHash,
        uint32 version,
        address signer,
        uint256 deadline
    ) public view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        SIGNATURE_TYPEHASH,
                        agreementId,
                        documentHash,
                        termsHash,
                        version,
                        signer,
                        deadline
                    )
                )
            );
    }

    // ================================================================== internals

    /// @dev Checks deadline, hashes and `signer`'s EIP-712 signature; returns how it was given
    /// (EIP1271 for a signer with code, else EIP712 by ECDSA: 65 bytes, low s, v in {27, 28}).
    function _verify(
        uint256 id,
        bytes32 documentHash,
        bytes32 termsHash,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) private view returns (SignatureMethod) {
        if (block.timestamp > deadline) revert AgreementRegistrySignatureExpired(deadline, block.timestamp);
        AgreementData.Header memory h = AgreementData.header(_state.existing(id).data);
        _requireHashes(id, h, documentHash, termsHash);
        bytes32 digest = hashAgreementSignature(id, documentHash, termsHash, h.version, signer, deadline);
        if (
            signer == address(0) || !SignatureChecker.isValidSignatureNowCalldata(signer, digest, signature)
        ) {
            revert AgreementRegistryInvalidSignature(signer);
        }
        return signer.code.length == 0 ? SignatureMethod.EIP712 : SignatureMethod.EIP1271;
    }

    function _requireHashes(
        uint256 id,
        AgreementData.Header memory h,
        bytes32 documentHash,
        bytes32 termsHash
    ) private pure {
        if (h.documentHash != documentHash || h.termsHash != termsHash) {
            revert AgreementRegistryHashMismatch(id, documentHash, termsHash);
        }
    }

    /// @dev The penalty schedule of an existing agreement.
    function _clauses(uint256 agreementId) private view returns (Clause[] memory) {
        address data = _state.existing(agreementId).data;
        return AgreementData.clauses(data, AgreementData.header(data));
    }

    /// @dev The parameters of charter-line agreement `agreementId`; the genesis ones for 0.
    function _paramsOf(uint256 agreementId) private view returns (CharterParams memory) {
        return AgreementData.params(agreementId == 0 ? _state.genesis : _state.entries[agreementId].data);
    }

    /// @dev Whether the agreement with header `h` belongs to the charter line (its root is a Charter).
    function _isCharterLine(AgreementData.Header memory h) private view returns (bool) {
        if (h.parentId == 0) return h.kind == AgreementKind.Charter;
        return AgreementData.header(_state.entries[h.rootId].data).kind == AgreementKind.Charter;
    }

    /// @dev The charter in force binds the members bound by its line (B1, B9); any other agreement its
    /// listed parties and the acceders recorded on it.
    function _isBoundBy(uint256 agreementId, address account) private view returns (bool) {
        address data = _state.entries[agreementId].data;
        return data != address(0) && _bound(agreementId, data, AgreementData.header(data), account);
    }

    /// @dev `_isBoundBy` of existing agreement `id` (data contract `data`, header `h`). The zero
    /// address is never bound (it is never a party, an acceder or a member).
    function _bound(
        uint256 id,
        address data,
        AgreementData.Header memory h,
        address account
    ) private view returns (bool) {
        if (account == address(0)) return false;
        if (id == _state.currentCharterId) return _boundLineOf(account) == _state.currentLine;
        (bool party, ) = AgreementData.find(data, h, account);
        return party || _state.accessions[id][account] != SignatureMethod.None;
    }

    /// @dev Membership records who is bound by which charter line. While none is bound, no charter can
    /// be in force and nobody is bound.
    function _boundLineOf(address account) private view returns (uint256) {
        IMembership membership = _membership;
        return address(membership) == address(0) ? 0 : membership.boundLineOf(account);
    }

    /// @dev The bound membership registry; reverts while none is bound (a suite mid-deployment).
    function _requireMembership() private view returns (IMembership membership) {
        membership = _membership;
        if (address(membership) == address(0)) revert AgreementRegistryMembershipNotBound();
    }
}
