// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Groth16Verifier} from "./Groth16Verifier.sol";
import {IVerifierFactory} from "./IVerifierFactory.sol";

/// @title VerifierFactory
/// @notice Anyone may make a Groth16 verifier from a verification key; the factory records the
/// key's hash for the verifier it deployed, so ModelMarketplace accepts as a model version's
/// verifier only one of these, and a relay proves only when its proving key carries that key.
contract VerifierFactory is IVerifierFactory {
    /// @notice The most public signals a key may have (bounds what one verification costs).
    uint256 public constant MAX_PUBLIC_SIGNALS = 64;

    mapping(address verifier => bytes32) private _keyHashes;

    /// @inheritdoc IVerifierFactory
    function create(VerifyingKey calldata key) external returns (address verifier) {
        if (key.ic.length < 2) revert NoPublicSignals();
        if (key.ic.length - 1 > MAX_PUBLIC_SIGNALS) revert TooManyPublicSignals(key.ic.length - 1, MAX_PUBLIC_SIGNALS);
        verifier = address(new Groth16Verifier(key));
        bytes32 keyHash = keccak256(abi.encode(key));
        _keyHashes[verifier] = keyHash;
        emit VerifierCreated(verifier, keyHash, key.ic.length - 1);
    }

    /// @inheritdoc IVerifierFactory
    function keyHashOf(address verifier) external view returns (bytes32) {
        return _keyHashes[verifier];
    }
}
