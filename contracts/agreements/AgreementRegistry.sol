// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {CharterParams, AmendmentRule} from "../interfaces/ICharter.sol";
import {IMembership, MemberStatus} from "../interfaces/IMembership.sol";
import {
    IAgreementRegistryFull,
    Agreement,
    AgreementInput,
    AgreementKind,
    AgreementStatus,
    Clause,
    SignatureMethod
} from "../interfaces/IAgreementRegistry.sol";
import {AgreementValidation} from "./AgreementValidation.sol";
import {AgreementRegistryViews} from "./AgreementRegistryViews.sol";

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
/// Invariants: a signed agreement's signer set only grows, and every signer was a party (or, for
/// the charter in force, an Active member acceding) when it signed (I10); `signedCount` equals the
/// number of parties with a signature record; the charter in force is the only Effective
/// charter-line agreement; a Pending charter-line agreement is the charter draft; signing and
/// accession are O(1) in the number of parties.
contract AgreementRegistry is AgreementRegistryViews, AccessManaged, EIP712 {
    /// @notice Most parties an agreement may have: creation costs ~52,000 gas per first-time party
    /// (two storage slots and 32 bytes of code), so that MAX_PARTIES of them fit one transaction under
    /// the EIP-7825 cap of 2^24 gas with a short penalty schedule (see docs/agreements.md).
    uint256 public constant MAX_PARTIES = 300;
    /// @notice Most clauses in a penalty schedule.
    uint256 public constant MAX_CLAUSES = 64;
    /// @notice EIP-712 type of a signature (bound to the domain's chain id and this contract).
    bytes32 public constant SIGNATURE_TYPEHASH = keccak256(
        "AgreementSignature(uint256 agreementId,bytes32 documentHash,bytes32 termsHash,uint32 version,"
        "address signer,uint256 deadline)"
    );

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
        AgreementValidation.checkCharterParams(genesis, MAX_PARTIES);
        _paramsCode[0] = _writeCode(0, abi.encode(genesis));
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
        if (parentId == 0) {
            if (input.kind != AgreementKind.Charter) revert AgreementRegistryKindNotAllowed(input.kind, 0);
            if (_currentCharterId != 0) revert AgreementRegistryCharterInForce(_currentCharterId);
        } else {
            if (input.kind != AgreementKind.Amendment)
                revert AgreementRegistryKindNotAllowed(input.kind, parentId);
            if (parentId != _currentCharterId)
                revert AgreementRegistryNotCurrentCharter(parentId, _currentCharterId);
        }
        uint256 draft = _charterDraftId;
        if (draft != 0) {
            // A lapsed draft no longer blocks a new one (B2); it is set aside.
            Agreement storage old = _agreements[draft];
            if (block.timestamp < old.lapsesAt) revert AgreementRegistryCharterDraftPending(draft);
            _withdraw(draft, old, true);
        }
        AgreementValidation.checkCharterParams(params, MAX_PARTIES);
        bytes memory encoded = abi.encode(params);
        bool bySignatures = _ruleFor(parentId) == AmendmentRule.MemberSignatures;
        _requiredCharterParties(parentId, bySignatures, input.parties.length);
        agreementId = _create(input, false, !bySignatures);
        if (bySignatures && parentId != 0) _requireBound(agreementId, input.parties, _lineOf(parentId));
        // Salt ~id: a different salt from the party list's (bytes32(id)).
        _paramsCode[agreementId] = _writeCode(~bytes32(agreementId), encoded);
        _charterDraftId = agreementId;
        emit CharterParamsProposed(agreementId, params);
    }

    /// @dev B1: how many parties a charter draft amending `parentId` lists under its amendment rule:
    /// every member bound by the charter in force, every member (active or suspended) for a first
    /// charter, none when the council adopts it. Reverts unless `given` is that number.
    function _requiredCharterParties(
        uint256 parentId,
        bool bySignatures,
        uint256 given
    ) private view returns (uint256 required) {
        if (bySignatures) {
            IMembership membership = _requireMembership();
            required =
                parentId == 0
                    ? membership.countByStatus(MemberStatus.Active) +
                        membership.countByStatus(MemberStatus.Suspended)
                    : membership.boundCountOf(_lineOf(parentId));
        }
        if (given != required) revert AgreementRegistryCharterPartiesMismatch(given, required);
    }

    /// @dev B1: every party of charter amendment `id` is bound by charter line `line`; with the count
    /// equal to the bound count and no duplicates, the list is exactly the bound set. Records the
    /// binding epoch, which must not change before the amendment takes effect. Bounded by MAX_PARTIES.
    function _requireBound(uint256 id, address[] calldata parties, uint256 line) private {
        IMembership membership = _membership;
        for (uint256 i = 0; i < parties.length; ++i) {
            if (membership.boundLineOf(parties[i]) != line) revert AgreementRegistryPartyNotBound(parties[i]);
        }
        // Safe cast: the epoch counts binding changes, far below 2^48.
        _links[id].boundEpoch = uint48(membership.bindingEpoch());
    }

    /// @inheritdoc IAgreementRegistryFull
    function createAgreement(AgreementInput calldata input) external returns (uint256 agreementId) {
        AgreementKind kind = input.kind;
        uint256 parentId = input.parentId;
        if (kind == AgreementKind.Charter || (kind == AgreementKind.Amendment) != (parentId != 0)) {
            revert AgreementRegistryKindNotAllowed(kind, parentId);
        }
        if (parentId != 0) {
            _requireStatus(parentId, _EFFECTIVE);
            if (_isCharterLine(parentId)) revert AgreementRegistryKindNotAllowed(kind, parentId);
            if (_slots[parentId][msg.sender].partyIndex == 0)
                revert AgreementRegistryCreatorNotParty(msg.sender);
        }
        if (parentId != 0) {
            // B2: every party of the parent is a party of the amendment. The parties are unique, so
            // counting those that are parent parties suffices (bounded by MAX_PARTIES).
            uint256 listed;
            for (uint256 i = 0; i < input.parties.length; ++i) {
                if (_slots[parentId][input.parties[i]].partyIndex != 0) ++listed;
            }
            uint256 required = _agreements[parentId].partyCount;
            if (listed != required) revert AgreementRegistryParentPartiesMissing(parentId, listed, required);
        }
        agreementId = _create(input, true, false);
    }

    /// @dev Stores a validated agreement with its parties and clauses. Bounded by MAX_PARTIES and
    /// MAX_CLAUSES. For an amendment the caller has checked the parent is Effective. An amendment or a
    /// charter draft lapses after the charter's `amendmentPeriod` (B2); a lapsed pending amendment of
    /// the parent is set aside. `noParties`: a charter draft the council adopts lists none.
    function _create(
        AgreementInput calldata input,
        bool creatorMustBeParty,
        bool noParties
    ) private returns (uint256 id) {
        AgreementValidation.checkInput(input, noParties ? 0 : 1, MAX_PARTIES, MAX_CLAUSES);
        uint256 parentId = input.parentId;
        if (parentId != 0) _setAsidePending(parentId);
        id = ++_agreementCount;

        Agreement storage a = _agreements[id];
        a.kind = input.kind;
        a.status = AgreementStatus.Pending;
        a.parentId = parentId;
        a.version = parentId == 0 ? 1 : _agreements[parentId].version + 1;
        // Safe: parties.length <= MAX_PARTIES (checked in checkInput).
        a.partyCount = uint32(input.parties.length);
        a.creator = msg.sender;
        a.createdAt = uint48(block.timestamp); // Safe: uint48 seconds last ~8.9 million years.
        if (parentId != 0 || input.kind == AgreementKind.Charter) {
            // The charter's period now (the genesis one before the first charter). Safe: see createdAt.
            a.lapsesAt = uint48(block.timestamp + _paramsOf(_currentCharterId).amendmentPeriod);
        }
        a.documentHash = input.documentHash;
        a.termsHash = input.termsHash;
        a.uri = input.uri;

        // Safe: agreement ids are a counter; 2^64 is out of reach.
        uint64 rootId = parentId == 0 ? uint64(id) : _links[parentId].rootId;
        _links[id].rootId = rootId;
        _chain[rootId].push(id);
        if (parentId != 0) _links[parentId].pendingAmendment = uint64(id);

        bool callerIsParty = _storeParties(id, input.parties);
        if (creatorMustBeParty && !callerIsParty) revert AgreementRegistryCreatorNotParty(msg.sender);
        _storeClauses(id, input.clauses);
        _emitCreated(id, input, a.version);
    }

    function _emitCreated(uint256 id, AgreementInput calldata input, uint32 version) private {
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

    /// @dev Reverts while `parentId` has a pending amendment that has not lapsed; sets a lapsed one
    /// aside, so it no longer blocks a new one (B2).
    function _setAsidePending(uint256 parentId) private {
        uint256 pending = _links[parentId].pendingAmendment;
        if (pending == 0) return;
        Agreement storage old = _agreements[pending];
        if (block.timestamp < old.lapsesAt) revert AgreementRegistryAmendmentPending(parentId, pending);
        _withdraw(pending, old, true);
    }

    /// @dev Stores the parties (unique, non-zero); returns whether the caller is one of them.
    function _storeParties(uint256 id, address[] calldata parties) private returns (bool callerIsParty) {
        // Safe: agreement ids are a counter incremented once per creation; 2^64 is out of reach.
        uint64 id64 = uint64(id);
        for (uint256 i = 0; i < parties.length; ++i) {
            address party = parties[i];
            Slot storage slot = _slots[id][party];
            if (party == address(0) || slot.partyIndex != 0) revert AgreementRegistryInvalidParty(party);
            AgreementList storage list = _lists[party];
            // Safe: i < MAX_PARTIES.
            slot.partyIndex = uint32(i + 1);
            slot.prevAgreementId = list.head;
            list.head = id64;
            ++list.count;
            if (party == msg.sender) callerIsParty = true;
        }
        _partyLists[id] = _writeCode(bytes32(id), abi.encode(parties));
    }

    /// @dev Stores `code` as the code of a new contract (the SSTORE2 pattern: 200 gas a byte of code
    /// instead of 20,000 a storage slot) and returns its address. Used for the party list
    /// (`abi.encode(parties)`), so that creation with MAX_PARTIES first-time parties fits one
    /// transaction under the EIP-7825 cap (2^24 gas), and for charter parameters
    /// (`abi.encode(params)`: one code read instead of eight storage reads). Both encodings start with
    /// a 0x00 byte (STOP: the party list's offset word; the bond amount, below 2^248 by
    /// `checkCharterParams`), so calling the contract does nothing.
    function _writeCode(bytes32 salt, bytes memory code) private returns (address pointer) {
        // Initcode: PUSH2 len, DUP1, PUSH1 0x0a, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN,
        // then the code. Safe cast: code.length <= 64 + 32 * MAX_PARTIES (parties) or 24 * 32
        // (parameters), both < 2^16.
        pointer = Create2.deploy(
            0,
            salt,
            abi.encodePacked(hex"61", uint16(code.length), hex"80600a3d393df3", code)
        );
    }

    /// @dev Stores the penalty schedule (unique non-zero ids, remedies within `Remedies.ALL`).
    function _storeClauses(uint256 id, Clause[] calldata clauses) private {
        for (uint256 i = 0; i < clauses.length; ++i) {
            Clause calldata clause = clauses[i];
            AgreementValidation.checkClause(clause);
            if (_clauseIndex[id][clause.clauseId] != 0) {
                revert AgreementRegistryInvalidClause(clause.clauseId, clause.remedies);
            }
            _clauses[id].push(clause);
            _clauseIndex[id][clause.clauseId] = i + 1;
        }
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

    /// @dev Records `signer`'s signature; the last one makes the agreement Effective. O(1).
    function _sign(
        uint256 id,
        bytes32 documentHash,
        bytes32 termsHash,
        address signer,
        SignatureMethod method
    ) private {
        Agreement storage a = _requireStatus(id, _PENDING);
        _requireHashes(id, a, documentHash, termsHash);
        Slot storage slot = _slots[id][signer];
        if (slot.partyIndex == 0) revert AgreementRegistryNotParty(id, signer);
        if (slot.method != SignatureMethod.None) revert AgreementRegistryAlreadySigned(id, signer);
        uint256 parentId = a.parentId;
        AgreementKind kind = a.kind;
        if (parentId != 0 || kind == AgreementKind.Charter) {
            if (block.timestamp >= a.lapsesAt) revert AgreementRegistryAmendmentLapsed(id, a.lapsesAt);
        }
        if (parentId != 0) _requireStatus(parentId, _EFFECTIVE);
        IMembership membership = _requireMembership();
        MemberStatus status = membership.statusOf(signer);
        if (status == MemberStatus.Expelled || status == MemberStatus.Withdrawn) {
            revert AgreementRegistrySignerExcluded(signer, status);
        }
        // A pending charter-line agreement is the charter draft (one at a time); it has parties only
        // under the member-signature rule (B1).
        bool firstCharter = kind == AgreementKind.Charter;
        if (firstCharter) {
            if (status != MemberStatus.Active && status != MemberStatus.Suspended) {
                revert AgreementRegistryCharterPartyNotMember(signer, status);
            }
        } else if (kind == AgreementKind.Amendment && _charterDraftId == id) {
            uint256 epoch = membership.bindingEpoch();
            uint256 recorded = _links[id].boundEpoch;
            if (epoch != recorded) revert AgreementRegistryDraftStale(id, recorded, epoch);
        }

        _record(slot, method);
        uint32 signedCount = a.signedCount + 1;
        a.signedCount = signedCount;
        emit AgreementSigned(id, signer, method, a.version, signedCount);
        if (signedCount == a.partyCount) _takeEffect(id, a);
        // A first-charter party is bound by the line it starts (counted once it takes effect).
        if (firstCharter) membership.onAccession(signer, id);
    }

    /// @dev All parties signed: Effective; the parent is Superseded; a charter comes into force.
    function _takeEffect(uint256 id, Agreement storage a) private {
        a.status = AgreementStatus.Effective;
        a.effectiveAt = uint48(block.timestamp); // Safe: see createdAt.
        emit AgreementBecameEffective(id, a.version);
        uint256 parentId = a.parentId;
        if (parentId != 0) {
            _agreements[parentId].status = AgreementStatus.Superseded;
            _links[parentId].pendingAmendment = 0;
            emit AgreementSuperseded(parentId, id);
        }
        if (_charterDraftId == id) {
            uint256 previous = _currentCharterId;
            _currentCharterId = id;
            _charterDraftId = 0;
            emit CharterInForce(id, previous, a.version);
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
        if (charterId == 0 || charterId != _currentCharterId) {
            revert AgreementRegistryNotCurrentCharter(charterId, _currentCharterId);
        }
        Agreement storage a = _agreements[charterId];
        _requireHashes(charterId, a, documentHash, termsHash);
        IMembership membership = _requireMembership();
        uint256 line = _links[charterId].rootId;
        if (membership.boundLineOf(member) == line) revert AgreementRegistryAlreadySigned(charterId, member);
        MemberStatus status = membership.statusOf(member);
        if (status != MemberStatus.Active) revert AgreementRegistryNotActiveMember(member, status);

        Slot storage slot = _slots[charterId][member];
        if (slot.method == SignatureMethod.None) {
            _record(slot, method);
            AgreementList storage list = _lists[member];
            slot.prevAgreementId = list.head;
            // Safe: agreement ids are a counter; 2^64 is out of reach.
            list.head = uint64(charterId);
            ++list.count;
            _acceders[charterId].push(member);
        }
        emit CharterAcceded(charterId, member, method, a.version);
        membership.onAccession(member, line);
    }

    // ================================================================== termination

    /// @inheritdoc IAgreementRegistryFull
    function consentToTermination(uint256 agreementId) external {
        Agreement storage a = _requireStatus(agreementId, _PENDING | _EFFECTIVE);
        Slot storage slot = _slots[agreementId][msg.sender];
        if (slot.partyIndex == 0) revert AgreementRegistryNotParty(agreementId, msg.sender);
        if (slot.consented) revert AgreementRegistryAlreadyConsented(agreementId, msg.sender);
        slot.consented = true;
        uint32 consents = _links[agreementId].consents + 1;
        _links[agreementId].consents = consents;
        emit TerminationConsented(agreementId, msg.sender, consents);
        if (consents == a.partyCount) _terminate(agreementId, a, false, bytes32(0));
    }

    /// @inheritdoc IAgreementRegistryFull
    function terminateCharter(uint256 agreementId, bytes32 reasonHash) external restricted {
        Agreement storage a = _requireStatus(agreementId, _PENDING | _EFFECTIVE);
        if (!_isCharterLine(agreementId)) revert AgreementRegistryNotCharter(agreementId);
        _terminate(agreementId, a, true, reasonHash);
    }

    // ================================================================== adoption and withdrawal

    /// @inheritdoc IAgreementRegistryFull
    /// @dev Role: COUNCIL, reserved in the Governor (supermajority).
    function adoptCharter(uint256 draftId) external restricted {
        uint256 draft = _charterDraftId;
        if (draftId == 0 || draftId != draft) revert AgreementRegistryNotCharterDraft(draftId, draft);
        Agreement storage a = _agreements[draftId];
        uint256 parentId = a.parentId;
        AmendmentRule rule = _ruleFor(parentId);
        if (rule != AmendmentRule.CouncilVote) revert AgreementRegistryWrongAmendmentRule(draftId, rule);
        if (block.timestamp >= a.lapsesAt) revert AgreementRegistryAmendmentLapsed(draftId, a.lapsesAt);
        if (parentId != 0) _requireStatus(parentId, _EFFECTIVE);
        emit CharterAdopted(draftId, a.version);
        _takeEffect(draftId, a);
    }

    /// @inheritdoc IAgreementRegistryFull
    function withdrawAmendment(uint256 agreementId) external {
        Agreement storage a = _requireStatus(agreementId, _PENDING);
        uint256 parentId = a.parentId;
        if (parentId == 0 && a.kind != AgreementKind.Charter)
            revert AgreementRegistryNotAmendment(agreementId);
        bool lapsed = block.timestamp >= a.lapsesAt;
        if (msg.sender != a.creator) {
            // After the lapse: a party of the parent (bound by it, for the charter), or of a first
            // charter draft itself.
            bool allowed =
                lapsed &&
                    (
                        parentId == 0
                            ? _slots[agreementId][msg.sender].partyIndex != 0
                            : _isBoundBy(parentId, msg.sender)
                    );
            if (!allowed) revert AgreementRegistryNotWithdrawable(agreementId, msg.sender, a.lapsesAt);
        }
        _withdraw(agreementId, a, lapsed);
    }

    /// @dev Membership records who is bound by which charter line. While none is bound, no charter can
    /// be in force and nobody is bound.
    function _boundLineOf(address account) internal view override returns (uint256) {
        IMembership membership = _membership;
        return address(membership) == address(0) ? 0 : membership.boundLineOf(account);
    }

    /// @dev The bound membership registry; reverts while none is bound (a suite mid-deployment).
    function _requireMembership() private view returns (IMembership membership) {
        membership = _membership;
        if (address(membership) == address(0)) revert AgreementRegistryMembershipNotBound();
    }

    function _terminate(uint256 id, Agreement storage a, bool byCouncil, bytes32 reasonHash) private {
        _close(id, a);
        if (_currentCharterId == id) _currentCharterId = 0;
        emit AgreementTerminated(id, byCouncil, reasonHash);
    }

    /// @dev A pending amendment or charter draft is withdrawn or set aside (B2).
    function _withdraw(uint256 id, Agreement storage a, bool lapsed) private {
        _close(id, a);
        emit AmendmentWithdrawn(id, msg.sender, lapsed);
    }

    /// @dev Terminated; no longer the pending amendment of its parent nor the charter draft.
    function _close(uint256 id, Agreement storage a) private {
        a.status = AgreementStatus.Terminated;
        uint256 parentId = a.parentId;
        if (parentId != 0 && _links[parentId].pendingAmendment == id) _links[parentId].pendingAmendment = 0;
        if (_charterDraftId == id) _charterDraftId = 0;
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
        Agreement storage a = _existing(id);
        _requireHashes(id, a, documentHash, termsHash);
        bytes32 digest = hashAgreementSignature(id, documentHash, termsHash, a.version, signer, deadline);
        if (
            signer == address(0) || !SignatureChecker.isValidSignatureNowCalldata(signer, digest, signature)
        ) {
            revert AgreementRegistryInvalidSignature(signer);
        }
        return signer.code.length == 0 ? SignatureMethod.EIP712 : SignatureMethod.EIP1271;
    }

    function _record(Slot storage slot, SignatureMethod method) private {
        slot.method = method;
        slot.blockNumber = uint64(block.number); // Safe: block numbers stay far below 2^64.
        slot.timestamp = uint48(block.timestamp); // Safe: see createdAt.
    }
}
