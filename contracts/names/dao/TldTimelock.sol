// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title TldTimelock
/// @notice The timelock of one TLD's DAO, OpenZeppelin's TimelockController as is: it owns the TLD
/// and holds its treasury, and carries out what the DAO's governor scheduled once `minDelay` has
/// passed, so members who disagree with a policy or treasury change can leave before it applies.
contract TldTimelock is TimelockController {
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
