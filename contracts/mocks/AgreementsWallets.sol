// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title AgreementsEcdsaWallet
/// @notice Test-only EIP-1271 wallet: valid when its owner's ECDSA key signed the hash (S7, S8).
contract AgreementsEcdsaWallet is IERC1271 {
    address public immutable OWNER;

    constructor(address owner) {
        OWNER = owner;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return
            err == ECDSA.RecoverError.NoError && recovered == OWNER
                ? IERC1271.isValidSignature.selector
                : bytes4(0);
    }
}

/// @title AgreementsWrongValueWallet
/// @notice Test-only EIP-1271 wallet that answers a value other than the magic one (S7).
contract AgreementsWrongValueWallet {
    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        return 0xdeadbeef;
    }
}

/// @title AgreementsRevertingWallet
/// @notice Test-only EIP-1271 wallet that reverts (S7).
contract AgreementsRevertingWallet {
    error AgreementsRevertingWalletNo();

    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        revert AgreementsRevertingWalletNo();
    }
}

/// @title AgreementsShortDataWallet
/// @notice Test-only EIP-1271 wallet that answers 3 bytes, the start of the magic value (S7).
contract AgreementsShortDataWallet {
    fallback(bytes calldata) external returns (bytes memory) {
        return hex"1626ba";
    }
}

/// @title AgreementsGasBurnerWallet
/// @notice Test-only EIP-1271 wallet that burns all the gas it is given (S7).
contract AgreementsGasBurnerWallet {
    function isValidSignature(bytes32, bytes calldata) external view returns (bytes4) {
        uint256 spins;
        while (gasleft() > 0) ++spins;
        return bytes4(uint32(spins)); // Never reached: the loop runs out of gas.
    }
}
