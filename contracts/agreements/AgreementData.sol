// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CharterParams} from "../interfaces/ICharter.sol";
import {
    IAgreementRegistry,
    AgreementInput,
    AgreementKind,
    Clause
} from "../interfaces/IAgreementRegistry.sol";

/// @title AgreementData
/// @notice What never changes about an agreement once it is created — its header, charter
/// parameters, penalty schedule, URI and party list — written once as the code of data contracts
/// (the SSTORE2 pattern: 200 gas a byte of code, where a storage word costs 22,100). The registry
/// keeps only the data contract's address and what changes (status, signatures, consents) in storage.
/// @dev Code layout of an agreement's data contract (offsets in bytes):
/// - 0: 0x00 (STOP: calling a data contract does nothing);
/// - 1: the header, `HEADER` bytes (see `_headerBytes`);
/// - `PARAMS_AT`: `paramsLength` bytes, `abi.encode(CharterParams)` for a charter-line agreement;
/// - then the addresses of the party chunks (20 bytes each), the penalty schedule (65 bytes a clause:
///   id, damages cap, remedies), the URI bytes, the order (2 bytes a party: the index of the party
///   listed at that position), and the first `inlineParties` entries;
/// - the parties themselves are entries of 20 bytes **sorted by address**; a party's index is its
///   position in that order. Entries that do not fit the data contract under the EIP-170 limit
///   (24,576 bytes) go to party chunks: data contracts of a 0x00 byte and up to `PER_CHUNK` entries.
/// Sorted entries make every lookup a binary search of at most ceil(log2(n + 1)) reads (11 for 1,100
/// parties), whoever chose the addresses; a signer's index is given by the caller (checked with one
/// read), so signing reads one entry. Errors are the registry's (`IAgreementRegistry`).
library AgreementData {
    /// @dev Header bytes after the STOP byte.
    uint256 internal constant HEADER = 137;
    /// @dev Offset of the charter parameters in a data contract (also of the genesis parameters).
    uint256 internal constant PARAMS_AT = 1 + HEADER;
    /// @dev Bytes of `abi.encode(CharterParams)` (24 words).
    uint256 internal constant PARAMS_LENGTH = 24 * 32;
    /// @dev Offset of the claim parameters (`claimBond`, `curePeriod`, `answerPeriod`: the last three
    /// of the 24 words of `abi.encode(CharterParams)`).
    uint256 internal constant CLAIM_PARAMS_AT = PARAMS_AT + 21 * 32;
    /// @dev Bytes of one clause: id, damages cap, remedies.
    uint256 internal constant CLAUSE_BYTES = 65;
    /// @dev Bytes of one party entry (an address).
    uint256 internal constant ENTRY = 20;
    /// @dev Most code bytes a contract may have (EIP-170).
    uint256 internal constant MAX_CODE = 24_576;
    /// @dev Entries in one party chunk.
    uint256 internal constant PER_CHUNK = (MAX_CODE - 1) / ENTRY;

    /// @notice The fixed part of an agreement's record.
    struct Header {
        AgreementKind kind;
        uint32 version;
        uint32 partyCount;
        /// Entries kept in the data contract itself; the rest are in party chunks.
        uint32 inlineParties;
        uint8 chunkCount;
        uint8 clauseCount;
        uint16 uriLength;
        uint16 paramsLength;
        uint48 createdAt;
        uint48 lapsesAt;
        /// For a charter amendment by members' signatures: `IMembership.bindingEpoch()` at creation (B1).
        uint48 boundEpoch;
        uint64 parentId;
        uint64 rootId;
        address creator;
        bytes32 documentHash;
        bytes32 termsHash;
    }

    // ================================================================== writing

    /// @dev Writes the record of an agreement: sorts `input.parties` by address (reverting
    /// `AgreementRegistryInvalidParty` for the zero address or a party listed twice), lays out the
    /// code and creates the party chunks and the data contract. Fills `h.partyCount`,
    /// `h.inlineParties`, `h.chunkCount`, `h.clauseCount`, `h.uriLength` and `h.paramsLength`.
    /// Returns the data contract and the parties in index (address) order. O(n log n) in memory
    /// (heapsort), O(n) in code written. Counts are checked by the caller (`AgreementValidation`).
    function write(
        Header memory h,
        bytes memory params,
        AgreementInput calldata input
    ) internal returns (address data, address[] memory sorted) {
        uint16[] memory order;
        (sorted, order) = _sort(input.parties);
        _count(h, params, input);
        address[] memory chunkAddresses = _writeChunks(sorted, h.inlineParties, h.chunkCount);
        bytes memory code = _newCode(_fixedBytes(h) + ENTRY * (uint256(h.chunkCount) + h.inlineParties));
        uint256 at = _put(code, 1, _headerBytes(h));
        at = _put(code, at, params);
        for (uint256 k = 0; k < chunkAddresses.length; ++k)
            at = _put(code, at, abi.encodePacked(chunkAddresses[k]));
        Clause[] calldata schedule = input.clauses;
        for (uint256 i = 0; i < schedule.length; ++i) {
            Clause calldata c = schedule[i];
            at = _put(code, at, abi.encodePacked(c.clauseId, c.damagesCap, c.remedies));
        }
        at = _put(code, at, bytes(input.uri));
        at = _putOrder(code, at, order);
        _putEntries(code, at, sorted, 0, h.inlineParties);
        data = _create(code);
    }

    /// @dev Fills the counts of `h` and how its parties split between the data contract and chunks.
    function _count(Header memory h, bytes memory params, AgreementInput calldata input) private pure {
        uint256 n = input.parties.length;
        // Safe casts: n <= MAX_PARTIES, clauses <= MAX_CLAUSES, uri <= MAX_URI_BYTES (checked by the
        // caller), params is empty or PARAMS_LENGTH.
        h.partyCount = uint32(n);
        h.clauseCount = uint8(input.clauses.length);
        h.uriLength = uint16(bytes(input.uri).length);
        h.paramsLength = uint16(params.length);
        (uint256 inlined, uint256 chunks) = _split(n, _fixedBytes(h));
        h.inlineParties = uint32(inlined);
        h.chunkCount = uint8(chunks);
    }

    /// @dev Code bytes of a data contract before its chunk addresses and entries.
    function _fixedBytes(Header memory h) private pure returns (uint256) {
        return
            PARAMS_AT +
            uint256(h.paramsLength) +
            CLAUSE_BYTES * uint256(h.clauseCount) +
            uint256(h.uriLength) +
            2 * uint256(h.partyCount);
    }

    /// @dev Creates the party chunks holding `sorted[inlined..]`, `PER_CHUNK` entries each.
    function _writeChunks(
        address[] memory sorted,
        uint256 inlined,
        uint256 chunks
    ) private returns (address[] memory chunkAddresses) {
        uint256 n = sorted.length;
        chunkAddresses = new address[](chunks);
        for (uint256 k = 0; k < chunks; ++k) {
            uint256 from = inlined + k * PER_CHUNK;
            uint256 to = from + PER_CHUNK < n ? from + PER_CHUNK : n;
            bytes memory chunk = _newCode(1 + ENTRY * (to - from));
            _putEntries(chunk, 1, sorted, from, to);
            chunkAddresses[k] = _create(chunk);
        }
    }

    /// @dev Writes a data contract holding only parameters (the genesis ones), at `PARAMS_AT` like
    /// an agreement's, behind a zero header.
    function writeParams(bytes memory encoded) internal returns (address data) {
        bytes memory code = _newCode(PARAMS_AT + encoded.length);
        _put(code, PARAMS_AT, encoded);
        data = _create(code);
    }

    // ================================================================== reading

    /// @dev The header of the record at `data`.
    function header(address data) internal view returns (Header memory h) {
        bytes memory b = _read(data, 1, HEADER);
        h.kind = AgreementKind(uint8(_uint(b, 0, 1)));
        h.version = uint32(_uint(b, 1, 4));
        h.partyCount = uint32(_uint(b, 5, 4));
        h.inlineParties = uint32(_uint(b, 9, 4));
        h.chunkCount = uint8(_uint(b, 13, 1));
        h.clauseCount = uint8(_uint(b, 14, 1));
        h.uriLength = uint16(_uint(b, 15, 2));
        h.paramsLength = uint16(_uint(b, 17, 2));
        h.createdAt = uint48(_uint(b, 19, 6));
        h.lapsesAt = uint48(_uint(b, 25, 6));
        h.boundEpoch = uint48(_uint(b, 31, 6));
        h.parentId = uint64(_uint(b, 37, 8));
        h.rootId = uint64(_uint(b, 45, 8));
        h.creator = address(uint160(_uint(b, 53, 20)));
        h.documentHash = bytes32(_uint(b, 73, 32));
        h.termsHash = bytes32(_uint(b, 105, 32));
    }

    /// @dev The charter parameters of the record (or genesis data contract) at `data`.
    function params(address data) internal view returns (CharterParams memory) {
        return abi.decode(_read(data, PARAMS_AT, PARAMS_LENGTH), (CharterParams));
    }

    /// @dev The claim parameters of the record (or genesis data contract) at `data`: one read of
    /// three words, where `params` decodes all 24.
    function claimParams(
        address data
    ) internal view returns (uint256 claimBond, uint32 curePeriod, uint32 answerPeriod) {
        bytes memory b = _read(data, CLAIM_PARAMS_AT, 96);
        // Safe casts: the words were written by abi.encode of the uint32 fields.
        return (_uint(b, 0, 32), uint32(_uint(b, 32, 32)), uint32(_uint(b, 64, 32)));
    }

    /// @dev The party with index `index` (< `h.partyCount`): one read of 20 bytes (two for an entry
    /// in a party chunk: its chunk's address, then the entry).
    function partyAt(address data, Header memory h, uint256 index) internal view returns (address) {
        uint256 inlined = h.inlineParties;
        if (index < inlined) return _address(data, _entriesAt(h) + ENTRY * index);
        uint256 rest = index - inlined;
        address chunk = _address(data, _chunksAt(h) + ENTRY * (rest / PER_CHUNK));
        return _address(chunk, 1 + ENTRY * (rest % PER_CHUNK));
    }

    /// @dev Whether `account` is a party, and its index: a binary search over the sorted entries, at
    /// most ceil(log2(partyCount + 1)) reads.
    function find(address data, Header memory h, address account) internal view returns (bool, uint256) {
        uint256 lo = 0;
        uint256 hi = h.partyCount;
        while (lo < hi) {
            // unchecked: lo < hi <= MAX_PARTIES, so neither the sum nor `mid + 1` can overflow.
            unchecked {
                uint256 mid = (lo + hi) / 2;
                address at = partyAt(data, h, mid);
                if (at == account) return (true, mid);
                if (at < account) lo = mid + 1;
                else hi = mid;
            }
        }
        return (false, 0);
    }

    /// @dev Steps of `findFixed`: 2^SEARCH_STEPS - 1 = 2,047 parties at most (MAX_PARTIES is below).
    uint256 internal constant SEARCH_STEPS = 11;

    /// @dev `find` in a fixed number of steps (`SEARCH_STEPS`) whatever the party count, so that a
    /// signature costs the same in a small and a large agreement: a probe past the end reads entry 0
    /// and ignores it. Requires `h.partyCount < 2^SEARCH_STEPS`.
    function findFixed(address data, Header memory h, address account) internal view returns (bool, uint256) {
        uint256 n = h.partyCount;
        // Every entry below `base` is <= account; `last` is entry `base - 1`.
        uint256 base = 0;
        address last;
        // unchecked: base + step < 2^SEARCH_STEPS; nothing here can overflow.
        unchecked {
            for (uint256 step = 1 << (SEARCH_STEPS - 1); step != 0; step >>= 1) {
                uint256 next = base + step;
                bool inRange = next <= n;
                address at = partyAt(data, h, inRange ? next - 1 : 0);
                if (inRange && at <= account) {
                    base = next;
                    last = at;
                }
            }
        }
        if (base == 0 || last != account) return (false, 0);
        return (true, base - 1);
    }

    /// @dev The index of the party listed at `position` of the creation input.
    function indexAt(address data, Header memory h, uint256 position) internal view returns (uint256) {
        return _uint(_read(data, _orderAt(h) + 2 * position, 2), 0, 2);
    }

    /// @dev The penalty schedule in creation order.
    function clauses(address data, Header memory h) internal view returns (Clause[] memory out) {
        uint256 k = h.clauseCount;
        bytes memory b = _read(data, _clausesAt(h), CLAUSE_BYTES * k);
        out = new Clause[](k);
        for (uint256 i = 0; i < k; ++i) {
            uint256 o = CLAUSE_BYTES * i;
            out[i] = Clause({
                clauseId: bytes32(_uint(b, o, 32)),
                damagesCap: _uint(b, o + 32, 32),
                remedies: uint8(_uint(b, o + 64, 1))
            });
        }
    }

    /// @dev Clause `clauseId` of the penalty schedule, if it has it: one read of the schedule and no
    /// array built. Clause ids are unique and non-zero (checked at creation).
    function clause(
        address data,
        Header memory h,
        bytes32 clauseId
    ) internal view returns (bool found, uint256 damagesCap, uint8 remedies) {
        uint256 k = h.clauseCount;
        bytes memory b = _read(data, _clausesAt(h), CLAUSE_BYTES * k);
        for (uint256 i = 0; i < k; ++i) {
            uint256 o = CLAUSE_BYTES * i;
            if (bytes32(_uint(b, o, 32)) == clauseId)
                return (true, _uint(b, o + 32, 32), uint8(_uint(b, o + 64, 1)));
        }
    }

    /// @dev The URI given at creation.
    function uri(address data, Header memory h) internal view returns (string memory) {
        return string(_read(data, _uriAt(h), h.uriLength));
    }

    // ================================================================== layout

    function _chunksAt(Header memory h) private pure returns (uint256) {
        return PARAMS_AT + h.paramsLength;
    }

    function _clausesAt(Header memory h) private pure returns (uint256) {
        return _chunksAt(h) + ENTRY * h.chunkCount;
    }

    function _uriAt(Header memory h) private pure returns (uint256) {
        return _clausesAt(h) + CLAUSE_BYTES * h.clauseCount;
    }

    function _orderAt(Header memory h) private pure returns (uint256) {
        return _uriAt(h) + h.uriLength;
    }

    function _entriesAt(Header memory h) private pure returns (uint256) {
        return _orderAt(h) + 2 * uint256(h.partyCount);
    }

    /// @dev How many of `n` entries fit the data contract after `fixedBytes`, and how many party
    /// chunks the rest takes (each chunk's address costs 20 bytes of the data contract).
    function _split(uint256 n, uint256 fixedBytes) private pure returns (uint256 inlined, uint256 chunks) {
        if (fixedBytes > MAX_CODE) revert IAgreementRegistry.AgreementRegistryInvalidInput("size");
        uint256 room = (MAX_CODE - fixedBytes) / ENTRY;
        if (n <= room) return (n, 0);
        // Each chunk takes one entry's room for its address and holds PER_CHUNK entries; bounded by
        // n / PER_CHUNK + 1 rounds.
        for (chunks = 1; ; ++chunks) {
            if (room < chunks) revert IAgreementRegistry.AgreementRegistryInvalidInput("size");
            inlined = room - chunks;
            if (n - inlined <= chunks * PER_CHUNK) return (inlined, chunks);
        }
    }

    /// @dev The packed header (`HEADER` bytes).
    function _headerBytes(Header memory h) private pure returns (bytes memory) {
        return
            abi.encodePacked(
                abi.encodePacked(
                    uint8(h.kind),
                    h.version,
                    h.partyCount,
                    h.inlineParties,
                    h.chunkCount,
                    h.clauseCount,
                    h.uriLength,
                    h.paramsLength,
                    h.createdAt,
                    h.lapsesAt,
                    h.boundEpoch
                ),
                abi.encodePacked(h.parentId, h.rootId, h.creator, h.documentHash, h.termsHash)
            );
    }

    // ================================================================== sorting

    /// @dev The parties sorted by address and, per listed position, the sorted index. Keys are
    /// `address << 96 | position`, sorted by heapsort (O(n log n) whatever the input order, no
    /// recursion); the zero address or a repeated address reverts `AgreementRegistryInvalidParty`.
    function _sort(
        address[] calldata parties
    ) private pure returns (address[] memory sorted, uint16[] memory order) {
        uint256 n = parties.length;
        uint256[] memory keys = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) keys[i] = (uint256(uint160(parties[i])) << 96) | i;
        _heapSort(keys);
        sorted = new address[](n);
        order = new uint16[](n);
        address previous;
        for (uint256 r = 0; r < n; ++r) {
            uint256 key = keys[r];
            address party = address(uint160(key >> 96));
            if (party == address(0) || (r != 0 && party == previous)) {
                revert IAgreementRegistry.AgreementRegistryInvalidParty(party);
            }
            sorted[r] = party;
            // Safe casts: positions and indexes are < n <= MAX_PARTIES < 2^16.
            order[uint16(key)] = uint16(r);
            previous = party;
        }
    }

    /// @dev Sorts `a` ascending in place.
    function _heapSort(uint256[] memory a) private pure {
        uint256 n = a.length;
        if (n < 2) return;
        // unchecked: every index below is < n, and `start`, `end` only decrease while positive.
        unchecked {
            for (uint256 start = n / 2; start > 0;) {
                --start;
                _siftDown(a, start, n);
            }
            for (uint256 end = n - 1; end > 0; --end) {
                (a[0], a[end]) = (a[end], a[0]);
                _siftDown(a, 0, end);
            }
        }
    }

    function _siftDown(uint256[] memory a, uint256 root, uint256 n) private pure {
        // unchecked: child = 2 * root + 1 with root < n <= MAX_PARTIES cannot overflow.
        unchecked {
            uint256 value = a[root];
            for (;;) {
                uint256 child = 2 * root + 1;
                if (child >= n) break;
                if (child + 1 < n && a[child + 1] > a[child]) ++child;
                uint256 c = a[child];
                if (c <= value) break;
                a[root] = c;
                root = child;
            }
            a[root] = value;
        }
    }

    // ================================================================== bytes of code

    /// @dev A buffer for a runtime code of `size` bytes behind the 10-byte init code that returns it:
    /// PUSH2 size, DUP1, PUSH1 0x0a, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN. The runtime
    /// starts at `code[10]`; offsets given to `_put*` are runtime offsets.
    function _newCode(uint256 size) private pure returns (bytes memory code) {
        if (size > MAX_CODE) revert IAgreementRegistry.AgreementRegistryInvalidInput("size");
        code = new bytes(10 + size);
        // Safe cast: size <= MAX_CODE < 2^16.
        bytes memory prefix = abi.encodePacked(hex"61", uint16(size), hex"80600a3d393df3");
        _copy(code, 0, prefix);
    }

    /// @dev Copies `src` to runtime offset `at` of `code`; returns the offset after it.
    function _put(bytes memory code, uint256 at, bytes memory src) private pure returns (uint256) {
        _copy(code, 10 + at, src);
        return at + src.length;
    }

    /// @dev Writes `order` as 2-byte big-endian values from runtime offset `at`.
    function _putOrder(bytes memory code, uint256 at, uint16[] memory order) private pure returns (uint256) {
        uint256 n = order.length;
        for (uint256 i = 0; i < n; ++i) {
            uint16 v = order[i];
            uint256 o = 10 + at + 2 * i;
            code[o] = bytes1(uint8(v >> 8));
            code[o + 1] = bytes1(uint8(v));
        }
        return at + 2 * n;
    }

    /// @dev Writes `sorted[from..to)` as 20-byte entries from runtime offset `at`.
    function _putEntries(
        bytes memory code,
        uint256 at,
        address[] memory sorted,
        uint256 from,
        uint256 to
    ) private pure {
        // Byte-level placement of 20-byte entries has no Solidity form short of one abi.encodePacked
        // per entry and a copy.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let p := add(add(code, 42), at) // 32 (length word) + 10 (init code) + at
            let low := 0xffffffffffffffffffffffff // the 12 bytes after an entry in its word
            for {
                let i := from
            } lt(i, to) {
                i := add(i, 1)
            } {
                // Each entry is written as a word: its 20 bytes, then the 12 bytes found there, kept as
                // they were, so nothing past the entry changes.
                let w := add(p, mul(sub(i, from), 20))
                mstore(w, or(shl(96, mload(add(sorted, shl(5, add(i, 1))))), and(mload(w), low)))
            }
        }
    }

    /// @dev Copies `src` into `dst` at byte `at` (`at + src.length <= dst.length`).
    function _copy(bytes memory dst, uint256 at, bytes memory src) private pure {
        // MCOPY of a byte range into the middle of a bytes buffer has no Solidity form.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mcopy(add(add(dst, 32), at), add(src, 32), mload(src))
        }
    }

    /// @dev Creates a contract whose init code is `code` (see `_newCode`).
    function _create(bytes memory code) private returns (address created) {
        // Solidity creates contracts only from compiled types; CREATE takes the init code built here.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            created := create(0, add(code, 32), mload(code))
        }
        if (created == address(0)) revert IAgreementRegistry.AgreementRegistryDataNotWritten();
    }

    /// @dev `size` bytes of `data`'s code from `offset` (zeros past its end).
    function _read(address data, uint256 offset, uint256 size) private view returns (bytes memory b) {
        b = new bytes(size);
        // A partial read of another contract's code: EXTCODECOPY has no Solidity form (`code` copies all).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            extcodecopy(data, add(b, 32), offset, size)
        }
    }

    /// @dev The 20-byte address at `offset` of `data`'s code, read into scratch space.
    function _address(address data, uint256 offset) private view returns (address a) {
        // 20 bytes of another contract's code at `offset`, in the scratch space (see `_read`); the 12
        // bytes of the word after them are shifted out.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            extcodecopy(data, 0, offset, 20)
            a := shr(96, mload(0))
        }
    }

    /// @dev The big-endian unsigned integer of `size` (1..32) bytes at `offset` of `b`.
    function _uint(bytes memory b, uint256 offset, uint256 size) private pure returns (uint256 v) {
        // An unaligned big-endian field of a byte buffer (bounds are the caller's layout).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            v := shr(sub(256, shl(3, size)), mload(add(add(b, 32), offset)))
        }
    }
}
