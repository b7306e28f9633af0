// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/// @title GovernorCountingMembers
/// @notice GovernorCountingSimple's counting (against, for, abstain; quorum counts for and abstain),
/// with who voted kept as one bit per member in words of 256, where GovernorCountingSimple keeps a
/// fresh storage slot per voter and proposal. The votes token numbers every account that can hold
/// votes (`_memberNumber`); one never numbered has never had votes, and its vote is refused.
abstract contract GovernorCountingMembers is Governor {
    struct Tally {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
        /// @dev Bit `n % 256` of word `n / 256` is set once member `n` voted.
        mapping(uint256 word => uint256 bits) voted;
    }

    mapping(uint256 proposalId => Tally) private _tallies;

    /// @notice `account` never held votes in this DAO: it has none to cast.
    error GovernorNotMember(address account);

    /// @dev The member's number, from 1; 0 for an account that never staked.
    function _memberNumber(address account) internal view virtual returns (uint256);

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain";
    }

    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        uint256 n = _memberNumber(account);
        return n != 0 && _tallies[proposalId].voted[n >> 8] & (1 << (n & 0xff)) != 0;
    }

    /// @notice The votes against, for and abstaining, as GovernorCountingSimple's `proposalVotes`.
    function proposalVotes(
        uint256 proposalId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        Tally storage tally = _tallies[proposalId];
        return (tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }

    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        Tally storage tally = _tallies[proposalId];
        return quorum(proposalSnapshot(proposalId)) <= tally.forVotes + tally.abstainVotes;
    }

    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        Tally storage tally = _tallies[proposalId];
        return tally.forVotes > tally.againstVotes;
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory // params
    ) internal virtual override returns (uint256) {
        uint256 n = _memberNumber(account);
        if (n == 0) revert GovernorNotMember(account);
        Tally storage tally = _tallies[proposalId];
        uint256 bits = tally.voted[n >> 8];
        uint256 bit = 1 << (n & 0xff);
        if (bits & bit != 0) revert GovernorAlreadyCastVote(account);
        tally.voted[n >> 8] = bits | bit;
        if (support == 0) tally.againstVotes += totalWeight;
        else if (support == 1) tally.forVotes += totalWeight;
        else if (support == 2) tally.abstainVotes += totalWeight;
        else revert GovernorInvalidVoteType();
        return totalWeight;
    }
}
