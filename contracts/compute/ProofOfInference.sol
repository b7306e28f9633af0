// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AccountRateLimit} from "../access/AccountRateLimit.sol";
import {GuardianPausable} from "../access/GuardianPausable.sol";
import {IModelMarketplace} from "../marketplace/IModelMarketplace.sol";
import {Groth16Call} from "../proving/Groth16Call.sol";
import {INodeCoordinator} from "./INodeCoordinator.sol";

/// @title ProofOfInference
/// @notice Inference tasks settled by majority vote. A requester names a model version, the hash
/// of its input (the input travels off-chain) and K, and escrows a fee for the providers plus the
/// model's per-use price. The task's seed is the hash of the block it was created in, which its
/// requester cannot know when it sends the task: in a later block anyone assigns the task, and
/// NodeCoordinator selects K nodes from that seed. Each node commits to the hash of its canonical
/// output, then reveals it; a node the input never reached says so instead, and loses nothing.
/// When a majority of K agrees the task settles: the majority shares the fee (and the stake
/// slashed from the others), the model's price goes through the marketplace (royalties and all),
/// reputations move. A node that revealed a minority answer, or stayed silent, is slashed. Without
/// a majority by the deadline the requester is refunded and the silent nodes' slashed stake is
/// burned: a requester never ends a task with more than it escrowed, whatever it withholds.
/// For a model version with a registered Groth16 verifier, a proof task (K = 0) needs no vote:
/// it names the Poseidon commitment to the input, and a valid proof whose public signals open
/// with that commitment settles it, paying the fee to whoever proved.
contract ProofOfInference is GuardianPausable, AccountRateLimit, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint8 public constant MAX_K = 9;

    enum Status {
        None,
        /// @dev Created, waiting for a later block to seed its selection.
        Pending,
        Open,
        Settled,
        Refunded
    }

    struct Task {
        address requester;
        Status status;
        uint8 k;
        uint8 commits;
        uint8 reveals;
        /// @dev Nodes that said the input never reached them.
        uint8 noInputs;
        uint32 version;
        uint64 commitDeadline;
        uint64 revealDeadline;
        /// @dev Seconds the contract had been paused when the task opened: later pauses extend its windows.
        uint64 pausedBefore;
        /// @dev The block whose hash seeds the selection.
        uint64 seedBlock;
        uint256 modelId;
        uint256 fee;
        uint256 price;
        bytes32 inputHash;
        bytes32 result;
    }

    IERC20 public immutable joy;
    IModelMarketplace public immutable marketplace;
    INodeCoordinator public immutable coordinator;
    uint64 public commitWindow;
    uint64 public revealWindow;
    /// @notice What a node loses for a minority answer or for silence.
    uint256 public slashAmount;

    Task[] private _tasks;
    /// @dev Seconds spent paused before the pause under way, and when that pause began.
    uint64 private _pausedTotal;
    uint64 private _pausedAt;
    mapping(uint256 taskId => address[]) private _assigned;
    mapping(uint256 taskId => mapping(address node => bytes32)) private _commitments;
    mapping(uint256 taskId => mapping(address node => bytes32)) private _revealed;
    mapping(uint256 taskId => mapping(address node => bool)) private _noInput;
    mapping(uint256 taskId => address) private _proverOf;
    /// @dev A pending task's region, kept until it is assigned.
    mapping(uint256 taskId => string) private _regions;

    event TaskCreated(
        uint256 indexed taskId,
        address indexed requester,
        uint256 indexed modelId,
        uint32 version,
        bytes32 inputHash,
        uint8 k,
        uint256 fee,
        uint256 price
    );
    event TaskAssigned(uint256 indexed taskId, address[] nodes, uint64 commitDeadline);
    /// @notice The seed block fell out of reach (256 blocks) before anyone assigned: a later block seeds.
    event TaskReseeded(uint256 indexed taskId, uint64 seedBlock);
    event NoInputDeclared(uint256 indexed taskId, address indexed node);
    event Committed(uint256 indexed taskId, address indexed node);
    event Revealed(uint256 indexed taskId, address indexed node, bytes32 outputHash);
    event TaskSettled(uint256 indexed taskId, bytes32 result, address[] paid, uint256 payEach);
    event TaskRefunded(uint256 indexed taskId, uint256 amount);
    event TaskProved(uint256 indexed taskId, address indexed prover, bytes32 result);
    event NodePenalized(uint256 indexed taskId, address indexed node, uint256 slashed, bool revealed);
    event WindowsChanged(uint64 commitWindow, uint64 revealWindow, uint256 slashAmount);

    error BadK(uint8 k, uint8 max);
    error UnknownTask(uint256 taskId);
    error NotOpen(uint256 taskId, Status status);
    error NotAssigned(uint256 taskId, address node);
    error AlreadyCommitted(uint256 taskId, address node);
    error NotCommitted(uint256 taskId, address node);
    error AlreadyRevealed(uint256 taskId, address node);
    error CommitClosed(uint256 taskId, uint64 deadline);
    error RevealNotOpen(uint256 taskId);
    error RevealClosed(uint256 taskId, uint64 deadline);
    error RevealMismatch(uint256 taskId, address node);
    error TooEarly(uint256 taskId, uint64 revealDeadline);
    error ModelNotListed(uint256 modelId);
    error MarketplacePaused();
    error NoProver(uint256 modelId, uint32 version);
    error NotAProofTask(uint256 taskId);
    error ProofWindowClosed(uint256 taskId, uint64 deadline);
    error CommitmentMismatch(uint256 taskId, bytes32 expected);
    error InvalidProof(uint256 taskId);
    error ZeroCommitment(uint256 taskId);
    error NotPending(uint256 taskId, Status status);
    error SeedNotReady(uint256 taskId, uint64 seedBlock);
    error DeclaredNoInput(uint256 taskId, address node);

    constructor(
        IERC20 joy_,
        IModelMarketplace marketplace_,
        INodeCoordinator coordinator_,
        address admin,
        uint64 commitWindow_,
        uint64 revealWindow_,
        uint256 slashAmount_,
        uint32 tasksPerWindow_,
        uint64 rateLimitWindow_
    ) AccountRateLimit(tasksPerWindow_, rateLimitWindow_) {
        joy = joy_;
        marketplace = marketplace_;
        coordinator = coordinator_;
        commitWindow = commitWindow_;
        revealWindow = revealWindow_;
        slashAmount = slashAmount_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, admin);
    }

    // ---- requesters ------------------------------------------------------------------------

    /// @notice Opens a task for `k` nodes; escrows `fee` plus the model's per-use price (needs an
    /// allowance), which may not be above `maxPrice`. `region` (a geohash prefix, may be empty)
    /// favours nearby nodes. The nodes are selected when the task is assigned, in a later block.
    function createTask(
        uint256 modelId,
        uint32 version,
        bytes32 inputHash,
        uint8 k,
        uint256 fee,
        uint256 maxPrice,
        string calldata region
    ) external nonReentrant whenNotPaused returns (uint256 taskId) {
        if (k == 0 || k > MAX_K) revert BadK(k, MAX_K);
        uint256 price = _checkModel(modelId, maxPrice);
        marketplace.getVersion(modelId, version); // reverts UnknownVersion
        uint256 available = coordinator.countSelectable(modelId, k);
        if (available < k) revert INodeCoordinator.NotEnoughNodes(modelId, available, k);
        _countAction(msg.sender);

        taskId = _tasks.length;
        _pushTask(modelId, version, inputHash, k, fee, price, Status.Pending);
        _regions[taskId] = region;
        emit TaskCreated(taskId, msg.sender, modelId, version, inputHash, k, fee, price);

        if (fee + price > 0) joy.safeTransferFrom(msg.sender, address(this), fee + price);
    }

    /// @notice Selects a pending task's nodes from the hash of the block it was created in, and
    /// opens its windows; anyone may call, from the next block on. The requester cannot know that
    /// hash when it sends the task, and cannot take the task back once it sees who would be chosen.
    /// If the nodes it needs have gone meanwhile, the task is refunded.
    function assign(uint256 taskId) external nonReentrant whenNotPaused {
        if (taskId >= _tasks.length) revert UnknownTask(taskId);
        Task storage t = _tasks[taskId];
        if (t.status != Status.Pending) revert NotPending(taskId, t.status);
        if (block.number <= t.seedBlock) revert SeedNotReady(taskId, t.seedBlock);
        bytes32 blockHash = blockhash(t.seedBlock);
        if (blockHash == bytes32(0)) {
            // Older than 256 blocks: the next block seeds instead, unknown to this caller too.
            t.seedBlock = uint64(block.number);
            emit TaskReseeded(taskId, t.seedBlock);
            return;
        }
        // Counted first, so selection never reverts for want of nodes: a revert (or a caller's
        // short gas limit) must not let anyone undo an assignment it dislikes.
        uint256 available = coordinator.countSelectable(t.modelId, t.k);
        if (available < t.k) {
            _refund(taskId, t, _assigned[taskId]);
            return;
        }
        bytes32 seed = keccak256(abi.encode(blockHash, taskId, t.inputHash));
        address[] memory chosen = coordinator.select(t.modelId, t.k, seed, _regions[taskId]);
        t.status = Status.Open;
        t.commitDeadline = uint64(block.timestamp) + commitWindow;
        t.revealDeadline = t.commitDeadline + revealWindow;
        t.pausedBefore = _pausedSeconds();
        _assigned[taskId] = chosen;
        delete _regions[taskId];
        emit TaskAssigned(taskId, chosen, t.commitDeadline);

        coordinator.noteAssigned(chosen);
    }

    /// @notice Opens a proof task (K = 0) for a version with a verifier: `inputCommitment` is the
    /// Poseidon commitment the proof must open with. Escrows `fee` for `prover` (the caller when
    /// zero) plus the model's per-use price; refunded if no valid proof comes before the task's
    /// reveal deadline. The fee is bound to the prover named here, so a proof copied from the
    /// mempool earns its copier nothing.
    function createProofTask(
        uint256 modelId,
        uint32 version,
        bytes32 inputCommitment,
        uint256 fee,
        uint256 maxPrice,
        address prover
    ) external nonReentrant whenNotPaused returns (uint256 taskId) {
        // verifierOf reverts UnknownVersion for a version that does not exist.
        if (marketplace.verifierOf(modelId, version) == address(0)) revert NoProver(modelId, version);
        uint256 price = _checkModel(modelId, maxPrice);
        _countAction(msg.sender);

        taskId = _tasks.length;
        _pushTask(modelId, version, inputCommitment, 0, fee, price, Status.Open);
        _proverOf[taskId] = prover == address(0) ? msg.sender : prover;
        emit TaskCreated(taskId, msg.sender, modelId, version, inputCommitment, 0, fee, price);

        if (fee + price > 0) joy.safeTransferFrom(msg.sender, address(this), fee + price);
    }

    /// @notice Settles a proof task with a Groth16 proof of its model version: the public signals
    /// open with the task's input commitment, then the outputs. Anyone may submit it; the fee goes
    /// to the prover the task names.
    /// @param proof a, b, c as the verifier takes them (see Groth16Call).
    function settleWithProof(
        uint256 taskId,
        uint256[8] calldata proof,
        uint256[] calldata publicSignals
    ) external nonReentrant whenNotPaused {
        Task storage t = _open(taskId);
        if (t.k != 0) revert NotAProofTask(taskId);
        if (block.timestamp > _revealDeadline(t)) revert ProofWindowClosed(taskId, _revealDeadline(t));
        if (publicSignals.length == 0 || bytes32(publicSignals[0]) != t.inputHash)
            revert CommitmentMismatch(taskId, t.inputHash);
        if (!Groth16Call.verify(marketplace.verifierOf(t.modelId, t.version), proof, publicSignals))
            revert InvalidProof(taskId);

        t.status = Status.Settled;
        t.result = keccak256(abi.encode(publicSignals));
        address prover = _proverOf[taskId];
        emit TaskProved(taskId, prover, t.result);

        if (t.price > 0 && !_payModel(t)) joy.safeTransfer(t.requester, t.price);
        if (t.fee > 0) joy.safeTransfer(prover, t.fee);
    }

    /// @notice Whether a proof is valid for a model version, for free (a view): what "verify
    /// on-chain" means before anything is paid.
    function isValidProof(
        uint256 modelId,
        uint32 version,
        uint256[8] calldata proof,
        uint256[] calldata publicSignals
    ) external view returns (bool) {
        address verifier = marketplace.verifierOf(modelId, version);
        if (verifier == address(0)) revert NoProver(modelId, version);
        return Groth16Call.verify(verifier, proof, publicSignals);
    }

    // ---- nodes -----------------------------------------------------------------------------

    /// @notice The commitment a node sends: binds its output to itself and the task, so it cannot
    /// be copied from another node's commitment.
    function commitmentOf(
        uint256 taskId,
        address node,
        bytes32 outputHash,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(taskId, node, outputHash, salt));
    }

    function commit(uint256 taskId, bytes32 commitment) external whenNotPaused {
        Task storage t = _open(taskId);
        _onlyAssigned(taskId, msg.sender);
        if (block.timestamp > _commitDeadline(t)) revert CommitClosed(taskId, _commitDeadline(t));
        // A zero commitment would read as none: it could be sent again and again, each counted.
        if (commitment == bytes32(0)) revert ZeroCommitment(taskId);
        if (_commitments[taskId][msg.sender] != bytes32(0)) revert AlreadyCommitted(taskId, msg.sender);
        if (_noInput[taskId][msg.sender]) revert DeclaredNoInput(taskId, msg.sender);
        _commitments[taskId][msg.sender] = commitment;
        t.commits += 1;
        emit Committed(taskId, msg.sender);
    }

    /// @notice Says, within the commit window, that the task's input never reached the caller: it
    /// then neither commits nor is slashed, paid or judged. Nothing checks the claim, and nothing
    /// is gained by it: such a node earns nothing, and a requester that withholds the input from
    /// its nodes only gets its own escrow back.
    function declareNoInput(uint256 taskId) external whenNotPaused {
        Task storage t = _open(taskId);
        _onlyAssigned(taskId, msg.sender);
        if (block.timestamp > _commitDeadline(t)) revert CommitClosed(taskId, _commitDeadline(t));
        if (_commitments[taskId][msg.sender] != bytes32(0)) revert AlreadyCommitted(taskId, msg.sender);
        if (_noInput[taskId][msg.sender]) revert DeclaredNoInput(taskId, msg.sender);
        _noInput[taskId][msg.sender] = true;
        t.noInputs += 1;
        emit NoInputDeclared(taskId, msg.sender);
    }

    /// @notice Reveals a committed output, once every node has committed (or declared it had no
    /// input) or the commit window closed.
    function reveal(uint256 taskId, bytes32 outputHash, bytes32 salt) external whenNotPaused {
        Task storage t = _open(taskId);
        bytes32 commitment = _commitments[taskId][msg.sender];
        if (commitment == bytes32(0)) revert NotCommitted(taskId, msg.sender);
        if (t.commits + t.noInputs < t.k && block.timestamp <= _commitDeadline(t)) revert RevealNotOpen(taskId);
        if (block.timestamp > _revealDeadline(t)) revert RevealClosed(taskId, _revealDeadline(t));
        if (_revealed[taskId][msg.sender] != bytes32(0)) revert AlreadyRevealed(taskId, msg.sender);
        if (commitmentOf(taskId, msg.sender, outputHash, salt) != commitment || outputHash == bytes32(0))
            revert RevealMismatch(taskId, msg.sender);
        _revealed[taskId][msg.sender] = outputHash;
        t.reveals += 1;
        emit Revealed(taskId, msg.sender, outputHash);
    }

    // ---- settlement ------------------------------------------------------------------------

    /// @notice Settles a task once every node revealed (or declared it had no input) or the reveal
    /// window closed; anyone may call.
    function settle(uint256 taskId) external nonReentrant {
        Task storage t = _open(taskId);
        // A proof task (K = 0) has no reveals to wait for: only its deadline, after which it is refunded.
        if ((t.k == 0 || t.reveals + t.noInputs < t.k) && block.timestamp <= _revealDeadline(t))
            revert TooEarly(taskId, _revealDeadline(t));
        address[] storage nodes = _assigned[taskId];
        (bytes32 result, uint256 votes) = _majority(taskId, nodes);

        if (votes * 2 <= t.k) {
            _refund(taskId, t, nodes);
            return;
        }
        t.status = Status.Settled;
        t.result = result;
        address[] memory paid = new address[](votes);
        uint256 paidCount;
        uint256 pool = t.fee;
        for (uint256 i = 0; i < nodes.length; i++) {
            bytes32 answer = _revealed[taskId][nodes[i]];
            if (answer == result) {
                paid[paidCount++] = nodes[i];
                coordinator.recordOutcome(nodes[i], true);
            } else if (_noInput[taskId][nodes[i]]) {
                coordinator.release(nodes[i]);
            } else {
                // A minority answer or silence: slashed into the honest nodes' pool.
                uint256 taken = coordinator.slash(nodes[i], slashAmount, address(this));
                pool += taken;
                coordinator.recordOutcome(nodes[i], false);
                emit NodePenalized(taskId, nodes[i], taken, answer != bytes32(0));
            }
        }
        uint256 payEach = pool / votes;
        emit TaskSettled(taskId, result, paid, payEach);

        // The model's price goes through the marketplace (its royalties and fee), unless the
        // model changed its terms, was delisted or the marketplace is paused since the task
        // opened: then the requester gets it back rather than the settlement being blocked.
        if (t.price > 0 && !_payModel(t)) joy.safeTransfer(t.requester, t.price);
        for (uint256 i = 0; i < votes; i++) {
            // The first honest node also takes the rounding remainder.
            uint256 amount = i == 0 ? pool - payEach * (votes - 1) : payEach;
            if (amount > 0) joy.safeTransfer(paid[i], amount);
        }
    }

    // ---- admin and views -------------------------------------------------------------------

    function setWindows(
        uint64 commitWindow_,
        uint64 revealWindow_,
        uint256 slashAmount_
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        commitWindow = commitWindow_;
        revealWindow = revealWindow_;
        slashAmount = slashAmount_;
        emit WindowsChanged(commitWindow_, revealWindow_, slashAmount_);
    }

    function taskCount() external view returns (uint256) {
        return _tasks.length;
    }

    /// @notice A task, with its deadlines as they stand (extended by the pauses since it opened).
    function getTask(uint256 taskId) external view returns (Task memory task) {
        if (taskId >= _tasks.length) revert UnknownTask(taskId);
        Task storage t = _tasks[taskId];
        task = t;
        task.commitDeadline = _commitDeadline(t);
        task.revealDeadline = _revealDeadline(t);
    }

    function assignedNodes(uint256 taskId) external view returns (address[] memory) {
        return _assigned[taskId];
    }

    function revealedOutput(uint256 taskId, address node) external view returns (bytes32) {
        return _revealed[taskId][node];
    }

    /// @notice Who a proof task's fee goes to.
    function proverOf(uint256 taskId) external view returns (address) {
        return _proverOf[taskId];
    }

    function hasCommitted(uint256 taskId, address node) external view returns (bool) {
        return _commitments[taskId][node] != bytes32(0);
    }

    function declaredNoInput(uint256 taskId, address node) external view returns (bool) {
        return _noInput[taskId][node];
    }

    // ---- internals -------------------------------------------------------------------------

    /// @dev The checks every new task passes; returns the model's per-use price, at most `maxPrice`.
    function _checkModel(uint256 modelId, uint256 maxPrice) private view returns (uint256 price) {
        IModelMarketplace.Model memory model = marketplace.getModel(modelId);
        if (!model.listed) revert ModelNotListed(modelId);
        if (Pausable(address(marketplace)).paused()) revert MarketplacePaused();
        if (model.pricePerUse > maxPrice) revert IModelMarketplace.PriceAboveMax(modelId, model.pricePerUse, maxPrice);
        return model.pricePerUse;
    }

    function _pushTask(
        uint256 modelId,
        uint32 version,
        bytes32 inputHash,
        uint8 k,
        uint256 fee,
        uint256 price,
        Status status
    ) private {
        uint64 commitDeadline = uint64(block.timestamp) + commitWindow;
        _tasks.push(
            Task({
                requester: msg.sender,
                status: status,
                k: k,
                commits: 0,
                reveals: 0,
                noInputs: 0,
                version: version,
                // A pending task's windows are set again when it is assigned.
                commitDeadline: commitDeadline,
                revealDeadline: commitDeadline + revealWindow,
                pausedBefore: _pausedSeconds(),
                seedBlock: uint64(block.number),
                modelId: modelId,
                fee: fee,
                price: price,
                inputHash: inputHash,
                result: bytes32(0)
            })
        );
    }

    function _payModel(Task storage t) private returns (bool) {
        IModelMarketplace.Model memory model = marketplace.getModel(t.modelId);
        if (!model.listed || model.pricePerUse != t.price || Pausable(address(marketplace)).paused()) return false;
        joy.forceApprove(address(marketplace), t.price);
        marketplace.deposit(t.price);
        marketplace.useModel(t.modelId, t.price);
        return true;
    }

    function _refund(uint256 taskId, Task storage t, address[] storage nodes) private {
        t.status = Status.Refunded;
        uint256 amount = t.fee + t.price;
        for (uint256 i = 0; i < nodes.length; i++) {
            if (_revealed[taskId][nodes[i]] == bytes32(0) && !_noInput[taskId][nodes[i]]) {
                // Silence is a fault even without a majority, but its stake is burned: paid to the
                // requester, it would pay a requester for withholding the input.
                uint256 taken = coordinator.slash(nodes[i], slashAmount, address(0));
                coordinator.recordOutcome(nodes[i], false);
                emit NodePenalized(taskId, nodes[i], taken, false);
            } else {
                coordinator.release(nodes[i]);
            }
        }
        emit TaskRefunded(taskId, amount);
        if (amount > 0) joy.safeTransfer(t.requester, amount);
    }

    /// @dev A pause stops commits and reveals, so it must not run their windows down: the clock of
    /// every open task stands still while the contract is paused.
    function _pause() internal override {
        _pausedAt = uint64(block.timestamp);
        super._pause();
    }

    function _unpause() internal override {
        _pausedTotal += uint64(block.timestamp) - _pausedAt;
        super._unpause();
    }

    /// @dev Every second the contract has spent paused, the pause under way included.
    function _pausedSeconds() private view returns (uint64) {
        return _pausedTotal + (paused() ? uint64(block.timestamp) - _pausedAt : 0);
    }

    function _commitDeadline(Task storage t) private view returns (uint64) {
        return t.commitDeadline + (_pausedSeconds() - t.pausedBefore);
    }

    function _revealDeadline(Task storage t) private view returns (uint64) {
        return t.revealDeadline + (_pausedSeconds() - t.pausedBefore);
    }

    /// @dev The most revealed output and its count (ties go to the first seen; a tie is never a majority).
    function _majority(uint256 taskId, address[] storage nodes) private view returns (bytes32 best, uint256 bestVotes) {
        for (uint256 i = 0; i < nodes.length; i++) {
            bytes32 answer = _revealed[taskId][nodes[i]];
            if (answer == bytes32(0) || answer == best) continue;
            uint256 votes;
            for (uint256 j = 0; j < nodes.length; j++) if (_revealed[taskId][nodes[j]] == answer) votes++;
            if (votes > bestVotes) (best, bestVotes) = (answer, votes);
        }
    }

    function _open(uint256 taskId) private view returns (Task storage t) {
        if (taskId >= _tasks.length) revert UnknownTask(taskId);
        t = _tasks[taskId];
        if (t.status != Status.Open) revert NotOpen(taskId, t.status);
    }

    function _onlyAssigned(uint256 taskId, address node) private view {
        address[] storage nodes = _assigned[taskId];
        for (uint256 i = 0; i < nodes.length; i++) if (nodes[i] == node) return;
        revert NotAssigned(taskId, node);
    }
}
