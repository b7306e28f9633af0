/** The largest model file the app offers to publish: the relays' default pin limit
 * (pin.max_bytes in p2p_config.yaml), so that what is published can also be pinned. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;
