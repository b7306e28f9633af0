// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IVerifierFactory
/// @notice Makes Groth16 verifiers from verification keys and vouches for them: a verifier it made
/// checks proofs against exactly the key recorded for it, so the chain can tell a real verifier
/// from any other contract (an always-true one, a proxy).
interface IVerifierFactory {
    /// @notice A BN254 Groth16 verification key, as snarkjs's verifier orders it: G2 points as
    /// (x1, x0, y1, y0), `ic[0]` then one point per public signal.
    struct VerifyingKey {
        uint256[2] alpha;
        uint256[4] beta;
        uint256[4] gamma;
        uint256[4] delta;
        uint256[2][] ic;
    }

    event VerifierCreated(address indexed verifier, bytes32 indexed keyHash, uint256 publicSignals);

    error NoPublicSignals();
    error TooManyPublicSignals(uint256 count, uint256 max);

    /// @notice Deploys a verifier for `key`; returns it.
    function create(VerifyingKey calldata key) external returns (address verifier);

    /// @notice keccak256(abi.encode(key)) of the key a verifier was made from; zero for any other address.
    function keyHashOf(address verifier) external view returns (bytes32);
}
