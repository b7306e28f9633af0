// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title StockVotes
/// @notice The benchmark's reference voting token: OpenZeppelin's ERC20Votes as its wizard writes
/// it (block-number clock, delegation by hand), its whole supply minted to the deployer. Deployed
/// only by `npm run bench`, beside TldVotes.
contract StockVotes is ERC20, ERC20Permit, ERC20Votes {
    constructor(uint256 supply) ERC20("Stock", "STK") ERC20Permit("Stock") {
        _mint(msg.sender, supply);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
