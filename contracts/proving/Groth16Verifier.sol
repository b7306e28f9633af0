// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVerifierFactory} from "./IVerifierFactory.sol";

/// @title Groth16Verifier
/// @notice Checks BN254 Groth16 proofs against one verification key, fixed when VerifierFactory
/// deploys it. It answers the call snarkjs's generated verifiers answer,
/// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[n] signals)` (see
/// Groth16Call), with one bool, for the n its key has; any other call data answers false.
/// @dev e(-A, B) · e(alpha, beta) · e(vk_x, gamma) · e(C, delta) = 1, with
/// vk_x = ic[0] + Σ signals[i] · ic[i + 1], on the EIP-196/197 precompiles, as snarkjs's template does.
contract Groth16Verifier {
    /// @dev The scalar field: every signal must be below it.
    uint256 private constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @dev The base field, for negating A.
    uint256 private constant Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583;
    uint256 private constant PROOF_WORDS = 8;

    uint256 private immutable _alphaX;
    uint256 private immutable _alphaY;
    uint256 private immutable _betaX1;
    uint256 private immutable _betaX0;
    uint256 private immutable _betaY1;
    uint256 private immutable _betaY0;
    uint256 private immutable _gammaX1;
    uint256 private immutable _gammaX0;
    uint256 private immutable _gammaY1;
    uint256 private immutable _gammaY0;
    uint256 private immutable _deltaX1;
    uint256 private immutable _deltaX0;
    uint256 private immutable _deltaY1;
    uint256 private immutable _deltaY0;
    uint256[2][] private _ic;

    constructor(IVerifierFactory.VerifyingKey memory key) {
        (_alphaX, _alphaY) = (key.alpha[0], key.alpha[1]);
        (_betaX1, _betaX0, _betaY1, _betaY0) = (key.beta[0], key.beta[1], key.beta[2], key.beta[3]);
        (_gammaX1, _gammaX0, _gammaY1, _gammaY0) = (key.gamma[0], key.gamma[1], key.gamma[2], key.gamma[3]);
        (_deltaX1, _deltaX0, _deltaY1, _deltaY0) = (key.delta[0], key.delta[1], key.delta[2], key.delta[3]);
        for (uint256 i = 0; i < key.ic.length; i++) _ic.push(key.ic[i]);
    }

    /// @notice The number of public signals a proof carries.
    function publicSignals() external view returns (uint256) {
        return _ic.length - 1;
    }

    // solhint-disable-next-line no-complex-fallback
    fallback(bytes calldata data) external returns (bytes memory) {
        return abi.encode(_verify(data));
    }

    function _verify(bytes calldata data) private view returns (bool) {
        uint256 n = _ic.length - 1;
        if (data.length != 4 + 32 * (PROOF_WORDS + n)) return false;
        uint256[2] memory vkX = _ic[0];
        for (uint256 i = 0; i < n; i++) {
            uint256 signal = _word(data, PROOF_WORDS + i);
            if (signal >= R) return false;
            (bool ok, uint256[2] memory term) = _ecMul(_ic[i + 1], signal);
            if (!ok) return false;
            (ok, vkX) = _ecAdd(vkX, term);
            if (!ok) return false;
        }
        uint256[24] memory pairs = [
            _word(data, 0),
            (Q - (_word(data, 1) % Q)) % Q,
            _word(data, 2),
            _word(data, 3),
            _word(data, 4),
            _word(data, 5),
            _alphaX,
            _alphaY,
            _betaX1,
            _betaX0,
            _betaY1,
            _betaY0,
            vkX[0],
            vkX[1],
            _gammaX1,
            _gammaX0,
            _gammaY1,
            _gammaY0,
            _word(data, 6),
            _word(data, 7),
            _deltaX1,
            _deltaX0,
            _deltaY1,
            _deltaY0
        ];
        (bool success, bytes memory answer) = address(8).staticcall(abi.encodePacked(pairs));
        return success && answer.length == 32 && abi.decode(answer, (uint256)) == 1;
    }

    /// @dev The i-th 32-byte word after the selector.
    function _word(bytes calldata data, uint256 i) private pure returns (uint256) {
        return uint256(bytes32(data[4 + 32 * i:36 + 32 * i]));
    }

    function _ecMul(uint256[2] memory point, uint256 scalar) private view returns (bool, uint256[2] memory out) {
        (bool ok, bytes memory answer) = address(7).staticcall(abi.encode(point[0], point[1], scalar));
        if (!ok || answer.length != 64) return (false, out);
        out = abi.decode(answer, (uint256[2]));
        return (true, out);
    }

    function _ecAdd(uint256[2] memory a, uint256[2] memory b) private view returns (bool, uint256[2] memory out) {
        (bool ok, bytes memory answer) = address(6).staticcall(abi.encode(a[0], a[1], b[0], b[1]));
        if (!ok || answer.length != 64) return (false, out);
        out = abi.decode(answer, (uint256[2]));
        return (true, out);
    }
}
