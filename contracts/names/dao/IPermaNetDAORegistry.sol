// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPermaNetDAORegistry
/// @notice Which DAO governs which TLD: its governor (TldGovernor), the timelock that owns the TLD
/// and holds its treasury, and its staked votes (TldVotes over JOY). A DAO is recorded only when
/// it is wired so that its stakers alone decide: the TLD's owner and treasury are the timelock, the
/// governor counts the DAO's votes and alone proposes to the timelock, and the timelock answers
/// to no admin but itself.
interface IPermaNetDAORegistry {
    struct Dao {
        address governor;
        address timelock;
        address votes;
    }

    event DaoRegistered(bytes32 indexed tld, address indexed governor, address timelock, address votes);

    error DaoExists(bytes32 tld);
    error UnknownDao(bytes32 tld);
    error NotWired(bytes32 tld, string reason);

    function registerDao(bytes32 tld, Dao calldata dao) external;
    function daoOf(bytes32 tld) external view returns (Dao memory);
}
