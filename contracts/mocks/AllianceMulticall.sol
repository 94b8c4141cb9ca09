// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title AllianceMulticall
/// @notice Test-only: runs many view calls in one `eth_call`, so the whole-alliance stateful property
/// test (test/integration/Alliance.property.test.ts) reads the inputs of every invariant I1-I10 after
/// each step in one round trip. Not part of any deployment. A failing call bubbles its revert.
contract AllianceMulticall {
    /// @notice One view call: `target` with calldata `data`.
    struct Call {
        address target;
        bytes data;
    }

    /// @notice The return data of each call of `calls`, in order (unbounded by design: test-only reads).
    function aggregate(Call[] calldata calls) external view returns (bytes[] memory results) {
        results = new bytes[](calls.length);
        for (uint256 i = 0; i < calls.length; ++i) {
            results[i] = Address.functionStaticCall(calls[i].target, calls[i].data);
        }
    }
}
