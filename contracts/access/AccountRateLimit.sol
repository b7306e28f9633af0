// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title AccountRateLimit
/// @notice At most `perWindow` counted actions per account in each fixed window of `rateLimitWindow`
/// seconds (registrations in the marketplace, tasks in ProofOfInference), so one account cannot
/// flood the contract. The admin sets both.
abstract contract AccountRateLimit is AccessControl {
    struct RateWindow {
        uint64 start;
        uint32 count;
    }

    /// @notice The length of a window, in seconds.
    uint64 public rateLimitWindow;
    uint32 internal _perWindow;
    mapping(address account => RateWindow) private _windows;

    /// @notice The limit changed: `perWindow` actions per account per `window` seconds.
    event RateLimitChanged(uint32 perWindow, uint64 window);

    /// @notice `account` used its actions of this window; it may act again at `retryAt`.
    error RateLimited(address account, uint64 retryAt);

    constructor(uint32 perWindow, uint64 window) {
        _perWindow = perWindow;
        rateLimitWindow = window;
    }

    /// @notice Sets the limit to `perWindow` actions per account per `window` seconds.
    /// @param perWindow Actions one account may take in a window.
    /// @param window The window's length in seconds.
    function setRateLimit(uint32 perWindow, uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _perWindow = perWindow;
        rateLimitWindow = window;
        emit RateLimitChanged(perWindow, window);
    }

    /// @dev Counts one action of `account`, reverting past the limit.
    function _countAction(address account) internal {
        RateWindow storage w = _windows[account];
        if (block.timestamp >= uint256(w.start) + rateLimitWindow) {
            w.start = uint64(block.timestamp);
            w.count = 0;
        }
        if (w.count >= _perWindow) revert RateLimited(account, w.start + rateLimitWindow);
        w.count += 1;
    }
}
