// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IAgreementRegistry,
    AgreementStatus,
    PartyRecord,
    SignatureMethod,
    SignatureRecord
} from "../interfaces/IAgreementRegistry.sol";
import {AgreementData} from "./AgreementData.sol";

/// @title AgreementBook
/// @notice The registry's mutable state and the rules over it: which agreements exist and in what
/// status, who signed (a bitmap of 2-bit signature methods per agreement), who consented to
/// termination, who acceded to a charter, and each line's amendments. `AgreementRegistry` owns the one
/// `State` (private); everything that never changes after creation is in the agreement's data
/// contract (`AgreementData`). Reverts with the registry's errors.
/// @dev Storage per agreement: one word (`Entry`), one word of links when it has an amendment or a
/// consent, and one bitmap word per 127 parties (written at creation with a sentinel bit, so that a
/// signature always rewrites a non-zero word: every signature costs the same).
library AgreementBook {
    uint256 internal constant PENDING = 1 << uint8(AgreementStatus.Pending);
    uint256 internal constant EFFECTIVE = 1 << uint8(AgreementStatus.Effective);
    /// @dev Signature methods per bitmap word (2 bits each); the word's top bit is the sentinel.
    uint256 private constant _METHODS_PER_WORD = 127;
    uint256 private constant _SENTINEL = 1 << 255;

    /// @dev One storage word per agreement.
    struct Entry {
        /// The agreement's data contract (`AgreementData`).
        address data;
        AgreementStatus status;
        uint32 signedCount;
        uint48 effectiveAt;
    }

    /// @dev Written only when needed: the pending amendment, termination consents, and for the root of
    /// a version chain the number of amendments created in it. Safe as uint64: agreement ids are a
    /// counter incremented once per creation; 2^64 is out of reach.
    struct Links {
        uint64 pendingAmendment;
        uint32 consents;
        uint32 amendmentCount;
    }

    struct State {
        /// How many agreements exist (ids 1..count).
        uint64 count;
        /// The charter in force (0 while none is), its line (root id), and the pending charter draft.
        uint64 currentCharterId;
        uint64 currentLine;
        uint64 charterDraftId;
        /// The data contract holding the parameters in force: the charter's, or the genesis ones.
        address params;
        /// The data contract of the genesis parameters (apply while no charter is in force).
        address genesis;
        mapping(uint256 agreementId => Entry) entries;
        mapping(uint256 agreementId => Links) links;
        mapping(uint256 agreementId => mapping(uint256 word => uint256 bits)) methods;
        mapping(uint256 agreementId => mapping(uint256 word => uint256 bits)) consents;
        mapping(uint256 agreementId => mapping(address member => SignatureMethod)) accessions;
        mapping(uint256 agreementId => address[] members) acceders;
        /// The amendments of a version chain in creation order, from 1 (the root is number 0).
        mapping(uint256 rootId => mapping(uint256 number => uint256 agreementId)) amendments;
    }

    // ================================================================== status

    /// @dev The entry of an existing agreement; reverts `AgreementRegistryUnknownAgreement`.
    function existing(State storage s, uint256 id) internal view returns (Entry storage e) {
        e = s.entries[id];
        if (e.status == AgreementStatus.None) revert IAgreementRegistry.AgreementRegistryUnknownAgreement(id);
    }

    /// @dev The one state check: reverts unless `id` exists and its status is in `expectedMask`.
    function requireStatus(
        State storage s,
        uint256 id,
        uint256 expectedMask
    ) internal view returns (Entry storage e) {
        e = existing(s, id);
        if ((1 << uint8(e.status)) & expectedMask == 0) {
            revert IAgreementRegistry.AgreementRegistryUnexpectedStatus(id, e.status, expectedMask);
        }
    }

    // ================================================================== signatures

    /// @dev Writes the bitmap words of an agreement of `n` parties with their sentinel bit.
    function initSignatures(State storage s, uint256 id, uint256 n) internal {
        uint256 words = (n + _METHODS_PER_WORD - 1) / _METHODS_PER_WORD;
        for (uint256 w = 0; w < words; ++w) s.methods[id][w] = _SENTINEL;
    }

    /// @dev How party `index` signed (None if it has not).
    function methodOf(State storage s, uint256 id, uint256 index) internal view returns (SignatureMethod) {
        uint256 shift = 2 * (index % _METHODS_PER_WORD);
        // Only SignatureMethod values (< 4) are ever written in a 2-bit field, so the cast is exact.
        return SignatureMethod(uint8((s.methods[id][index / _METHODS_PER_WORD] >> shift) & 3));
    }

    /// @dev Records party `index`'s signature; reverts `AgreementRegistryAlreadySigned` if it signed.
    function recordSignature(
        State storage s,
        uint256 id,
        uint256 index,
        address signer,
        SignatureMethod method
    ) internal {
        mapping(uint256 => uint256) storage words = s.methods[id];
        uint256 w = index / _METHODS_PER_WORD;
        uint256 shift = 2 * (index % _METHODS_PER_WORD);
        uint256 bits = words[w];
        if ((bits >> shift) & 3 != 0) revert IAgreementRegistry.AgreementRegistryAlreadySigned(id, signer);
        words[w] = bits | (uint256(uint8(method)) << shift);
    }

    /// @dev Whether party `index` consented to terminate `id`.
    function hasConsented(State storage s, uint256 id, uint256 index) internal view returns (bool) {
        return (s.consents[id][index / 256] >> (index % 256)) & 1 == 1;
    }

    /// @dev Records party `index`'s termination consent; returns the consents so far. Reverts
    /// `AgreementRegistryAlreadyConsented` if it consented.
    function recordConsent(
        State storage s,
        uint256 id,
        uint256 index,
        address party
    ) internal returns (uint32 consents) {
        uint256 bits = s.consents[id][index / 256];
        uint256 bit = 1 << (index % 256);
        if (bits & bit != 0) revert IAgreementRegistry.AgreementRegistryAlreadyConsented(id, party);
        s.consents[id][index / 256] = bits | bit;
        consents = s.links[id].consents + 1;
        s.links[id].consents = consents;
    }

    // ================================================================== parties

    /// @dev Whether `account` is a party of `id`, and its index (a binary search of the party list).
    function findParty(State storage s, uint256 id, address account) internal view returns (bool, uint256) {
        address data = s.entries[id].data;
        if (data == address(0)) return (false, 0);
        return AgreementData.find(data, AgreementData.header(data), account);
    }

    /// @dev Whether `account` signed `id` as a party, or has an accession record on it.
    function hasSigned(State storage s, uint256 id, address account) internal view returns (bool) {
        (bool party, uint256 index) = findParty(s, id, account);
        if (party && methodOf(s, id, index) != SignatureMethod.None) return true;
        return s.accessions[id][account] != SignatureMethod.None;
    }

    /// @dev `account`'s signature record on `id`: as a party, else as an acceder.
    function recordOf(
        State storage s,
        uint256 id,
        address account
    ) internal view returns (SignatureRecord memory r) {
        (bool party, uint256 index) = findParty(s, id, account);
        if (party) {
            r.method = methodOf(s, id, index);
            r.terminationConsent = hasConsented(s, id, index);
        } else {
            r.method = s.accessions[id][account];
            r.accession = r.method != SignatureMethod.None;
        }
    }

    /// @dev A page of `id`'s parties (listed at positions `offset`..`offset+limit-1`) or, with
    /// `acceders`, of its acceders (in accession order), with their records. One function for both
    /// lists keeps the registry's code under EIP-170.
    function page(
        State storage s,
        uint256 id,
        uint256 offset,
        uint256 limit,
        bool acceders
    ) internal view returns (PartyRecord[] memory out) {
        address data = s.entries[id].data;
        address[] storage list = s.acceders[id];
        AgreementData.Header memory h = AgreementData.header(data);
        uint256 end = pageEnd(acceders ? list.length : h.partyCount, offset, limit);
        out = new PartyRecord[](end > offset ? end - offset : 0);
        for (uint256 p = offset; p < end; ++p) {
            PartyRecord memory r = out[p - offset];
            if (acceders) {
                address member = list[p];
                r.account = member;
                r.signature.method = s.accessions[id][member];
                r.signature.accession = true;
            } else {
                uint256 index = AgreementData.indexAt(data, h, p);
                r.account = AgreementData.partyAt(data, h, index);
                r.signature.method = methodOf(s, id, index);
                r.signature.terminationConsent = hasConsented(s, id, index);
            }
        }
    }

    /// @dev The end of a page of `limit` from `offset` in a list of `length`.
    function pageEnd(uint256 length, uint256 offset, uint256 limit) internal pure returns (uint256) {
        if (offset >= length) return offset;
        return limit > length - offset ? length : offset + limit;
    }
}
