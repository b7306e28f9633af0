// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IJoyStaking
/// @notice What a stake manager (a contract holding JoyToken's STAKE_MANAGER_ROLE) may do with an
/// account's staked JOY: hold it as collateral, release it, and take it for a fault.
/// Each manager unlocks and slashes only what it locked itself.
interface IJoyStaking {
    /// @notice Holds `amount` of `account`'s unlocked stake as the caller's collateral.
    function lockStake(address account, uint256 amount) external;

    /// @notice Releases `amount` of what the caller holds of `account`'s stake.
    function unlockStake(address account, uint256 amount) external;

    /// @notice Takes `amount` of what the caller holds of `account`'s stake, to `recipient` (zero: burned).
    function slash(address account, uint256 amount, address recipient) external;

    /// @notice How much of `account`'s stake `manager` holds.
    function lockedBy(address account, address manager) external view returns (uint256);
}
