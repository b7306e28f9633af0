// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IModelMarketplace} from "../marketplace/IModelMarketplace.sol";
import {IPermaNetDomainRegistry} from "./IPermaNetDomainRegistry.sol";
import {IPermaNetMarketplaceAdapter} from "./IPermaNetMarketplaceAdapter.sol";
import {ITldRegistry} from "./ITldRegistry.sol";

/// @title PermaNetMarketplaceAdapter
/// @notice Names to models (see IPermaNetMarketplaceAdapter). A link is checked when it is made
/// and again whenever it is read, so no transfer of either side needs to reach this contract.
contract PermaNetMarketplaceAdapter is IPermaNetMarketplaceAdapter {
    IPermaNetDomainRegistry public immutable names;
    ITldRegistry public immutable tlds;
    IModelMarketplace public immutable marketplace;

    mapping(bytes32 node => Link) private _links;
    mapping(bytes32 tld => bool) private _disallowed;

    constructor(IPermaNetDomainRegistry names_, ITldRegistry tlds_, IModelMarketplace marketplace_) {
        names = names_;
        tlds = tlds_;
        marketplace = marketplace_;
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function link(bytes32 node, uint256 modelId) external {
        if (IERC721(address(names)).ownerOf(uint256(node)) != msg.sender) revert NotNameOwner(node, msg.sender);
        _link(node, msg.sender, modelId);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function linkFor(bytes32 node, address owner, uint256 modelId) external {
        // The registry calls once it has made `owner` the name's owner.
        if (msg.sender != address(names)) revert NotRegistry(msg.sender);
        _link(node, owner, modelId);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function unlink(bytes32 node) external {
        if (IERC721(address(names)).ownerOf(uint256(node)) != msg.sender) revert NotNameOwner(node, msg.sender);
        delete _links[node];
        emit ModelUnlinked(node);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    /// @dev Only the TLD's owner (for a DAO TLD, by a vote through its timelock).
    function setLinksAllowed(bytes32 tld, bool allowed) external {
        if (tlds.tldOf(tld).owner != msg.sender) revert ITldRegistry.NotTldOwner(tld, msg.sender);
        _disallowed[tld] = !allowed;
        emit LinksAllowed(tld, allowed);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function modelOf(bytes32 node) external view returns (uint256) {
        Link memory l = _links[node];
        if (l.owner == address(0)) revert NoLink(node);
        (, uint32 transfers) = names.nameOf(node);
        if (transfers != l.transfers) revert NoLink(node);
        // An expired name has no owner: its link is gone with it.
        try IERC721(address(names)).ownerOf(uint256(node)) returns (address owner) {
            if (owner != l.owner) revert NoLink(node);
        } catch {
            revert NoLink(node);
        }
        if (marketplace.creatorOf(l.modelId) != l.owner) revert NoLink(node);
        return l.modelId;
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function linksAllowed(bytes32 tld) external view returns (bool) {
        return !_disallowed[tld];
    }

    /// @dev A link is one slot: model ids are counted from 0, far below 2^64.
    function _link(bytes32 node, address owner, uint256 modelId) private {
        if (marketplace.creatorOf(modelId) != owner) revert NotModelCreator(modelId, owner);
        (bytes32 tld, uint32 transfers) = names.nameOf(node);
        if (_disallowed[tld]) revert LinksNotAllowed(tld);
        _links[node] = Link({modelId: uint64(modelId), owner: owner, transfers: transfers});
        emit ModelLinked(node, modelId, owner);
    }
}
