// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GuardianPausable} from "../access/GuardianPausable.sol";
import {INodeCoordinator} from "./INodeCoordinator.sol";
import {IJoyStaking} from "../token/IJoyStaking.sol";

/// @title NodeCoordinator
/// @notice The compute network's providers: each registers with JOY stake locked through
/// JoyToken's staking, declares its backend, the models it holds, its capacity and its region (a
/// geohash prefix), keeps itself alive with heartbeats, and carries a reputation that task
/// settlements move. Selection of K nodes for a task is deterministic from on-chain data and a
/// seed the nodes cannot choose: weighted by stake, reputation and capacity, favouring the
/// requester's region, skipping nodes whose heartbeat is stale.
/// @dev The task contract (ProofOfInference) holds TASK_MANAGER_ROLE and must hold JoyToken's
/// STAKE_MANAGER_ROLE through this contract: this contract locks, unlocks and slashes.
contract NodeCoordinator is INodeCoordinator, GuardianPausable {
    bytes32 public constant TASK_MANAGER_ROLE = keccak256("TASK_MANAGER_ROLE");

    uint32 public constant MAX_REPUTATION = 1000;
    uint32 public constant INITIAL_REPUTATION = 500;
    uint8 public constant MAX_REGION_LENGTH = 8;
    /// @notice The most models one node declares: bounds what leaving and registering cost.
    uint256 public constant MAX_MODELS_PER_NODE = 16;
    /// @notice The most nodes a model's candidate list holds: selection reads only that list, so its
    /// gas stays bounded however many nodes ever register. A full list takes a newcomer only in
    /// place of its weakest entry (by stake × reputation, zero for an unselectable one).
    uint256 public constant MAX_NODES_PER_MODEL = 64;
    uint256 public constant MAX_PEER_ID_BYTES = 128;
    /// @notice The declared capacity past which a node's weight grows no more.
    uint256 public constant CAPACITY_CEILING_RPS = 100;

    IJoyStaking public immutable joy;
    uint256 public minStake;
    uint64 public heartbeatTtl;

    mapping(address node => Node) private _nodes;
    mapping(address node => bool) private _known;
    /// @dev Registered nodes, and each one's place in the list plus one (0: not listed).
    address[] private _nodeList;
    mapping(address node => uint256) private _listSlot;
    /// @dev The nodes holding each model, and each one's place in that list plus one.
    mapping(uint256 modelId => address[]) private _candidates;
    mapping(uint256 modelId => mapping(address node => uint256)) private _candidateSlot;
    /// @dev The models each node holds, so leaving clears its candidacies.
    mapping(address node => uint256[]) private _modelsOf;

    /// @param joy_ JoyToken (its staking side).
    /// @param admin Holds DEFAULT_ADMIN_ROLE and GUARDIAN_ROLE.
    /// @param minStake_ The least stake a node locks to be selected.
    /// @param heartbeatTtl_ How long after its last heartbeat a node stays selectable.
    constructor(IJoyStaking joy_, address admin, uint256 minStake_, uint64 heartbeatTtl_) {
        joy = joy_;
        minStake = minStake_;
        heartbeatTtl = heartbeatTtl_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, admin);
    }

    // ---- nodes -----------------------------------------------------------------------------

    /// @notice Registers the caller as a node, locking `stake` of its staked JOY.
    function register(
        Backend backend,
        uint32 capacityRps,
        string calldata region,
        string calldata peerId,
        uint256 stake,
        uint256[] calldata modelIds
    ) external whenNotPaused {
        Node storage n = _nodes[msg.sender];
        if (n.registeredAt != 0) revert AlreadyRegistered(msg.sender);
        if (stake < minStake || stake == 0) revert StakeTooLow(stake, minStake);
        _checkProfile(capacityRps, region, peerId);
        n.backend = backend;
        n.active = true;
        n.capacityRps = capacityRps;
        // Leaving and registering again keeps the reputation earned: only a new account starts afresh.
        if (!_known[msg.sender]) n.reputation = INITIAL_REPUTATION;
        _known[msg.sender] = true;
        n.lastHeartbeat = uint64(block.timestamp);
        n.registeredAt = uint64(block.timestamp);
        n.stake = stake;
        n.region = region;
        n.peerId = peerId;
        _nodeList.push(msg.sender);
        _listSlot[msg.sender] = _nodeList.length;
        emit NodeRegistered(msg.sender, backend, capacityRps, region, peerId, stake);
        _addModels(msg.sender, modelIds);
        emit ModelsChanged(msg.sender, modelIds, new uint256[](0));

        joy.lockStake(msg.sender, stake);
    }

    /// @notice Changes the caller's capacity, region and peer id.
    function update(uint32 capacityRps, string calldata region, string calldata peerId) external {
        Node storage n = _registered(msg.sender);
        _checkProfile(capacityRps, region, peerId);
        n.capacityRps = capacityRps;
        n.region = region;
        n.peerId = peerId;
        emit NodeUpdated(msg.sender, capacityRps, region, peerId);
    }

    /// @notice Declares models the caller now holds, and ones it no longer holds.
    function setModels(uint256[] calldata added, uint256[] calldata removed) external {
        _registered(msg.sender);
        for (uint256 i = 0; i < removed.length; i++) _dropModel(msg.sender, removed[i]);
        _addModels(msg.sender, added);
        emit ModelsChanged(msg.sender, added, removed);
    }

    /// @notice Says the caller is alive; a node is selectable for `heartbeatTtl` after this.
    function heartbeat() external {
        Node storage n = _registered(msg.sender);
        n.lastHeartbeat = uint64(block.timestamp);
        emit Heartbeat(msg.sender, n.lastHeartbeat);
    }

    /// @notice Locks more of the caller's staked JOY behind its node (and reactivates it).
    function addStake(uint256 amount) external {
        Node storage n = _registered(msg.sender);
        n.stake += amount;
        n.active = true;
        emit StakeAdded(msg.sender, amount, n.stake);
        joy.lockStake(msg.sender, amount);
    }

    /// @notice Leaves the network, releasing the locked stake; not while a task holds the node.
    function leave() external {
        Node storage n = _registered(msg.sender);
        if (n.activeTasks != 0) revert HasActiveTasks(msg.sender, n.activeTasks);
        uint256 stake = n.stake;
        n.stake = 0;
        n.active = false;
        n.registeredAt = 0;
        _removeFromList(msg.sender);
        uint256[] storage models = _modelsOf[msg.sender];
        while (models.length > 0) _dropModel(msg.sender, models[models.length - 1]);
        emit NodeLeft(msg.sender, stake);
        if (stake > 0) joy.unlockStake(msg.sender, stake);
    }

    // ---- selection -------------------------------------------------------------------------

    /// @notice Whether `node` can be selected for `modelId` now.
    function isSelectable(address node, uint256 modelId) public view returns (bool) {
        Node storage n = _nodes[node];
        return
            n.active &&
            n.reputation > 0 &&
            n.stake >= minStake &&
            _candidateSlot[modelId][node] != 0 &&
            block.timestamp <= uint256(n.lastHeartbeat) + heartbeatTtl;
    }

    /// @notice The weight a node carries in selection for a requester in `region`.
    /// @dev stake (whole JOY, at least 1) × reputation × capacity × (1 + geohash characters shared
    /// with the requester's region): a node in the requester's cell counts several times more.
    function weightOf(address node, string calldata region) public view returns (uint256) {
        Node storage n = _nodes[node];
        uint256 stakeUnits = n.stake / 1e18 == 0 ? 1 : n.stake / 1e18;
        // Capacity is self-declared: it counts up to CAPACITY_CEILING_RPS and can at most double a
        // weight, so stake and earned reputation decide who is selected.
        uint256 capacity = n.capacityRps < CAPACITY_CEILING_RPS ? n.capacityRps : CAPACITY_CEILING_RPS;
        return stakeUnits * n.reputation * (CAPACITY_CEILING_RPS + capacity) * (1 + _sharedPrefix(n.region, region));
    }

    /// @notice Picks `k` distinct selectable nodes holding `modelId`, by weight, from `seed`.
    function select(
        uint256 modelId,
        uint8 k,
        bytes32 seed,
        string calldata region
    ) public view returns (address[] memory chosen) {
        if (k == 0) revert ZeroK();
        address[] storage listed = _candidates[modelId];
        uint256 count = listed.length;
        address[] memory candidates = new address[](count);
        uint256[] memory weights = new uint256[](count);
        uint256 total;
        uint256 available;
        for (uint256 i = 0; i < count; i++) {
            address node = listed[i];
            if (!isSelectable(node, modelId)) continue;
            candidates[available] = node;
            weights[available] = weightOf(node, region);
            total += weights[available];
            available++;
        }
        if (available < k) revert NotEnoughNodes(modelId, available, k);
        chosen = new address[](k);
        for (uint256 pick = 0; pick < k; pick++) {
            uint256 target = uint256(keccak256(abi.encode(seed, pick))) % total;
            uint256 i = 0;
            for (; i < available; i++) {
                if (target < weights[i]) break;
                target -= weights[i];
            }
            chosen[pick] = candidates[i];
            total -= weights[i];
            weights[i] = 0;
        }
    }

    /// @notice How many nodes could be selected for `modelId` now, counting no further than `upTo`
    /// (a task needing K nodes stops reading at K).
    function countSelectable(uint256 modelId, uint256 upTo) external view returns (uint256 available) {
        address[] storage listed = _candidates[modelId];
        for (uint256 i = 0; i < listed.length && available < upTo; i++)
            if (isSelectable(listed[i], modelId)) available++;
    }

    // ---- task manager ----------------------------------------------------------------------

    /// @notice Marks nodes as taken by a task (they cannot leave until it ends).
    function noteAssigned(address[] calldata nodes) external onlyRole(TASK_MANAGER_ROLE) {
        for (uint256 i = 0; i < nodes.length; i++) {
            Node storage n = _registered(nodes[i]);
            n.activeTasks += 1;
            emit TasksChanged(nodes[i], n.activeTasks);
        }
    }

    /// @notice Records a node's part in a settled task: its reputation rises if it answered with
    /// the majority and falls otherwise, and the task no longer holds it.
    function recordOutcome(address node, bool honest) external onlyRole(TASK_MANAGER_ROLE) {
        Node storage n = _registered(node);
        uint32 previous = n.reputation;
        if (honest) n.reputation = previous + 10 > MAX_REPUTATION ? MAX_REPUTATION : previous + 10;
        else n.reputation = previous < 100 ? 0 : previous - 100;
        n.activeTasks -= 1;
        emit ReputationChanged(node, previous, n.reputation);
        emit TasksChanged(node, n.activeTasks);
    }

    /// @notice Releases a node from a task without judging it (a task refunded for want of a majority).
    function release(address node) external onlyRole(TASK_MANAGER_ROLE) {
        Node storage n = _registered(node);
        n.activeTasks -= 1;
        emit TasksChanged(node, n.activeTasks);
    }

    /// @notice Takes up to `amount` of a node's locked stake to `recipient` (burned when zero);
    /// returns what was taken. A node left under the minimum is no longer selected until it adds stake.
    function slash(
        address node,
        uint256 amount,
        address recipient
    ) external onlyRole(TASK_MANAGER_ROLE) returns (uint256 taken) {
        Node storage n = _registered(node);
        taken = amount > n.stake ? n.stake : amount;
        if (taken == 0) return 0;
        n.stake -= taken;
        if (n.stake < minStake) n.active = false;
        emit NodeSlashed(node, taken, recipient, n.stake);
        joy.slash(node, taken, recipient);
    }

    // ---- admin and views -------------------------------------------------------------------

    function setParameters(uint256 minStake_, uint64 heartbeatTtl_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        minStake = minStake_;
        heartbeatTtl = heartbeatTtl_;
        emit ParametersChanged(minStake_, heartbeatTtl_);
    }

    function getNode(address node) external view returns (Node memory) {
        return _nodes[node];
    }

    function holds(address node, uint256 modelId) external view returns (bool) {
        return _candidateSlot[modelId][node] != 0;
    }

    function registeredNodes() external view returns (address[] memory) {
        return _nodeList;
    }

    function candidatesOf(uint256 modelId) external view returns (address[] memory) {
        return _candidates[modelId];
    }

    // ---- internals -------------------------------------------------------------------------

    function _registered(address node) private view returns (Node storage n) {
        n = _nodes[node];
        if (n.registeredAt == 0) revert NotRegistered(node);
    }

    function _checkProfile(uint32 capacityRps, string calldata region, string calldata peerId) private pure {
        if (capacityRps == 0) revert ZeroCapacity();
        bytes calldata r = bytes(region);
        if (r.length == 0 || r.length > MAX_REGION_LENGTH) revert BadRegion(region);
        for (uint256 i = 0; i < r.length; i++) {
            // The geohash alphabet: digits and lower-case letters but a, i, l, o.
            bytes1 c = r[i];
            bool digit = c >= "0" && c <= "9";
            bool letter = c >= "b" && c <= "z" && c != "i" && c != "l" && c != "o";
            if (!digit && !letter) revert BadRegion(region);
        }
        if (bytes(peerId).length == 0 || bytes(peerId).length > MAX_PEER_ID_BYTES) revert BadPeerId();
    }

    function _sharedPrefix(string storage a, string calldata b) private view returns (uint256 shared) {
        bytes storage x = bytes(a);
        bytes calldata y = bytes(b);
        uint256 limit = x.length < y.length ? x.length : y.length;
        while (shared < limit && x[shared] == y[shared]) shared++;
    }

    function _removeFromList(address node) private {
        uint256 slot = _listSlot[node];
        address moved = _nodeList[_nodeList.length - 1];
        _nodeList[slot - 1] = moved;
        _listSlot[moved] = slot;
        _nodeList.pop();
        delete _listSlot[node];
    }

    /// @dev Makes `node` a candidate for each model, in place of a full list's weakest entry
    /// when it stands above it.
    function _addModels(address node, uint256[] calldata modelIds) private {
        for (uint256 i = 0; i < modelIds.length; i++) {
            uint256 modelId = modelIds[i];
            if (_candidateSlot[modelId][node] != 0) continue;
            if (_modelsOf[node].length == MAX_MODELS_PER_NODE) revert TooManyModels(modelId, MAX_MODELS_PER_NODE);
            if (_candidates[modelId].length == MAX_NODES_PER_MODEL) _displaceWeakest(modelId, node);
            _candidates[modelId].push(node);
            _candidateSlot[modelId][node] = _candidates[modelId].length;
            _modelsOf[node].push(modelId);
        }
    }

    function _displaceWeakest(uint256 modelId, address newcomer) private {
        address[] storage listed = _candidates[modelId];
        address weakest;
        uint256 lowest = type(uint256).max;
        for (uint256 i = 0; i < listed.length; i++) {
            uint256 standing = isSelectable(listed[i], modelId) ? _standing(listed[i]) : 0;
            if (standing < lowest) (weakest, lowest) = (listed[i], standing);
        }
        if (_standing(newcomer) <= lowest) revert ModelFull(modelId, MAX_NODES_PER_MODEL);
        _dropModel(weakest, modelId);
        emit CandidateDisplaced(modelId, weakest, newcomer);
    }

    /// @dev What ranks nodes for a full candidate list: stake (whole JOY) × reputation.
    function _standing(address node) private view returns (uint256) {
        Node storage n = _nodes[node];
        return (n.stake / 1e18) * n.reputation;
    }

    function _dropModel(address node, uint256 modelId) private {
        uint256 slot = _candidateSlot[modelId][node];
        if (slot == 0) return;
        address[] storage listed = _candidates[modelId];
        address moved = listed[listed.length - 1];
        listed[slot - 1] = moved;
        _candidateSlot[modelId][moved] = slot;
        listed.pop();
        delete _candidateSlot[modelId][node];

        uint256[] storage models = _modelsOf[node];
        for (uint256 i = 0; i < models.length; i++) {
            if (models[i] != modelId) continue;
            models[i] = models[models.length - 1];
            models.pop();
            break;
        }
    }
}
