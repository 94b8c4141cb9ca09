// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CharterParams} from "../interfaces/ICharter.sol";
import {AgreementInput} from "../interfaces/IAgreementRegistry.sol";
import {AgreementValidation} from "./AgreementValidation.sol";
import {AgreementData} from "./AgreementData.sol";

/// @title AgreementWriter
/// @notice Writes the data contracts of one `AgreementRegistry` (see `AgreementData`): sorts the
/// parties and creates the code that holds an agreement's record. Created by the registry in its
/// constructor so that the sorting and layout code is not part of the registry's own code (EIP-170).
/// Holds no state; only its registry may call it, and the registry trusts only the addresses it gets
/// back from its own calls.
contract AgreementWriter {
    /// @dev The caller is not the registry that created this writer.
    error AgreementWriterNotRegistry(address caller);

    /// @notice The registry that created this writer, its only caller.
    address public immutable REGISTRY;

    constructor() {
        REGISTRY = msg.sender;
    }

    /// @notice Checks the penalty schedule (`AgreementValidation.checkClauses`) and writes an
    /// agreement's record (see `AgreementData.write`): returns its data contract and the parties in
    /// index (address) order. Reverts with the registry's errors on a bad clause, a zero or repeated
    /// party, or a record too large for its data contracts.
    function write(
        AgreementData.Header memory h,
        bytes memory params,
        AgreementInput calldata input
    ) external returns (address data, address[] memory sorted) {
        if (msg.sender != REGISTRY) revert AgreementWriterNotRegistry(msg.sender);
        AgreementValidation.checkClauses(input.clauses);
        return AgreementData.write(h, params, input);
    }

    /// @notice Writes a data contract holding only charter parameters (the genesis ones).
    function writeParams(bytes memory params) external returns (address data) {
        if (msg.sender != REGISTRY) revert AgreementWriterNotRegistry(msg.sender);
        return AgreementData.writeParams(params);
    }

    /// @notice Reverts with the registry's `AgreementRegistryInvalidCharterParam` unless `p` is a valid
    /// set of charter parameters for agreements of at most `maxParties` parties
    /// (`AgreementValidation.checkCharterParams`).
    function checkCharterParams(CharterParams calldata p, uint256 maxParties) external pure {
        AgreementValidation.checkCharterParams(p, maxParties);
    }
}
