// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBreachRecorder, DefaultKind} from "../interfaces/IBreachRecorder.sol";

/// @title DisputesHistorySeeder
/// @notice Test- and gas-script-only: holding a module role, records `count` defaults in one
/// transaction so that a large breach history can be built cheaply.
contract DisputesHistorySeeder {
    function seed(
        IBreachRecorder recorder,
        address respondent,
        uint256 agreementId,
        bytes32 clauseId,
        uint256 count
    ) external {
        for (uint256 i = 0; i < count; ++i) {
            recorder.recordDefault(
                DefaultKind.UnpaidRoyalty,
                respondent,
                agreementId,
                clauseId,
                1,
                i,
                100,
                5
            );
        }
    }
}
