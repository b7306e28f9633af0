// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ModelMarketplace
/// @notice The on-chain listing of PermaNet models: who published what, under which IPFS CID,
/// for which task, with which input and output spec. Weights live in IPFS; this contract is the
/// index that every browser reads to show the marketplace.
/// @dev Registration and listing only; licences, prices and royalties build on this record.
contract ModelMarketplace {
    /// @notice A registered model.
    /// @param creator The account that registered it.
    /// @param name A human-readable name, unique per marketplace.
    /// @param task What the model does (for example `image-classification`).
    /// @param weightsCid The CIDv1 (base32 string) of the ONNX file in IPFS.
    /// @param spec The input and output spec as JSON (names, shapes, element types, labels).
    /// @param sizeBytes The size of the ONNX file in bytes, shown before a download.
    /// @param registeredAt The block timestamp of the registration.
    struct Model {
        address creator;
        string name;
        string task;
        string weightsCid;
        string spec;
        uint64 sizeBytes;
        uint64 registeredAt;
    }

    /// @notice The longest name, task, CID or spec string accepted, in bytes.
    uint256 public constant MAX_FIELD_BYTES = 4096;

    Model[] private _models;
    mapping(bytes32 nameHash => uint256 idPlusOne) private _idByName;

    /// @notice Emitted when a model is registered.
    event ModelRegistered(uint256 indexed id, address indexed creator, string name, string weightsCid);

    /// @notice A required field was empty.
    error EmptyField(string field);
    /// @notice A field was longer than MAX_FIELD_BYTES.
    error FieldTooLong(string field, uint256 length);
    /// @notice The size of the weights was zero.
    error ZeroSize();
    /// @notice Another model already has this name.
    error NameTaken(string name, uint256 existingId);
    /// @notice No model has this id.
    error UnknownModel(uint256 id);
    /// @notice No model has this name.
    error UnknownName(string name);

    /// @notice Registers a model and returns its id (0-based, in registration order).
    function registerModel(
        string calldata name,
        string calldata task,
        string calldata weightsCid,
        string calldata spec,
        uint64 sizeBytes
    ) external returns (uint256 id) {
        _checkField("name", name);
        _checkField("task", task);
        _checkField("weightsCid", weightsCid);
        _checkField("spec", spec);
        if (sizeBytes == 0) revert ZeroSize();
        bytes32 nameHash = keccak256(bytes(name));
        uint256 existing = _idByName[nameHash];
        if (existing != 0) revert NameTaken(name, existing - 1);

        id = _models.length;
        _models.push(
            Model({
                creator: msg.sender,
                name: name,
                task: task,
                weightsCid: weightsCid,
                spec: spec,
                sizeBytes: sizeBytes,
                registeredAt: uint64(block.timestamp)
            })
        );
        _idByName[nameHash] = id + 1;
        emit ModelRegistered(id, msg.sender, name, weightsCid);
    }

    /// @notice The number of registered models.
    function modelCount() external view returns (uint256) {
        return _models.length;
    }

    /// @notice One model by id.
    function getModel(uint256 id) external view returns (Model memory) {
        if (id >= _models.length) revert UnknownModel(id);
        return _models[id];
    }

    /// @notice The id of the model with this name.
    function modelIdByName(string calldata name) external view returns (uint256) {
        uint256 idPlusOne = _idByName[keccak256(bytes(name))];
        if (idPlusOne == 0) revert UnknownName(name);
        return idPlusOne - 1;
    }

    /// @notice A page of models, `offset` first, at most `limit` of them.
    function listModels(uint256 offset, uint256 limit) external view returns (Model[] memory page) {
        uint256 total = _models.length;
        if (offset >= total) return new Model[](0);
        uint256 end = offset + limit > total ? total : offset + limit;
        page = new Model[](end - offset);
        for (uint256 i = offset; i < end; ++i) page[i - offset] = _models[i];
    }

    function _checkField(string memory field, string calldata value) private pure {
        uint256 length = bytes(value).length;
        if (length == 0) revert EmptyField(field);
        if (length > MAX_FIELD_BYTES) revert FieldTooLong(field, length);
    }
}
