// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIPRegistry} from "../interfaces/IIPRegistry.sol";

/// @title ShareList
/// @notice An asset's co-owners and their shares at registration, written once as the code of a data
/// contract (the SSTORE2 pattern): 24 bytes of code per co-owner at 200 gas a byte, where one storage
/// word per co-owner costs 22,100. `IPRegistry` keeps the list's address in the asset's record and
/// stores a co-owner's share only once a share sale changes it.
/// @dev Code layout: one 0x00 byte (STOP: the data contract cannot be run), then `n` entries of 22
/// bytes (owner address, uint16 bps) in registration order, then a hash table of `2n` one-byte slots
/// (entry index + 1; 0 = empty) placed by `keccak256(owner) mod 2n`, with linear probing. A lookup
/// reads about 1.5 slots on average whatever `n` (the table is at most half full), so it costs the
/// same for 2 or 200 co-owners; at worst (owners whose hashes collide) it reads `n` slots, bounded by
/// MAX_OWNERS. Slots are one byte: `n <= 255`. The code of a data contract never changes.
library ShareList {
    /// Bytes of one (owner, bps) entry.
    uint256 private constant _ENTRY = 22;
    /// Bytes before the first entry (the STOP byte).
    uint256 private constant _HEAD = 1;
    /// Code bytes per co-owner: its entry and two hash-table slots.
    uint256 private constant _PER_OWNER = _ENTRY + 2;

    /// @dev Writes `owners` with `shares` (same length, 1 ..= 255, checked by the caller) and returns
    /// the data contract's address. Reverts `IPRegistryDuplicateOwner` for an owner listed twice
    /// (found while it is placed in the hash table: O(n) expected, no quadratic loop).
    function write(address[] memory owners, uint16[] memory shares) internal returns (address list) {
        bytes memory init = _initCode(owners, shares);
        address duplicate = _fillTable(init, owners);
        if (duplicate != address(0)) revert IIPRegistry.IPRegistryDuplicateOwner(duplicate);
        // Solidity has no way to create a contract with given code: CREATE takes the init code built above.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            list := create(0, add(init, 32), mload(init))
        }
        if (list == address(0)) revert IIPRegistry.IPRegistryShareListNotWritten();
    }

    /// @dev Number of entries of the list at `list` (0 for an address without code).
    function length(address list) internal view returns (uint256) {
        uint256 size = list.code.length;
        return size == 0 ? 0 : (size - _HEAD) / _PER_OWNER;
    }

    /// @dev Entry `i` (< length) in registration order.
    function at(address list, uint256 i) internal view returns (address owner, uint16 bps) {
        // A partial read of another contract's code: EXTCODECOPY has no Solidity form (`code` copies all).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // Scratch memory after the free memory pointer; the 10 bytes read past the entry are ignored.
            let m := mload(0x40)
            extcodecopy(list, m, add(_HEAD, mul(i, _ENTRY)), 32)
            let w := mload(m)
            owner := shr(96, w)
            bps := and(shr(80, w), 0xffff)
        }
    }

    /// @dev `owner`'s share in the list (0 if it is not in it): from its home slot in the hash table to
    /// the first empty slot (about 1.5 slots read on average).
    function find(address list, address owner) internal view returns (uint16) {
        uint256 n = length(list);
        if (n == 0) return 0;
        uint256 slots = 2 * n;
        uint256 tableStart = _HEAD + _ENTRY * n;
        uint256 slot = _home(owner, slots);
        // At most `slots` reads: the table is never full (n entries in 2n slots).
        for (uint256 k = 0; k < slots; ++k) {
            uint256 taken;
            // One byte of the list's code (see `at`).
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                let m := mload(0x40)
                extcodecopy(list, m, add(tableStart, slot), 1)
                taken := byte(0, mload(m))
            }
            if (taken == 0) return 0;
            (address o, uint16 bps) = at(list, taken - 1);
            if (o == owner) return bps;
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
        return 0;
    }

    /// @dev The init code: 10 bytes that return the rest as the new contract's code, then the runtime
    /// code (1 + 24 n bytes, < 2^16 for n <= 255): the STOP byte, the entries, and 2n zero table slots.
    function _initCode(
        address[] memory owners,
        uint16[] memory shares
    ) private pure returns (bytes memory init) {
        uint256 n = owners.length;
        init = new bytes(10 + _HEAD + _PER_OWNER * n);
        // Byte-level layout of code (22-byte entries at 1 + 22 i) has no Solidity equivalent short of an
        // O(n^2) abi.encodePacked chain.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let p := add(init, 32)
            // PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN.
            mstore(p, or(shl(248, 0x61), or(shl(232, sub(mload(init), 10)), shl(176, 0x80600a3d393df3))))
            // After the 0x00 byte (zero already), each entry is written as a 32-byte word whose last 10
            // (zero) bytes the next entry overwrites; the last one's spill into the table is zero, and
            // words past the end of `init` are scratch memory after the free memory pointer.
            let entries := add(p, 11)
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                let owner := and(
                    mload(add(owners, shl(5, add(i, 1)))),
                    0xffffffffffffffffffffffffffffffffffffffff
                )
                let bps := and(mload(add(shares, shl(5, add(i, 1)))), 0xffff)
                mstore(add(entries, mul(i, _ENTRY)), or(shl(96, owner), shl(80, bps)))
            }
        }
    }

    /// @dev Places each owner's entry index + 1 at its home slot of the zeroed table in `init`, or the
    /// next free one (linear probing); returns the first owner found twice, or address 0.
    function _fillTable(bytes memory init, address[] memory owners) private pure returns (address duplicate) {
        uint256 n = owners.length;
        // Byte-level writes into the code being built.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let slots := shl(1, n)
            let table := add(add(init, 43), mul(n, _ENTRY))
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                let owner := and(
                    mload(add(owners, shl(5, add(i, 1)))),
                    0xffffffffffffffffffffffffffffffffffffffff
                )
                mstore(0, owner)
                let slot := mod(keccak256(12, 20), slots)
                for {
                    let taken := byte(0, mload(add(table, slot)))
                } taken {
                    taken := byte(0, mload(add(table, slot)))
                } {
                    let other := and(
                        mload(add(owners, shl(5, taken))),
                        0xffffffffffffffffffffffffffffffffffffffff
                    )
                    if eq(other, owner) {
                        duplicate := owner
                        break
                    }
                    slot := add(slot, 1)
                    if eq(slot, slots) {
                        slot := 0
                    }
                }
                if duplicate {
                    break
                }
                // i + 1 <= n <= 255: one byte.
                mstore8(add(table, slot), add(i, 1))
            }
        }
    }

    /// @dev `owner`'s home slot in a table of `slots` slots.
    function _home(address owner, uint256 slots) private pure returns (uint256 slot) {
        bytes32 h;
        // Hashing 20 bytes in the scratch space instead of allocating abi.encodePacked's bytes each time.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            // keccak256 of the owner's 20 bytes, hashed in the scratch space.
            mstore(0, owner)
            h := keccak256(12, 20)
        }
        slot = uint256(h) % slots;
    }
}
