// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {CharterParams} from "../interfaces/ICharter.sol";
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
///   Cannot sign for anyone, cannot make a draft effective (only all parties' signatures do),
///   cannot change a stored hash, party, clause or parameter, cannot terminate anything.
/// - COUNCIL (`terminateCharter`): terminates a charter-line agreement (draft or in force). Cannot
///   terminate project or licence agreements, cannot sign or edit anything.
/// - Parties: create project / licence / other agreements and their amendments, sign, consent to
///   termination. A party cannot remove or add another party and cannot withdraw a signature.
/// - Anyone: submits a party's EIP-712 signature (a relayer). Gains nothing by it.
/// - Nobody (no admin, no role) can edit or delete a stored agreement, signature or parameter.
/// Invariants: a signed agreement's signer set only grows, and every signer was a party (or, for
/// the charter in force, an Active member acceding) when it signed (I10); `signedCount` equals the
/// number of parties with a signature record; the charter in force is the only Effective
/// charter-line agreement; signing and accession are O(1) in the number of parties.
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
        _genesis = genesis;
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
        if (input.parentId == 0) {
            if (input.kind != AgreementKind.Charter) revert AgreementRegistryKindNotAllowed(input.kind, 0);
            if (_currentCharterId != 0) revert AgreementRegistryCharterInForce(_currentCharterId);
        } else {
            if (input.kind != AgreementKind.Amendment) {
                revert AgreementRegistryKindNotAllowed(input.kind, input.parentId);
            }
            if (input.parentId != _currentCharterId) {
                revert AgreementRegistryNotCurrentCharter(input.parentId, _currentCharterId);
            }
        }
        if (_charterDraftId != 0) revert AgreementRegistryCharterDraftPending(_charterDraftId);
        AgreementValidation.checkCharterParams(params, MAX_PARTIES);
        agreementId = _create(input, false);
        _charterParams[agreementId] = params;
        _charterDraftId = agreementId;
        emit CharterParamsProposed(agreementId, params);
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
        agreementId = _create(input, true);
    }

    /// @dev Stores a validated agreement with its parties and clauses. Bounded by MAX_PARTIES and
    /// MAX_CLAUSES. For an amendment the caller has checked the parent is Effective.
    function _create(AgreementInput calldata input, bool creatorMustBeParty) private returns (uint256 id) {
        AgreementValidation.checkInput(input, MAX_PARTIES, MAX_CLAUSES);
        uint256 parentId = input.parentId;
        if (parentId != 0 && _links[parentId].pendingAmendment != 0) {
            revert AgreementRegistryAmendmentPending(parentId, _links[parentId].pendingAmendment);
        }
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

        emit AgreementCreated(
            id,
            input.kind,
            parentId,
            a.version,
            msg.sender,
            input.documentHash,
            input.termsHash,
            input.parties.length,
            input.uri
        );
        emit MetaEvidence(id, input.uri);
        emit PenaltyScheduleSet(id, input.clauses);
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
        _partyLists[id] = _writePartyList(id, parties);
    }

    /// @dev Stores the party list as the code of a new contract (the SSTORE2 pattern: 200 gas a
    /// byte of code instead of 20,000 a storage slot), so that creation with MAX_PARTIES first-time
    /// parties fits one transaction under the EIP-7825 cap (2^24 gas). The code is
    /// `abi.encode(parties)`, whose first byte is 0x00 (STOP): calling the contract does nothing.
    function _writePartyList(uint256 id, address[] calldata parties) private returns (address pointer) {
        bytes memory code = abi.encode(parties);
        // Initcode: PUSH2 len, DUP1, PUSH1 0x0a, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN,
        // then the code. Safe cast: code.length = 64 + 32 * parties <= 64 + 32 * MAX_PARTIES < 2^16.
        pointer = Create2.deploy(
            0,
            bytes32(id),
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
        if (parentId != 0) _requireStatus(parentId, _EFFECTIVE);
        MemberStatus status = _requireMembership().statusOf(signer);
        if (status == MemberStatus.Expelled || status == MemberStatus.Withdrawn) {
            revert AgreementRegistrySignerExcluded(signer, status);
        }

        _record(slot, method);
        uint32 signedCount = a.signedCount + 1;
        a.signedCount = signedCount;
        emit AgreementSigned(id, signer, method, a.version, signedCount);
        if (signedCount == a.partyCount) _takeEffect(id, a);
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

    /// @dev Records an accession to the charter in force, then tells Membership (interaction last).
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
        Slot storage slot = _slots[charterId][member];
        if (slot.method != SignatureMethod.None) revert AgreementRegistryAlreadySigned(charterId, member);
        MemberStatus status = _requireMembership().statusOf(member);
        if (status != MemberStatus.Active) revert AgreementRegistryNotActiveMember(member, status);

        _record(slot, method);
        AgreementList storage list = _lists[member];
        slot.prevAgreementId = list.head;
        // Safe: agreement ids are a counter; 2^64 is out of reach.
        list.head = uint64(charterId);
        ++list.count;
        _acceders[charterId].push(member);
        emit CharterAcceded(charterId, member, method, a.version);
        _membership.onAccession(member);
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

    /// @dev The bound membership registry; reverts while none is bound (a suite mid-deployment).
    function _requireMembership() private view returns (IMembership membership) {
        membership = _membership;
        if (address(membership) == address(0)) revert AgreementRegistryMembershipNotBound();
    }

    function _terminate(uint256 id, Agreement storage a, bool byCouncil, bytes32 reasonHash) private {
        a.status = AgreementStatus.Terminated;
        uint256 parentId = a.parentId;
        if (parentId != 0 && _links[parentId].pendingAmendment == id) _links[parentId].pendingAmendment = 0;
        if (_charterDraftId == id) _charterDraftId = 0;
        if (_currentCharterId == id) _currentCharterId = 0;
        emit AgreementTerminated(id, byCouncil, reasonHash);
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
