// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ITldRegistry
/// @notice PermaNet's top-level domains. Each TLD belongs to an account or to a DAO (its governor's
/// timelock), which sets its policy: yearly prices by label length in JOY, reserved labels, whether
/// registrations wait for its approval, the durations it sells and the grace period after expiry.
/// The platform's share of each fee is governance's to set, not the owner's. Creating a TLD is
/// itself governed (TLD_CREATOR_ROLE).
interface ITldRegistry {
    /// @param yearlyPrice JOY a year for labels of 1, 2, 3, 4, and 5 or more bytes.
    /// @param minYears Shortest registration or renewal sold, in years (at least 1).
    /// @param maxYears Longest, in years; a name is never held more than this far ahead.
    /// @param gracePeriod Seconds after expiry in which only the holder may renew.
    /// @param needsApproval Whether each registration waits for the owner's approval (a DAO vote).
    /// @param modelLinks Whether names under it may open models (links through the marketplace adapter).
    struct Policy {
        uint256[5] yearlyPrice;
        uint32 minYears;
        uint32 maxYears;
        uint64 gracePeriod;
        bool needsApproval;
        bool modelLinks;
    }

    /// @param owner Who sets the policy and approves registrations: an account or a DAO's timelock.
    /// @param platformBps The platform's share of each fee, in basis points.
    /// @param id The TLD's number, from 1 in order of creation: names record it in place of the node.
    /// @param treasury Where the owner's share of fees goes.
    struct Tld {
        address owner;
        uint16 platformBps;
        uint32 id;
        address treasury;
        Policy policy;
        string label;
    }

    /// @notice What registering or renewing a label costs under a TLD, with the policy that applies.
    /// @param reserved Whether the TLD keeps the label from registration.
    struct Quote {
        uint32 id;
        uint32 minYears;
        uint32 maxYears;
        uint64 gracePeriod;
        bool needsApproval;
        bool modelLinks;
        bool reserved;
        uint256 fee;
        uint256 platformPart;
    }

    event TldCreated(bytes32 indexed node, string label, address indexed owner, address treasury, uint16 platformBps);
    event PolicyChanged(bytes32 indexed node, Policy policy);
    event TreasuryChanged(bytes32 indexed node, address treasury);
    event TldTransferred(bytes32 indexed node, address indexed from, address indexed to);
    event PlatformShareChanged(bytes32 indexed node, uint16 platformBps);
    event PlatformTreasuryChanged(address treasury);
    event LabelReserved(bytes32 indexed node, bytes32 indexed labelhash, bool reserved);

    error InvalidLabel(string label);
    error TldExists(string label);
    error UnknownTld(bytes32 node);
    error NotTldOwner(bytes32 node, address caller);
    error InvalidPolicy(string reason);
    error ZeroAddress();
    error ShareTooHigh(uint16 platformBps, uint16 max);

    function createTld(
        string calldata label,
        address owner,
        address treasury,
        uint16 platformBps,
        Policy calldata policy
    ) external returns (bytes32 node);
    function setPolicy(bytes32 node, Policy calldata policy) external;
    function setTreasury(bytes32 node, address treasury) external;
    function transferTld(bytes32 node, address to) external;
    function setReserved(bytes32 node, bytes32[] calldata labelhashes, bool reserved) external;
    function setPlatformShare(bytes32 node, uint16 platformBps) external;
    function setPlatformTreasury(address treasury) external;

    function tldOf(bytes32 node) external view returns (Tld memory);
    function nodeOf(uint32 id) external view returns (bytes32);
    /// @notice The quote for a label (by hash and length) under `node`, for `yearCount` years.
    function quote(
        bytes32 node,
        bytes32 labelhash,
        uint256 labelBytes,
        uint256 yearCount
    ) external view returns (Quote memory);
    /// @notice The same by the TLD's id (a renewal: the label is registered, so not reserved).
    function quoteById(uint32 id, uint256 labelBytes, uint256 yearCount) external view returns (Quote memory);
    function exists(bytes32 node) external view returns (bool);
    function isReserved(bytes32 node, bytes32 labelhash) external view returns (bool);
    function platformTreasury() external view returns (address);
    /// @notice The fee for a label of `labelBytes` bytes under `node` for `yearCount` years, and the
    /// platform's part of it.
    function priceOf(
        bytes32 node,
        uint256 labelBytes,
        uint256 yearCount
    ) external view returns (uint256 total, uint256 platformPart);
}
