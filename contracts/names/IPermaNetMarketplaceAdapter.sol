// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPermaNetMarketplaceAdapter
/// @notice Links a name to a model of the marketplace, so that typing the name opens the model. A
/// link is made by an account that owns both, where the name's TLD allows links (its policy, which
/// its owner or DAO sets), either here or in the registration itself; the domain registry keeps
/// it, in the name's own record. It is dropped when either side changes hands: the registry drops
/// it on a transfer, and it resolves only while the model's creator is the name's owner.
interface IPermaNetMarketplaceAdapter {
    error NotNameOwner(bytes32 node, address caller);
    error NotModelCreator(uint256 modelId, address caller);
    error LinksNotAllowed(bytes32 tld);
    error NoLink(bytes32 node);

    function link(bytes32 node, uint256 modelId) external;
    function unlink(bytes32 node) external;

    /// @notice The model `node` opens; reverts NoLink when none is linked or the link was dropped.
    function modelOf(bytes32 node) external view returns (uint256 modelId);
    /// @notice Whether names under `tld` may open models (its policy's `modelLinks`).
    function linksAllowed(bytes32 tld) external view returns (bool);
}
