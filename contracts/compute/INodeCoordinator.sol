// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title INodeCoordinator
/// @notice The compute network's registry of nodes, as a task contract (ProofOfInference) and the
/// app see it: nodes register with locked JOY stake, declare what they hold and keep themselves
/// alive; a task manager selects K of them and settles their part in a task.
interface INodeCoordinator {
    enum Backend {
        GPU,
        WebGPU,
        WASM,
        CPU
    }

    struct Node {
        Backend backend;
        bool active;
        uint32 capacityRps;
        uint32 reputation;
        uint32 activeTasks;
        uint64 lastHeartbeat;
        uint64 registeredAt;
        uint256 stake;
        string region;
        string peerId;
    }

    event NodeRegistered(
        address indexed node,
        Backend backend,
        uint32 capacityRps,
        string region,
        string peerId,
        uint256 stake
    );
    event NodeUpdated(address indexed node, uint32 capacityRps, string region, string peerId);
    event ModelsChanged(address indexed node, uint256[] added, uint256[] removed);
    event Heartbeat(address indexed node, uint64 at);
    event StakeAdded(address indexed node, uint256 amount, uint256 total);
    event NodeLeft(address indexed node, uint256 stakeReleased);
    event TasksChanged(address indexed node, uint32 activeTasks);
    event ReputationChanged(address indexed node, uint32 previous, uint32 current);
    event NodeSlashed(address indexed node, uint256 amount, address recipient, uint256 stakeLeft);
    event ParametersChanged(uint256 minStake, uint64 heartbeatTtl);
    /// @notice A full candidate list took `newcomer` in place of `displaced`.
    event CandidateDisplaced(uint256 indexed modelId, address indexed displaced, address indexed newcomer);

    error AlreadyRegistered(address node);
    error NotRegistered(address node);
    error StakeTooLow(uint256 stake, uint256 minimum);
    error ZeroCapacity();
    error BadRegion(string region);
    error BadPeerId();
    error TooManyModels(uint256 modelId, uint256 max);
    error ModelFull(uint256 modelId, uint256 max);
    error HasActiveTasks(address node, uint32 activeTasks);
    error NotEnoughNodes(uint256 modelId, uint256 available, uint256 wanted);
    error ZeroK();

    /// @notice Registers the caller as a node, locking `stake` of its staked JOY.
    function register(
        Backend backend,
        uint32 capacityRps,
        string calldata region,
        string calldata peerId,
        uint256 stake,
        uint256[] calldata modelIds
    ) external;

    /// @notice Changes the caller's capacity, region and peer id.
    function update(uint32 capacityRps, string calldata region, string calldata peerId) external;

    /// @notice Declares models the caller gained and dropped.
    function setModels(uint256[] calldata added, uint256[] calldata removed) external;

    /// @notice Keeps the caller selectable for another heartbeat TTL.
    function heartbeat() external;

    /// @notice Locks `amount` more of the caller's staked JOY behind it.
    function addStake(uint256 amount) external;

    /// @notice Leaves the network, unlocking the caller's stake (not while a task holds it).
    function leave() external;

    /// @notice Whether `node` can be selected for `modelId` now.
    function isSelectable(address node, uint256 modelId) external view returns (bool);

    /// @notice The weight `node` has in a selection for a requester in `region`.
    function weightOf(address node, string calldata region) external view returns (uint256);

    /// @notice Picks `k` distinct selectable nodes holding `modelId`, by weight, from `seed`.
    function select(
        uint256 modelId,
        uint8 k,
        bytes32 seed,
        string calldata region
    ) external view returns (address[] memory chosen);

    /// @notice How many nodes could be selected for `modelId` now, counting no further than `upTo`.
    function countSelectable(uint256 modelId, uint256 upTo) external view returns (uint256);

    /// @notice Marks nodes as taken by a task (they cannot leave until it ends).
    function noteAssigned(address[] calldata nodes) external;

    /// @notice Records a node's part in a settled task, honest or not; the task no longer holds it.
    function recordOutcome(address node, bool honest) external;

    /// @notice Releases a node from a task without judging it.
    function release(address node) external;

    /// @notice Takes up to `amount` of a node's locked stake to `recipient` (burned when zero).
    function slash(address node, uint256 amount, address recipient) external returns (uint256 taken);

    /// @notice A node's record.
    function getNode(address node) external view returns (Node memory);

    /// @notice Whether `node` declared that it holds `modelId`.
    function holds(address node, uint256 modelId) external view returns (bool);

    /// @notice The nodes registered now.
    function registeredNodes() external view returns (address[] memory);

    /// @notice The nodes that declared `modelId` (at most MAX_NODES_PER_MODEL): those selection reads.
    function candidatesOf(uint256 modelId) external view returns (address[] memory);
}
