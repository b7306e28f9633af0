// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ITldRegistry} from "../ITldRegistry.sol";
import {IPermaNetDAORegistry} from "./IPermaNetDAORegistry.sol";
import {TldGovernor} from "./TldGovernor.sol";
import {TldVotes} from "./TldVotes.sol";

/// @title PermaNetDAORegistry
/// @notice The DAOs of PermaNet's TLDs (see IPermaNetDAORegistry). DAO_CREATOR_ROLE records a DAO
/// deployed for a TLD, after checking its wiring.
contract PermaNetDAORegistry is IPermaNetDAORegistry, AccessControl {
    /// @notice May record a TLD's DAO.
    bytes32 public constant DAO_CREATOR_ROLE = keccak256("DAO_CREATOR_ROLE");

    ITldRegistry public immutable tlds;
    address public immutable joy;
    mapping(bytes32 tld => Dao) private _daos;

    constructor(ITldRegistry tlds_, address joy_, address admin) {
        tlds = tlds_;
        joy = joy_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(DAO_CREATOR_ROLE, admin);
    }

    /// @inheritdoc IPermaNetDAORegistry
    function registerDao(bytes32 tld, Dao calldata dao) external onlyRole(DAO_CREATOR_ROLE) {
        if (_daos[tld].governor != address(0)) revert DaoExists(tld);
        ITldRegistry.Tld memory t = tlds.tldOf(tld);
        if (t.owner != dao.timelock || t.treasury != dao.timelock)
            revert NotWired(tld, "the TLD's owner and treasury are not the timelock");
        TldGovernor governor = TldGovernor(payable(dao.governor));
        if (address(governor.token()) != dao.votes) revert NotWired(tld, "the governor counts other votes");
        if (governor.timelock() != dao.timelock) revert NotWired(tld, "the governor uses another timelock");
        if (address(TldVotes(dao.votes).underlying()) != joy) revert NotWired(tld, "the votes are not staked JOY");
        TimelockController timelock = TimelockController(payable(dao.timelock));
        if (!timelock.hasRole(timelock.PROPOSER_ROLE(), dao.governor))
            revert NotWired(tld, "the governor cannot propose to the timelock");
        if (timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), msg.sender))
            revert NotWired(tld, "the timelock still has an admin besides itself");
        _daos[tld] = dao;
        emit DaoRegistered(tld, dao.governor, dao.timelock, dao.votes);
    }

    /// @inheritdoc IPermaNetDAORegistry
    function daoOf(bytes32 tld) external view returns (Dao memory) {
        if (_daos[tld].governor == address(0)) revert UnknownDao(tld);
        return _daos[tld];
    }
}
