// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title Groth16Call
/// @notice Calls a verifier snarkjs generated, whatever its number of public signals. Such a
/// verifier takes a fixed-size array, `verifyProof(uint256[2], uint256[2][2], uint256[2], uint256[n])`,
/// so its selector depends on n; fixed-size arrays are encoded in place, so the call data is the
/// selector, then the proof's eight words, then the n signals.
library Groth16Call {
    /// @param proof a, b, c as the verifier takes them: a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y.
    /// @return Whether `verifier` accepts the proof; false when it reverts or answers anything but one word.
    function verify(
        address verifier,
        uint256[8] calldata proof,
        uint256[] calldata publicSignals
    ) internal view returns (bool) {
        bytes4 selector = bytes4(
            keccak256(
                abi.encodePacked(
                    "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[",
                    Strings.toString(publicSignals.length),
                    "])"
                )
            )
        );
        (bool ok, bytes memory answer) = verifier.staticcall(abi.encodePacked(selector, proof, publicSignals));
        return ok && answer.length == 32 && abi.decode(answer, (bool));
    }
}
