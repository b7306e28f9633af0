// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// prettier-ignore
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingMembers} from "./GovernorCountingMembers.sol";
import {TldVotes} from "./TldVotes.sol";

/// @title TldGovernor
/// @notice The governor of one TLD's DAO: its stakers (TldVotes) propose and vote (on-chain or by
/// signature, `castVoteBySig`, which anyone may relay) on calls the TLD's timelock makes: approving
/// or rejecting a pending registration, changing the TLD's policy or treasury, spending from the
/// treasury, handing the TLD on. OpenZeppelin's Governor with its settings, votes from checkpoints,
/// a quorum fraction and a timelock; its one change is GovernorCountingMembers, which keeps who
/// voted as a bit per member (numbered by TldVotes) instead of a fresh slot per voter.
contract TldGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingMembers,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    TldVotes private immutable _members;

    /// @param votingDelay Seconds (TldVotes' clock) between a proposal and the snapshot its votes count at.
    /// @param votingPeriod Seconds the vote lasts.
    /// @param quorumPercent Share of all staked votes that must take part (for and abstain).
    constructor(
        string memory name_,
        TldVotes votes,
        TimelockController timelock,
        uint48 votingDelay,
        uint32 votingPeriod,
        uint256 proposalThreshold,
        uint256 quorumPercent
    )
        Governor(name_)
        GovernorSettings(votingDelay, votingPeriod, proposalThreshold)
        GovernorVotes(votes)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
    {
        _members = votes;
    }

    function _memberNumber(address account) internal view override returns (uint256) {
        return _members.memberNumberOf(account);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
