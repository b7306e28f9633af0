// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AccountRateLimit} from "../access/AccountRateLimit.sol";
import {GuardianPausable} from "../access/GuardianPausable.sol";
import {IModelMarketplace} from "./IModelMarketplace.sol";
import {IVerifierFactory} from "../proving/IVerifierFactory.sol";

/// @title ModelMarketplace
/// @notice The on-chain index of PermaNet models and their economy: each model has versions
/// (weights and model card in IPFS), a per-use price and a licence price in JOY, and an optional
/// parent whose creator earns a royalty on this model's revenue. Buyers pay in JOY; revenue is
/// split between the creator, the parent's creator and the platform, and credited for pull-based
/// withdrawal.
/// @dev A guardian can pause registrations, versions and payments (a circuit breaker); withdrawals
/// of what accounts already own stay open. Every function that moves tokens is nonReentrant and
/// follows checks, effects, interactions. Invariant: the contract's JOY balance equals the sum of
/// prepaid balances and unwithdrawn earnings.
contract ModelMarketplace is IModelMarketplace, GuardianPausable, AccountRateLimit, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice This contract's version of IModelMarketplace.
    uint256 public constant VERSION = 2;
    uint256 public constant MAX_FIELD_BYTES = 4096;
    uint16 public constant BPS = 10_000;
    uint16 public constant MAX_PLATFORM_FEE_BPS = 2_000;
    uint16 public constant MAX_DERIVATIVE_ROYALTY_BPS = 5_000;

    IERC20 public immutable joy;
    /// @notice Where a version's verifier must come from (see registerProver).
    IVerifierFactory public immutable verifierFactory;
    address public treasury;
    uint16 public platformFeeBps;

    Model[] private _models;
    mapping(uint256 id => Version[]) private _versions;
    mapping(bytes32 nameHash => uint256 idPlusOne) private _idByName;
    mapping(uint256 id => mapping(address account => bool)) private _licences;
    mapping(address account => uint256) private _prepaid;
    mapping(address account => uint256) private _earnings;
    mapping(bytes32 cidHash => bool) private _registeredCids;
    mapping(address account => uint256) private _modelsRegistered;
    mapping(uint256 id => mapping(uint32 version => Prover)) private _provers;

    error EmptyField(string field);
    error FieldTooLong(string field, uint256 length);
    error ZeroSize();
    error ZeroAmount();
    error NameTaken(string name, uint256 existingId);
    error UnknownModel(uint256 id);
    error UnknownName(string name);
    error UnknownVersion(uint256 id, uint32 version);
    error NotCreator(uint256 id, address account);
    error NotListed(uint256 id);
    error NoLicenceForSale(uint256 id);
    error AlreadyLicensed(uint256 id, address account);
    error InsufficientPrepaid(address account, uint256 available, uint256 needed);
    error NothingToWithdraw(address account);
    error RoyaltyTooHigh(uint16 bps, uint16 max);
    error FeeTooHigh(uint16 bps, uint16 max);
    error ZeroAddress();
    error ProverAlreadyRegistered(uint256 id, uint32 version, address verifier);
    error UnknownVerifier(address verifier);

    /// @param joy_ The JOY token prices are paid in.
    /// @param admin Holds DEFAULT_ADMIN_ROLE (fees, rate limit, roles) and GUARDIAN_ROLE.
    /// @param treasury_ Receives the platform fee.
    /// @param feeBps The platform fee in basis points.
    /// @param perWindow Registrations one account may make per window.
    /// @param window The rate limit's window in seconds.
    constructor(
        IERC20 joy_,
        IVerifierFactory verifierFactory_,
        address admin,
        address treasury_,
        uint16 feeBps,
        uint32 perWindow,
        uint64 window
    ) AccountRateLimit(perWindow, window) {
        if (
            address(joy_) == address(0) ||
            address(verifierFactory_) == address(0) ||
            admin == address(0) ||
            treasury_ == address(0)
        ) revert ZeroAddress();
        if (feeBps > MAX_PLATFORM_FEE_BPS) revert FeeTooHigh(feeBps, MAX_PLATFORM_FEE_BPS);
        joy = joy_;
        verifierFactory = verifierFactory_;
        treasury = treasury_;
        platformFeeBps = feeBps;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, admin);
    }

    // ---- publishing ----------------------------------------------------------------------

    /// @inheritdoc IModelMarketplace
    function registerModel(Registration calldata r) external whenNotPaused returns (uint256 id) {
        _checkField("name", r.name);
        _checkField("task", r.task);
        _checkField("licence", r.licence);
        _checkVersionFields(r.weightsCid, r.cardCid, r.spec, r.sizeBytes);
        if (r.derivativeRoyaltyBps > MAX_DERIVATIVE_ROYALTY_BPS) {
            revert RoyaltyTooHigh(r.derivativeRoyaltyBps, MAX_DERIVATIVE_ROYALTY_BPS);
        }
        if (r.parentIdPlusOne != 0 && r.parentIdPlusOne > _models.length) revert UnknownModel(r.parentIdPlusOne - 1);
        bytes32 nameHash = keccak256(bytes(r.name));
        uint256 existing = _idByName[nameHash];
        if (existing != 0) revert NameTaken(r.name, existing - 1);
        _countAction(msg.sender);

        id = _models.length;
        _models.push(
            Model({
                creator: msg.sender,
                name: r.name,
                task: r.task,
                licence: r.licence,
                parentIdPlusOne: r.parentIdPlusOne,
                pricePerUse: r.pricePerUse,
                licencePrice: r.licencePrice,
                derivativeRoyaltyBps: r.derivativeRoyaltyBps,
                listed: true,
                registeredAt: uint64(block.timestamp),
                uses: 0,
                versionCount: 0
            })
        );
        _idByName[nameHash] = id + 1;
        _modelsRegistered[msg.sender] += 1;
        emit ModelRegistered(id, msg.sender, r.name, r.parentIdPlusOne);
        emit PricesChanged(id, r.pricePerUse, r.licencePrice);
        _pushVersion(id, r.weightsCid, r.cardCid, r.spec, r.sizeBytes);
    }

    /// @inheritdoc IModelMarketplace
    function publishVersion(
        uint256 id,
        string calldata weightsCid,
        string calldata cardCid,
        string calldata spec,
        uint64 sizeBytes
    ) external whenNotPaused {
        _onlyCreator(id);
        _checkVersionFields(weightsCid, cardCid, spec, sizeBytes);
        _pushVersion(id, weightsCid, cardCid, spec, sizeBytes);
    }

    /// @inheritdoc IModelMarketplace
    function registerProver(uint256 id, uint32 version, Prover calldata prover) external whenNotPaused {
        _onlyCreator(id);
        _versionExists(id, version);
        address existing = _provers[id][version].verifier;
        if (existing != address(0)) revert ProverAlreadyRegistered(id, version, existing);
        // Only a verifier the factory made from a verification key: any other contract (an
        // always-true one, a proxy that can change) could accept proofs of nothing.
        if (verifierFactory.keyHashOf(prover.verifier) == bytes32(0)) revert UnknownVerifier(prover.verifier);
        _checkField("circuitCid", prover.circuitCid);
        _checkField("provingKeyCid", prover.provingKeyCid);
        if (prover.circuitBytes == 0 || prover.provingKeyBytes == 0) revert ZeroSize();
        _provers[id][version] = prover;
        _registeredCids[keccak256(bytes(prover.circuitCid))] = true;
        _registeredCids[keccak256(bytes(prover.provingKeyCid))] = true;
        emit ProverRegistered(id, version, prover.verifier, prover.circuitCid, prover.provingKeyCid);
    }

    /// @inheritdoc IModelMarketplace
    function setPrices(uint256 id, uint256 pricePerUse, uint256 licencePrice) external {
        _onlyCreator(id);
        Model storage m = _models[id];
        m.pricePerUse = pricePerUse;
        m.licencePrice = licencePrice;
        emit PricesChanged(id, pricePerUse, licencePrice);
    }

    /// @notice Lists or delists a model: its creator either way, a guardian to delist.
    function setListed(uint256 id, bool listed) external {
        _exists(id);
        Model storage m = _models[id];
        bool guardianDelisting = !listed && hasRole(GUARDIAN_ROLE, msg.sender);
        if (m.creator != msg.sender && !guardianDelisting) revert NotCreator(id, msg.sender);
        m.listed = listed;
        emit ListingChanged(id, listed);
    }

    // ---- paying --------------------------------------------------------------------------

    /// @notice Buys a perpetual licence for the caller at the licence price (needs an allowance).
    function buyLicence(uint256 id, uint256 maxPrice) external nonReentrant whenNotPaused {
        Model storage m = _listedModel(id);
        uint256 price = m.licencePrice;
        if (price == 0) revert NoLicenceForSale(id);
        if (price > maxPrice) revert PriceAboveMax(id, price, maxPrice);
        if (_licences[id][msg.sender]) revert AlreadyLicensed(id, msg.sender);

        _licences[id][msg.sender] = true;
        _split(id, price);
        emit LicenceBought(id, msg.sender, price);

        joy.safeTransferFrom(msg.sender, address(this), price);
    }

    /// @notice Adds JOY to the caller's prepaid balance for pay-per-use (needs an allowance).
    function deposit(uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        _prepaid[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
        joy.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Takes JOY back out of the caller's prepaid balance.
    function withdrawPrepaid(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 available = _prepaid[msg.sender];
        if (available < amount) revert InsufficientPrepaid(msg.sender, available, amount);
        _prepaid[msg.sender] = available - amount;
        emit PrepaidWithdrawn(msg.sender, amount);
        joy.safeTransfer(msg.sender, amount);
    }

    /// @notice Records one use of a model by the caller, paying its per-use price from the prepaid
    /// balance unless the caller holds a licence or the model is free.
    function useModel(uint256 id, uint256 maxPrice) external whenNotPaused {
        Model storage m = _listedModel(id);
        uint256 price = _licences[id][msg.sender] ? 0 : m.pricePerUse;
        if (price > maxPrice) revert PriceAboveMax(id, price, maxPrice);
        if (price > 0) {
            uint256 available = _prepaid[msg.sender];
            if (available < price) revert InsufficientPrepaid(msg.sender, available, price);
            _prepaid[msg.sender] = available - price;
            _split(id, price);
        }
        m.uses += 1;
        emit ModelUsed(id, msg.sender, price);
    }

    /// @notice Sends the caller everything it has earned (royalties, fees).
    function withdrawEarnings() external nonReentrant {
        uint256 amount = _earnings[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _earnings[msg.sender] = 0;
        emit EarningsWithdrawn(msg.sender, amount);
        joy.safeTransfer(msg.sender, amount);
    }

    // ---- admin ---------------------------------------------------------------------------

    function setPlatformFee(uint16 feeBps, address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps > MAX_PLATFORM_FEE_BPS) revert FeeTooHigh(feeBps, MAX_PLATFORM_FEE_BPS);
        if (treasury_ == address(0)) revert ZeroAddress();
        platformFeeBps = feeBps;
        treasury = treasury_;
        emit PlatformFeeChanged(feeBps, treasury_);
    }

    // ---- views ---------------------------------------------------------------------------

    function modelCount() external view returns (uint256) {
        return _models.length;
    }

    function getModel(uint256 id) external view returns (Model memory) {
        _exists(id);
        return _models[id];
    }

    /// @inheritdoc IModelMarketplace
    function creatorOf(uint256 id) external view returns (address) {
        _exists(id);
        return _models[id].creator;
    }

    /// @notice A version of a model; versions count from 0.
    function getVersion(uint256 id, uint32 version) external view returns (Version memory) {
        _versionExists(id, version);
        return _versions[id][version];
    }

    /// @inheritdoc IModelMarketplace
    function getProver(uint256 id, uint32 version) external view returns (Prover memory) {
        _versionExists(id, version);
        return _provers[id][version];
    }

    /// @inheritdoc IModelMarketplace
    function verifierOf(uint256 id, uint32 version) external view returns (address) {
        _versionExists(id, version);
        return _provers[id][version].verifier;
    }

    /// @notice A page of listings (delisted models included, marked), `offset` first.
    function listModels(uint256 offset, uint256 limit) external view returns (Listing[] memory page) {
        uint256 total = _models.length;
        if (offset >= total) return new Listing[](0);
        uint256 end = offset + limit > total ? total : offset + limit;
        page = new Listing[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            Version[] storage versions = _versions[i];
            page[i - offset] = Listing({id: i, model: _models[i], latest: versions[versions.length - 1]});
        }
    }

    function modelIdByName(string calldata name) external view returns (uint256) {
        uint256 idPlusOne = _idByName[keccak256(bytes(name))];
        if (idPlusOne == 0) revert UnknownName(name);
        return idPlusOne - 1;
    }

    function hasLicence(uint256 id, address account) external view returns (bool) {
        return _licences[id][account];
    }

    function prepaidOf(address account) external view returns (uint256) {
        return _prepaid[account];
    }

    function earningsOf(address account) external view returns (uint256) {
        return _earnings[account];
    }

    function isRegisteredCid(string calldata cid) external view returns (bool) {
        return _registeredCids[keccak256(bytes(cid))];
    }

    function isPublisher(address account) external view returns (bool) {
        return _modelsRegistered[account] > 0;
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IModelMarketplace).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---- internals -----------------------------------------------------------------------

    /// @dev Credits a payment for model `id`: the parent's creator its royalty, the platform its
    /// fee, the creator the rest.
    function _split(uint256 id, uint256 amount) private {
        Model storage m = _models[id];
        uint256 parentShare;
        if (m.parentIdPlusOne != 0) {
            Model storage parent = _models[m.parentIdPlusOne - 1];
            parentShare = (amount * parent.derivativeRoyaltyBps) / BPS;
            _earnings[parent.creator] += parentShare;
        }
        uint256 platformShare = (amount * platformFeeBps) / BPS;
        uint256 creatorShare = amount - parentShare - platformShare;
        _earnings[treasury] += platformShare;
        _earnings[m.creator] += creatorShare;
        emit RevenueSplit(id, creatorShare, parentShare, platformShare);
    }

    function _pushVersion(
        uint256 id,
        string calldata weightsCid,
        string calldata cardCid,
        string calldata spec,
        uint64 sizeBytes
    ) private {
        _versions[id].push(
            Version({
                weightsCid: weightsCid,
                cardCid: cardCid,
                spec: spec,
                sizeBytes: sizeBytes,
                publishedAt: uint64(block.timestamp)
            })
        );
        _registeredCids[keccak256(bytes(weightsCid))] = true;
        _registeredCids[keccak256(bytes(cardCid))] = true;
        uint32 version = _models[id].versionCount;
        _models[id].versionCount = version + 1;
        emit VersionPublished(id, version, weightsCid, cardCid);
    }

    function _exists(uint256 id) private view {
        if (id >= _models.length) revert UnknownModel(id);
    }

    function _versionExists(uint256 id, uint32 version) private view {
        _exists(id);
        if (version >= _versions[id].length) revert UnknownVersion(id, version);
    }

    function _onlyCreator(uint256 id) private view {
        _exists(id);
        if (_models[id].creator != msg.sender) revert NotCreator(id, msg.sender);
    }

    function _listedModel(uint256 id) private view returns (Model storage m) {
        _exists(id);
        m = _models[id];
        if (!m.listed) revert NotListed(id);
    }

    function _checkVersionFields(
        string calldata weightsCid,
        string calldata cardCid,
        string calldata spec,
        uint64 sizeBytes
    ) private pure {
        _checkField("weightsCid", weightsCid);
        _checkField("cardCid", cardCid);
        _checkField("spec", spec);
        if (sizeBytes == 0) revert ZeroSize();
    }

    function _checkField(string memory field, string calldata value) private pure {
        uint256 length = bytes(value).length;
        if (length == 0) revert EmptyField(field);
        if (length > MAX_FIELD_BYTES) revert FieldTooLong(field, length);
    }
}
