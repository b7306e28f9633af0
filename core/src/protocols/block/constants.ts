// /permanet/block/1.0.0: one block by its CID from a peer's own store, nothing fetched for it. A
// relay asks a tab that announced a model for one of the model's blocks, picked at random, to rank
// the holders that do serve what they announce above those that only say so. Its id and limits.
export const BLOCK_PROTOCOL = '/permanet/block/1.0.0';
/** The largest block served: UnixFS leaves are 256 KiB here (import options), dag-pb nodes less. */
export const MAX_BLOCK_BYTES = 1024 * 1024;
/** An answer: the block as base64 in JSON, with room for the rest. */
export const MAX_BLOCK_MESSAGE_BYTES = Math.ceil(MAX_BLOCK_BYTES / 3) * 4 + 1024;
/** Requests per peer: on average per second, and at once. */
export const BLOCK_REQUESTS_PER_SECOND = 4;
export const BLOCK_BURST = 16;
/** How long a check may take before the holder counts as unchecked (not as failed). */
export const BLOCK_TIMEOUT_MS = 5000;
