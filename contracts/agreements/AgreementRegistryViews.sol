// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICharter, CharterParams, AmendmentRule} from "../interfaces/ICharter.sol";
import {
    IAgreementRegistry,
    IAgreementRegistryFull,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Clause,
    PartyRecord,
    SignatureMethod,
    SignatureRecord
} from "../interfaces/IAgreementRegistry.sol";

/// @title AgreementRegistryViews
/// @notice Storage layout, read side and state checks of `AgreementRegistry` (which holds every
/// state-changing function). Split by concern to keep each file short; never deployed alone.
abstract contract AgreementRegistryViews is IAgreementRegistryFull {
    uint256 internal constant _PENDING = 1 << uint8(AgreementStatus.Pending);
    uint256 internal constant _EFFECTIVE = 1 << uint8(AgreementStatus.Effective);

    /// @dev One storage slot per (agreement, account): party index, signature, termination consent,
    /// and the link to the account's previous agreement (its agreements form a list, newest first).
    struct Slot {
        uint32 partyIndex; // 1-based position in the party list; 0 = not a party
        SignatureMethod method;
        uint64 blockNumber;
        uint48 timestamp;
        bool consented;
        uint64 prevAgreementId;
    }

    /// @dev Per agreement: the start of its version chain, its pending amendment, termination consents,
    /// and for a charter amendment by members' signatures the binding epoch at its creation (B1).
    /// Safe as uint64: agreement ids are a counter incremented once per creation; 2^64 is out of reach.
    struct Links {
        uint64 rootId;
        uint64 pendingAmendment;
        uint32 consents;
        uint48 boundEpoch;
    }

    /// @dev Head of an account's agreement list and its length.
    struct AgreementList {
        uint64 head;
        uint64 count;
    }

    uint256 internal _agreementCount;
    uint256 internal _currentCharterId;
    uint256 internal _charterDraftId;
    mapping(uint256 agreementId => Agreement) internal _agreements;
    mapping(uint256 agreementId => mapping(address account => Slot)) internal _slots;
    /// @dev Address of the code-only contract holding `abi.encode(parties)` (see `_writePartyList`).
    mapping(uint256 agreementId => address pointer) internal _partyLists;
    mapping(uint256 agreementId => address[]) internal _acceders;
    mapping(uint256 agreementId => Clause[]) internal _clauses;
    mapping(uint256 agreementId => mapping(bytes32 clauseId => uint256 indexPlusOne)) internal _clauseIndex;
    /// @dev Address of the code-only contract holding `abi.encode(params)` of each charter-line
    /// agreement; key 0 holds the genesis parameters (see `_writeCode`).
    mapping(uint256 agreementId => address pointer) internal _paramsCode;
    mapping(uint256 rootId => uint256[] agreementIds) internal _chain;
    mapping(uint256 agreementId => Links) internal _links;
    mapping(address account => AgreementList) internal _lists;

    // ================================================================== ICharter

    /// @inheritdoc ICharter
    function charterParams() external view returns (CharterParams memory) {
        return _paramsOf(_currentCharterId);
    }

    /// @inheritdoc ICharter
    function charterEffective() external view returns (bool) {
        return _currentCharterId != 0;
    }

    /// @inheritdoc ICharter
    function currentCharterId() external view returns (uint256) {
        return _currentCharterId;
    }

    /// @inheritdoc ICharter
    function charterLine() external view returns (uint256) {
        return _currentLine();
    }

    /// @inheritdoc ICharter
    function hasAcceded(address member) external view returns (bool) {
        uint256 line = _currentLine();
        return line != 0 && _boundLineOf(member) == line;
    }

    // ================================================================== views

    /// @inheritdoc IAgreementRegistry
    function agreementOf(uint256 agreementId) external view returns (Agreement memory) {
        return _existing(agreementId);
    }

    /// @inheritdoc IAgreementRegistry
    function isParty(uint256 agreementId, address account) external view returns (bool) {
        return _slots[agreementId][account].partyIndex != 0;
    }

    /// @inheritdoc IAgreementRegistry
    function isBoundBy(uint256 agreementId, address account) external view returns (bool) {
        return _isBoundBy(agreementId, account);
    }

    /// @inheritdoc IAgreementRegistry
    function isEffective(uint256 agreementId) external view returns (bool) {
        return _agreements[agreementId].status == AgreementStatus.Effective;
    }

    /// @inheritdoc IAgreementRegistry
    function clauseOf(uint256 agreementId, bytes32 clauseId) external view returns (Clause memory) {
        _existing(agreementId);
        uint256 indexPlusOne = _clauseIndex[agreementId][clauseId];
        if (indexPlusOne == 0) revert AgreementRegistryUnknownClause(agreementId, clauseId);
        return _clauses[agreementId][indexPlusOne - 1];
    }

    /// @inheritdoc IAgreementRegistryFull
    function clausesOf(uint256 agreementId) external view returns (Clause[] memory) {
        _existing(agreementId);
        return _clauses[agreementId];
    }

    /// @inheritdoc IAgreementRegistryFull
    function charterParamsOf(uint256 agreementId) external view returns (CharterParams memory) {
        _existing(agreementId);
        if (!_isCharterLine(agreementId)) revert AgreementRegistryNotCharter(agreementId);
        return _paramsOf(agreementId);
    }

    /// @inheritdoc IAgreementRegistryFull
    function signatureOf(
        uint256 agreementId,
        address account
    ) external view returns (SignatureRecord memory) {
        return _recordOf(_slots[agreementId][account]);
    }

    /// @inheritdoc IAgreementRegistryFull
    function partiesOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory) {
        _existing(agreementId);
        address[] memory parties = abi.decode(_partyLists[agreementId].code, (address[]));
        uint256 end = _end(parties.length, offset, limit);
        PartyRecord[] memory page = new PartyRecord[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = PartyRecord({
                account: parties[i],
                signature: _recordOf(_slots[agreementId][parties[i]])
            });
        }
        return page;
    }

    /// @inheritdoc IAgreementRegistryFull
    function accedersOf(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (PartyRecord[] memory) {
        _existing(agreementId);
        return _page(agreementId, _acceders[agreementId], offset, limit);
    }

    /// @inheritdoc IAgreementRegistryFull
    function accederCount(uint256 agreementId) external view returns (uint256) {
        return _acceders[agreementId].length;
    }

    /// @inheritdoc IAgreementRegistryFull
    function rootOf(uint256 agreementId) external view returns (uint256) {
        _existing(agreementId);
        return _links[agreementId].rootId;
    }

    /// @inheritdoc IAgreementRegistryFull
    function versionChain(
        uint256 agreementId,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory ids) {
        _existing(agreementId);
        uint256[] storage chain = _chain[_links[agreementId].rootId];
        uint256 end = _end(chain.length, offset, limit);
        ids = new uint256[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; ++i) ids[i - offset] = chain[i];
    }

    /// @inheritdoc IAgreementRegistryFull
    function versionCount(uint256 agreementId) external view returns (uint256) {
        _existing(agreementId);
        return _chain[_links[agreementId].rootId].length;
    }

    /// @inheritdoc IAgreementRegistryFull
    function agreementsOf(
        address account,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory agreementIds, uint256 nextCursor) {
        uint256 id = cursor == 0 ? _lists[account].head : _slots[cursor][account].prevAgreementId;
        uint256[] memory buffer = new uint256[](limit);
        uint256 n;
        while (id != 0 && n < limit) {
            buffer[n++] = id;
            nextCursor = id;
            id = _slots[id][account].prevAgreementId;
        }
        if (id == 0) nextCursor = 0;
        agreementIds = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) agreementIds[i] = buffer[i];
    }

    /// @inheritdoc IAgreementRegistryFull
    function agreementCountOf(address account) external view returns (uint256) {
        return _lists[account].count;
    }

    /// @inheritdoc IAgreementRegistryFull
    function agreementCount() external view returns (uint256) {
        return _agreementCount;
    }

    /// @inheritdoc IAgreementRegistryFull
    function pendingAmendmentOf(uint256 agreementId) external view returns (uint256) {
        return _links[agreementId].pendingAmendment;
    }

    /// @inheritdoc IAgreementRegistryFull
    function charterDraftId() external view returns (uint256) {
        return _charterDraftId;
    }

    /// @inheritdoc IAgreementRegistryFull
    function terminationConsents(uint256 agreementId) external view returns (uint32) {
        return _links[agreementId].consents;
    }

    // ================================================================== charter line

    /// @dev The charter line `account` is bound by, as `Membership` records it.
    function _boundLineOf(address account) internal view virtual returns (uint256);

    /// @dev The root of the charter in force's line; 0 while none is in force.
    function _currentLine() internal view returns (uint256) {
        uint256 current = _currentCharterId;
        return current == 0 ? 0 : _links[current].rootId;
    }

    /// @dev The charter line of charter agreement `charterId` (0 for none: a first charter draft).
    function _lineOf(uint256 charterId) internal view returns (uint256) {
        return charterId == 0 ? 0 : _links[charterId].rootId;
    }

    /// @dev The parameters of charter-line agreement `agreementId`; the genesis ones for 0.
    function _paramsOf(uint256 agreementId) internal view returns (CharterParams memory) {
        return abi.decode(_paramsCode[agreementId].code, (CharterParams));
    }

    /// @dev The amendment rule that decides a charter draft amending `parentId` (0: a first charter,
    /// decided by the genesis parameters).
    function _ruleFor(uint256 parentId) internal view returns (AmendmentRule) {
        return _paramsOf(parentId).amendmentRule;
    }

    /// @dev The charter in force binds the members bound by its line (B1, B9); any other agreement its
    /// listed parties and the acceders recorded on it.
    function _isBoundBy(uint256 agreementId, address account) internal view returns (bool) {
        if (agreementId != 0 && agreementId == _currentCharterId) {
            return _boundLineOf(account) == _links[agreementId].rootId;
        }
        Slot storage slot = _slots[agreementId][account];
        // A listed party, or an acceder (a signature record without a party index).
        return slot.partyIndex != 0 || slot.method != SignatureMethod.None;
    }

    // ================================================================== state checks

    function _requireHashes(
        uint256 id,
        Agreement storage a,
        bytes32 documentHash,
        bytes32 termsHash
    ) internal view {
        if (a.documentHash != documentHash || a.termsHash != termsHash) {
            revert AgreementRegistryHashMismatch(id, documentHash, termsHash);
        }
    }

    /// @dev The one state check: reverts unless `id` exists and its status is in `expectedMask`.
    function _requireStatus(uint256 id, uint256 expectedMask) internal view returns (Agreement storage a) {
        a = _existing(id);
        if ((1 << uint8(a.status)) & expectedMask == 0) {
            revert AgreementRegistryUnexpectedStatus(id, a.status, expectedMask);
        }
    }

    function _existing(uint256 id) internal view returns (Agreement storage a) {
        a = _agreements[id];
        if (a.status == AgreementStatus.None) revert AgreementRegistryUnknownAgreement(id);
    }

    function _isCharterLine(uint256 id) internal view returns (bool) {
        return _agreements[_links[id].rootId].kind == AgreementKind.Charter;
    }

    function _recordOf(Slot storage slot) internal view returns (SignatureRecord memory) {
        return
            SignatureRecord({
                method: slot.method,
                blockNumber: slot.blockNumber,
                timestamp: slot.timestamp,
                accession: slot.partyIndex == 0 && slot.method != SignatureMethod.None,
                terminationConsent: slot.consented
            });
    }

    function _page(
        uint256 id,
        address[] storage accounts,
        uint256 offset,
        uint256 limit
    ) internal view returns (PartyRecord[] memory page) {
        uint256 end = _end(accounts.length, offset, limit);
        page = new PartyRecord[](end > offset ? end - offset : 0);
        for (uint256 i = offset; i < end; ++i) {
            address account = accounts[i];
            page[i - offset] = PartyRecord({account: account, signature: _recordOf(_slots[id][account])});
        }
    }

    function _end(uint256 length, uint256 offset, uint256 limit) internal pure returns (uint256) {
        if (offset >= length) return offset;
        return limit > length - offset ? length : offset + limit;
    }
}
