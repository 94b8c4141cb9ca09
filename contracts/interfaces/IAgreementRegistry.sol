// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICharter} from "./ICharter.sol";

/// @notice What an agreement is (chapter order of a real 联盟协议: the charter, project agreements,
/// licence agreements, amendments to any of them).
enum AgreementKind {
    Charter,
    Project,
    License,
    Amendment,
    Other
}

/// @notice Pending (awaiting signatures) -> Effective (all parties signed) -> Superseded (an
/// amendment of it took effect) | Terminated. Pending -> Terminated when abandoned.
enum AgreementStatus {
    None,
    Pending,
    Effective,
    Superseded,
    Terminated
}

/// @notice How a signature was given (kept with every signature record).
enum SignatureMethod {
    None,
    Direct,
    EIP712,
    EIP1271
}

/// @notice Remedies a clause's penalty schedule may allow, as bit flags in `Clause.remedies`.
library Remedies {
    uint8 internal constant DAMAGES = 1; // liquidated damages up to `Clause.damagesCap`, from the bond
    uint8 internal constant LICENSE_SUSPENSION = 2;
    uint8 internal constant LICENSE_REVOCATION = 4;
    uint8 internal constant MEMBERSHIP_SUSPENSION = 8;
    uint8 internal constant EXPULSION_PROPOSAL = 16; // put to the council, never automatic
    uint8 internal constant ALL = 31;
}

/// @notice One clause of an agreement's penalty schedule (chapter 8), fixed at creation and covered
/// by the agreement's terms hash.
struct Clause {
    /// Clause id as in the document, e.g. bytes32("7.1") for a confidentiality clause.
    bytes32 clauseId;
    /// Most liquidated damages a ruling on this clause may award, in the settlement token.
    uint256 damagesCap;
    /// Allowed remedies (bit flags of `Remedies`).
    uint8 remedies;
}

/// @notice An agreement's header.
struct Agreement {
    AgreementKind kind;
    AgreementStatus status;
    /// For an amendment: the agreement it amends (0 otherwise).
    uint256 parentId;
    /// 1 for an original, parent's version + 1 for an amendment.
    uint32 version;
    uint32 partyCount;
    uint32 signedCount;
    address creator;
    uint48 createdAt;
    uint48 effectiveAt;
    /// SHA-256 of the legal document's bytes (check with `sha256sum`).
    bytes32 documentHash;
    /// SHA-256 of the machine-readable terms as canonical JSON (RFC 8785).
    bytes32 termsHash;
    string uri;
}

/// @title IAgreementRegistry
/// @notice Ricardian agreements (F2, F5): what each party signed, when and how. The functions below
/// are the part other modules call; `AgreementRegistry` documents the rest.
interface IAgreementRegistry is ICharter {
    /// @notice The agreement's header; reverts for an unknown id.
    function agreementOf(uint256 agreementId) external view returns (Agreement memory);

    /// @notice Whether `account` is a party to agreement `agreementId`.
    function isParty(uint256 agreementId, address account) external view returns (bool);

    /// @notice Whether agreement `agreementId` is Effective (signed by every party, not superseded or terminated).
    function isEffective(uint256 agreementId) external view returns (bool);

    /// @notice Clause `clauseId` of agreement `agreementId`'s penalty schedule; reverts if it has none such.
    function clauseOf(uint256 agreementId, bytes32 clauseId) external view returns (Clause memory);
}
