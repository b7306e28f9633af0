// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPermaNetDomainRegistry
/// @notice Names under PermaNet's TLDs as ERC-721 tokens whose id is the name's EIP-137 namehash,
/// with their resolver records in the same contract: address (EIP-137, and EIP-2304 for other
/// coins), content hash (EIP-1577) and text records (EIP-634). Registration is commit–reveal
/// against front-running; a name expires, anyone may renew it, and after its TLD's grace period an
/// expired name can be taken. Under a TLD that approves registrations, the fee waits in escrow
/// until the TLD's owner (its DAO) approves or rejects, and is refunded whole when rejected or left
/// undecided. Fees are paid in JOY, by allowance or in one ERC-1363 `transferAndCall`, and kept per
/// TLD until withdrawn to its treasury and to the platform's.
interface IPermaNetDomainRegistry {
    /// @notice Records set with a registration (all optional).
    /// @param coinAddress The address for coin type 60 (Ethereum), or zero.
    /// @param contenthash EIP-1577 bytes, e.g. an IPFS CID's.
    /// @param modelIdPlusOne A model of the registrant's to link the name to, plus one; 0 for none.
    /// The registry checks that the registrant made it and that the TLD's policy allows links.
    struct Records {
        address coinAddress;
        bytes contenthash;
        string[] textKeys;
        string[] textValues;
        uint256 modelIdPlusOne;
    }

    /// @notice What a commitment hides, and a registration reveals.
    /// @param tld The TLD's node.
    /// @param yearCount Years bought, within the TLD's policy.
    /// @param secret Random bytes that make the commitment unguessable.
    struct Registration {
        string label;
        bytes32 tld;
        address owner;
        uint32 yearCount;
        bytes32 secret;
        Records records;
    }

    /// @notice A registration under a TLD that approves each one, escrowed until it is decided.
    /// @param registration The hash of the registration, given whole again when it is approved.
    struct Pending {
        address owner;
        uint64 decideBy;
        uint32 yearCount;
        uint256 fee;
        uint256 platformPart;
        bytes32 registration;
    }

    event CommitmentMade(bytes32 indexed commitment);
    event NameRegistered(
        bytes32 indexed node,
        bytes32 indexed tld,
        string label,
        address indexed owner,
        uint64 expires
    );
    event RegistrationPending(
        bytes32 indexed node,
        bytes32 indexed tld,
        string label,
        address indexed owner,
        uint256 fee
    );
    /// @notice A name opens a model now (set at registration, or through the marketplace adapter).
    event ModelLinked(bytes32 indexed node, uint256 indexed modelId);
    /// @notice A name opens no model any more: unlinked, or it changed hands.
    event ModelUnlinked(bytes32 indexed node);
    event RegistrationRejected(bytes32 indexed node, address indexed owner, uint256 refund);
    event NameRenewed(bytes32 indexed node, uint64 expires, address indexed payer, uint256 fee);
    /// @notice A subdomain made or given anew: its node is `label`'s namehash under `parent`, and its
    /// owner is in the ERC-721 Transfer beside it (neither logged twice).
    event SubdomainSet(bytes32 indexed parent, string label);
    /// @notice EIP-137's event for coin type 60.
    event AddrChanged(bytes32 indexed node, address a);
    /// @notice EIP-2304's event.
    event AddressChanged(bytes32 indexed node, uint256 coinType, bytes newAddress);
    /// @notice EIP-1577's event.
    event ContenthashChanged(bytes32 indexed node, bytes hash);
    /// @notice EIP-634's event.
    event TextChanged(bytes32 indexed node, string indexed indexedKey, string key, string value);
    event Withdrawn(
        bytes32 indexed tld,
        address indexed treasury,
        address indexed platformTreasury,
        uint256 toTreasury,
        uint256 toPlatform
    );

    error CommitmentTooNew(bytes32 commitment, uint256 age, uint256 minAge);
    error CommitmentTooOld(bytes32 commitment, uint256 age, uint256 maxAge);
    error CommitmentUnknown(bytes32 commitment);
    error NameUnavailable(bytes32 node);
    error NameReservedByTld(string label);
    error NameExpired(bytes32 node);
    error NotNameOwner(bytes32 node, address caller);
    error DurationOutOfPolicy(uint32 yearCount, uint32 minYears, uint32 maxYears);
    error RenewalPastMax(uint64 expires, uint64 maxExpires);
    error RenewalPastGrace(bytes32 node);
    error WrongPayment(uint256 paid, uint256 fee);
    error NotPending(bytes32 node);
    error StillPending(bytes32 node, uint64 decideBy);
    error NotTldOwner(bytes32 tld, address caller);
    error TooDeep(bytes32 parent);
    error RegistrationMismatch(bytes32 node);
    error TextRecordsMismatch(uint256 keys, uint256 values);
    error NotJoy(address token);
    error NotModelCreator(uint256 modelId, address account);
    error LinksNotAllowed(bytes32 tld);
    error NotAdapter(address caller);
    error ZeroAddress();

    /// @notice Commits the caller to a registration it reveals later (one commitment per account:
    /// a new one replaces it); only the caller can reveal it.
    function commit(bytes32 commitment) external;
    function register(Registration calldata registration) external returns (bytes32 node);
    function renew(bytes32 node, uint32 yearCount) external;
    function approveRegistration(Registration calldata registration) external;
    function rejectRegistration(bytes32 node) external;
    function expirePending(bytes32 node) external;
    function setSubdomain(bytes32 parent, string calldata label, address owner) external returns (bytes32 node);
    function setAddr(bytes32 node, address a) external;
    function setAddr(bytes32 node, uint256 coinType, bytes calldata a) external;
    function setContenthash(bytes32 node, bytes calldata hash) external;
    function setText(bytes32 node, string calldata key, string calldata value) external;
    /// @notice The marketplace adapter's, once it has checked a link: `modelIdPlusOne` 0 unlinks.
    function setModelLink(bytes32 node, uint256 modelIdPlusOne) external;
    /// @notice Sends a TLD's fees to its treasury and the platform's part to the platform (anyone may).
    function withdraw(bytes32 tld) external;

    function makeCommitment(Registration calldata registration) external pure returns (bytes32);
    function available(bytes32 tld, string calldata label) external view returns (bool);
    function expiresOf(bytes32 node) external view returns (uint64);
    /// @notice A name's TLD, and how many times it has changed hands (a new registration included).
    function nameOf(bytes32 node) external view returns (bytes32 tld, uint32 transfers);
    function pendingOf(bytes32 node) external view returns (Pending memory);
    function addr(bytes32 node) external view returns (address);
    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory);
    function contenthash(bytes32 node) external view returns (bytes memory);
    function text(bytes32 node, string calldata key) external view returns (string memory);
    /// @notice The model linked to `node`, plus one; 0 for none. Dropped whenever the name changes
    /// hands; the adapter's `modelOf` also checks the model's creator is still the name's owner.
    function modelLinkOf(bytes32 node) external view returns (uint256 modelIdPlusOne);
    /// @notice A TLD's fees not yet withdrawn: the owner's part and the platform's.
    function earningsOf(bytes32 tld) external view returns (uint256 owner, uint256 platform);
}
