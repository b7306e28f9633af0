// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {ERC20Wrapper} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Wrapper.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title TldVotes
/// @notice A TLD DAO's membership: JOY staked into the DAO, one vote per JOY, counted from
/// checkpoints (ERC20Votes), so JOY moved after a proposal's snapshot does not vote twice. Its clock
/// is the block's timestamp (ERC-6372), so votes last seconds on any chain, however often it mines. A stake
/// cannot be transferred, only withdrawn as JOY; a member's first stake delegates to itself, so
/// joining is one transaction after the approval (or one ERC-2612 permit). Every account that can
/// hold votes (a member, or one a member delegates to) is numbered from 1, which lets its governor
/// keep who voted as one bit per member.
contract TldVotes is ERC20, ERC20Permit, ERC20Votes, ERC20Wrapper {
    /// @notice Stakes move only in and out of the DAO.
    error StakeNotTransferable();

    /// @notice Members so far; member numbers run from 1 to this.
    uint32 public memberCount;
    mapping(address account => uint32) private _memberNumbers;

    event MemberJoined(address indexed account, uint32 number);

    constructor(
        IERC20 joy,
        string memory name_,
        string memory symbol_
    ) ERC20(name_, symbol_) ERC20Permit(name_) ERC20Wrapper(joy) {}

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function decimals() public view override(ERC20, ERC20Wrapper) returns (uint8) {
        return super.decimals();
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @notice The account's number (from 1), given when it first could hold votes; 0 for one that never could.
    function memberNumberOf(address account) external view returns (uint256) {
        return _memberNumbers[account];
    }

    /// @dev Mints on a stake and burns on a withdrawal; refuses every other movement.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from != address(0) && to != address(0)) revert StakeNotTransferable();
        super._update(from, to, value);
        if (from == address(0) && delegates(to) == address(0)) _delegate(to, to);
    }

    /// @dev Whoever can hold votes is numbered: a member on its first stake, and any account a member
    /// delegates to.
    function _delegate(address account, address delegatee) internal override {
        if (delegatee != address(0) && _memberNumbers[delegatee] == 0) {
            uint32 number = ++memberCount;
            _memberNumbers[delegatee] = number;
            emit MemberJoined(delegatee, number);
        }
        super._delegate(account, delegatee);
    }
}
