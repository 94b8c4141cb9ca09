// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IAgreementRegistry,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Clause,
    ClaimTerms
} from "../interfaces/IAgreementRegistry.sol";
import {CharterParams} from "../interfaces/ICharter.sol";

/// @title MockCharter
/// @notice Test-only stand-in for `AgreementRegistry`, for unit tests of modules that only read the
/// charter and agreements. Every setter is open: never deploy outside tests.
contract MockCharter is IAgreementRegistry {
    error MockCharterUnknownAgreement(uint256 agreementId);
    error MockCharterUnknownClause(uint256 agreementId, bytes32 clauseId);

    CharterParams private _params;
    bool private _effective;
    uint256 private _charterId;
    mapping(address member => bool) private _acceded;
    mapping(uint256 id => Agreement) private _agreements;
    mapping(uint256 id => mapping(address account => bool)) private _parties;
    mapping(uint256 id => mapping(bytes32 clauseId => Clause)) private _clauses;

    constructor(CharterParams memory params_) {
        _params = params_;
    }

    function setParams(CharterParams calldata params_) external {
        _params = params_;
    }

    function setCharter(uint256 charterId, bool effective) external {
        _charterId = charterId;
        _effective = effective;
    }

    function setAcceded(address member, bool acceded) external {
        _acceded[member] = acceded;
    }

    /// @notice Stores an agreement header with its parties and clauses.
    function setAgreement(
        uint256 id,
        AgreementKind kind,
        AgreementStatus status,
        bytes32 termsHash,
        address[] calldata parties,
        Clause[] calldata clauses
    ) external {
        Agreement storage a = _agreements[id];
        a.kind = kind;
        a.status = status;
        a.version = 1;
        a.termsHash = termsHash;
        a.partyCount = uint32(parties.length);
        a.signedCount = status == AgreementStatus.Effective ? uint32(parties.length) : 0;
        a.creator = msg.sender;
        a.createdAt = uint48(block.timestamp);
        for (uint256 i = 0; i < parties.length; ++i) _parties[id][parties[i]] = true;
        for (uint256 i = 0; i < clauses.length; ++i) _clauses[id][clauses[i].clauseId] = clauses[i];
    }

    /// @notice Makes agreement `id` an amendment of `parentId` (version = parent's + 1).
    function setParent(uint256 id, uint256 parentId) external {
        _agreements[id].parentId = parentId;
        _agreements[id].version = _agreements[parentId].version + 1;
    }

    /// @notice Sets agreement `id`'s URI (its ERC-1497 meta-evidence).
    function setUri(uint256 id, string calldata uri) external {
        _agreements[id].uri = uri;
    }

    function setStatus(uint256 id, AgreementStatus status) external {
        _agreements[id].status = status;
    }

    function charterParams() external view returns (CharterParams memory) {
        return _params;
    }

    function charterEffective() external view returns (bool) {
        return _effective;
    }

    function currentCharterId() external view returns (uint256) {
        return _effective ? _charterId : 0;
    }

    function charterLine() external view returns (uint256) {
        return _effective ? _charterId : 0;
    }

    function hasAcceded(address member) external view returns (bool) {
        return _effective && _acceded[member];
    }

    function agreementOf(uint256 agreementId) external view returns (Agreement memory) {
        if (_agreements[agreementId].status == AgreementStatus.None)
            revert MockCharterUnknownAgreement(agreementId);
        return _agreements[agreementId];
    }

    function isParty(uint256 agreementId, address account) external view returns (bool) {
        return _parties[agreementId][account];
    }

    function isBoundBy(uint256 agreementId, address account) external view returns (bool) {
        return _parties[agreementId][account];
    }

    function isEffective(uint256 agreementId) external view returns (bool) {
        return _agreements[agreementId].status == AgreementStatus.Effective;
    }

    /// @notice `IAgreementRegistry.claimTermsOf` over the stored agreements (bound = listed party).
    function claimTermsOf(
        uint256 agreementId,
        bytes32 clauseId,
        address claimant,
        address respondent
    ) external view returns (ClaimTerms memory t) {
        Agreement storage a = _agreements[agreementId];
        Clause storage c = _clauses[agreementId][clauseId];
        t.status = a.status;
        t.version = a.version;
        t.clauseFound = c.clauseId != bytes32(0);
        t.remedies = c.remedies;
        t.damagesCap = c.damagesCap;
        t.claimantBound = _parties[agreementId][claimant];
        t.respondentBound = _parties[agreementId][respondent];
        t.claimBond = _params.claimBond;
        t.curePeriod = _params.curePeriod;
        t.answerPeriod = _params.answerPeriod;
    }

    function clauseOf(uint256 agreementId, bytes32 clauseId) external view returns (Clause memory) {
        Clause memory c = _clauses[agreementId][clauseId];
        if (c.clauseId == bytes32(0)) revert MockCharterUnknownClause(agreementId, clauseId);
        return c;
    }
}
