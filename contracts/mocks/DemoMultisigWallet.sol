// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// @title DemoMultisigWallet
/// @notice Test-only 2-of-3 (in general `THRESHOLD`-of-3) corporate wallet for the demo: a member whose
/// legal officers act together. It signs agreements by EIP-1271 and executes calls (apply, approve,
/// contribute, vote, claim) when enough owners signed them. Not audited, no fallback, no modules:
/// a stand-in for a real multisig (e.g. Safe) in the demo and its test only.
/// @dev Owners sign with `personal_sign` (EIP-191), which every wallet and dev node offers:
///  - a call: `keccak256(abi.encode(wallet, chainId, nonce, target, value, keccak256(data)))`;
///  - an EIP-1271 check of `hash`: `keccak256(abi.encode(wallet, chainId, hash))`, so a signature made
///    for this wallet is never valid for another wallet with the same owners (S8).
/// Signatures are concatenated 65-byte blobs in strictly ascending signer address order (no owner twice).
contract DemoMultisigWallet is IERC1271 {
    /// @notice A signature blob is malformed, or fewer than `THRESHOLD` distinct owners signed.
    error DemoMultisigWalletBadSignatures();
    /// @notice The executed call reverted; `reason` is its revert data.
    error DemoMultisigWalletCallFailed(bytes reason);
    /// @notice Constructor input is invalid (`what` names it).
    error DemoMultisigWalletInvalidInput(string what);

    /// @notice A call was executed with the owners' signatures.
    event DemoMultisigWalletExecuted(
        uint256 indexed nonce,
        address indexed target,
        uint256 value,
        bytes data
    );

    address public immutable OWNER0;
    address public immutable OWNER1;
    address public immutable OWNER2;
    uint256 public immutable THRESHOLD;

    /// @notice Calls executed so far (replay protection).
    uint256 public nonce;

    constructor(address[3] memory owners, uint256 threshold) {
        if (threshold == 0 || threshold > 3) revert DemoMultisigWalletInvalidInput("threshold");
        for (uint256 i = 0; i < 3; ++i) {
            if (owners[i] == address(0)) revert DemoMultisigWalletInvalidInput("owner");
            for (uint256 j = 0; j < i; ++j)
                if (owners[i] == owners[j]) revert DemoMultisigWalletInvalidInput("duplicate owner");
        }
        OWNER0 = owners[0];
        OWNER1 = owners[1];
        OWNER2 = owners[2];
        THRESHOLD = threshold;
    }

    /// @notice Whether `account` is one of the three owners.
    function isOwner(address account) public view returns (bool) {
        return account == OWNER0 || account == OWNER1 || account == OWNER2;
    }

    /// @notice The digest the owners sign for the next call.
    function callDigest(address target, uint256 value, bytes calldata data) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), block.chainid, nonce, target, value, keccak256(data)));
    }

    /// @notice The digest the owners sign to make `hash` valid for this wallet under EIP-1271.
    function messageDigest(bytes32 hash) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), block.chainid, hash));
    }

    /// @notice Executes `target.call{value}(data)` when `signatures` hold `THRESHOLD` owners' signatures
    /// of `callDigest(target, value, data)`. Anyone may submit it.
    function execute(
        address target,
        uint256 value,
        bytes calldata data,
        bytes calldata signatures
    ) external payable returns (bytes memory result) {
        if (!_enoughOwners(callDigest(target, value, data), signatures))
            revert DemoMultisigWalletBadSignatures();
        uint256 n = nonce;
        nonce = n + 1;
        emit DemoMultisigWalletExecuted(n, target, value, data);
        bool ok;
        (ok, result) = target.call{value: value}(data);
        if (!ok) revert DemoMultisigWalletCallFailed(result);
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        return _enoughOwners(messageDigest(hash), signature) ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    /// @notice Accepts ETH (gas money for calls it pays for).
    receive() external payable {}

    function _enoughOwners(bytes32 digest, bytes calldata signatures) private view returns (bool) {
        if (signatures.length != THRESHOLD * 65) return false;
        bytes32 ethDigest = MessageHashUtils.toEthSignedMessageHash(digest);
        address last = address(0);
        for (uint256 i = 0; i < THRESHOLD; ++i) {
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(
                ethDigest,
                signatures[i * 65:(i + 1) * 65]
            );
            // Ascending order rules out counting one owner twice.
            if (err != ECDSA.RecoverError.NoError || signer <= last || !isOwner(signer)) return false;
            last = signer;
        }
        return true;
    }
}
