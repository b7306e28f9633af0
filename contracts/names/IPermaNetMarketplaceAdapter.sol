// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPermaNetMarketplaceAdapter
/// @notice Links a name to a model of the marketplace, so that typing the name opens the model. A
/// link is made by an account that owns both (directly, or through the domain registry as part of
/// a registration), where the name's TLD allows links (its owner, a DAO's timelock, decides), and
/// it is dropped when either side changes hands: it resolves only while the name has not moved
/// since and the model's creator is still its maker.
interface IPermaNetMarketplaceAdapter {
    /// @param transfers The name's transfer count when linked: any later transfer drops the link.
    struct Link {
        uint64 modelId;
        address owner;
        uint32 transfers;
    }

    event ModelLinked(bytes32 indexed node, uint256 indexed modelId, address indexed owner);
    event ModelUnlinked(bytes32 indexed node);
    event LinksAllowed(bytes32 indexed tld, bool allowed);

    error NotNameOwner(bytes32 node, address caller);
    error NotModelCreator(uint256 modelId, address caller);
    error LinksNotAllowed(bytes32 tld);
    error NotRegistry(address caller);
    error NoLink(bytes32 node);

    function link(bytes32 node, uint256 modelId) external;
    /// @notice The domain registry links for the owner it just registered a name to.
    function linkFor(bytes32 node, address owner, uint256 modelId) external;
    function unlink(bytes32 node) external;
    function setLinksAllowed(bytes32 tld, bool allowed) external;

    /// @notice The model `node` opens; reverts NoLink when none is linked or the link was dropped.
    function modelOf(bytes32 node) external view returns (uint256 modelId);
    function linksAllowed(bytes32 tld) external view returns (bool);
}
