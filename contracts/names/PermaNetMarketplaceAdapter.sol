// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IModelMarketplace} from "../marketplace/IModelMarketplace.sol";
import {IPermaNetDomainRegistry} from "./IPermaNetDomainRegistry.sol";
import {IPermaNetMarketplaceAdapter} from "./IPermaNetMarketplaceAdapter.sol";
import {ITldRegistry} from "./ITldRegistry.sol";

/// @title PermaNetMarketplaceAdapter
/// @notice Names to models (see IPermaNetMarketplaceAdapter). It checks a link when it is made and
/// again whenever it is read; the registry keeps it and drops it on a transfer, so a model changing
/// hands needs nothing from either contract.
contract PermaNetMarketplaceAdapter is IPermaNetMarketplaceAdapter {
    IPermaNetDomainRegistry public immutable names;
    ITldRegistry public immutable tlds;
    IModelMarketplace public immutable marketplace;

    constructor(IPermaNetDomainRegistry names_, ITldRegistry tlds_, IModelMarketplace marketplace_) {
        names = names_;
        tlds = tlds_;
        marketplace = marketplace_;
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function link(bytes32 node, uint256 modelId) external {
        _onlyNameOwner(node);
        if (marketplace.creatorOf(modelId) != msg.sender) revert NotModelCreator(modelId, msg.sender);
        (bytes32 tld, ) = names.nameOf(node);
        if (!linksAllowed(tld)) revert LinksNotAllowed(tld);
        names.setModelLink(node, modelId + 1);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function unlink(bytes32 node) external {
        _onlyNameOwner(node);
        names.setModelLink(node, 0);
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function modelOf(bytes32 node) external view returns (uint256) {
        uint256 modelIdPlusOne = names.modelLinkOf(node);
        if (modelIdPlusOne == 0) revert NoLink(node);
        // An expired name has no owner: its link is gone with it.
        try IERC721(address(names)).ownerOf(uint256(node)) returns (address owner) {
            if (marketplace.creatorOf(modelIdPlusOne - 1) != owner) revert NoLink(node);
        } catch {
            revert NoLink(node);
        }
        return modelIdPlusOne - 1;
    }

    /// @inheritdoc IPermaNetMarketplaceAdapter
    function linksAllowed(bytes32 tld) public view returns (bool) {
        return tlds.tldOf(tld).policy.modelLinks;
    }

    function _onlyNameOwner(bytes32 node) private view {
        if (IERC721(address(names)).ownerOf(uint256(node)) != msg.sender) revert NotNameOwner(node, msg.sender);
    }
}
