// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title LabelRules
/// @notice What a label (one dot-free part of a name) may be on-chain: DNS's letters, digits and
/// hyphens (RFC 1035, lower case), 1 to 63 bytes, no hyphen first or last. The app normalises a
/// name with ENSIP-15 first and writes a non-ASCII label in its IDNA form ("xn--…"), so every name
/// the registry holds is a name DNS can carry, and confusable Unicode never reaches the chain.
library LabelRules {
    /// @notice The longest label DNS carries.
    uint256 internal constant MAX_LABEL_BYTES = 63;

    /// @notice Whether `label` is a lower-case LDH label of 1 to 63 bytes.
    function isValid(string memory label) internal pure returns (bool) {
        bytes memory b = bytes(label);
        if (b.length == 0 || b.length > MAX_LABEL_BYTES) return false;
        if (b[0] == "-" || b[b.length - 1] == "-") return false;
        for (uint256 i = 0; i < b.length; i++) {
            bytes1 c = b[i];
            bool ok = (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-";
            if (!ok) return false;
        }
        return true;
    }

    /// @notice ENS's namehash step: the node of the label hashed `labelhash` under `parent` (EIP-137).
    function child(bytes32 parent, bytes32 labelhash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(parent, labelhash));
    }
}
