// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title GuardianPausable
/// @notice A circuit breaker: accounts with GUARDIAN_ROLE pause and unpause the contract; what a
/// pause stops is what the contract marks `whenNotPaused`.
abstract contract GuardianPausable is AccessControl, Pausable {
    /// @notice May pause and unpause.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Stops every `whenNotPaused` function until unpaused.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Lets `whenNotPaused` functions run again.
    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }
}
