// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC1363} from "@openzeppelin/contracts/token/ERC20/extensions/ERC1363.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title JoyToken
/// @notice PermaNet's token: a fixed-supply ERC-20 with permit (EIP-2612), votes (delegation
/// and checkpoints), payments that call their recipient (ERC-1363: a name registered and paid for
/// in one transaction), and staking. Staked tokens never leave their owner's balance: they are
/// bonded there, so they keep counting as votes, and cannot be transferred. Leaving takes a
/// request and a cooldown. Contracts holding STAKE_MANAGER_ROLE (the compute network, the DAOs)
/// can lock part of a stake as collateral, unlock it, and slash it.
/// @dev Invariant: for every account, balanceOf(account) >= staked + unbonding. Transfers and
/// stakes check it; a slash keeps it, since it lowers the stake by what it takes.
contract JoyToken is ERC20, ERC20Permit, ERC20Votes, ERC1363, AccessControl {
    /// @notice May lock, unlock and slash stakes.
    bytes32 public constant STAKE_MANAGER_ROLE = keccak256("STAKE_MANAGER_ROLE");
    /// @notice The longest cooldown an admin may set.
    uint64 public constant MAX_COOLDOWN = 90 days;

    /// @notice One account's stake.
    /// @param staked Bonded tokens, locked ones included.
    /// @param locked The part of `staked` that a stake manager holds as collateral.
    /// @param unbonding Tokens asked out of the stake, waiting for the cooldown; still bonded.
    /// @param unbondingReadyAt When `unbonding` can be withdrawn.
    struct Stake {
        uint256 staked;
        uint256 locked;
        uint256 unbonding;
        uint64 unbondingReadyAt;
    }

    mapping(address account => Stake) private _stakes;
    /// @dev What each manager holds of each account's stake: a manager unlocks and slashes only that.
    mapping(address account => mapping(address manager => uint256)) private _lockedBy;

    /// @notice Seconds between an unstake request and its withdrawal.
    uint64 public cooldown;

    event Staked(address indexed account, uint256 amount);
    event UnstakeRequested(address indexed account, uint256 amount, uint64 readyAt);
    event Withdrawn(address indexed account, uint256 amount);
    event StakeLocked(address indexed account, address indexed manager, uint256 amount);
    event StakeUnlocked(address indexed account, address indexed manager, uint256 amount);
    /// @notice `recipient` is the zero address when the slashed tokens were burned.
    event Slashed(address indexed account, address indexed manager, uint256 amount, address recipient);
    event CooldownChanged(uint64 previous, uint64 current);

    error ZeroAmount();
    /// @notice The tokens are bonded: only `available` of the balance may move.
    error InsufficientFreeBalance(address account, uint256 available, uint256 needed);
    error InsufficientUnlockedStake(address account, uint256 available, uint256 needed);
    error InsufficientLockedStake(address account, uint256 available, uint256 needed);
    error NothingUnbonding(address account);
    error CooldownNotElapsed(uint64 readyAt);
    error CooldownTooLong(uint64 requested, uint64 max);

    /// @param holder Receives the whole supply.
    /// @param supply The fixed supply, in wei units (18 decimals).
    /// @param cooldown_ The initial unstaking cooldown in seconds.
    /// @param admin Holds DEFAULT_ADMIN_ROLE: grants STAKE_MANAGER_ROLE and sets the cooldown.
    constructor(
        address holder,
        uint256 supply,
        uint64 cooldown_,
        address admin
    ) ERC20("PermaNet Joy", "JOY") ERC20Permit("PermaNet Joy") {
        if (cooldown_ > MAX_COOLDOWN) revert CooldownTooLong(cooldown_, MAX_COOLDOWN);
        cooldown = cooldown_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _mint(holder, supply);
    }

    // ---- staking -------------------------------------------------------------------------

    /// @notice Bonds `amount` of the caller's free balance.
    function stake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 free = freeBalanceOf(msg.sender);
        if (free < amount) revert InsufficientFreeBalance(msg.sender, free, amount);
        _stakes[msg.sender].staked += amount;
        emit Staked(msg.sender, amount);
    }

    /// @notice Starts the cooldown for `amount` of the caller's unlocked stake. A new request
    /// restarts the cooldown for everything still unbonding.
    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender];
        uint256 unlocked = s.staked - s.locked;
        if (unlocked < amount) revert InsufficientUnlockedStake(msg.sender, unlocked, amount);
        uint64 readyAt = uint64(block.timestamp) + cooldown;
        s.staked -= amount;
        s.unbonding += amount;
        s.unbondingReadyAt = readyAt;
        emit UnstakeRequested(msg.sender, amount, readyAt);
    }

    /// @notice Frees everything whose cooldown has passed.
    function withdraw() external {
        Stake storage s = _stakes[msg.sender];
        uint256 amount = s.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < s.unbondingReadyAt) revert CooldownNotElapsed(s.unbondingReadyAt);
        s.unbonding = 0;
        s.unbondingReadyAt = 0;
        emit Withdrawn(msg.sender, amount);
    }

    // ---- stake managers ------------------------------------------------------------------

    /// @notice Holds `amount` of `account`'s unlocked stake as collateral.
    function lockStake(address account, uint256 amount) external onlyRole(STAKE_MANAGER_ROLE) {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[account];
        uint256 unlocked = s.staked - s.locked;
        if (unlocked < amount) revert InsufficientUnlockedStake(account, unlocked, amount);
        s.locked += amount;
        _lockedBy[account][msg.sender] += amount;
        emit StakeLocked(account, msg.sender, amount);
    }

    /// @notice Releases `amount` of what the calling manager holds of `account`'s stake.
    function unlockStake(address account, uint256 amount) external onlyRole(STAKE_MANAGER_ROLE) {
        if (amount == 0) revert ZeroAmount();
        _release(account, amount);
        emit StakeUnlocked(account, msg.sender, amount);
    }

    /// @notice Takes `amount` of what the calling manager holds of `account`'s stake and sends it to
    /// `recipient`, or burns it when `recipient` is the zero address.
    function slash(address account, uint256 amount, address recipient) external onlyRole(STAKE_MANAGER_ROLE) {
        if (amount == 0) revert ZeroAmount();
        _release(account, amount);
        _stakes[account].staked -= amount;
        emit Slashed(account, msg.sender, amount, recipient);
        _update(account, recipient, amount);
    }

    /// @notice How much of `account`'s stake `manager` holds.
    function lockedBy(address account, address manager) external view returns (uint256) {
        return _lockedBy[account][manager];
    }

    /// @dev Lowers what the caller holds of `account`'s stake, and the account's total locked.
    function _release(address account, uint256 amount) private {
        uint256 held = _lockedBy[account][msg.sender];
        if (held < amount) revert InsufficientLockedStake(account, held, amount);
        _lockedBy[account][msg.sender] = held - amount;
        _stakes[account].locked -= amount;
    }

    // ---- admin ---------------------------------------------------------------------------

    function setCooldown(uint64 cooldown_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (cooldown_ > MAX_COOLDOWN) revert CooldownTooLong(cooldown_, MAX_COOLDOWN);
        emit CooldownChanged(cooldown, cooldown_);
        cooldown = cooldown_;
    }

    // ---- views ---------------------------------------------------------------------------

    function stakeOf(address account) external view returns (Stake memory) {
        return _stakes[account];
    }

    /// @notice The part of the balance that may be transferred or staked.
    function freeBalanceOf(address account) public view returns (uint256) {
        Stake storage s = _stakes[account];
        return balanceOf(account) - s.staked - s.unbonding;
    }

    // ---- overrides -----------------------------------------------------------------------

    /// @dev Bonded tokens do not move, except by a slash (which has lowered the stake first).
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from != address(0)) {
            uint256 free = freeBalanceOf(from);
            if (free < value) revert InsufficientFreeBalance(from, free, value);
        }
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC1363, AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
