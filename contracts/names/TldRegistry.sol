// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ITldRegistry} from "./ITldRegistry.sol";
import {LabelRules} from "./LabelRules.sol";

/// @title TldRegistry
/// @notice PermaNet's TLDs and their policies (see ITldRegistry). TLD_CREATOR_ROLE creates TLDs
/// and sets the platform's share of their fees; everything else about a TLD is its owner's.
contract TldRegistry is ITldRegistry, AccessControl {
    /// @notice May create TLDs and set the platform's share of their fees.
    bytes32 public constant TLD_CREATOR_ROLE = keccak256("TLD_CREATOR_ROLE");
    /// @notice The platform never takes more than half of a fee.
    uint16 public constant MAX_PLATFORM_BPS = 5_000;
    /// @notice No TLD sells a name for more than this many years at once.
    uint32 public constant MAX_YEARS = 100;
    /// @notice The longest grace period a TLD may give.
    uint64 public constant MAX_GRACE_PERIOD = 365 days;

    mapping(bytes32 node => Tld) private _tlds;
    mapping(uint32 id => bytes32 node) private _nodes;
    uint32 private _count;
    mapping(bytes32 node => mapping(bytes32 labelhash => bool)) private _reserved;
    address private _platformTreasury;

    modifier onlyTldOwner(bytes32 node) {
        if (_tlds[node].owner != msg.sender) {
            if (_tlds[node].owner == address(0)) revert UnknownTld(node);
            revert NotTldOwner(node, msg.sender);
        }
        _;
    }

    constructor(address admin, address platformTreasury_) {
        if (admin == address(0) || platformTreasury_ == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(TLD_CREATOR_ROLE, admin);
        _platformTreasury = platformTreasury_;
    }

    /// @inheritdoc ITldRegistry
    function createTld(
        string calldata label,
        address owner,
        address treasury,
        uint16 platformBps,
        Policy calldata policy
    ) external onlyRole(TLD_CREATOR_ROLE) returns (bytes32 node) {
        if (!LabelRules.isValid(label)) revert InvalidLabel(label);
        if (owner == address(0) || treasury == address(0)) revert ZeroAddress();
        if (platformBps > MAX_PLATFORM_BPS) revert ShareTooHigh(platformBps, MAX_PLATFORM_BPS);
        _checkPolicy(policy);
        node = LabelRules.child(bytes32(0), keccak256(bytes(label)));
        if (_tlds[node].owner != address(0)) revert TldExists(label);
        uint32 id = ++_count;
        _nodes[id] = node;
        _tlds[node] = Tld({
            owner: owner,
            platformBps: platformBps,
            id: id,
            treasury: treasury,
            policy: policy,
            label: label
        });
        emit TldCreated(node, label, owner, treasury, platformBps);
        emit PolicyChanged(node, policy);
    }

    /// @inheritdoc ITldRegistry
    function setPolicy(bytes32 node, Policy calldata policy) external onlyTldOwner(node) {
        _checkPolicy(policy);
        _tlds[node].policy = policy;
        emit PolicyChanged(node, policy);
    }

    /// @inheritdoc ITldRegistry
    function setTreasury(bytes32 node, address treasury) external onlyTldOwner(node) {
        if (treasury == address(0)) revert ZeroAddress();
        _tlds[node].treasury = treasury;
        emit TreasuryChanged(node, treasury);
    }

    /// @inheritdoc ITldRegistry
    function transferTld(bytes32 node, address to) external onlyTldOwner(node) {
        if (to == address(0)) revert ZeroAddress();
        _tlds[node].owner = to;
        emit TldTransferred(node, msg.sender, to);
    }

    /// @inheritdoc ITldRegistry
    function setReserved(bytes32 node, bytes32[] calldata labelhashes, bool reserved) external onlyTldOwner(node) {
        for (uint256 i = 0; i < labelhashes.length; i++) {
            _reserved[node][labelhashes[i]] = reserved;
            emit LabelReserved(node, labelhashes[i], reserved);
        }
    }

    /// @inheritdoc ITldRegistry
    function setPlatformShare(bytes32 node, uint16 platformBps) external onlyRole(TLD_CREATOR_ROLE) {
        if (_tlds[node].owner == address(0)) revert UnknownTld(node);
        if (platformBps > MAX_PLATFORM_BPS) revert ShareTooHigh(platformBps, MAX_PLATFORM_BPS);
        _tlds[node].platformBps = platformBps;
        emit PlatformShareChanged(node, platformBps);
    }

    /// @inheritdoc ITldRegistry
    function setPlatformTreasury(address treasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury == address(0)) revert ZeroAddress();
        _platformTreasury = treasury;
        emit PlatformTreasuryChanged(treasury);
    }

    /// @inheritdoc ITldRegistry
    function tldOf(bytes32 node) external view returns (Tld memory) {
        if (_tlds[node].owner == address(0)) revert UnknownTld(node);
        return _tlds[node];
    }

    /// @inheritdoc ITldRegistry
    function exists(bytes32 node) external view returns (bool) {
        return _tlds[node].owner != address(0);
    }

    /// @inheritdoc ITldRegistry
    function isReserved(bytes32 node, bytes32 labelhash) external view returns (bool) {
        return _reserved[node][labelhash];
    }

    /// @inheritdoc ITldRegistry
    function platformTreasury() external view returns (address) {
        return _platformTreasury;
    }

    /// @inheritdoc ITldRegistry
    function nodeOf(uint32 id) external view returns (bytes32) {
        return _nodes[id];
    }

    /// @inheritdoc ITldRegistry
    function priceOf(
        bytes32 node,
        uint256 labelBytes,
        uint256 yearCount
    ) external view returns (uint256 total, uint256 platformPart) {
        Quote memory q = _quote(node, labelBytes, yearCount);
        return (q.fee, q.platformPart);
    }

    /// @inheritdoc ITldRegistry
    function quote(
        bytes32 node,
        bytes32 labelhash,
        uint256 labelBytes,
        uint256 yearCount
    ) external view returns (Quote memory q) {
        q = _quote(node, labelBytes, yearCount);
        q.reserved = _reserved[node][labelhash];
    }

    /// @inheritdoc ITldRegistry
    function quoteById(uint32 id, uint256 labelBytes, uint256 yearCount) external view returns (Quote memory) {
        return _quote(_nodes[id], labelBytes, yearCount);
    }

    /// @dev Reads only the slots a quote needs: the owner's (with the share and id), one price, and
    /// the packed durations.
    function _quote(bytes32 node, uint256 labelBytes, uint256 yearCount) private view returns (Quote memory q) {
        Tld storage tld = _tlds[node];
        if (tld.owner == address(0)) revert UnknownTld(node);
        if (labelBytes == 0 || labelBytes > LabelRules.MAX_LABEL_BYTES) revert InvalidPolicy("no such label length");
        Policy storage policy = tld.policy;
        q.id = tld.id;
        q.minYears = policy.minYears;
        q.maxYears = policy.maxYears;
        q.gracePeriod = policy.gracePeriod;
        q.needsApproval = policy.needsApproval;
        q.modelLinks = policy.modelLinks;
        q.fee = policy.yearlyPrice[labelBytes >= 5 ? 4 : labelBytes - 1] * yearCount;
        q.platformPart = (q.fee * tld.platformBps) / 10_000;
    }

    function _checkPolicy(Policy calldata policy) private pure {
        if (policy.minYears == 0) revert InvalidPolicy("minYears is 0");
        if (policy.maxYears < policy.minYears) revert InvalidPolicy("maxYears is under minYears");
        if (policy.maxYears > MAX_YEARS) revert InvalidPolicy("maxYears is over 100");
        if (policy.gracePeriod > MAX_GRACE_PERIOD) revert InvalidPolicy("gracePeriod is over a year");
    }
}
