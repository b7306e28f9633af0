// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1363Receiver} from "@openzeppelin/contracts/interfaces/IERC1363Receiver.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPermaNetDomainRegistry} from "./IPermaNetDomainRegistry.sol";
import {IModelMarketplace} from "../marketplace/IModelMarketplace.sol";
import {IPermaNetMarketplaceAdapter} from "./IPermaNetMarketplaceAdapter.sol";
import {ITldRegistry} from "./ITldRegistry.sol";
import {LabelRules} from "./LabelRules.sol";
import {ShortBytes} from "./ShortBytes.sol";

/// @title PermaNetDomainRegistry
/// @notice Names, their ownership and their records (see IPermaNetDomainRegistry). A name's token
/// id is its namehash; `ownerOf` refuses an expired name, as ENS's registrar does. Records are kept
/// per registration (a version per name), so a name taken after expiry starts with none. `multicall`
/// (OpenZeppelin's, as ENS's resolver has) sets several records, or makes a subdomain and sets its
/// records, in one transaction.
/// @dev Laid out for gas: a name is one slot (its TLD by id), a commitment one slot per account
/// that is reused, fees one slot per TLD, a content hash two slots.
contract PermaNetDomainRegistry is
    IPermaNetDomainRegistry,
    ERC721,
    Multicall,
    ReentrancyGuardTransient,
    IERC1363Receiver
{
    using SafeERC20 for IERC20;
    using ShortBytes for ShortBytes.Stored;

    /// @notice Coin type of Ethereum addresses (SLIP-44), EIP-137's `addr(node)`.
    uint256 public constant COIN_TYPE_ETH = 60;
    /// @notice How long a TLD's owner has to decide a pending registration.
    uint64 public constant DECISION_PERIOD = 30 days;
    /// @notice Names at most this many labels below their TLD.
    uint8 public constant MAX_DEPTH = 8;
    /// @dev EIP-1577's ipfs-ns (e3 01), then CID version 1; and a SHA-256 multihash's header: the
    /// content hash of a CIDv1 is these around its codec, then the digest.
    bytes3 private constant IPFS_CIDV1 = 0xe30101;
    bytes2 private constant SHA256_MULTIHASH = 0x1220;
    bytes6 private constant COMPACT_FORM = 0xe30101001220;
    bytes6 private constant COMPACT_MASK = 0xffffff00ffff;

    /// @param tldId The TLD's id in the TLD registry.
    /// @param expires When a registered name expires (a subdomain lives as long as its parent).
    /// @param version Which records are the name's: raised when the name is registered anew.
    /// @param parentVersion For a subdomain, the parent's version it was set under: a subdomain
    /// does not outlive its parent's registration (a new owner of the parent inherits none).
    /// @param depth Labels below the TLD (1 for a registered name, 0 for none).
    /// @param labelBytes The label's length, which prices renewals.
    /// @param transfers How many times the name has changed hands: a model link names the count.
    /// @param modelIdPlusOne The model the name opens, plus one (0 for none): in this slot, which a
    /// registration and a transfer write anyway, so a link costs no slot of its own and a transfer
    /// drops it.
    /// @param contentCodec For the usual content hash, an IPFS CIDv1 of a SHA-256 digest (38 bytes:
    /// e3 01 01 <codec> 12 20 <digest>), its content codec, with the digest alone in `_digests`: one
    /// slot where the whole hash takes two. 0 when the content hash (if any) is kept whole.
    struct NameRecord {
        uint32 tldId;
        uint64 expires;
        uint32 version;
        uint32 parentVersion;
        uint8 depth;
        uint8 labelBytes;
        uint32 transfers;
        uint8 contentCodec;
        uint40 modelIdPlusOne;
    }

    /// @dev The hash of an account's commitment (its first 24 bytes) and when it was made; a used
    /// one keeps the slot with a zero hash, so the account's next commitment costs less.
    struct Commitment {
        bytes24 hash;
        uint64 time;
    }

    /// @dev Fees of one TLD not yet withdrawn.
    struct Earned {
        uint128 owner;
        uint128 platform;
    }

    ITldRegistry public immutable tlds;
    IERC20 public immutable joy;
    IPermaNetMarketplaceAdapter public immutable models;
    IModelMarketplace public immutable marketplace;
    uint256 public immutable minCommitmentAge;
    uint256 public immutable maxCommitmentAge;

    mapping(address account => Commitment) private _commitments;
    mapping(bytes32 node => NameRecord) private _names;
    mapping(bytes32 node => bytes32 parent) private _parents;
    mapping(bytes32 node => Pending) private _pending;
    mapping(uint32 tldId => Earned) private _earned;
    mapping(bytes32 node => mapping(uint32 version => mapping(uint256 coinType => bytes))) private _addresses;
    mapping(bytes32 node => mapping(uint32 version => ShortBytes.Stored)) private _contenthashes;
    mapping(bytes32 node => mapping(uint32 version => bytes32 digest)) private _digests;
    mapping(bytes32 node => mapping(uint32 version => mapping(string key => string))) private _texts;

    modifier onlyNameOwner(bytes32 node) {
        if (ownerOf(uint256(node)) != msg.sender) revert NotNameOwner(node, msg.sender);
        _;
    }

    /// @param models_ The marketplace adapter, deployed after this contract (its address is known
    /// from the deployer's nonce): links made after registration come through it.
    /// @param marketplace_ Whose models names link to: a registration's link is checked against it.
    constructor(
        ITldRegistry tlds_,
        IERC20 joy_,
        IPermaNetMarketplaceAdapter models_,
        IModelMarketplace marketplace_,
        uint256 minCommitmentAge_,
        uint256 maxCommitmentAge_
    ) ERC721("PermaNet names", "PNAME") {
        if (address(tlds_) == address(0) || address(joy_) == address(0)) revert ZeroAddress();
        tlds = tlds_;
        joy = joy_;
        models = models_;
        marketplace = marketplace_;
        minCommitmentAge = minCommitmentAge_;
        maxCommitmentAge = maxCommitmentAge_;
    }

    // ---- registration ----

    /// @inheritdoc IPermaNetDomainRegistry
    function makeCommitment(Registration calldata registration) public pure returns (bytes32) {
        return keccak256(abi.encode(registration));
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function commit(bytes32 commitment) external {
        _commitments[msg.sender] = Commitment({hash: bytes24(commitment), time: uint64(block.timestamp)});
        emit CommitmentMade(commitment);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    /// @dev Pays by allowance: the fee in JOY approved to this contract beforehand.
    function register(Registration calldata registration) external nonReentrant returns (bytes32 node) {
        uint256 fee;
        (node, fee) = _register(registration, msg.sender);
        joy.safeTransferFrom(msg.sender, address(this), fee);
    }

    /// @notice ERC-1363: `joy.transferAndCall(registry, fee, data)` registers (data: the Registration,
    /// committed by the payer) or renews (data: abi.encode(node, yearCount), 64 bytes) in one
    /// transaction, with no allowance.
    function onTransferReceived(
        address,
        address from,
        uint256 value,
        bytes calldata data
    ) external nonReentrant returns (bytes4) {
        if (msg.sender != address(joy)) revert NotJoy(msg.sender);
        uint256 fee;
        if (data.length == 64) {
            (bytes32 node, uint32 yearCount) = abi.decode(data, (bytes32, uint32));
            fee = _renew(node, yearCount, from);
        } else {
            (, fee) = _register(abi.decode(data, (Registration)), from);
        }
        // The tokens are here already: a payment other than the fee is refused whole.
        if (value != fee) revert WrongPayment(value, fee);
        return IERC1363Receiver.onTransferReceived.selector;
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function renew(bytes32 node, uint32 yearCount) external nonReentrant {
        uint256 fee = _renew(node, yearCount, msg.sender);
        joy.safeTransferFrom(msg.sender, address(this), fee);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function approveRegistration(Registration calldata registration) external nonReentrant {
        bytes32 node = LabelRules.child(registration.tld, keccak256(bytes(registration.label)));
        Pending memory pending = _pending[node];
        if (pending.owner == address(0)) revert NotPending(node);
        _onlyTldOwner(registration.tld);
        if (pending.registration != keccak256(abi.encode(registration))) revert RegistrationMismatch(node);
        delete _pending[node];
        uint32 tldId = _names[node].tldId;
        _credit(tldId, pending.fee, pending.platformPart);
        bool modelLinks = tlds.quoteById(tldId, bytes(registration.label).length, 1).modelLinks;
        _mintName(node, registration, tldId, pending.yearCount, modelLinks);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function rejectRegistration(bytes32 node) external nonReentrant {
        Pending memory pending = _pending[node];
        if (pending.owner == address(0)) revert NotPending(node);
        _onlyTldOwner(tlds.nodeOf(_names[node].tldId));
        _refund(node, pending);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function expirePending(bytes32 node) external nonReentrant {
        Pending memory pending = _pending[node];
        if (pending.owner == address(0)) revert NotPending(node);
        if (block.timestamp <= pending.decideBy) revert StillPending(node, pending.decideBy);
        _refund(node, pending);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function withdraw(bytes32 tld) external nonReentrant {
        ITldRegistry.Tld memory t = tlds.tldOf(tld);
        Earned memory earned = _earned[t.id];
        delete _earned[t.id];
        address platform = tlds.platformTreasury();
        emit Withdrawn(tld, t.treasury, platform, earned.owner, earned.platform);
        if (earned.owner != 0) joy.safeTransfer(t.treasury, earned.owner);
        if (earned.platform != 0) joy.safeTransfer(platform, earned.platform);
    }

    // ---- subdomains and records ----

    /// @inheritdoc IPermaNetDomainRegistry
    /// @dev A name's owner controls its subdomains, as in ENS's registry: setting one that exists
    /// gives it to `owner`.
    function setSubdomain(
        bytes32 parent,
        string calldata label,
        address owner
    ) external onlyNameOwner(parent) returns (bytes32 node) {
        if (!LabelRules.isValid(label)) revert ITldRegistry.InvalidLabel(label);
        if (owner == address(0)) revert ZeroAddress();
        NameRecord memory up = _names[parent];
        if (up.depth >= MAX_DEPTH) revert TooDeep(parent);
        node = LabelRules.child(parent, keccak256(bytes(label)));
        NameRecord memory name = _names[node];
        address holder = _ownerOf(uint256(node));
        if (holder != address(0) && name.parentVersion == up.version) {
            _transfer(holder, owner, uint256(node));
        } else {
            // New, or left from the parent's earlier registration: it starts afresh, with no records.
            _names[node] = NameRecord({
                tldId: up.tldId,
                expires: 0,
                version: name.version + 1,
                parentVersion: up.version,
                depth: up.depth + 1,
                labelBytes: uint8(bytes(label).length),
                transfers: name.transfers,
                contentCodec: 0,
                modelIdPlusOne: 0
            });
            if (holder == address(0)) {
                _parents[node] = parent;
                _safeMint(owner, uint256(node));
            } else {
                _transfer(holder, owner, uint256(node));
            }
        }
        emit SubdomainSet(parent, label);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function setAddr(bytes32 node, address a) external onlyNameOwner(node) {
        _setAddress(node, _names[node].version, COIN_TYPE_ETH, abi.encodePacked(a));
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function setAddr(bytes32 node, uint256 coinType, bytes calldata a) external onlyNameOwner(node) {
        _setAddress(node, _names[node].version, coinType, a);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function setContenthash(bytes32 node, bytes calldata hash) external onlyNameOwner(node) {
        _setContenthash(node, hash);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function setText(bytes32 node, string calldata key, string calldata value) external onlyNameOwner(node) {
        _texts[node][_names[node].version][key] = value;
        emit TextChanged(node, key, key, value);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function setModelLink(bytes32 node, uint256 modelIdPlusOne) external {
        if (msg.sender != address(models)) revert NotAdapter(msg.sender);
        _names[node].modelIdPlusOne = uint40(modelIdPlusOne);
        if (modelIdPlusOne == 0) emit ModelUnlinked(node);
        else emit ModelLinked(node, modelIdPlusOne - 1);
    }

    // ---- views ----

    /// @notice The owner of a live name; reverts for one expired (or whose parent expired).
    function ownerOf(uint256 tokenId) public view override returns (address) {
        bytes32 node = bytes32(tokenId);
        if (_names[node].depth != 0 && !_live(node)) revert NameExpired(node);
        return super.ownerOf(tokenId);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function available(bytes32 tld, string calldata label) external view returns (bool) {
        if (!LabelRules.isValid(label) || !tlds.exists(tld)) return false;
        bytes32 labelhash = keccak256(bytes(label));
        ITldRegistry.Quote memory q = tlds.quote(tld, labelhash, bytes(label).length, 1);
        return !q.reserved && _takeable(LabelRules.child(tld, labelhash), q.gracePeriod);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function expiresOf(bytes32 node) public view returns (uint64) {
        NameRecord storage name = _names[node];
        return name.depth > 1 ? expiresOf(_parents[node]) : name.expires;
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function nameOf(bytes32 node) external view returns (bytes32 tld, uint32 transfers) {
        NameRecord storage name = _names[node];
        return (tlds.nodeOf(name.tldId), name.transfers);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function pendingOf(bytes32 node) external view returns (Pending memory) {
        return _pending[node];
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function addr(bytes32 node) external view returns (address) {
        bytes memory a = _addresses[node][_names[node].version][COIN_TYPE_ETH];
        return a.length == 20 ? address(bytes20(a)) : address(0);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory) {
        return _addresses[node][_names[node].version][coinType];
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function contenthash(bytes32 node) external view returns (bytes memory) {
        NameRecord storage name = _names[node];
        uint8 codec = name.contentCodec;
        if (codec == 0) return _contenthashes[node][name.version].get();
        return bytes.concat(IPFS_CIDV1, bytes1(codec), SHA256_MULTIHASH, _digests[node][name.version]);
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function text(bytes32 node, string calldata key) external view returns (string memory) {
        return _texts[node][_names[node].version][key];
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function modelLinkOf(bytes32 node) external view returns (uint256) {
        return _names[node].modelIdPlusOne;
    }

    /// @inheritdoc IPermaNetDomainRegistry
    function earningsOf(bytes32 tld) external view returns (uint256 owner, uint256 platform) {
        Earned memory earned = _earned[tlds.tldOf(tld).id];
        return (earned.owner, earned.platform);
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IPermaNetDomainRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---- internals ----

    /// @dev Checks `payer`'s commitment and the registration, then registers it (or escrows it,
    /// under a TLD that approves); returns the node and the fee `payer` must have paid.
    function _register(Registration memory registration, address payer) private returns (bytes32 node, uint256 fee) {
        bytes32 commitment = keccak256(abi.encode(registration));
        Commitment memory made = _commitments[payer];
        if (made.hash != bytes24(commitment)) revert CommitmentUnknown(commitment);
        uint256 age = block.timestamp - made.time;
        if (age < minCommitmentAge) revert CommitmentTooNew(commitment, age, minCommitmentAge);
        if (age > maxCommitmentAge) revert CommitmentTooOld(commitment, age, maxCommitmentAge);
        _commitments[payer].hash = bytes24(0);

        if (registration.owner == address(0)) revert ZeroAddress();
        if (!LabelRules.isValid(registration.label)) revert ITldRegistry.InvalidLabel(registration.label);
        bytes32 labelhash = keccak256(bytes(registration.label));
        ITldRegistry.Quote memory q = tlds.quote(
            registration.tld,
            labelhash,
            bytes(registration.label).length,
            registration.yearCount
        );
        if (q.reserved) revert NameReservedByTld(registration.label);
        if (registration.yearCount < q.minYears || registration.yearCount > q.maxYears)
            revert DurationOutOfPolicy(registration.yearCount, q.minYears, q.maxYears);
        if (registration.records.textKeys.length != registration.records.textValues.length)
            revert TextRecordsMismatch(registration.records.textKeys.length, registration.records.textValues.length);
        node = LabelRules.child(registration.tld, labelhash);
        if (!_takeable(node, q.gracePeriod)) revert NameUnavailable(node);

        fee = q.fee;
        if (q.needsApproval) {
            _pending[node] = Pending({
                owner: registration.owner,
                decideBy: uint64(block.timestamp) + DECISION_PERIOD,
                yearCount: registration.yearCount,
                fee: fee,
                platformPart: q.platformPart,
                registration: commitment
            });
            _names[node].tldId = q.id;
            emit RegistrationPending(node, registration.tld, registration.label, registration.owner, fee);
        } else {
            _credit(q.id, fee, q.platformPart);
            _mintName(node, registration, q.id, registration.yearCount, q.modelLinks);
        }
    }

    function _renew(bytes32 node, uint32 yearCount, address payer) private returns (uint256 fee) {
        NameRecord storage name = _names[node];
        if (name.depth != 1) revert NameUnavailable(node);
        ITldRegistry.Quote memory q = tlds.quoteById(name.tldId, name.labelBytes, yearCount);
        if (block.timestamp > uint256(name.expires) + q.gracePeriod) revert RenewalPastGrace(node);
        if (yearCount < q.minYears) revert DurationOutOfPolicy(yearCount, q.minYears, q.maxYears);
        uint64 expires = name.expires + uint64(yearCount) * 365 days;
        uint64 maxExpires = uint64(block.timestamp) + uint64(q.maxYears) * 365 days;
        if (expires > maxExpires) revert RenewalPastMax(expires, maxExpires);
        name.expires = expires;
        fee = q.fee;
        _credit(q.id, fee, q.platformPart);
        emit NameRenewed(node, expires, payer, fee);
    }

    function _mintName(
        bytes32 node,
        Registration memory registration,
        uint32 tldId,
        uint32 yearCount,
        bool modelLinks
    ) private {
        uint64 expires = uint64(block.timestamp) + uint64(yearCount) * 365 days;
        NameRecord memory before = _names[node];
        uint32 version = before.version + 1;
        _names[node] = NameRecord({
            tldId: tldId,
            expires: expires,
            version: version,
            parentVersion: 0,
            depth: 1,
            labelBytes: uint8(bytes(registration.label).length),
            transfers: before.transfers,
            contentCodec: 0,
            modelIdPlusOne: 0
        });
        address previous = _ownerOf(uint256(node));
        if (previous == address(0)) _mint(registration.owner, uint256(node));
        else _transfer(previous, registration.owner, uint256(node));
        emit NameRegistered(node, registration.tld, registration.label, registration.owner, expires);

        Records memory records = registration.records;
        if (records.coinAddress != address(0))
            _setAddress(node, version, COIN_TYPE_ETH, abi.encodePacked(records.coinAddress));
        if (records.contenthash.length != 0) _setContenthash(node, records.contenthash);
        for (uint256 i = 0; i < records.textKeys.length; i++) {
            _texts[node][version][records.textKeys[i]] = records.textValues[i];
            emit TextChanged(node, records.textKeys[i], records.textKeys[i], records.textValues[i]);
        }
        if (records.modelIdPlusOne != 0) {
            uint256 modelId = records.modelIdPlusOne - 1;
            if (!modelLinks) revert LinksNotAllowed(registration.tld);
            if (marketplace.creatorOf(modelId) != registration.owner)
                revert NotModelCreator(modelId, registration.owner);
            _names[node].modelIdPlusOne = uint40(records.modelIdPlusOne);
            emit ModelLinked(node, modelId);
        }
    }

    /// @dev Keeps an IPFS CIDv1 of a SHA-256 digest with a one-byte codec as the codec and the
    /// digest, any other hash whole.
    function _setContenthash(bytes32 node, bytes memory hash) private {
        NameRecord storage name = _names[node];
        bytes32 head;
        bytes32 digest;
        assembly {
            head := mload(add(hash, 32))
            digest := mload(add(hash, 38))
        }
        uint8 codec = uint8(head[3]);
        if (hash.length != 38 || bytes6(head) & COMPACT_MASK != COMPACT_FORM || codec == 0 || codec >= 0x80) codec = 0;
        if (codec != 0) _digests[node][name.version] = digest;
        else _contenthashes[node][name.version].set(hash);
        if (name.contentCodec != codec) name.contentCodec = codec;
        emit ContenthashChanged(node, hash);
    }

    function _setAddress(bytes32 node, uint32 version, uint256 coinType, bytes memory a) private {
        _addresses[node][version][coinType] = a;
        if (coinType == COIN_TYPE_ETH) emit AddrChanged(node, a.length == 20 ? address(bytes20(a)) : address(0));
        emit AddressChanged(node, coinType, a);
    }

    function _credit(uint32 tldId, uint256 fee, uint256 platformPart) private {
        if (fee == 0) return;
        Earned storage earned = _earned[tldId];
        earned.owner += uint128(fee - platformPart);
        earned.platform += uint128(platformPart);
    }

    function _refund(bytes32 node, Pending memory pending) private {
        delete _pending[node];
        emit RegistrationRejected(node, pending.owner, pending.fee);
        if (pending.fee != 0) joy.safeTransfer(pending.owner, pending.fee);
    }

    function _onlyTldOwner(bytes32 tld) private view {
        if (tlds.tldOf(tld).owner != msg.sender) revert NotTldOwner(tld, msg.sender);
    }

    /// @dev Whether a name is within its expiry: a subdomain, while it belongs to its parent's
    /// current registration and that is live.
    function _live(bytes32 node) private view returns (bool) {
        NameRecord storage name = _names[node];
        if (name.depth <= 1) return block.timestamp <= name.expires;
        bytes32 parent = _parents[node];
        return _names[parent].version == name.parentVersion && _live(parent);
    }

    /// @dev Free to register: never registered, or past expiry and the TLD's grace period, and no
    /// registration of it waiting for a decision.
    function _takeable(bytes32 node, uint64 gracePeriod) private view returns (bool) {
        if (_pending[node].owner != address(0)) return false;
        NameRecord storage name = _names[node];
        return name.depth == 0 || block.timestamp > uint256(name.expires) + gracePeriod;
    }

    /// @dev Transfers of expired names are refused (ownerOf reverts for them); mints are not. Each
    /// change of hands is counted, which drops the name's model link.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        bytes32 node = bytes32(tokenId);
        address from = _ownerOf(tokenId);
        if (from != address(0)) {
            if (auth != address(0) && !_live(node)) revert NameExpired(node);
            if (to != from) {
                NameRecord storage name = _names[node];
                name.transfers++;
                if (name.modelIdPlusOne != 0) {
                    name.modelIdPlusOne = 0;
                    emit ModelUnlinked(node);
                }
            }
        }
        return super._update(to, tokenId, auth);
    }
}
