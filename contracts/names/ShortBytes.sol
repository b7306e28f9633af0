// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ShortBytes
/// @notice Bytes in storage that take two slots up to 63 bytes (Solidity's `bytes` takes three
/// from 32): the first slot holds the length and 31 bytes, the second the next 32. An IPFS content
/// hash (EIP-1577, 38 bytes) fits. Longer values keep Solidity's layout.
library ShortBytes {
    /// @dev A length byte of 0xff: the value is in `long`.
    uint256 private constant LONG = 0xff;

    struct Stored {
        bytes32 head;
        bytes32 tail;
        bytes long;
    }

    function set(Stored storage stored, bytes memory value) internal {
        uint256 n = value.length;
        if (n > 63) {
            stored.head = bytes32(LONG << 248);
            stored.long = value;
            return;
        }
        bytes32 first;
        bytes32 rest;
        assembly {
            first := mload(add(value, 32))
            rest := mload(add(value, 63))
        }
        // Bytes past the value are whatever memory held: cleared.
        if (n < 32) first &= ~bytes32(type(uint256).max >> (8 * n));
        stored.head = bytes32(n << 248) | (first >> 8);
        if (n > 31) stored.tail = rest & ~bytes32(type(uint256).max >> (8 * (n - 31)));
    }

    function get(Stored storage stored) internal view returns (bytes memory value) {
        bytes32 head = stored.head;
        uint256 n = uint256(head) >> 248;
        if (n == LONG) return stored.long;
        value = new bytes(n);
        bytes32 first = head << 8;
        assembly {
            mstore(add(value, 32), first)
        }
        if (n > 31) {
            bytes32 rest = stored.tail;
            assembly {
                mstore(add(value, 63), rest)
            }
        }
    }
}
