// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IModelMarketplace
/// @notice The marketplace of PermaNet models: listings with versioned weights in IPFS, prices in
/// JOY, licences, pay-per-use from a prepaid balance, and royalties. Its ERC-165 interface id
/// names this version of the interface (the seed's ModelMarketplace and ModelMarketplaceV2 in one).
interface IModelMarketplace {
    /// @notice One published version of a model's weights.
    /// @param weightsCid CIDv1 of the ONNX file.
    /// @param cardCid CIDv1 of the model card (JSON, see contracts/marketplace/model-card.schema.json).
    /// @param spec Input and output spec as JSON.
    /// @param sizeBytes Size of the ONNX file.
    struct Version {
        string weightsCid;
        string cardCid;
        string spec;
        uint64 sizeBytes;
        uint64 publishedAt;
    }

    /// @notice How a version is proved with zero knowledge (models small enough to prove): its
    /// Groth16 verifier, whose circuit holds the weights as constants, and the CIDs of what a prover
    /// needs, fetched like weights: the circuit's witness generator (.wasm) and the proving key (.zkey).
    struct Prover {
        address verifier;
        string circuitCid;
        string provingKeyCid;
        uint64 circuitBytes;
        uint64 provingKeyBytes;
    }

    /// @notice A model's listing and terms.
    /// @param parentId The model this one derives from, plus one (0: none).
    /// @param pricePerUse JOY charged per use to an account without a licence (0: free).
    /// @param licencePrice JOY for a perpetual licence (0: no licence on sale).
    /// @param derivativeRoyaltyBps Share of a derivative's revenue paid to this model's creator.
    struct Model {
        address creator;
        string name;
        string task;
        string licence;
        uint256 parentIdPlusOne;
        uint256 pricePerUse;
        uint256 licencePrice;
        uint16 derivativeRoyaltyBps;
        bool listed;
        uint64 registeredAt;
        uint64 uses;
        uint32 versionCount;
    }

    /// @notice What a registration names.
    struct Registration {
        string name;
        string task;
        string licence;
        string weightsCid;
        string cardCid;
        string spec;
        uint64 sizeBytes;
        uint256 pricePerUse;
        uint256 licencePrice;
        uint16 derivativeRoyaltyBps;
        /// @dev 0 for an original model, else the parent's id plus one.
        uint256 parentIdPlusOne;
    }

    /// @notice A listing as the app shows it: the model and its latest version.
    struct Listing {
        uint256 id;
        Model model;
        Version latest;
    }

    event ModelRegistered(uint256 indexed id, address indexed creator, string name, uint256 parentIdPlusOne);
    event VersionPublished(uint256 indexed id, uint32 indexed version, string weightsCid, string cardCid);
    event ProverRegistered(
        uint256 indexed id,
        uint32 indexed version,
        address verifier,
        string circuitCid,
        string provingKeyCid
    );
    event PricesChanged(uint256 indexed id, uint256 pricePerUse, uint256 licencePrice);
    event ListingChanged(uint256 indexed id, bool listed);
    event LicenceBought(uint256 indexed id, address indexed buyer, uint256 price);
    event ModelUsed(uint256 indexed id, address indexed user, uint256 price);
    event Deposited(address indexed account, uint256 amount);
    event PrepaidWithdrawn(address indexed account, uint256 amount);
    /// @notice A payment was split: what the creator, the parent's creator and the platform got.
    event RevenueSplit(uint256 indexed id, uint256 creatorShare, uint256 parentShare, uint256 platformShare);
    event EarningsWithdrawn(address indexed account, uint256 amount);
    event PlatformFeeChanged(uint16 feeBps, address treasury);

    /// @notice The price is above what the buyer agreed to pay.
    error PriceAboveMax(uint256 id, uint256 price, uint256 maxPrice);

    function registerModel(Registration calldata registration) external returns (uint256 id);
    function publishVersion(
        uint256 id,
        string calldata weightsCid,
        string calldata cardCid,
        string calldata spec,
        uint64 sizeBytes
    ) external;
    /// @notice Registers a version's verifier and proving artifacts, once (the verifier is the
    /// commitment to the model: a version cannot change what proves it). The artifact CIDs join
    /// the CIDs relays pin.
    function registerProver(uint256 id, uint32 version, Prover calldata prover) external;
    function setPrices(uint256 id, uint256 pricePerUse, uint256 licencePrice) external;
    function setListed(uint256 id, bool listed) external;
    /// @notice Buys a perpetual licence at its price, reverting PriceAboveMax above `maxPrice` (a creator
    /// who raises the price after the buyer looked cannot charge more than the buyer agreed to).
    function buyLicence(uint256 id, uint256 maxPrice) external;
    function deposit(uint256 amount) external;
    function withdrawPrepaid(uint256 amount) external;
    /// @notice Pays one use from the prepaid balance, reverting PriceAboveMax above `maxPrice`.
    function useModel(uint256 id, uint256 maxPrice) external;
    function withdrawEarnings() external;

    function modelCount() external view returns (uint256);
    function getModel(uint256 id) external view returns (Model memory);
    /// @notice A model's creator alone: one slot, where getModel reads them all.
    function creatorOf(uint256 id) external view returns (address);
    function getVersion(uint256 id, uint32 version) external view returns (Version memory);
    /// @notice A version's prover; its verifier is the zero address when it has none.
    function getProver(uint256 id, uint32 version) external view returns (Prover memory);
    /// @notice A version's Groth16 verifier alone (zero address: none): one storage read, for
    /// contracts that verify, where getProver would also copy two CID strings.
    function verifierOf(uint256 id, uint32 version) external view returns (address);
    function listModels(uint256 offset, uint256 limit) external view returns (Listing[] memory);
    function modelIdByName(string calldata name) external view returns (uint256);
    function hasLicence(uint256 id, address account) external view returns (bool);
    function prepaidOf(address account) external view returns (uint256);
    function earningsOf(address account) external view returns (uint256);
    /// @notice Whether some version of some model names this CID (weights, card or proving artifact): what relays pin.
    function isRegisteredCid(string calldata cid) external view returns (bool);
    /// @notice Whether the account has registered a model: whose signed pin requests relays accept.
    function isPublisher(address account) external view returns (bool);
}
