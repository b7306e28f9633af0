// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IJoyStaking
/// @notice What a stake manager (a contract holding JoyToken's STAKE_MANAGER_ROLE) may do with an
/// account's staked JOY: hold it as collateral, release it, and take it for a fault.
interface IJoyStaking {
    function lockStake(address account, uint256 amount) external;
    function unlockStake(address account, uint256 amount) external;
    function slash(address account, uint256 amount, address recipient) external;
}
